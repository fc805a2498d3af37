"""The SQLite store with hand-made event frames: add, merge, order, delete, read back."""
from __future__ import annotations

import pandas as pd
import pytest
from pg import sqlite_only

from dashboard.errors import StoreError
from dashboard.schema import COLUMNS, Event, records, to_frame
from dashboard.store import MIGRATIONS, SCHEMA_VERSION, ArticleRow, Store

AIRPORT = ("Urgench International Airport", "airport:UGC", "Urgench", 41.5843, 60.6417)
CARPETS = ("Xiva gilamlari carpet factory", "landmark:xiva-gilamlari", "Khiva", 41.3783, 60.3639)
KHIVA = ("Khiva", "city:khiva", "Khiva", 41.3783, 60.3636)
ICHAN = ("Ichan-Qala", "landmark:ichan-qala", "Khiva", 41.3786, 60.3592)
SAMARKAND = ("Samarkand", "city:samarkand", "Samarkand", 39.6542, 66.9597)


def ev(article: str, seq: int, kind: str, place: tuple | None, date: str = "2024-04-05", **extra) -> Event:
    name, pid, city, lat, lon = place or (None, None, None, None, None)
    fields = {"title": f"{kind} at {name}", "date_precision": "day", "place": name, "place_id": pid,
              "city": city, "lat": lat, "lon": lon, "evidence": f"{article} sentence {seq}",
              "evidence_start": seq * 10, "evidence_end": seq * 10 + 9, "confidence": 0.5} | extra
    return Event(article=article, seq=seq, kind=kind, date=date, **fields)


SEED = to_frame([ev("seed", 0, "arrival", AIRPORT, participants="Toqaev; Mirziyoev"),
                 ev("seed", 1, "tour", CARPETS), ev("seed", 2, "talks", KHIVA),
                 ev("seed", 3, "visit", ICHAN), ev("seed", 4, "departure", AIRPORT)])
RETELLING = to_frame([ev("retell", 0, "tour", CARPETS, time="10:30",
                         participants="Toqaev; Shavkat Mirziyoev"),
                      ev("retell", 1, "talks", KHIVA, confidence=0.9),
                      ev("retell", 2, "visit", ICHAN), ev("retell", 3, "departure", AIRPORT)])
OTHER = to_frame([ev("other", 0, "arrival", SAMARKAND, date="2024-05-10"),
                  ev("other", 1, "talks", SAMARKAND, date="2024-05-10")])


@pytest.fixture
def store(db_target) -> Store:
    """An empty store, on SQLite (in a folder that does not exist yet) and on PostgreSQL."""
    return Store(db_target)


def add(store: Store, aid: str, frame, text: str | None = None, published: str = "2024-04-05"):
    row = ArticleRow(id=aid, text=text or f"text of {aid}", title=f"Title {aid}", source=f"{aid}.txt",
                     published=published, language="uz-Latn")
    return store.add_article(row, frame)


@pytest.fixture
def seeded(store) -> Store:
    add(store, "seed", SEED)
    return store


def test_new_store_is_empty_and_migrated(store):
    assert store.path is None or store.path.exists()
    assert store.timeline().empty
    assert list(store.timeline().columns) == [*COLUMNS, "event_id", "position", "sources", "n_sources", "key", "edited_by", "edited_at", "edit_id"]
    assert store.articles().empty
    assert store.stats() == {"articles": 0, "events": 0, "links": 0, "merged_events": 0,
                             "schema_version": SCHEMA_VERSION}
    assert store.integrity_check() == "ok"


def test_seed_gives_five_events_in_order(seeded):
    timeline = seeded.timeline()
    assert timeline["kind"].tolist() == ["arrival", "tour", "talks", "visit", "departure"]
    assert timeline["position"].tolist() == [0, 1, 2, 3, 4]
    assert timeline["sources"].tolist() == [["seed"]] * 5
    assert timeline["article"].tolist() == ["seed"] * 5
    assert timeline.loc[0, "lat"] == pytest.approx(41.5843)
    assert timeline.loc[0, "participants"] == "Toqaev; Mirziyoev"


