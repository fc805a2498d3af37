"""A new store and fresh data in a real browser: an empty store opens empty and says how to add
articles (no sample mixed in); an article ingested by the CLI while the page is open shows after a
browser reload, without restarting the server; no exception box."""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, ROOT, streamlit_app
from tests.test_browser import COUNT_POINTS

ARTICLE = ROOT / "tests" / "fixtures" / "fresh" / "tashkent_talks_2024-04-08.txt"   # our own: two events

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fresh") / "timeline.sqlite3"


@pytest.fixture(scope="module")
def server(store_path, tmp_path_factory) -> Iterator[str]:
    with streamlit_app(store_path, tmp_path_factory.getbasetemp() / "streamlit_fresh.log") as url:
        yield url


def test_a_new_store_opens_empty_then_shows_an_article_the_cli_ingested(server, store_path, page):
    page.goto(server)
    panel = page.locator(".st-key-first_article")
    panel.get_by_text("Add your first article").wait_for()
    assert "visit-timeline ingest" in panel.inner_text()
    assert page.get_by_text("0 of 0 events").count() == 1          # no sample mixed in
    done = subprocess.run([sys.executable, "-m", "dashboard", "ingest", str(ARTICLE), "--db", str(store_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page.reload()
    page.get_by_text("2 of 2 events").wait_for()       # no restart: the server noticed the new article
    page.wait_for_function(f"() => ({COUNT_POINTS})()[1] === 2")       # on the map too
    assert page.locator(".st-key-first_article").count() == 0
    assert page.get_by_test_id("stException").count() == 0


def test_undo_after_a_delete_in_a_real_browser(server, store_path, page):
    from dashboard.store import Store

    if not Store(store_path).stats()["events"]:         # run alone: the article first
        subprocess.run([sys.executable, "-m", "dashboard", "ingest", str(ARTICLE), "--db", str(store_path)],
                       cwd=ROOT, check=True, capture_output=True, timeout=120)
    page.goto(server)
    page.get_by_text("2 of 2 events").wait_for()
    page.get_by_text("Correct this event").click()
    page.get_by_role("button", name="Delete event").click()
    page.get_by_text("1 of 1 events").wait_for()
    page.get_by_text("Deleted “").wait_for()
    page.get_by_role("button", name="Undo").click()
    page.get_by_text("2 of 2 events").wait_for()
    page.get_by_text("Event restored.").wait_for()
    assert page.get_by_test_id("stException").count() == 0
