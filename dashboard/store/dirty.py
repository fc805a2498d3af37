"""What a write touched, for the kept visits: the ids of the events whose corrected row it may have
changed, written to ``visit_dirty`` in the write's own transaction and read by the next refresh
(:mod:`dashboard.store.visits`), which then digests and regroups those events alone instead of the
whole timeline.

A write records, before and after its change, the events on the days it merges (their ids change when
a day is merged again), the events linked to the article it
ingests, deletes, restores or re-extracts and the article's hand-made events (shown only while their
article is stored); a correction or an undo records its anchor's event and the events its anchor's
edits ever named (``merged_into``, ``after``). Corrections tie events together (an event merged by
hand into another gives it its sources and names; a hand-made event is placed after another), so the
refresh adds both ends of every active tie one end of which is touched (:func:`read`). A row without
an id (:func:`everything`: a writer that does not say what it touched) makes the refresh compare the
whole timeline.

The table is a change log with several readers: each row has an increasing id; the kept visits remember
the last row they digested (``visit_cache.seen``, :func:`read`), a process holding the timeline its own
(:func:`since`, :mod:`dashboard.store.held`). Rows more than :data:`KEEP` behind the visits' mark are
pruned (``visit_cache.floor``: a reader behind it reads everything again).
"""
from __future__ import annotations

import json

from dashboard.schema import UNDATED_DAY
from dashboard.store.db import Conn
from dashboard.store.replay import _on_days
from dashboard.store.rows import UNDATED_ORDER

TIES = ("merged_into", "after")
KEEP = 50_000           # rows kept behind the visits' mark for the pages' patches (several hundred writes)


def everything(conn: Conn) -> None:
    conn.execute("INSERT INTO visit_dirty (event_id) VALUES (NULL)")


def days(conn: Conn, touched: set[str]) -> None:
    """The events now on the days ``touched`` (raw dates). Not the undated ones (UNDATED_DAY): they
    never merge, and putting them in order again keeps the others' order (only the written article's
    own change, :func:`article`), so a batch does not record every undated event per article."""
    dated = touched - {UNDATED_DAY}
    if dated:
        where, params = _on_days(dated)
        conn.execute(f"INSERT INTO visit_dirty (event_id) SELECT e.id FROM events e WHERE {where}", params)


def article(conn: Conn, article_id: str, anchored: bool = True, touched: set[str] | None = None) -> None:
    """The events now linked to ``article_id``, its hand-made events, and the events of the anchors an
    active edit ties to one of its anchors (a merge into one of its events loses its target when the
    article goes); ``anchored`` False: the article has no anchors (no edit names it), only its links.
    With ``touched``, :func:`days` of those days too, in the same statement (each event once)."""
    dated = (touched or set()) - {UNDATED_DAY}
    if dated:
        where, params = _on_days(dated)
        conn.execute(f"INSERT INTO visit_dirty (event_id) SELECT e.id FROM events e WHERE {where}"
                     " UNION SELECT event_id FROM event_sources WHERE article_id = ?", [*params, article_id])
    else:
        conn.execute("INSERT INTO visit_dirty (event_id) SELECT DISTINCT event_id FROM event_sources"
                     " WHERE article_id = ?", (article_id,))
    if not anchored:
        return
    conn.execute("INSERT INTO visit_dirty (event_id) SELECT -id FROM anchors WHERE article_id = ?"
                 " AND manual = 1", (article_id,))
    edges = _edges(conn)
    if edges:
        mine = {int(r[0]) for r in conn.execute("SELECT id FROM anchors WHERE article_id = ?", (article_id,))}
        _anchors(conn, {a for edge in edges if not mine.isdisjoint(edge) for a in edge})


def anchor(conn: Conn, anchor_id: int) -> None:
    """The event of ``anchor_id`` and of every anchor its edits name (active or undone)."""
    named = {anchor_id}
    for (value,) in conn.execute("SELECT new_value FROM edits WHERE anchor_id = ?", (anchor_id,)):
        named |= _tied(json.loads(value))
    _anchors(conn, named)


def values(conn: Conn, anchor_id: int, *given: dict) -> None:
    """:func:`anchor`, and the anchors the values ``given`` (an edit's old and new ones) name."""
    anchor(conn, anchor_id)
    _anchors(conn, {a for v in given for a in _tied(v)})


