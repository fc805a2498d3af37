"""An article read and extracted, ready to store: the one way an article is prepared, for ``ingest``
(:mod:`dashboard.service`) and for batches (:mod:`dashboard.archive`), so both store the same thing."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.bounded import bounded_records, without_controls
from dashboard.ingest import Document
from dashboard.ingest.readers import TEXT
from dashboard.merge import article_id
from dashboard.reading import extract_text
from dashboard.schema import Event, event_rows, to_frame
from dashboard.settings import Settings
from dashboard.store import ArticleRow

if TYPE_CHECKING:
    import pandas as pd

    import dashboard.extract as engine  # imported where it extracts: a page's reads never need it


@dataclass(frozen=True, slots=True)
class Ready:
    """An article's row, its (bounded) events and what the extractor said of it. The events stay records
    (what the store takes): a frame built only to be taken apart again cost more than the extraction."""

    row: ArticleRow
    records: tuple[Event, ...]
    extraction: engine.Extraction
    published: str
    left_out: int = 0      # events over the per-article cap, or repeats of one event (not stored)
    stripped: int = 0      # control characters taken out of the text

    @property
    def no_visit(self) -> str:
        """Why the relevance gate found no visit in the article ("" when it did)."""
        return self.extraction.reason if self.extraction.status == "no-visit" else ""

    @property
    def late(self) -> int:
        return late_records(self.records, self.published)

    @property
    def rows(self) -> list[dict[str, object]]:
        """The events as the store's plain rows (:func:`dashboard.schema.event_rows`)."""
        return event_rows(self.records)

    @property
    def events(self) -> pd.DataFrame:
        """The events as a frame (built on each call: for callers that want one)."""
        return to_frame(list(self.records))


NOT_A_VISIT = "not a visit report"


def reports_visit(text: str, published: str | None, settings: Settings) -> bool:
    """Whether a text reports a visit, for a page with no publication date (nothing is stored then): the
    extractor's relevance gate (:mod:`dashboard.extract.gate`) leaves no event in a text that reports
    none. A page that is stored decides on its prepared article instead (one extraction per page)."""
    import dashboard.extract as engine

    return bool(engine.extract(text, published=published, settings=settings).records)


def content_id(text: str) -> str:
    """The id an article is stored under: the hash of its text without control characters."""
    return article_id(without_controls(text)[0])


def ready_article(doc: Document, settings: Settings, published: str, found_in: str | None = None,
                  title: str | None = None, language: str | None = None, aid: str | None = None) -> Ready:
    """What storing ``doc`` stores: control characters out, events extracted and bounded, the headline.
    ``aid``: its :func:`content_id`, when the caller has it (the hash normalises the whole text)."""
    text, stripped = without_controls(doc.text)
    aid = aid or article_id(text)
    extraction = extract_text(text, published, aid, settings)
    events, left_out = bounded_records(extraction.records)
    row = ArticleRow(id=aid, text=text, title=title or headline(doc, extraction),
                     source=doc.name, published=published, language=language or extraction.language,
                     published_from=found_in, url=doc.url)
    return Ready(row, tuple(events), extraction, published, left_out, stripped)


def headline(doc: Document, extraction: engine.Extraction) -> str:
    """The title an article is stored under: a page's own title (metadata), the headline the reading finds
    (a plain text's first line may be page furniture: "View settings"), else the file's name."""
    heading = extraction.title if doc.media_type == TEXT else doc.title or extraction.title
    return heading or doc.name


def late_records(events: Sequence[Event], published: str) -> int:
    """How many events happened (not planned) after the publication date: a wrong date, most likely."""
    day = published[:10]
    return sum(1 for e in events if e.status != "planned" and e.date is not None and e.date > day)
