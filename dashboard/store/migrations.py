"""The store's schema: Alembic revisions (``dashboard/store/alembic/versions``), run on every backend.

Revisions 0001-0006 are the six numbered SQLite migrations of former releases (``PRAGMA user_version``
1-6), written with Alembic's operations; :data:`MIGRATIONS` keeps their SQLite text, the history a
store of a former release was made by (tests build such stores with it). A SQLite store without
Alembic's table is stamped with the revision of its ``user_version`` and upgraded in place; after an
upgrade ``user_version`` follows the revision number, so a former release refuses a newer store.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from dashboard.corrections import link_keys
from dashboard.errors import StoreError
from dashboard.store.db import Conn, connected

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
SCRIPTS = Path(__file__).resolve().parent / "alembic"

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


def backfill_keys(conn: Any) -> None:
    """Give the links written before version 4 (or by a bulk loader) their keys, per article in article
    order. ``conn``: anything with the store's ``execute``/``executemany`` (:class:`Conn`, sqlite3)."""
    rows = conn.execute(
        "SELECT s.id, s.article_id, e.kind, s.evidence FROM event_sources s"
        " JOIN events e ON e.id = s.event_id WHERE s.key IS NULL"
        " ORDER BY s.article_id, s.seq, s.id").fetchall()
    by_article: dict[str, list[tuple]] = {}
    for row in rows:
        by_article.setdefault(row[1], []).append(row)
    for links in by_article.values():
        taken = {r[0] for r in conn.execute("SELECT key FROM event_sources WHERE article_id = ?"
                                             " AND key IS NOT NULL", (links[0][1],)).fetchall()}
        keys = link_keys([r[2] for r in links], [r[3] for r in links])
        conn.executemany("UPDATE event_sources SET key = ? WHERE id = ?",
                         [(key, r[0]) for key, r in zip(keys, links, strict=True) if key not in taken])


def _config(conn: sa.Connection | None = None) -> Config:
    from alembic.config import Config  # Alembic only to migrate: importing it is ~11 MiB in every page

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = conn
    return config


# The newest revision: the revisions are numbered in their file names ("0009_visit_dirty.py" is "0009",
# one line of history; tests/test_migrations checks this against Alembic's own head).
HEAD: str = max((p.name[:4] for p in (SCRIPTS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")), default="")
SCHEMA_VERSION: int = int(HEAD)


def revision(conn: Conn) -> str | None:
    """The store's Alembic revision; for a SQLite store of a former release, its ``user_version`` as
    one; None for an empty database."""
    if sa.inspect(conn.sa).has_table("alembic_version"):
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    if conn.is_sqlite:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])   # type: ignore[index]
        return f"{version:04d}" if version else None
    return None


def check(found: str | None, where: str) -> None:
    if found is not None and (not found.isdigit() or int(found) > SCHEMA_VERSION):
        raise StoreError(f"store {where} has schema version {found}; this program knows up to "
                         f"{SCHEMA_VERSION} (update the program)")


def upgrade(engine: sa.Engine, where: str) -> None:
    """Bring the store to the newest revision, in one transaction (PostgreSQL: under an advisory lock,
    so that two programs starting at once do not both create the tables)."""
    with connected(engine, where, "READ COMMITTED") as conn:
        if not conn.is_sqlite:
            conn.execute("SELECT pg_advisory_xact_lock(2318)")
        found = revision(conn)
        check(found, where)
        if found == HEAD:
            return
        from alembic import command

        config = _config(conn.sa)
        if found is not None and not sa.inspect(conn.sa).has_table("alembic_version"):
            command.stamp(config, found)       # a SQLite store of a former release
        command.upgrade(config, "head")
        if conn.is_sqlite:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
        log.info("store %s: migrated from schema version %s to %s", where, found or 0, HEAD)
