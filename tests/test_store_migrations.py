"""The store's schema under Alembic: a store of the former release upgrades in place, a database is
named by a path or a URL, and the data the migrations need is checked against the code's tables."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from dashboard.errors import StoreError
from dashboard.schema import EVENT_COLUMNS, Event, to_frame
from dashboard.settings import Settings
from dashboard.store import MIGRATIONS, SCHEMA_VERSION, ArticleRow, Store
from dashboard.store.db import is_url, to_url
from dashboard.store.migrations import HEAD, SCRIPTS

RELEASE = Path(__file__).parent / "fixtures" / "store" / "release-d8514f1.sqlite3"
EXPECTED = json.loads(RELEASE.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.fixture
def release(tmp_path) -> Path:
    path = tmp_path / "release.sqlite3"
    shutil.copyfile(RELEASE, path)
    return path


def readback(store: Store) -> dict:
    """The same read-back as tests/fixtures/store/dump_release_store.py made with the former release."""
    tl = store.timeline()
    cols = ["kind", "title", "date", "time", "place_id", "n_sources", "edited_by"]
    rows = [{c: None if pd.isna(r[c]) else (int(r[c]) if c == "n_sources" else str(r[c])) for c in cols}
            for _, r in tl.iterrows()]
    visits, _ = store.visits()
    return {"timeline": rows, "articles": store.articles()["id"].tolist(),
            "deleted": store.deleted_articles()["id"].tolist(),
            "visits": [{"title": v.title, "start": v.start, "end": v.end, "articles": list(v.articles)}
                       for v in visits],
            "edits": store.edit_log()[["author", "action"]].values.tolist()}


def test_the_release_fixture_is_a_version_6_store():
    conn = sqlite3.connect(f"file:{RELEASE}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 6
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchone() is None
    finally:
        conn.close()


def test_a_store_of_the_former_release_upgrades_in_place(release):
    store = Store(release)
    assert store.schema_version() == SCHEMA_VERSION == int(HEAD) == 10
    assert store.integrity_check() == "ok"
    assert readback(store) == EXPECTED
    with store.connect() as conn:       # a former release refuses the upgraded file (user_version 7 > 6)
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        own = [json.loads(r[0]) for r in conn.execute("SELECT own FROM event_sources ORDER BY id")]
    assert own and all(set(o) == set(EVENT_COLUMNS) for o in own)     # backfilled from the events
    history = store.history()                  # the audit starts with the corrections made before
    assert history[["author", "action", "article"]].values.tolist() == [["Dilnoza", "edit", "a1"]]   # the talks: a1 speaks first
    assert json.loads(history["detail"].iloc[0]) == {"title": "Talks with the governor"}


def test_the_upgraded_store_takes_writes_and_undoes_its_old_delete(release):
    store = Store(release)
    assert store.restore_article("c3").found
    talks = store.timeline().query("kind == 'talks'")["event_id"].iloc[0]
    store.edit(int(talks), "Malika", "edit", {}, {"title": "Talks at the governor's office"})
    frame = to_frame([Event(article="d4", seq=0, kind="talks", date="2024-04-05", title="talks", city="Khiva",
                            place_id="city:khiva", lat=41.3783, lon=60.3636, participants="Shavkat Mirziyoyev")])
    assert store.add_article(ArticleRow(id="d4", text="More talks.", published="2024-04-07"), frame).merged == 1
    assert store.articles()["id"].tolist() == ["a1", "b2", "c3", "d4"]
    assert store.timeline().query("kind == 'talks'")["n_sources"].tolist() == [3]
    assert Store(release).schema_version() == SCHEMA_VERSION       # opened again: nothing to migrate


def test_a_store_from_a_newer_program_is_refused(release):
    conn = sqlite3.connect(release)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="update the program"):
        Store(release)


@pytest.mark.parametrize(("target", "url", "backend"), [
    ("timeline.sqlite3", False, "sqlite"),
    ("/data/newsroom/timeline.sqlite3", False, "sqlite"),
    ("sqlite:///relative.sqlite3", True, "sqlite"),
    ("postgresql+psycopg://desk@db.example/timeline", True, "postgresql"),
    ("postgresql://desk@db.example/timeline", True, "postgresql"),
], ids=["file", "absolute", "sqlite-url", "psycopg-url", "plain-postgresql-url"])
def test_a_path_or_a_url_names_the_store(target, url, backend):
    assert is_url(target) is url
    assert to_url(target).get_backend_name() == backend
    if backend == "postgresql":
        assert to_url(target).get_driver_name() == "psycopg"


def test_a_sqlite_url_opens_that_file_and_makes_no_folder_named_after_the_scheme(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = Store(f"sqlite:///{tmp_path / 'by-url.sqlite3'}")
    assert store.path == tmp_path / "by-url.sqlite3" and store.path.exists()
    assert not any(p.name.startswith("sqlite") for p in tmp_path.iterdir())


def test_the_settings_keep_a_url_whole():
    url = "postgresql+psycopg://desk:secret@db.example:5433/timeline"
    assert Settings.from_env({"VISIT_TIMELINE_DB": url}).db_path == url
    assert Settings.from_env({"VISIT_TIMELINE_DB_PATH": url}).db_path == url
    assert Settings.from_env({"VISIT_TIMELINE_DB": url, "VISIT_TIMELINE_DB_PATH": "/tmp/x.sqlite3"}).db_path \
        == "/tmp/x.sqlite3"


def test_an_unreachable_server_is_a_store_error_without_the_password():
    with pytest.raises(StoreError) as caught:
        Store("postgresql+psycopg://desk:secret@127.0.0.1:9/timeline?connect_timeout=2")
    assert "secret" not in str(caught.value) and "127.0.0.1" in str(caught.value)


def test_the_revisions_are_numbered_in_a_chain():
    names = sorted(p.name for p in (SCRIPTS / "versions").glob("*.py"))
    assert [n[:4] for n in names] == [f"{k:04d}" for k in range(1, SCHEMA_VERSION + 1)]


def test_the_head_read_from_the_file_names_is_alembics_own():
    """HEAD is read from the revisions' file names, so that opening a store does not import Alembic."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD
    assert int(HEAD) == SCHEMA_VERSION
