"""The story's reference time: which day an undated or relatively dated sentence is on.

A news story is told from a day (its *story day*): the publication day for a news item, but the lead's
own date when the page is a later round-up or repost ("On 5 April the President arrived ..." published
two weeks later). Along the story a *running day* advances: a date set at a sentence's start, or in a
sentence that tells an event, dates the sentences after it, and "the next day", "the day before" are
read against it. The *visit's first day* (the first day the story dates) counts "the second day of the
visit". Weekdays are the most recent such day on or before the story day.

What happened is what lies between a week before the story day and the day after publication
(time zones, late editions); later is planned, earlier is background.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from dashboard.errors import DataFileError
from dashboard.extract.needing import Needing, needing
from dashboard.extract.segments import Sentence
from dashboard.text.language import load_lexicons

if TYPE_CHECKING:
    from dashboard.extract.dates import DateHit

RECENT = dt.timedelta(days=7)      # a happened event is dated at most this long before the story day
SLACK = dt.timedelta(days=1)       # ... and at most this long after publication
ROUNDUP = dt.timedelta(days=60)    # a lead dated this long before publication still dates the story


@dataclass(frozen=True, slots=True)
class VisitDays:
    """"The second day of the visit": patterns with an ``nth`` group, read through ``ordinals``."""

    patterns: tuple[Needing, ...]     # each searched only in a sentence holding what it needs
    ordinals: dict[str, int]

    def find(self, key: str, start: int = 0) -> Iterator[tuple[int, int, int]]:
        """(start, end, days after the visit's first day) of each mention in a folded sentence."""
        for pattern in self.patterns:
            if not pattern.may_match(key):
                continue
            for m in pattern.pattern.finditer(key, start):
                nth = self.ordinals.get(m.group("nth"))
                if nth:
                    yield m.start(), m.end(), nth - 1


@lru_cache(maxsize=16)
def visit_days(lexicon_dir: Path, language: str) -> VisitDays:
    """The lexicon's ``visit_days`` patterns (``{nth}`` stands for an ordinal) and ``ordinals``."""
    lex = load_lexicons(Path(lexicon_dir)).get(language, {})
    ordinals = {str(k): int(v) for k, v in lex.get("ordinals", {}).items()}
    nth = "(?P<nth>" + "|".join(sorted(map(re.escape, ordinals), key=len, reverse=True)) + ")"
    try:
        patterns = tuple(needing(p.replace("{nth}", nth)) for p in lex.get("visit_days", []))
    except re.error as exc:
        raise DataFileError(f"lexicon {language!r}: visit_days is malformed: {exc}") from exc
    return VisitDays(patterns, ordinals)


class StoryClock:
    """The story day, the running day and the visit's first day of one article, as it is read."""

    def __init__(self, published: dt.date):
        self.published = published
        self.today = published     # the day the text is written from: its dateline's, else publication
        self.story = published
        self.running: dt.date | None = None
        self.precision = "unknown"
        self.first_day: dt.date | None = None

    def open(self, header: Sequence[DateHit]) -> None:
        """A dateline above the text ("May 27, 2024, Tashkent", "TOSHKENT, 14 okt") is the day it is
        written from: "today" and "yesterday" are read from it. The last full date of the header that
        lies in the week before publication (a timestamp of the publication day changes nothing)."""
        days = [h.date for h in header if h.anchor == "absolute" and h.precision == "day"
                and self.published - RECENT <= h.date <= self.published]
        if days:
            self.today = self.story = days[-1]

    def anchor(self, dated_leads: Iterable[dt.date]) -> None:
        """The story day: the first date of the story's lead when it lies weeks before publication
        (a round-up, a repost); else publication."""
        first = next(iter(dated_leads), None)
        if first is not None and self.published - ROUNDUP <= first < self.published - RECENT:
            self.story = first

    def move(self, day: dt.date, precision: str) -> None:
        """The story advances to ``day`` (it dates the sentences after it)."""
        self.running, self.precision = day, precision
        if precision == "day" and (self.first_day is None or day < self.first_day) \
                and self.in_story(day, precision) == "happened":
            self.first_day = day

    def day(self) -> tuple[dt.date, str]:
        """The date of a sentence that gives none: the running day, else the story day (a news item
        tells the day it is published: 47 of 48 such events of the development pages)."""
        if self.running is None:
            return self.story, "day"
        return self.running, self.precision

    def in_story(self, day: dt.date, precision: str) -> str:
        """happened, planned (after publication) or background (well before the story day)."""
        first = day if precision == "day" else day.replace(day=1)
        last = day if precision == "day" else _month_end(day)
        if first > self.published + SLACK:
            return "planned"
        if last < self.story - RECENT:
            return "background"
        return "happened"


def header_text(text: str, sentences: Sequence[Sentence], chars: int = 300) -> str:
    """The text above the first prose sentence, titles blanked out (a title's date is its story's, not
    a dateline): where a dateline stands, or stood before the segmenter cut it off its paragraph."""
    end = next((s.start for s in sentences if s.role in ("lead", "body")), 0)
    head = text[:end]
    for s in sentences:
        if s.role == "title" and s.end <= end:
            head = head[:s.start] + " " * (s.end - s.start) + head[s.end:]
    return head[-chars:]


def first_lead_date(sentences: Iterable[Sentence],
                    dates: Callable[[str], list[DateHit]]) -> Iterator[dt.date]:
    """The first absolute day-precise date in the story's prose (lead, else body), if any."""
    for s in sentences:
        if s.role not in ("lead", "body"):
            continue
        hits = [h for h in dates(s.key) if h.anchor == "absolute" and h.precision == "day"]
        if hits:
            yield hits[0].date
            return


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])




class _Place(Protocol):
    @property
    def country(self) -> str: ...
    @property
    def city(self) -> str | None: ...


class _Mention(Protocol):
    @property
    def place(self) -> _Place: ...


class Dated(Protocol):
    """What :func:`bounded_by_return` reads and sets of an event draft."""

    kind: str
    date: dt.date | None
    precision: str

    @property
    def mention(self) -> _Mention | None: ...


def _where(d: Dated) -> tuple[str, str | None] | None:
    return (d.mention.place.country, d.mention.place.city) if d.mention is not None else None


def bounded_by_return(drafts: Sequence[Dated]) -> None:
    """A trip's events come before the traveller's return: an event told before a dated arrival, in
    another country (or placed nowhere after such an event), and dated after that arrival took the
    story's day by default ("returned to Ashgabat on September 17" in a paper of the 18th, the summit in
    Astana told undated above it); it is on the arrival's day at the latest. The same arrival told
    earlier (the lead's "returned to Ashgabat") is the same day."""
    for i, end in enumerate(drafts):
        home = _where(end)
        if end.kind != "arrival" or end.date is None or end.precision != "day" or home is None:
            continue
        abroad = False
        for d in drafts[:i]:
            place = _where(d)
            abroad = abroad or (place is not None and place[0] != home[0])
            retold = d.kind == "arrival" and place == home
            if d.date is not None and d.date > end.date and d.kind != "departure" \
                    and (retold or (abroad and (place is None or place[0] != home[0]))):
                d.date = end.date
