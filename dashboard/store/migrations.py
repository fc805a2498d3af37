"""The store's schema as numbered migrations (``PRAGMA user_version``), and the Python steps some need.

MIGRATIONS[n] takes a store from user_version n to n + 1. Statements are split on ";", so no literal
in them may contain one. A step in ``AFTER`` runs in the same transaction, after the SQL of its number.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from dashboard.corrections import link_keys

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL DEFAULT '',
        source      TEXT NOT NULL DEFAULT '',
        published   TEXT,
        language    TEXT NOT NULL DEFAULT 'und',
        text        TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE events (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        position        INTEGER NOT NULL,
        kind            TEXT NOT NULL,
        title           TEXT NOT NULL DEFAULT '',
        date            TEXT,
        time            TEXT,
        date_precision  TEXT NOT NULL DEFAULT 'unknown',
        place           TEXT,
        place_kind      TEXT,
        place_precision TEXT,
        place_id        TEXT,
        city            TEXT,
        region          TEXT,
        lat             REAL,
        lon             REAL,
        country         TEXT
    );
    CREATE INDEX events_position ON events(position);
    CREATE TABLE event_sources (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq            INTEGER NOT NULL,
        place_surface  TEXT,
        participants   TEXT NOT NULL DEFAULT '',
        evidence       TEXT NOT NULL DEFAULT '',
        evidence_start INTEGER NOT NULL DEFAULT 0,
        evidence_end   INTEGER NOT NULL DEFAULT 0,
        confidence     REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX event_sources_article ON event_sources(article_id, seq);
    CREATE INDEX event_sources_event ON event_sources(event_id);
    """,
    # 2: ``events.position`` orders events WITHIN their day (the timeline is ordered by date, then
    # position), so adding an article rewrites only the days it touches. Version-1 positions were
    # global and already sorted by date, so they stay valid as they are: no rows change.
    """
    DROP INDEX events_position;
    CREATE INDEX events_day ON events(date, position);
    """,
    # 3: ``events.status``: "planned" for announced or future events (shown apart), else "happened".
    """
    ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'happened'
    """,
    # 4: corrections. Each link gets a ``key`` naming the article's event it came from (see
    # dashboard.corrections); an ``anchor`` names one such event (or a hand-made one) across
    # re-extraction; ``edits`` is the log of every change, applied on top of what extraction gives.
    # Anchors and edits have no foreign key to articles: an article deleted and added again gets its
    # corrections back.
    """
    ALTER TABLE event_sources ADD COLUMN key TEXT;
    CREATE INDEX event_sources_key ON event_sources(article_id, key);
    CREATE TABLE anchors (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id     TEXT NOT NULL,
        key            TEXT NOT NULL,
        manual         INTEGER NOT NULL DEFAULT 0,
        kind           TEXT,
        evidence       TEXT NOT NULL DEFAULT '',
        evidence_start INTEGER NOT NULL DEFAULT 0,
        evidence_end   INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX anchors_link ON anchors(article_id, key);
    CREATE TABLE edits (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        anchor_id  INTEGER NOT NULL REFERENCES anchors(id),
        edited_at  TEXT NOT NULL,
        author     TEXT NOT NULL DEFAULT '',
        action     TEXT NOT NULL,
        old_value  TEXT NOT NULL DEFAULT '{}',
        new_value  TEXT NOT NULL DEFAULT '{}',
        undone_at  TEXT,
        undone_by  TEXT
    );
    CREATE INDEX edits_anchor ON edits(anchor_id);
    """,
    # 5: visits (dashboard.visits), kept as a cache of the corrected timeline: every write marks it
    # stale in its own transaction, the next read regroups and stores it (dashboard.store.visits).
    # ``end_`` because END is an SQL keyword. A store migrated from version 4 starts stale.
    # ``articles.published_from``: where the publication date was found (page metadata, dateline,
    # given, file name, text); NULL for articles stored before.
    """
    ALTER TABLE articles ADD COLUMN published_from TEXT;
    CREATE TABLE visits (
        id         TEXT PRIMARY KEY,
        rank       INTEGER NOT NULL,
        title      TEXT NOT NULL,
        principals TEXT NOT NULL DEFAULT '[]',
        host       TEXT NOT NULL,
        region     TEXT,
        start      TEXT NOT NULL,
        end_       TEXT NOT NULL,
        cities     TEXT NOT NULL DEFAULT '[]',
        articles   TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE visit_events (
        event_id INTEGER PRIMARY KEY,
        visit_id TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
        rank     INTEGER NOT NULL
    );
    CREATE INDEX visit_events_visit ON visit_events(visit_id, rank);
    CREATE TABLE visit_cache (valid INTEGER NOT NULL);
    INSERT INTO visit_cache (valid) VALUES (0)
    """,
    # 6: ``articles.url``: the page's own address (canonical link or og:url), NULL when unknown.
    # ``deleted_articles``: an article deleted from the timeline, kept whole (its text, metadata and
    # its events as they were linked, JSON in schema columns) so the delete can be undone.
    """
    ALTER TABLE articles ADD COLUMN url TEXT;
    CREATE TABLE deleted_articles (
        id             TEXT PRIMARY KEY,
        title          TEXT NOT NULL DEFAULT '',
        source         TEXT NOT NULL DEFAULT '',
        published      TEXT,
        language       TEXT NOT NULL DEFAULT 'und',
        text           TEXT NOT NULL,
        ingested_at    TEXT NOT NULL,
        published_from TEXT,
        url            TEXT,
        deleted_at     TEXT NOT NULL,
        events         TEXT NOT NULL DEFAULT '[]'
    )
    """,
)


def backfill_keys(conn: sqlite3.Connection) -> None:
    """Give the links written before version 4 their keys (per article, in article order)."""
    rows = conn.execute(
        "SELECT s.id, s.article_id, e.kind, s.evidence FROM event_sources s"
        " JOIN events e ON e.id = s.event_id WHERE s.key IS NULL"
        " ORDER BY s.article_id, s.seq, s.id").fetchall()
    by_article: dict[str, list[tuple]] = {}
    for row in rows:
        by_article.setdefault(row[1], []).append(row)
    for links in by_article.values():
        keys = link_keys([r[2] for r in links], [r[3] for r in links])
        conn.executemany("UPDATE event_sources SET key = ? WHERE id = ?",
                         [(key, r[0]) for key, r in zip(keys, links, strict=True)])


AFTER: dict[int, Callable[[sqlite3.Connection], None]] = {3: backfill_keys}
