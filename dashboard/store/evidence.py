"""Every source of one timeline event: each article's own sentence with the article's metadata, for
the detail panel. An event merged into another by hand (a correction) lends its sources too."""
from __future__ import annotations

import pandas as pd

from dashboard.store import edits
from dashboard.store.db import Conn
from dashboard.store.model import ARTICLE_COLUMNS
from dashboard.store.rows import typed

EVIDENCE_COLUMNS: tuple[str, ...] = ("event_id", "article", "title", "source", "url", "published",
                                     "published_from", "language", "seq", "participants", "place_surface",
                                     "evidence", "evidence_start", "evidence_end")
_INTS = ("event_id", "seq", "evidence_start", "evidence_end")


def sources(conn: Conn, event_id: int) -> pd.DataFrame:
    """One row per link of the event (and of the events merged into it by hand), in link order; no rows
    for a hand-made event (negative id: its one source is the timeline row itself)."""
    ids = [event_id, *_absorbed(conn, event_id)] if event_id >= 0 else []
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        "SELECT s.event_id, s.article_id, a.title, a.source, a.url, a.published, a.published_from,"
        " a.language, s.seq, s.participants, s.place_surface, s.evidence, s.evidence_start, s.evidence_end"
        f" FROM event_sources s JOIN articles a ON a.id = s.article_id WHERE s.event_id IN ({marks})"
        " ORDER BY s.event_id != ?, s.id", (*ids, event_id)).fetchall() if ids else []
    return typed(rows, EVIDENCE_COLUMNS, _INTS)


def _absorbed(conn: Conn, event_id: int) -> list[int]:
    """The stored events an active 'merge' correction put into ``event_id`` (one level, as shown)."""
    found = edits.overlay(conn)
    if found is None:
        return []
    mine = {anchor for anchor, event in found.bound.items() if event == event_id}
    return [found.bound[anchor] for anchor, state in found.states.items()
            if state.values.get("merged_into") in mine and anchor in found.bound
            and not state.values.get("deleted") and found.bound[anchor] != event_id]


def counts(conn: Conn) -> dict[str, int]:
    """How many articles, events, links and events with several sources the store holds."""
    def one(sql: str) -> int:
        row = conn.execute(sql).fetchone()
        return int(row[0]) if row else 0

    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "events": one("SELECT COUNT(*) FROM events"),
        "links": one("SELECT COUNT(*) FROM event_sources"),
        "merged_events": one("SELECT COUNT(*) FROM (SELECT event_id FROM event_sources"
                             " GROUP BY event_id HAVING COUNT(DISTINCT article_id) > 1) AS merged"),
    }


def articles(conn: Conn) -> pd.DataFrame:
    """The stored articles, oldest first, with the events each one is a source of (``n_events``)."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.source, a.published, a.language, a.ingested_at, a.published_from,"
        " a.url, (SELECT COUNT(DISTINCT event_id) FROM event_sources s WHERE s.article_id = a.id)"
        " FROM articles a ORDER BY COALESCE(a.arrival, 0), a.id").fetchall()
    return typed(rows, ARTICLE_COLUMNS, ("n_events",))
