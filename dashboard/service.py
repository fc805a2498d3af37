"""The use-cases: ingest (a document -> its events -> merged into the store, reported in one line) and
the reads and deletes of the timeline. The pages and the CLI reach the store only through here.

Ingest is used by the CLI (``visit-timeline ingest``) and by the pages (upload, paste box, first run):
one loop, :func:`ingest_many`, with a progress callback. A file that cannot be read or understood
becomes a report with ``error`` set and stores nothing; the other files of the same call are still
stored. Nothing here raises for bad input.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.errors import DataFileError, ExtractionError, InputError, VisitTimelineError
from dashboard.ingest import Document, read_bytes, read_path, read_text
from dashboard.ingest.dates import FROM_GIVEN, FROM_METADATA, FROM_NOWHERE
from dashboard.ingest.readers import TEXT
from dashboard.merge import article_id
from dashboard.settings import Settings
from dashboard.store import ArticleRow, DeleteResult, RestoreResult, Store
from dashboard.visits import Visit, attach

if TYPE_CHECKING:       # the extractor is imported when first used (start-up time)
    from dashboard.extract import Extraction

log = logging.getLogger(__name__)

Progress = Callable[[float, str], object]    # (share done, what is happening)
Input = Path | str | tuple[str, bytes]       # a file on disk, or an upload: (file name, its bytes)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What happened to one input; ``message`` is the one line to show."""

    name: str
    article_id: str | None = None
    error: str | None = None
    added: int = 0
    merged: int = 0
    duplicate: bool = False
    n_events: int = 0
    refused: bool = True          # with ``error``: the input was refused (vs. failed while processing)
    published: str | None = None
    late: int = 0                 # events that happened after the publication date: a date to check

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def message(self) -> str:
        if self.error is not None:
            return f"{self.name}: {'refused' if self.refused else 'failed'}: {self.error}"
        if self.duplicate:
            return f"{self.name}: already in the timeline (no change)"
        if self.n_events == 0:
            return f"{self.name}: stored; no events found"
        done = f"{_count(self.added, 'event')} added" if self.merged == 0 else \
            f"{self.added} added, {self.merged} merged"
        if self.late:
            done += (f"; {_count(self.late, 'event')} dated after the publication date {self.published}:"
                     " check the date")
        return f"{self.name}: {done}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _failure(name: str, exc: VisitTimelineError) -> IngestReport:
    log.info("%s: %s", name, exc)
    return IngestReport(name=name, error=str(exc) or type(exc).__name__, refused=isinstance(exc, InputError))


def store_for(settings: Settings) -> Store:
    """The store of ``settings`` (raises StoreError with a clear message if it cannot be opened)."""
    return Store(settings.db_path, merge_km=settings.merge_km)


NO_DATE = "no publication date found (in the page, a dateline, the file name or the text): give one"


def ingest_document(doc: Document, settings: Settings, published: str | None = None, *,
                    store: Store | None = None, confirmed: str | None = None) -> IngestReport:
    """Extract ``doc``'s events and merge them into the store, in one transaction.

    The publication date: ``confirmed`` when given (the page's confirmed date), else the document's
    own (:meth:`Document.publication`: metadata, dateline, ``published``, file name, text). A document
    with none is refused: no date is ever assumed.
    """
    found, where = doc.publication(published)
    date, where = (confirmed, where if confirmed == found else FROM_GIVEN) if confirmed else (found, where)
    try:
        store = store or store_for(settings)
        if date is None:
            aid = article_id(doc.text)
            if store.has_article(aid):     # stored already: no date is needed to say so
                return IngestReport(name=doc.name, article_id=aid, duplicate=True)
            raise InputError(NO_DATE)
        return _ingest(doc, store, settings, date, found_in=where)
    except VisitTimelineError as exc:
        return _failure(doc.name, exc)


