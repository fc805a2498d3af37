"""The feed watcher's memory: the page addresses it has read, one table in the store (``seen_urls``).

The table is created when first needed (``CREATE TABLE IF NOT EXISTS``, on SQLite and PostgreSQL alike),
not by a migration, so it stays out of the schema's revisions; nothing else reads it. An address is
remembered once it is stored or judged not to be a visit report; one that failed (a time-out, an HTTP
error) is not, so the next round tries it again.
"""
from __future__ import annotations

from collections.abc import Iterable

from dashboard.store.core import Store
from dashboard.store.db import Conn
from dashboard.store.edits import now

_TABLE = ("CREATE TABLE IF NOT EXISTS seen_urls (url TEXT PRIMARY KEY, seen_at TEXT NOT NULL,"
          " outcome TEXT NOT NULL DEFAULT '')")


def seen(store: Store, urls: Iterable[str]) -> set[str]:
    """Which of ``urls`` were read in an earlier round."""
    wanted = list(dict.fromkeys(urls))

    def work(conn: Conn) -> set[str]:
        conn.execute(_TABLE)
        return {u for u in wanted
                if conn.execute("SELECT 1 FROM seen_urls WHERE url = ?", (u,)).fetchone() is not None}

    return store.write(work)


def remember(store: Store, url: str, outcome: str) -> None:
    """Remember ``url`` (with what became of it: stored, not a visit report, ...)."""
    def work(conn: Conn) -> None:
        conn.execute(_TABLE)
        conn.execute("DELETE FROM seen_urls WHERE url = ?", (url,))
        conn.execute("INSERT INTO seen_urls (url, seen_at, outcome) VALUES (?, ?, ?)", (url, now(), outcome))

    store.write(work)
