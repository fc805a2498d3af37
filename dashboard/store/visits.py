"""The visits kept in the store: a table refreshed from the corrected timeline, marked stale by every
write in that write's own transaction.

Visits are a function of the timeline alone (:mod:`dashboard.visits`). Each write (ingest, delete,
re-extraction or a new publication date, a correction, an undo) marks the cached visits stale in its
transaction; the next read regroups them from the timeline and stores them, in one transaction.
So the stored visits are never out of step with the timeline, and a bulk ingest does not pay for a
regrouping per article.

The regrouping is incremental: ``visit_inputs`` keeps, per event, what the stored visits were grouped
from (:func:`dashboard.regroup.inputs`). Each write records the events it touched
(:mod:`dashboard.store.dirty`); the refresh takes those as the change, reads their kept inputs by key
and digests only them, and only the visits the change can reach are grouped again
(:func:`dashboard.regroup.regroup`). When a writer did not say what it touched, the events whose
inputs differ from the whole timeline's are the change. With no inputs kept (a new or migrated store)
or a change of more than a quarter of the timeline, the whole timeline is grouped.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from typing import TypeAlias, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard import regroup as again
from dashboard import visits as trips
from dashboard.owners import EventIds, EventVisits
from dashboard.quiet import quiet
from dashboard.store import columns, dirty
from dashboard.store.db import Conn
from dashboard.visits import Visit

log = logging.getLogger(__name__)
CHUNK = 500
T = TypeVar("T")
Owned: TypeAlias = Mapping[int, str]      # what a process holds of each event's visit (EventVisits)


def mark_stale(conn: Conn, touched: bool = False) -> None:
    """Mark the kept visits stale; unless the write ``touched`` has recorded what it touched
    (:mod:`dashboard.store.dirty`), the next refresh compares the whole timeline."""
    conn.execute("UPDATE visit_cache SET valid = 0 WHERE valid <> 0")   # no page written when stale already
    if not touched:
        dirty.everything(conn)


def is_valid(conn: Conn) -> bool:
    row = conn.execute("SELECT valid FROM visit_cache").fetchone()
    return bool(row and row[0])


def generation(conn: Conn) -> int:
    """How many times the kept visits were refreshed (a process that holds them at this count needs not
    read them back)."""
    row = conn.execute("SELECT generation FROM visit_cache").fetchone()
    return int(row[0]) if row else 0


@quiet
def refresh(conn: Conn, frame: pd.DataFrame, known: list[Visit] | None = None
            ) -> tuple[list[Visit], EventVisits]:
    """Regroup the stale visits from the corrected timeline ``frame`` (incrementally where the kept
    inputs allow) and store them; the visits, newest first, and each event's visit. ``known``: the
    stored visits, when the caller holds them (:func:`generation` unchanged), else they are read."""
    touched = dirty.read(conn)
    kept_any = conn.execute("SELECT 1 FROM visit_inputs LIMIT 1").fetchone() is not None
    old = known if known is not None else read(conn)[0]
    if not kept_any:                 # nothing to compare with: grouped first, the inputs kept after
        return _grouped(conn, frame, old)
    if touched is None:
        now, diff = _compared(conn, frame)
    else:
        now, diff = _touched(conn, frame, touched)
    if len(diff) * 4 > max(len(frame), 1):
        visits, _ = trips.group(frame)
        log.debug("visits: grouped the whole timeline (%d events changed of %d)", len(diff), len(now))
    else:
        seeds = {int(d) for c in ("day_old", "day") for d in diff[c].dropna()}
        articles = {str(a) for c in ("article_old", "article") for a in diff[c].dropna()}
        visits = again.regroup(frame, old, {int(e) for e in diff["event_id"]}, seeds, articles,
                               days=now["day"] if len(now) == len(frame) else None)
        log.debug("visits: regrouped around %d changed events (%s)", len(diff),
                  "compared" if touched is None else "touched, by key")
    _store(conn, old, visits)
    _store_inputs(conn, diff, now)
    conn.execute("UPDATE visit_cache SET valid = 1, generation = generation + 1")
    return visits, EventVisits.of(visits)


def _grouped(conn: Conn, frame: pd.DataFrame, old: list[Visit]) -> tuple[list[Visit], EventVisits]:
    """A store without kept inputs (new or migrated): the whole timeline grouped and stored, then every
    event's inputs digested and kept a chunk of rows at a time (no comparison: all are new)."""
    visits, of = trips.group(frame)
    log.debug("visits: grouped the whole timeline (%d events, no inputs kept)", len(frame))
    _store(conn, old, visits)
    conn.execute("DELETE FROM visit_inputs")
    _keep_inputs(conn, again.input_chunks(frame, columns.CHUNK_ROWS))
    conn.execute("UPDATE visit_cache SET valid = 1, generation = generation + 1")
    return visits, of


