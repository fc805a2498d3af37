"""Plotly figures for the timeline and the map. Pure: frames in, figures out (no streamlit).

The timeline's x axis is a sequence, not a clock: each event takes one slot, the slots of a day share
a band labelled with the date, and an event without a clock time is labelled by its order within its
day ("5 Apr 2024 · 2nd of 5"). No hour is ever invented.
"""
from __future__ import annotations

import datetime as dt
import html
import math
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.schema import KINDS

KIND_COLOURS: dict[str, str] = {
    "arrival": "#2563eb", "departure": "#7c3aed", "ceremony": "#db2777", "talks": "#dc2626",
    "meeting": "#ea580c", "summit": "#b45309", "tour": "#059669", "visit": "#0d9488",
    "opening": "#65a30d", "signing": "#0891b2", "press": "#4b5563", "other": "#6b7280",
}
DAY_GAP = 0.8            # extra x distance between two days' bands
MAP_SIZE = (720, 460)    # the size the OSM zoom is computed for, in px
_FONT = "Source Sans Pro, Segoe UI, sans-serif"


def ordinal(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _str(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) \
        else str(value)


def day_label(date: object, precision: object = "day") -> str:
    """A date as people read it, only as precise as it is known: "5 Apr 2024", "Apr 2024", "2024"."""
    text = _str(date)
    try:
        parsed = dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        parsed = None
    prec = _str(precision) or "day"
    if parsed and prec == "day":
        return f"{parsed.day} {parsed:%b %Y}"
    if len(text) >= 7 and prec in ("day", "month"):
        try:
            return dt.date.fromisoformat(text[:7] + "-01").strftime("%b %Y")
        except ValueError:
            return text
    if len(text) >= 4 and prec in ("day", "month", "year"):
        return text[:4]
    return "date unknown"


def sequence(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` in timeline order with layout columns added.

    The order is the frame's own (the store's) within a day; days ascend; undated events come last.
    Added: ``number`` (1..n, as on the map), ``day`` (band label), ``slot`` and ``day_total``,
    ``when`` (the honest label), ``x`` (position on the sequence axis).
    """
    out = frame.copy()
    out["_known"] = out["date"].notna() if "date" in out else False
    out["_key"] = out["date"].fillna("").astype(str) if "date" in out else ""
    out = out.sort_values(["_known", "_key"], ascending=[False, True], kind="stable")
    precision = out["date_precision"] if "date_precision" in out else pd.Series("day", index=out.index)
    out["day"] = [day_label(d, p) for d, p in zip(out.get("date", [None] * len(out)), precision, strict=True)]
    out["number"] = range(1, len(out) + 1)
    out["slot"] = out.groupby("day", sort=False).cumcount() + 1
    out["day_total"] = out.groupby("day", sort=False)["slot"].transform("size")
    day_index = (out["day"] != out["day"].shift()).cumsum() - 1
    out["x"] = [i + d * DAY_GAP for i, d in enumerate(day_index)]
    times = out["time"] if "time" in out else pd.Series(None, index=out.index, dtype=object)
    out["when"] = [_when(day, _str(t), slot, total) for day, t, slot, total
                   in zip(out["day"], times, out["slot"], out["day_total"], strict=True)]
    return out.drop(columns=["_known", "_key"]).reset_index(drop=True)


def _when(day: str, time: str, slot: int, total: int) -> str:
    if time:
        return f"{day} · {time}"
    if total > 1:
        return f"{day} · {ordinal(slot)} of {total}"
    return day


def _wrap(text: str, width: int = 70, lines: int = 4) -> str:
    """Escaped, wrapped text for plotly's hover (which renders a little HTML)."""
    parts = textwrap.wrap(_str(text), width=width) or [""]
    if len(parts) > lines:
        parts = [*parts[:lines - 1], parts[lines - 1][: width - 1] + "…"]
    return "<br>".join(html.escape(p) for p in parts)


def _hover(row: Mapping[str, object]) -> str:
    place = _str(row.get("place")) or "place unknown"
    n_src = row.get("n_sources")
    many = isinstance(n_src, int | float) and not pd.isna(n_src) and n_src > 1
    sources = f" · {n_src} sources" if many else ""
    return (f"<b>{row['number']}. {html.escape(_str(row.get('title')))}</b><br>"
            f"{html.escape(place)}<br>{html.escape(_str(row.get('when')))}"
            f" · <i>{html.escape(_str(row.get('kind')))}</i>{sources}<br><br>"
            f"<i>{_wrap(_str(row.get('evidence')))}</i>")


def kinds_in(frame: pd.DataFrame) -> list[str]:
    """The kinds present, known ones in schema order first."""
    present = list(dict.fromkeys(frame["kind"].fillna("other").astype(str))) if len(frame) else []
    return [k for k in KINDS if k in present] + [k for k in present if k not in KINDS]


def _ids(part: pd.DataFrame) -> list[list[object]]:
    ids = part["event_id"] if "event_id" in part else part.index.to_series()
    return [[_str(i), int(n)] for i, n in zip(ids, part["number"], strict=True)]


def _short(title: str, width: int = 22) -> str:
    lines = textwrap.wrap(title, width=width) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return "<br>".join(html.escape(line) for line in lines)


def empty_figure(message: str, height: int = 260) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=html.escape(message), showarrow=False, font=dict(size=15, color="#6b7280"),
                       x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(height=height, xaxis_visible=False, yaxis_visible=False, plot_bgcolor="white",
                      margin=dict(l=10, r=10, t=10, b=10))
    return fig


def _outline(part: pd.DataFrame, focus: str | None, width: float) -> dict[str, object]:
    """Marker outlines: white, and a dark ring around the focused event."""
    ids = [row[0] for row in _ids(part)]
    return dict(width=[width * 2 if i == focus else width for i in ids],
                color=["#111827" if i == focus else "white" for i in ids])


def timeline_figure(frame: pd.DataFrame, labels: int = 14, focus: str | None = None) -> go.Figure:
    """Events in order, one lane per kind, one band per day; titles drawn when there are few events."""
    if frame.empty:
        return empty_figure("No events match the filters.")
    seq = sequence(frame)
    seq["hover"] = [_hover(r) for r in seq.to_dict("records")]
    lanes = list(dict.fromkeys(seq["kind"].fillna("other").astype(str)))
    fig = go.Figure()
    for kind in kinds_in(seq):
        part = seq[seq["kind"].fillna("other").astype(str) == kind]
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["kind"].fillna("other").astype(str), mode="markers+text", name=kind,
            text=[str(n) for n in part["number"]], textposition="middle center",
            textfont=dict(color="white", size=12, family=_FONT), customdata=_ids(part),
            hovertext=part["hover"], hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(size=26, color=KIND_COLOURS.get(kind, "#6b7280"), line=_outline(part, focus, 2)),
        ))
    _day_bands(fig, seq)
    if len(seq) <= labels:
        for row in seq.itertuples():
            fig.add_annotation(x=row.x, y=_str(row.kind) or "other", text=_short(_str(row.title)),
                               showarrow=False, yshift=-30, font=dict(size=11, color="#374151"))
    fig.update_xaxes(tickvals=list(seq["x"]), ticktext=[_axis_label(r) for r in seq.itertuples()],
                     range=[seq["x"].min() - 0.6, seq["x"].max() + 0.6], showgrid=False, zeroline=False,
                     tickfont=dict(size=11), fixedrange=True)
    fig.update_yaxes(categoryorder="array", categoryarray=lanes, autorange="reversed", showgrid=True,
                     gridcolor="#eef0f3", fixedrange=True, title=None, range=[len(lanes) - 0.4, -0.75])
    fig.update_layout(height=max(260, 78 * len(lanes) + 100), plot_bgcolor="white", hovermode="closest",
                      clickmode="event+select", dragmode=False, font=dict(family=_FONT),
                      legend=dict(orientation="h", yanchor="bottom", y=1.06, xanchor="left", x=0, title=None),
                      margin=dict(l=10, r=10, t=60, b=10), hoverlabel=dict(align="left", bgcolor="white"))
    return fig


def _axis_label(row: object) -> str:
    time = _str(getattr(row, "time", None))
    if time:
        return time
    total = int(getattr(row, "day_total", 1))
    return f"{ordinal(int(getattr(row, 'slot', 1)))} of {total}" if total > 1 else ""


def _day_bands(fig: go.Figure, seq: pd.DataFrame) -> None:
    """One shaded band and one heading per day, set in one layout update (plotly re-validates per add)."""
    shapes, notes = [], []
    for i, (day, part) in enumerate(seq.groupby("day", sort=False)):
        x0, x1 = part["x"].min() - 0.45, part["x"].max() + 0.45
        shapes.append(dict(type="rect", x0=x0, x1=x1, y0=0, y1=1, yref="paper", layer="below", line_width=0,
                           fillcolor="#f1f5f9" if i % 2 == 0 else "#e8eef6"))
        count = f" · {len(part)} events" if len(part) > 1 else ""
        notes.append(dict(x=(x0 + x1) / 2, y=1, yref="paper", yanchor="top", showarrow=False,
                          text=f"<b>{html.escape(day)}</b>{count}", font=dict(size=12, color="#1f2937")))
    fig.update_layout(shapes=[*fig.layout.shapes, *shapes], annotations=[*fig.layout.annotations, *notes])


# ----------------------------------------------------------------------------------------------- map

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
        places = list(dict.fromkeys(_str(p) for p in rows["place"] if _str(p)))
        cities = list(dict.fromkeys(_str(c) for c in rows["city"] if _str(c)))
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
    placed["hover"] = [_hover(r) for r in placed.to_dict("records")]
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
            marker["line"] = _outline(part, focus, 1.5)
        fig.add_trace(scatter(
            lat=part["lat"], lon=part["lon"], mode="markers+text", name=kind, marker=marker,
            text=list(part["label"]), textposition="top right" if osm else list(part["spot"]),
            textfont=dict(size=13, color="#111827", family=_FONT), customdata=_ids(part),
            hovertext=part["hover"], hovertemplate="%{hovertext}<extra></extra>",
        ))
    legend = dict(orientation="h", yanchor="bottom", y=0.01, x=0.01, bgcolor="rgba(255,255,255,0.8)",
                  title=None)
    fig.update_layout(height=height, margin=dict(l=0, r=0, t=0, b=0), legend=legend, font=dict(family=_FONT),
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


def event_ids(selection: Mapping[str, object] | None) -> list[str]:
    """Event ids chosen in a plotly chart's selection state (via each point's customdata, not its index)."""
    if not selection:
        return []
    inner = selection.get("selection", selection)
    points = inner.get("points", []) if isinstance(inner, Mapping) else []
    ids: list[str] = []
    for point in points or []:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if data not in (None, "") and str(data) not in ids:
            ids.append(str(data))
    return ids
