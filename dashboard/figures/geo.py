"""The map figure: numbered markers in timeline order joined by each visit's route, offline or on OSM tiles.

Pure (no streamlit). The offline map is plotly's geo with the topojson the app serves itself, and
place names for context from the gazetteer (:mod:`dashboard.figures.context`).
"""
from __future__ import annotations

import html
import math
import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.base import (
    FONT,
    HOVER_COLUMNS,
    KIND_COLOURS,
    MAP_SIZE,
    as_text,
    build,
    empty_figure,
    hovers,
    kind_name,
    kind_rows,
    only,
    outline_of,
    point_ids,
    sequence,
    visit_keys,
)
from dashboard.figures.context import EDGE_PX, Reference, Screen, context_parts
from dashboard.figures.overview import map_overview, too_many
from dashboard.figures.view import MapView, map_layout, map_view, merc, unmerc
from dashboard.i18n import _


def clusters(placed: pd.DataFrame, view: MapView, near: float = 0.04) -> list[list[int]]:
    """Rows of ``placed`` grouped by spot: events closer than ``near`` of the view's span share one."""
    span = max(view.lat_range[1] - view.lat_range[0], view.lon_range[1] - view.lon_range[0], 1e-9)
    anchors: list[tuple[float, float]] = []
    members: list[list[int]] = []
    for i, (lat, lon) in enumerate(zip(placed["lat"], placed["lon"], strict=True)):
        close = (k for k, (a, b) in enumerate(anchors) if math.hypot(a - lat, b - lon) < near * span)
        spot = next(close, None)
        if spot is None:
            anchors.append((float(lat), float(lon)))
            members.append([i])
        else:
            members[spot].append(i)
    return members


LABEL_CHAR_PX = 7.2    # mean width of a character of an event's label (13 px, numbers in bold)
MARKER_PX = 7.5        # an event marker's radius
SIDES = ("middle right", "middle left", "top center", "bottom center")


def map_labels(placed: pd.DataFrame, view: MapView, near: float = 0.04) -> tuple[list[str], list[str]]:
    """One label per cluster of nearby events (see :func:`clusters`).

    A cluster's first event carries the label "1 · 5  Urgench International Airport" (the shared
    place, else the shared city), the others none. Returns the texts and their positions: each label
    takes the first side of its marker (the inner side first, so a label near an edge turns inwards)
    where it stays inside the frame and covers no marker and no label placed before it; with no such
    side, the one inside the frame that covers the least of them.
    """
    groups = clusters(placed, view, near)
    anchors = [(float(placed["lat"].iloc[g[0]]), float(placed["lon"].iloc[g[0]])) for g in groups]
    texts, spots = [""] * len(placed), ["middle right"] * len(placed)
    screen = Screen(view)
    for (lat, lon), group in zip(anchors, groups, strict=True):
        x, y = screen.xy(lat, lon)
        reach = MARKER_PX + max((math.hypot(dx, dy) for dx, dy in ring_slots(len(group))), default=0.0)
        screen.take((x - reach, y - reach, x + reach, y + reach) if len(group) > 1
                    else (x - MARKER_PX, y - MARKER_PX, x + MARKER_PX, y + MARKER_PX))
    for (lat, lon), group in zip(anchors, groups, strict=True):
        rows = placed.iloc[group]
        numbers = " · ".join(str(n) for n in rows["number"])
        places = list(dict.fromkeys(as_text(p) for p in rows["place"] if as_text(p)))
        cities = list(dict.fromkeys(as_text(c) for c in rows["city"] if as_text(c)))
        name = places[0] if len(places) == 1 else cities[0] if len(cities) == 1 else ""
        texts[group[0]] = f"<b>{numbers}</b>  {html.escape(name)}" if name else f"<b>{numbers}</b>"
        plain = f"{numbers}  {name}" if name else numbers
        drawn = drawn_point(screen, lat, lon, len(group))
        boxes = {side: label_box(*drawn, plain, side) for side in _sides(drawn[0], screen.width)}
        side = next((s for s, box in boxes.items() if screen.free(box)), None)
        if side is None:        # crowded: inside the frame, covering the least
            within = [s for s, box in boxes.items() if inside(box, screen)] or list(boxes)
            side = min(within, key=lambda s: screen.covered(boxes[s]))
        spots[group[0]] = side
        screen.take(boxes[side])
    return texts, spots


def drawn_point(screen: Screen, lat: float, lon: float, members: int) -> tuple[float, float]:
    """Where a cluster's first marker is drawn, in px: at its place, or atop its ring (:func:`spread`)."""
    x, y = screen.xy(lat, lon)
    return (x, y - RINGS_PX[0]) if members > 1 else (x, y)


