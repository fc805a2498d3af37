"""The dashboard in a real browser (Debian's chromium via Playwright), offline.

Starts ``streamlit run dashboard/app.py`` on a free local port with the seed's store, blocks every
request that is not to that server, and checks what a person sees: the seed's five events on the
timeline and the map (with the bundled basemap), the Urgench filter, an upload that merges a
Cyrillic retelling into the seed, and it saves a screenshot: artifacts/screenshot.png, or the
README's docs/screenshot.png with UPDATE_SCREENSHOT=1.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.demo import ensure_seed
from dashboard.settings import Settings
from tests.conftest import CHROMIUM, WAIT_MS, streamlit_app

ROOT = Path(__file__).resolve().parent.parent
RETELLING = ROOT / "tests" / "fixtures" / "articles" / "khiva_retelling_cyrl.txt"
SCREENSHOT = ROOT / ("docs" if os.environ.get("UPDATE_SCREENSHOT") else "artifacts") / "screenshot.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(python3 dev.py setup installs it)"),
]

# Points drawn per chart: [timeline, map]. Route lines and labels are not ``.point``.
COUNT_POINTS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .map(plot => plot.querySelectorAll('.scatterlayer .point').length)"""
SOURCES_PER_EVENT = """() => {
    const plot = document.querySelectorAll('.js-plotly-plot')[0];
    return plot.data.flatMap(t => t.hovertext.map(h => (h.match(/(\\d+) sources/) || [0, 1])[1] * 1));
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app on a store holding the seed (as ``visit-timeline dashboard --demo`` opens it)."""
    db = tmp_path_factory.mktemp("browser") / "timeline.sqlite3"
    ensure_seed(Settings(db_path=db))
    with streamlit_app(db, tmp_path_factory.getbasetemp() / "streamlit.log") as url:
        yield url


def wait_points(page, timeline: int, geo: int) -> None:
    page.wait_for_function(f"() => {{ const n = ({COUNT_POINTS})(); "
                           f"return n.length >= 2 && n[0] === {timeline} && n[1] === {geo}; }}", timeout=WAIT_MS)


def test_dashboard_in_a_real_browser(server, page):
    topojson: list[tuple[int, str]] = []
    page.on("response", lambda r: topojson.append((r.status, r.url)) if "/topojson/" in r.url else None)

    # 1. the first view: the seed's five events on the timeline and the map, land drawn offline
    page.goto(server)
    wait_points(page, 5, 5)
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot g.layer.land path')]"
                           ".some(p => (p.getAttribute('d') || '').length > 20)")      # land drawn offline
    assert topojson and all(status == 200 for status, _ in topojson), topojson
    assert all("/app/static/topojson/world_" in url for _, url in topojson)

    # 2. filter to Urgench: the two airport events stay, on both charts, and the URL holds the filter
    location = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    location.locator("input").click()
    page.keyboard.type("Urgench (city)")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_points(page, 2, 2)
    page.wait_for_function("() => decodeURIComponent(location.search).includes('loc=city:Urgench')")

    # 3. upload the Cyrillic retelling: it states no date, so the page asks for one (5 April 2024)
    # before storing it; then four events gain a second source
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Articles").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(RETELLING))
    page.get_by_text("No date found").wait_for()
    page.get_by_role("spinbutton", name=re.compile(r"^year, Publication date of khiva_retelling")).click()
    page.keyboard.type("20240405")                                          # a field per part
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_timeout(500)      # let the date reach the server before the click (not an assertion)
    page.get_by_role("button", name="Store").click()
    page.get_by_text("khiva_retelling_cyrl.txt: 0 added, 4 merged").wait_for()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Timeline").click()
    wait_points(page, 2, 2)                                   # the filter is kept across pages
    page.get_by_role("button", name="Clear filters").click()
    wait_points(page, 5, 5)
    sources = page.evaluate(SOURCES_PER_EVENT)
    assert sorted(sources) == [1, 2, 2, 2, 2]

    # 4. the screenshot for the README: select the Ichan-Qala visit so its evidence shows
    visit = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0].data"
                          ".findIndex(t => t.name === 'visit')")
    point = page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").nth(visit).locator(".point")
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_role("heading", name=re.compile(r"^4\. ")).wait_for()
    page.locator("mark").first.wait_for()
    page.set_viewport_size({"width": 1440, "height": 1840})
    page.wait_for_timeout(800)      # let plotly finish its resize before the picture (not an assertion)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 50_000
    assert not [u for u in page.blocked if "/topojson/" in u]


def test_the_editor_and_the_add_by_hand_form_are_built_when_their_expanders_open(server, page):
    page.goto(server)
    page.get_by_text("Correct this event").wait_for()
    save = page.get_by_role("button", name=re.compile(r"Save correction$"))
    assert save.count() == 0
    page.get_by_text("Correct this event").click()
    save.wait_for()                                      # opened: a rerun builds the editor
    page.get_by_text("Add an event by hand").wait_for()
    add = page.get_by_role("button", name=re.compile(r"Add event$"))
    assert add.count() == 0                              # closed: no form (AppTest checks it is not sent)
    page.get_by_text("Add an event by hand").click()
    add.wait_for()                                       # opened: a rerun builds it
    assert page.get_by_test_id("stExpander").filter(has_text="Add an event by hand") \
        .get_by_test_id("stSelectbox").count() == 2      # the article and the kind
