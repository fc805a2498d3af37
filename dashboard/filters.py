"""Filtering the timeline: the location hierarchy, the filters, and their URL query-parameter form.

Pure pandas: frames in, frames out. A location is a key ``"<level>:<name>"`` (``"city:Khiva"``,
``"airport:Urgench International Airport"``, ``"country:UZ"``) so a city and a region of the same
name stay apart. An event matches a location when the location is any level of the event: its place,
its city, its region or its country. Choosing ``city:Khiva`` therefore keeps Ichan-Qala.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from dashboard.i18n import N_
from dashboard.schema import PLACE_KINDS, first_rows, group_codes, missing
from dashboard.vocab import HIDDEN_STATUSES  # announced or future events: hidden unless asked for

LISTED = 200      # a long list's options sent per run at most (13,768 visits were 1.6 MB on every run)
LEVELS: tuple[str, ...] = tuple(reversed(PLACE_KINDS))   # country ... landmark: least specific first
_RANK = {level: rank for rank, level in enumerate(LEVELS)}

def happened(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """``frame`` without its planned events, unless the filters ask for them."""
    if filters.planned or frame.empty or "status" not in frame.columns:
        return frame
    keep = ~frame["status"].isin(list(HIDDEN_STATUSES)).fillna(False).astype(bool)
    return frame if bool(keep.all()) else frame[keep]       # no copy when nothing is planned


@lru_cache(maxsize=256)
def country_name(code: str) -> str:
    """English name of an ISO 3166-1 alpha-2 code (``"UZ"`` -> ``"Uzbekistan"``); the code if unknown."""
    try:
        from babel import Locale

        return Locale("en").territories.get(code.upper(), code)
    except Exception:  # babel missing data: the code is still a fine label
        return code


@lru_cache(maxsize=1 << 14)
def location_label(key: str) -> str:
    """``"city:Khiva"`` -> ``"Khiva (city)"``; countries by name (kept: the Location list calls it for
    every option on every rerun)."""
    level, _, name = key.partition(":")
    shown = country_name(name) if level == "country" else name
    return f"{shown} ({level})" if level else shown


def _text(value: object) -> str | None:
    text = "" if missing(value) else str(value).strip()
    return text or None


def event_locations(row: Mapping[str, object]) -> list[str]:
    """Every location key an event belongs to, from its own place up to its country."""
    keys: list[str] = []
    place, kind = _text(row.get("place")), _text(row.get("place_kind"))
    if place and kind:
        keys.append(f"{kind}:{place}")
    for level in ("city", "region", "country"):
        name = _text(row.get(level))
        if name and f"{level}:{name}" not in keys:
            keys.append(f"{level}:{name}")
    return keys


_PLACE_COLUMNS = ("place", "place_kind", "city", "region", "country")


def _membership(frame: pd.DataFrame) -> pd.Series:
    """Each event's location keys, worked out once per distinct place (thousands of events share a few)."""
    cols = [c for c in _PLACE_COLUMNS if c in frame.columns]
    if not len(frame):
        return pd.Series([], dtype=object)
    rows = list(frame[cols].astype(object).itertuples(index=False, name=None))
    keys = {row: event_locations(dict(zip(cols, row, strict=True))) for row in set(rows)}
    return pd.Series([keys[row] for row in rows], index=frame.index, dtype=object)


def _in_locations(frame: pd.DataFrame, wanted: set[str]) -> np.ndarray:
    """Whether each event lies in one of the ``wanted`` location keys, decided once per distinct place
    (rows are grouped on codes; a Python tuple per row took ~0.1 s at 10k events)."""
    cols = [c for c in _PLACE_COLUMNS if c in frame.columns]
    if not len(frame) or not cols:
        return np.zeros(len(frame), dtype=bool)
    codes = group_codes([frame[c] for c in cols], len(frame))
    _, first = np.unique(codes, return_index=True)
    columns = [frame[c].iloc[first].to_numpy(dtype=object, na_value=None).tolist() for c in cols]
    inside = np.array([bool(wanted.intersection(_keys_of(tuple(cols), row)))
                       for row in zip(*columns, strict=True)], dtype=bool)
    return inside[codes]