def _ingest(doc: Document, store: Store, settings: Settings, published: str, title: str | None = None,
            language: str | None = None, found_in: str | None = None) -> IngestReport:
    aid = article_id(doc.text)
    if store.has_article(aid):
        return IngestReport(name=doc.name, article_id=aid, duplicate=True)
    extraction = _extract(doc.text, published, aid, settings)
    row = ArticleRow(id=aid, text=doc.text, title=title or headline(doc, extraction),
                     source=doc.name, published=published, language=language or extraction.language,
                     published_from=found_in, url=doc.url)
    result = store.add_article(row, extraction.events)
    log.info("%s: article %s, %d added, %d merged", doc.name, aid[:12], result.added, result.merged)
    return IngestReport(name=doc.name, article_id=aid, added=result.added, merged=result.merged,
                        duplicate=result.duplicate,
                        n_events=0 if result.duplicate else len(extraction.events),
                        published=published, late=_late(extraction.events, published))


def headline(doc: Document, extraction: Extraction) -> str:
    """The title an article is stored under: a page's own title (metadata), the headline the reading finds
    (a plain text's first line may be page furniture: "View settings"), else the file's name."""
    heading = extraction.title if doc.media_type == TEXT else doc.title or extraction.title
    return heading or doc.name


def _late(events: pd.DataFrame, published: str) -> int:
    """How many events happened (not planned) after the publication date: a wrong date, most likely."""
    if events.empty:
        return 0
    happened = events["status"].astype("string").fillna("happened") != "planned"
    return int(((events["date"].astype("string") > published[:10]).fillna(False) & happened).sum())


def _extract(text: str, published: str, aid: str, settings: Settings):
    from dashboard.extract import extract

    try:
        return extract(text, published=published, article=aid, settings=settings)
    except VisitTimelineError:
        raise
    except Exception as exc:   # an engine bug must not become a traceback for one bad article
        log.exception("extraction failed for article %s", aid[:12])
        raise ExtractionError(f"could not extract events ({type(exc).__name__}: {exc})") from exc


def ingest_many(inputs: Sequence[Input], settings: Settings, published: str | None = None,
                progress: Progress | None = None,
                dates: Mapping[str, str] | None = None) -> list[IngestReport]:
    """Ingest files or uploads one by one into one store; a bad one gets an error report, the others are
    still stored. ``progress`` hears of each input before it is read, and of the end. ``dates``: the
    confirmed publication date per input name (it wins over what the document says)."""
    store = store_for(settings)
    reports = []
    for i, item in enumerate(inputs):
        name = _name(item)
        if progress:
            progress(i / len(inputs), f"Reading {name} ({i + 1} of {len(inputs)})…")
        try:
            doc = _read(item, name, settings)
        except InputError as exc:
            reports.append(_failure(name, exc))
            continue
        reports.append(ingest_document(doc, settings, published, store=store,
                                       confirmed=(dates or {}).get(name)))
    if progress:
        progress(1.0, f"Done: {_count(len(inputs), 'file')}")
    return reports


def ingest_bytes(data: bytes, name: str, settings: Settings, published: str | None = None, *,
                 store: Store | None = None) -> IngestReport:
    """Ingest an upload."""
    try:
        doc = read_bytes(data, name, settings)
    except InputError as exc:
        return _failure(name, exc)
    return ingest_document(doc, settings, published, store=store)


def ingest_text(text: str, settings: Settings, name: str = "pasted text", published: str | None = None, *,
                store: Store | None = None) -> IngestReport:
    """Ingest the paste box; ``published`` (the date the reader confirmed) wins over the text's own."""
    try:
        doc = read_text(text, settings, name=name)
    except InputError as exc:
        return _failure(name, exc)
    return ingest_document(doc, settings, store=store, confirmed=published)


@dataclass(frozen=True, slots=True)
class Dated:
    """An input read but not stored yet: its publication date as found, and where it was found."""

    name: str
    published: str | None = None
    found_in: str = FROM_NOWHERE
    error: str | None = None


def detect_text_date(text: str, settings: Settings, name: str = "pasted text") -> Dated:
    """The paste box's publication date as found in the text (nothing is stored)."""
    try:
        doc = read_text(text, settings, name=name)
    except InputError as exc:
        return Dated(name, error=str(exc))
    return Dated(name, *doc.publication())


