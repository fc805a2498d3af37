"""Exports of a (filtered) timeline or one visit, as bytes ready to download (no streamlit here).

CSV and JSON (:mod:`.tables`), GeoJSON, TimelineJS3 JSON and iCalendar (:mod:`.formats`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.export.formats import to_geojson, to_ics, to_timelinejs
from dashboard.export.tables import (
    cameo_table,
    enrich,
    file_name,
    file_stem,
    group_key,
    group_label,
    rows,
    to_csv,
    to_json,
    visit_titles,
)


@dataclass(frozen=True, slots=True)
class Format:
    label: str
    build: Callable[[pd.DataFrame, pd.DataFrame | None], bytes]
    mime: str
    ext: str
    max_events: int | None = None    # the page offers it up to this many (a 100k calendar takes minutes)


FORMATS: dict[str, Format] = {
    "csv": Format("CSV", to_csv, "text/csv", "csv"),
    "json": Format("JSON", to_json, "application/json", "json"),
    "geojson": Format("GeoJSON", to_geojson, "application/geo+json", "geojson"),
    "timelinejs": Format("TimelineJS", to_timelinejs, "application/json", "timeline.json", 5_000),
    "ics": Format("Calendar (.ics)", to_ics, "text/calendar", "ics", 5_000),
}


IN_PARTS = (to_csv, to_json)     # take the page's compacted frame: turned back a part at a time


def export(frame: pd.DataFrame, fmt: str, articles: pd.DataFrame | None = None) -> tuple[bytes, str]:
    """The file of ``frame`` in ``fmt`` and the name it should have."""
    spec = FORMATS[fmt]
    return spec.build(frame, articles), file_name(frame, spec.ext)


def select_group(frame: pd.DataFrame, group: str) -> pd.DataFrame:
    """The events of one visit, else of one article (a full id or its first characters, at least
    six); an empty frame when there is none."""
    keys = group_key(frame)
    exact = frame.loc[keys == group]
    if not exact.empty or len(group) < 6:
        return exact
    found = frame.loc[keys.str.startswith(group)]
    if found.empty and "visit" in frame.columns:
        found = frame.loc[frame["article"].astype("string").fillna("").str.startswith(group)]
    return found


__all__ = ["FORMATS", "IN_PARTS", "Format", "cameo_table", "enrich", "export", "file_name", "file_stem",
           "group_key", "group_label", "rows", "select_group", "to_csv", "to_geojson", "to_ics", "to_json",
           "to_timelinejs", "visit_titles"]
