"""Several visits in a real browser (Debian's chromium via Playwright), offline.

The store holds three articles of our own (tests/fixtures/visits: Uzbek and Russian about Sadyr
Japarov in Tashkent and Samarkand in March 2025, English about Kassym-Jomart Tokayev in Khorezm in
May 2026), ingested by the real engine before ``streamlit run`` starts. Checked where only a
browser shows it: two visits in the list; one visit selected shows only its events on the timeline
and the map, with its route drawn; both visits shown give a date axis with a rendered range slider;
the map draws a place name that is not one of the events' own. It saves a screenshot of both visits:
artifacts/screenshot_visits.png, or the README's docs/screenshot_visits.png with UPDATE_SCREENSHOT=1.
"""
from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import service
from dashboard.settings import Settings
from tests.conftest import CHROMIUM, WAIT_MS, streamlit_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "visits"
SCREENSHOT = ROOT / ("docs" if os.environ.get("UPDATE_SCREENSHOT") else "artifacts") / "screenshot_visits.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(python3 dev.py setup installs it)"),
]

# Per chart [timeline, map]: the event ids of the points drawn (a point's datum holds its customdata);
# the range slider's small copy of the timeline is left out.
DRAWN_IDS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).slice(0, 2).map(plot =>
    Array.from(plot.querySelectorAll('.scatterlayer .point')).filter(p => !p.closest('.rangeslider-container'))
    .map(p => {
        const d = p.__data__ || {};
        return d.data ? String(d.data[0]) : String((d.customdata || [''])[0]);
    }).sort())"""
ROUTES = """() => {
    const plot = document.querySelectorAll('.js-plotly-plot')[1];
    const drawn = Array.from(plot.querySelectorAll('.scatterlayer .trace path.js-line'))
        .filter(p => (p.getAttribute('d') || '').length > 10).length;
    const traces = plot._fullData.filter(t => t.name === 'route');
    return {drawn, traces: traces.map(t => t.lat.filter(v => v !== null).length)};
}"""
MAP_TEXTS = """() => {
    const plot = document.querySelectorAll('.js-plotly-plot')[1];
    const drawn = Array.from(plot.querySelectorAll('.trace.scattergeo text')).map(t => t.textContent.trim());
    const own = plot._fullData.filter(t => t.customdata).flatMap(t => t.text || []);
    const context = plot._fullData.filter(t => t.name === 'context').flatMap(t => t.text || []);
    return {drawn, own, context};
}"""
TIMELINE_AXIS = """() => {
    const plot = document.querySelectorAll('.js-plotly-plot')[0];
    return {type: plot._fullLayout.xaxis.type, slider: !!(plot._fullLayout.xaxis.rangeslider || {}).visible,
            rendered: plot.querySelectorAll('.rangeslider-container .rangeslider-bg').length};
}"""


@pytest.fixture(scope="module")
def visits_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("visits") / "timeline.sqlite3"
    reports = service.ingest_many(sorted(FIXTURES.glob("*.txt")), Settings(db_path=db))
    assert all(r.ok for r in reports), [r.message for r in reports]
    return db


@pytest.fixture(scope="module")
def server(visits_db, tmp_path_factory) -> Iterator[str]:
    with streamlit_app(visits_db, tmp_path_factory.getbasetemp() / "streamlit_visits.log") as url:
        yield url


def event_ids_of(db: Path) -> dict[str, list[str]]:
    """Each visit's event ids by its principal, from the store (what the page must draw)."""
    found: dict[str, list[str]] = {}
    for visit in service.visits(Settings(db_path=db)):
        found[visit.principals[0]] = sorted(str(e) for e in visit.event_ids)
    return found


def wait_drawn(page, ids: list[str]) -> None:
    """Until both charts draw exactly the points of ``ids`` (the map's place names are text, not points)."""
    want = sorted(ids)
    page.wait_for_function(f"() => {{ const d = ({DRAWN_IDS})(); return d.length === 2 && "
                           f"JSON.stringify(d[0]) === JSON.stringify({want}) && "
                           f"JSON.stringify(d[1]) === JSON.stringify({want}); }}", timeout=WAIT_MS)