def read(conn: Conn) -> set[int] | None:
    """The touched events since the kept visits' last refresh, with both ends of the active ties that one
    end of reaches; None when anything may have changed. Moves the visits' mark past them (the rows stay
    for the other readers, :func:`since`; the old ones are pruned)."""
    last, found = since(conn, _cached(conn, "seen"))
    conn.execute("UPDATE visit_cache SET seen = ?", (last,))
    _prune(conn, last)
    if found is None:
        return None
    found.discard(UNDATED_ORDER)       # the undated events' order: not what visits are grouped from
    ties = _ties(conn)
    grown = True
    while grown:
        grown = False
        for pair in ties:
            if not found.isdisjoint(pair) and not pair <= found:
                found |= pair
                grown = True
    return found


def since(conn: Conn, seen: int) -> tuple[int, set[int] | None]:
    """The last row of the log, and the ids written after row ``seen`` (:data:`UNDATED_ORDER` among
    them when the undated events were put in order again); None for the ids when anything may have
    changed (a row without an id, or rows after ``seen`` already pruned)."""
    floor = _cached(conn, "floor")
    rows = conn.execute("SELECT id, event_id FROM visit_dirty WHERE id > ?", (seen,)).fetchall()
    last = max([seen, floor, *(int(r[0]) for r in rows)])
    if seen < floor or any(r[1] is None for r in rows):
        return last, None
    return last, {int(r[1]) for r in rows}


def mark(conn: Conn) -> int:
    """The log's last row now: what a read made in this transaction has seen."""
    row = conn.execute("SELECT MAX(id) FROM visit_dirty").fetchone()
    return max(int(row[0] or 0) if row else 0, _cached(conn, "floor"))


def _cached(conn: Conn, column: str) -> int:
    """One of the kept visits' counters (``seen``, ``floor``)."""
    row = conn.execute("SELECT seen, floor FROM visit_cache").fetchone()
    return int(row[("seen", "floor").index(column)] or 0) if row else 0


def _prune(conn: Conn, last: int) -> None:
    """Drop the rows more than :data:`KEEP` before ``last``; the floor says how far (a reader older than
    it reads everything again)."""
    floor = last - KEEP
    if floor > _cached(conn, "floor"):
        conn.execute("DELETE FROM visit_dirty WHERE id <= ?", (floor,))
        conn.execute("UPDATE visit_cache SET floor = ?", (floor,))


def _tied(value: object) -> set[int]:
    if not isinstance(value, dict):
        return set()
    return {v for k in TIES if isinstance(v := value.get(k), int) and not isinstance(v, bool)}


def _anchors(conn: Conn, anchors: set[int]) -> None:
    """The events of ``anchors``: a hand-made one's -id, an extracted one's linked events."""
    for a in sorted(anchors):
        conn.execute("INSERT INTO visit_dirty (event_id) VALUES (?)", (-a,))
        conn.execute("INSERT INTO visit_dirty (event_id) SELECT s.event_id FROM anchors a"
                     " JOIN event_sources s ON s.article_id = a.article_id AND s.key = a.key"
                     " WHERE a.id = ? AND a.manual = 0", (a,))


def _edges(conn: Conn) -> list[set[int]]:
    """Per active edit that ties its anchor to others: those anchors."""
    edges = []
    for anchor_id, value in conn.execute("SELECT anchor_id, new_value FROM edits WHERE undone_at IS NULL"
                                         " AND (new_value LIKE '%merged_into%' OR new_value LIKE '%after%')"):
        others = _tied(json.loads(value))
        if others:
            edges.append({int(anchor_id), *others})
    return edges


def _ties(conn: Conn) -> list[set[int]]:
    """Per active edit that ties its anchor to another: the events of both (all their candidates)."""
    edges = _edges(conn)
    if not edges:
        return []
    bound: dict[int, set[int]] = {}
    for a, e in conn.execute("SELECT a.id, s.event_id FROM anchors a JOIN event_sources s"
                             " ON s.article_id = a.article_id AND s.key = a.key WHERE a.manual = 0"):
        bound.setdefault(int(a), set()).add(int(e))
    return [{e for a in edge for e in bound.get(a, {-a})} for edge in edges]


def edit(conn: Conn, edit_id: int) -> None:
    """:func:`anchor` of the edit ``edit_id``'s anchor."""
    row = conn.execute("SELECT anchor_id FROM edits WHERE id = ?", (edit_id,)).fetchone()
    if row is not None:
        anchor(conn, int(row[0]))
