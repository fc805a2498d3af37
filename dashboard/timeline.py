"""The one door to the use-cases: ``Timeline(settings)``, like sqlite-utils' ``Database``.

    tl = Timeline(Settings.from_env(db_path=Path("t.sqlite3")))
    tl.ingest(["article.html", ("upload.docx", data)])       # one report per input, never a traceback
    tl.timeline(); tl.visits(); tl.articles()
    tl.edit(event_id, {"kind": "talks"}, author="me"); tl.undo(edit_id)
    tl.export("ics", visit="...")

The CLI and the benchmarks use nothing else to reach the store. Every method delegates to
:mod:`dashboard.service` (ingest, reads, deletes) or :mod:`dashboard.editing` (corrections,
re-extraction); the store is opened once, on first use, through ``service.store_for``. Methods that
change nothing stored (:meth:`extract`, :meth:`dates`, :meth:`info`) never open it.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard import auth, demo, editing, export, feeds, reading, service
from dashboard.errors import InputError
from dashboard.settings import Settings
from dashboard.visits import Visit

if TYPE_CHECKING:
    from dashboard.extract import Extraction  # the engine is imported where it extracts (reading.py)


@dataclass(frozen=True, slots=True)
class Info:
    """What ``visit-timeline info`` prints: the version, the store's file and size, the data folder."""

    version: str
    db_path: str                  # a file, or a database server's URL
    db_bytes: int | None          # None: no store file there yet (or a server: not measured here)
    data_dir: Path

    def lines(self) -> list[str]:
        size = "not created yet" if self.db_bytes is None else f"{self.db_bytes:_} bytes".replace("_", " ")
        return [f"version    {self.version}", f"store      {self.db_path} ({size})",
                f"data       {self.data_dir}"]


@dataclass(frozen=True, slots=True)
class Exported:
    data: bytes
    name: str          # a file name saying what it holds
    events: int


