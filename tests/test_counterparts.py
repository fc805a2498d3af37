"""Who met whom (dashboard.counterparts and the Counterparts page), and a visit as a day-by-day
itinerary on the timeline page. Hand-made articles about two visits (tests/test_visit_pages)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import counterparts as cp
from dashboard.settings import Settings
from dashboard.store import Store
from dashboard.views import common
from tests.test_visit_pages import ERDOGAN, MIRZIYOYEV, TOKAYEV, page, two_visits, visit_ids

__all__ = ["two_visits"]     # the fixture shared with test_visit_pages

COUNTERPARTS = str(Path(__file__).resolve().parent.parent / "dashboard" / "views" / "counterparts.py")
TIMEOUT = 60


def frame(db: Path) -> pd.DataFrame:
    return common.loaded.__wrapped__(Settings(db_path=db)).frame


@pytest.mark.parametrize("leader, start, end, expected", [
    (MIRZIYOYEV, None, None, [(TOKAYEV, 1, "2022-12-21"), (ERDOGAN, 1, "2024-03-11")]),   # a tie: by name
    (MIRZIYOYEV, dt.date(2024, 1, 1), dt.date(2024, 12, 31), [(ERDOGAN, 1, "2024-03-11")]),
    (MIRZIYOYEV, dt.date(2023, 1, 1), dt.date(2023, 12, 31), []),
    (TOKAYEV, None, None, [(MIRZIYOYEV, 1, "2022-12-21")]),
], ids=["every-date", "a-year", "an-empty-year", "the-other-side"])
def test_a_leaders_counterparts_over_a_period(two_visits, leader, start, end, expected):
    table = cp.counterparts(frame(two_visits), leader, start, end)
    assert list(zip(table["counterpart"], table["events"], table["first"], strict=True)) == expected


def test_a_counterpart_carries_places_visits_and_events(two_visits):
    table = cp.counterparts(frame(two_visits), MIRZIYOYEV)
    row = table.loc[table["counterpart"] == ERDOGAN].iloc[0]
    assert row["places"] == "Khiva" and row["visits"].startswith(ERDOGAN)
    timeline = Store(two_visits).timeline()
    assert timeline.set_index("event_id").loc[row["event_ids"][0], "kind"] == "tour"


def test_the_counterparts_page_answers_who_met_whom(two_visits):
    at = AppTest.from_file(COUNTERPARTS, default_timeout=TIMEOUT)
    at.query_params["leader"] = MIRZIYOYEV
    at.query_params["from"] = "2024-01-01"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="cp_leader").value == MIRZIYOYEV
    shown = at.dataframe[0].value
    assert list(shown["counterpart"]) == [ERDOGAN] and list(shown["events"]) == [1]
    assert any(f"1 counterpart of {MIRZIYOYEV}" in m.value for m in at.markdown)
    assert list(shown["timeline"]) == ["timeline?person=Recep+Tayyip+Erdo%C4%9Fan"]      # their visits
    at.selectbox(key="cp_leader").set_value(TOKAYEV).run()
    assert not at.dataframe and f"No event names {TOKAYEV}" in at.info[0].value


def test_a_visit_opens_as_a_day_by_day_itinerary(two_visits):
    erdogan = visit_ids(two_visits)[0]
    at = page(visit=erdogan)
    lines = [m.value for m in at.markdown]
    days = [v for v in lines if v.startswith("**") and " event" in v]
    assert days == ["**10 Mar 2024** · 1 event", "**11 Mar 2024** · 1 event"]
    assert any("tour in Khiva" in v and MIRZIYOYEV in v for v in lines)
    tour = str(Store(two_visits).timeline().loc[lambda f: f["kind"] == "tour", "event_id"].iloc[0])
    at.button(key=f"it_{tour}").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert at.subheader[0].value.endswith("tour in Khiva")


def test_a_counterparts_timeline_link_opens_their_visits(two_visits):
    at = page(person=ERDOGAN)                                   # what the "On the timeline" link opens
    assert at.sidebar.multiselect(key="f_person").value == [ERDOGAN]
    assert len(at.dataframe[0].value) == 2
