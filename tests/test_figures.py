"""The timeline and map figures: honest order labels, numbering, map view, selection by event id."""
from __future__ import annotations

import json
import math

import pytest

from dashboard import figures
from dashboard.schema import Event
from tests.factories_ui import big_frame, mixed_frame, timeline_frame


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                         (12, "12th"), (13, "13th"), (21, "21st"), (102, "102nd")],
                         ids=lambda v: str(v))
def test_ordinal(n, text):
    assert figures.ordinal(n) == text


@pytest.mark.parametrize(("date", "precision", "label"), [
    ("2024-04-05", "day", "5 Apr 2024"), ("2024-04-05", "month", "Apr 2024"),
    ("2024-04", "month", "Apr 2024"), ("2024-04-05", "year", "2024"), (None, "unknown", "date unknown"),
    ("2024-04-05", "unknown", "date unknown"),
], ids=["day", "month", "month-short", "year", "none", "unknown-precision"])
def test_day_label_is_only_as_precise_as_known(date, precision, label):
    assert figures.day_label(date, precision) == label


def test_sequence_orders_days_and_labels_without_inventing_hours():
    seq = figures.sequence(mixed_frame())
    assert list(seq["number"]) == list(range(1, 9))
    assert list(seq["when"][:5]) == [f"5 Apr 2024 · {figures.ordinal(i)} of 5" for i in range(1, 6)]
    assert seq["when"][5] == "6 Apr 2024 · 10:30"            # a real clock time is shown as given
    assert seq["when"][6] == "1 May 2024"
    assert seq["day"].iloc[-1] == "date unknown"               # undated last
    assert not any(":" in w for w in seq["when"][:5])         # no hour for events without one
    x = list(seq["x"])
    assert x == sorted(x) and x[5] - x[4] > 1                  # a gap between days


def test_timeline_figure_points_carry_event_ids_and_titles():
    frame = timeline_frame()
    fig = figures.timeline_figure(frame, focus="ev3")
    points = [(trace.name, cd[0]) for trace in fig.data for cd in trace.customdata]
    assert sorted(e for _, e in points) == sorted(frame["event_id"])
    assert {name for name, _ in points} == {"arrival", "tour", "talks", "visit", "departure"}
    assert fig.layout.xaxis.type != "date"
    assert "3rd of 5" in fig.layout.xaxis.ticktext
    hover = next(t for t in fig.data if t.name == "talks").hovertext[0]
    assert "Informal talks in Khiva" in hover and "Xivada norasmiy" in hover and "3rd of 5" in hover
    talks = next(t for t in fig.data if t.name == "talks")
    assert talks.marker.line.color[0] == "#111827"             # the focused event is ringed


def test_hover_escapes_article_text():
    fig = figures.timeline_figure(mixed_frame())
    hover = " ".join(h for t in fig.data for h in t.hovertext)
    assert "&lt;b&gt;boʻldi&lt;/b&gt;" in hover and "<b>boʻldi</b>" not in hover


def test_empty_frames_give_a_message_not_an_error():
    empty = timeline_frame([])
    assert figures.timeline_figure(empty).layout.annotations[0].text == "No events match the filters."
    assert "No event" in figures.map_figure(empty).layout.annotations[0].text


def test_map_numbers_in_timeline_order_with_a_route():
    fig = figures.map_figure(timeline_frame())
    route = fig.data[0]
    assert route.mode == "lines" and len(route.lat) == 5
    markers = [(cd[1], cd[0]) for t in fig.data[1:] for cd in t.customdata]
    assert sorted(markers) == [(i, f"ev{i}") for i in range(1, 6)]
    labels = [text for t in fig.data[1:] for text in t.text if text]
    assert "<b>1 · 5</b>  Urgench International Airport" in labels       # one label for one spot
    assert "<b>2 · 3 · 4</b>  Khiva" in labels


def test_map_zooms_to_the_points():
    view = figures.map_view(timeline_frame())
    assert view.lat_range[0] < 41.3783 and view.lat_range[1] > 41.5843
    assert view.lon_range[1] - view.lon_range[0] < 1.0                  # a regional view, not the globe
    assert 9 <= view.zoom <= 12


def test_map_zooms_in_to_street_level_for_nearby_landmarks():
    khiva = timeline_frame()[lambda f: f["city"] == "Khiva"]
    view = figures.map_view(khiva)
    assert view.lat_range[1] - view.lat_range[0] < 0.05                  # a few km at most
    assert view.zoom >= 14
    fig = figures.map_figure(khiva)
    labels = [text for t in fig.data[1:] for text in t.text if text]
    assert len(labels) == 3                                              # 400 m apart: three labels now
    assert list(fig.layout.geo.lonaxis.range) == pytest.approx(list(view.lon_range))