def test_retelling_merges_four(seeded):
    result = add(seeded, "retell", RETELLING)     # the same day, fewer events: the seed speaks first
    assert (result.added, result.merged, result.duplicate) == (0, 4, False)
    timeline = seeded.timeline()
    assert len(timeline) == 5
    assert timeline["n_sources"].tolist() == [1, 2, 2, 2, 2]
    assert timeline.loc[1, "sources"] == ["seed", "retell"]
    assert timeline.loc[1, "evidence"] == "seed sentence 1"          # the first source speaks
    assert timeline.loc[1, "time"] == "10:30"                        # filled from the retelling
    assert timeline.loc[1, "participants"] == "Toqaev; Shavkat Mirziyoev"
    assert timeline.loc[2, "confidence"] == pytest.approx(0.9)       # the best source's confidence
    assert seeded.stats()["merged_events"] == 4


def test_same_article_twice_is_a_no_op(seeded):
    before = seeded.timeline()
    result = add(seeded, "seed", SEED)
    assert result.duplicate and (result.added, result.merged) == (0, 0)
    assert seeded.timeline().equals(before)
    assert len(seeded.articles()) == 1


def test_different_visit_adds_after(seeded):
    result = add(seeded, "other", OTHER)
    assert (result.added, result.merged) == (2, 0)
    timeline = seeded.timeline()
    assert timeline["date"].tolist() == ["2024-04-05"] * 5 + ["2024-05-10"] * 2
    assert timeline["sources"].tolist()[-2:] == [["other"], ["other"]]


def test_delete_retelling_leaves_seed_with_one_source(seeded):
    add(seeded, "retell", RETELLING)
    result = seeded.delete_article("retell")
    assert (result.found, result.removed, result.kept) == (True, 0, 4)
    timeline = seeded.timeline()
    assert len(timeline) == 5
    assert timeline["sources"].tolist() == [["seed"]] * 5
    assert not seeded.has_article("retell")


def test_delete_first_source_falls_back_to_the_other(seeded):
    add(seeded, "retell", RETELLING)
    add(seeded, "other", OTHER)
    result = seeded.delete_article("seed")
    assert (result.removed, result.kept) == (1, 4)       # the arrival had no other source
    timeline = seeded.timeline()
    assert timeline["kind"].tolist() == ["tour", "talks", "visit", "departure", "arrival", "talks"]
    assert timeline["position"].tolist() == list(range(6))
    assert timeline.loc[0, "evidence"] == "retell sentence 0"
    assert timeline.loc[0, "article"] == "retell" and timeline.loc[0, "seq"] == 0
    assert timeline.loc[0, "participants"] == "Toqaev; Shavkat Mirziyoev"


def test_delete_unknown_article(seeded):
    result = seeded.delete_article("nope")
    assert not result.found
    assert len(seeded.timeline()) == 5


def test_articles_listing(seeded):
    add(seeded, "retell", RETELLING)
    arts = seeded.articles()
    assert list(arts.columns) == ["id", "title", "source", "published", "language", "ingested_at",
                                  "published_from", "url", "n_events"]
    assert arts["id"].tolist() == ["seed", "retell"]
    assert arts["n_events"].tolist() == [5, 4]
    assert arts.loc[0, "source"] == "seed.txt" and arts.loc[0, "language"] == "uz-Latn"


def test_article_without_events_is_stored(store):
    result = add(store, "empty", to_frame([]))
    assert (result.added, result.merged, result.duplicate) == (0, 0, False)
    assert store.has_article("empty")
    assert store.articles()["n_events"].tolist() == [0]


def test_article_text_round_trips_verbatim(store):
    text = "Sarlavha\r\n<script>alert(1)</script> ' \" ; DROP TABLE articles; --\n\u02bb\u02bc"
    add(store, "odd", to_frame([]), text=text)
    assert store.article_text("odd") == text
    assert store.stats()["articles"] == 1


def test_article_text_unknown_id(store):
    with pytest.raises(StoreError, match="no article"):
        store.article_text("abc")


def test_unreadable_file_is_a_store_error(tmp_path):
    bad = tmp_path / "not-a-db.sqlite3"
    bad.write_bytes(b"this is not a database file at all, just text" * 100)
    with pytest.raises(StoreError, match="not-a-db"):
        Store(bad)


def test_newer_schema_is_refused(store):
    with store.connect() as conn:
        conn.execute(f"UPDATE alembic_version SET version_num = '{SCHEMA_VERSION + 1:04d}'")
    with pytest.raises(StoreError, match=r"update the program"):
        Store(store.path or store.url)


