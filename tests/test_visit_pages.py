"""The timeline page around visits (AppTest): the visit list, one visit selected, person and language
filters, the visit in the URL. Three hand-made articles about two visits, so the page is tested, not
the engine."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.schema import Event, to_frame
from dashboard.store import ArticleRow, Store
from tests.test_pages import chart_ids, charts, table

TIMELINE = str(Path(__file__).resolve().parent.parent / "dashboard" / "views" / "timeline.py")
TIMEOUT = 60
TOKAYEV, ERDOGAN, MIRZIYOYEV = "Kassym-Jomart Tokayev", "Recep Tayyip Erdoğan", "Shavkat Mirziyoyev"
PLACES = {"Tashkent": (41.3111, 69.2797), "Samarkand": (39.6542, 66.9597), "Khiva": (41.3783, 60.3636)}


def ev(seq: int, kind: str, day: str, city: str, who: str) -> Event:
    lat, lon = PLACES[city]
    return Event(article="", seq=seq, kind=kind, title=f"{kind} in {city}", date=day, date_precision="day",
                 place=city, place_kind="city", place_id=f"city:{city.lower()}", city=city, lat=lat, lon=lon,
                 country="UZ", participants=who, evidence=f"{kind} {city} {day}")


@pytest.fixture
def two_visits(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "visits.sqlite3"
    monkeypatch.setenv("VISIT_TIMELINE_DB_PATH", str(path))
    store = Store(path)
    articles = [
        ("kz-uz", "uz-Latn", [ev(0, "arrival", "2022-12-21", "Tashkent", f"{TOKAYEV}; {MIRZIYOYEV}"),
                              ev(1, "talks", "2022-12-22", "Samarkand", TOKAYEV)]),
        ("kz-ru", "ru", [ev(0, "talks", "2022-12-22", "Samarkand", TOKAYEV),
                         ev(1, "departure", "2022-12-22", "Samarkand", TOKAYEV)]),
        ("tr-en", "en", [ev(0, "arrival", "2024-03-10", "Tashkent", ERDOGAN),
                         ev(1, "tour", "2024-03-11", "Khiva", f"{ERDOGAN}; {MIRZIYOYEV}")]),
    ]
    for aid, language, events in articles:
        for event in events:
            event.article = aid
        store.add_article(ArticleRow(id=aid, text=f"text {aid}", title=aid, source=f"{aid}.txt",
                                     published=events[-1].date, language=language), to_frame(events))
    return path


def page(**query) -> AppTest:
    at = AppTest.from_file(TIMELINE, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def visit_ids(db: Path) -> list[str]:
    return [v.id for v in Store(db).visits()[0]]


def test_the_visit_list_is_newest_first_and_names_person_country_and_cities(two_visits):
    at = page()
    box = at.sidebar.selectbox(key="f_visit")
    assert box.options and len(box.options) == 2
    assert box.options[0].startswith("Recep Tayyip Erdoğan in Uzbekistan · 2024-03-10 – 2024-03-11 · Tashkent, Khiva")
    assert box.options[1].startswith("Kassym-Jomart Tokayev in Uzbekistan · 2022-12-21 – 2022-12-22")
    assert "Samarkand" in box.options[1] and box.value is None
    assert len(table(at)) == 5                                  # all visits: every event


def test_selecting_a_visit_shows_only_its_events_with_its_route_and_puts_it_in_the_url(two_visits):
    erdogan, tokayev = visit_ids(two_visits)
    at = page()
    at.sidebar.selectbox(key="f_visit").set_value(tokayev).run(timeout=TIMEOUT)
    assert not at.exception
    assert list(table(at)["kind"]) == ["arrival", "talks", "departure"]
    specs = charts(at)
    assert len(chart_ids(specs["timeline"])) == 3 and len(chart_ids(specs["map"])) == 3
    route = [t for t in specs["map"]["data"] if t.get("name") == "route"]
    assert route and len([x for x in route[0]["lon"] if x is not None]) >= 2
    assert at.query_params["visit"] == tokayev
    shared = page(visit=erdogan)
    assert shared.sidebar.selectbox(key="f_visit").value == erdogan
    assert list(table(shared)["place"]) == ["Tashkent", "Khiva"]


def test_person_and_language_filters(two_visits):
    at = page()
    at.sidebar.multiselect(key="f_person").set_value([ERDOGAN]).run(timeout=TIMEOUT)
    assert list(table(at)["kind"]) == ["arrival", "tour"]
    assert at.query_params["person"] == ERDOGAN
    at.sidebar.multiselect(key="f_person").set_value([]).run(timeout=TIMEOUT)
    at.sidebar.multiselect(key="f_lang").set_value(["ru"]).run(timeout=TIMEOUT)
    assert list(table(at)["kind"]) == ["departure"]   # the talks were told first in the Uzbek article
    assert at.query_params["lang"] == "ru"


def test_a_stale_visit_in_the_url_shows_everything(two_visits):
    at = page(visit="v000000000000")
    assert at.sidebar.selectbox(key="f_visit").value is None and len(table(at)) == 5


def test_people_show_in_the_table_and_the_detail(two_visits):
    at = page()
    assert list(table(at)["people"])[:2] == [f"{TOKAYEV}; {MIRZIYOYEV}", TOKAYEV]
    assert any(f"**People:** {TOKAYEV}; {MIRZIYOYEV}" in m.value for m in at.markdown)