class Timeline:
    """The timeline of one store, with the settings it was made with."""

    def __init__(self, settings: Settings | None = None, author: str | None = None) -> None:
        self.settings = settings if settings is not None else Settings.from_env()
        self.author = author      # who writes (the signed-in name), for the audit log; None: the account

    @cached_property
    def _store(self) -> service.Store:
        return service.store_for(self.settings)

    # -- nothing stored ----------------------------------------------------------------------------------

    def info(self) -> Info:
        """The version, the store's file and its size (with its WAL), the data folder; opens nothing."""
        try:
            version = metadata.version("visit-timeline")
        except metadata.PackageNotFoundError:
            version = "unknown (not installed)"
        path = self.settings.db_file
        size = None
        if path is not None and path.is_file():
            size = sum(f.stat().st_size for f in (path, path.with_name(path.name + "-wal")) if f.is_file())
        return Info(version, str(path or self.settings.db_path), size, self.settings.data_dir)

    def extract(self, item: service.Input, published: str | None = None) -> Extraction:
        """The events of one file or upload, with the gate's verdict (see
        :func:`dashboard.reading.extract_input`)."""
        return reading.extract_input(item, self.settings, published)

    def text_date(self, text: str, name: str = "pasted text") -> service.Dated:
        """A pasted text's publication date as found in it; nothing is stored."""
        return service.detect_text_date(text, self.settings, name)

    def upload_limits(self) -> dict[str, int]:
        """The sizes the readers enforce (a text or HTML file, a .docx or .pdf, the text read)."""
        return service.upload_limits(self.settings)

    def dates(self, inputs: Sequence[service.Input], published: str | None = None) -> list[service.Dated]:
        """Each input's publication date as found, and where; nothing is stored."""
        return service.detect_dates(inputs, self.settings, published)

    # -- ingest ------------------------------------------------------------------------------------------

    def ingest(self, inputs: Sequence[service.Input], published: str | None = None,
               progress: service.Progress | None = None,
               dates: Mapping[str, str] | None = None) -> list[service.IngestReport]:
        """Files or uploads, one report each; a bad one costs only itself."""
        return service.ingest_many(inputs, self.settings, published, progress, dates, store=self._store,
                                   author=self.author)

    def ingest_text(self, text: str, name: str = "pasted text",
                    published: str | None = None) -> service.IngestReport:
        return service.ingest_text(text, self.settings, name, published, store=self._store,
                                   author=self.author)

    def ingest_url(self, url: str, published: str | None = None) -> service.IngestReport:
        """A web page (``http(s)://``) fetched and stored with its URL when it reports a visit; fetch,
        HTML and relevance failures are the report's one line (see :func:`dashboard.feeds.ingest_url`).
        ``published``: for a page that states no date of its own."""
        return feeds.ingest_url(url, self.settings, published, store=self._store, author=self.author)

    def seed(self) -> service.IngestReport | None:
        """First run: the bundled seed articles into an empty store."""
        return demo.ensure_seed(self.settings, store=self._store)

    # -- reads -------------------------------------------------------------------------------------------

    @staticmethod
    def forget_held() -> None:
        """The next read is a whole one, not a patch of what this process holds (the page's Reload)."""
        service.forget_held()

    def timeline(self) -> pd.DataFrame:
        return service.timeline(self.settings, store=self._store)

    def timeline_with_visits(self) -> pd.DataFrame:
        return service.timeline_with_visits(self.settings, store=self._store)

    def visits(self) -> list[Visit]:
        return service.visits(self.settings, store=self._store)

    def articles(self) -> pd.DataFrame:
        return service.articles(self.settings, store=self._store)

    def deleted_articles(self) -> pd.DataFrame:
        """The deleted articles that can be restored, the latest first."""
        return service.deleted_articles(self.settings, store=self._store)

    def find_article(self, prefix: str) -> str:
        return service.find_article(self.settings, prefix, store=self._store)

    def article_text(self, article_id: str) -> str:
        return service.article_text(self.settings, article_id, store=self._store)

    def sources(self, event_id: int) -> pd.DataFrame:
        return service.event_sources(self.settings, event_id, store=self._store)

    def stats(self) -> dict[str, int]:
        """Counts: articles, events, links, events with several sources, schema version."""
        return service.stats(self.settings, store=self._store)

    def edits(self, event_id: int | None = None, *, author: str | None = None, since: str | None = None,
              until: str | None = None, every_write: bool = False) -> pd.DataFrame:
        return service.edit_log(self.settings, event_id, store=self._store, author=author, since=since,
                                until=until, every_write=every_write)

    # -- changes -----------------------------------------------------------------------------------------

    def place(self, name: str | None = None, lat: float | None = None,
              lon: float | None = None) -> dict[str, object]:
        """The place fields of a place named in any script the gazetteer reads, or of a lat/lon."""
        return editing.place_fields(self.settings, name, lat, lon)

    def edit(self, event_id: int, changes: Mapping[str, object], author: str = "") -> int:
        """Correct an event (kind, date, time, title, participants, status, :meth:`place` fields)."""
        return editing.edit_event(self._store, event_id, changes, author)

    def delete(self, event_id: int, author: str = "") -> int:
        return editing.delete_event(self._store, event_id, author)

    def add_event(self, article_id: str, fields: Mapping[str, object], author: str = "") -> int:
        """A hand-made event of ``article_id``; its id."""
        return editing.add_event(self._store, article_id, fields, author)

    def split(self, event_id: int, changes: Mapping[str, object] | None = None, author: str = "") -> int:
        """A copy of the event right after it (with ``changes``); the copy's id."""
        return editing.split_event(self._store, event_id, changes or {}, author)

    def merge(self, keep_id: int, other_id: int, author: str = "") -> int:
        """``other_id`` folded into ``keep_id``; the edit's id."""
        return editing.merge_events(self._store, keep_id, other_id, author)

    def undo(self, edit_id: int, author: str = "") -> None:
        editing.undo(self._store, edit_id, author)

    def delete_article(self, article_id: str) -> service.DeleteResult:
        return service.delete_article(self.settings, article_id, store=self._store, author=self.author)

    def restore_article(self, article_id: str) -> service.RestoreResult:
        return service.restore_article(self.settings, article_id, store=self._store, author=self.author)

    def reextract(self, progress: editing.Progress | None = None) -> editing.ReextractReport:
        return editing.reextract(self._store, self.settings, progress, self.author)

    def set_published(self, article_id: str, published: str) -> editing.ReplaceResult:
        """Read ``article_id`` again with a corrected publication date; corrections stay."""
        return editing.set_published(self._store, self.settings, article_id, published, self.author)

    def reextract_article(self, article_id: str, published: str | None = None) -> editing.ReplaceResult:
        return editing.reextract_article(self._store, self.settings, article_id, published, self.author)

    # -- sign-in -----------------------------------------------------------------------------------------

    @property
    def sign_in_required(self) -> bool:
        """Whether people sign in (an auth file is set); without one, everyone may do everything."""
        return bool(self.settings.auth_file)

    def sign_in(self, name: str, password: str) -> auth.Session | None:
        """A session lasting ``session_hours`` if the auth file knows ``name`` with this password (under the
        wrong-password limit: ``auth_guard.SignInLocked`` while ``name`` is refused)."""
        return auth.password_session(self.settings, name, password)

    # -- out ---------------------------------------------------------------------------------------------

    def export(self, fmt: str, visit: str | None = None) -> Exported:
        """The timeline (or one visit, or one article's events) in ``fmt`` (see dashboard.export.FORMATS)."""
        frame = self.timeline_with_visits()
        if visit:
            frame = export.select_group(frame, visit)
            if frame.empty:
                raise InputError(f"no visit or article {visit!r} on the timeline")
        data, name = export.export(frame, fmt, self.articles())
        return Exported(data, name, len(frame))
