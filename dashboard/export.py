"""Exports of a (filtered) timeline frame: CSV, JSON and GeoJSON, as bytes ready to download."""
from __future__ import annotations

import json
import math

import pandas as pd

from dashboard.schema import COLUMNS

_EXTRA = ("event_id", "sources", "n_sources")


def _columns(frame: pd.DataFrame) -> list[str]:
    wanted = [*_EXTRA[:1], *COLUMNS, *_EXTRA[1:]]
    return [c for c in wanted if c in frame.columns]


def _plain(value: object) -> object:
    """A JSON-ready value: NA -> None, numpy scalars -> Python, tuples/arrays -> lists."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, str):
        return _plain(value.tolist())
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _column(frame: pd.DataFrame, name: str) -> list[object]:
    """A column as plain Python values, worked out per column (per cell, 100k events took seconds)."""
    column = frame[name]
    if column.dtype == object:          # lists of sources, mixed values
        return [_plain(v) for v in column]
    return column.astype(object).where(column.notna(), None).tolist()


def rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Frame rows as plain dicts in export column order."""
    cols = _columns(frame)
    return [dict(zip(cols, values, strict=True))
            for values in zip(*(_column(frame, c) for c in cols), strict=True)]


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (spreadsheets then read Uzbek letters right); sources are "; "-joined."""
    out = frame[_columns(frame)].copy()
    if "sources" in out.columns:
        out["sources"] = out["sources"].apply(lambda s: "; ".join(map(str, _plain(s) or [])))
    return out.to_csv(index=False).encode("utf-8-sig")


def to_json(frame: pd.DataFrame) -> bytes:
    """A JSON array of events."""
    return _lines(rows(frame)).encode("utf-8")


def to_geojson(frame: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection: one Point per placed event (events without coordinates are left out)."""
    features = []
    for row in rows(frame):
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": props})
    return ('{"type": "FeatureCollection", "features": ' + _lines(features) + "}").encode("utf-8")


def _lines(items: list[object]) -> str:
    """A JSON array with one item per line: json's C encoder runs only without ``indent`` (5 s at 100k)."""
    if not items:
        return "[]"
    return "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]"
