"""Durability of the store: kill -9 mid-transaction, restarts, concurrent writers, idempotence,
script text kept verbatim, SQL only with parameters. Each test checks the result AND the store."""
from __future__ import annotations

import ast
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.demo import ensure_seed
from dashboard.merge import article_id
from dashboard.schema import Event, to_frame
from dashboard.service import ingest_many, ingest_text, store_for
from dashboard.settings import Settings
from dashboard.store import ArticleRow, Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SEED = ROOT / "data" / "seed" / "khiva_visit_2024-04-05.txt"
RETELLING = FIXTURES / "khiva_retelling_cyrl.txt"
SAMARKAND = FIXTURES / "samarkand_visit.txt"
WAIT_S = 120          # generous upper bound for a child to reach a point; never a timing assertion

# The child process: ingests its files through the service. Only this script reads VT_TEST_HOLD:
# when set, the store pauses after writing every row of the transaction (before COMMIT), touches
# VT_TEST_HOLD + ".reached" and waits until VT_TEST_HOLD exists (or forever, to be killed).
CHILD = """
import os, sys, time
from pathlib import Path
import dashboard.store.core as store_module
from dashboard.service import ingest_many
from dashboard.settings import Settings

hold = os.environ.get("VT_TEST_HOLD")
if hold:
    original = store_module._apply

    def paused(*args, **kwargs):
        original(*args, **kwargs)
        Path(hold + ".reached").touch()
        while not Path(hold).exists():
            time.sleep(0.05)

    store_module._apply = paused

settings = Settings(db_path=Path(sys.argv[1]))
reports = ingest_many(sys.argv[2:], settings, published="2024-04-05")
for r in reports:
    print(r.message)
sys.exit(1 if any(r.error for r in reports) else 0)
"""


