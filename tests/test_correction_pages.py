"""Corrections that keep your place (AppTest): after a save the edited event stays selected and its
visit open (even when the save regroups visits under a new id); Undo for a delete; participants in the
Add form; automatic titles follow a corrected place; the place field reads any script and refuses in
the page's terms."""
from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import corrections, search
from dashboard.schema import Event
from dashboard.settings import Settings
from dashboard.store import Store
from dashboard.views import editor
from tests.test_pages import TIMELINE, TIMEOUT, add_article, db, seeded, table
from tests.test_visit_pages import TOKAYEV, page, two_visits, visit_ids

__all__ = ["db", "seeded", "two_visits"]     # fixtures shared with test_pages and test_visit_pages


@pytest.mark.parametrize("title, old, new, expected", [
    ("Opening · Yovon", ["Yovon", "Yovon"], "Tashkent", "Opening · Tashkent"),
    ("Talks · Khiva", ["Ichan-Qala", "Khiva"], "Urgench", "Talks · Urgench"),
    ("Informal talks in Khiva", ["Khiva", "Khiva"], "Urgench", None),
    ("Talks · Khiva", ["Samarkand", "Samarkand"], "Urgench", None),
], ids=["automatic", "city-in-title", "hand-written", "another-place"])
def test_an_automatic_title_follows_a_corrected_place(title, old, new, expected):
    assert corrections.place_retitled(title, old, new).get("title") == expected


@pytest.mark.parametrize("cyrillic, latin", [("Тошкент", "Toshkent"), ("Хоразм", "Xorazm"),
                                             ("Қўқон", "Qoʻqon")], ids=["city", "region", "uz-letters"])
def test_cyrillic_is_written_in_latin_for_the_place_lookup(cyrillic, latin):
    assert search.to_latin(cyrillic, Settings().lexicon_dir) == latin


def opened(event: str, **query) -> AppTest:
    at = AppTest.from_file(TIMELINE, default_timeout=TIMEOUT)
    at.query_params["event"] = event
    for key, value in query.items():
        at.query_params[key] = value
    at.session_state[editor.EDIT_OPEN] = True
    at.run()
    assert not at.exception
    return at


def heading(at: AppTest) -> str:
    return at.subheader[0].value


def test_undo_after_a_delete_brings_the_event_back_selected(seeded):
    first = str(Store(seeded).timeline()["event_id"].iloc[0])
    at = opened(first)
    at.button(key=f"ed_{first}_delete").click().run(timeout=TIMEOUT)
    assert len(table(at)) == 4
    assert any("Deleted “Arrival at Urgench International Airport”" in c.value for c in at.caption)
    at.button(key="undo_delete_event").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert len(table(at)) == 5 and heading(at) == "1. Arrival at Urgench International Airport"
    assert not [b for b in at.button if b.key == "undo_delete_event"]


def test_a_place_in_uzbek_cyrillic_is_found_and_an_automatic_title_follows_it(db):
    add_article(db, "Yovonda ochilish marosimi boʻldi.", [Event(
        article="", seq=1, kind="opening", title="Opening · Yovon", date="2024-04-05", date_precision="day",
        place="Yovon", place_kind="city", city="Yovon", country="TJ", lat=38.3, lon=69.0,
        evidence="Yovonda ochilish marosimi boʻldi.")], "Opening")
    event = str(Store(db).timeline()["event_id"].iloc[0])
    at = opened(event)
    at.text_input(key=f"ed_{event}_place").set_value("Тошкент")
    at.button(key=f"ed_{event}_save").click().run(timeout=TIMEOUT)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert list(table(at)["place"]) == ["Tashkent"] and list(table(at)["title"]) == ["Opening · Tashkent"]


def test_an_unknown_place_is_refused_in_the_pages_terms(seeded):
    first = str(Store(seeded).timeline()["event_id"].iloc[0])
    at = opened(first)
    at.text_input(key=f"ed_{first}_place").set_value("Nowhereabad")
    at.button(key=f"ed_{first}_save").click().run(timeout=TIMEOUT)
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "Nowhereabad" in errors[0] and "latitude, longitude" in errors[0]
    assert "--lat" not in errors[0] and Store(seeded).edit_log().empty


def test_a_hand_added_event_with_participants_joins_their_visit(two_visits):
    tokayev = visit_ids(two_visits)[1]
    at = page(visit=tokayev)
    at.session_state[editor.ADD_OPEN] = True
    at.run(timeout=TIMEOUT)
    at.selectbox(key="add_article").set_value("kz-uz")
    at.selectbox(key="add_kind").set_value("press")
    at.date_input(key="add_date").set_value(dt.date(2022, 12, 22))
    at.text_input(key="add_place").set_value("Самарқанд")
    at.text_input(key="add_people").set_value(TOKAYEV)
    at.button(key="add_save").click().run(timeout=TIMEOUT)
    assert not at.exception and not at.error, [e.value for e in at.error]
    added = Store(two_visits).timeline().loc[lambda f: f["kind"] == "press"].iloc[0]
    assert added["participants"] == TOKAYEV and added["title"] == "Press · Samarkand"
    assert "Press · Samarkand" in list(table(at)["title"])              # still in the visit shown
    assert heading(at).endswith("Press · Samarkand")                    # and selected


def test_after_a_save_that_regroups_visits_the_event_and_its_visit_stay_open(two_visits):
    tokayev = visit_ids(two_visits)[1]
    first = Store(two_visits).visits()[0][1].event_ids[0]               # Tokayev's arrival, 21 Dec
    at = opened(str(first), visit=tokayev)
    assert len(table(at)) == 3
    at.date_input(key=f"ed_{first}_date").set_value(dt.date(2022, 12, 20))   # the visit's first day moves
    at.button(key=f"ed_{first}_save").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert tokayev not in visit_ids(two_visits)                          # regrouped under a new id
    assert at.sidebar.selectbox(key="f_visit").value in visit_ids(two_visits)
    assert len(table(at)) == 3 and heading(at).startswith("1. arrival in Tashkent")
