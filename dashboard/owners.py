"""Each event's visit, as arrays: what a process holds of the visits beside the visits themselves, and the
``visit`` and ``visit_title`` columns the timeline frame gets from it (pure); and a visit's own event ids
(:class:`EventIds`).

A dict of 100k event ids to visit ids held 5 MiB (and a Python int per key); :class:`EventVisits` holds
the event ids sorted (8 bytes each) and each one's visit as an index into the visit ids (4 bytes), and
answers a whole column at once (:meth:`EventVisits.slots`). It is a read-only mapping, equal to the dict
it stands for.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, overload

import numpy as np
import pandas as pd

from dashboard.compact import unchecked

if TYPE_CHECKING:
    from dashboard.visits import Visit


class EventIds(Sequence[int]):
    """A visit's event ids in timeline order, held as 8-byte integers in one ``bytes``: at 100k events the
    13.8k visits' ids as Python ints in tuples held ~4.3 MiB for the process's life (an int object per
    event), as bytes ~1.8 MiB. A read-only sequence of ints that equals (and hashes as) the tuple of
    the same ids; ``bytes`` are taken as the raw 8-byte integers."""

    __slots__ = ("_raw",)

    def __init__(self, ids: Iterable[int] | np.ndarray | bytes = ()) -> None:
        if isinstance(ids, bytes):
            self._raw = ids
        else:
            found = ids if isinstance(ids, np.ndarray) else np.fromiter(ids, dtype=np.int64)
            self._raw = np.ascontiguousarray(found, dtype=np.int64).tobytes()

    @property
    def array(self) -> np.ndarray:
        """The ids as a read-only int64 array (no copy)."""
        return np.frombuffer(self._raw, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._raw) // 8

    @overload
    def __getitem__(self, at: int) -> int: ...
    @overload
    def __getitem__(self, at: slice) -> EventIds: ...
    def __getitem__(self, at: int | slice) -> int | EventIds:
        if isinstance(at, slice):
            return EventIds(self.array[at])
        return int(self.array[at])

    def __iter__(self) -> Iterator[int]:
        return iter(self.array.tolist())

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | np.integer) and bool((self.array == value).any())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventIds):
            return self._raw == other._raw
        if isinstance(other, tuple | list):
            return self.array.tolist() == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __reduce__(self) -> tuple[type, tuple[bytes]]:
        return EventIds, (self._raw,)

    def __repr__(self) -> str:
        return f"EventIds({self.array.tolist()!r})"


def ids_of(visit: Visit) -> np.ndarray:
    """A visit's event ids as an int64 array (its :class:`EventIds`' own, else made from its sequence)."""
    found = visit.event_ids
    return found.array if isinstance(found, EventIds) else np.asarray(found, dtype=np.int64).reshape(-1)


class EventVisits(Mapping[int, str]):
    """Event id -> visit id, for the events in a visit (a later visit naming an event again wins, as in
    ``{e: v.id for v in visits for e in v.event_ids}``)."""

    __slots__ = ("_events", "_slots", "ids")

    def __init__(self, events: np.ndarray, slots: np.ndarray, ids: Sequence[str]) -> None:
        self._events = events          # sorted, distinct
        self._slots = slots            # each event's visit: an index into ``ids``
        self.ids = tuple(ids)          # the visit ids, in the visits' order

    @classmethod
    def of(cls, visits: Sequence[Visit]) -> EventVisits:
        """Each event's visit among ``visits``."""
        arrays = [ids_of(v) for v in visits]
        sizes = np.fromiter(map(len, arrays), dtype=np.int64, count=len(visits))
        events = np.concatenate(arrays) if arrays else np.empty(0, dtype=np.int64)
        return cls._made(events, np.repeat(np.arange(len(visits), dtype=np.int32), sizes),
                         [v.id for v in visits])

    @classmethod
    def from_mapping(cls, found: Mapping[int, str]) -> EventVisits:
        if isinstance(found, EventVisits):
            return found
        ids = list(dict.fromkeys(found.values()))
        where = {vid: k for k, vid in enumerate(ids)}
        events = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
        return cls._made(events, np.fromiter((where[v] for v in found.values()), dtype=np.int32,
                                             count=len(found)), ids)

    @classmethod
    def _made(cls, events: np.ndarray, slots: np.ndarray, ids: Sequence[str]) -> EventVisits:
        order = np.argsort(events, kind="stable")
        events, slots = events[order], slots[order]
        last = np.ones(len(events), dtype=bool)       # of an event named twice, its last visit
        last[:-1] = events[1:] != events[:-1]
        return cls(events[last], slots[last], ids)

    def slots(self, event_ids: np.ndarray) -> np.ndarray:
        """Each of ``event_ids``' visit as an index into :attr:`ids`, -1 for an event in none."""
        event_ids = np.asarray(event_ids, dtype=np.int64)
        if not len(self._events):
            return np.full(len(event_ids), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self._events, event_ids), len(self._events) - 1)
        return np.where(self._events[at] == event_ids, self._slots[at].astype(np.int64), -1)

    def __getitem__(self, event_id: int) -> str:
        at = int(np.searchsorted(self._events, event_id))
        if at < len(self._events) and self._events[at] == event_id:
            return self.ids[int(self._slots[at])]
        raise KeyError(event_id)

    def __contains__(self, event_id: object) -> bool:
        try:
            self[event_id]       # type: ignore[index]
        except (KeyError, TypeError, ValueError, OverflowError):
            return False
        return True

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[int]:
        return iter(self._events.tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventVisits):
            ids = np.asarray(self.ids, dtype=object)
            theirs = np.asarray(other.ids, dtype=object)
            return bool(np.array_equal(self._events, other._events)
                        and (ids[self._slots] == theirs[other._slots]).all())
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"EventVisits({dict(self.items())!r})"