def child(db: Path, *files: Path, hold: Path | None = None) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("VT_TEST_HOLD", None)
    if hold is not None:
        env["VT_TEST_HOLD"] = str(hold)
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db), *map(str, files)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(path: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT_S
    while not path.exists():
        if proc.poll() is not None:
            pytest.fail(f"child ended before reaching the hold point: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("child never reached the hold point")
        time.sleep(0.05)


def snapshot(store: Store):
    return store.articles(), store.timeline(), store.stats()


def same(a, b) -> bool:
    return a[0].equals(b[0]) and a[1].equals(b[1]) and a[2] == b[2]


def small_frame(article: str, kind: str, city: str, date: str) -> object:
    return to_frame([Event(article=article, seq=0, kind=kind, title=f"{kind} {city}", date=date,
                           place=city, city=city, lat=41.0, lon=60.0)])


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_path=tmp_path / "timeline.sqlite3")


@pytest.fixture
def seeded(settings) -> Store:
    store = store_for(settings)
    store.add_article(ArticleRow(id="seed-article", text="seed"),
                      small_frame("seed-article", "talks", "Khiva", "2024-04-05"))
    return store


def test_kill_9_mid_transaction_leaves_the_store_as_before(tmp_path, settings):
    assert ensure_seed(settings).added == 5
    store = store_for(settings)
    before = snapshot(store)
    hold = tmp_path / "hold"
    proc = child(settings.db_path, RETELLING, hold=hold)   # merges: updates existing rows too
    wait_for(Path(str(hold) + ".reached"), proc)            # every row written, COMMIT not yet
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    reopened = Store(settings.db_path)
    assert reopened.integrity_check() == "ok"
    assert same(snapshot(reopened), before)
    assert not reopened.has_article(article_id(RETELLING.read_text(encoding="utf-8")))
    # the lock died with the process: the same file goes in now
    report = ingest_many([RETELLING], settings, published="2024-04-05")[0]
    assert report.message == f"{RETELLING.name}: 0 added, 4 merged"
    assert reopened.stats()["merged_events"] == 4


def test_restart_shows_everything(settings, seeded):
    ingest_many([SAMARKAND], settings, published="2024-04-05")
    before = snapshot(seeded)
    again = Store(settings.db_path)
    assert same(snapshot(again), before)
    assert before[2]["articles"] == 2
    assert again.article_text(article_id(SAMARKAND.read_text(encoding="utf-8"))) == \
        SAMARKAND.read_text(encoding="utf-8").rstrip("\n")


def test_a_writer_waits_for_a_held_transaction_then_both_land(tmp_path, settings, seeded):
    hold = tmp_path / "hold"
    first = child(settings.db_path, SAMARKAND, hold=hold)
    wait_for(Path(str(hold) + ".reached"), first)     # first holds the write lock
    second = child(settings.db_path, RETELLING)        # queues on the busy timeout
    hold.touch()
    out1, err1 = first.communicate(timeout=WAIT_S)
    out2, err2 = second.communicate(timeout=WAIT_S)
    assert (first.returncode, second.returncode) == (0, 0), (err1, err2)
    assert out1.startswith("samarkand_visit.txt: ") and out2.startswith("khiva_retelling_cyrl.txt: ")
    store = Store(settings.db_path)
    assert set(store.articles()["source"]) == {"", "samarkand_visit.txt", "khiva_retelling_cyrl.txt"}
    assert store.integrity_check() == "ok"


def test_parallel_writers_all_land(tmp_path, settings, seeded):
    files = []
    for i in range(4):
        path = tmp_path / f"article_{i}.txt"
        path.write_text(f"Maqola {i}\n\nBu {i}-sonli maqola matni.\n", encoding="utf-8")
        files.append(path)
    procs = [child(settings.db_path, f) for f in files]
    results = [p.communicate(timeout=WAIT_S) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, results
    store = Store(settings.db_path)
    assert set(store.articles()["source"]) >= {f.name for f in files}
    assert store.stats()["articles"] == 5
    assert store.integrity_check() == "ok"


@pytest.mark.parametrize("variant", [
    lambda t: t.replace("\n", "\r\n"),
    lambda t: t.replace("ʻ", "'"),
    lambda t: t.replace("ʻ", "‘").replace(". ", ".  "),
    lambda t: t.replace(" kuni ", " kuni\n", 3),
], ids=["crlf", "ascii-apostrophes", "curly-and-spaces", "rewrapped"])
def test_reingesting_the_same_article_changes_nothing(settings, variant):
    text = SEED.read_text(encoding="utf-8")
    first = ingest_text(text, settings, name="first.txt", published="2024-04-05")
    before = snapshot(store_for(settings))
    report = ingest_text(variant(text), settings, name="again.txt", published="2024-04-05")
    assert report.duplicate and report.article_id == first.article_id
    assert report.message == "again.txt: already in the timeline (no change)"
    assert same(snapshot(store_for(settings)), before)


def test_script_text_is_stored_verbatim(settings):
    path = FIXTURES / "script_injection.txt"
    report = ingest_many([path], settings, published="2024-04-05")[0]
    assert report.ok and report.message.startswith("script_injection.txt: ")
    stored = store_for(settings).article_text(report.article_id)
    assert "<script>alert(1)</script>" in stored
    assert "<img src=x onerror=alert(1)>" in stored
    assert stored == path.read_text(encoding="utf-8").rstrip("\n")


def test_quotes_and_sql_in_values_are_just_data(settings):
    store = store_for(settings)
    nasty = "x'); DROP TABLE articles; --"
    result = store.add_article(ArticleRow(id=nasty, text=nasty, title=nasty, source=nasty + ".txt"),
                               small_frame(nasty, "talks", "Khiva'; DELETE FROM events; --", "2024-04-05"))
    assert result.added == 1
    assert store.articles()[["id", "title"]].values.tolist() == [[nasty, nasty]]
    assert store.timeline()["city"].tolist() == ["Khiva'; DELETE FROM events; --"]
    assert store.article_text(nasty) == nasty


# Names that may appear inside an f-string SQL statement: column lists and placeholders built from
# the schema, conditions joined from fixed fragments with "?" placeholders (where, at, by: column
# names), the backend's aggregate (conn.concat), integer constants. Every value goes in as a "?" parameter.
SQL_FSTRING_NAMES = {"cols", "marks", "link_cols", "link_marks", "event_cols", "sets", "BUSY_TIMEOUT_MS",
                     "number", "where", "where_e", "where_a", "dates", "articles", "len", "conn", "SCHEMA_VERSION",
                     "until", "at", "by", "_ARTICLE"}


@pytest.mark.parametrize("module", ["core", "rows", "edits", "migrations", "replay", "trash", "evidence",
                                    "visits", "dirty", "held"])
def test_sql_is_only_built_from_schema_names(module):
    tree = ast.parse((ROOT / "dashboard" / "store" / f"{module}.py").read_text(encoding="utf-8"))
    checked = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("execute", "executemany"):
            sql = node.args[0]
            checked += 1
            assert not isinstance(sql, ast.BinOp), f"line {node.lineno}: SQL built with an operator"
            for part in ast.walk(sql):
                if isinstance(part, ast.FormattedValue):
                    names = {n.id for n in ast.walk(part.value) if isinstance(n, ast.Name)}
                    assert names <= SQL_FSTRING_NAMES, f"line {node.lineno}: {names} in SQL"
    assert checked >= 1


def test_only_the_store_package_talks_to_a_database():
    users = {path.relative_to(ROOT).as_posix() for path in (ROOT / "dashboard").rglob("*.py")
             if re.search(r"^\s*(import|from) (sqlite3|sqlalchemy|alembic|psycopg)\b",
                          path.read_text(encoding="utf-8"), re.M)}
    assert users and all(u.startswith("dashboard/store/") for u in users), users
