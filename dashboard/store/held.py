"""The timeline and the visits a process holds between writes, patched instead of read again.

A page's server holds the store's read (the timeline and the visits) while colleagues write. Every write
records in the change log (``visit_dirty``, :mod:`dashboard.store.dirty`) the events whose row it may
have changed; a read remembers the log's last row it includes (:class:`Held`). The next read after a
write reads only the events logged since, by key, drops the held rows of those ids (and, when the
undated events were put in order again, every undated row) and puts the rows read in their place in
timeline order (by day, stored position, id: the order :func:`dashboard.store.rows.timeline_rows`
sorts by), so the raw timeline equals a whole read; the edit log is then applied on top as on a whole
read. A read falls back to a whole one when it holds nothing of this store (another store's token, a
log that went back), when the log cannot say what changed (a writer that did not record it, rows
pruned past the mark) or when the change is more than a quarter of the timeline.

The kept visits carry a generation (one more per refresh): the process that refreshed them keeps what
it stored, and reads them back only when another process has refreshed them since.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import corrections
from dashboard.quiet import quiet
from dashboard.schema import UNDATED_DAY
from dashboard.store import dirty, edits
from dashboard.store import packed as packing
from dashboard.store import visits as kept
from dashboard.store.db import Conn
from dashboard.store.rows import UNDATED_ORDER, timeline_rows
from dashboard.visits import Visit

SHARE = 4               # a change of more than 1/SHARE of the held rows: a whole read
MAX_IDS = 20_000        # and of more ids than one statement should carry


@dataclass(frozen=True, slots=True)
class Held:
    """A raw (uncorrected) timeline read: its frame in timeline order, packed (:mod:`dashboard.store.packed`:
    a third of the frame's size at 100k events), each row's stored position, the change log's last row it
    includes and the store's token."""

    packed: packing.Packed
    stored: np.ndarray
    seen: int
    token: str

    @property
    def frame(self) -> pd.DataFrame:
        """The raw frame, unpacked."""
        return packing.unpack(self.packed)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a process holds of a store: the raw timeline (None before any), and the visits with each
    event's visit, at the kept visits' ``generation``."""

    held: Held | None
    generation: int
    visits: list[Visit] = field(default_factory=list)
    of: kept.Owned = field(default_factory=dict)     # each event's visit (an owners.EventVisits)


def raw(conn: Conn, held: Held | None, coded: bool = False) -> tuple[pd.DataFrame, Held]:
    """The raw timeline now, and it held: ``held`` patched with the events logged since it, or a whole
    read. The frame's rows that hold the same sources share one list (as the unpacked frame's).
    ``coded``: its repetitive text as categoricals (:func:`packed.unpack`), the read's text dropped."""
    now = _current(conn, held) if held is not None else None
    if now is not None:
        return packing.unpack(now.packed, coded), now
    token = _token(conn)
    seen = dirty.mark(conn)     # first: a write after it is read again next time
    frame, stored = timeline_rows(conn)
    now = Held(packing.pack(frame), stored, seen, token)
    if coded:
        del frame        # the whole read's text goes before the grouping runs on the frame
        return packing.unpack(now.packed, coded), now
    frame["sources"] = packing.column(now.packed, "sources")     # the read's 100k lists dropped
    return frame, now


def brought_up(conn: Conn, since: Snapshot | None) -> Snapshot | None:
    """``since`` with its raw timeline patched to now, nothing unpacked (itself when it cannot be): the
    caller drops the old pack before the frame is unpacked from the new one, so the two packs are not
    held through the unpack, the edit log's overlay and the regroup (a pack is ~12 MiB at 100k events)."""
    if since is None or since.held is None:
        return since
    now = _current(conn, since.held)
    return since if now is None else replace(since, held=now)


def _current(conn: Conn, held: Held) -> Held | None:
    """``held`` patched with the events logged since it; None when a whole read is due (another store's
    token, a log that went back or cannot say, a change of more than 1/SHARE of the rows)."""
    token = _token(conn)
    seen = dirty.mark(conn)     # first: a write after it is read again next time (patches are idempotent)
    if held.token != token or held.seen > seen:
        return None
    _, changed = dirty.since(conn, held.seen)
    if changed is None or len(changed) > MAX_IDS or len(changed) * SHARE > len(held.packed):
        return None
    return _patched(conn, held, changed, seen)


def _token(conn: Conn) -> str:
    row = conn.execute("SELECT token FROM visit_cache").fetchone()
    return str(row[0]) if row else ""


