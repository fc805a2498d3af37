"""Bulk writes and reads for batches (``visit-timeline batch``, ``import-articles``, ``export-articles``).

A partition (a batch of articles) is stored in ONE write transaction; each article in it gets its own
savepoint, so an article the store cannot take is rolled back alone and reported, and the store never
holds half an article. Each article is added by :meth:`Store.add_in`, the step :meth:`Store.add_article`
runs, so a batch gives the timeline that one-by-one ingest gives (the store's merge does not depend on
the order articles arrive in).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from dashboard.schema import COLUMNS, Event, missing
from dashboard.store import replay
from dashboard.store.core import AddResult, ArticleRow, Store
from dashboard.store.db import Conn

log = logging.getLogger(__name__)

EXPORT_COLUMNS = ("id", "title", "source", "url", "published", "published_from", "language", "text")

Rows = Sequence[Mapping[str, Any]]


def add_articles(store: Store, batch: Sequence[tuple[ArticleRow, Rows]],
                 author: str | None = None) -> list[AddResult | str]:
    """Store and merge each (article, its events as schema rows, :func:`dashboard.schema.records`) in
    one transaction; per article an AddResult, or the reason it was rolled back (a string). ``author``
    signs the audit rows (None: the account running the process).

    The rows go to the merge as plain records (checked against the schema), with no frame built; the
    partition keeps what its articles share (:class:`dashboard.store.replay.Partition`)."""
    def work(conn: Conn) -> list[AddResult | str]:
        results: list[AddResult | str] = []
        part = replay.Partition()
        for article, rows in batch:
            conn.execute("SAVEPOINT article")
            undated = part.undated
            try:
                results.append(store.add_in(conn, article, [_plain(row) for row in rows], author=author,
                                            part=part))
            except Exception as exc:   # one article the store refuses must not lose its partition
                conn.execute("ROLLBACK TO SAVEPOINT article")
                part.undated = undated
                log.warning("article %s rolled back: %s", article.id[:12], exc)
                results.append(f"not stored ({type(exc).__name__}: {exc})")
            conn.execute("RELEASE SAVEPOINT article")
        replay.finish(conn, part)
        return results

    return store.write(work)


def _plain(row: Mapping[str, Any]) -> dict[str, Any]:
    """One event row checked against the schema (its fields, no others; defaults filled in), missing
    values as None: what :func:`dashboard.schema.records` gives for a frame, without building one."""
    event = Event(**row)
    found = {}
    for name, dtype in COLUMNS.items():
        value = getattr(event, name)
        found[name] = None if missing(value) else _AS.get(dtype, _same)(value)
    return found


def _same(value: Any) -> Any:
    return value


_AS: dict[str, Callable[[Any], Any]] = {"Int64": int, "Float64": float, "string": str}


def article_ids(store: Store) -> frozenset[str]:
    """The ids (content hashes) of every stored article: what a batch skips."""
    with store.connect() as conn:
        return frozenset(row[0] for row in conn.execute("SELECT id FROM articles"))


def iter_articles(store: Store) -> Iterator[dict[str, object]]:
    """Every stored article with its text, in the order they were stored, as plain dicts."""
    with store.connect() as conn:
        rows = conn.execute(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM articles ORDER BY arrival, id")
        for row in rows.fetchall():
            yield dict(zip(EXPORT_COLUMNS, row, strict=True))