def _keep_inputs(conn: Conn, chunks: Iterable[pd.DataFrame]) -> None:
    """Each chunk's inputs (:data:`regroup.INPUT_COLUMNS`) inserted, one chunk's rows made at a time."""
    for now in chunks:
        conn.executemany("INSERT INTO visit_inputs (event_id, day, article, digest) VALUES (?, ?, ?, ?)",
                         [(int(e), None if pd.isna(d) else int(d), str(a), int(h)) for e, d, a, h
                          in zip(now["event_id"], now["day"], now["article"], now["digest"], strict=True)])


def _compared(conn: Conn, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every event's inputs, and the events whose kept inputs differ (a digest of the whole timeline)."""
    now = again.inputs(frame)
    before = _digests(conn)
    merged = before.merge(now, on="event_id", how="outer", suffixes=("_old", ""), indicator=True)
    diff = merged[(merged["_merge"] != "both") | (merged["digest_old"] != merged["digest"])]
    return now, diff.merge(_inputs(conn, diff["event_id"].tolist()), on="event_id", how="left")


def _touched(conn: Conn, frame: pd.DataFrame, touched: set[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The inputs of the ``touched`` events (all taken as changed), with their kept ones read by key."""
    ids = frame["event_id"].astype("int64").to_numpy()
    now = again.inputs(frame, np.flatnonzero(np.isin(ids, np.fromiter(touched, dtype=np.int64))))
    before = _inputs(conn, sorted(touched))
    return now, before.merge(now, on="event_id", how="outer", indicator=True)


def _digests(conn: Conn) -> pd.DataFrame:
    rows = conn.execute("SELECT event_id, digest FROM visit_inputs").fetchall()
    return pd.DataFrame(rows, columns=["event_id", "digest"]).astype({"event_id": "int64", "digest": "int64"})


def _inputs(conn: Conn, ids: list[int]) -> pd.DataFrame:
    """The kept day and article of the events ``ids`` (as ``day_old``, ``article_old``)."""
    rows: list[tuple] = []
    for k in range(0, len(ids), CHUNK):
        part = ids[k:k + CHUNK]
        marks = ", ".join("?" * len(part))
        rows += conn.execute(f"SELECT event_id, day, article FROM visit_inputs WHERE event_id IN ({marks})",
                             tuple(part)).fetchall()
    frame = pd.DataFrame(rows, columns=["event_id", "day_old", "article_old"])
    return frame.astype({"event_id": "int64", "day_old": "Int64", "article_old": object})


def _store_inputs(conn: Conn, diff: pd.DataFrame, now: pd.DataFrame) -> None:
    gone = [int(e) for e in diff["event_id"]]
    for k in range(0, len(gone), CHUNK):
        part = gone[k:k + CHUNK]
        marks = ", ".join("?" * len(part))
        conn.execute(f"DELETE FROM visit_inputs WHERE event_id IN ({marks})", tuple(part))
    fresh = diff[diff["_merge"] != "left_only"]
    step = columns.CHUNK_ROWS
    _keep_inputs(conn, (fresh.iloc[k:k + step] for k in range(0, len(fresh), step)))


def _store(conn: Conn, old: list[Visit], visits: list[Visit]) -> None:
    """Replace what changed between the stored visits ``old`` and ``visits``."""
    before = {v.id: v for v in old}
    after = {v.id: v for v in visits}
    gone = [vid for vid, v in before.items() if after.get(vid) != v]
    for k in range(0, len(gone), CHUNK):
        part = gone[k:k + CHUNK]
        marks = ", ".join("?" * len(part))
        conn.execute(f"DELETE FROM visit_events WHERE visit_id IN ({marks})", tuple(part))
        conn.execute(f"DELETE FROM visits WHERE id IN ({marks})", tuple(part))
    new = [v for vid, v in after.items() if before.get(vid) != v]
    conn.executemany(
        "INSERT INTO visits (id, rank, title, principals, host, region, start, end_, cities, articles)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(v.id, 0, v.title, json.dumps(v.principals), v.host, v.region, v.start, v.end,
          json.dumps(v.cities), json.dumps(v.articles)) for v in new])
    conn.executemany("INSERT INTO visit_events (event_id, visit_id, rank) VALUES (?, ?, ?)",
                     [(event_id, v.id, k) for v in new for k, event_id in enumerate(v.event_ids)])


@quiet
def read(conn: Conn) -> tuple[list[Visit], EventVisits]:
    """The stored visits, newest first, and each event's visit: the members read a chunk at a time into
    Arrow and split at each change of visit id (no Python int per event), the JSON columns of every visit
    parsed as one document."""
    cursor = conn.execute("SELECT visit_id, event_id FROM visit_events ORDER BY visit_id, rank")
    members = _members(columns.read_columns(cursor, {"visit_id": pa.large_string(), "event_id": pa.int64()}))
    stored = conn.execute("SELECT id, title, principals, host, region, start, end_, cities, articles"
                          " FROM visits").fetchall()
    lists = json.loads("[" + ",".join(f"[{r[2]},{r[7]},{r[8]}]" for r in stored) + "]")
    one = _Shared()
    visits = [Visit(id=r[0], title=one(r[1]), principals=one.all(p), host=one(r[3]), region=one(r[4]),
                    start=one(r[5]), end=one(r[6]), cities=one.all(c), articles=one.all(a),
                    event_ids=members.get(r[0], EventIds()))
              for r, (p, c, a) in zip(stored, lists, strict=True)]
    visits = trips.newest_first(visits)
    return visits, EventVisits.of(visits)


def _members(read: Mapping[str, columns.Column]) -> dict[str, EventIds]:
    """Each visit's event ids from the links read in visit order (~100k rows at 100k events)."""
    owners, ids = (pa.array(c) if isinstance(c, list) else c.combine_chunks()
                   for c in (read["visit_id"], read["event_id"]))
    if not len(owners):
        return {}
    codes = owners.dictionary_encode().indices.to_numpy(zero_copy_only=False)
    starts = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))
    ends = [*starts[1:].tolist(), len(codes)]
    numbers = ids.to_numpy(zero_copy_only=False).astype(np.int64)
    names = owners.take(pa.array(starts)).to_pylist()
    return {name: EventIds(numbers[a:b]) for name, a, b in zip(names, starts.tolist(), ends, strict=True)}


class _Shared(dict[object, object]):
    """One object per distinct value read: the visits' titles, days, hosts, names, cities and articles
    repeat (13,768 visits at 100k events name ~85k cities); each JSON value parsed was a string of its
    own (~10 MiB held for the process's life)."""

    def __call__(self, value: T) -> T:
        return self.setdefault(value, value)    # type: ignore[return-value]

    def all(self, values: list[str]) -> tuple[str, ...]:
        return self(tuple(map(self, values)))