def _patched(conn: Conn, held: Held, changed: set[int], seen: int) -> Held:
    """``held`` without the rows of ``changed``, with those read again, in timeline order (packed: the
    rows kept and read are taken in order from the two put end to end, a column at a time)."""
    if not changed:
        return Held(held.packed, held.stored, seen, held.token)
    part, part_stored = timeline_rows(conn, sorted(changed))
    ids = np.asarray(packing.column(held.packed, "event_id").to_numpy(dtype=np.int64, na_value=0))
    drop = np.isin(ids, np.fromiter(changed, dtype=np.int64, count=len(changed)))
    if UNDATED_ORDER in changed:
        drop |= packing.column(held.packed, "date").isna()
    both = [held.packed, packing.pack(part)]       # end to end one column at a time, never all at once
    stored = np.concatenate([held.stored, part_stored])
    rows = np.flatnonzero(np.concatenate([~drop, np.ones(len(part), dtype=bool)]))
    dates = pd.Series(packing.joined(both, "date")).take(rows)
    ids = pd.Series(packing.joined(both, "event_id")).take(rows)
    rows = rows[_order(dates, stored[rows], ids)]
    now = packing.joined_take(both, rows)
    now.columns["position"] = packing.Counting(len(rows))
    return Held(now, stored[rows], seen, held.token)


def _order(date: pd.Series, stored: np.ndarray, ids: pd.Series) -> np.ndarray:
    """Timeline order: by day (undated last), stored position, id (as :func:`timeline_rows`)."""
    keys = pa.table({"day": _texts(date).fill_null(UNDATED_DAY),
                     "position": pa.array(stored),
                     "id": pa.array(ids.to_numpy(dtype=np.int64, na_value=0))})
    return pc.sort_indices(keys, sort_keys=[("day", "ascending"), ("position", "ascending"),
                                            ("id", "ascending")]).to_numpy()


def _texts(column: pd.Series) -> pa.Array:
    """A text column as Arrow (its own buffers when Arrow-backed, as the store's reads are)."""
    try:
        return pa.array(column.array, type=pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array(column.astype(object).to_numpy(), type=pa.large_string(), from_pandas=True)


def corrected(conn: Conn, held: Held | None, coded: bool = False) -> tuple[pd.DataFrame, Held]:
    """The corrected timeline (the edit log applied on the :func:`raw` read), and the raw read; ``coded``:
    see :func:`raw` (the columns the edit log writes are text again)."""
    frame, now = raw(conn, held, coded)
    found = edits.overlay(conn)
    if found is None:
        return corrections.overlay(frame, {}, {}, {}), now
    if found.states:
        frame = _written(frame, found.states, found.manual)
    return corrections.overlay(frame, found.bound, found.states, found.manual), now


def _written(frame: pd.DataFrame, states: Mapping[int, corrections.State], manual: Mapping[int, str]
             ) -> pd.DataFrame:
    """``frame`` with the categorical columns the edits write cells of as text, as the overlay writes them
    (a merge writes the participants; a hand-made event's row every column: all are text then)."""
    made = any("kind" in states[a].values and not states[a].values.get("deleted")
               for a in manual if a in states)
    names = set(frame.columns) if made else {n for s in states.values() for n in s.values} | {"participants"}
    for name in frame.columns:
        if name in names and isinstance(frame[name].dtype, pd.CategoricalDtype):
            frame[name] = frame[name].astype(frame[name].cat.categories.dtype)
    return frame


@quiet
def read(conn: Conn, since: Snapshot | None, timeline: bool = True, coded: bool = False
         ) -> tuple[pd.DataFrame | None, Snapshot]:
    """On a read connection, with the kept visits valid: the corrected timeline (with ``timeline``; as
    categoricals with ``coded``, see :func:`raw`) and the snapshot; the visits of ``since`` when they are
    the stored ones."""
    held = since.held if since is not None else None
    frame, held = corrected(conn, held, coded) if timeline else (None, held)
    generation = kept.generation(conn)        # first: visits read after it are at least as new
    if since is not None and since.generation == generation:
        return frame, Snapshot(held, generation, since.visits, since.of)
    return frame, Snapshot(held, generation, *kept.read(conn))


@quiet
def refreshed(conn: Conn, since: Snapshot | None, coded: bool = False) -> tuple[pd.DataFrame, Snapshot]:
    """In a write transaction: the corrected timeline (``coded``: see :func:`raw`), and the visits
    refreshed from it if stale."""
    frame, held = corrected(conn, since.held if since is not None else None, coded)
    generation = kept.generation(conn)
    known = since.visits if since is not None and since.generation == generation else None
    if kept.is_valid(conn):
        found = (known, since.of) if known is not None and since is not None else kept.read(conn)
        return frame, Snapshot(held, generation, *found)
    return frame, Snapshot(held, generation + 1, *kept.refresh(conn, frame, known))