@lru_cache(maxsize=1 << 15)
def _keys_of(cols: tuple[str, ...], values: tuple[object, ...]) -> tuple[str, ...]:
    """:func:`event_locations` of one distinct place (kept: the same places come back every rerun)."""
    return tuple(event_locations(dict(zip(cols, values, strict=True))))


def location_options(frame: pd.DataFrame) -> list[str]:
    """The location keys present, in tree order: each country, its regions, their cities, then places."""
    order: dict[str, tuple[str, ...]] = {}
    cols = [c for c in _PLACE_COLUMNS if c in frame.columns]
    for keys in _membership(frame[cols].take(_first_rows(frame, cols))):
        names = dict(k.split(":", 1) for k in keys)
        path = [names.get("country", ""), names.get("region", ""), names.get("city", "")]
        for key in keys:
            level, name = key.split(":", 1)
            depth = {"country": 1, "region": 2, "city": 3}.get(level, 3)
            sort_key = (*path[:depth], *[""] * (3 - depth), f"{_RANK.get(level, len(LEVELS)):02d}", name)
            order[key] = min(order.get(key, sort_key), sort_key)
    return sorted(order, key=order.__getitem__)


def _first_rows(frame: pd.DataFrame, cols: list[str]) -> np.ndarray:
    """The first row of each distinct combination of ``cols``' values, in frame order (as
    ``drop_duplicates``), worked out on each column's codes: no Python object per row. A group's first
    row is where its number (in order of first appearance) passes every number before it."""
    return first_rows(group_codes([frame[name] for name in cols], len(frame)))


