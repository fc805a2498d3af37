"""The map figure: numbered markers in timeline order joined by the route, offline or on OSM tiles.

Pure (no streamlit). The offline map is plotly's geo with the topojson the app serves itself.
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class MapView:
    """Where the map looks: centre, padded ranges (for the offline globe) and a zoom (for tiles)."""

    lat: float
    lon: float
    lat_range: tuple[float, float]
    lon_range: tuple[float, float]
    zoom: float


def map_view(frame: pd.DataFrame, min_pad: float = 0.004, pad_ratio: float = 0.3) -> MapView:
    """A view that shows every placed event with some margin; ~450 m of margin at the least."""
    lats = pd.to_numeric(frame.get("lat"), errors="coerce").dropna().astype(float)
    lons = pd.to_numeric(frame.get("lon"), errors="coerce").dropna().astype(float)
    if lats.empty or lons.empty:
        return MapView(41.3, 64.6, (35.0, 48.0), (55.0, 75.0), 4.0)   # Uzbekistan, for an empty map
    lat0, lat1, lon0, lon1 = lats.min(), lats.max(), lons.min(), lons.max()
    lat_pad = max((lat1 - lat0) * pad_ratio, min_pad)
    lon_pad = max((lon1 - lon0) * pad_ratio, min_pad / max(math.cos(math.radians((lat0 + lat1) / 2)), 0.2))
    lat_range, lon_range = _fit_aspect((lat0 - lat_pad, lat1 + lat_pad), (lon0 - lon_pad, lon1 + lon_pad))
    lat_range = (max(lat_range[0], -85.0), min(lat_range[1], 85.0))
    lon_range = (max(lon_range[0], -180.0), min(lon_range[1], 180.0))
    return MapView((lat0 + lat1) / 2, (lon0 + lon1) / 2, lat_range, lon_range, _zoom(lat_range, lon_range))


def _merc(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85.0), -85.0)) / 2))


def _fit_aspect(lat_range: tuple[float, float], lon_range: tuple[float, float]
                ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Widen the narrower of the two ranges so the view has the map's aspect (mercator), filling the box."""
    width, height = MAP_SIZE
    y0, y1 = _merc(lat_range[0]), _merc(lat_range[1])
    x_span = math.radians(lon_range[1] - lon_range[0])
    if x_span / max(y1 - y0, 1e-12) < width / height:     # too tall: widen the longitudes
        extra = math.degrees((y1 - y0) * width / height) - (lon_range[1] - lon_range[0])
        return lat_range, (lon_range[0] - extra / 2, lon_range[1] + extra / 2)
    extra = x_span * height / width - (y1 - y0)             # too wide: grow the latitudes
    return (_unmerc(y0 - extra / 2), _unmerc(y1 + extra / 2)), lon_range


def _unmerc(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _zoom(lat_range: tuple[float, float], lon_range: tuple[float, float]) -> float:
    """Web-mercator zoom at which both ranges fit :data:`MAP_SIZE` (256 px tiles), within 1..17."""
    width, height = MAP_SIZE
    lon_span = max(lon_range[1] - lon_range[0], 1e-6)
    y_span = max(_merc(lat_range[1]) - _merc(lat_range[0]), 1e-9)
    z_lon = math.log2(width * 360 / (256 * lon_span))
    z_lat = math.log2(height * 2 * math.pi / (256 * y_span))
    return round(max(1.0, min(17.0, z_lon, z_lat)), 2)


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


def map_figure(frame: pd.DataFrame, basemap: str = "offline", height: int = MAP_SIZE[1],
               focus: str | None = None) -> go.Figure:
    """Numbered markers in timeline order joined by the route.

    ``basemap="offline"`` draws plotly's geo (its topojson is served by the app: pass
    ``topojsonURL`` in the chart config); ``"osm"`` uses OpenStreetMap tiles (needs internet).
    """
    seq = sequence(frame)
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
        marker = dict(size=15, color=KIND_COLOURS.get(kind, "#6b7280"))
        if not osm:   # maplibre circles have no outline in plotly
            marker["line"] = outline(part, focus, 1.5)
        fig.add_trace(scatter(
            lat=part["lat"], lon=part["lon"], mode="markers+text", name=kind, marker=marker,
            text=list(part["label"]), textposition="top right" if osm else list(part["spot"]),
            textfont=dict(size=13, color="#111827", family=FONT), customdata=point_ids(part),
            hovertext=part["hover"], hovertemplate="%{hovertext}<extra></extra>",
        ))
    legend = dict(orientation="h", yanchor="bottom", y=0.01, x=0.01, bgcolor="rgba(255,255,255,0.8)",
                  title=None)
    fig.update_layout(height=height, margin=dict(l=0, r=0, t=0, b=0), legend=legend, font=dict(family=FONT),
                      showlegend=False,
                      clickmode="event+select", hoverlabel=dict(align="left", bgcolor="white"))
    if osm:
        fig.update_layout(map=dict(style="open-street-map", center=dict(lat=view.lat, lon=view.lon),
                                   zoom=view.zoom))
    else:
        fig.update_geos(
            projection_type="mercator", resolution=50, scope="world", center=dict(lat=view.lat, lon=view.lon),
            lataxis_range=list(view.lat_range), lonaxis_range=list(view.lon_range),
            showland=True, landcolor="#f3efe6", showocean=True, oceancolor="#dbeafe", showlakes=True,
            lakecolor="#dbeafe", showrivers=True, rivercolor="#93c5fd", showcountries=True,
            countrycolor="#9ca3af", showcoastlines=True, coastlinecolor="#9ca3af", showframe=False,
            bgcolor="white",
        )
    return fig

