"""``visit-timeline watch``: RSS/Atom feeds read in rounds; each new item's page fetched, kept when it
reports a visit, and ingested.

Pages are fetched with a timeout, a size cap and a polite delay between two requests to one host. The
addresses read are remembered in the store (:mod:`dashboard.store.seen`): a page stored or judged not
to be a visit report is not fetched again; a feed or page that fails is reported and tried again next
round, never fatal.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from dashboard import webpage
from dashboard.archive import remember_url, seen_urls
from dashboard.errors import VisitTimelineError
from dashboard.ingest import read_bytes
from dashboard.preparing import NOT_A_VISIT
from dashboard.service import IngestReport, Store, failure, ingest_document, store_for
from dashboard.settings import Settings
from dashboard.webpage import MAX_PAGE_BYTES, USER_AGENT, FetchError, fetch, read_url

__all__ = ["MAX_PAGE_BYTES", "NOT_A_VISIT", "USER_AGENT", "FetchError", "Round", "Watcher", "ingest_url",
           "is_not_a_visit"]

log = logging.getLogger(__name__)

FAILED_MARK = "failed:"
STORED = "stored"


@dataclass(slots=True)
class Round:
    """What one round did: one line per feed or item worth telling, and the counts."""

    lines: list[str] = field(default_factory=list)
    stored: int = 0
    skipped: int = 0      # not visit reports
    seen: int = 0         # read in an earlier round (or twice in this one)
    failed: int = 0

    def fail(self, what: str, reason: str) -> None:
        self.failed += 1
        self.lines.append(f"{FAILED_MARK} {what}: {reason}")

    @property
    def message(self) -> str:
        return (f"{self.stored} stored, {self.skipped} not visit reports, {self.seen} seen before, "
                f"{self.failed} failed (tried again next round)")


class Watcher:
    """Reads feeds round by round; remembers per host when it last asked, to keep a polite delay."""

    def __init__(self, settings: Settings, *, timeout: float = 20.0, delay: float = 2.0,
                 max_bytes: int = MAX_PAGE_BYTES, author: str | None = None) -> None:
        self.settings, self.timeout, self.delay, self.max_bytes = settings, timeout, delay, max_bytes
        self.author = author     # signs the audit rows of what it stores (None: the account)
        self._last: dict[str, float] = {}
        store_for(settings)     # a store that cannot be opened fails now, in one line

    def round(self, feeds: list[str]) -> Round:
        done = Round()
        for feed in feeds:
            try:
                entries = self._entries(feed)
            except FetchError as exc:
                done.fail(feed, str(exc))
                continue
            self._items(entries, done)
        return done

    def _entries(self, feed: str) -> list[Any]:
        import feedparser

        parsed = feedparser.parse(self.fetch(feed))
        if parsed.bozo and not parsed.entries:
            raise FetchError(f"not an RSS or Atom feed ({parsed.get('bozo_exception', 'unreadable')})")
        return list(parsed.entries)

    def _items(self, entries: list[Any], done: Round) -> None:
        links = [str(e.get("link") or "").strip() for e in entries]
        before = seen_urls(self.settings, [u for u in links if u])
        this_round: set[str] = set()
        for entry, url in zip(entries, links, strict=True):
            if not url.startswith(("http://", "https://")):
                done.fail(f"item {entry.get('title', '')!r}", "no link to a web page")
                continue
            if url in before or url in this_round:
                done.seen += 1
                continue
            this_round.add(url)
            self._item(url, _entry_date(entry), done)

    def _item(self, url: str, published: str | None, done: Round) -> None:
        try:
            doc = read_bytes(self.fetch(url), url, self.settings)
            doc = doc if doc.url else replace(doc, url=url)
        except (FetchError, VisitTimelineError) as exc:
            done.fail(url, str(exc))
            return
        report = ingest_document(doc, self.settings, published, visit_only=True, author=self.author)
        if is_not_a_visit(report):
            done.skipped += 1
            remember_url(self.settings, url, NOT_A_VISIT)
            return
        if report.error is not None:
            done.fail(url, report.error)
            return
        remember_url(self.settings, url, STORED)
        done.stored += 1
        done.lines.append(report.message)

    def fetch(self, url: str) -> bytes:
        """The body at ``url`` (at most ``max_bytes``), after the polite delay for its host."""
        host = urlsplit(url).netloc
        wait = self._last.get(host, -1e9) + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return fetch(url, timeout=self.timeout, max_bytes=self.max_bytes).body
        finally:
            self._last[host] = time.monotonic()


def ingest_url(url: str, settings: Settings, published: str | None = None, *, store: Store | None = None,
               timeout: float | None = None, author: str | None = None) -> IngestReport:
    """One web address typed by a reader: fetched, read as an HTML article (its URL kept), stored when
    it reports a visit; every failure is the report's one line."""
    name = url.strip()
    try:
        doc = read_url(name, settings, timeout=webpage.TIMEOUT_S if timeout is None else timeout)
    except VisitTimelineError as exc:
        return failure(name, exc)
    return ingest_document(doc, settings, published, store=store, author=author, visit_only=True)


def is_not_a_visit(report: IngestReport) -> bool:
    """Whether a page was refused because it reports no visit (stored pages and failures are not)."""
    return report.refused and (report.error or "").startswith(NOT_A_VISIT)


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()


def sleep(seconds: float) -> None:
    time.sleep(seconds)
