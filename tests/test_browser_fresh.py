"""Fresh data in a real browser: an article ingested by the CLI while the page is open shows after a
browser reload, without restarting the server, and no exception box appears."""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, ROOT, streamlit_app
from tests.factories_ui import seed_events
from tests.test_browser import COUNT_POINTS, wait_points
from tests.test_pages import SEED_TEXT, add_article

ARTICLE = ROOT / "tests" / "fixtures" / "fresh" / "tashkent_talks_2024-04-08.txt"   # our own: two events

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("fresh") / "timeline.sqlite3"
    events = seed_events()
    events[2].evidence = "Xivada norasmiy uchrashuv boʻlib\noʻtdi."
    add_article(db, SEED_TEXT, events, "The seed visit")
    return db


@pytest.fixture(scope="module")
def server(store_path, tmp_path_factory) -> Iterator[str]:
    with streamlit_app(store_path, tmp_path_factory.getbasetemp() / "streamlit_fresh.log") as url:
        yield url


def test_an_article_ingested_by_the_cli_shows_after_a_reload(server, store_path, page):
    page.goto(server)
    wait_points(page, 5, 5)
    done = subprocess.run([sys.executable, "-m", "dashboard", "ingest", str(ARTICLE), "--db", str(store_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page.reload()
    page.get_by_text("7 of 7 events").wait_for()       # no restart: the server noticed the new article
    page.wait_for_function(f"() => ({COUNT_POINTS})()[1] === 7")       # on the map too
    assert page.get_by_test_id("stException").count() == 0
