"""The timeline store on SQLAlchemy Core: an embedded SQLite file (the default) or a shared PostgreSQL
database (a URL), one package for both: articles, merged events, the links between them, the edit log
and the audit log on top.

Every operation takes its own connection; every write is ONE transaction, run again from the start
when it lost a race with another writer (:mod:`dashboard.store.db`), so a crash leaves the store as it
was and concurrent writers neither lose nor double work (unique keys on articles, links and anchors).
The schema evolves by Alembic revisions (:mod:`dashboard.store.migrations`). All values go in as
parameters.

The events table holds what extraction gives, merged in the canonical order of the articles (see
:mod:`dashboard.merge`: the same articles give the same timeline whatever order they arrive in);
:meth:`Store.timeline` applies the edit log on top (:mod:`dashboard.corrections`), so corrections
survive anything that rebuilds events.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

import pandas as pd
from sqlalchemy import URL
from sqlalchemy.exc import ArgumentError

from dashboard import corrections
from dashboard import visits as trips
from dashboard.errors import StoreError
from dashboard.merge import plan_merge
from dashboard.quiet import collector_paused
from dashboard.schema import UNDATED_DAY
from dashboard.store import db, dirty, edits, evidence, held, migrations, replay, trash
from dashboard.store import visits as kept
from dashboard.store.db import BUSY_TIMEOUT_MS, Conn
from dashboard.store.evidence import sources as _sources
from dashboard.store.migrations import SCHEMA_VERSION
from dashboard.store.model import (
    ARTICLE_COLUMNS,
    AddResult,
    ArticleRow,
    DeleteResult,
    ReplaceResult,
    RestoreResult,
)
from dashboard.store.reading import corrected_timeline
from dashboard.store.rows import (
    _apply,
    _days_of,
    days_with,
    has_article,
    has_event,
    insert_article,
    link_fields,
    rows_of,
    unlink,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
Events: TypeAlias = "pd.DataFrame | Sequence[Mapping[str, Any]]"   # a schema frame or its records
__all__ = ["ARTICLE_COLUMNS", "BUSY_TIMEOUT_MS", "AddResult", "ArticleRow", "DeleteResult", "ReplaceResult",
           "RestoreResult", "Store"]


class Store:
    """The timeline store in one SQLite file or one database (a path or a URL); cheap to create."""

    def __init__(self, path: Path | str | URL, merge_km: float = 15.0) -> None:
        self.url = db.to_url(path)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.path: Path | None = Path(self.url.database or "") if self.is_sqlite else None
        self.where = str(self.path) if self.path is not None else db.shown(self.url)
        self.merge_km = merge_km
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        try:
            self.engine = db.engine_for(self.url)
        except (ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open the store at {self.where}: {exc}") from exc
        self._migrate()

    # -- connections and schema ------------------------------------------------------------------------

    @contextmanager
    def connect(self) -> Iterator[Conn]:
        """A short-lived connection in autocommit mode (``?`` parameters on every backend)."""
        with db.connected(self.engine, self.where) as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Conn]:
        """A connection for reads: one snapshot on PostgreSQL (REPEATABLE READ); SQLite as it was."""
        with db.connected(self.engine, self.where, "AUTOCOMMIT" if self.is_sqlite else "REPEATABLE READ") \
                as conn:
            yield conn

    def _write(self, work: Callable[[Conn], T]) -> T:
        """``work`` in one write transaction, retried when a concurrent writer won a race."""
        return db.retried(self.engine, self.where, work)

    def _migrate(self) -> None:
        if self.is_sqlite:
            with self.connect() as conn:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
                if str(mode and mode[0]).lower() != "wal":
                    log.warning("store %s: journal mode is %s, not WAL", self.where, mode)
                if conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) and \
                        migrations.revision(conn) == migrations.HEAD:
                    return
        migrations.upgrade(self.engine, self.where)

    def schema_version(self) -> int:
        with self.connect() as conn:
            return int(migrations.revision(conn) or 0)

    def integrity_check(self) -> str:
        """SQLite's own check: ``"ok"`` when the file is sound; on a server, ``"ok"`` when every link
        has its event and article (the server keeps its own files sound)."""
        with self.connect() as conn:
            if self.is_sqlite:
                return "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
            bad = conn.execute("SELECT COUNT(*) FROM event_sources s LEFT JOIN events e ON e.id = s.event_id"
                               " LEFT JOIN articles a ON a.id = s.article_id"
                               " WHERE e.id IS NULL OR a.id IS NULL").fetchone()
            return "ok" if bad == (0,) else f"{bad[0] if bad else '?'} links without their event or article"

    # -- writes ----------------------------------------------------------------------------------------

    def add_article(self, article: ArticleRow, events: Events, *,
                    author: str | None = None) -> AddResult:
        """Store ``article`` and merge its ``events`` (schema frame, or its plain records, article order)
        in ONE transaction; the audit log keeps who (``author``, else the account) and when."""
        rows = rows_of(events)       # once, before the transaction (a retry does not redo it)
        return self._write(lambda conn: self.add_in(conn, article, rows, author))

    def add_in(self, conn: Conn, article: ArticleRow, events: Events, author: str | None = None,
               part: replay.Partition | None = None) -> AddResult:
        """:meth:`add_article`'s work inside the caller's write transaction (``part``: a batch's partition,
        which ends with :func:`dashboard.store.replay.finish`)."""
        if not insert_article(conn, article, edits.now()):    # stored already
            return AddResult(article.id, duplicate=True)
        added, merged = self._merge_in(conn, article.id, events, part, article.published)
        trash.forget(conn, article.id)     # stored again: a deleted copy has nothing left to undo
        edits.audit(conn, author, "ingest", article.id, {"added": added, "merged": merged})
        kept.mark_stale(conn, touched=True)
        return AddResult(article.id, added=added, merged=merged)

    def write(self, work: Callable[[Conn], T]) -> T:
        """``work`` in one write transaction, retried when a concurrent writer won a race."""
        return self._write(work)

    def _merge_in(self, conn: Conn, article_id: str, events: Events,
                  part: replay.Partition | None = None, published: object = None) -> tuple[int, int]:
        """Merge one article's events into the timeline, then move its anchors onto them: incrementally
        when it comes last in the canonical order on each of its dated days (its undated events then moved
        to their place in that order), else by merging those days again (:mod:`dashboard.store.replay`);
        (added, merged). ``published``: the article's publication date (narrows what is read)."""
        rows = rows_of(events)
        days = {replay.day_of(r.get("date")) for r in rows}
        dated, later = replay.comes_last(conn, article_id, days, rows, part, published)
        if dated:
            stored = _days_of(conn, rows)
            plan = plan_merge(stored, rows, self.merge_km)
            _apply(conn, plan, article_id, rows, {r["event_id"]: r["position"] for r in stored})
            found = (plan.added, plan.merged)
            if later:
                replay.undated_before(conn, article_id, later, part)
        else:
            dirty.days(conn, days)      # the events a merge again replaces (their ids go)
            found = replay.merge_again(conn, days, self.merge_km, (article_id, rows), part)
        anchored = edits.has_anchors(conn, article_id)     # a new article has none: nothing to move
        dirty.article(conn, article_id, anchored, days)     # and the events now on its days
        if anchored:
            edits.rebind_article(conn, article_id)
        return found

    def delete_article(self, article_id: str, *, author: str | None = None) -> DeleteResult:
        """Remove an article; its events without another source go, the others keep their other sources
        (their days merged again without it).

        The article and its events are kept in the trash, so :meth:`restore_article` can undo this;
        its corrections stay in the log and apply again when it comes back."""
        def work(conn: Conn) -> DeleteResult:
            if not has_article(conn, article_id):
                return DeleteResult(article_id, found=False)
            trash.keep(conn, article_id, edits.now())
            days = days_with(conn, article_id) - {UNDATED_DAY}    # undated events never merge
            dirty.article(conn, article_id)
            dirty.days(conn, days)
            removed, still = unlink(conn, article_id)
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            if still:
                replay.merge_again(conn, days, self.merge_km)
            dirty.days(conn, days)
            edits.audit(conn, author, "delete", article_id, {"removed": removed, "kept": still})
            kept.mark_stale(conn, touched=True)
            return DeleteResult(article_id, found=True, removed=removed, kept=still)

        return self._write(work)

    def restore_article(self, article_id: str, *, author: str | None = None) -> RestoreResult:
        """Undo a delete: the article and its events as they were, merged back into the timeline."""
        def work(conn: Conn) -> RestoreResult:
            if has_article(conn, article_id):
                trash.forget(conn, article_id)
                return RestoreResult(article_id, found=True, duplicate=True)
            found = trash.take(conn, article_id)
            if found is None:
                return RestoreResult(article_id, found=False)
            fields, events, _ = found
            ingested_at = str(fields.pop("ingested_at"))
            article = ArticleRow(**fields)     # type: ignore[arg-type]
            insert_article(conn, article, ingested_at)
            added, merged = self._merge_in(conn, article_id, events, published=article.published)
            edits.audit(conn, author, "restore", article_id, {"added": added, "merged": merged})
            kept.mark_stale(conn, touched=True)
            return RestoreResult(article_id, found=True, added=added, merged=merged)

        return self._write(work)

    def deleted_articles(self) -> pd.DataFrame:
        """The deleted articles that can be restored, the latest first."""
        with self._read() as conn:
            return trash.listing(conn)

    def replace_events(self, article_id: str, events: Events, published: str | None = None, *,
                       author: str | None = None) -> ReplaceResult:
        """A stored article's events replaced by a new extraction (a new extractor or publication date),
        in one transaction; its corrections follow (:func:`dashboard.corrections.rebind`)."""
        def work(conn: Conn) -> ReplaceResult:
            if not has_article(conn, article_id):
                raise StoreError(f"no article with id {article_id[:12]} in the store")
            before = edits.links_of(conn, article_id)
            old = link_fields(conn, article_id)
            days = days_with(conn, article_id)
            dirty.article(conn, article_id)
            dirty.days(conn, days)
            unlink(conn, article_id)
            if published is not None:
                conn.execute("UPDATE articles SET published = ?, published_from = 'given' WHERE id = ?",
                             (published, article_id))
            rows = rows_of(events)
            days |= {replay.day_of(r.get("date")) for r in rows}
            replay.merge_again(conn, days, self.merge_km, (article_id, rows))
            dirty.days(conn, days)
            dirty.article(conn, article_id)
            edits.rebind_article(conn, article_id)
            kept.mark_stale(conn, touched=True)
            added, changed, dropped = corrections.link_diff(before, old, edits.links_of(conn, article_id),
                                                            link_fields(conn, article_id))
            edits.audit(conn, author, "reextract", article_id,
                        {"added": added, "changed": changed, "dropped": dropped, "published": published})
            return ReplaceResult(article_id, added, changed, dropped)

        return self._write(work)

    # -- corrections -----------------------------------------------------------------------------------

    def edit(self, event_id: int, author: str, action: str, old: dict, new: dict) -> int:
        """Log one change of an event (``new`` holds the fields it sets); returns the edit's id."""
        def work(conn: Conn) -> int:
            kept.mark_stale(conn, touched=True)
            anchor = edits.anchor_of(conn, event_id)
            dirty.values(conn, anchor, old, new)
            return edits.record(conn, anchor, author, action, old, new)

        return self._write(work)

    def anchor(self, event_id: int) -> int:
        return self._write(lambda conn: edits.anchor_of(conn, event_id))

    def add_event(self, article_id: str, author: str, action: str, fields: dict) -> int:
        """A hand-made event of a stored article (``fields``: kind, title, date, ...); its event id."""
        def work(conn: Conn) -> int:
            anchor = edits.new_manual(conn, article_id)
            edits.record(conn, anchor, author, action, {}, fields)
            dirty.values(conn, anchor, fields)
            kept.mark_stale(conn, touched=True)
            return -anchor

        return self._write(work)

    def undo(self, edit_id: int, author: str = "") -> bool:
        def work(conn: Conn) -> bool:
            kept.mark_stale(conn, touched=True)
            dirty.edit(conn, edit_id)
            return edits.undo(conn, edit_id, author)

        return self._write(work)

    def edit_log(self, event_id: int | None = None, *, author: str | None = None, since: str | None = None,
                 until: str | None = None) -> pd.DataFrame:
        """The edit log, oldest first: of one event's anchor, or of the whole store; of one ``author``
        and in a period (``since``/``until``: ISO dates or times, both included)."""
        def work(conn: Conn) -> pd.DataFrame:
            if event_id is None:
                return edits.log(conn, None, author, since, until)
            anchor = edits.anchor_of(conn, event_id) if has_event(conn, event_id) else -1
            return edits.log(conn, anchor, author, since, until)

        # one event's log may make its anchor (a write); the whole log only reads
        return self._write(work) if event_id is not None else self._reading(work)

    def history(self, author: str | None = None, since: str | None = None,
                until: str | None = None) -> pd.DataFrame:
        """Every write, oldest first (:data:`dashboard.store.edits.HISTORY_COLUMNS`): the corrections
        and the ingests, deletes, restores and re-extractions, with who and when; of one ``author``, in a
        period (``since``/``until``: ISO dates or times, both included)."""
        return self._reading(lambda conn: edits.history(conn, author, since, until))

    def _reading(self, work: Callable[[Conn], T]) -> T:
        with self._read() as conn, collector_paused():     # bulk reads: see dashboard.quiet
            return work(conn)

    # -- reads -----------------------------------------------------------------------------------------

    def last_write(self) -> int:
        """The id of the latest write in the audit log: it changes with every ingest, correction, delete,
        restore and re-extraction, whoever made it (a database server's version for the pages)."""
        with self.connect() as conn:
            row = conn.execute("SELECT MAX(id) FROM audit").fetchone()
            return int(row[0]) if row and row[0] is not None else 0

    def has_article(self, article_id: str, conn: Conn | None = None) -> bool:
        """Whether an article with this id is stored (on ``conn``, a connection the caller holds)."""
        if conn is not None:
            return has_article(conn, article_id)
        return self._reading(lambda conn: has_article(conn, article_id))

    def timeline(self, corrected: bool = True) -> pd.DataFrame:
        """The merged timeline in order: schema columns plus event_id, position, sources, n_sources,
        key (the first source's, see :mod:`dashboard.corrections`) and edited_by/edited_at/edit_id.

        Order: by date (undated last), then the merged order within the day; ``position`` is the
        0-based rank in that order. The per-source columns (article, seq, evidence, ...) come from
        the event's first remaining source; ``participants`` joins every source's names and
        ``confidence`` is the highest. With ``corrected`` the edit log is applied on top.
        """
        return self._reading(lambda conn: corrected_timeline(conn, corrected))

    def visits(self) -> tuple[list[trips.Visit], Mapping[int, str]]:
        """The visits (newest first) and each event's visit id, as kept in the store: regrouped from the
        corrected timeline, in one transaction, when a write has changed the timeline since (only
        around what changed, :mod:`dashboard.store.visits`)."""
        _, found, of = self.timeline_and_visits(timeline=False)
        return found, of

    def visits_valid(self) -> bool:
        """Whether the kept visits are up to date (no write since they were grouped)."""
        return self._reading(kept.is_valid)

    def timeline_and_visits(self, timeline: bool = True
                            ) -> tuple[pd.DataFrame | None, list[trips.Visit], Mapping[int, str]]:
        """The corrected timeline (with ``timeline``) and the visits with each event's visit id, read
        once and in one snapshot: the page's load after a write reads the timeline only once."""
        frame, now = self.snapshot(None, timeline)
        return frame, now.visits, now.of

    def snapshot(self, since: held.Snapshot | None, timeline: bool = True, coded: bool = False
                 ) -> tuple[pd.DataFrame | None, held.Snapshot]:
        """:meth:`timeline_and_visits` patched from what a former call gave (:mod:`dashboard.store.held`;
        ``coded``: repetitive text as categoricals)."""
        with self._read() as conn:
            since = held.brought_up(conn, since) if timeline else since   # the old pack goes here
            if kept.is_valid(conn):
                return held.read(conn, since, timeline, coded)
        return self._write(lambda conn: held.refreshed(conn, since, coded))

    def sources(self, event_id: int) -> pd.DataFrame:
        """Every source of one timeline event with its own sentence and its article's metadata
        (:func:`dashboard.store.evidence.sources`)."""
        return self._reading(lambda conn: _sources(conn, int(event_id)))

    def articles(self) -> pd.DataFrame:
        """Stored articles, oldest first: id, title, source, published, language, ingested_at,
        published_from (where the date was found), url, n_events."""
        return self._reading(evidence.articles)

    def article_text(self, article_id: str) -> str:
        row = self._reading(lambda conn: conn.execute("SELECT text FROM articles WHERE id = ?",
                                                      (article_id,)).fetchone())
        if row is None:
            raise StoreError(f"no article with id {article_id[:12]} in the store")
        return str(row[0])

    def stats(self) -> dict[str, int]:
        """Counts: articles, events, links, events with several sources, schema version."""
        with self._read() as conn:
            return {**evidence.counts(conn), "schema_version": int(migrations.revision(conn) or 0)}
