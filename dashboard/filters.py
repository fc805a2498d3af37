"""Filtering the timeline: the location hierarchy, the filters, and their URL query-parameter form.

Pure pandas: frames in, frames out. A location is a key ``"<level>:<name>"`` (``"city:Khiva"``,
``"airport:Urgench International Airport"``, ``"country:UZ"``) so a city and a region of the same
name stay apart. An event matches a location when the location is any level of the event: its place,
its city, its region or its country. Choosing ``city:Khiva`` therefore keeps Ichan-Qala.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.schema import PLACE_KINDS, group_codes, missing

LEVELS: tuple[str, ...] = tuple(reversed(PLACE_KINDS))   # country ... landmark: least specific first
_RANK = {level: rank for rank, level in enumerate(LEVELS)}

# Query-parameter names: short, so a shared link stays readable.
Q_LOCATION, Q_FROM, Q_TO, Q_KIND, Q_ARTICLE = "loc", "from", "to", "kind", "article"
Q_PLANNED = "planned"
Q_VISIT, Q_PERSON, Q_LANGUAGE = "visit", "person", "lang"
PLANNED = "planned"      # the status of announced or future events: hidden unless asked for


@dataclass(frozen=True, slots=True)
class Filters:
    """What the reader chose. Empty means "everything" for every field."""

    locations: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    kinds: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    planned: bool = False      # also show announced or future events (status "planned")
    visit: str | None = None   # one visit's id (the frame's ``visit`` column)
    people: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()   # of the event's first article (the frame's ``language`` column)

    @property
    def active(self) -> bool:
        return bool(self.locations or self.start or self.end or self.kinds or self.articles or self.visit
                    or self.people or self.languages)


def happened(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """``frame`` without its planned events, unless the filters ask for them."""
    if filters.planned or frame.empty or "status" not in frame.columns:
        return frame
    keep = (frame["status"] != PLANNED).fillna(True).astype(bool)
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
    places = frame.drop_duplicates(subset=[c for c in _PLACE_COLUMNS if c in frame.columns])
    for keys in _membership(places):
        names = dict(k.split(":", 1) for k in keys)
        path = [names.get("country", ""), names.get("region", ""), names.get("city", "")]
        for key in keys:
            level, name = key.split(":", 1)
            depth = {"country": 1, "region": 2, "city": 3}.get(level, 3)
            sort_key = (*path[:depth], *[""] * (3 - depth), f"{_RANK.get(level, len(LEVELS)):02d}", name)
            order[key] = min(order.get(key, sort_key), sort_key)
    return sorted(order, key=order.__getitem__)


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
    days = [d for d in (_as_date(v) for v in frame.get("date", pd.Series(dtype=object))) if d]
    return (min(days), max(days)) if days else None


def _source_lists(frame: pd.DataFrame) -> pd.Series:
    if "sources" in frame.columns:
        return frame["sources"].apply(lambda s: list(s) if isinstance(s, list | tuple) else [])
    return frame["article"].apply(lambda a: [a] if _text(a) else [])


def apply(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of ``frame`` that pass every filter, in their original order.

    Undated events pass a date filter only when no bound is set: a range says nothing about them.
    """
    frame = happened(frame, filters)
    if frame.empty or not filters.active:
        return frame
    keep = pd.Series(True, index=frame.index)
    if filters.locations:
        keep &= _in_locations(frame, set(filters.locations))
    if filters.start or filters.end:
        lo, hi = filters.start or dt.date.min, filters.end or dt.date.max
        days = [_as_date(v) for v in frame["date"].astype(object)]
        keep &= pd.Series([d is not None and lo <= d <= hi for d in days], index=frame.index)
    if filters.kinds:
        keep &= frame["kind"].isin(list(filters.kinds)).fillna(False).astype(bool)
    if filters.articles:
        wanted_articles = set(filters.articles)
        keep &= _source_lists(frame).apply(lambda s: bool(wanted_articles.intersection(s)))
    if filters.visit and "visit" in frame.columns:
        keep &= (frame["visit"] == filters.visit).fillna(False).astype(bool)
    if filters.people:
        wanted_people = set(filters.people)
        named = frame["participants"].astype(object)
        keep &= named.map(lambda p: bool(wanted_people.intersection(_names(p)))).astype(bool)
    if filters.languages and "language" in frame.columns:
        keep &= frame["language"].isin(list(filters.languages)).fillna(False).astype(bool)
    return frame[keep.astype(bool)]


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


def from_query(params: Mapping[str, object]) -> Filters:
    """Filters from query parameters (``{name: str | list[str]}``); malformed values are ignored."""
    dates = [_as_date(next(iter(_values(params, name)), None)) for name in (Q_FROM, Q_TO)]
    return Filters(locations=tuple(dict.fromkeys(_values(params, Q_LOCATION))), start=dates[0], end=dates[1],
                   kinds=tuple(dict.fromkeys(_values(params, Q_KIND))),
                   articles=tuple(dict.fromkeys(_values(params, Q_ARTICLE))),
                   planned=next(iter(_values(params, Q_PLANNED)), "") in ("1", "true", "yes"),
                   visit=next(iter(_values(params, Q_VISIT)), None),
                   people=tuple(dict.fromkeys(_values(params, Q_PERSON))),
                   languages=tuple(dict.fromkeys(_values(params, Q_LANGUAGE))))


def to_query(filters: Filters) -> dict[str, list[str]]:
    """Query parameters for ``filters``: only what is set, so the plain view has a plain URL."""
    params: dict[str, list[str]] = {}
    if filters.visit:
        params[Q_VISIT] = [filters.visit]
    for name, values in ((Q_LOCATION, filters.locations), (Q_KIND, filters.kinds),
                         (Q_ARTICLE, filters.articles), (Q_PERSON, filters.people),
                         (Q_LANGUAGE, filters.languages)):
        if values:
            params[name] = list(values)
    if filters.start:
        params[Q_FROM] = [filters.start.isoformat()]
    if filters.end:
        params[Q_TO] = [filters.end.isoformat()]
    if filters.planned:
        params[Q_PLANNED] = ["1"]
    return params


def restrict(filters: Filters, locations: Sequence[str], kinds: Sequence[str],
             articles: Sequence[str], visits: Sequence[str] = (), people: Sequence[str] = (),
             languages: Sequence[str] = ()) -> Filters:
    """Drop chosen values that are not offered (a stale link must not break the page)."""
    return Filters(locations=tuple(v for v in filters.locations if v in set(locations)),
                   start=filters.start, end=filters.end,
                   kinds=tuple(v for v in filters.kinds if v in set(kinds)),
                   articles=tuple(v for v in filters.articles if v in set(articles)), planned=filters.planned,
                   visit=filters.visit if filters.visit in set(visits) else None,
                   people=tuple(v for v in filters.people if v in set(people)),
                   languages=tuple(v for v in filters.languages if v in set(languages)))
