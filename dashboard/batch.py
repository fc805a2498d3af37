"""``visit-timeline batch``: an archive (folders, zips, JSON-lines files) extracted on a Dask cluster.

The client reads the sources into items (:mod:`dashboard.sources`) and cuts them into partitions; the
workers (a ``LocalCluster`` by default, any running cluster with ``--scheduler``: the same
``distributed.Client`` either way) read and extract each partition into plain records
(:class:`Outcome`); the client stores each partition in one transaction, partitions in their input
order, so the timeline is the one that one-by-one ingest of the same files in that order gives.

Articles already stored (by content hash, :func:`dashboard.merge.article_id`) are skipped before
extraction, so a batch that was stopped starts again where it stopped. Every failure is one line of the
report (name, reason) and never stops the batch.
"""
from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from dashboard.archive import Prepared, prepare, store_partition, stored_ids, writing
from dashboard.errors import InputError, VisitTimelineError
from dashboard.ingest import Document, read_bytes, read_text
from dashboard.ingest.dates import FROM_GIVEN, iso_date
from dashboard.preparing import content_id
from dashboard.service import NO_DATE
from dashboard.settings import Settings
from dashboard.sources import Item, items
from dashboard.store import AddResult

log = logging.getLogger(__name__)

PARTITION = 16          # articles per task and per store transaction
AHEAD_PER_WORKER = 3    # partitions in flight per worker: enough to keep workers busy, memory bounded
READ, SKIPPED, REFUSED, FAILED = "read", "skipped", "refused", "failed"

Failure = Callable[[str, str], object]      # (name, reason)
Write = Callable[[list[Prepared]], list[AddResult | str]]    # one partition stored


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker made of one item: ``prepared`` when READ, ``error`` when REFUSED or FAILED."""

    name: str
    status: str
    prepared: Prepared | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Known:
    """The stored articles' ids, sent once to every worker."""

    ids: frozenset[str]


@dataclass(slots=True)
class Tally:
    """The counts of a batch: articles stored, events added and merged, articles skipped (stored
    already), refused (not an article, no date) and failed (an error while extracting or storing)."""

    stored: int = 0
    added: int = 0
    merged: int = 0
    skipped: int = 0
    refused: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.stored + self.skipped + self.refused + self.failed

    def counts(self) -> dict[str, int]:
        return {"stored": self.stored, "merged": self.merged, "skipped": self.skipped,
                "refused": self.refused, "failed": self.failed}

    @property
    def message(self) -> str:
        return (f"{self.total} articles: {self.stored} stored ({self.added} events added, {self.merged} "
                f"merged), {self.skipped} skipped (stored already), {self.refused} refused, "
                f"{self.failed} failed")


# -- on the workers --------------------------------------------------------------------------------------

def process(part: list[Item], settings: Settings, known: Known) -> list[Outcome]:
    """Read and extract one partition (runs on a worker; needs no store)."""
    return [_one(item, settings, known.ids) for item in part]


def _one(item: Item, settings: Settings, known: frozenset[str]) -> Outcome:
    if item.error:
        return Outcome(item.name, REFUSED, error=item.error)
    try:
        doc = document(item, settings)
        if content_id(doc.text) in known:
            return Outcome(item.name, SKIPPED)
        if item.published:
            date, where = iso_date(item.published), item.published_from or FROM_GIVEN
            if date is None:
                raise InputError(f"published is not a date (want YYYY-MM-DD): {item.published[:40]!r}")
        else:
            date, where = doc.publication()
        if date is None:
            raise InputError(NO_DATE)
        return Outcome(item.name, READ, prepare(doc, settings, date, where, item.title, item.language))
    except InputError as exc:
        return Outcome(item.name, REFUSED, error=str(exc) or type(exc).__name__)
    except VisitTimelineError as exc:
        return Outcome(item.name, FAILED, error=str(exc) or type(exc).__name__)
    except Exception as exc:   # a reader bug must cost one article, not the partition
        log.exception("%s: reading failed", item.name)
        return Outcome(item.name, FAILED, error=f"{type(exc).__name__}: {exc}")


