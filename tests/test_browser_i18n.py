"""The page in Uzbek and Russian in a real browser (Debian's chromium via Playwright), offline.

The store holds the project's own example articles (tests/fixtures/visits), ingested by the real
engine. A link with ``?lang=uz`` and a visit opens the page in Uzbek: the sidebar, the pages'
navigation, the title and the itinerary's Uzbek dates; the sidebar's language picker switches to
Russian, the address bar says ``lang=ru`` with the visit kept, and a reload stays in Russian.
It saves artifacts/screenshot_uz.png.
"""
from __future__ import annotations

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
SCREENSHOT = ROOT / "artifacts" / "screenshot_uz.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(python3 dev.py setup installs it)"),
]

UZ_DAY = re.compile(r"\b\d{1,2}-(yan|fev|mar|apr|may|iyn|iyl|avg|sen|okt|noy|dek), 20\d\d\b")
RU_DAY = re.compile(r"\b\d{1,2} (янв|февр|мар|апр|мая|июн|июл|авг|сент|окт|нояб|дек)\.? 20\d\d\b")


@pytest.fixture(scope="module")
def visits_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("i18n") / "timeline.sqlite3"
    reports = service.ingest_many(sorted(FIXTURES.glob("*.txt")), Settings(db_path=db))
    assert all(r.ok for r in reports), [r.message for r in reports]
    return db


@pytest.fixture(scope="module")
def server(visits_db, tmp_path_factory) -> Iterator[str]:
    with streamlit_app(visits_db, tmp_path_factory.getbasetemp() / "streamlit_i18n.log") as url:
        yield url


def _japarov(db: Path) -> str:
    return next(v.id for v in service.visits(Settings(db_path=db)) if v.principals[0] == "Sadyr Japarov")


def test_the_page_in_uzbek_then_russian_after_a_reload(server, page, visits_db):
    visit = _japarov(visits_db)
    page.goto(f"{server}/?lang=uz&visit={visit}")
    side = page.get_by_test_id("stSidebar")
    expect(side.get_by_role("heading", name="Filtrlar")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_role("heading", name="Tashriflar xronologiyasi")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text("Maqolalar", timeout=WAIT_MS)       # the pages' names
    expect(page.get_by_text("Filters", exact=True)).to_have_count(0, timeout=WAIT_MS)
    expect(page).to_have_title("Tashriflar xronologiyasi", timeout=WAIT_MS)     # the browser's tab
    itinerary = page.locator(".st-key-itinerary")
    expect(itinerary).to_contain_text(UZ_DAY, timeout=WAIT_MS)                  # a day heading written the Uzbek way
    assert not RU_DAY.search(itinerary.inner_text())
    page.locator(".js-plotly-plot .scatterlayer .point").first.wait_for()    # drawn, for the picture
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)

    picker = side.get_by_role("combobox", name="Sahifa tili")      # the language, below the filters
    expect(picker).to_have_value("O‘zbek", timeout=WAIT_MS)
    picker.click()
    page.keyboard.type("Русский")
    page.keyboard.press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'ru'")
    expect(side.get_by_role("heading", name="Фильтры")).to_be_visible(timeout=WAIT_MS)
    assert f"visit={visit}" in page.url                             # the visit stays chosen
    expect(page.locator(".st-key-itinerary")).to_contain_text(RU_DAY, timeout=WAIT_MS)

    page.reload()
    expect(page.get_by_role("heading", name="Хронология визитов")).to_be_visible(timeout=WAIT_MS)
    expect(page).to_have_title("Хронология визитов", timeout=WAIT_MS)
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text("Статьи", timeout=WAIT_MS)
    expect(page.locator(".st-key-itinerary")).to_contain_text(RU_DAY, timeout=WAIT_MS)
    assert "lang=ru" in page.url and f"visit={visit}" in page.url
    assert page.get_by_test_id("stException").count() == 0
