"""Bulk writes and reads for batches (``visit-timeline batch``, ``import-articles``, ``export-articles``).

A partition (a batch of articles) is stored in ONE transaction; each article in it gets its own
savepoint, so an article the store cannot take is rolled back alone and reported, and the store never
holds half an article. Each article is merged exactly as :meth:`Store.add_article` merges it, in the
order given, so a batch gives the same timeline as one-by-one ingest of the same files in that order.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from dashboard.merge import MergePlan, plan_merge
from dashboard.store import edits, trash
from dashboard.store import visits as kept
from dashboard.store.core import AddResult, ArticleRow, Store, _has_article
from dashboard.store.rows import _apply, _days_of

log = logging.getLogger(__name__)

EXPORT_COLUMNS = ("id", "title", "source", "url", "published", "published_from", "language", "text")


Rows = Sequence[Mapping[str, Any]]


def add_articles(store: Store, batch: Sequence[tuple[ArticleRow, Rows]]) -> list[AddResult | str]:
    """Store and merge each (article, its events as schema rows, :func:`dashboard.schema.records`) in
    one transaction; per article an AddResult, or the reason it was rolled back (a string)."""
    results: list[AddResult | str] = []
    with store._transaction() as conn:
        for article, events in batch:
            if _has_article(conn, article.id):
                results.append(AddResult(article.id, duplicate=True))
                continue
            conn.execute("SAVEPOINT article")
            try:
                store._insert_article(conn, article)
                plan = _merge_rows(conn, store.merge_km, article.id, events)
                trash.forget(conn, article.id)
            except Exception as exc:   # one article the store refuses must not lose its partition
                conn.execute("ROLLBACK TO article")
                log.warning("article %s rolled back: %s", article.id[:12], exc)
                results.append(f"not stored ({type(exc).__name__}: {exc})")
            else:
                results.append(AddResult(article.id, added=plan.added, merged=plan.merged))
            conn.execute("RELEASE article")
        if any(isinstance(r, AddResult) and not r.duplicate for r in results):
            kept.mark_stale(conn)
    return results


def _merge_rows(conn: sqlite3.Connection, merge_km: float, article_id: str, rows: Rows) -> MergePlan:
    """:meth:`Store._merge_in` for rows already plain (the workers send records, not frames): the same
    steps, without a frame's round trip, which cost a third of a batch's store time. Keep in step."""
    days = _days_of(conn, rows)
    plan = plan_merge(days, rows, merge_km)
    _apply(conn, plan, article_id, rows, dict(zip(days["event_id"], days["position"], strict=True)))
    edits.rebind_article(conn, article_id)
    return plan


def article_ids(store: Store) -> frozenset[str]:
    """The ids (content hashes) of every stored article: what a batch skips."""
    with store.connect() as conn:
        return frozenset(row[0] for row in conn.execute("SELECT id FROM articles"))


def iter_articles(store: Store) -> Iterator[dict[str, object]]:
    """Every stored article with its text, oldest first, as plain dicts (:data:`EXPORT_COLUMNS`)."""
    with store.connect() as conn:
        cursor = conn.execute(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM articles ORDER BY rowid")
        for row in cursor:
            yield dict(zip(EXPORT_COLUMNS, row, strict=True))