def choose_visit(page, typed: str) -> None:
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    box.locator("input").click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")


def test_two_visits_in_a_real_browser(server, page, visits_db):
    ids = event_ids_of(visits_db)
    assert sorted(ids) == ["Kassym-Jomart Tokayev", "Sadyr Japarov"]        # three articles, two visits
    japarov, tokayev = ids["Sadyr Japarov"], ids["Kassym-Jomart Tokayev"]
    assert not set(japarov) & set(tokayev)

    # 1. both visits: every event on both charts; a date axis with a range slider drawn; two routes
    page.goto(server)
    wait_drawn(page, japarov + tokayev)
    axis = page.evaluate(TIMELINE_AXIS)
    assert axis["type"] == "date" and axis["slider"] and axis["rendered"] >= 1, axis
    routes = page.evaluate(ROUTES)
    assert sorted(routes["traces"]) == sorted([len(japarov), len(tokayev)]) and routes["drawn"] == 2, routes

    # the visit list holds the two visits, newest first
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.locator("input").click()
    page.get_by_role("option").first.wait_for()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    assert [o.split(" · ")[0] for o in options] == ["Kassym-Jomart Tokayev in Uzbekistan",
                                                    "Sadyr Japarov in Uzbekistan"], options

    # the offline map names a place that is none of the events' own labels, and draws it
    texts = page.evaluate(MAP_TEXTS)
    own = " ".join(texts["own"])
    context = [re.sub(r"^• | •$", "", t) for t in texts["context"]]
    drawn = [re.sub(r"^• | •$", "", t) for t in texts["drawn"]]
    extra = [name for name in context if name in drawn and name not in own]
    assert extra, texts

    # 2. one visit: only its events on the timeline and the map, and its route through them
    choose_visit(page, "Sadyr Japarov")
    wait_drawn(page, japarov)
    routes = page.evaluate(ROUTES)
    assert routes == {"drawn": 1, "traces": [len(japarov)]}, routes
    page.wait_for_function("() => decodeURIComponent(location.search).includes('visit=v')")
    assert page.evaluate(TIMELINE_AXIS)["type"] != "date"              # the itinerary: order within days

    # 3. back to both visits; a click on a point of the date axis opens that event
    page.get_by_role("button", name="Clear filters").click()
    wait_drawn(page, japarov + tokayev)
    trace = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0].data"
                          ".findIndex(t => t.name === 'visit')")
    point = page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").nth(trace).locator(".point")
    target = point.last
    number = page.evaluate("(i) => document.querySelectorAll('.js-plotly-plot')[0].data[i].customdata"
                           ".slice(-1)[0][1]", trace)
    box = target.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_role("heading", name=re.compile(rf"^{number}\. ")).wait_for()

    page.set_viewport_size({"width": 1440, "height": 1840})
    page.wait_for_timeout(800)      # let plotly finish its resize before the picture (not an assertion)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 50_000
    assert not page.blocked or all("/topojson/" not in u for u in page.blocked)


@pytest.mark.parametrize("query", ["Хива", "Xiva", "Токаев"], ids=["ru-city", "uz-latn-city", "ru-person"])
def test_a_search_in_any_script_finds_the_visit(server, page, visits_db, query):
    tokayev = event_ids_of(visits_db)["Kassym-Jomart Tokayev"]
    page.goto(server)
    search = page.get_by_test_id("stSidebar").get_by_test_id("stTextInput").first.locator("input")
    search.fill(query)
    search.press("Enter")
    page.get_by_test_id("stSidebar").get_by_text("Found 1 visit").wait_for()
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.locator("input").click()
    page.get_by_role("option").first.wait_for()
    options = page.get_by_role("option").all_inner_texts()
    assert len(options) == 1 and options[0].startswith("Kassym-Jomart Tokayev in Uzbekistan"), options
    page.get_by_role("option").first.click()
    wait_drawn(page, tokayev)
    assert page.get_by_test_id("stException").count() == 0