def document(item: Item, settings: Settings) -> Document:
    """An item as a Document: a file's bytes through the readers, a JSON line's text or HTML."""
    if item.data is not None:
        doc = read_bytes(item.data, item.name, settings)
    elif item.html:
        doc = read_bytes(item.html.encode("utf-8"), _html_name(item.name), settings)
    else:
        doc = read_text(item.text or "", settings, name=item.name)
    if item.url and not doc.url:
        doc = replace(doc, url=item.url)
    return doc


def _html_name(name: str) -> str:
    return name if name.lower().endswith((".html", ".htm")) else f"{name}.html"


# -- on the client ---------------------------------------------------------------------------------------

@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None,
                processes: bool = True) -> Iterator[Any]:
    """A ``distributed.Client``: on the cluster at ``scheduler``, else on a LocalCluster of ``workers``
    one-thread workers (default: one per core) that is closed afterwards."""
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().level))
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    n = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=":0",
                      silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
        yield client


def run(sources: list[Path], settings: Settings, client: Any, *, on_failure: Failure | None = None,
        partition: int = PARTITION, progress: Callable[[Tally], object] | None = None,
        author: str | None = None) -> Tally:
    """Extract every article of ``sources`` on ``client``'s cluster and store it, the audit rows signed
    by ``author`` (None: the account); the counts."""
    tally = Tally()
    known = client.scatter(Known(stored_ids(settings)), broadcast=True)
    ahead = max(2, AHEAD_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))))
    pending: deque[tuple[list[str], Any]] = deque()
    cap = settings.max_unpacked_bytes
    with writing(settings) as store:
        write = partial(store_partition, settings, store=store, author=author)
        for part in _chunks(items(sources, cap), partition):
            future = client.submit(process, part, settings, known, pure=False)
            pending.append(([i.name for i in part], future))
            if len(pending) >= ahead:
                _finish(*pending.popleft(), write, tally, on_failure, progress)
        while pending:
            _finish(*pending.popleft(), write, tally, on_failure, progress)
    return tally


def _chunks(found: Iterable[Item], size: int) -> Iterator[list[Item]]:
    found = iter(found)
    while part := list(islice(found, size)):
        yield part


def _finish(names: list[str], future: Any, write: Write, tally: Tally, on_failure: Failure | None,
            progress: Callable[[Tally], object] | None) -> None:
    try:
        outcomes: list[Outcome] = future.result()
    except Exception as exc:   # a worker lost, an error in transit: the partition's articles are reported
        log.warning("partition of %d failed: %s", len(names), exc)
        outcomes = [Outcome(n, FAILED, error=f"worker: {type(exc).__name__}: {exc}") for n in names]
    future.release()
    ready = [o for o in outcomes if o.prepared is not None]
    try:
        stored = write([o.prepared for o in ready if o.prepared is not None])
    except VisitTimelineError as exc:
        stored = [f"not stored ({exc})"] * len(ready)
    results = dict(zip((id(o) for o in ready), stored, strict=True))
    for outcome in outcomes:
        _count(tally, outcome, results.get(id(outcome)), on_failure)
    if progress:
        progress(tally)


def _count(tally: Tally, outcome: Outcome, result: object, on_failure: Failure | None) -> None:
    status, error = outcome.status, outcome.error
    if isinstance(result, str):
        status, error = FAILED, result
    elif isinstance(result, AddResult):
        if result.duplicate:
            status = SKIPPED
        else:
            tally.added += result.added
            tally.merged += result.merged
    if status == READ:
        tally.stored += 1
    elif status == SKIPPED:
        tally.skipped += 1
    else:
        setattr(tally, status, getattr(tally, status) + 1)
        tally.failures.append((outcome.name, error or status))
        if on_failure:
            on_failure(outcome.name, f"{status}: {error}")
