"""Reading one input and running the engine on it, each guarded so that a bug costs that input only.

Light on purpose (no pandas, no store): ``visit-timeline extract`` runs on this alone; the service
(:mod:`dashboard.service`) and the preparation of articles for the store (:mod:`dashboard.preparing`)
use the same functions, so the command line and the page refuse an input with the same words.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.errors import ExtractionError, InputError, VisitTimelineError
from dashboard.ingest import Document, read_bytes, read_path
from dashboard.settings import Settings

if TYPE_CHECKING:
    import dashboard.extract as engine

log = logging.getLogger(__name__)

Input = Path | str | tuple[str, bytes]       # a file on disk, or an upload: (file name, its bytes)
NO_DATE = "no publication date found (in the page, a dateline, the file name or the text): give one"


def name_of(item: Input) -> str:
    return item[0] if isinstance(item, tuple) else (Path(item).name or str(item))


def read_input(item: Input, settings: Settings) -> Document:
    """Read a file or an upload; whatever goes wrong inside the reader is an InputError (one line)."""
    name = name_of(item)
    if isinstance(item, tuple):
        return guarded(name, lambda: read_bytes(item[1], name, settings))
    return guarded(name, lambda: read_path(item, settings))


def guarded(name: str, read: Callable[[], Document]) -> Document:
    try:
        return read()
    except VisitTimelineError:
        raise
    except Exception as exc:   # a reader's bug (or a library's) must cost this input only
        log.info("reading %s failed", name, exc_info=True)
        raise InputError(f"could not be read ({unexpected(exc)})") from exc


def extract_input(item: Input, settings: Settings, published: str | None = None) -> engine.Extraction:
    """The events of one file or upload, nothing stored. The publication date: ``published`` when given,
    else the document's own (metadata, dateline, file name, the text's latest full date); with neither,
    InputError: events are never dated today."""
    doc = read_input(item, settings)
    date = published or doc.publication()[0]
    if date is None:
        raise InputError(NO_DATE + " with --published")
    return extract_text(doc.text, date, doc.name, settings)


def extract_text(text: str, published: str, aid: str, settings: Settings) -> engine.Extraction:
    """The engine on one text; an engine bug becomes an ExtractionError for this article only."""
    # Imported on the first extraction, not with this module: the engine (lexicons, dateparser, the place
    # index's code) is memory a page that only reads the store never needs. Called as engine.extract: one
    # name to stand in for in tests.
    import dashboard.extract as engine

    try:
        return engine.extract(text, published=published, article=aid, settings=settings)
    except VisitTimelineError:
        raise
    except Exception as exc:   # an engine bug must not become a traceback for one bad article
        log.info("extraction failed for article %s", aid[:12], exc_info=True)
        raise ExtractionError(f"could not extract events ({unexpected(exc)})") from exc


def unexpected(exc: Exception) -> str:
    """An exception nobody raised on purpose, in one line (its traceback goes to the log)."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__
