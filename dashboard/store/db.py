"""The database under the store, through SQLAlchemy Core: a file path or URL to an engine, a thin
connection that speaks the store's SQL (``?`` parameters) on every backend, and retried transactions.

SQLite (a path or ``sqlite:///…``) is the embedded default: one connection per operation (no pool),
WAL, a busy timeout, foreign keys on, and a write transaction taken up front (``BEGIN IMMEDIATE``), so
writers queue. PostgreSQL (``postgresql+psycopg://…``) is the shared store: a pooled engine, writers
queueing on an advisory lock taken first in their transaction (READ COMMITTED under it: SERIALIZABLE
writers all aborted on the one row every write updates, and a few ran out of retries under load),
reads in one REPEATABLE READ snapshot. A write that loses a race anyway (a serialization failure, a
deadlock, a unique key taken meanwhile, a lock held too long) is run again from the start, a few
times, with a short random pause.
"""
from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from dashboard.errors import StoreError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
RETRIES = 8
WRITE_LOCK = 2319        # PostgreSQL advisory lock the writers queue on (the migrations take 2318)
# SQLSTATEs of a lost race: serialization failure, deadlock, unique violation, lock not available
RETRY_STATES = frozenset({"40001", "40P01", "23505", "55P03"})
T = TypeVar("T")


def is_url(target: Path | str) -> bool:
    """Whether ``target`` names a database by URL (``dialect[+driver]://…``) rather than a file path."""
    text = str(target)
    return "://" in text and text.split("://", 1)[0].replace("+", "").isalnum()


def to_url(target: Path | str | sa.URL) -> sa.URL:
    """The SQLAlchemy URL of a file path or URL; a plain ``postgresql://`` gets the psycopg driver."""
    if isinstance(target, sa.URL):
        return target
    if not is_url(target):
        return sa.URL.create("sqlite", database=str(Path(target)))
    url = make_url(str(target))
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def shown(url: sa.URL) -> str:
    """The URL as shown in messages: without its password."""
    return url.render_as_string(hide_password=True)


class Cursor:
    """What one statement gave back, as plain tuples (the driver's own cursor: sqlite3 or psycopg)."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def fetchone(self) -> tuple | None:
        return self._cursor.fetchone() if self._cursor.description is not None else None

    def fetchall(self) -> list[tuple]:
        return list(self._cursor.fetchall()) if self._cursor.description is not None else []

    def fetchmany(self, size: int) -> list[tuple]:
        return list(self._cursor.fetchmany(size)) if self._cursor.description is not None else []

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._cursor) if self._cursor.description is not None else iter(())

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)


class Conn:
    """A connection that takes the store's SQL: ``?`` parameters, turned into the driver's own style.

    SQLAlchemy holds the connection (pool, dialect, isolation, the transaction); the statements run on
    its driver-level cursor, so that reading 100k timeline rows costs what the driver costs (SQLAlchemy's
    result rows took ~20 % more time)."""

    def __init__(self, conn: sa.Connection) -> None:
        self.sa = conn
        self.dialect = conn.dialect.name
        self._format = conn.dialect.paramstyle in ("format", "pyformat")
        self._raw = conn.connection

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s") if self._format else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        cursor = self._raw.cursor()
        cursor.execute(self._sql(sql), tuple(params))
        return Cursor(cursor)

    def executemany(self, sql: str, rows: Any) -> None:
        batch = [tuple(r) for r in rows]
        if batch:
            self._raw.cursor().executemany(self._sql(sql), batch)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one INSERT and return the id of the row it wrote (``RETURNING id`` on every backend)."""
        row = self.execute(f"{sql} RETURNING id", params).fetchone()
        if row is None:
            raise StoreError("the store did not report the id of the row it just wrote")
        return int(row[0])

    def concat(self, column: str, separator: str) -> str:
        """SQL that joins ``column`` over a group with ``separator`` (a literal without quotes)."""
        fn = "group_concat" if self.is_sqlite else "string_agg"
        return f"{fn}({column}, '{separator}')"


_ENGINES: dict[tuple[str, int], sa.Engine] = {}


def engine_for(url: sa.URL) -> sa.Engine:
    """One engine per database and process (a forked child makes its own)."""
    key = (url.render_as_string(hide_password=False), os.getpid())
    if key not in _ENGINES:
        _ENGINES[key] = _sqlite_engine(url) if url.get_backend_name() == "sqlite" else \
            sa.create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4)
    return _ENGINES[key]


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    engine = sa.create_engine(url, pool_size=2, max_overflow=8,
                              connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None          # the store says when a transaction begins
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            # writers queue instead of failing later; on the driver's connection (SQLAlchemy's statement
            # machinery costs more than the statement)
            conn.connection.driver_connection.execute("BEGIN IMMEDIATE")  # type: ignore[union-attr]

    return engine


@contextmanager
def connected(engine: sa.Engine, where: str, isolation: str = "AUTOCOMMIT") -> Iterator[Conn]:
    """A connection (autocommit, or one transaction at ``isolation`` committed at the end)."""
    errors = (sa_exc.DBAPIError, engine.dialect.loaded_dbapi.Error)
    try:
        raw = engine.connect()
    except (*errors, OSError) as exc:
        raise StoreError(f"cannot open the store at {where}: {_reason(exc)}") from exc
    try:
        conn = raw.execution_options(isolation_level=isolation) if engine.dialect.name != "sqlite" or \
            isolation == "AUTOCOMMIT" else raw
        if isolation == "AUTOCOMMIT":
            yield Conn(conn)
        else:
            with conn.begin():
                yield Conn(conn)
    except errors as exc:
        raise StoreError(f"store {where}: {_reason(exc)}") from exc
    finally:
        raw.close()


def retried(engine: sa.Engine, where: str, work: Callable[[Conn], T],
            isolation: str = "READ COMMITTED") -> T:
    """``work`` in one write transaction, run again from the start when it lost a race. On PostgreSQL
    the transaction first takes the store's write lock, so writers queue as on SQLite (every write
    marks the cached visits stale, so two writes never run side by side anyway); under the lock each
    statement sees what the writer before committed."""
    for attempt in range(RETRIES):
        try:
            with connected(engine, where, isolation) as conn:
                if not conn.is_sqlite:
                    conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
                return work(conn)
        except StoreError as exc:
            if attempt == RETRIES - 1 or not _lost_race(exc.__cause__):
                raise
            log.info("store %s: a concurrent write won (%s); trying again", where, exc)
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
    raise AssertionError("unreachable")


def _lost_race(exc: BaseException | None) -> bool:
    """Whether a driver error (raw, or wrapped by SQLAlchemy) says another writer won a race."""
    orig = exc.orig if isinstance(exc, sa_exc.DBAPIError) else exc
    if orig is None:
        return False
    state = getattr(orig, "sqlstate", None)
    if state is not None:
        return state in RETRY_STATES
    text = str(orig).lower()
    return "database is locked" in text or "database is busy" in text


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0] if str(orig or exc) else \
        type(exc).__name__
