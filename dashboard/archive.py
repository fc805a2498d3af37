"""The use-cases of archives and feeds (:mod:`dashboard.batch`, :mod:`dashboard.feeds`): an article
prepared by a worker without the store, partitions stored in one transaction, what is stored already,
and the URLs a feed watcher has seen. Articles are prepared exactly as ``ingest`` prepares them
(:func:`dashboard.service.ready_article`), so a batch gives the timeline that one-by-one ingest gives."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from dashboard.ingest import Document
from dashboard.preparing import ready_article
from dashboard.service import store_for
from dashboard.settings import Settings
from dashboard.store import AddResult, ArticleRow, Store, bulk, seen


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article read and extracted but not stored yet (a batch worker's result): plain, picklable."""

    article: ArticleRow
    events: list[dict[str, object]]     # schema rows (dashboard.schema.records), article order
    late: int = 0


def prepare(doc: Document, settings: Settings, published: str, found_in: str | None = None,
            title: str | None = None, language: str | None = None) -> Prepared:
    """What :func:`ingest_document` stores for ``doc``, without the store (ExtractionError if the
    extractor fails)."""
    ready = ready_article(doc, settings, published, found_in, title, language)
    return Prepared(ready.row, ready.rows, ready.late)


def store_partition(settings: Settings, batch: Sequence[Prepared], store: Store | None = None,
                    author: str | None = None) -> list[AddResult | str]:
    """Store a partition of prepared articles in one transaction, in order; per article its AddResult or
    why it was rolled back (see :func:`dashboard.store.bulk.add_articles`). ``store``: the one
    :func:`writing` opened (else ``settings``' store is opened for this partition); ``author`` signs the
    audit rows."""
    return bulk.add_articles(store or store_for(settings), [(p.article, p.events) for p in batch], author)


@contextmanager
def writing(settings: Settings) -> Iterator[Store]:
    """The store a batch writes its partitions to, opened once, with one idle connection held open
    meanwhile: a SQLite store checkpoints its write-ahead log into the file (fsyncs) whenever its last
    connection closes, which each partition's write connection otherwise was."""
    store = store_for(settings)
    with store.connect():
        yield store


def stored_ids(settings: Settings) -> frozenset[str]:
    """The ids of the stored articles (what a batch skips)."""
    return bulk.article_ids(store_for(settings))


def stored_articles(settings: Settings) -> Iterator[dict[str, object]]:
    """Every stored article with its text, oldest first (``export-articles``)."""
    return bulk.iter_articles(store_for(settings))


def seen_urls(settings: Settings, urls: Sequence[str]) -> set[str]:
    return seen.seen(store_for(settings), urls)


def remember_url(settings: Settings, url: str, outcome: str) -> None:
    seen.remember(store_for(settings), url, outcome)
