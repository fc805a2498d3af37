"""Cross-article merge, pure: which new events are already on the timeline, and where the others go.

An event of a new article *matches* an event of the timeline when both have the same kind, the same
(known) date, the same or a nearby place (the same gazetteer id, points within ``merge_km``
(haversine), or the same city; two events without any place also match) and compatible principals
(:func:`compatible`: the same visitor or the same host). A matched event becomes one event with
several sources; the others are inserted into the timeline.

Timeline order: by date, then by the merged order within a day. A merged event keeps its position; a
new event goes right after its predecessor in its own article (when that one is on the same day),
else before the first of its same-day successors that merged, else at the end of its day.
"""
from __future__ import annotations

import csv
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd

from dashboard.errors import DataFileError
from dashboard.places.model import km
from dashboard.schema import UNDATED_DAY, missing
from dashboard.settings import DEFAULT
from dashboard.text import fold
from dashboard.text.normalize import clean_and_reflow


def article_id(text: str) -> str:
    """The id of an article: sha256 of its normalised text with whitespace runs folded to one space.

    The same text with other line wraps, apostrophe variants or stray spaces has the same id.
    """
    canonical = " ".join(clean_and_reflow(text).text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Slot:
    """One entry of the merged order: an existing event (``event_id``) or a new one (``new``, its row)."""

    event_id: int | None = None
    new: int | None = None


@dataclass(frozen=True, slots=True)
class MergePlan:
    """What adding one article does: matches, new events and the whole new order."""

    matches: dict[int, int] = field(default_factory=dict)   # new row index -> existing event id
    new_rows: tuple[int, ...] = ()                          # new row indices that become events
    order: tuple[Slot, ...] = ()                            # every event of the timeline, in order
    days: tuple[str, ...] = ()                              # each slot's day (UNDATED_DAY for none)

    @property
    def added(self) -> int:
        return len(self.new_rows)

    @property
    def merged(self) -> int:
        return len(self.matches)


Row: TypeAlias = pd.Series | Mapping[str, Any]   # one event: a frame row or a record dict
Timeline: TypeAlias = pd.DataFrame | Sequence[Mapping[str, Any]]   # ordered events with ``event_id``


def rows_of(timeline: Timeline) -> Sequence[Mapping[str, Any]]:
    """A timeline as plain records: a frame converted once, records as they are (the store's merges
    hand over plain records: a frame per article cost more than the merge itself)."""
    if isinstance(timeline, pd.DataFrame):
        return timeline.to_dict("records")
    return timeline


def _value(row: Row, name: str) -> Any:
    value = row.get(name)
    if value is None or type(value) is str:    # plain records: most values, answered without missing()
        return value
    return None if missing(value) else value


def _has_place(row: Row) -> bool:
    return any(_value(row, c) is not None for c in ("place_id", "lat", "city", "place"))


def place_distance(a: Row, b: Row, merge_km: float) -> float | None:
    """How far apart two events' places are (0 for the same place), or None when they do not match."""
    if not _has_place(a) and not _has_place(b):
        return 0.0
    ida, idb = _value(a, "place_id"), _value(b, "place_id")
    if ida is not None and ida == idb:
        return 0.0
    coords = [_value(a, "lat"), _value(a, "lon"), _value(b, "lat"), _value(b, "lon")]
    if all(c is not None for c in coords):
        far = km(*(float(c) for c in coords))
        if far <= merge_km:
            return far
    city_a, city_b = _value(a, "city"), _value(b, "city")
    if city_a is not None and city_b is not None and fold(str(city_a)) == fold(str(city_b)):
        return merge_km   # same city, but not known to be the same spot: the weakest match
    return None


def _country_of(name: str) -> str | None:
    """The country a canonical leader name stands for; None for anyone else (names as written)."""
    return leader_countries().get(name)


@lru_cache(maxsize=1)
def leader_countries(data_dir: Path = DEFAULT.data_dir) -> dict[str, str]:
    """Each leader's canonical name -> country, from ``people/leaders.csv``'s two columns alone (the first
    row of a name, as ``People.by_name``): grouping visits needs no more, and the extractor's whole
    ``People`` (every name's forms in every language) is ~3 MiB more in a page process that only reads."""
    path = Path(data_dir) / "people" / "leaders.csv"
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = [(r["name"], r["country"]) for r in csv.DictReader(f)]
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"cannot read the leaders in {path}: {exc}") from exc
    found: dict[str, str] = {}
    for name, country in rows:
        found.setdefault(name, country)
    return found


