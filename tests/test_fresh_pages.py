"""The pages notice a store changed by another process (the CLI, another tab) on their next rerun, and
keep a "Reload data" button as the fallback (AppTest; the browser check is in test_browser_fresh.py)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import demo, freshness, service
from dashboard.schema import Event
from dashboard.settings import Settings
from dashboard.store import Store
from tests.test_pages import TIMELINE, TIMEOUT, add_article, chart_ids, charts, db, run, seeded, table

__all__ = ["db", "seeded"]   # the fixtures this file shares with test_pages

# An article of our own: one event in Tashkent, a day after the seed's visit.
TASHKENT_TEXT = "Toshkentda ikki davlat rahbarlari muzokaralar oʻtkazdi. Bu bizning sinov matnimiz."


def tashkent_events() -> list[Event]:
    return [Event(article="", seq=1, kind="talks", title="Talks in Tashkent", date="2024-04-06", date_precision="day",
                  place="Tashkent", place_kind="city", place_precision="exact", city="Tashkent",
                  region="Tashkent", country="UZ", lat=41.3111, lon=69.2797, confidence=0.9,
                  evidence="Toshkentda ikki davlat rahbarlari muzokaralar oʻtkazdi.")]


def test_the_version_changes_with_a_write_and_not_with_a_read(seeded):
    cfg = Settings(db_path=seeded)
    before = freshness.settled_version(cfg)
    service.timeline(cfg), service.articles(cfg), service.visits(cfg), service.event_sources(cfg, 1)
    assert freshness.data_version(cfg) == before
    add_article(seeded, TASHKENT_TEXT, tashkent_events(), "Talks in Tashkent")
    assert freshness.data_version(cfg) != before


def test_a_store_not_created_yet_has_a_version(tmp_path):
    assert freshness.data_version(Settings(db_path=tmp_path / "none.sqlite3")) == (0, 0, 0, 0)


def test_an_article_stored_by_another_process_shows_on_the_next_rerun(seeded):
    at = run(TIMELINE)
    assert len(chart_ids(charts(at)["timeline"])) == 5
    add_article(seeded, TASHKENT_TEXT, tashkent_events(), "Talks in Tashkent")    # as the CLI would
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert len(chart_ids(charts(at)["timeline"])) == 6
    assert "Talks in Tashkent" in list(table(at)["title"])
    assert "6 of 6 events" in at.caption[0].value


def test_a_rerun_of_an_unchanged_store_reads_nothing(seeded, monkeypatch):
    at = run(TIMELINE)
    reads: list[str] = []
    monkeypatch.setattr(Store, "timeline", lambda self, *a, **k: reads.append("timeline"))
    at.run(timeout=TIMEOUT)
    assert not at.exception and reads == []


@pytest.mark.parametrize("page", ["timeline", "articles"])
def test_the_reload_button_reads_the_store_again(seeded, page, monkeypatch):
    path = TIMELINE if page == "timeline" else str(Path(TIMELINE).with_name("articles.py"))
    at = run(path)
    assert at.sidebar.button(key="reload_data").label == "Reload data"
    from dashboard import service
    whole = []
    monkeypatch.setattr(service, "forget_held", lambda: whole.append(True))
    at.sidebar.button(key="reload_data").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert whole == [True]      # the button reads the store whole, not a patch of what the process holds


# -- a new store is empty; the sample is a demo in a store of its own ------------------------------------------

def test_a_new_store_opens_empty_with_how_to_add_the_first_article(db):
    at = run(TIMELINE)
    assert Store(db).stats()["articles"] == 0          # no sample put into the user's store
    text = " ".join(m.value for m in at.markdown)
    assert "Add your first article" in [h.value for h in at.subheader]
    assert "Articles" in text and "visit-timeline ingest" in text and "--demo" in text
    assert not at.get("plotly_chart")
    articles = run(str(Path(TIMELINE).with_name("articles.py")))
    assert Store(db).stats()["articles"] == 0 and not any("Demo" in i.value for i in articles.info)


def test_the_demo_store_holds_the_sample_and_only_it(tmp_path):
    own = Settings(db_path=tmp_path / "mine" / "timeline.sqlite3")
    opened = demo.open_demo(own, folder=tmp_path / "demo")
    assert opened.db_file.parent == tmp_path / "demo" and demo.is_demo(opened) and not demo.is_demo(own)
    assert Store(opened.db_path).stats()["events"] == 5
    assert not own.db_file.exists()
    assert demo.open_demo(own, folder=tmp_path / "demo") == opened          # opened again: loaded once
    assert Store(opened.db_path).stats()["articles"] == 1


def test_the_demo_page_says_it_is_a_demo(tmp_path, monkeypatch):
    opened = demo.open_demo(Settings(), folder=tmp_path)
    monkeypatch.setenv("VISIT_TIMELINE_DB_PATH", str(opened.db_path))
    at = run(TIMELINE)
    assert any("Demo" in i.value for i in at.info)
    assert len(chart_ids(charts(at)["timeline"])) == 5


def test_dashboard_demo_opens_the_demo_store(tmp_path, monkeypatch):
    from dashboard import cli

    calls: list[dict] = []

    class Exec(Exception):
        pass

    def fake_exec(path, argv, env):
        calls.append(env)
        raise Exec

    monkeypatch.setattr(demo, "demo_settings",
                        lambda settings, folder=None: replace(settings, db_path=tmp_path / demo.DEMO_NAME))
    monkeypatch.setattr(cli.os, "execve", fake_exec)
    with pytest.raises(Exec):
        cli.main(["dashboard", "--demo", "--db", str(tmp_path / "own.sqlite3")])
    assert calls[0]["VISIT_TIMELINE_DB_PATH"] == str(tmp_path / demo.DEMO_NAME)
    assert Store(tmp_path / demo.DEMO_NAME).stats()["articles"] == 1
    assert not (tmp_path / "own.sqlite3").exists()
