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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.errors import StoreError
from dashboard.merge import SOURCE_COLUMNS, UNDATED, MergePlan, Slot, plan_merge
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
            events = events.reset_index(drop=True)
            days = _days_of(conn, events)
            self._insert_article(conn, article)
            plan = plan_merge(days, events, self.merge_km)
            _apply(conn, plan, article.id, events, dict(zip(days["event_id"], days["position"], strict=True)))
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
            orphans = [e for e in linked if conn.execute(
                "SELECT 1 FROM event_sources WHERE event_id = ? LIMIT 1", (e,)).fetchone() is None]
            conn.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in orphans])
            # positions only order events within a day, so the gaps left behind need no renumbering
        return DeleteResult(article_id, found=True, removed=len(orphans), kept=len(linked) - len(orphans))

    # -- reads -----------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.connect() as conn:
            return _has_article(conn, article_id)

    def timeline(self) -> pd.DataFrame:
        """The merged timeline in order: schema columns plus event_id, position, sources, n_sources.

        Order: by date (undated last), then the merged order within the day; ``position`` is the
        0-based rank in that order. The per-source columns (article, seq, evidence, ...) come from
        the event's first remaining source; ``participants`` joins every source's names and
        ``confidence`` is the highest.
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
    """Every event with its sources aggregated, in timeline order (one pass over the joined rows)."""
    event_cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    link_cols = ", ".join(f"s.{c}" for c in LINK_COLUMNS)
    rows = conn.execute(
        f"SELECT e.id, {event_cols}, s.article_id, {link_cols}"
        " FROM events e JOIN event_sources s ON s.event_id = e.id"
        " ORDER BY COALESCE(e.date, ?), e.position, e.id, s.id", (UNDATED,))
    names = ["event_id", *EVENT_COLUMNS, "article", *LINK_COLUMNS]
    firsts: list[tuple] = []               # each event's first link
    more: dict[int, list[tuple]] = {}      # index in firsts -> all links, for events with several
    last = None
    for row in rows:
        if row[0] == last:
            more.setdefault(len(firsts) - 1, [firsts[-1]]).append(row)
        else:
            firsts.append(row)
            last = row[0]
    columns: dict[str, list] = dict(zip(names, map(list, zip(*firsts, strict=True)), strict=True)) \
        if firsts else {name: [] for name in names}
    art, who, conf = names.index("article"), names.index("participants"), names.index("confidence")
    joined: dict[object, str] = {}          # participants text -> normalised, worked out once per text
    columns["participants"] = [joined.get(p) or joined.setdefault(p, _join_names([p]))
                               for p in columns["participants"]]
    columns["sources"] = [[a] for a in columns["article"]]
    for k, group in more.items():
        columns["sources"][k] = list(dict.fromkeys(r[art] for r in group))
        columns["participants"][k] = _join_names(r[who] for r in group)
        columns["confidence"][k] = max(r[conf] for r in group)
    columns["n_sources"] = [len(s) for s in columns["sources"]]
    columns["position"] = list(range(len(firsts)))
    return _typed(columns)


def _join_names(values: Iterable[object]) -> str:
    names = [n.strip() for v in values if v for n in str(v).split(";")]
    return "; ".join(dict.fromkeys(n for n in names if n))


def _typed(columns: dict[str, list]) -> pd.DataFrame:
    dtypes = dict(COLUMNS) | {"event_id": "Int64", "position": "Int64", "n_sources": "Int64"}
    frame = {name: pd.array(columns[name], dtype=dtype) for name, dtype in dtypes.items()}
    sources = np.empty(len(columns["sources"]), dtype=object)
    sources[:] = columns["sources"]
    frame["sources"] = sources
    return pd.DataFrame(frame, columns=[*COLUMNS, "event_id", "position", "sources", "n_sources"])


def _days_of(conn: sqlite3.Connection, events: pd.DataFrame) -> pd.DataFrame:
    """The stored events a new article can touch, in timeline order: every event on its dates and,
    when it has undated events, the last undated one (undated events never merge, new ones go after
    it). Event columns plus event_id and position; sources are not needed to plan a merge."""
    dates = sorted({str(d) for d in events["date"] if not pd.isna(d)}) if len(events) else []
    undated = bool(len(events)) and bool(events["date"].isna().any())
    cols, marks = ", ".join(f"e.{c}" for c in EVENT_COLUMNS), ", ".join("?" * len(dates))
    rows = conn.execute(
        f"SELECT e.id, e.position, {cols} FROM events e WHERE e.date IN ({marks})"
        " OR e.id = (SELECT id FROM events WHERE ? AND date IS NULL ORDER BY position DESC, id DESC LIMIT 1)"
        " ORDER BY COALESCE(e.date, ?), e.position, e.id", (*dates, undated, UNDATED)).fetchall()
    names = ["event_id", "position", *EVENT_COLUMNS]
    return pd.DataFrame(rows, columns=names)


def _plain(value: object) -> object:
    """A frame cell as a value sqlite3 accepts (pandas NA to None, numpy scalars to Python)."""
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _apply(conn: sqlite3.Connection, plan: MergePlan, article_id: str, events: pd.DataFrame,
           positions: dict[int, int]) -> None:
    """Write the plan: new events, filled-in fields, links, and the positions that changed.

    ``positions`` holds the stored position of every event in ``plan.order``.
    """
    ranks = _day_ranks(plan, positions)
    rows = events.to_dict("records")    # once: reading cell by cell costs more than the inserts
    event_ids: dict[int, int] = dict(plan.matches)
    cols, marks = ", ".join(EVENT_COLUMNS), ", ".join("?" * len(EVENT_COLUMNS))
    for i in plan.new_rows:
        values = [ranks[Slot(new=i)], *(_plain(rows[i].get(c)) for c in EVENT_COLUMNS)]
        cur = conn.execute(f"INSERT INTO events (position, {cols}) VALUES (?, {marks})", values)
        event_ids[i] = int(cur.lastrowid)
    for i, event_id in plan.matches.items():
        _fill_missing(conn, event_id, rows[i])
    link_cols, link_marks = ", ".join(LINK_COLUMNS), ", ".join("?" * len(LINK_COLUMNS))
    conn.executemany(
        f"INSERT INTO event_sources (event_id, article_id, {link_cols}) VALUES (?, ?, {link_marks})",
        [(event_ids[i], article_id, *_link_values(row, i)) for i, row in enumerate(rows)],
    )
    moved = [(rank, s.event_id) for s, rank in ranks.items()
             if s.event_id is not None and positions[s.event_id] != rank]
    conn.executemany("UPDATE events SET position = ? WHERE id = ?", moved)


def _day_ranks(plan: MergePlan, positions: dict[int, int]) -> dict[Slot, int]:
    """New positions: each day of the plan counts up from its lowest stored position (0 for a new
    day), so a day's events stay above the undated events and stored days the plan did not read."""
    start: dict[str, int] = {}
    for slot, key in zip(plan.order, plan.days, strict=True):
        if slot.event_id is not None:
            start[key] = min(start.get(key, positions[slot.event_id]), positions[slot.event_id])
    ranks: dict[Slot, int] = {}
    day, rank = None, 0
    for slot, key in zip(plan.order, plan.days, strict=True):
        if key != day:
            day, rank = key, start.get(key, 0)
        ranks[slot] = rank
        rank += 1
    return ranks


