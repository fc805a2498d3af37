"""The figures for visits: clock order within a day, several visits on a date axis, routes per visit,
events at one spot spread apart, and place names for context on the offline map that stay in the frame."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from dashboard import figures
from dashboard.figures import context, geo, overview
from dashboard.figures import timeline as tl
from dashboard.schema import Event
from dashboard.settings import Settings
from tests.factories_ui import big_frame, seed_events, timeline_frame

SPOTS = {"Tashkent": (41.3111, 69.2797), "Samarkand": (39.6542, 66.9597), "Khiva": (41.3783, 60.3636),
         "Bukhara": (39.7747, 64.4286)}


def trip(visit: str, rows: list[tuple[str, str, str | None, str]]) -> list[tuple[str, Event]]:
    """``rows`` of (day, kind, time, city) as events of ``visit``."""
    out = []
    for seq, (day, kind, time, city) in enumerate(rows, 1):
        lat, lon = SPOTS[city]
        out.append((visit, Event(article=visit, seq=seq, kind=kind, title=f"{kind} {city}", date=day, time=time,
                                 date_precision="day", place=city, place_kind="city", city=city, region=city,
                                 country="UZ", lat=lat, lon=lon)))
    return out


def visits_frame(*trips: list[tuple[str, Event]]) -> pd.DataFrame:
    pairs = sorted((p for t in trips for p in t), key=lambda p: p[1].date or "")
    frame = timeline_frame([e for _, e in pairs])
    frame["visit"] = pd.array([v for v, _ in pairs], dtype="string")
    return frame


A = [("2022-12-21", "arrival", None, "Tashkent"), ("2022-12-21", "talks", None, "Tashkent"),
     ("2022-12-22", "tour", None, "Samarkand")]
B = [("2024-03-10", "arrival", None, "Tashkent"), ("2024-03-11", "tour", None, "Khiva"),
     ("2024-03-11", "departure", None, "Khiva")]
NAMES = {"va": "Kassym-Jomart Tokayev in Uzbekistan · 2022-12-21 – 2022-12-22",
         "vb": "Recep Tayyip Erdoğan in Uzbekistan · 2024-03-10 – 2024-03-11"}


@pytest.mark.parametrize(("times", "order"), [
    (["15:00", "09:00", "12:00"], ["09:00", "12:00", "15:00"]),
    (["15:00", None, "09:00"], ["09:00", None, "15:00"]),          # untimed keeps its slot
    ([None, None, None], [None, None, None]),
    (["10:00", "10:00", None], ["10:00", "10:00", None]),
], ids=["all-timed", "mixed", "untimed", "ties"])
def test_a_day_is_in_clock_order_where_times_are_known(times, order):
    events = seed_events()[:3]
    for event, time in zip(events, times, strict=True):
        event.time = time
    seq = figures.sequence(timeline_frame(events))
    assert [t if isinstance(t, str) else None for t in seq["time"]] == order
    untimed = [e.title for e, t in zip(events, times, strict=True) if t is None]
    assert [t for t, tm in zip(seq["title"], seq["time"], strict=True) if not isinstance(tm, str)] == untimed


def test_clock_order_stays_within_its_day():
    events = [e for _, e in trip("va", [("2024-01-02", "talks", "08:00", "Tashkent"),
                                        ("2024-01-01", "arrival", "20:00", "Tashkent"),
                                        ("2024-01-01", "talks", "09:00", "Tashkent")])]
    seq = figures.sequence(timeline_frame(events))
    assert list(zip(seq["date"], seq["time"], strict=True)) == [
        ("2024-01-01", "09:00"), ("2024-01-01", "20:00"), ("2024-01-02", "08:00")]


def test_undated_events_with_a_time_stay_last_and_the_first_day_keeps_its_own_clock_order():
    events = [e for _, e in trip("va", [("2024-01-01", "arrival", None, "Tashkent"),
                                        ("2024-01-01", "talks", "11:00", "Tashkent"),
                                        ("2024-01-01", "tour", "10:00", "Tashkent")])]
    for time in ("08:00", "07:00"):
        undated = trip("va", [("2024-01-05", "talks", time, "Tashkent")])[0][1]
        undated.date = None
        events.insert(1, undated)
    seq = figures.sequence(timeline_frame(events))
    assert list(zip(seq["date"].fillna("-"), seq["time"].fillna("-"), strict=True)) == [
        ("2024-01-01", "-"), ("2024-01-01", "10:00"), ("2024-01-01", "11:00"), ("-", "07:00"), ("-", "08:00")]
    assert list(seq["slot"]) == [1, 2, 3, 1, 2] and list(seq["day_total"]) == [3, 3, 3, 2, 2]


def test_one_visit_is_an_itinerary_and_several_get_a_date_axis_with_a_range_slider():
    one = figures.timeline_figure(visits_frame(trip("va", A)), visits=NAMES)
    assert one.layout.xaxis.type != "date" and not one.layout.xaxis.rangeslider.visible
    both = figures.timeline_figure(visits_frame(trip("va", A), trip("vb", B)), visits=NAMES)
    assert both.layout.xaxis.type == "date" and both.layout.xaxis.rangeslider.visible
    assert not both.layout.xaxis.fixedrange and both.layout.dragmode in ("zoom", "pan")
    lanes = {lane: sorted(ids) for lane, ids in lane_ids(both).items()}
    assert list(lanes) == ["Kassym-Jomart Tokayev in Uzbekistan<br>2022-12-21 – 2022-12-22",
                           "Recep Tayyip Erdoğan in Uzbekistan<br>2024-03-10 – 2024-03-11"]
    assert list(lanes.values()) == [["ev1", "ev2", "ev3"], ["ev4", "ev5", "ev6"]]


def test_on_the_date_axis_a_day_keeps_its_order_inside_the_day():
    fig = figures.timeline_figure(visits_frame(trip("va", A), trip("vb", B)), visits=NAMES)
    x = {cd[0]: pd.Timestamp(v) for t in fig.data for v, cd in zip(t.x, t.customdata, strict=True)}
    assert x["ev1"] < x["ev2"] < x["ev3"] and x["ev5"] < x["ev6"]
    assert x["ev1"].normalize() == x["ev2"].normalize() == pd.Timestamp("2022-12-21")
    assert x["ev3"].normalize() == pd.Timestamp("2022-12-22")


def lane_ids(fig) -> dict[str, list[str]]:
    """Each lane (its tick text, top to bottom) with the ids of the events drawn inside it."""
    axis = fig.layout.yaxis
    ticks = sorted(zip(axis.tickvals, axis.ticktext, strict=True))
    edges = [0.0, *sorted(s.y0 for s in fig.layout.shapes if s.type == "line"), axis.range[0]]
    lanes: dict[str, list[str]] = {name: [] for _, name in ticks}
    for trace in fig.data:
        for y, cd in zip(trace.y, trace.customdata, strict=True):
            k = next(i for i in range(len(ticks)) if edges[i] < y < edges[i + 1])
            assert edges[k] < ticks[k][0] < edges[k + 1]
            lanes[ticks[k][1]].append(cd[0])
    return lanes


def drawn_points(fig) -> dict[str, tuple[pd.Timestamp, float]]:
    return {cd[0]: (pd.Timestamp(x), y) for t in fig.data
            for x, y, cd in zip(t.x, t.y, t.customdata, strict=True)}


def px_apart(fig, a: tuple[pd.Timestamp, float], b: tuple[pd.Timestamp, float]) -> float:
    """How far apart two points are drawn at the default zoom, in px (the axis at its narrowest)."""
    x0, x1 = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    dx = (a[0] - b[0]) / (x1 - x0) * tl.PLOT_PX
    dy = (a[1] - b[1]) * tl.ROW_PX
    return math.hypot(dx, dy)


@pytest.mark.parametrize("same_day", [2, 5, 11], ids=lambda n: f"{n}-events")
def test_same_day_events_are_each_their_own_marker_inside_their_day(same_day):
    day = [("2025-03-15", "talks", None, "Tashkent")] * same_day
    other = [("2026-05-20", "arrival", None, "Khiva"), ("2026-05-21", "visit", None, "Khiva")]
    fig = figures.timeline_figure(visits_frame(trip("va", day), trip("vb", other)), visits=NAMES)
    drawn = drawn_points(fig)
    mine = [drawn[f"ev{i}"] for i in range(1, same_day + 1)]
    assert len({x for x, _ in mine}) == same_day                               # distinct x positions
    assert all(pd.Timestamp("2025-03-15") < x < pd.Timestamp("2025-03-16") for x, _ in mine)
    assert [x for x, _ in mine] == sorted(x for x, _ in mine)                  # in their order in the day
    apart = [px_apart(fig, a, b) for i, a in enumerate(mine) for b in mine[i + 1:]]
    assert min(apart) >= tl.MARKER_PX - 1, apart          # at the default zoom no marker covers another
    assert fig.layout.xaxis.hoverformat == tl.DAY_FORMAT and "%H" not in tl.DAY_FORMAT
    hovers = [h for t in fig.data for h in t.hovertext]
    assert not any(re.search(r"\b\d{1,2}:\d{2}\b", h) for h in hovers), hovers       # no invented hour
    assert all("of " + str(same_day) in h for t in fig.data for h, cd in zip(t.hovertext, t.customdata,
                                                                            strict=True)
               if cd[0] in {f"ev{i}" for i in range(1, same_day + 1)})
    assert all("%H" not in stop.value and "%M" not in stop.value for stop in fig.layout.xaxis.tickformatstops)


def test_events_far_apart_share_a_row_and_a_lane_grows_only_as_needed():
    far = [("2022-01-03", "talks", None, "Tashkent"), ("2024-06-03", "talks", None, "Tashkent")]
    close = [("2023-03-15", "talks", None, "Tashkent")] * 3
    fig = figures.timeline_figure(visits_frame(trip("va", far), trip("vb", close)), visits=NAMES)
    drawn = drawn_points(fig)
    assert drawn["ev1"][1] == drawn["ev5"][1]                                 # a year apart: one row
    assert len({drawn[f"ev{i}"][1] for i in (2, 3, 4)}) == 3                  # one day: three rows
    assert fig.layout.height >= 300 and list(fig.layout.yaxis.ticktext) == [
        tl.lane_name(NAMES["va"]), tl.lane_name(NAMES["vb"])]


@pytest.mark.parametrize(("n", "rows"), [(1, 1), (3, 3), (tl.MAX_ROWS + 5, tl.MAX_ROWS)],
                         ids=["one", "three", "past-the-cap"])
def test_lane_rows_are_capped(n, rows):
    x = pd.Series(pd.Timestamp("2024-01-01") + pd.to_timedelta(range(n), unit="min"))
    got = tl.lane_rows(x, pd.Series(["a"] * n), pd.Timedelta(days=1))
    assert max(got) + 1 == rows and got[:min(n, rows)] == list(range(min(n, rows)))


def test_many_visits_share_lanes_by_kind_and_the_hover_names_the_visit():
    trips = [trip(f"v{i:02d}", [(f"2024-{i + 1:02d}-0{1 + i % 5}", "talks", None, "Bukhara")])
             for i in range(tl.MAX_LANES + 1)]
    fig = figures.timeline_figure(visits_frame(*trips), visits={"v00": "Someone in Uzbekistan · 2024-01-01"})
    assert list(fig.layout.yaxis.ticktext) == ["talks"]
    hovers = [h for t in fig.data for h in t.hovertext]
    assert "Visit: Someone in Uzbekistan" in hovers[0] and f"Visit: {tl.NO_VISIT}" in hovers[1]


@pytest.mark.parametrize("visits", [2, 5, len(geo.ROUTE_COLOURS) + 3], ids=lambda n: f"{n}-visits")
def test_routes_never_join_events_of_different_visits(visits):
    cities = list(SPOTS)
    trips = [trip(f"v{i}", [(f"2024-0{1 + i % 9}-1{i % 10}", "arrival", None, cities[i % 4]),
                            (f"2024-0{1 + i % 9}-1{i % 10}", "talks", None, cities[(i + 1) % 4])])
             for i in range(visits)]
    frame = visits_frame(*trips)
    fig = figures.map_figure(frame)
    points = {(round(lat, 4), round(lon, 4)) for t in fig.data if t.customdata is not None
              for lat, lon in zip(t.lat, t.lon, strict=True)}
    segments: list[list[tuple[float, float]]] = []
    for trace in (t for t in fig.data if t.name == "route"):
        segments.append([])
        for lat, lon in zip(trace.lat, trace.lon, strict=True):
            if lat is None:
                segments.append([])
            else:
                segments[-1].append((round(lat, 4), round(lon, 4)))
    segments = [s for s in segments if s]
    assert len(segments) == visits
    assert all(len(s) == 2 and set(s) <= points for s in segments)
    own = figures.sequence(frame).groupby("visit")["city"].agg(list)
    assert sorted(sorted(v) for v in own) == sorted(sorted(_city(p) for p in s) for s in segments)


def _city(point: tuple[float, float]) -> str:
    return min(SPOTS, key=lambda c: math.hypot(SPOTS[c][0] - point[0], SPOTS[c][1] - point[1]))


def test_events_at_one_spot_are_spread_so_each_can_be_selected():
    frame = timeline_frame()                     # the seed: 1 and 5 at the airport, 2-4 in Khiva's centre
    fig = figures.map_figure(frame)
    drawn = {cd[0]: (lat, lon) for t in fig.data if t.customdata is not None
             for lat, lon, cd in zip(t.lat, t.lon, t.customdata, strict=True)}
    assert len(set(drawn.values())) == 5                                      # no marker hides another
    view = figures.map_view(frame)
    px = (view.lon_range[1] - view.lon_range[0]) / figures.MAP_SIZE[0]
    for a, b in (("ev1", "ev5"), ("ev2", "ev3"), ("ev3", "ev4")):
        apart = math.hypot(drawn[a][0] - drawn[b][0], drawn[a][1] - drawn[b][1]) / px
        assert 8 < apart < 60, (a, b, apart)          # apart enough to click, close enough to read as one
    lone = timeline_frame(seed_events()[:2])
    lone_fig = figures.map_figure(lone)
    assert sorted(lat for t in lone_fig.data if t.customdata is not None for lat in t.lat) == \
        sorted(lone["lat"])                                                    # a lone event stays put


def rows(*cities: tuple[str, float, float, int], regions=(), countries=()) -> list[list[object]]:
    out: list[list[object]] = [[f"city:{n}", n, "city", lat, lon, "UZ", "city", n, "R1", pop]
                               for n, lat, lon, pop in cities]
    out += [[f"region:{n}", n, "region", 0, 0, "UZ", "region", None, n, 0] for n in regions]
    out += [[f"country:{c}", n, "country", 0, 0, c, "country", None, None, 0] for c, n in countries]
    return out


def _view(lat0, lat1, lon0, lon1) -> figures.MapView:
    return figures.MapView((lat0 + lat1) / 2, (lon0 + lon1) / 2, (lat0, lat1), (lon0, lon1), 6.0)


def test_context_labels_are_the_largest_cities_inside_the_frame_and_stay_in_it():
    ref = context.Reference.from_rows(rows(("Big", 40.0, 65.0, 900_000), ("Outside", 45.0, 65.0, 2_000_000),
                                           ("Edge", 40.0, 69.95, 800_000), ("Small", 41.0, 63.0, 1_000),
                                           ("Own", 39.0, 66.0, 500_000)))
    view = _view(38.0, 42.0, 61.0, 70.0)
    screen = context.Screen(view)
    labels = context.context_labels(ref, view, screen, skip=["own"])
    names = [lb.name for lb in labels]
    assert names == ["Big", "Small"]                # largest first; outside, at the edge, and own: not
    for label in labels:
        x0, y0, x1, y1 = screen.text_box(label.lat, label.lon, label.name, label.position)
        assert x0 >= 0 and x1 <= figures.MAP_SIZE[0] and y0 >= 0 and y1 <= figures.MAP_SIZE[1]


def test_context_labels_do_not_cover_each_other_or_the_events():
    ref = context.Reference.from_rows(rows(("Alpha", 40.0, 65.0, 900), ("Beta", 40.01, 65.05, 800),
                                           ("Gamma", 39.0, 64.0, 700)))
    view = _view(38.0, 42.0, 61.0, 70.0)
    screen = context.Screen(view)
    screen.take(screen.text_box(39.0, 64.0, "an event here", "middle right"))
    assert [lb.name for lb in context.context_labels(ref, view, screen)] == ["Alpha"]


@pytest.mark.parametrize(("span", "kinds"), [(0.5, {"city"}), (4.0, {"city", "region"}),
                                             (12.0, {"city", "region", "country"})],
                         ids=["town", "province", "country"])
def test_the_real_gazetteer_names_places_around_khiva(span, kinds):
    ref = figures.map_context(Settings().places_dir)
    lat, lon = 41.3783, 60.3636
    view = _view(lat - span / 2, lat + span / 2, lon - span * 0.8, lon + span * 0.8)
    labels = context.context_labels(ref, view, context.Screen(view), skip=["Khiva"])
    assert labels and {lb.kind for lb in labels} == kinds
    assert "Khiva" not in [lb.name for lb in labels]


def test_the_offline_map_names_places_the_osm_map_does_not():
    ref = figures.map_context(Settings().places_dir)
    frame = visits_frame(trip("va", A), trip("vb", B))
    offline = figures.map_figure(frame, context=ref)
    names = [t for tr in offline.data if tr.name == "context" for t in tr.text]
    own = " ".join(t for tr in offline.data if tr.customdata is not None for t in tr.text)
    assert [n for n in names if n.strip("• ") not in own]
    assert "Uzbekistan" in offline.layout.annotations[0].text
    osm = figures.map_figure(frame, basemap="osm", context=ref)
    assert not [tr for tr in osm.data if tr.name == "context"]


def test_several_visits_over_many_days_are_drawn_one_by_one_and_huge_frames_are_counted():
    trips = [trip(f"v{i}", [(f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}", "talks", None, "Bukhara")])
             for i in range(overview.DETAIL_DAYS + 10)]
    many_days = visits_frame(*trips)
    assert figures.timeline_figure(many_days).layout.xaxis.rangeslider.visible
    assert figures.overview_note(figures.sequence(many_days)) is None
    one_visit = many_days.assign(visit="v0")
    assert figures.overview_note(figures.sequence(one_visit)) is not None
    huge = big_frame(overview.DETAIL_EVENTS + 1, days=10).assign(visit=lambda f: f["article"])
    fig = figures.timeline_figure(huge)
    assert {type(t).__name__ for t in fig.data} == {"Scattergl"}


def test_undated_events_of_several_visits_are_left_to_the_table_and_said_so():
    frame = visits_frame(trip("va", A), trip("vb", B))
    frame.loc[frame["event_id"] == "ev6", ["date", "date_precision"]] = [None, "unknown"]
    fig = figures.timeline_figure(frame, visits=NAMES)
    assert sorted(cd[0] for t in fig.data for cd in t.customdata) == [f"ev{i}" for i in range(1, 6)]
    assert [a.text for a in fig.layout.annotations] == ["1 undated event: in the table, not here"]


def test_the_overview_map_names_places_around_its_markers_too():
    ref = figures.map_context(Settings().places_dir)
    frame = big_frame(overview.DETAIL_EVENTS + 50, days=30)
    fig = figures.map_figure(frame, context=ref)
    assert fig.data[0].name == "places" and sum(cd[2] for cd in fig.data[0].customdata) == len(frame)
    names = [n.strip("• ") for t in fig.data if t.name == "context" for n in t.text]
    own = set(frame["place"].dropna()) | set(frame["city"].dropna())
    assert names and not set(names) & own
