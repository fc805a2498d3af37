"""The vocabularies, each one table in ``data/``: event kinds, place kinds and event statuses.

``data/event_kinds.csv``: each kind of event, in timeline order, with its English label, its colour on
the timeline and map, its CAMEO code, another fitting code and the code's label (the corpus README's
kind table; the exports carry them).
``data/place_kinds.csv``: each kind of place with its ``specificity`` (0 is the most specific, the order
in which the gazetteer prefers namesakes), its ``detail`` (how much a place of that kind says about
where an event happened; the event assembler's score), its ``trust`` (how much a bare name of that kind
is believed among namesakes; the gazetteer's score) and ``city_level`` (1: a city or a place inside one).
``data/statuses.csv``: each status of an event, the first the default; ``shown`` 0 for the statuses
the timeline hides unless asked for (announced or future events).
Each table ends with ``page_<lang>`` columns: how the page names the row in each of its languages
(dashboard.i18n; English keeps the names the page has always shown), read by :func:`page_name`.
The code's constants are derived here; tests/test_vocabulary.py checks the loader and binds these
tables to the lexicons and the gazetteer data.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

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
    page: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)   # language -> name


@dataclass(frozen=True, slots=True)
class PlaceKind:
    name: str
    specificity: int             # 0 = most specific (landmark) ... country
    detail: int                  # higher = says more about where an event happened
    trust: float                 # higher = a bare name of this kind is likelier meant among namesakes
    city_level: bool             # a city, or a place inside one (district, airport, landmark)
    page: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)   # language -> name


@dataclass(frozen=True, slots=True)
class Status:
    name: str
    shown: bool                  # False: hidden from the timeline unless asked for
    meaning: str
    page: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)   # language -> name


PAGE = "page_"      # the prefix of the page's names per language


def _rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of ``data/<name>``: ``columns``, then one ``page_<lang>`` column or more (none empty)."""
    path = packaged_dir("data") / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            found = tuple(reader.fieldnames or ())
            pages = found[len(columns):]
            if found[:len(columns)] != columns or not pages or not all(c.startswith(PAGE) for c in pages):
                raise ValueError(f"columns are {reader.fieldnames}, want {list(columns)} then page_<lang>")
            rows = list(reader)
            if any(not r[c] for r in rows for c in pages):
                raise ValueError("a page_<lang> name is empty")
    except (OSError, ValueError, csv.Error) as exc:
        raise DataFileError(f"cannot read data file {path}: {exc}") from exc
    if len({r[columns[0]] for r in rows}) != len(rows):
        raise DataFileError(f"data file {path}: a {columns[0]} is listed twice")
    return rows


def _page(row: dict[str, str]) -> dict[str, str]:
    return {k.removeprefix(PAGE): v for k, v in row.items() if k.startswith(PAGE)}


def _event_kinds() -> dict[str, EventKind]:
    kinds = {}
    for row in _rows("event_kinds.csv", ("kind", "label", "colour", "cameo", "cameo_also", "cameo_label")):
        codes = [c for c in (row["cameo"], row["cameo_also"]) if c]
        if not _COLOUR.fullmatch(row["colour"]) or not all(map(_CAMEO.fullmatch, codes)):
            raise DataFileError(f"event_kinds.csv: bad colour or CAMEO code for {row['kind']!r}")
        kinds[row["kind"]] = EventKind(row["kind"], row["label"], row["colour"], row["cameo"],
                                       row["cameo_also"], row["cameo_label"], _page(row))
    return kinds


def _flag(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(f"{text!r} is not 0 or 1")
    return text == "1"


def _place_kinds() -> dict[str, PlaceKind]:
    try:
        kinds = [PlaceKind(r["kind"], int(r["specificity"]), int(r["detail"]), float(r["trust"]),
                           _flag(r["city_level"]), _page(r))
                 for r in _rows("place_kinds.csv", ("kind", "specificity", "detail", "trust", "city_level"))]
    except ValueError as exc:
        raise DataFileError(f"place_kinds.csv: {exc}") from exc
    if len({k.specificity for k in kinds}) != len(kinds):
        raise DataFileError("place_kinds.csv: two kinds share a specificity")
    return {k.name: k for k in sorted(kinds, key=lambda k: k.specificity)}


def _statuses() -> dict[str, Status]:
    try:
        statuses = [Status(r["status"], _flag(r["shown"]), r["meaning"], _page(r))
                    for r in _rows("statuses.csv", ("status", "shown", "meaning"))]
    except ValueError as exc:
        raise DataFileError(f"statuses.csv: {exc}") from exc
    if not statuses or not statuses[0].shown:
        raise DataFileError("statuses.csv: the first status (the default) must be shown")
    return {s.name: s for s in statuses}


EVENT_KINDS: dict[str, EventKind] = _event_kinds()      # in timeline order
PLACE_KINDS: dict[str, PlaceKind] = _place_kinds()      # most specific first
STATUSES: dict[str, Status] = _statuses()               # the default first

# Derived views of the tables, for the code that reads one column.
SPECIFICITY: dict[str, int] = {k.name: k.specificity for k in PLACE_KINDS.values()}
PLACE_DETAIL: dict[str, int] = {k.name: k.detail for k in PLACE_KINDS.values()}
PLACE_TRUST: dict[str, float] = {k.name: k.trust for k in PLACE_KINDS.values()}
CITY_LEVEL: frozenset[str] = frozenset(k.name for k in PLACE_KINDS.values() if k.city_level)
DEFAULT_STATUS: str = next(iter(STATUSES))
HIDDEN_STATUSES: frozenset[str] = frozenset(s.name for s in STATUSES.values() if not s.shown)


def page_name(value: str, lang: str) -> str:
    """How the page names an event kind, place kind or status in ``lang`` (``value`` itself when it is
    none of them or the table has no column for ``lang``)."""
    for table in (EVENT_KINDS, PLACE_KINDS, STATUSES):
        row = table.get(value)
        if row is not None:
            return row.page.get(lang, value)
    return value
