"""The pages notice a store changed by another process (the CLI, another tab) on their next rerun, and
keep a "Reload data" button as the fallback (AppTest; the browser check is in test_browser_fresh.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import service
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
    before = service.settled_version(cfg)
    service.timeline(cfg), service.articles(cfg), service.visits(cfg), service.event_sources(cfg, 1)
    assert service.data_version(cfg) == before
    add_article(seeded, TASHKENT_TEXT, tashkent_events(), "Talks in Tashkent")
    assert service.data_version(cfg) != before


def test_a_store_not_created_yet_has_a_version(tmp_path):
    assert service.data_version(Settings(db_path=tmp_path / "none.sqlite3")) == (0, 0, 0, 0)


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
def test_the_reload_button_reads_the_store_again(seeded, page):
    path = TIMELINE if page == "timeline" else str(Path(TIMELINE).with_name("articles.py"))
    at = run(path)
    assert at.sidebar.button(key="reload_data").label == "Reload data"
    at.sidebar.button(key="reload_data").click().run(timeout=TIMEOUT)
    assert not at.exception
