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


def rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Frame rows as plain dicts in export column order."""
    cols = _columns(frame)
    return [{c: _plain(v) for c, v in zip(cols, values, strict=True)}
            for values in frame[cols].itertuples(index=False, name=None)]


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (spreadsheets then read Uzbek letters right); sources are "; "-joined."""
    out = frame[_columns(frame)].copy()
    if "sources" in out.columns:
        out["sources"] = out["sources"].apply(lambda s: "; ".join(map(str, _plain(s) or [])))
    return out.to_csv(index=False).encode("utf-8-sig")


def to_json(frame: pd.DataFrame) -> bytes:
    """A JSON array of events."""
    return json.dumps(rows(frame), ensure_ascii=False, indent=1).encode("utf-8")


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
    return json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, indent=1).encode("utf-8")
