"""The visits kept in the store: a table refreshed from the corrected timeline, marked stale by every
write in that write's own transaction.

Visits are a function of the timeline alone (:mod:`dashboard.visits`). Each write (ingest, delete,
re-extraction or a new publication date, a correction, an undo) marks the cached visits stale in its
transaction; the next read recomputes them from the timeline and stores them, in one transaction.
So the stored visits are never out of step with the timeline, and a bulk ingest does not pay for a
regrouping per article.
"""
from __future__ import annotations

import json

from dashboard.store.db import Conn
from dashboard.visits import Visit


def mark_stale(conn: Conn) -> None:
    conn.execute("UPDATE visit_cache SET valid = 0")


def is_valid(conn: Conn) -> bool:
    row = conn.execute("SELECT valid FROM visit_cache").fetchone()
    return bool(row and row[0])


def write(conn: Conn, visits: list[Visit]) -> None:
    """Replace the stored visits (newest first, as given) and each event's visit."""
    conn.execute("DELETE FROM visit_events")
    conn.execute("DELETE FROM visits")
    conn.executemany(
        "INSERT INTO visits (id, rank, title, principals, host, region, start, end_, cities, articles)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(v.id, rank, v.title, json.dumps(v.principals), v.host, v.region, v.start, v.end,
          json.dumps(v.cities), json.dumps(v.articles)) for rank, v in enumerate(visits)])
    conn.executemany("INSERT INTO visit_events (event_id, visit_id, rank) VALUES (?, ?, ?)",
                     [(event_id, v.id, k) for v in visits for k, event_id in enumerate(v.event_ids)])
    conn.execute("UPDATE visit_cache SET valid = 1")


def read(conn: Conn) -> tuple[list[Visit], dict[int, str]]:
    """The stored visits, newest first, and each event's visit."""
    members: dict[str, list[int]] = {}
    rows = conn.execute("SELECT event_id, visit_id FROM visit_events ORDER BY visit_id, rank")
    for event_id, visit_id in rows:
        members.setdefault(visit_id, []).append(int(event_id))
    stored = conn.execute("SELECT id, title, principals, host, region, start, end_, cities, articles"
                          " FROM visits ORDER BY rank")
    visits = [Visit(id=r[0], title=r[1], principals=tuple(json.loads(r[2])), host=r[3], region=r[4],
                    start=r[5], end=r[6], cities=tuple(json.loads(r[7])), articles=tuple(json.loads(r[8])),
                    event_ids=tuple(members.get(r[0], ())))
              for r in stored]
    return visits, {e: v.id for v in visits for e in v.event_ids}
