"""The SQLite store: articles, merged events and the links between them. The only module using sqlite3.

Every operation opens its own short-lived connection (WAL mode, a busy timeout, foreign keys on);
adding an article is one ``BEGIN IMMEDIATE`` transaction, so a crash leaves the store as it was and
two writers take turns. The schema evolves by numbered migrations tracked in ``PRAGMA user_version``.
All values go in as parameters.
"""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.errors import StoreError
from dashboard.merge import SOURCE_COLUMNS, MergePlan, plan_merge
from dashboard.schema import COLUMNS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
EVENT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in SOURCE_COLUMNS)
LINK_COLUMNS: tuple[str, ...] = tuple(c for c in SOURCE_COLUMNS if c != "article")
ARTICLE_COLUMNS: tuple[str, ...] = ("id", "title", "source", "published", "language", "ingested_at",
                                    "n_events")

# Numbered migrations: MIGRATIONS[n] takes a store from user_version n to n + 1.
# Statements are split on ";", so no literal in them may contain one.
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
)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article as stored. ``id`` comes from :func:`dashboard.merge.article_id`."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    published: str | None = None
    language: str = "und"


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
            timeline = _timeline(conn)
            self._insert_article(conn, article)
            plan = plan_merge(timeline, events, self.merge_km)
            _apply(conn, plan, article.id, events.reset_index(drop=True))
        return AddResult(article.id, added=plan.added, merged=plan.merged)

    def _insert_article(self, conn: sqlite3.Connection, article: ArticleRow) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO articles (id, title, source, published, language, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.title, article.source, article.published, article.language,
             article.text, now),
        )

    def delete_article(self, article_id: str) -> DeleteResult:
        """Remove an article; its events without another source go, the others keep their other sources."""
        with self._transaction() as conn:
            if not _has_article(conn, article_id):
                return DeleteResult(article_id, found=False)
            linked = [r[0] for r in conn.execute(
                "SELECT DISTINCT event_id FROM event_sources WHERE article_id = ?", (article_id,))]
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))   # links cascade
            orphans = [r[0] for r in conn.execute(
                "SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM event_sources)")]
            conn.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in orphans])
            _renumber(conn)
        return DeleteResult(article_id, found=True, removed=len(orphans), kept=len(linked) - len(orphans))

    # -- reads -----------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.connect() as conn:
            return _has_article(conn, article_id)

    def timeline(self) -> pd.DataFrame:
        """The merged timeline in order: schema columns plus event_id, position, sources, n_sources.

        The per-source columns (article, seq, evidence, ...) come from the event's first remaining
        source; ``participants`` joins every source's names and ``confidence`` is the highest.
        """
        with self.connect() as conn:
            return _timeline(conn)

    def articles(self) -> pd.DataFrame:
        """Stored articles, oldest first: id, title, source, published, language, ingested_at, n_events."""
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT a.id, a.title, a.source, a.published, a.language, a.ingested_at,"
                " (SELECT COUNT(DISTINCT event_id) FROM event_sources s WHERE s.article_id = a.id)"
                " FROM articles a ORDER BY a.rowid").fetchall()
        frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
        return frame.astype({c: "string" for c in ARTICLE_COLUMNS[:-1]} | {"n_events": "Int64"})

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


# -- helpers on an open connection ---------------------------------------------------------------------