def test_the_counterparts_of_a_leader_over_a_period(server, page, visits_db):
    page.goto(f"{server}/counterparts?leader=Shavkat+Mirziyoyev")
    page.get_by_text("2 counterparts of Shavkat Mirziyoyev").wait_for()
    page.goto(f"{server}/counterparts?leader=Shavkat+Mirziyoyev&from=2026-01-01&to=2026-12-31")
    page.get_by_text("1 counterpart of Shavkat Mirziyoyev").wait_for()
    grid = page.get_by_test_id("stDataFrame").first
    assert grid.get_by_test_id("glide-cell-1-0").inner_text() == "Kassym-Jomart Tokayev"
    assert grid.get_by_test_id("glide-cell-2-0").inner_text() == "2"            # events
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)          # the first row's selection box (canvas)
    page.get_by_role("heading", name="Shavkat Mirziyoyev and Kassym-Jomart Tokayev").wait_for()
    events = page.get_by_test_id("stDataFrame").nth(1)
    expect(events.get_by_test_id("glide-cell-0-0")).to_have_text("20 May 2026")     # the two events, dated as the language writes them
    expect(events.get_by_test_id("glide-cell-0-1")).to_have_text("21 May 2026")
    assert events.get_by_test_id("glide-cell-0-2").count() == 0
    assert page.get_by_test_id("stException").count() == 0


def test_a_one_day_zoom_shows_no_hour(server, page, visits_db):
    ids = event_ids_of(visits_db)
    page.goto(server)
    wait_drawn(page, ids["Sadyr Japarov"] + ids["Kassym-Jomart Tokayev"])
    page.evaluate("() => Plotly.relayout(document.querySelectorAll('.js-plotly-plot')[0],"
                  " {'xaxis.range': ['2025-03-14 00:00', '2025-03-15 00:00']})")
    page.wait_for_function("() => { const a = document.querySelectorAll('.js-plotly-plot')[0]._fullLayout.xaxis;"
                           " return a.range[0].startsWith('2025-03-14'); }")
    page.wait_for_timeout(500)       # the ticks are redrawn after the relayout (not an assertion)
    ticks = page.evaluate("() => Array.from(document.querySelectorAll('.js-plotly-plot')[0]"
                          ".querySelectorAll('.xtick text')).map(t => t.textContent)")
    assert ticks and not [t for t in ticks if re.search(r"\d{1,2}:\d\d", t)], ticks
    assert any("14 Mar 2025" in t for t in ticks), ticks


# Each timeline point of the given ids (range slider's copy left out): its centre on the screen, in px.
MARKER_CENTRES = """(ids) => Array.from(document.querySelectorAll('.js-plotly-plot')[0]
    .querySelectorAll('.scatterlayer .point')).filter(p => !p.closest('.rangeslider-container'))
    .filter(p => ids.includes(String(((p.__data__ || {}).data || [''])[0])))
    .map(p => { const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })"""


def test_a_same_day_visit_shows_each_event_as_its_own_marker_at_the_default_zoom(server, page, visits_db):
    ids = event_ids_of(visits_db)
    japarov = ids["Sadyr Japarov"]                   # five events over two days, 14 months before the other
    page.goto(server)
    wait_drawn(page, japarov + ids["Kassym-Jomart Tokayev"])
    centres = page.evaluate(MARKER_CENTRES, japarov)
    assert len(centres) == len(japarov) == 5, centres
    apart = [math.dist(a, b) for i, a in enumerate(centres) for b in centres[i + 1:]]
    assert min(apart) >= 15, (apart, centres)         # markers are 20 px: none hides another
    assert page.get_by_test_id("stException").count() == 0


def test_the_back_button_steps_back_through_visits(server, page, visits_db):
    ids = event_ids_of(visits_db)
    japarov, tokayev = ids["Sadyr Japarov"], ids["Kassym-Jomart Tokayev"]
    page.goto(server)
    wait_drawn(page, japarov + tokayev)
    choose_visit(page, "Sadyr Japarov")
    wait_drawn(page, japarov)
    page.wait_for_function("() => decodeURIComponent(location.search).includes('visit=v')")
    page.go_back()
    wait_drawn(page, japarov + tokayev)                      # the view before the visit was chosen
    page.go_forward()
    wait_drawn(page, japarov)
    assert page.get_by_test_id("stException").count() == 0
