"""The SQLite store: articles, merged events, the links between them, and the edit log on top.

Every operation opens its own short-lived connection (WAL mode, a busy timeout, foreign keys on);
adding an article is one ``BEGIN IMMEDIATE`` transaction, so a crash leaves the store as it was and
two writers take turns. The schema evolves by numbered migrations tracked in ``PRAGMA user_version``
(:mod:`dashboard.store.migrations`). All values go in as parameters.

The events table holds what extraction gives; :meth:`Store.timeline` applies the edit log on top
(:mod:`dashboard.corrections`), so corrections survive anything that rebuilds events.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import corrections
from dashboard import visits as trips
from dashboard.errors import StoreError
from dashboard.merge import plan_merge
from dashboard.schema import records
from dashboard.store import edits, trash
from dashboard.store import visits as kept
from dashboard.store.evidence import sources as _sources
from dashboard.store.migrations import AFTER, MIGRATIONS
from dashboard.store.rows import _apply, _days_of, _timeline, typed

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
ARTICLE_COLUMNS: tuple[str, ...] = ("id", "title", "source", "published", "language", "ingested_at",
                                    "published_from", "url", "n_events")


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article as stored. ``id`` comes from :func:`dashboard.merge.article_id`."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    published: str | None = None
    language: str = "und"
    published_from: str | None = None     # where the date was found (dashboard.ingest.dates.FROM_*)
    url: str | None = None                # the page's own address (canonical link, og:url)


@dataclass(frozen=True, slots=True)
class AddResult:
    article_id: str
    added: int = 0
    merged: int = 0
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class DeleteResult:
    article_id: str
    found: bool
    removed: int = 0     # events that had no other source
    kept: int = 0        # events that keep their other sources


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """A deleted article put back (``found``: it was in the trash; ``duplicate``: stored already)."""

    article_id: str
    found: bool
    added: int = 0
    merged: int = 0
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class ReplaceResult:
    """A re-extraction of one article, counted per event of the article."""

    article_id: str
    added: int = 0
    changed: int = 0
    dropped: int = 0


class Store:
    """The timeline store in one SQLite file; cheap to create, one connection per operation."""

    def __init__(self, path: Path | str, merge_km: float = 15.0) -> None:
        self.path = Path(path)
        self.merge_km = merge_km
        self._migrate()

    # -- connections and schema ------------------------------------------------------------------------

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A short-lived connection in autocommit mode; use :meth:`_transaction` to write."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
            yield conn
        except sqlite3.Error as exc:
            raise StoreError(f"store {self.path}: {exc}") from exc
        finally:
            conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front so concurrent writers queue instead of failing."""
        with self.connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _migrate(self) -> None:
        with self.connect() as conn:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("store %s: journal mode is %s, not WAL", self.path, mode)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == len(MIGRATIONS):
                return
        with self._transaction() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise StoreError(f"store {self.path} has schema version {version}; this program knows "
                                 f"up to {len(MIGRATIONS)} (update the program)")
            for number in range(version, len(MIGRATIONS)):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                if number in AFTER:
                    AFTER[number](conn)
                conn.execute(f"PRAGMA user_version = {number + 1:d}")
                log.info("store %s: migrated to schema version %d", self.path, number + 1)

    def schema_version(self) -> int:
        with self.connect() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def integrity_check(self) -> str:
        """SQLite's own check: ``"ok"`` when the file is sound."""
        with self.connect() as conn:
            return "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))

    # -- writes ----------------------------------------------------------------------------------------

    def add_article(self, article: ArticleRow, events: pd.DataFrame) -> AddResult:
        """Store ``article`` and merge its ``events`` (schema frame, article order) in ONE transaction."""
        with self._transaction() as conn:
            if _has_article(conn, article.id):
                return AddResult(article.id, duplicate=True)
            self._insert_article(conn, article)
            plan = self._merge_in(conn, article.id, events)
            trash.forget(conn, article.id)     # stored again: a deleted copy has nothing left to undo
            kept.mark_stale(conn)
        return AddResult(article.id, added=plan.added, merged=plan.merged)

    def _merge_in(self, conn: sqlite3.Connection, article_id: str, events: pd.DataFrame):
        """Merge one article's events into the timeline, then move its anchors onto them."""
        rows = records(events)     # once: plain values, None for missing
        days = _days_of(conn, rows)
        plan = plan_merge(days, rows, self.merge_km)
        _apply(conn, plan, article_id, rows, dict(zip(days["event_id"], days["position"], strict=True)))
        edits.rebind_article(conn, article_id)
        return plan

    def _insert_article(self, conn: sqlite3.Connection, article: ArticleRow,
                        ingested_at: str | None = None) -> None:
        conn.execute(
            "INSERT INTO articles (id, title, source, published, language, text, ingested_at, published_from,"
            " url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.title, article.source, article.published, article.language,
             article.text, ingested_at or edits.now(), article.published_from, article.url),
        )

    def delete_article(self, article_id: str) -> DeleteResult:
        """Remove an article; its events without another source go, the others keep their other sources.

        The article and its events are kept in the trash, so :meth:`restore_article` can undo this;
        its corrections stay in the log and apply again when it comes back."""
        with self._transaction() as conn:
            if not _has_article(conn, article_id):
                return DeleteResult(article_id, found=False)
            trash.keep(conn, article_id, edits.now())
            removed, still = _unlink(conn, article_id)
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            kept.mark_stale(conn)
        return DeleteResult(article_id, found=True, removed=removed, kept=still)

    def restore_article(self, article_id: str) -> RestoreResult:
        """Undo a delete: the article and its events as they were, merged back into the timeline."""
        with self._transaction() as conn:
            if _has_article(conn, article_id):
                trash.forget(conn, article_id)
                return RestoreResult(article_id, found=True, duplicate=True)
            found = trash.take(conn, article_id)
            if found is None:
                return RestoreResult(article_id, found=False)
            fields, events, link_ids = found
            ingested_at = str(fields.pop("ingested_at"))
            self._insert_article(conn, ArticleRow(**fields), ingested_at)   # type: ignore[arg-type]
            plan = self._merge_in(conn, article_id, events)
            trash.renumber(conn, article_id, link_ids)
            kept.mark_stale(conn)
        return RestoreResult(article_id, found=True, added=plan.added, merged=plan.merged)

    def deleted_articles(self) -> pd.DataFrame:
        """The deleted articles that can be restored, the latest first."""
        with self.connect() as conn:
            return trash.listing(conn)

    def replace_events(self, article_id: str, events: pd.DataFrame,
                       published: str | None = None) -> ReplaceResult:
        """A stored article's events replaced by a new extraction (a new extractor or publication date),
        in one transaction; its corrections follow (:func:`dashboard.corrections.rebind`)."""
        with self._transaction() as conn:
            if not _has_article(conn, article_id):
                raise StoreError(f"no article with id {article_id[:12]} in the store")
            before = edits.links_of(conn, article_id)
            old = _link_fields(conn, article_id)
            _unlink(conn, article_id)
            if published is not None:
                conn.execute("UPDATE articles SET published = ?, published_from = 'given' WHERE id = ?",
                             (published, article_id))
            self._merge_in(conn, article_id, events)
            kept.mark_stale(conn)
            added, changed, dropped = corrections.link_diff(before, old, edits.links_of(conn, article_id),
                                                _link_fields(conn, article_id))
        return ReplaceResult(article_id, added, changed, dropped)

    # -- corrections -----------------------------------------------------------------------------------

    def edit(self, event_id: int, author: str, action: str, old: dict, new: dict) -> int:
        """Log one change of an event (``new`` holds the fields it sets); returns the edit's id."""
        with self._transaction() as conn:
            kept.mark_stale(conn)
            return edits.record(conn, edits.anchor_of(conn, event_id), author, action, old, new)

    def anchor(self, event_id: int) -> int:
        with self._transaction() as conn:
            return edits.anchor_of(conn, event_id)

    def add_event(self, article_id: str, author: str, action: str, fields: dict) -> int:
        """A hand-made event of a stored article (``fields``: kind, title, date, ...); its event id."""
        with self._transaction() as conn:
            anchor = edits.new_manual(conn, article_id)
            edits.record(conn, anchor, author, action, {}, fields)
            kept.mark_stale(conn)
        return -anchor

    def undo(self, edit_id: int, author: str = "") -> bool:
        with self._transaction() as conn:
            kept.mark_stale(conn)
            return edits.undo(conn, edit_id, author)

    def edit_log(self, event_id: int | None = None) -> pd.DataFrame:
        """The edit log, oldest first: of one event's anchor, or of the whole store."""
        with self.connect() as conn:
            if event_id is None:
                return edits.log(conn)
            anchor = edits.anchor_of(conn, event_id) if _has_event(conn, event_id) else None
            return edits.log(conn, anchor) if anchor is not None else edits.log(conn, -1)

    # -- reads -----------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.connect() as conn:
            return _has_article(conn, article_id)

    def timeline(self, corrected: bool = True) -> pd.DataFrame:
        """The merged timeline in order: schema columns plus event_id, position, sources, n_sources,
        key (the first source's, see :mod:`dashboard.corrections`) and edited_by/edited_at/edit_id.

        Order: by date (undated last), then the merged order within the day; ``position`` is the
        0-based rank in that order. The per-source columns (article, seq, evidence, ...) come from
        the event's first remaining source; ``participants`` joins every source's names and
        ``confidence`` is the highest. With ``corrected`` the edit log is applied on top.
        """
        with self.connect() as conn:
            return _corrected(conn, corrected)

    def visits(self) -> tuple[list[trips.Visit], dict[int, str]]:
        """The visits (newest first) and each event's visit id, as kept in the store: regrouped from the
        corrected timeline, in one transaction, when a write has changed the timeline since."""
        with self.connect() as conn:
            if kept.is_valid(conn):
                return kept.read(conn)
        with self._transaction() as conn:
            if not kept.is_valid(conn):
                found, _ = trips.group(_corrected(conn, True))
                kept.write(conn, found)
            return kept.read(conn)

    def sources(self, event_id: int) -> pd.DataFrame:
        """Every source of one timeline event with its own sentence and its article's metadata
        (:func:`dashboard.store.evidence.sources`)."""
        with self.connect() as conn:
            return _sources(conn, int(event_id))

    def articles(self) -> pd.DataFrame:
        """Stored articles, oldest first: id, title, source, published, language, ingested_at,
        published_from (where the date was found), url, n_events."""
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT a.id, a.title, a.source, a.published, a.language, a.ingested_at, a.published_from,"
                " a.url,"
                " (SELECT COUNT(DISTINCT event_id) FROM event_sources s WHERE s.article_id = a.id)"
                " FROM articles a ORDER BY a.rowid").fetchall()
        return typed(rows, ARTICLE_COLUMNS, ("n_events",))

    def article_text(self, article_id: str) -> str:
        with self.connect() as conn:
            row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"no article with id {article_id[:12]} in the store")
        return str(row[0])

    def stats(self) -> dict[str, int]:
        """Counts: articles, events, links, events with several sources, schema version."""
        with self.connect() as conn:
            def one(sql: str) -> int:
                return int(conn.execute(sql).fetchone()[0])

            return {
                "articles": one("SELECT COUNT(*) FROM articles"),
                "events": one("SELECT COUNT(*) FROM events"),
                "links": one("SELECT COUNT(*) FROM event_sources"),
                "merged_events": one("SELECT COUNT(*) FROM (SELECT event_id FROM event_sources"
                                     " GROUP BY event_id HAVING COUNT(DISTINCT article_id) > 1)"),
                "schema_version": one("PRAGMA user_version"),
            }


