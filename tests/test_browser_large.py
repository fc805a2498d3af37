"""A large timeline in a real browser: the overview draws WebGL markers that a person can see and pick.

A store of 3,000 events over 300 days (tests/factories_ui.big_frame, one article per day) is
served by ``streamlit run``; chromium (offline) must show the counts per week and kind on a WebGL
canvas with coloured pixels, one map marker per place, and the detail of the first event of a marker
picked on the map. Its 300 articles are more than the Article list sends (filters.LISTED): the
list holds the newest, and the search box reaches an older one by its title.
"""
from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from dashboard.merge import article_id
from dashboard.store import ArticleRow, Store
from tests.conftest import CHROMIUM, ROOT, streamlit_app
from tests.factories_ui import PLACES, big_frame

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]
EVENTS = 3000


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser-large") / "timeline.sqlite3"
    frame = big_frame(EVENTS, days=300, seed=11)
    store = Store(db)
    for number, (day, events) in enumerate(frame.groupby("date", sort=True)):
        text = f"Large timeline article {number} ({day})."
        store.add_article(ArticleRow(id=article_id(text), text=text, title=f"Article {number}"),
                          events.drop(columns=["event_id", "sources", "n_sources"]))
    with streamlit_app(db, tmp_path_factory.getbasetemp() / "streamlit-large.log") as url:
        yield url


def coloured_pixels(png: bytes) -> int:
    """Pixels that are neither white-ish nor grey: drawn markers, not the plot's background and grid."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for r, g, b in image.get_flattened_data() if max(r, g, b) - min(r, g, b) > 60)


def test_a_large_timeline_draws_counts_on_webgl_and_places_on_the_map(server, page):
    page.goto(server)
    page.get_by_text(f"{EVENTS:,} events: the timeline counts them per week and kind").wait_for()
    plots = page.locator(".js-plotly-plot")
    plots.nth(1).locator(".scattergeo .point").first.wait_for()
    traces = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0].data.map(t => t.type)")
    assert traces and set(traces) == {"scattergl"}
    counts = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0].data"
                           ".flatMap(t => t.customdata.map(c => c[2]))")
    assert sum(counts) == EVENTS
    page.wait_for_timeout(500)      # WebGL draws on the next frames (not an assertion)
    canvas = plots.nth(0).locator("canvas").first
    assert canvas.count() == 1
    drawn = coloured_pixels(canvas.screenshot())
    assert drawn > 20_000    # the markers are really drawn (a blank canvas has only the legend's dots)
    markers = plots.nth(1).locator(".scattergeo .point")
    assert markers.count() == len(PLACES)
    box = markers.first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    picked = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[1].data[0].customdata")
    numbers = {c[1] for c in picked}
    heading = page.get_by_role("heading", level=3).filter(has_text=". Event ").first
    heading.wait_for()
    assert int(heading.inner_text().split(".")[0]) in numbers
    (ROOT / "artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "artifacts" / "overview.png"), full_page=False)


def test_the_article_list_sends_its_newest_and_the_search_reaches_an_older_one(server, page):
    """300 articles: the list holds the 200 newest; an older one is found by its title in the search
    box and chosen in as many actions as before (type, open the list, pick)."""
    frame = big_frame(EVENTS, days=300, seed=11)
    day = sorted(frame["date"].unique())[42]               # "Article 42": older than the 200 newest
    expected = int((frame["date"] == day).sum())
    page.goto(server)
    side = page.get_by_test_id("stSidebar")
    articles = side.locator(".st-key-f_article input")
    side.get_by_placeholder("Every article (the 200 newest of 300 listed: search above for others)").wait_for()
    articles.click()
    page.get_by_role("option").first.wait_for()
    listed = [t for t in page.get_by_role("option").all_inner_texts() if t != "Select all"]
    assert listed[0] == "Article 299", listed[:3]                             # newest first
    page.keyboard.press("Escape")
    search = side.get_by_test_id("stTextInput").first.locator("input")
    search.fill("ARTICLE 42")                              # by title, in any case
    search.press("Enter")
    side.get_by_text("1 article").wait_for()
    side.get_by_placeholder("Every article", exact=True).wait_for()       # the list of what was found
    articles.click()
    page.get_by_role("option", name="Article 42", exact=True).click()
    page.get_by_text(f"{expected} of 3,000 events").wait_for()
    assert page.get_by_test_id("stException").count() == 0