def test_wal_and_foreign_keys_are_on(store):
    sqlite_only(store, "PRAGMAs")
    with store.connect() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_failed_add_leaves_nothing(seeded, monkeypatch):
    before = (seeded.timeline(), seeded.articles())

    merge_in = Store._merge_in

    def boom(*args, **kwargs):
        merge_in(*args, **kwargs)          # every row written, then the disk fails before COMMIT
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_merge_in", boom)
    with pytest.raises(RuntimeError):
        add(seeded, "retell", RETELLING)
    assert seeded.timeline().equals(before[0])
    assert seeded.articles().equals(before[1])


# -- per-day positions: old stores, touched rows, order after adds and deletes ------------------------

D1, D2 = "2024-04-05", "2024-04-06"


def old_store(path) -> None:
    """A schema-version-1 store as the former code wrote it: positions 0..n-1 over the whole timeline
    (sorted by date, undated last) and event ids NOT in timeline order."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('old', 'old text', '2024-01-01')")
    rows = [  # id, position, kind, date, place, place_id, city, lat, lon
        (3, 0, "arrival", D1, *AIRPORT), (1, 1, "tour", D1, *CARPETS), (2, 2, "talks", D1, *KHIVA),
        (6, 3, "visit", D2, *ICHAN), (5, 4, "departure", D2, *AIRPORT), (4, 5, "press", None, *KHIVA)]
    conn.executemany("INSERT INTO events (id, position, kind, date, place, place_id, city, lat, lon)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO event_sources (event_id, article_id, seq) VALUES (?, 'old', ?)",
                     [(r[0], r[1]) for r in rows])
    conn.close()


def test_an_old_store_migrates_and_keeps_its_order(tmp_path):
    path = tmp_path / "old.sqlite3"
    old_store(path)
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION == 10
    timeline = store.timeline()
    assert timeline["event_id"].tolist() == [3, 1, 2, 6, 5, 4]
    assert timeline["position"].tolist() == list(range(6))
    with store.connect() as conn:   # no data rewrite: the stored positions are the old global ones
        assert [r[0] for r in conn.execute("SELECT position FROM events ORDER BY id")] == [1, 2, 0, 5, 4, 3]
        assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")} \
            >= {"events_day"}
    # a retelling: merges the tour, adds a press event after it, a D2 ceremony before the merged
    # departure, and an undated event after the stored undated one
    new = to_frame([ev("new", 0, "tour", CARPETS), ev("new", 1, "press", KHIVA),
                    ev("new", 2, "ceremony", SAMARKAND, date=D2), ev("new", 3, "departure", AIRPORT, date=D2),
                    ev("new", 4, "signing", KHIVA, date=None, date_precision="unknown")])
    result = add(store, "new", new)
    assert (result.added, result.merged) == (3, 2)
    timeline = store.timeline()
    kinds = list(zip(timeline["kind"], timeline["date"].fillna("-"), strict=True))
    assert kinds == [("arrival", D1), ("tour", D1), ("press", D1), ("talks", D1), ("visit", D2),
                     ("ceremony", D2), ("departure", D2), ("press", "-"), ("signing", "-")]
    assert timeline["n_sources"].tolist() == [1, 2, 1, 1, 1, 1, 2, 1, 1]
    assert timeline["position"].tolist() == list(range(9))


@pytest.fixture
def three_days(store) -> Store:
    add(store, "d1", to_frame([ev("d1", 0, "arrival", AIRPORT, date=D1), ev("d1", 1, "tour", CARPETS, date=D1),
                               ev("d1", 2, "talks", KHIVA, date=D1)]))
    add(store, "d2", to_frame([ev("d2", 0, "visit", ICHAN, date=D2), ev("d2", 1, "departure", AIRPORT, date=D2)]))
    add(store, "d3", to_frame([ev("d3", 0, "arrival", SAMARKAND, date="2024-05-10")]))
    return store


def test_adding_touches_only_the_rows_of_its_dates(three_days, monkeypatch):
    import dashboard.store.core as store_module

    sqlite_only(three_days, "the trigger that records updates is SQLite's syntax")
    with three_days.connect() as conn:
        conn.execute("CREATE TABLE touched (id INTEGER)")
        conn.execute("CREATE TRIGGER log_update AFTER UPDATE ON events BEGIN"
                     " INSERT INTO touched VALUES (old.id); END")
        day1 = {r[0] for r in conn.execute("SELECT id FROM events WHERE date = ?", (D1,))}
    planned = []
    original = store_module.plan_merge
    monkeypatch.setattr(store_module, "plan_merge",
                        lambda timeline, *a, **k: planned.append(timeline) or original(timeline, *a, **k))
    # a ceremony before the merged tour: the tour and the talks move down one place, nothing else moves
    result = add(three_days, "d1b", to_frame([ev("d1b", 0, "ceremony", KHIVA, date=D1),
                                              ev("d1b", 1, "tour", CARPETS, date=D1)]))
    assert (result.added, result.merged) == (1, 1)
    assert {r["date"] for r in planned[0]} == {D1} and {r["event_id"] for r in planned[0]} == day1
    with three_days.connect() as conn:
        touched = {r[0] for r in conn.execute("SELECT id FROM touched")}
    assert touched and touched <= day1
    assert three_days.timeline()["kind"].tolist()[:4] == ["arrival", "ceremony", "tour", "talks"]


def test_undated_events_go_last_after_reading_only_the_last_undated_one(store, monkeypatch):
    import dashboard.store.core as store_module

    for k in range(3):
        add(store, f"u{k}", to_frame([ev(f"u{k}", 0, "talks", None, date=None),
                                      ev(f"u{k}", 1, "arrival", AIRPORT, date=D1)]))
    planned = []
    original = store_module.plan_merge
    monkeypatch.setattr(store_module, "plan_merge",
                        lambda timeline, *a, **k: planned.append(timeline) or original(timeline, *a, **k))
    add(store, "u3", to_frame([ev("u3", 0, "press", None, date=None), ev("u3", 1, "visit", ICHAN, date=D1),
                               ev("u3", 2, "signing", None, date=None)]), published="2024-04-06")  # comes last
    assert [r["date"] for r in planned[0]].count(None) == 1
    timeline = store.timeline()
    assert timeline["article"].tolist() == ["u0", "u3", "u0", "u1", "u2", "u3", "u3"]
    assert timeline["kind"].tolist() == ["arrival", "visit", "talks", "talks", "talks", "press", "signing"]


def signature(store: Store) -> list[tuple]:
    """What must not depend on arrival order: each event's kind, date, place, time, title and sources."""
    t = store.timeline()
    return list(zip(t["kind"], t["date"].fillna("-"), t["place_id"].fillna("-"), t["time"].fillna("-"),
                    t["title"], t["sources"].map(tuple), strict=True))


