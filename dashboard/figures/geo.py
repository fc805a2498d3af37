"""The map figure: numbered markers in timeline order joined by the route, offline or on OSM tiles.

Pure (no streamlit). The offline map is plotly's geo with the topojson the app serves itself.
"""
from __future__ import annotations

import html
import math
import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.base import (
    FONT,
    KIND_COLOURS,
    MAP_SIZE,
    as_text,
    empty_figure,
    hover,
    kinds_in,
    outline,
    point_ids,
    sequence,
)
from dashboard.figures.overview import map_overview, too_many
from dashboard.figures.view import MapView, map_view, style_map


def map_labels(placed: pd.DataFrame, view: MapView, near: float = 0.04) -> tuple[list[str], list[str]]:
    """One label per cluster of nearby events, so markers at one spot stay readable without jitter.

    Events closer than ``near`` of the view's span form a cluster; its first event carries the label
    "1 · 5  Urgench International Airport" (the shared place, else the shared city), the others none.
    Returns the texts and their positions (left of the marker near the right edge).
    """
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
    texts, spots = [""] * len(placed), ["middle right"] * len(placed)
    width = view.lon_range[1] - view.lon_range[0]
    height = view.lat_range[1] - view.lat_range[0]
    for k, group in enumerate(members):
        rows = placed.iloc[group]
        numbers = " · ".join(str(n) for n in rows["number"])
        places = list(dict.fromkeys(as_text(p) for p in rows["place"] if as_text(p)))
        cities = list(dict.fromkeys(as_text(c) for c in rows["city"] if as_text(c)))
        name = places[0] if len(places) == 1 else cities[0] if len(cities) == 1 else ""
        texts[group[0]] = f"<b>{numbers}</b>  {html.escape(name)}" if name else f"<b>{numbers}</b>"
        lat, lon = anchors[k]
        crowded_right = any(0 < b - lon < 0.3 * width and abs(a - lat) < 0.08 * height for a, b in anchors)
        near_edge = lon > view.lon_range[0] + 0.62 * width
        if crowded_right or near_edge:
            spots[group[0]] = "middle left"
    return texts, spots


APPROXIMATE = "circle-open"     # a place not named exactly: inferred, or only a city/region/country


def approximate(part: pd.DataFrame) -> list[bool]:
    """True where an event's place is not its own exact venue (inferred from the story, or coarse)."""
    return [as_text(p) not in ("", "exact") for p in part.get("place_precision", pd.Series(index=part.index))]


def symbols(part: pd.DataFrame, osm: bool) -> list[str] | str:
    """Filled circles for exact places, open rings for inferred and coarse ones (maplibre: circles only)."""
    if osm:
        return "circle"
    return [APPROXIMATE if a else "circle" for a in approximate(part)]


def map_figure(frame: pd.DataFrame, basemap: str = "offline", height: int = MAP_SIZE[1],
               focus: str | None = None) -> go.Figure:
    """Numbered markers in timeline order joined by the route.

    ``basemap="offline"`` draws plotly's geo (its topojson is served by the app: pass
    ``topojsonURL`` in the chart config); ``"osm"`` uses OpenStreetMap tiles (needs internet).
    """
    seq = sequence(frame)
    if too_many(seq):
        return map_overview(seq, basemap=basemap, height=height, focus=focus)
    placed = seq[seq["lat"].notna() & seq["lon"].notna()].reset_index(drop=True)
    view = map_view(placed)
    if placed.empty:
        fig = empty_figure("No event with a known place matches the filters.", height=height)
        return fig
    placed["hover"] = [hover(r) for r in placed.to_dict("records")]
    placed["label"], placed["spot"] = map_labels(placed, view)
    if basemap == "osm":   # map tiles draw text as is, with no HTML
        placed["label"] = [html.unescape(re.sub(r"<[^>]+>", "", t)) for t in placed["label"]]
    osm = basemap == "osm"
    scatter = go.Scattermap if osm else go.Scattergeo
    fig = go.Figure()
    if len(placed) > 1:
        line = dict(width=2.5, color="#64748b") if osm else dict(width=2, color="#64748b", dash="dot")
        fig.add_trace(scatter(lat=placed["lat"], lon=placed["lon"], mode="lines", line=line,
                              hoverinfo="skip", showlegend=False, name="route"))
    for kind in kinds_in(placed):
        part = placed[placed["kind"].fillna("other").astype(str) == kind]
        marker = dict(size=15, color=KIND_COLOURS.get(kind, "#6b7280"), symbol=symbols(part, osm))
        if not osm:   # maplibre circles have no outline in plotly
            marker["line"] = outline(part, focus, 1.5)
        fig.add_trace(scatter(
            lat=part["lat"], lon=part["lon"], mode="markers+text", name=kind, marker=marker,
            text=list(part["label"]), textposition="top right" if osm else list(part["spot"]),
            textfont=dict(size=13, color="#111827", family=FONT), customdata=point_ids(part),
            hovertext=part["hover"], hovertemplate="%{hovertext}<extra></extra>",
        ))
    style_map(fig, view, osm, height)
    return fig

