"""A newsroom's concurrent writers: the same articles give the same timeline and visits whatever order
they arrive in and however many processes write at once, on SQLite and on PostgreSQL.

The ten articles in tests/fixtures/concurrent (written for these tests) tell four visits; several
retell the same events, so the merge has work to do and arrival order would show if it mattered.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.schema import Event, to_frame
from dashboard.service import ingest_many
from dashboard.settings import Settings
from dashboard.store import ArticleRow, Store

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((Path(__file__).parent / "fixtures" / "concurrent").glob("*.txt"))
WAIT_S = 180           # an upper bound for the children to finish; never a timing assertion

CHILD = """
import sys, time
from pathlib import Path
from dashboard.service import ingest_many
from dashboard.settings import Settings

go = Path(sys.argv[2])
while not go.exists():          # every child starts ingesting at once
    time.sleep(0.01)
reports = ingest_many(sys.argv[3:], Settings(db_path=sys.argv[1]))
for r in reports:
    print(r.message)
sys.exit(1 if any(r.error for r in reports) else 0)
"""


def events_of(store: Store) -> list[tuple]:
    """What the issue compares for events: kind, date, place, number of sources (in timeline order)."""
    t = store.timeline()
    return list(zip(t["kind"], t["date"].fillna("-"), t["place_id"].fillna("-"), t["n_sources"], strict=True))


def visits_of(store: Store) -> list[tuple]:
    visits, _ = store.visits()
    return [(v.title, v.start, v.end, tuple(sorted(v.articles))) for v in visits]


def whole(store: Store, corrected: bool = True) -> list[tuple]:
    """Everything shown of each event: also its title, time, sources in order and the first source's sentence."""
    t = store.timeline(corrected)
    return list(zip(t["kind"], t["date"].fillna("-"), t["time"].fillna("-"), t["place_id"].fillna("-"),
                    t["title"], t["sources"].map(tuple), t["evidence"], t["participants"], strict=True))


@pytest.fixture(scope="module")
def one_by_one(tmp_path_factory) -> Store:
    """The reference: the ten articles ingested one by one, in file order, into a SQLite store."""
    settings = Settings(db_path=str(tmp_path_factory.mktemp("reference") / "timeline.sqlite3"))
    reports = ingest_many(ARTICLES, settings)
    assert not [r.message for r in reports if r.error]
    return Store(settings.db_path)


def test_the_reference_has_four_visits_and_merged_retellings(one_by_one):
    assert len(ARTICLES) == 10
    assert len(visits_of(one_by_one)) == 4
    assert sum(n > 1 for *_, n in events_of(one_by_one)) >= 4          # retellings merged