def _as_date(value: object) -> dt.date | None:
    text = _text(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def date_bounds(frame: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """First and last known day of the frame, or None when no event is dated."""
    dates = frame.get("date", pd.Series(dtype=object))
    days = [d for d in map(_as_date, pd.unique(dates.dropna()).tolist()) if d]    # per value, not per row
    return (min(days), max(days)) if days else None


def _source_lists(frame: pd.DataFrame) -> pd.Series:
    if "sources" in frame.columns:
        return frame["sources"].apply(lambda s: list(s) if isinstance(s, list | tuple) else [])
    return frame["article"].apply(lambda a: [a] if _text(a) else [])


def _names(participants: object) -> list[str]:
    return [n.strip() for n in str(participants).split(";") if n.strip()] if _text(participants) else []


def people_options(frame: pd.DataFrame) -> list[str]:
    """Everyone named in the events' participants, the most often named first (each distinct
    participants text is split once)."""
    if frame.empty or "participants" not in frame.columns:
        return []
    counts: dict[str, int] = {}
    for text, n in frame["participants"].astype(object).value_counts(dropna=True).items():
        for name in dict.fromkeys(_names(text)):
            counts[name] = counts.get(name, 0) + int(n)
    return sorted(counts, key=lambda name: (-counts[name], name))


def _values(params: Mapping[str, object], name: str) -> list[str]:
    raw = params.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, Iterable) else [raw]
    return [str(v) for v in items if str(v).strip()]




# -- the filters, as a table of specs --------------------------------------------------------------------
# A filter is one row of SPECS and one function that keeps the rows it lets through. The page draws a
# widget per row (by ``widget``), the URL carries it under ``key``, and :func:`apply` runs every
# ``keep`` of a chosen filter. Widgets: "multi" (several values, empty means all), "one" (one value or
# None), "dates" (a day or None; the two "dates" rows share one range widget), "flag" (on or off).

Mask: TypeAlias = pd.Series | np.ndarray
Keep: TypeAlias = Callable[[pd.DataFrame, Any], Mask | None]     # None: the frame lacks what the filter reads


@dataclass(frozen=True, slots=True)
class Spec:
    name: str                    # the attribute of Filters
    key: str                     # the URL query parameter (short, so a shared link stays readable)
    widget: str                  # "multi", "one", "dates" or "flag"
    keep: Keep | None            # the rows the chosen value lets through; None: not a row filter
    label: str = ""              # the widget's label
    state: str = ""              # the widget's session key
    options: str = ""            # what the page offers: the name of a list of choices it has loaded
    placeholder: str = ""
    help: str | None = None
    shown: Callable[[str], str] | None = None   # a value's label, when the page has none for it
    listed: str = ""             # a long list (newest first): only its first LISTED options are sent, and
                                 # this placeholder says so; the search box reaches the others

    @property
    def empty(self) -> object:
        return {"multi": (), "flag": False}.get(self.widget)


def _days(frame: pd.DataFrame) -> list[dt.date | None]:
    return [_as_date(v) for v in frame["date"].astype(object)]


def _from_day(frame: pd.DataFrame, day: dt.date) -> Mask:
    return np.array([d is not None and d >= day for d in _days(frame)], dtype=bool)


def _to_day(frame: pd.DataFrame, day: dt.date) -> Mask:
    return np.array([d is not None and d <= day for d in _days(frame)], dtype=bool)


def _in(column: str) -> Keep:
    """Rows whose ``column`` is one of the chosen values (no restriction when the frame lacks it)."""
    def keep(frame: pd.DataFrame, chosen: Any) -> Mask | None:
        if column not in frame.columns:
            return None
        values = [chosen] if isinstance(chosen, str) else list(chosen)
        return frame[column].isin(values).fillna(False).astype(bool)
    return keep


def _located(frame: pd.DataFrame, chosen: tuple[str, ...]) -> Mask:
    return _in_locations(frame, set(chosen))


def _sourced(frame: pd.DataFrame, chosen: tuple[str, ...]) -> Mask:
    wanted = set(chosen)
    return _source_lists(frame).apply(lambda s: bool(wanted.intersection(s)))


def _naming(frame: pd.DataFrame, chosen: tuple[str, ...]) -> Mask:
    wanted = set(chosen)
    named = frame["participants"].astype(object)
    return named.map(lambda p: bool(wanted.intersection(_names(p)))).astype(bool)


SPECS: list[Spec] = [      # labels, placeholders and help in English, marked for the page's catalogues (N_)
    Spec("visit", "visit", "one", _in("visit"), N_("Visit"), "f_visit", "visits",
         N_("All {total} visits (type a person, country or city)"),
         N_("Newest first. One visit shows only its events, on the timeline and the map with its route."),
         listed=N_("The {n} newest of {total} visits: search above for any other")),
    Spec("locations", "loc", "multi", _located, N_("Location"), "f_loc", "locations", N_("Everywhere"),
         N_("Landmarks, airports, cities, regions and countries. Choosing a city keeps its landmarks "
            "and airports; choosing a region keeps its cities."), location_label),
    Spec("start", "from", "dates", _from_day, N_("Dates"), "f_dates"),
    Spec("end", "to", "dates", _to_day, N_("Dates"), "f_dates"),
    Spec("kinds", "kind", "multi", _in("kind"), N_("Kind"), "f_kind", "kinds", N_("Every kind")),
    Spec("articles", "article", "multi", _sourced, N_("Article"), "f_article", "titles", N_("Every article"),
         listed=N_("Every article (the {n} newest of {total} listed: search above for others)")),
    Spec("people", "person", "multi", _naming, N_("Person"), "f_person", "people", N_("Everyone"),
         N_("Events naming any of these people (the most often named first)")),
    # "language", not "lang": ``?lang=`` is the page's own language (dashboard.views.language)
    Spec("languages", "language", "multi", _in("language"), N_("Language"), "f_lang", "languages",
         N_("Every language"), N_("The language of the event's first article")),
    Spec("planned", "planned", "flag", None, N_("Show planned events"), "f_planned",
         help=N_("Announced programmes and future events the articles mention (\"will hold talks "
                 "tomorrow\"): off the timeline unless shown here, then marked planned.")),
]


def spec(name: str) -> Spec:
    return next(s for s in SPECS if s.name == name)


class Filters:
    """What the reader chose, one value per spec (``Filters(kinds=("talks",))``; ``.kinds``). Empty
    means "everything" for every filter; ``planned`` also shows announced or future events."""

    __slots__ = ("_values",)

    def __init__(self, **chosen: Any) -> None:
        unknown = set(chosen) - {s.name for s in SPECS}
        if unknown:
            raise TypeError(f"no filter called {', '.join(sorted(unknown))}")
        values = {s.name: _normal(s, chosen.get(s.name)) for s in SPECS}
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "_values")[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Filters are frozen")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Filters) and self._values == other._values

    def __reduce__(self) -> tuple[Callable[..., Filters], tuple[dict[str, Any]]]:
        return _filters, (dict(self._values),)      # pickle and copy (the session keeps them)

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._values.items() if v)
        return f"Filters({shown})"

    def items(self) -> list[tuple[Spec, Any]]:
        """Each spec with its chosen value."""
        return [(s, self._values.get(s.name, s.empty)) for s in SPECS]

    @property
    def active(self) -> bool:
        """Whether any row filter is chosen (showing planned events restricts nothing)."""
        return any(value for s, value in self.items() if s.keep is not None)


