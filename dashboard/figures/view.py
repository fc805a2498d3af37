"""Where a map looks: a view that fits the events shown, and the map's base layer. Pure (no streamlit)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from dashboard.figures.base import FONT, MAP_SIZE


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


def merc(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85.0), -85.0)) / 2))


def _fit_aspect(lat_range: tuple[float, float], lon_range: tuple[float, float]
                ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Widen the narrower of the two ranges so the view has the map's aspect (mercator), filling the box."""
    width, height = MAP_SIZE
    y0, y1 = merc(lat_range[0]), merc(lat_range[1])
    x_span = math.radians(lon_range[1] - lon_range[0])
    if x_span / max(y1 - y0, 1e-12) < width / height:     # too tall: widen the longitudes
        extra = math.degrees((y1 - y0) * width / height) - (lon_range[1] - lon_range[0])
        return lat_range, (lon_range[0] - extra / 2, lon_range[1] + extra / 2)
    extra = x_span * height / width - (y1 - y0)             # too wide: grow the latitudes
    return (unmerc(y0 - extra / 2), unmerc(y1 + extra / 2)), lon_range


def unmerc(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _zoom(lat_range: tuple[float, float], lon_range: tuple[float, float]) -> float:
    """Web-mercator zoom at which both ranges fit :data:`MAP_SIZE` (256 px tiles), within 1..17."""
    width, height = MAP_SIZE
    lon_span = max(lon_range[1] - lon_range[0], 1e-6)
    y_span = max(merc(lat_range[1]) - merc(lat_range[0]), 1e-9)
    z_lon = math.log2(width * 360 / (256 * lon_span))
    z_lat = math.log2(height * 2 * math.pi / (256 * y_span))
    return round(max(1.0, min(17.0, z_lon, z_lat)), 2)


def map_layout(view: MapView, osm: bool, height: int, annotations: list[dict[str, object]] | None = None
               ) -> dict[str, object]:
    """The layout every map shares: size, legend, selection, and the base layer (offline geo or OSM)."""
    legend = dict(orientation="h", yanchor="bottom", y=0.01, x=0.01, bgcolor="rgba(255,255,255,0.8)")
    layout: dict[str, object] = dict(
        height=height, margin=dict(l=0, r=0, t=0, b=0), legend=legend, font=dict(family=FONT),
        showlegend=False, clickmode="event+select", hoverlabel=dict(align="left", bgcolor="white"),
        annotations=annotations or [])
    if osm:
        layout["map"] = dict(style="open-street-map", center=dict(lat=view.lat, lon=view.lon), zoom=view.zoom)
    else:
        layout["geo"] = dict(
            projection=dict(type="mercator"), resolution=50, scope="world",
            center=dict(lat=view.lat, lon=view.lon), lataxis=dict(range=list(view.lat_range)),
            lonaxis=dict(range=list(view.lon_range)), showland=True, landcolor="#f3efe6", showocean=True,
            oceancolor="#dbeafe", showlakes=True, lakecolor="#dbeafe", showrivers=True, rivercolor="#93c5fd",
            showcountries=True, countrycolor="#9ca3af", showcoastlines=True, coastlinecolor="#9ca3af",
            showframe=False, bgcolor="white")
    return layout
