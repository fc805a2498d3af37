"""Cross-article merge, pure: which new events are already on the timeline, and where the others go.

An event of a new article *matches* an event of the timeline when both have the same kind, the same
(known) date and the same or a nearby place: the same gazetteer id, points within ``merge_km``
(haversine), or the same city; two events without any place also match. A matched event becomes one
event with several sources; the others are inserted into the timeline.

Timeline order: by date, then by the merged order within a day. A merged event keeps its position; a
new event goes right after its predecessor in its own article (when that one is on the same day),
else before the first of its same-day successors that merged, else at the end of its day.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from dashboard.places.model import km
from dashboard.text import fold, normalize

UNDATED = "9999-99-99"   # sorts after every real date

# Per-source columns: they describe one article's telling of an event, not the event.
SOURCE_COLUMNS: tuple[str, ...] = ("article", "seq", "place_surface", "participants", "evidence",
                                   "evidence_start", "evidence_end", "confidence")


def article_id(text: str) -> str:
    """The id of an article: sha256 of its normalised text with whitespace runs folded to one space.

    The same text with other line wraps, apostrophe variants or stray spaces has the same id.
    """
    canonical = " ".join(normalize(text).text.split())
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

    @property
    def added(self) -> int:
        return len(self.new_rows)

    @property
    def merged(self) -> int:
        return len(self.matches)


haversine_km = km   # the gazetteer's great-circle distance, one definition for the project


def _value(row: pd.Series, name: str) -> object | None:
    value = row.get(name)
    return None if value is None or pd.isna(value) else value


def _has_place(row: pd.Series) -> bool:
    return any(_value(row, c) is not None for c in ("place_id", "lat", "city", "place"))


def place_distance(a: pd.Series, b: pd.Series, merge_km: float) -> float | None:
    """How far apart two events' places are (0 for the same place), or None when they do not match."""
    if not _has_place(a) and not _has_place(b):
        return 0.0
    ida, idb = _value(a, "place_id"), _value(b, "place_id")
    if ida is not None and ida == idb:
        return 0.0
    coords = [_value(a, "lat"), _value(a, "lon"), _value(b, "lat"), _value(b, "lon")]
    if all(c is not None for c in coords):
        km = haversine_km(*(float(c) for c in coords))  # type: ignore[arg-type]
        if km <= merge_km:
            return km
    city_a, city_b = _value(a, "city"), _value(b, "city")
    if city_a is not None and city_b is not None and fold(str(city_a)) == fold(str(city_b)):
        return merge_km   # same city, but not known to be the same spot: the weakest match
    return None


def _same_event(a: pd.Series, b: pd.Series, merge_km: float) -> float | None:
    date = _value(a, "date")
    if date is None or date != _value(b, "date") or _value(a, "kind") != _value(b, "kind"):
        return None
    return place_distance(a, b, merge_km)


def match_events(timeline: pd.DataFrame, events: pd.DataFrame, merge_km: float) -> dict[int, int]:
    """Map each row index of ``events`` that is already on ``timeline`` to that event's ``event_id``.

    One timeline event takes at most one event of the article; the nearest place wins, then the
    earlier position.
    """
    matches: dict[int, int] = {}
    taken: set[int] = set()
    rows = list(timeline.iterrows())
    for idx, new in events.iterrows():
        best: tuple[float, int, int] | None = None
        for pos, (_, old) in enumerate(rows):
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
    return UNDATED if value is None or pd.isna(value) else str(value)


def plan_merge(timeline: pd.DataFrame, events: pd.DataFrame, merge_km: float) -> MergePlan:
    """Plan how ``events`` (one article, in its own order) join ``timeline`` (ordered, with ``event_id``)."""
    timeline = timeline.reset_index(drop=True)
    events = events.reset_index(drop=True)
    matches = match_events(timeline, events, merge_km)
    order: list[Slot] = [Slot(event_id=int(e)) for e in timeline["event_id"]] if len(timeline) else []
    dates: dict[Slot, str] = {s: _date_key(d) for s, d in zip(order, timeline.get("date", []), strict=False)}
    slot_of: dict[int, Slot] = {i: Slot(event_id=e) for i, e in matches.items()}
    new_rows = [i for i in range(len(events)) if i not in matches]
    for i in new_rows:
        slot = Slot(new=i)
        day = _date_key(events.at[i, "date"])
        order.insert(_insert_at(order, dates, events, slot_of, i, day), slot)
        dates[slot] = day
        slot_of[i] = slot
    order.sort(key=lambda s: dates[s])   # stable: the within-day order stays
    return MergePlan(matches=matches, new_rows=tuple(new_rows), order=tuple(order))


def _insert_at(order: list[Slot], dates: dict[Slot, str], events: pd.DataFrame,
               slot_of: dict[int, Slot], i: int, day: str) -> int:
    if i > 0 and _date_key(events.at[i - 1, "date"]) == day:
        return order.index(slot_of[i - 1]) + 1
    for j in _same_day_after(events, i, day):
        if j in slot_of:
            return order.index(slot_of[j])
    ends = [k for k, s in enumerate(order) if dates[s] <= day]
    return ends[-1] + 1 if ends else 0


def _same_day_after(events: pd.DataFrame, i: int, day: str) -> Iterator[int]:
    for j in range(i + 1, len(events)):
        if _date_key(events.at[j, "date"]) == day:
            yield j