def _corrected(conn: sqlite3.Connection, corrected: bool) -> pd.DataFrame:
    frame = _timeline(conn)
    found = edits.overlay(conn) if corrected else None
    if found is None:
        return corrections.overlay(frame, {}, {}, {})
    return corrections.overlay(frame, found.bound, found.states, found.manual)


def _has_article(conn: sqlite3.Connection, article_id: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def _has_event(conn: sqlite3.Connection, event_id: int) -> bool:
    if event_id < 0:
        return conn.execute("SELECT 1 FROM anchors WHERE id = ? AND manual = 1",
                            (-event_id,)).fetchone() is not None
    return conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None


def _unlink(conn: sqlite3.Connection, article_id: str) -> tuple[int, int]:
    """Remove an article's links and the events left without a source: (removed, kept)."""
    linked = [r[0] for r in conn.execute(
        "SELECT DISTINCT event_id FROM event_sources WHERE article_id = ?", (article_id,))]
    conn.execute("DELETE FROM event_sources WHERE article_id = ?", (article_id,))
    orphans = [e for e in linked if conn.execute(
        "SELECT 1 FROM event_sources WHERE event_id = ? LIMIT 1", (e,)).fetchone() is None]
    conn.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in orphans])
    # positions only order events within a day, so the gaps left behind need no renumbering
    return len(orphans), len(linked) - len(orphans)


def _link_fields(conn: sqlite3.Connection, article_id: str) -> dict[str, tuple]:
    """What a re-extraction compares, per link key: kind, date, time, place and title."""
    return {r[0]: tuple(r[1:]) for r in conn.execute(
        "SELECT s.key, e.kind, e.date, e.time, e.place_id, e.lat, e.lon, e.title FROM event_sources s"
        " JOIN events e ON e.id = s.event_id WHERE s.article_id = ?", (article_id,))}
