"""The timeline page around visits (AppTest): the visit list, one visit selected, person and language
filters, the visit in the URL. Three hand-made articles about two visits, so the page is tested, not
the engine."""
from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
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


def test_a_long_visit_list_sends_its_newest_the_chosen_one_and_what_the_search_finds(two_visits, monkeypatch):
    from dashboard import filters as flt

    monkeypatch.setattr(flt, "LISTED", 1)        # as 13,768 visits against the 200 a run sends
    tokayev = visit_ids(two_visits)[1]
    at = page()
    box = at.sidebar.selectbox(key="f_visit")
    assert box.options[0].startswith(ERDOGAN) and len(box.options) == 1           # the newest only
    assert box.placeholder == "The 1 newest of 2 visits: search above for any other"
    at.sidebar.text_input(key="f_find").set_value("Tokayev").run()
    box = at.sidebar.selectbox(key="f_visit")
    assert len(box.options) == 1 and box.options[0].startswith(TOKAYEV)           # the search reaches it
    box.set_value(tokayev).run(timeout=TIMEOUT)
    at.sidebar.text_input(key="f_find").set_value("").run()
    box = at.sidebar.selectbox(key="f_visit")
    assert box.value == tokayev and [o.split(" in ")[0] for o in box.options] == [TOKAYEV, ERDOGAN]
    assert list(table(at)["kind"]) == ["arrival", "talks", "departure"]           # still its events only
    linked = page(visit=tokayev).sidebar.selectbox(key="f_visit")                  # a link to an old visit
    assert linked.value == tokayev and len(linked.options) == 2


def test_a_long_article_list_sends_its_newest_and_the_search_finds_the_others_by_title(two_visits, monkeypatch):
    from dashboard import filters as flt

    monkeypatch.setattr(flt, "LISTED", 2)
    at = page()
    box = at.sidebar.multiselect(key="f_article")
    assert box.options == ["tr-en", "kz-ru"] and box.placeholder == (                 # newest first
        "Every article (the 2 newest of 3 listed: search above for others)")
    at.sidebar.text_input(key="f_find").set_value("KZ-U").run()             # by title, any case
    assert at.sidebar.multiselect(key="f_article").options == ["kz-uz"]
    assert any("1 article" in c.value for c in at.sidebar.caption)
    at.sidebar.multiselect(key="f_article").set_value(["kz-uz"]).run(timeout=TIMEOUT)
    at.sidebar.text_input(key="f_find").set_value("").run()
    assert at.sidebar.multiselect(key="f_article").options == ["kz-uz", "tr-en", "kz-ru"]   # the chosen stays
    assert list(table(at)["kind"]) == ["arrival", "talks"]


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
    assert at.query_params["language"] == "ru"      # the articles' language; ?lang= is the page's own
    assert "lang" not in at.query_params and at.sidebar.selectbox(key="ui_lang").value == "en"


def test_a_stale_visit_in_the_url_shows_everything(two_visits):
    at = page(visit="v000000000000")
    assert at.sidebar.selectbox(key="f_visit").value is None and len(table(at)) == 5


def test_people_show_in_the_table_and_the_detail(two_visits):
    at = page()
    assert list(table(at)["people"])[:2] == [f"{TOKAYEV}; {MIRZIYOYEV}", TOKAYEV]
    assert any(f"**People:** {TOKAYEV}; {MIRZIYOYEV}" in m.value for m in at.markdown)