def test_order_after_adds_and_deletes_follows_the_whole_timeline_plan(store, fresh_db):
    """Random adds and deletes. An article published after all the others merges as planned on the
    WHOLE timeline (the former behaviour), though the store only reads the days it touches; after a
    delete, the timeline is the one the remaining articles give in any order (a fresh store fed in
    reverse)."""
    import datetime as dt
    import random

    from dashboard.merge import plan_merge

    rng = random.Random(7)
    places, days = [AIRPORT, CARPETS, KHIVA, ICHAN, SAMARKAND, None], [D1, D2, "2024-05-10", None]
    alive: list[str] = []
    frames: dict[str, pd.DataFrame] = {}
    published: dict[str, str] = {}
    merged_total = 0
    for step in range(30):
        before = store.timeline()
        if alive and rng.random() < 0.3:
            gone = alive.pop(rng.randrange(len(alive)))
            single = {e for e, s in zip(before["event_id"], before["sources"], strict=True) if s == [gone]}
            store.delete_article(gone)
            fresh = Store(fresh_db(f"fresh{step}"))
            for aid in reversed(alive):
                add(fresh, aid, frames[aid], published=published[aid])
            assert signature(store) == signature(fresh), f"step {step}"
            assert set(store.timeline()["event_id"]) >= {e for e in before["event_id"] if e not in single}
            expected = store.timeline()["event_id"].tolist()
        else:
            aid = f"a{step}"
            frames[aid] = frame = to_frame([ev(aid, k, rng.choice(["tour", "talks"]), rng.choice(places),
                                               date=rng.choice(days)) for k in range(rng.randint(1, 6))])
            published[aid] = (dt.date(2024, 1, 1) + dt.timedelta(days=step)).isoformat()
            plan = plan_merge(before, records(frame), merge_km=15.0)
            merged_total += add(store, aid, frame, published=published[aid]).merged
            alive.append(aid)
            after = store.timeline()
            new_id = {int(s): int(e) for e, a, s in zip(after["event_id"], after["article"], after["seq"],
                                                         strict=True) if a == aid}
            expected = [s.event_id if s.new is None else new_id[s.new] for s in plan.order]
        timeline = store.timeline()
        assert timeline["event_id"].tolist() == expected, f"step {step}"
        assert timeline["position"].tolist() == list(range(len(timeline)))
    assert merged_total >= 5 and store.stats()["events"] >= 10