_LINK_DEFAULTS: dict[str, object] = {"participants": "", "evidence": "", "evidence_start": 0,
                                     "evidence_end": 0, "confidence": 0.0}


def _link_values(row: dict[str, object], i: int) -> list[object]:
    values = []
    for c in LINK_COLUMNS:
        value = _plain(row.get(c))
        values.append(value if value is not None else _LINK_DEFAULTS.get(c, i if c == "seq" else None))
    return values


PLACE_GROUP: tuple[str, ...] = ("place", "place_kind", "place_precision", "place_id", "city", "region",
                                "lat", "lon", "country")


def _fill_missing(conn: sqlite3.Connection, event_id: int, event: dict[str, object]) -> None:
    """A merged event keeps its fields; a new source only fills what it lacked: the time, or a place
    with coordinates when the event had none (the place fields move together, never mixed)."""
    time = _plain(event.get("time"))
    if time is not None:
        conn.execute("UPDATE events SET time = ? WHERE id = ? AND time IS NULL", (time, event_id))
    if _plain(event.get("lat")) is not None and _plain(event.get("lon")) is not None:
        sets = ", ".join(f"{c} = ?" for c in PLACE_GROUP)
        conn.execute(f"UPDATE events SET {sets} WHERE id = ? AND (lat IS NULL OR lon IS NULL)",
                     [*(_plain(event.get(c)) for c in PLACE_GROUP), event_id])