@lru_cache(maxsize=16384)
def leaders_in(participants: str) -> tuple[tuple[str, str], ...]:
    """The leaders among an event's participants ("; "-joined), as (name, country)."""
    names = dict.fromkeys(n.strip() for n in participants.split(";") if n.strip())
    return tuple((n, c) for n in names if (c := _country_of(n)) is not None)


def principals(row: Row) -> tuple[tuple[str, str], ...]:
    """An event's principals: the leaders it names, by canonical name, with their country."""
    value = _value(row, "participants")
    return leaders_in(str(value)) if value is not None else ()


def compatible(a: Row, b: Row) -> bool:
    """Whether two events can be the same event as far as their people go.

    An event's visitors are its leaders from another country than the event's place; its hosts are
    the leaders of that country (a domestic trip has hosts only). When both name visitors, they must
    share one (two guests of one host on the same day are two events); else, when both name hosts,
    they must share one; else nothing tells them apart (an event naming only the guest matches a
    telling naming only the host; an event naming no leader matches any). A summit gathers several
    visitors: there sharing any leader is enough.
    """
    pa, pb = principals(a), principals(b)
    if not pa or not pb:
        return True
    if _value(a, "kind") == "summit" and {n for n, _ in pa} & {n for n, _ in pb}:
        return True
    country = _value(a, "country") or _value(b, "country")    # nearby places: one country
    (va, ha), (vb, hb) = _split(pa, country), _split(pb, country)
    if va and vb:
        return bool(va & vb)      # the visitors decide: one host's two guests are two events
    return not (ha and hb) or bool(ha & hb)


def _split(found: tuple[tuple[str, str], ...], country: object) -> tuple[set[str], set[str]]:
    """(visitors, hosts); with no known country every leader counts as a visitor."""
    hosts = {n for n, c in found if country is not None and c == country}
    return {n for n, _ in found} - hosts, hosts


def _same_event(a: Row, b: Row, merge_km: float) -> float | None:
    date = _value(a, "date")
    if date is None or date != _value(b, "date") or _value(a, "kind") != _value(b, "kind"):
        return None
    if not compatible(a, b):
        return None
    return place_distance(a, b, merge_km)


def match_events(timeline: Timeline, events: Sequence[Row], merge_km: float) -> dict[int, int]:
    """Map the index of each of ``events`` that is already on ``timeline`` to that event's ``event_id``.

    One timeline event takes at most one event of the article; the nearest place wins, then the
    earlier position. Only events of the same (date, kind) can match, so the timeline is indexed once
    by that key and each new event is compared with its candidates only.
    """
    candidates: dict[tuple[object, object], list[tuple[int, Row]]] = {}
    for pos, old in enumerate(rows_of(timeline)):
        date = _value(old, "date")
        if date is not None:
            candidates.setdefault((date, _value(old, "kind")), []).append((pos, old))
    matches: dict[int, int] = {}
    taken: set[int] = set()
    for idx, new in enumerate(events):
        best: tuple[float, int, int] | None = None
        for pos, old in candidates.get((_value(new, "date"), _value(new, "kind")), ()):
            event_id = int(old["event_id"])
            if event_id in taken:
                continue
            km = _same_event(new, old, merge_km)
            if km is not None and (best is None or (km, pos) < best[:2]):
                best = (km, pos, event_id)
        if best is not None:
            matches[idx] = best[2]
            taken.add(best[2])
    return matches


def _date_key(value: object) -> str:
    return UNDATED_DAY if missing(value) else str(value)


def plan_merge(timeline: Timeline, events: Sequence[Row], merge_km: float) -> MergePlan:
    """Plan how ``events`` (one article's records, in its own order; see :func:`dashboard.schema.records`)
    join ``timeline`` (records or a frame, ordered, with ``event_id``).

    ``timeline`` may be any subset of the stored timeline that holds whole days (every event of each
    day it has): the plan only orders events within their days. The work is linear in its size.
    """
    old = rows_of(timeline)
    matches = match_events(old, events, merge_km)
    days: dict[str, list[Slot]] = {}     # day -> its slots in order
    for row in old:
        days.setdefault(_date_key(row.get("date")), []).append(Slot(event_id=int(row["event_id"])))
    new_days = [_date_key(e.get("date")) for e in events]
    slot_of: dict[int, Slot] = {i: Slot(event_id=e) for i, e in matches.items()}
    new_rows = [i for i in range(len(events)) if i not in matches]
    for i in new_rows:
        slot = Slot(new=i)
        day = days.setdefault(new_days[i], [])
        day.insert(_insert_at(day, new_days, slot_of, i), slot)
        slot_of[i] = slot
    keys = sorted(days)
    order = tuple(s for key in keys for s in days[key])
    return MergePlan(matches=matches, new_rows=tuple(new_rows), order=order,
                     days=tuple(key for key in keys for _ in days[key]))