def test_osm_map_uses_tiles_centered_on_the_points():
    fig = figures.map_figure(timeline_frame(), basemap="osm")
    assert fig.layout.map.style == "open-street-map"
    assert math.isclose(fig.layout.map.center.lat, (41.3783 + 41.5843) / 2, abs_tol=0.01)
    assert fig.data[1].type == "scattermap"
    assert "1 · 5  Urgench International Airport" in [t for trace in fig.data[1:] for t in trace.text]


def test_single_point_view_is_not_degenerate():
    frame = timeline_frame([Event(article="a", seq=1, kind="visit", title="t", lat=41.0, lon=60.0)])
    view = figures.map_view(frame)
    assert view.lat_range[1] - view.lat_range[0] > 0.005 and view.lon_range[1] > view.lon_range[0]
    assert view.zoom <= 17


@pytest.mark.parametrize(("selection", "ids"), [
    ({"selection": {"points": [{"customdata": ["ev4", 4], "point_index": 0}]}}, ["ev4"]),
    ({"selection": {"points": [{"customdata": "ev2"}, {"customdata": ["ev2", 2]}, {"customdata": ["ev1"]}]}},
     ["ev2", "ev1"]),
    ({"selection": {"points": [], "point_indices": []}}, []),
    (None, []),
    ({"selection": {"points": [{"point_index": 3}]}}, []),
], ids=["one", "dedupe-and-scalar", "empty", "none", "no-customdata-no-guess"])
def test_event_ids_from_selection(selection, ids):
    assert figures.event_ids(selection) == ids


def test_inferred_and_coarse_places_are_drawn_as_rings_and_say_so() -> None:
    import pandas as pd

    from dashboard.figures.geo import map_figure

    frame = pd.DataFrame([
        dict(article="a", seq=1, kind="arrival", title="Arrival", date="2024-04-05", date_precision="day",
             place="Urgench Airport", place_precision="exact", lat=41.58, lon=60.64, evidence="landed"),
        dict(article="a", seq=2, kind="talks", title="Talks", date="2024-04-05", date_precision="day",
             place="Khiva", place_precision="inferred", lat=41.38, lon=60.36, evidence="talks"),
        dict(article="a", seq=3, kind="meeting", title="Meeting", date="2024-04-05", date_precision="day",
             place="Uzbekistan", place_precision="country", lat=41.31, lon=69.28, evidence="met"),
    ])
    frame["city"] = ["Urgench", "Khiva", None]
    fig = map_figure(frame)
    markers = {t.name: t for t in fig.data if t.name != "route"}
    assert list(markers["arrival"].marker.symbol) == ["circle"]
    assert list(markers["talks"].marker.symbol) == ["circle-open"]
    assert list(markers["meeting"].marker.symbol) == ["circle-open"]
    assert "inferred from the story" in markers["talks"].hovertext[0]
    assert "only the country is known" in markers["meeting"].hovertext[0]
    assert "inferred" not in markers["arrival"].hovertext[0]


def _validated_json(fig) -> dict:
    """The figure as plotly would send it after validating every property."""
    import plotly.graph_objects as go
    return json.loads(go.Figure(fig.to_dict()).to_json())


@pytest.mark.parametrize("make", [
    lambda: figures.timeline_figure(timeline_frame(), focus="ev3"),
    lambda: figures.map_figure(timeline_frame()),
    lambda: figures.timeline_figure(mixed_frame()),
    lambda: figures.map_figure(mixed_frame()),
    lambda: figures.timeline_figure(big_frame(900, 300, undated=5)),
    lambda: figures.map_figure(big_frame(900, 300, unplaced=5)),
], ids=["timeline", "map", "mixed-timeline", "mixed-map", "overview-timeline", "overview-map"])
def test_figures_built_unvalidated_send_what_validation_would(make) -> None:
    fig = make()
    assert json.loads(fig.to_json()) == _validated_json(fig)


@pytest.mark.parametrize("timed", [0, 3, 7], ids=["no-times", "every-third-timed", "every-seventh-timed"])
def test_reordering_in_place_gives_the_frame_a_copy_would(timed) -> None:
    import pandas as pd

    frame = big_frame(300, days=12, seed=9, undated=4).sample(frac=1, random_state=2)   # not in order
    if timed:
        rows = frame.index % timed == 0
        frame.loc[rows, "time"] = [f"{23 - i % 20:02d}:{i % 60:02d}" for i in range(int(rows.sum()))]
    expected = figures.in_timeline_order(frame)
    own = frame.copy()
    assert figures.into_timeline_order(own) is own
    pd.testing.assert_frame_equal(own, expected)
    assert own["event_id"].tolist() != frame["event_id"].tolist()      # it did move rows