def detect_dates(inputs: Sequence[Input], settings: Settings, published: str | None = None) -> list[Dated]:
    """Read each input and find its publication date (nothing is stored): what the page shows for the
    reader to confirm or change before :func:`ingest_many`. A paste is ``("name", text bytes)``."""
    found = []
    for item in inputs:
        name = _name(item)
        try:
            doc = _read(item, name, settings)
        except InputError as exc:
            found.append(Dated(name, error=str(exc)))
            continue
        date, where = doc.publication(published)
        found.append(Dated(name, date, where))
    return found


def ensure_seed(settings: Settings, *, store: Store | None = None) -> IngestReport | None:
    """First run: load ``data/seed/*.txt`` (with each file's ``.json`` metadata) into an empty store.

    Returns None when the store already has articles (or there is no seed), else the report of the
    first seed file (the project ships one); every seed file is loaded.
    """
    store = store or store_for(settings)
    if store.stats()["articles"]:
        return None
    reports = [_ingest_seed(path, settings, store) for path in sorted(settings.seed_dir.glob("*.txt"))]
    for report in reports:
        (log.info if report.ok else log.warning)("seed: %s", report.message)
    return reports[0] if reports else None


def _ingest_seed(path: Path, settings: Settings, store: Store) -> IngestReport:
    try:
        meta = _seed_meta(path)
        doc = read_path(path, settings)
        published, where = (meta["published"], FROM_METADATA) if meta.get("published") else doc.publication()
        if published is None:
            raise InputError(NO_DATE)
        return _ingest(doc, store, settings, str(published), title=meta.get("title"),
                       language=meta.get("language"), found_in=where)
    except VisitTimelineError as exc:
        return _failure(path.name, exc)


def _seed_meta(path: Path) -> dict[str, str]:
    meta_path = path.with_suffix(".json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"seed metadata {meta_path.name} is unreadable: {exc}") from exc
    if not isinstance(meta, dict):
        raise DataFileError(f"seed metadata {meta_path.name} is not a JSON object")
    return {k: str(v) for k, v in meta.items() if v is not None}


# -- reads and deletes -----------------------------------------------------------------------------------

def timeline(settings: Settings) -> pd.DataFrame:
    """The merged timeline in order (see :meth:`dashboard.store.Store.timeline`)."""
    return store_for(settings).timeline()


def articles(settings: Settings) -> pd.DataFrame:
    """The stored articles, oldest first."""
    return store_for(settings).articles()


def article_text(settings: Settings, article_id: str) -> str:
    return store_for(settings).article_text(article_id)


def delete_article(settings: Settings, article_id: str) -> DeleteResult:
    """Remove an article; its events without another source go, the others keep their other sources.
    The article is kept aside, so :func:`restore_article` undoes this."""
    return store_for(settings).delete_article(article_id)


def restore_article(settings: Settings, article_id: str) -> RestoreResult:
    """Undo a delete: the article and its events come back, merged as before, with their corrections."""
    return store_for(settings).restore_article(article_id)


def deleted_articles(settings: Settings) -> pd.DataFrame:
    """The deleted articles that can be restored, the latest first."""
    return store_for(settings).deleted_articles()


def event_sources(settings: Settings, event_id: int) -> pd.DataFrame:
    """Each source of a timeline event: its article (title, file, URL, publication date and where that
    date was found) and the sentence it tells the event in."""
    return store_for(settings).sources(event_id)


def visits(settings: Settings, *, store: Store | None = None) -> list[Visit]:
    """The store's visits, newest first (kept in the store, regrouped after each change)."""
    return (store or store_for(settings)).visits()[0]


def timeline_with_visits(settings: Settings, *, store: Store | None = None) -> pd.DataFrame:
    """The corrected timeline with a ``visit`` column (the exports group by it): each event's visit
    id, or its first article's id for an event in no visit."""
    store = store or store_for(settings)
    return attach(store.timeline(), store.visits()[1])


def _name(item: Input) -> str:
    return item[0] if isinstance(item, tuple) else (Path(item).name or str(item))


def _read(item: Input, name: str, settings: Settings) -> Document:
    return read_bytes(item[1], name, settings) if isinstance(item, tuple) else read_path(item, settings)