def _insert_at(day: list[Slot], new_days: list[str], slot_of: dict[int, Slot], i: int) -> int:
    """Where new event ``i`` goes in its day: after its same-day predecessor in the article, else
    before the first of its same-day successors that merged, else at the end of the day."""
    if i > 0 and new_days[i - 1] == new_days[i]:
        return day.index(slot_of[i - 1]) + 1
    for j in range(i + 1, len(new_days)):
        if new_days[j] == new_days[i] and j in slot_of:
            return day.index(slot_of[j])
    return len(day)


def day_ranks(plan: MergePlan, positions: dict[int, int]) -> dict[Slot, int]:
    """New positions: each day of the plan counts up from its lowest stored position (0 for a new
    day), so a day's events stay above the undated events and stored days the plan did not read."""
    start: dict[str, int] = {}
    for slot, key in zip(plan.order, plan.days, strict=True):
        if slot.event_id is not None:
            start[key] = min(start.get(key, positions[slot.event_id]), positions[slot.event_id])
    ranks: dict[Slot, int] = {}
    day, rank = None, 0
    for slot, key in zip(plan.order, plan.days, strict=True):
        if key != day:
            day, rank = key, start.get(key, 0)
        ranks[slot] = rank
        rank += 1
    return ranks


# -- order independence --------------------------------------------------------------------------------
#
# The timeline of a set of articles does not depend on the order they arrived in: it is DEFINED as
# the articles merged one by one (plan_merge) in their canonical order, :func:`canonical_key` (the
# earliest published first, then by id). Matching and order are per day, so a
# day's events depend only on the articles with events that day: a store merges a new article
# incrementally when it comes last in that order on each of its days (the common case, and then the
# result is the same), and otherwise merges those days again from their articles (:func:`merge_days`).

FILLED_PLACE: tuple[str, ...] = ("place", "place_kind", "place_precision", "place_id", "city", "region",
                                 "lat", "lon", "country")


def canonical_key(published: object, article: str, n_events: int = 0,
                  first_day: object = None) -> tuple[str, int, str, str]:
    """Where an article comes in the canonical merge order: by publication date (an article without
    one, as written by a bulk loader or a former release, first); on one date the fullest account
    first (the most events, then the one that starts earlier: the others read as retellings of it);
    then by id."""
    return ("" if missing(published) else str(published), -n_events, _date_key(first_day), article)


@dataclass(slots=True)
class Merged:
    """One event of a merged day: its fields (the first source's, filled in by later ones, see
    :func:`fill_missing`) and its sources as (article, row index in that article's events)."""

    fields: dict[str, Any]
    sources: list[tuple[str, int]]
    participants: list[str]


def fill_missing(fields: dict[str, Any], event: Row) -> None:
    """A merged event keeps its fields; a new source only fills what it lacked: the time, or a place
    with coordinates when the event had none (the place fields move together, never mixed)."""
    if fields.get("time") is None and _value(event, "time") is not None:
        fields["time"] = _value(event, "time")
    lacks = fields.get("lat") is None or fields.get("lon") is None
    if lacks and _value(event, "lat") is not None and _value(event, "lon") is not None:
        fields.update({c: _value(event, c) for c in FILLED_PLACE})


def merge_days(articles: Sequence[tuple[str, Sequence[Row]]], days: set[str], columns: Sequence[str],
               merge_km: float) -> list[Merged]:
    """The events of ``days`` (day keys, UNDATED_DAY for undated) merged from ``articles`` (id and all
    its events, in article order) taken in the order given (canonical: sort by :func:`canonical_key`);
    in timeline order. ``columns``: the event fields kept."""
    merged: dict[int, Merged] = {}
    order: list[int] = []
    for article, events in articles:
        timeline = [{"event_id": k, **merged[k].fields, "participants": "; ".join(merged[k].participants)}
                    for k in order]
        plan = plan_merge(timeline, events, merge_km)
        ids: dict[int, int] = dict(plan.matches)
        for i in plan.new_rows:
            if _date_key(events[i].get("date")) in days:
                ids[i] = len(merged)
                merged[ids[i]] = Merged({c: _value(events[i], c) for c in columns}, [], [])
        for i, k in ids.items():
            if i in plan.matches:
                fill_missing(merged[k].fields, events[i])
            merged[k].sources.append((article, i))
            merged[k].participants.append(str(_value(events[i], "participants") or ""))
        order = [ids[s.new] if s.new is not None else int(s.event_id or 0)
                 for s, day in zip(plan.order, plan.days, strict=True) if day in days]
    return [merged[k] for k in order]