def _filters(values: dict[str, Any]) -> Filters:
    return Filters(**values)


def _normal(s: Spec, value: object) -> object:
    if s.widget == "multi":
        return tuple(value) if isinstance(value, Iterable) and not isinstance(value, str) else \
            ((value,) if value else ())
    if s.widget == "flag":
        return bool(value)
    return value or None


def apply(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of ``frame`` that pass every filter, in their original order.

    Undated events pass a date filter only when no bound is set: a range says nothing about them.
    """
    frame = happened(frame, filters)
    if frame.empty or not filters.active:
        return frame
    keep = pd.Series(True, index=frame.index)
    for s, value in filters.items():
        if s.keep is not None and value:
            mask = s.keep(frame, value)
            if mask is not None:
                keep &= np.asarray(mask, dtype=bool)
    return frame[keep.astype(bool)]


def _parsed(s: Spec, values: list[str]) -> object:
    first = next(iter(values), None)
    if s.widget == "multi":
        return tuple(dict.fromkeys(values))
    if s.widget == "flag":
        return first in ("1", "true", "yes")
    return _as_date(first) if s.widget == "dates" else first


def from_query(params: Mapping[str, object]) -> Filters:
    """Filters from query parameters (``{name: str | list[str]}``); malformed values are ignored."""
    return Filters(**{s.name: _parsed(s, _values(params, s.key)) for s in SPECS})


def to_query(filters: Filters) -> dict[str, list[str]]:
    """Query parameters for ``filters``: only what is set, so the plain view has a plain URL."""
    params: dict[str, list[str]] = {}
    for s, value in filters.items():
        if not value:
            continue
        if s.widget == "multi":
            params[s.key] = list(value)
        elif s.widget == "flag":
            params[s.key] = ["1"]
        else:
            params[s.key] = [value.isoformat() if isinstance(value, dt.date) else str(value)]
    return params


def in_query(params: Iterable[str]) -> bool:
    """Whether a URL's parameter names hold any filter."""
    return bool({s.key for s in SPECS}.intersection(params))


def restrict(filters: Filters, offered: Mapping[str, Sequence[str]]) -> Filters:
    """Drop chosen values that are not offered (a stale link must not break the page); ``offered`` holds
    the choices per filter name (a filter not in it keeps its value)."""
    kept: dict[str, object] = {}
    for s, value in filters.items():
        if s.name not in offered or not value:
            kept[s.name] = value
            continue
        allowed = set(offered[s.name])
        kept[s.name] = tuple(v for v in value if v in allowed) if s.widget == "multi" else \
            (value if value in allowed else None)
    return Filters(**kept)