def _has_article(conn: sqlite3.Connection, article_id: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def _timeline(conn: sqlite3.Connection) -> pd.DataFrame:
    event_cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    link_cols = ", ".join(f"s.{c}" for c in LINK_COLUMNS)
    rows = conn.execute(
        f"SELECT e.id, e.position, {event_cols}, s.article_id, {link_cols}"
        " FROM events e JOIN event_sources s ON s.event_id = e.id"
        " ORDER BY e.position, e.id, s.id").fetchall()
    names = ["event_id", "position", *EVENT_COLUMNS, "article", *LINK_COLUMNS]
    links = pd.DataFrame(rows, columns=names)
    if links.empty:
        return _typed(links)
    grouped = links.groupby("event_id", sort=False)
    first = grouped.head(1).set_index("event_id")
    sources = grouped["article"].agg(lambda s: list(dict.fromkeys(s)))
    first["sources"] = sources
    first["n_sources"] = sources.map(len)
    first["participants"] = grouped["participants"].agg(_join_names)
    first["confidence"] = grouped["confidence"].max()
    return _typed(first.reset_index())


def _join_names(values: pd.Series) -> str:
    names = [n.strip() for v in values if v for n in str(v).split(";")]
    return "; ".join(dict.fromkeys(n for n in names if n))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    columns = [*COLUMNS, "event_id", "position", "sources", "n_sources"]
    frame = frame.reindex(columns=columns)
    dtypes = dict(COLUMNS) | {"event_id": "Int64", "position": "Int64", "n_sources": "Int64"}
    frame = frame.astype(dtypes)
    frame["sources"] = frame["sources"].astype(object)
    return frame.reset_index(drop=True)


def _plain(value: object) -> object:
    """A frame cell as a value sqlite3 accepts (pandas NA to None, numpy scalars to Python)."""
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _apply(conn: sqlite3.Connection, plan: MergePlan, article_id: str, events: pd.DataFrame) -> None:
    event_ids: dict[int, int] = dict(plan.matches)
    cols, marks = ", ".join(EVENT_COLUMNS), ", ".join("?" * len(EVENT_COLUMNS))
    for i in plan.new_rows:
        values = [_plain(events.at[i, c]) for c in EVENT_COLUMNS]
        cur = conn.execute(f"INSERT INTO events (position, {cols}) VALUES (-1, {marks})", values)
        event_ids[i] = int(cur.lastrowid)
    for i, event_id in plan.matches.items():
        _fill_missing(conn, event_id, events.loc[i])
    link_cols, link_marks = ", ".join(LINK_COLUMNS), ", ".join("?" * len(LINK_COLUMNS))
    conn.executemany(
        f"INSERT INTO event_sources (event_id, article_id, {link_cols}) VALUES (?, ?, {link_marks})",
        [(event_ids[i], article_id, *_link_values(events, i)) for i in range(len(events))],
    )
    positions = [(pos, s.event_id if s.new is None else event_ids[s.new]) for pos, s in enumerate(plan.order)]
    conn.executemany("UPDATE events SET position = ? WHERE id = ?", positions)


_LINK_DEFAULTS: dict[str, object] = {"participants": "", "evidence": "", "evidence_start": 0,
                                     "evidence_end": 0, "confidence": 0.0}


def _link_values(events: pd.DataFrame, i: int) -> list[object]:
    values = []
    for c in LINK_COLUMNS:
        value = _plain(events.at[i, c])
        values.append(value if value is not None else _LINK_DEFAULTS.get(c, i if c == "seq" else None))
    return values


PLACE_GROUP: tuple[str, ...] = ("place", "place_kind", "place_precision", "place_id", "city", "region",
                                "lat", "lon", "country")


def _fill_missing(conn: sqlite3.Connection, event_id: int, event: pd.Series) -> None:
    """A merged event keeps its fields; a new source only fills what it lacked: the time, or a place
    with coordinates when the event had none (the place fields move together, never mixed)."""
    time = _plain(event.get("time"))
    if time is not None:
        conn.execute("UPDATE events SET time = ? WHERE id = ? AND time IS NULL", (time, event_id))
    if _plain(event.get("lat")) is not None and _plain(event.get("lon")) is not None:
        sets = ", ".join(f"{c} = ?" for c in PLACE_GROUP)
        conn.execute(f"UPDATE events SET {sets} WHERE id = ? AND (lat IS NULL OR lon IS NULL)",
                     [*(_plain(event.get(c)) for c in PLACE_GROUP), event_id])


def _renumber(conn: sqlite3.Connection) -> None:
    ids = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY position, id")]
    conn.executemany("UPDATE events SET position = ? WHERE id = ?", [(p, e) for p, e in enumerate(ids)])