def attach(frame: pd.DataFrame, of: Mapping[int, str], copy: bool = True,
           titles: Mapping[str, str] | None = None) -> pd.DataFrame:
    """``frame`` with a ``visit`` column (the exports group by it): the event's visit id, else its
    first article's id (an event in no visit stays grouped with its article, as before visits); with
    ``titles`` (visit id -> title) a ``visit_title`` column too (missing for an event in no visit).
    ``copy=False`` adds the columns to ``frame`` itself. Made from codes: a Python object per distinct
    value, not per event; both columns categorical (a code per event, each text once)."""
    out = frame.copy() if copy else frame
    owners = EventVisits.from_mapping(of)
    slots = _slots(out, owners)
    ids = np.asarray(owners.ids, dtype=object)
    visit = np.full(len(out), None, dtype=object)
    found = slots >= 0
    visit[found] = ids[slots[found]]
    lone = np.flatnonzero(~found)
    if len(lone) and "article" in out.columns:
        visit[lone] = _texts(out["article"].iloc[lone])
    out["visit"] = _categorical(visit)
    if titles is not None:
        named = np.asarray([titles.get(v) for v in owners.ids] + [None], dtype=object)
        shown = named[slots]                          # -1: the last, None
        if len(lone):
            shown[lone] = [titles.get(v) for v in visit[lone].tolist()]
        out["visit_title"] = _categorical(shown)
    return out


def _slots(frame: pd.DataFrame, owners: EventVisits) -> np.ndarray:
    """Each row's visit as an index into ``owners.ids`` (-1: none, or no integral event id)."""
    if "event_id" not in frame.columns or not len(owners):
        return np.full(len(frame), -1, dtype=np.int64)
    raw = frame["event_id"].to_numpy(dtype="float64", na_value=np.nan)
    whole = np.isfinite(raw) & (raw == np.floor(raw))
    slots = np.full(len(frame), -1, dtype=np.int64)
    slots[whole] = owners.slots(raw[whole].astype(np.int64))
    return slots


def _texts(column: pd.Series) -> list[str]:
    """``str`` of each value (as ``astype(object).map(str)``), one string per distinct value."""
    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    shown = [str(v) for v in np.asarray(distinct, dtype=object)]
    missing = np.flatnonzero(codes < 0)
    if len(missing):
        shown.append(str(column.iloc[missing[:1]].astype(object).iloc[0]))
    return [shown[k] for k in codes.tolist()]


def _categorical(values: np.ndarray) -> pd.Categorical:
    """Text values as codes into their distinct values (sorted, as ``string``: the column sorts, compares
    and converts as the text column it stands for): 100k events name ~14k visits and ~300 titles."""
    codes, distinct = pd.factorize(values, sort=True, use_na_sentinel=True)
    return pd.Categorical.from_codes(codes, dtype=unchecked(pd.Index(distinct, dtype="string")))
