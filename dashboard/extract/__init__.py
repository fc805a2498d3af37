"""Extraction: normalised text to segments to dated, placed, typed events."""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.errors import InputError
from dashboard.extract.confidence import confidence
from dashboard.extract.cues import Cues, load_cues
from dashboard.extract.drafts import Draft
from dashboard.extract.events import Assembler
from dashboard.extract.gate import judge, relevance
from dashboard.extract.people import SentenceReads, participants, principals_of
from dashboard.extract.reftime import header_text, visit_days
from dashboard.extract.segments import Sentence, segment
from dashboard.places import load_gazetteer
from dashboard.schema import Event, to_frame
from dashboard.schema import records as frame_records
from dashboard.settings import DEFAULT, Settings
from dashboard.text import NormText, prepare

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)


class Extraction:
    """One article's events, with the language it was read in. The events are records (:class:`Event`);
    ``events``, their frame, is built on first use: a caller that only prints them never imports pandas."""

    __slots__ = ("_frame", "_records", "language", "reason", "status", "title")

    def __init__(self, events: pd.DataFrame | None = None, language: str = "und", title: str = "",
                 status: str = "visit", reason: str = "", *, records: tuple[Event, ...] | None = None):
        self._frame = events
        self._records = records if records is not None or events is not None else ()
        self.language = language   # e.g. "uz-Latn", "uz-Cyrl", "uz-Latn-2026", "ru-Cyrl"
        self.title = title
        self.status = status       # "visit"; "no-visit": no visit told; "empty": no event found (gate.py)
        self.reason = reason       # why not, e.g. "a telephone or video contact"

    @property
    def records(self) -> tuple[Event, ...]:
        """The events in timeline order (made from the frame when this was made from one)."""
        if self._records is None:
            self._records = tuple(Event(**row) for row in frame_records(self.events))  # type: ignore[arg-type]
        return self._records

    @property
    def events(self) -> pd.DataFrame:
        """The events as a frame (see :data:`dashboard.schema.COLUMNS`), built once, on first use."""
        if self._frame is None:
            self._frame = to_frame(list(self._records or ()))
        return self._frame

    def __repr__(self) -> str:
        return (f"Extraction({len(self.records)} events, language={self.language!r}, title={self.title!r}, "
                f"status={self.status!r}, reason={self.reason!r})")


def _published(value: str | dt.date | None) -> dt.date:
    if value is None:   # never today: a wrong date would look like a right one
        raise InputError("no publication date given (events are dated relative to it)")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"publication date is not YYYY-MM-DD: {value!r}") from None


def extract(text: str, published: str | dt.date | None = None, article: str = "",
            settings: Settings = DEFAULT) -> Extraction:
    """Events of one article in timeline order, with the language it was read in."""
    day = _published(published)
    prepared = prepare(text, settings.lexicon_dir)
    cues = load_cues(settings.lexicon_dir, prepared.language)
    sentences = segment(prepared.norm, cues.page, cues.clause_split)
    title = next((s for s in sentences if s.role == "title"), None)
    memo = SentenceReads()      # the people read in a sentence, for the principals and then its event
    principals = principals_of(sentences, cues, day, memo=memo)
    days = visit_days(settings.lexicon_dir, prepared.language)
    drafts = Assembler(cues, load_gazetteer(settings.places_dir), day, principals, days).run(
        sentences, header_text(prepared.norm.text, sentences))
    gate = relevance(settings.lexicon_dir, prepared.language)
    verdict = judge(drafts, sentences, principals, gate, cues.irrealis)
    if not verdict.visit:
        log.info("%s: no visit (%s): %d drafts left out", article or "text", verdict.reason, len(drafts))
        drafts = []
    events = [_event(d, i, article, prepared.norm, cues, principals, settings.data_dir, memo)
              for i, d in enumerate(drafts, start=1)]
    log.info("%s: %d events (%s)", article or "text", len(events), prepared.tag)
    return Extraction(None, prepared.tag, _original(prepared.norm, title), verdict.status, verdict.reason,
                      records=tuple(events))


def _original(norm: NormText, title: Sentence | None) -> str:
    """The headline as the page writes it (the title's own span, not the first text that reads alike)."""
    if title is None:
        return ""
    start, end = norm.to_original(title.start, title.end)
    return _spaced(norm.original[start:end])


def _spaced(text: str) -> str:
    """Each run of white space one space, none at the ends (as ``re.sub(r"\\s+", " ", text).strip()``: the
    same characters are white space to both)."""
    return " ".join(text.split())


def _event(d: Draft, seq: int, article: str, norm: NormText, cues: Cues, principals: list[str],
           data_dir: Path, memo: SentenceReads | None = None) -> Event:
    first, last = d.sentences[0], d.sentences[-1]
    start, end = norm.to_original(first.start, last.end)
    evidence = _spaced(norm.original[start:end])
    place = d.mention.place if d.mention else None
    label = cues.labels.get(d.kind, d.kind.title())
    return Event(
        article=article, seq=seq, kind=d.kind,
        title=f"{label} · {place.name}" if place else label,
        date=d.date.isoformat() if d.date else None, time=d.time, date_precision=d.precision,
        place=place.name if place else None,
        place_surface=None if (d.mention is None or d.inherited) else d.mention.surface,
        place_kind=place.kind if place else None,
        place_precision=("inferred" if d.inherited else place.precision) if place else None,
        place_id=place.id if place else None, city=place.city if place else None,
        region=place.region if place else None, lat=place.lat if place else None,
        lon=place.lon if place else None, country=place.country if place else None,
        participants="; ".join(participants(d.sentences + d.extra, cues, principals, d.date, memo)),
        evidence=evidence,
        evidence_start=start, evidence_end=end, confidence=_confidence(d, data_dir), status=d.status,
    )


def _confidence(d: Draft, data_dir: Path) -> float:
    """How often events like this one were right on the development set (data/confidence.json)."""
    return confidence(d, data_dir)
