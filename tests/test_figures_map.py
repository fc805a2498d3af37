"""A truthful map: markers stacked at one place are spread by a small fixed offset in screen pixels and
stay at their place, however many they are; a one-spot map (a one-event visit) shows its surroundings."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from dashboard import figures
from dashboard.figures.base import MAP_SIZE
from dashboard.figures.context import Screen
from dashboard.figures.geo import RINGS_PX, label_box, ring_slots, spread
from dashboard.figures.view import merc
from dashboard.schema import Event
from dashboard.settings import Settings
from tests.factories_ui import timeline_frame


def at_one_place(n: int, lat: float = 41.3111, lon: float = 69.2797):
    return timeline_frame([Event(article="a", seq=i, kind="talks", title=f"Talks {i}", date="2024-04-05",
                                 date_precision="day", place="Tashkent", place_kind="city", city="Tashkent",
                                 lat=lat, lon=lon) for i in range(n)])


@pytest.mark.parametrize("n", [2, 5, 12, 40, 400], ids=["two", "five", "twelve", "forty", "four-hundred"])
def test_stacked_markers_stay_within_a_few_pixels_of_their_place(n):
    slots = ring_slots(n)
    assert len(slots) == n
    assert max(math.hypot(x, y) for x, y in slots) <= RINGS_PX[-1] + 1e-9
    assert len({(round(x, 3), round(y, 3)) for x, y in slots}) == min(n, 24)     # distinct while they fit


def test_a_crowd_at_one_place_is_never_drawn_far_away():
    frame = at_one_place(60)
    far = at_one_place(1, lat=37.95, lon=58.38)          # Ashgabat: a wide view (~1,000 km)
    both = figures.sequence(pd.concat([frame, far], ignore_index=True))
    view = figures.map_view(both)
    lats, lons = spread(both, view)
    px_deg = (view.lon_range[1] - view.lon_range[0]) / MAP_SIZE[0]
    px_merc = (merc(view.lat_range[1]) - merc(view.lat_range[0])) / MAP_SIZE[1]
    for lat, lon in zip(lats[:60], lons[:60], strict=True):
        dx = (lon - 69.2797) / px_deg
        dy = (merc(lat) - merc(41.3111)) / px_merc
        assert math.hypot(dx, dy) <= RINGS_PX[-1] + 0.5          # pixels from Tashkent, at any count


def test_a_one_event_map_shows_the_places_around_it():
    one = at_one_place(1)
    fig = figures.map_figure(one, context=figures.map_context(Settings().places_dir))
    lat_span = fig.layout.geo.lataxis.range[1] - fig.layout.geo.lataxis.range[0]
    assert lat_span > 0.5                                      # tens of km, not a blank 900 m square
    names = [t for trace in fig.data if trace.name == "context" for t in (trace.text or [])]
    assert len(names) >= 2, names                              # neighbouring places are named
    osm = figures.map_figure(one, basemap="osm")
    assert osm.layout.map.zoom >= 12                           # street tiles: close in, as before


# -- the date axis: days, never an invented hour ---------------------------------------------------------------

def two_visits_frame():
    events = [Event(article="a", seq=i, kind="talks", title=f"Talks {i}", date="2024-04-05",
                    date_precision="day", place="Tashkent", place_kind="city", city="Tashkent",
                    lat=41.31, lon=69.28, participants="Sadyr Japarov") for i in range(5)]
    events += [Event(article="b", seq=i, kind="tour", title=f"Tour {i}", date="2025-06-02",
                     date_precision="day", place="Khiva", place_kind="city", city="Khiva",
                     lat=41.38, lon=60.36, participants="Kassym-Jomart Tokayev") for i in range(3)]
    frame = timeline_frame(events)
    frame["visit"] = ["v1"] * 5 + ["v2"] * 3
    return frame


def test_the_date_axis_names_days_at_every_zoom_never_hours():
    fig = figures.timeline_figure(two_visits_frame(), visits={"v1": "Japarov · 2024", "v2": "Tokayev · 2025"})
    axis = fig.layout.xaxis
    assert axis.type == "date" and axis.hoverformat and "%H" not in axis.hoverformat
    formats = [stop.value for stop in axis.tickformatstops]
    assert formats and not any("%H" in f or "%M" in f or "%I" in f for f in formats)
    assert axis.tickformatstops[0].dtickrange[0] is None          # the finest zoom has a stop too


def test_a_days_events_sit_side_by_side_inside_their_day_band():
    fig = figures.timeline_figure(two_visits_frame(), visits={"v1": "Japarov · 2024", "v2": "Tokayev · 2025"})
    bands = [(pd.Timestamp(s.x0), pd.Timestamp(s.x1)) for s in fig.layout.shapes if s.type == "rect"]
    assert len(bands) == 2 and all(b - a == pd.Timedelta(days=1) for a, b in bands)
    xs = sorted(pd.Timestamp(x) for trace in fig.data if trace.customdata is not None for x in trace.x)
    assert len(xs) == 8 and len(set(xs)) == 8                       # no two drawn on top of each other
    assert all(any(a < x < b for a, b in bands) for x in xs)
    points = {(pd.Timestamp(x), y) for trace in fig.data for x, y in zip(trace.x, trace.y, strict=True)}
    assert len({y for _, y in points}) == 8           # zoomed out too: each in a row of its own lane


# -- the map's own labels: inside the frame, apart from each other -------------------------------------------

def placed_frame(spots: list[tuple[str, float, float]]) -> pd.DataFrame:
    """One event at each of ``spots`` (name, lat, lon), in that order, as the map places them."""
    events = [Event(article="a", seq=i, kind="talks", title=f"Talks {name}", date=f"2024-04-{i + 1:02d}",
                    date_precision="day", place=name, place_kind="city", city=name, lat=lat, lon=lon)
              for i, (name, lat, lon) in enumerate(spots)]
    return figures.sequence(timeline_frame(events))


def label_boxes(frame: pd.DataFrame) -> list[tuple[float, float, float, float]]:
    view = figures.map_view(frame)
    texts, sides = figures.map_labels(frame, view)
    screen = Screen(view)
    plain = [re.sub(r"<[^>]+>", "", t) for t in texts]
    return [label_box(*screen.xy(lat, lon), text, side)
            for lat, lon, text, side in zip(frame["lat"], frame["lon"], plain, sides, strict=True) if text]


EDGES = {
    "left-edge-crowded-right": [("Urgench International Airport", 41.0, 60.0),
                                ("Neighbour to the east", 41.02, 60.9),
                                ("Far east", 40.0, 69.0)],
    "right-edge": [("West", 41.0, 60.0), ("Somewhere at the eastern edge with a long name", 41.1, 69.5)],
    "top-and-bottom": [("North point with a long name", 43.0, 64.0), ("South point with a long name", 38.0, 64.2),
                       ("Middle", 40.5, 64.1)],
    "a-row-of-neighbours": [(f"Town number {i}", 41.0 + 0.02 * i, 60.0 + 0.9 * i) for i in range(6)],
}


@pytest.mark.parametrize("spots", list(EDGES.values()), ids=list(EDGES))
def test_event_labels_stay_inside_the_frame_and_apart(spots):
    boxes = label_boxes(placed_frame(spots))
    assert len(boxes) == len(spots)
    width, height = MAP_SIZE
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height, (x0, y0, x1, y1)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_a_label_near_the_left_edge_turns_inwards():
    frame = placed_frame(EDGES["left-edge-crowded-right"])
    _, sides = figures.map_labels(frame, figures.map_view(frame))
    assert sides[0] != "middle left"                 # the old rule put it left, out of the frame
    figure = figures.map_figure(frame)
    drawn = [side for t in figure.data if t.customdata is not None for side in t.textposition]
    assert sorted(drawn) == sorted(sides)