def test_four_processes_ingesting_at_once_equal_one_by_one(one_by_one, db_target, tmp_path):
    go = tmp_path / "go"
    shares = [ARTICLES[k::4] for k in range(4)]           # each process its own articles
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, db_target, str(go), *map(str, share)], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for share in shares]
    time.sleep(0.5)
    go.touch()
    outcomes = [p.communicate(timeout=WAIT_S) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, outcomes
    store = Store(db_target)
    assert store.stats()["articles"] == 10 and len(set(store.articles()["id"])) == 10
    assert events_of(store) == events_of(one_by_one)
    assert visits_of(store) == visits_of(one_by_one)
    assert whole(store) == whole(one_by_one)
    assert store.integrity_check() == "ok"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_gives_the_same_timeline(one_by_one, backend, fresh_db, seed):
    order = ARTICLES[:]
    random.Random(seed).shuffle(order)
    settings = Settings(db_path=fresh_db(f"order{seed}"))
    assert not [r.message for r in ingest_many(order, settings) if r.error]
    store = Store(settings.db_path)
    assert whole(store) == whole(one_by_one)
    assert visits_of(store) == visits_of(one_by_one)


def test_a_delete_and_a_restore_give_the_timeline_of_the_articles_there(one_by_one, backend, fresh_db):
    """Deleting the first article of a visit equals never storing it; restoring it, storing it."""
    target, settings = fresh_db("deleted"), Settings(db_path=fresh_db("without"))
    ingest_many(ARTICLES, Settings(db_path=target))
    store = Store(target)
    articles = store.articles()
    first = articles.loc[articles["source"] == ARTICLES[0].name, "id"].iloc[0]
    assert store.delete_article(first).found
    ingest_many(ARTICLES[1:], settings)
    assert whole(store) == whole(Store(settings.db_path))
    assert store.restore_article(first).found
    assert whole(store) == whole(one_by_one)


# -- the same, with hand-made events: every order of four articles, and deletes --------------------------

KHIVA = {"place": "Khiva", "place_id": "city:khiva", "city": "Khiva", "lat": 41.3783, "lon": 60.3636}
AIRPORT = {"place": "Urgench airport", "place_id": "airport:UGC", "city": "Urgench", "lat": 41.5843,
           "lon": 60.6417}
CITY_ONLY = {"place": "Khiva", "city": "Khiva"}      # no coordinates: a later source fills them in


def made(article: str, *events: tuple[str, str, dict, dict]) -> pd.DataFrame:
    return to_frame([Event(article=article, seq=k, kind=kind, date=date, title=f"{kind} ({article})",
                           evidence=f"{article}: {kind}.", **place, **extra)
                     for k, (kind, date, place, extra) in enumerate(events)])


FOUR = {
    "full": made("full", ("arrival", "2024-04-05", AIRPORT, {}), ("talks", "2024-04-05", CITY_ONLY, {}),
                 ("ceremony", "2024-04-05", KHIVA, {}), ("departure", "2024-04-06", AIRPORT, {})),
    "retold": made("retold", ("talks", "2024-04-05", KHIVA, {"time": "11:00"}),
                   ("ceremony", "2024-04-05", KHIVA, {}), ("press", "2024-04-05", KHIVA, {})),
    "short": made("short", ("ceremony", "2024-04-05", KHIVA, {}), ("departure", "2024-04-06", AIRPORT, {}),
                  ("signing", None, KHIVA, {"date_precision": "unknown"})),
    "undated": made("undated", ("press", None, KHIVA, {"date_precision": "unknown"}),
                    ("ceremony", "2024-04-05", KHIVA, {})),
}
PUBLISHED = {"full": "2024-04-06", "retold": "2024-04-06", "short": "2024-04-07", "undated": "2024-04-06"}


def fill(store: Store, names) -> Store:
    for name in names:
        store.add_article(ArticleRow(id=name, text=f"text of {name}", published=PUBLISHED[name]), FOUR[name])
    return store


def test_every_order_of_four_articles_gives_one_timeline(tmp_path):
    """All 24 orders (SQLite; the backends share the code, and a few orders run on both below)."""
    import itertools

    seen = {tuple(whole(fill(Store(tmp_path / f"{'-'.join(p)}.sqlite3"), p)))
            for p in itertools.permutations(FOUR)}
    assert len(seen) == 1
    (timeline,) = seen
    ceremony = [e for e in timeline if e[0] == "ceremony"]
    assert [len(e[5]) for e in ceremony] == [4]          # one ceremony, told by all four
    talks = [e for e in timeline if e[0] == "talks"]
    assert talks[0][2:4] == ("11:00", "city:khiva")     # the time and a place with coordinates filled in


def test_orders_agree_on_both_backends(backend, fresh_db):
    orders = [list(FOUR), list(reversed(FOUR)), ["short", "undated", "full", "retold"]]
    found = [whole(fill(Store(fresh_db(f"o{k}")), order)) for k, order in enumerate(orders)]
    assert found[0] == found[1] == found[2]


def test_deleting_an_article_gives_the_timeline_of_the_others(backend, fresh_db):
    for gone in FOUR:
        store = fill(Store(fresh_db(f"all-{gone}")), FOUR)
        store.delete_article(gone)
        left = fill(Store(fresh_db(f"left-{gone}")), [n for n in reversed(FOUR) if n != gone])
        assert whole(store) == whole(left), gone


# -- races: a write that loses one is run again; nothing is lost or doubled -------------------------------

class _Orig(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(("sqlstate", "runs"), [("40001", 2), ("40P01", 2), ("23505", 2), ("42P01", 1)],
                         ids=["serialization", "deadlock", "unique-key", "not-a-race"])
def test_a_write_that_lost_a_race_runs_again(tmp_path, sqlstate, runs):
    from sqlalchemy import exc

    from dashboard.errors import StoreError
    from dashboard.store import db

    store, calls = Store(tmp_path / "race.sqlite3"), []

    def work(conn):
        calls.append(1)
        conn.execute("INSERT INTO visit_cache (valid) VALUES (?)", (len(calls),))
        if len(calls) == 1:
            raise exc.OperationalError("INSERT ...", {}, _Orig(sqlstate))
        return "done"

    if runs == 1:
        with pytest.raises(StoreError, match=sqlstate):
            db.retried(store.engine, store.where, work)
    else:
        assert db.retried(store.engine, store.where, work) == "done"
    assert len(calls) == runs
    with store.connect() as conn:        # the lost attempt was rolled back: only the second row stayed
        assert conn.execute("SELECT valid FROM visit_cache ORDER BY valid").fetchall() == \
            ([(0,), (2,)] if runs == 2 else [(0,)])


def test_one_article_from_four_processes_at_once_is_stored_once(one_by_one, db_target, tmp_path):
    go, env = tmp_path / "go", dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, db_target, str(go), str(ARTICLES[0])], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    time.sleep(0.5)
    go.touch()
    outs = [p.communicate(timeout=WAIT_S)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, outs
    assert sorted("already in the timeline" in out for out in outs) == [False, True, True, True], outs
    store = Store(db_target)
    assert store.stats()["articles"] == 1
    reference = Store(fresh_target := str(tmp_path / "single.sqlite3"))
    ingest_many(ARTICLES[:1], Settings(db_path=fresh_target))
    assert whole(store) == whole(reference)


def test_corrections_deletes_and_reextractions_at_once_lose_nothing(backend, fresh_db):
    """Threads, each with its own store handle: 20 corrections of one event (its anchor made once),
    delete/restore rounds and re-extractions meanwhile; every correction is kept, the timeline is the
    one of the articles, the audit has every write."""
    import threading

    db_target = fresh_db("busy")
    fill(Store(db_target), FOUR)
    ceremony = int(Store(db_target).timeline().query("kind == 'ceremony'")["event_id"].iloc[0])
    failures: list[BaseException] = []

    def guarded(job):
        def run():
            try:
                job(Store(db_target))
            except BaseException as exc:   # reported below: a thread's failure must fail the test
                failures.append(exc)
        return threading.Thread(target=run)

    def corrector(name):
        def job(store):
            for k in range(5):
                store.edit(ceremony, name, "edit", {}, {"title": f"{name} {k}"})
        return job

    def deleter(store):
        for _ in range(3):
            store.delete_article("short", author="Gulnora")
            store.restore_article("short", author="Gulnora")

    def reextractor(store):
        for _ in range(3):
            store.replace_events("retold", FOUR["retold"], author="Timur")

    threads = [guarded(corrector(n)) for n in ("Aziza", "Bekzod")] + [guarded(deleter), guarded(reextractor)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT_S)
    assert not failures, failures
    store = Store(db_target)
    log = store.edit_log()
    assert len(log) == 10 and log["anchor"].nunique() == 1
    assert sorted(store.history()["action"].value_counts().items()) == [
        ("delete", 3), ("edit", 10), ("ingest", 4), ("reextract", 3), ("restore", 3)]
    assert whole(store, corrected=False) == whole(fill(Store(fresh_db("reference")), FOUR), corrected=False)
    assert store.timeline().query("kind == 'ceremony'")["edited_by"].iloc[0] in {"Aziza", "Bekzod"}