def _sides(x: float, width: float) -> tuple[str, ...]:
    """The sides to try, the one towards the frame's middle first."""
    return SIDES if x < width / 2 else (SIDES[1], SIDES[0], *SIDES[2:])


def label_box(x: float, y: float, text: str, side: str) -> tuple[float, float, float, float]:
    """The px an event's label takes (its text only) on ``side`` of its marker drawn at (x, y)."""
    width, half = len(text) * LABEL_CHAR_PX, 8.0
    if side == "middle right":
        return x + MARKER_PX + 2, y - half, x + MARKER_PX + 2 + width, y + half
    if side == "middle left":
        return x - MARKER_PX - 2 - width, y - half, x - MARKER_PX - 2, y + half
    if side == "top center":
        return x - width / 2, y - MARKER_PX - 2 * half, x + width / 2, y - MARKER_PX
    return x - width / 2, y + MARKER_PX, x + width / 2, y + MARKER_PX + 2 * half


def inside(box: tuple[float, float, float, float], screen: Screen) -> bool:
    """Whether ``box`` lies inside the frame (the corner caption's strip at the top included)."""
    x0, y0, x1, y1 = box
    return x0 >= EDGE_PX and x1 <= screen.width - EDGE_PX and y0 >= EDGE_PX and y1 <= screen.height - EDGE_PX


SPREAD_PX = 17.0      # between the centres of two markers spread around one place
RINGS_PX = (11.0, 22.0, 33.0)   # the rings markers at one spot are spread on: never farther than the last
OFFLINE_MIN_PAD = 0.35  # degrees around a lone spot on the offline map (~40 km): its surroundings show


def one_spot(placed: pd.DataFrame) -> bool:
    """Every placed event at one point (a one-event visit, or all at one place): the offline map, which
    has no streets, then shows the place's surroundings rather than a blank square around it."""
    if placed.empty:
        return False
    lat, lon = placed["lat"].astype(float), placed["lon"].astype(float)
    return bool(lat.max() - lat.min() < 1e-4 and lon.max() - lon.min() < 1e-4)