def _values(data: object) -> list[float]:
    """A figure array from the chart's JSON (plotly writes numeric arrays as base64 typed arrays)."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).round(6).tolist()
    return [round(v, 6) for v in data]


def _routes(spec: dict) -> list[list[tuple[float, float]]]:
    return [list(zip(_values(t["lat"]), _values(t["lon"]), strict=True)) for t in spec["data"]
            if t.get("name") == "route"]


def _points(spec: dict) -> dict[str, tuple[float, float]]:
    return {cd[0]: (lat, lon) for t in spec["data"] if t.get("customdata")
            for lat, lon, cd in zip(_values(t["lat"]), _values(t["lon"]), t["customdata"], strict=True)}


def test_both_visits_share_a_date_axis_with_a_range_slider_and_each_has_its_own_route(two_visits):
    erdogan, tokayev = visit_ids(two_visits)
    at = page()
    specs = charts(at)
    axis = specs["timeline"]["layout"]["xaxis"]
    assert axis["type"] == "date" and axis["rangeslider"]["visible"] and not axis.get("fixedrange")
    lanes = specs["timeline"]["layout"]["yaxis"]["ticktext"]          # numeric lanes: one tick per lane
    assert [lane.split("<br>")[0] for lane in lanes] == ["Kassym-Jomart Tokayev in Uzbekistan",
                                                         "Recep Tayyip Erdoğan in Uzbekistan"]
    visits, _ = Store(two_visits).visits()
    own = {v.id: {str(e) for e in v.event_ids} for v in visits}
    points = _points(specs["map"])
    routes = _routes(specs["map"])
    assert len(routes) == 2
    for route in routes:     # each route's points are the markers of one visit's events
        ids = {e for e, point in points.items() if point in route}
        assert ids in (own[erdogan], own[tokayev]) and len(route) == len(ids)


def test_one_visit_is_an_itinerary_and_its_map_names_places_around_it(two_visits):
    _, tokayev = visit_ids(two_visits)
    at = page(visit=tokayev)
    specs = charts(at)
    assert specs["timeline"]["layout"]["xaxis"].get("type") != "date"
    assert "rangeslider" not in specs["timeline"]["layout"]["xaxis"]
    assert len(_routes(specs["map"])) == 1
    names = [t.strip("• ") for tr in specs["map"]["data"] if tr.get("name") == "context" for t in tr["text"]]
    own = " ".join(t for tr in specs["map"]["data"] if tr.get("customdata") for t in tr["text"])
    assert [n for n in names if n not in own and n not in PLACES]
    corner = specs["map"]["layout"]["annotations"][0]["text"]
    assert "Uzbekistan" in corner


def test_the_openstreetmap_option_says_it_needs_internet(two_visits):
    at = page()
    radio = at.sidebar.radio(key="basemap")
    assert "OpenStreetMap (needs internet)" in radio.options
    radio.set_value("osm").run(timeout=TIMEOUT)
    assert not at.exception and at.query_params["map"] == "osm"
    assert not [t for t in charts(at)["map"]["data"] if t.get("name") == "context"]
    assert any("needs internet" in c.value for c in at.caption)


@pytest.mark.parametrize("key", ["timeline_chart", "map_chart"], ids=["date-axis", "map"])
def test_selecting_a_point_with_both_visits_shown_opens_that_event(two_visits, key):
    at = page()
    spec = charts(at)["timeline" if key == "timeline_chart" else "map"]
    tour = next(cd for t in spec["data"] if t.get("name") == "tour" for cd in t["customdata"])
    at.session_state[key] = {"selection": {"points": [{"customdata": tour, "point_index": 0}],
                                           "point_indices": [0], "box": [], "lasso": []}}
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert at.subheader[0].value == f"{tour[1]}. tour in Khiva"
    assert at.query_params["event"] == tour[0]


def test_the_page_counts_visits_as_the_export_files_do(two_visits):
    at = page()
    assert "· 2 visits ·" in at.caption[0].value
    held = [c.value for c in at.caption if c.value.startswith("The files hold")]
    assert held == ["The files hold the 5 events shown (2 visits)."]
    at.sidebar.selectbox(key="f_visit").set_value(visit_ids(two_visits)[0]).run()
    assert "· 1 visit ·" in at.caption[0].value
    assert any(c.value.startswith("The files hold the 2 events shown (1 visit)") for c in at.caption)


def test_back_and_forward_step_through_visits_and_filters(two_visits):
    erdogan, tokayev = visit_ids(two_visits)
    at = page()
    at.sidebar.selectbox(key="f_visit").set_value(tokayev).run(timeout=TIMEOUT)
    assert dict(at.query_params).get("visit") in (tokayev, [tokayev]) and len(table(at)) == 3
    at.query_params.clear()                                   # Back: the URL of the first view
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert at.sidebar.selectbox(key="f_visit").value is None and len(table(at)) == 5
    at.query_params["visit"] = erdogan                        # Forward (or a link) to another view
    at.run(timeout=TIMEOUT)
    assert at.sidebar.selectbox(key="f_visit").value == erdogan and len(table(at)) == 2
    at.sidebar.multiselect(key="f_loc").set_value(["city:Khiva"]).run(timeout=TIMEOUT)
    assert len(table(at)) == 1                                # a widget change is not undone by the URL


def test_the_read_makes_each_visit_label_when_asked_and_holds_none(two_visits):
    """The page's read holds the visits (the store's objects), not a label string per visit: the labels are
    those of ``visit_label``, newest first, and each lookup makes its own string."""
    from dashboard.settings import Settings
    from dashboard.timeline import Timeline
    from dashboard.views import common

    cfg = Settings.from_env()
    data = common.loaded.__wrapped__(cfg)
    expected = {v.id: common.visit_label(v) for v in Timeline(cfg).visits()}
    assert len(expected) >= 2
    assert list(data.visits) == list(expected) and len(data.visits) == len(expected)
    assert dict(data.visits.items()) == expected
    first = next(iter(expected))
    assert first in data.visits and "no-such-visit" not in data.visits
    assert data.visits.get("no-such-visit") is None
    assert data.visits[first] == expected[first] and data.visits[first] is not data.visits[first]
