"""The event schema, defined once: a dataclass and the frame's columns with dtypes."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from functools import lru_cache

import pandas as pd

KINDS: tuple[str, ...] = ("arrival", "departure", "ceremony", "talks", "meeting", "summit",
                          "tour", "visit", "opening", "signing", "press", "other")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "unknown")
PLACE_KINDS: tuple[str, ...] = ("landmark", "airport", "city", "district", "region", "country")


@dataclass(slots=True)
class Event:
    """One dated, placed, typed event of one article."""

    article: str
    seq: int
    kind: str
    title: str
    date: str | None = None            # YYYY-MM-DD
    time: str | None = None            # HH:MM
    date_precision: str = "unknown"
    place: str | None = None           # English display name
    place_surface: str | None = None   # the place as written in the article
    place_kind: str | None = None
    place_precision: str | None = None
    place_id: str | None = None        # gazetteer id, e.g. "airport:UGC"
    city: str | None = None            # English names, for the hierarchical location filter
    region: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None         # ISO 3166-1 alpha-2
    participants: str = ""             # names found, "; "-joined
    evidence: str = ""                 # the sentence(s), in the article's own words
    evidence_start: int = 0            # offsets into the original text
    evidence_end: int = 0
    confidence: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


COLUMNS: dict[str, str] = {
    "article": "string",
    "seq": "Int64",
    "kind": "string",
    "title": "string",
    "date": "string",
    "time": "string",
    "date_precision": "string",
    "place": "string",
    "place_surface": "string",
    "place_kind": "string",
    "place_precision": "string",
    "place_id": "string",
    "city": "string",
    "region": "string",
    "lat": "Float64",
    "lon": "Float64",
    "country": "string",
    "participants": "string",
    "evidence": "string",
    "evidence_start": "Int64",
    "evidence_end": "Int64",
    "confidence": "Float64",
}

assert list(COLUMNS) == [f.name for f in fields(Event)], "schema: COLUMNS and Event disagree"


_DTYPES = {name: pd.api.types.pandas_dtype(dtype) for name, dtype in COLUMNS.items()}   # resolved once


@lru_cache(maxsize=1)
def _empty() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _DTYPES.items()})


def empty_frame() -> pd.DataFrame:
    """A frame with no rows that still has every column and dtype (a copy of one built once)."""
    return _empty().copy()


def to_frame(events: list[Event]) -> pd.DataFrame:
    """Events to a frame with the schema's columns and dtypes, in the given order."""
    if not events:
        return empty_frame()
    columns = {name: pd.array([getattr(e, name) for e in events], dtype=dtype)
               for name, dtype in _DTYPES.items()}
    return pd.DataFrame(columns, copy=False)   # the arrays are new: nothing to copy


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Frame rows as plain JSON-ready dicts (missing values become None)."""
    plain = frame.astype(object).where(frame.notna(), None)
    return plain.to_dict(orient="records")