def ring_slots(n: int) -> list[tuple[float, float]]:
    """``n`` offsets (pixels, clockwise from the top) on the rings of :data:`RINGS_PX`: each ring holds
    as many markers as fit :data:`SPREAD_PX` apart; past the last ring's room they share its places."""
    slots: list[tuple[float, float]] = []
    for radius in RINGS_PX:
        room = max(1, int(2 * math.pi * radius // SPREAD_PX))
        take = min(room, n - len(slots)) if radius != RINGS_PX[-1] else n - len(slots)
        for k in range(take):
            angle = math.pi / 2 - 2 * math.pi * (k % room) / min(room, max(take, 1))
            slots.append((radius * math.cos(angle), radius * math.sin(angle)))
        if len(slots) >= n:
            break
    return slots


def spread(placed: pd.DataFrame, view: MapView, size: tuple[int, int] = MAP_SIZE
           ) -> tuple[list[float], list[float]]:
    """Where to draw each event: alone at its place; several at one spot on small rings around it,
    clockwise from the top in their order, so that each marker can be seen and selected. The offset
    is in screen pixels, at most the last ring's radius: a marker stays at its place."""
    lats, lons = placed["lat"].astype(float).tolist(), placed["lon"].astype(float).tolist()
    deg_per_px = (view.lon_range[1] - view.lon_range[0]) / size[0]
    merc_per_px = (merc(view.lat_range[1]) - merc(view.lat_range[0])) / size[1]
    for group in clusters(placed, view):
        if len(group) < 2:
            continue
        lat0, lon0 = lats[group[0]], lons[group[0]]
        for i, (dx, dy) in zip(group, ring_slots(len(group)), strict=True):
            lons[i] = lon0 + dx * deg_per_px
            lats[i] = unmerc(merc(lat0) + dy * merc_per_px)
    return lats, lons


APPROXIMATE = "circle-open"     # a place not named exactly: inferred, or only a city/region/country


def approximate(part: pd.DataFrame) -> list[bool]:
    """True where an event's place is not its own exact venue (inferred from the story, or coarse)."""
    return [as_text(p) not in ("", "exact") for p in part.get("place_precision", pd.Series(index=part.index))]


def symbols(part: pd.DataFrame, osm: bool) -> list[str] | str:
    """Filled circles for exact places, open rings for inferred and coarse ones (maplibre: circles only)."""
    if osm:
        return "circle"
    return [APPROXIMATE if a else "circle" for a in approximate(part)]


ROUTE_COLOURS = ("#475569", "#c2410c", "#0e7490", "#7c3aed", "#be123c", "#15803d", "#1d4ed8", "#a16207",
                 "#0f766e", "#9d174d", "#4338ca", "#65a30d")


def routes(placed: pd.DataFrame) -> list[tuple[str, list[int]]]:
    """Each visit's rows of ``placed`` in order (its route), for visits with two placed events or more;
    events of different visits are never joined."""
    rows: dict[str, list[int]] = {}
    for i, key in enumerate(visit_keys(placed)):
        rows.setdefault(key, []).append(i)
    return [(key, members) for key, members in rows.items() if len(members) > 1]


def _route_traces(placed: pd.DataFrame, osm: bool) -> list[dict[str, object]]:
    """Each visit's route: a dotted line through its events in order (one trace when there are many)."""
    kind = "scattermap" if osm else "scattergeo"
    found = routes(placed)
    style = dict(width=2.5) if osm else dict(width=2, dash="dot")
    lats, lons = placed["lat"].to_numpy(dtype=float), placed["lon"].to_numpy(dtype=float)
    if len(found) > len(ROUTE_COLOURS):         # many visits: one trace, a gap between two visits
        lat: list[float | None] = []
        lon: list[float | None] = []
        for _, members in found:
            lat += [*lats[members].tolist(), None]
            lon += [*lons[members].tolist(), None]
        return [dict(type=kind, lat=lat, lon=lon, mode="lines", line=dict(color=ROUTE_COLOURS[0], **style),
                     hoverinfo="skip", showlegend=False, name="route")]
    return [dict(type=kind, lat=lats[members], lon=lons[members], mode="lines", hoverinfo="skip",
                 line=dict(color=ROUTE_COLOURS[k % len(ROUTE_COLOURS)], **style), showlegend=False,
                 name="route", legendgroup=key or None)
            for k, (key, members) in enumerate(found)]


MAP_COLUMNS = (*HOVER_COLUMNS, "event_id", "lat", "lon", "city", "region", "country", "visit")


def map_figure(frame: pd.DataFrame, basemap: str = "offline", height: int = MAP_SIZE[1],
               focus: str | None = None, context: Reference | None = None) -> go.Figure:
    """Numbered markers in timeline order joined by each visit's route.

    ``basemap="offline"`` draws plotly's geo (its topojson is served by the app: pass
    ``topojsonURL`` in the chart config), with the names of ``context`` (the gazetteer's cities,
    regions and countries) around the events; ``"osm"`` uses OpenStreetMap tiles (needs internet).
    Events at one spot are spread on a small ring around it (:func:`spread`).
    """
    seq = sequence(frame)
    if too_many(seq):
        return map_overview(seq, basemap=basemap, height=height, focus=focus, context=context)
    placed = only(seq, MAP_COLUMNS)[(seq["lat"].notna() & seq["lon"].notna()).to_numpy()]
    placed = placed.reset_index(drop=True)
    view = map_view(placed, min_pad=OFFLINE_MIN_PAD if basemap != "osm" and one_spot(placed) else 0.004)
    if placed.empty:
        fig = empty_figure(_("No event with a known place matches the filters."), height=height)
        return fig
    placed["hover"] = hovers(placed)
    placed["label"], placed["spot"] = map_labels(placed, view)
    osm = basemap == "osm"
    placed["lat"], placed["lon"] = spread(placed, view)
    if osm:   # map tiles draw text as is, with no HTML
        placed["label"] = [html.unescape(re.sub(r"<[^>]+>", "", t)) for t in placed["label"]]
    traces = _route_traces(placed, osm)
    lat, lon = placed["lat"].to_numpy(dtype=float), placed["lon"].to_numpy(dtype=float)
    label, spot, hover = placed["label"].tolist(), placed["spot"].tolist(), placed["hover"].tolist()
    ids, symbol = point_ids(placed), symbols(placed, osm)
    for kind, rows in kind_rows(placed):      # each column taken once, sliced per kind
        part_ids = [ids[i] for i in rows]
        marker = dict(size=15, color=KIND_COLOURS.get(kind, "#6b7280"),
                      symbol=symbol if isinstance(symbol, str) else [symbol[i] for i in rows])
        if not osm:   # maplibre circles have no outline in plotly
            marker["line"] = outline_of([i[0] for i in part_ids], focus, 1.5)
        traces.append(dict(
            type="scattermap" if osm else "scattergeo", lat=lat[rows], lon=lon[rows], mode="markers+text",
            name=kind_name(kind), marker=marker, text=[label[i] for i in rows],
            textposition="top right" if osm else [spot[i] for i in rows],
            textfont=dict(size=13, color="#111827", family=FONT), customdata=part_ids,
            hovertext=[hover[i] for i in rows], hovertemplate="%{hovertext}<extra></extra>",
        ))
    notes: list[dict[str, object]] = []
    if not osm and context is not None:      # last: the routes and events keep their trace numbers
        more, notes = context_parts(placed, view, context)
        traces += more
    return build(traces, map_layout(view, osm, height, notes))
