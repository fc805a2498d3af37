"""The event schema, defined once: a dataclass and the frame's columns with dtypes."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa

KINDS: tuple[str, ...] = ("arrival", "departure", "ceremony", "talks", "meeting", "summit",
                          "tour", "visit", "opening", "signing", "press", "other")
STATUSES: tuple[str, ...] = ("happened", "planned")
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
    status: str = "happened"           # happened | planned (announced, future: shown apart)

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
    "status": "string",
}

assert list(COLUMNS) == [f.name for f in fields(Event)], "schema: COLUMNS and Event disagree"


_DTYPES = {name: pd.api.types.pandas_dtype(dtype) for name, dtype in COLUMNS.items()}   # resolved once
_STRING = pd.api.types.pandas_dtype("string")
_ARROW_STRINGS = getattr(_STRING, "storage", None) == "pyarrow"    # else pd.array picks the storage
_MASKED = {pd.api.types.pandas_dtype("Int64"): (int, np.int64(0)),
           pd.api.types.pandas_dtype("Float64"): (float, np.float64(0.0))}


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
    columns = {name: _array([getattr(e, name) for e in events], dtype) for name, dtype in _DTYPES.items()}
    return pd.DataFrame(columns, copy=False)   # the arrays are new: nothing to copy


def _array(values: list, dtype) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype=dtype)``, built directly from plain str/int/float values and None.

    pd.array inspects and converts every value (a tenth of an article's extraction time); the arrays
    built here are the ones it builds. Anything else (NaN, numpy scalars) takes pd.array.
    """
    if dtype == _STRING:
        if _ARROW_STRINGS and all(v is None or type(v) is str for v in values):
            return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
    elif dtype in _MASKED:
        kind, zero = _MASKED[dtype]
        if all(v is None or (type(v) is kind and v == v) for v in values):
            mask = np.array([v is None for v in values], dtype=bool)
            data = np.array([zero if v is None else v for v in values], dtype=type(zero))
            return (pd.arrays.IntegerArray if kind is int else pd.arrays.FloatingArray)(data, mask)
    return pd.array(values, dtype=dtype)


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Frame rows as plain JSON-ready dicts (missing values become None)."""
    plain = frame.astype(object).where(frame.notna(), None)
    return plain.to_dict(orient="records")