def test_an_earlier_article_among_undated_events_merges_its_days_in_place(store, fresh_db, monkeypatch):
    """An article published before some stored ones that have undated events, but after every article of
    its dated days, merges those days in place (no day merged again) and puts the undated events in the
    canonical order, also after a delete: the timeline is the one the articles give in any order (a fresh
    store fed in reverse)."""
    import random

    import dashboard.store.core as store_module

    rng = random.Random(11)
    places = [AIRPORT, CARPETS, KHIVA, ICHAN, None]
    again = []
    original = store_module.replay.merge_again
    monkeypatch.setattr(store_module.replay, "merge_again", lambda *a, **k: again.append(a[1]) or original(*a, **k))
    added: list[tuple[str, pd.DataFrame, str]] = []
    for step in range(12):
        aid = f"a{step}"
        day = f"2024-04-{step + 1:02d}"            # a day of its own: it comes last on it
        frame = to_frame([ev(aid, k, rng.choice(["tour", "talks"]), rng.choice(places),
                             date=rng.choice([day, None])) for k in range(rng.randint(2, 5))])
        published = f"2024-05-{rng.randint(1, 28):02d}"   # not in arrival order
        add(store, aid, frame, published=published)
        added.append((aid, frame, published))
        if step == 7:                      # a delete leaves gaps in the undated events' positions
            store.delete_article(added.pop(3)[0])
    assert again == []
    fresh = Store(fresh_db("fresh"))
    for aid, frame, published in reversed(added):
        add(fresh, aid, frame, published=published)
    assert signature(store) == signature(fresh)
    assert store.timeline()["date"].isna().sum() >= 6


def test_stored_principals_keep_two_visitors_on_one_day_apart(store):
    """The merge reads the stored events' participants (of every source): a second visitor to the same
    city on the same day gets its own event; a retelling naming the same visitor merges."""
    tashkent = ("Tashkent", "city:tashkent", "Tashkent", 41.3111, 69.2797)
    host = "Shavkat Mirziyoyev"
    add(store, "kz", to_frame([ev("kz", 0, "talks", tashkent, country="UZ",
                                  participants=f"Kassym-Jomart Tokayev; {host}")]))
    assert add(store, "tr", to_frame([ev("tr", 0, "talks", tashkent, country="UZ",
                                         participants=f"Recep Tayyip Erdoğan; {host}")])).merged == 0
    assert add(store, "kz2", to_frame([ev("kz2", 0, "talks", tashkent, country="UZ",
                                          participants="Kassym-Jomart Tokayev")])).merged == 1
    assert sorted(store.timeline()["n_sources"]) == [1, 2]


@pytest.mark.parametrize(("rows", "expected"), [
    ([("a", 1), (None, None)], {"name": ["a", pd.NA], "n": [1, pd.NA]}),
    ([(7, 2)], {"name": ["7"], "n": [2]}),                    # a number in a text column becomes text
    ([], {"name": [], "n": []}),
], ids=["with-missing", "number-as-text", "no-rows"])
def test_query_rows_become_nullable_string_and_int_columns(rows, expected):
    from dashboard.store.rows import typed

    frame = typed(rows, ("name", "n"), ("n",))
    assert list(frame.columns) == ["name", "n"]
    assert str(frame["name"].dtype) == "string" and str(frame["n"].dtype) == "Int64"
    assert frame["name"].astype(object).where(frame["name"].notna(), None).tolist() == [
        None if v is pd.NA else v for v in expected["name"]]
    assert frame["n"].astype(object).where(frame["n"].notna(), None).tolist() == [
        None if v is pd.NA else v for v in expected["n"]]
