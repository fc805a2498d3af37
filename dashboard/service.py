"""The use-cases: ingest (a document -> its events -> merged into the store, reported in one line) and
the reads and deletes of the timeline. The pages and the CLI reach the store only through here.

Ingest is used by the CLI (``visit-timeline ingest``) and by the pages (upload, paste box, first run):
one loop, :func:`ingest_many`, with a progress callback. A file that cannot be read or understood
becomes a report with ``error`` set and stores nothing; the other files of the same call are still
stored. Nothing here raises for bad input.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.bounded import MAX_EVENTS_PER_ARTICLE
from dashboard.compact import compact
from dashboard.errors import InputError, VisitTimelineError
from dashboard.i18n import _, n_
from dashboard.ingest import Document, read_text
from dashboard.ingest.dates import FROM_GIVEN, FROM_NOWHERE
from dashboard.owners import attach
from dashboard.preparing import NOT_A_VISIT, content_id, ready_article, reports_visit
from dashboard.quiet import give_back
from dashboard.reading import NO_DATE, Input, guarded, read_input, unexpected
from dashboard.reading import name_of as _name
from dashboard.settings import Settings
from dashboard.store import DeleteResult, RestoreResult, Store
from dashboard.store.db import Conn
from dashboard.store.held import Snapshot
from dashboard.visits import Visit

log = logging.getLogger(__name__)

Progress = Callable[[float, str], object]    # (share done, what is happening)
NO_VISIT_IN_PAGE = f"{NOT_A_VISIT} (no visit event found in the page)"


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
    no_visit: str = ""            # why the extractor found no visit in it (dashboard.extract.gate), if so
    left_out: int = 0             # events over the per-article cap, or repeats of one event (not stored)
    stripped: int = 0             # control characters taken out of the text (NUL, bidi overrides...)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def message(self) -> str:
        """The report in the current language (:mod:`dashboard.i18n`: the page's; English elsewhere)."""
        if self.error is not None:
            how = _("refused") if self.refused else _("failed")
            return f"{self.name}: {how}: {self.error}"
        if self.duplicate:
            return f"{self.name}: " + _("already in the timeline (no change)")
        if self.n_events == 0:
            why = _("no visit reported ({reason})").format(reason=self.no_visit) if self.no_visit \
                else _("no events found")
            return f"{self.name}: " + _("stored; {why}").format(why=why)
        done = n_("{n} event added", "{n} events added", self.added).format(n=self.added) \
            if self.merged == 0 else _("{added} added, {merged} merged").format(added=self.added,
                                                                               merged=self.merged)
        if self.late:
            done += "; " + n_("{n} event dated after the publication date {published}: check the date",
                              "{n} events dated after the publication date {published}: check the date",
                              self.late).format(n=self.late, published=self.published)
        return f"{self.name}: {done}{self.notes}"

    @property
    def notes(self) -> str:
        """What bounded input changed: events left out, control characters removed ("" for nothing)."""
        notes = ""
        if self.left_out:
            notes += "; " + n_(
                "{n} more event left out (repeats of one event, or over {cap} for one article: is the text"
                " repeated?)",
                "{n} more events left out (repeats of one event, or over {cap} for one article: is the text"
                " repeated?)", self.left_out).format(n=self.left_out, cap=MAX_EVENTS_PER_ARTICLE)
        if self.stripped:
            notes += "; " + n_("{n} control character removed from the text",
                               "{n} control characters removed from the text",
                               self.stripped).format(n=self.stripped)
        return notes

    @property
    def bounded(self) -> bool:
        return bool(self.left_out or self.stripped)


def failure(name: str, exc: VisitTimelineError) -> IngestReport:
    log.info("%s: %s", name, exc)
    return IngestReport(name=name, error=str(exc) or type(exc).__name__, refused=isinstance(exc, InputError))


def store_for(settings: Settings) -> Store:
    """The store of ``settings`` (raises StoreError with a clear message if it cannot be opened)."""
    return Store(settings.db_path, merge_km=settings.merge_km)




def ingest_document(doc: Document, settings: Settings, published: str | None = None, *,
                    store: Store | None = None, confirmed: str | None = None,
                    author: str | None = None, visit_only: bool = False, held: Conn | None = None
                    ) -> IngestReport:
    """Extract ``doc``'s events and merge them into the store, in one transaction (signed ``author`` in
    the audit log; None: the account the program runs under).

    The publication date: ``confirmed`` when given (the page's confirmed date), else the document's
    own (:meth:`Document.publication`: metadata, dateline, ``published``, file name, text). A document
    with none is refused: no date is ever assumed. ``visit_only`` (a web page): a document that reports
    no visit is refused (:data:`NOT_A_VISIT`), decided on the article prepared for storing. ``held``: a
    connection to ``store`` the caller holds, for the look-up of the article.
    """
    found, where = doc.publication(published)
    date, where = (confirmed, where if confirmed == found else FROM_GIVEN) if confirmed else (found, where)
    try:
        store = store or store_for(settings)
        if date is None:
            aid = content_id(doc.text)
            if store.has_article(aid, held):     # stored already: no date is needed to say so
                return IngestReport(name=doc.name, article_id=aid, duplicate=True)
            if visit_only and not reports_visit(doc.text, None, settings):
                raise InputError(NO_VISIT_IN_PAGE)
            raise InputError(NO_DATE)
        return ingest_prepared(doc, store, settings, date, found_in=where, author=author,
                               visit_only=visit_only, held=held)
    except VisitTimelineError as exc:
        return failure(doc.name, exc)
    except Exception as exc:   # a bug must cost this document only, never the others of the call
        log.info("ingesting %s failed", doc.name, exc_info=True)
        return IngestReport(name=doc.name, error=f"could not be stored ({unexpected(exc)})", refused=False)


def ingest_prepared(doc: Document, store: Store, settings: Settings, published: str, title: str | None = None,
            language: str | None = None, found_in: str | None = None,
            author: str | None = None, visit_only: bool = False, held: Conn | None = None) -> IngestReport:
    aid = content_id(doc.text)
    if store.has_article(aid, held):
        return IngestReport(name=doc.name, article_id=aid, duplicate=True)
    ready = ready_article(doc, settings, published, found_in, title, language, aid)
    if visit_only and not ready.records:
        raise InputError(NO_VISIT_IN_PAGE)
    result = store.add_article(ready.row, ready.rows, author=author)
    log.info("%s: article %s, %d added, %d merged", doc.name, aid[:12], result.added, result.merged)
    return IngestReport(name=doc.name, article_id=aid, added=result.added, merged=result.merged,
                        duplicate=result.duplicate, n_events=0 if result.duplicate else len(ready.records),
                        published=published, late=ready.late, left_out=ready.left_out,
                        stripped=ready.stripped, no_visit=ready.no_visit)


def ingest_many(inputs: Sequence[Input], settings: Settings, published: str | None = None,
                progress: Progress | None = None,
                dates: Mapping[str, str] | None = None, *, store: Store | None = None,
                author: str | None = None) -> list[IngestReport]:
    """Ingest files or uploads one by one into one store; a bad one gets an error report, the others are
    still stored. ``progress`` hears of each input before it is read, and of the end. ``dates``: the
    confirmed publication date per input name (it wins over what the document says)."""
    store = store or store_for(settings)
    # an idle connection held (SQLite checkpoints its log when the last one closes), for the look-ups too
    with store.connect() as held:
        return _ingest_each(inputs, settings, published, progress, dates or {}, store, author, held)


def _ingest_each(inputs: Sequence[Input], settings: Settings, published: str | None,
                 progress: Progress | None, dates: Mapping[str, str], store: Store, author: str | None,
                 held: Conn) -> list[IngestReport]:
    reports = []
    for i, item in enumerate(inputs):
        name = _name(item)
        if progress:
            progress(i / len(inputs), _("Reading {name} ({i} of {n})…").format(name=name, i=i + 1,
                                                                               n=len(inputs)))
        try:
            doc = read_input(item, settings)
        except VisitTimelineError as exc:
            reports.append(failure(name, exc))
            continue
        reports.append(ingest_document(doc, settings, published, store=store,
                                       confirmed=dates.get(name), author=author, held=held))
    if progress:
        progress(1.0, n_("Done: {n} file", "Done: {n} files", len(inputs)).format(n=len(inputs)))
    return reports


def ingest_bytes(data: bytes, name: str, settings: Settings, published: str | None = None, *,
                 store: Store | None = None) -> IngestReport:
    """Ingest an upload."""
    try:
        doc = read_input((name, data), settings)
    except VisitTimelineError as exc:
        return failure(name, exc)
    return ingest_document(doc, settings, published, store=store)


def ingest_text(text: str, settings: Settings, name: str = "pasted text", published: str | None = None, *,
                store: Store | None = None, author: str | None = None) -> IngestReport:
    """Ingest the paste box; ``published`` (the date the reader confirmed) wins over the text's own."""
    try:
        doc = guarded(name, lambda: read_text(text, settings, name=name))
    except VisitTimelineError as exc:
        return failure(name, exc)
    return ingest_document(doc, settings, store=store, confirmed=published, author=author)


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
        doc = guarded(name, lambda: read_text(text, settings, name=name))
    except VisitTimelineError as exc:
        return Dated(name, error=str(exc))
    return Dated(name, *doc.publication())


def detect_dates(inputs: Sequence[Input], settings: Settings, published: str | None = None) -> list[Dated]:
    """Read each input and find its publication date (nothing is stored): what the page shows for the
    reader to confirm or change before :func:`ingest_many`. A paste is ``("name", text bytes)``."""
    found = []
    for item in inputs:
        name = _name(item)
        try:
            doc = read_input(item, settings)
        except VisitTimelineError as exc:
            found.append(Dated(name, error=str(exc)))
            continue
        date, where = doc.publication(published)
        found.append(Dated(name, date, where))
    return found


# -- reads and deletes -----------------------------------------------------------------------------------

def timeline(settings: Settings, *, store: Store | None = None) -> pd.DataFrame:
    """The merged timeline in order (see :meth:`dashboard.store.Store.timeline`)."""
    return (store or store_for(settings)).timeline()


def articles(settings: Settings, *, store: Store | None = None) -> pd.DataFrame:
    """The stored articles, oldest first (with ``n_events``, the events each one is a source of)."""
    return (store or store_for(settings)).articles()


def find_article(settings: Settings, prefix: str, *, store: Store | None = None) -> str:
    """The id of the one stored article whose id starts with ``prefix``; InputError if not exactly one."""
    ids = [str(a) for a in articles(settings, store=store)["id"] if str(a).startswith(prefix)]
    if len(ids) != 1:
        raise InputError(f"{len(ids)} articles have an id starting with {prefix!r} (want one)")
    return ids[0]


def article_text(settings: Settings, article_id: str, *, store: Store | None = None) -> str:
    return (store or store_for(settings)).article_text(article_id)


def delete_article(settings: Settings, article_id: str, *, store: Store | None = None,
                   author: str | None = None) -> DeleteResult:
    """Remove an article; its events without another source go, the others keep their other sources.
    The article is kept aside, so :func:`restore_article` undoes this."""
    return (store or store_for(settings)).delete_article(article_id, author=author)


def restore_article(settings: Settings, article_id: str, *, store: Store | None = None,
                    author: str | None = None) -> RestoreResult:
    """Undo a delete: the article and its events come back, merged as before, with their corrections."""
    return (store or store_for(settings)).restore_article(article_id, author=author)


def deleted_articles(settings: Settings, *, store: Store | None = None) -> pd.DataFrame:
    """The deleted articles that can be restored, the latest first."""
    return (store or store_for(settings)).deleted_articles()


def event_sources(settings: Settings, event_id: int, *, store: Store | None = None) -> pd.DataFrame:
    """Each source of a timeline event: its article (title, file, URL, publication date and where that
    date was found) and the sentence it tells the event in."""
    return (store or store_for(settings)).sources(event_id)


def stats(settings: Settings, *, store: Store | None = None) -> dict[str, int]:
    """Counts: articles, events, links, events with several sources, schema version."""
    return (store or store_for(settings)).stats()


def edit_log(settings: Settings, event_id: int | None = None, *, store: Store | None = None,
             author: str | None = None, since: str | None = None, until: str | None = None,
             every_write: bool = False) -> pd.DataFrame:
    """The edit log (of one event, or all): who, when, the values before and after; of one ``author``
    and in a period. ``every_write``: the whole audit (ingests, deletes, restores, re-extractions too)."""
    store = store or store_for(settings)
    if every_write:
        return store.history(author, since, until)
    return store.edit_log(event_id, author=author, since=since, until=until)


# What this process holds of each store (the two latest): the raw timeline and the visits as last read,
# which the next read after a write patches with what changed instead of reading again
# (:mod:`dashboard.store.held`); and the corrected timeline of :func:`settle`'s read, handed to the next
# :func:`timeline_with_visits` at the same write (its latest write's id).
_held: dict[str, Snapshot] = {}
_handed: dict[str, tuple[int, pd.DataFrame]] = {}
HELD_STORES = 2


def forget_held() -> None:
    """Drop what this process holds of every store: the next read is a whole one."""
    _held.clear()
    _handed.clear()


def _snapshot(store: Store, timeline: bool = True, coded: bool = False
              ) -> tuple[pd.DataFrame | None, Snapshot]:
    frame, now = store.snapshot(_held.pop(store.where, None), timeline, coded)
    _held[store.where] = now
    while len(_held) > HELD_STORES:
        _held.pop(next(iter(_held)))
    return frame, now


def settle(settings: Settings, *, store: Store | None = None) -> None:
    """Bring the store's kept visits up to date after a write (regrouping around what changed); the
    timeline read for it is kept for the next :func:`timeline_with_visits` of the same store. A store
    this process holds nothing of yet is read here too (its visits kept or not), so that the page's first
    read is the coded one."""
    store = store or store_for(settings)
    if store.where in _held and store.visits_valid():
        return
    written = store.last_write()        # before the read: a write after it makes the read not handed on
    frame, _ = _snapshot(store, coded=True)     # its repetitive text as categoricals from the held pack
    if frame is not None:
        _handed[store.where] = (written, compact(frame))     # the rest too, as the page has them (its hook)
        del frame
        give_back()     # the upkeep's freed memory: the page's read's large arrays are mapped, not reusing it


def visits(settings: Settings, *, store: Store | None = None) -> list[Visit]:
    """The store's visits, newest first (kept in the store, regrouped after each change)."""
    return _snapshot(store or store_for(settings), timeline=False)[1].visits


def timeline_with_visits(settings: Settings, *, store: Store | None = None) -> pd.DataFrame:
    """The corrected timeline with a ``visit`` column (the exports group by it): each event's visit
    id, or its first article's id for an event in no visit; and ``visit_title``, the visit's title
    (missing for an event in no visit), which the exports carry."""
    store = store or store_for(settings)
    handed = _handed.pop(store.where, None)
    timeline, now = _snapshot(store, timeline=handed is None or handed[0] != store.last_write())
    if timeline is None and handed is not None:
        timeline = handed[1]
    found, of = now.visits, now.of
    titles = {v.id: v.title for v in found}
    return attach(pd.DataFrame() if timeline is None else timeline, of, copy=False,   # a frame of its own
                  titles=titles)


def upload_limits(settings: Settings) -> dict[str, int]:
    """The sizes the readers enforce, for the uploader to show: a text or HTML file, a .docx or .pdf
    file, and the text read from any of them (bytes)."""
    from dashboard.ingest.readers import raw_limit

    return {"text_file": raw_limit("a.txt", settings), "office_file": raw_limit("a.pdf", settings),
            "text": settings.max_text_bytes}
