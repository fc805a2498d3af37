"""Deleted articles, kept whole so a delete can be undone: the article's row and its events as they
were linked (schema columns, JSON). Restoring merges those events back in, as an ingest would, without
running the extractor again; the corrections come back with them (their anchors name the article)."""
from __future__ import annotations

import json

import pandas as pd

from dashboard.schema import EVENT_COLUMNS, LINK_COLUMNS, Event, to_frame
from dashboard.store.db import Conn
from dashboard.store.rows import typed

_ARTICLE = ("id", "title", "source", "published", "language", "text", "ingested_at", "published_from", "url")
DELETED_COLUMNS: tuple[str, ...] = ("id", "title", "source", "published", "deleted_at", "n_events")


def keep(conn: Conn, article_id: str, deleted_at: str) -> int:
    """Copy a stored article and its linked events into the trash (replacing an older copy); the
    number of events kept."""
    article = conn.execute(f"SELECT {', '.join(_ARTICLE)} FROM articles WHERE id = ?",
                           (article_id,)).fetchone()
    if article is None:
        return 0
    names = ["link_id", "article", *LINK_COLUMNS, *EVENT_COLUMNS]
    cols = ", ".join(["s.id", "s.article_id", *(f"s.{c}" for c in LINK_COLUMNS),
                      *(f"e.{c}" for c in EVENT_COLUMNS), "s.own"])
    events = []
    for row in conn.execute(f"SELECT {cols} FROM event_sources s JOIN events e ON e.id = s.event_id"
                            " WHERE s.article_id = ? ORDER BY s.seq, s.id", (article_id,)):
        event = dict(zip(names, row[:-1], strict=True))
        event.update(json.loads(row[-1]) if row[-1] else {})     # what the article itself said
        events.append(event)
    forget(conn, article_id)
    conn.execute(f"INSERT INTO deleted_articles ({', '.join(_ARTICLE)}, deleted_at, events, arrival)"
                 f" VALUES ({', '.join('?' * (len(_ARTICLE) + 2))},"
                 " (SELECT COALESCE(MAX(arrival), 0) + 1 FROM deleted_articles))",
                 (*article, deleted_at, json.dumps(events, ensure_ascii=False)))
    return len(events)


Kept = tuple[dict[str, object], pd.DataFrame, list[int]]


def take(conn: Conn, article_id: str) -> Kept | None:
    """The kept article (its columns), its events in article order and their links' former ids,
    removed from the trash; None when it is not there. (Restored, the article takes its place among
    the sources of each event by the canonical merge order, see :mod:`dashboard.merge`.)"""
    row = conn.execute(f"SELECT {', '.join(_ARTICLE)}, events FROM deleted_articles WHERE id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return None
    forget(conn, article_id)
    article = dict(zip(_ARTICLE, row[:-1], strict=True))
    kept = json.loads(row[-1])
    link_ids = [int(e.pop("link_id")) for e in kept]
    return article, to_frame([Event(**e) for e in kept]), link_ids


def forget(conn: Conn, article_id: str) -> None:
    conn.execute("DELETE FROM deleted_articles WHERE id = ?", (article_id,))


def listing(conn: Conn) -> pd.DataFrame:
    """The deleted articles, the latest deleted first."""
    rows = conn.execute("SELECT id, title, source, published, deleted_at, events FROM deleted_articles"
                        " ORDER BY deleted_at DESC, arrival DESC").fetchall()
    return typed([(*r[:-1], len(json.loads(r[-1]))) for r in rows], DELETED_COLUMNS, ("n_events",))
