"""The vocabularies, each one table in ``data/``: event kinds and place kinds.

``data/event_kinds.csv``: each kind of event, in timeline order, with its English label, its colour on
the timeline and map, its CAMEO code, another fitting code and the code's label (the corpus README's
kind table; the exports carry them).
``data/place_kinds.csv``: each kind of place with its ``specificity`` (0 is the most specific, the order
in which the gazetteer prefers namesakes) and its ``detail`` (how much a place of that kind says about
where an event happened; the event assembler's score). tests/test_vocabulary.py binds these tables to
the lexicons, the gazetteer data and the schema.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from dashboard.errors import DataFileError
from dashboard.settings import packaged_dir

_COLOUR = re.compile(r"#[0-9a-f]{6}")
_CAMEO = re.compile(r"\d{3}")


@dataclass(frozen=True, slots=True)
class EventKind:
    name: str
    label: str
    colour: str                  # "#rrggbb"
    cameo: str                   # CAMEO event code, e.g. "042"; "" for "other"
    cameo_also: str              # another fitting code, or ""
    cameo_label: str             # what the code means


@dataclass(frozen=True, slots=True)
class PlaceKind:
    name: str
    specificity: int             # 0 = most specific (landmark) ... country
    detail: int                  # higher = says more about where an event happened


def _rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    path = packaged_dir("data") / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise ValueError(f"columns are {reader.fieldnames}, want {list(columns)}")
            rows = list(reader)
    except (OSError, ValueError, csv.Error) as exc:
        raise DataFileError(f"cannot read data file {path}: {exc}") from exc
    if len({r[columns[0]] for r in rows}) != len(rows):
        raise DataFileError(f"data file {path}: a {columns[0]} is listed twice")
    return rows


def _event_kinds() -> dict[str, EventKind]:
    kinds = {}
    for row in _rows("event_kinds.csv", ("kind", "label", "colour", "cameo", "cameo_also", "cameo_label")):
        codes = [c for c in (row["cameo"], row["cameo_also"]) if c]
        if not _COLOUR.fullmatch(row["colour"]) or not all(map(_CAMEO.fullmatch, codes)):
            raise DataFileError(f"event_kinds.csv: bad colour or CAMEO code for {row['kind']!r}")
        kinds[row["kind"]] = EventKind(row["kind"], row["label"], row["colour"], row["cameo"],
                                       row["cameo_also"], row["cameo_label"])
    return kinds


def _place_kinds() -> dict[str, PlaceKind]:
    try:
        kinds = [PlaceKind(r["kind"], int(r["specificity"]), int(r["detail"]))
                 for r in _rows("place_kinds.csv", ("kind", "specificity", "detail"))]
    except ValueError as exc:
        raise DataFileError(f"place_kinds.csv: {exc}") from exc
    return {k.name: k for k in sorted(kinds, key=lambda k: k.specificity)}


EVENT_KINDS: dict[str, EventKind] = _event_kinds()      # in timeline order
PLACE_KINDS: dict[str, PlaceKind] = _place_kinds()      # most specific first
