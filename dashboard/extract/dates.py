"""Dates and clock times: spans found with the lexicon's patterns, each normalised by dateparser.

dateparser is never asked to search a whole text or to detect the language:
every span is rewritten to a short canonical form ("5 aprel 2024", "ertaga")
and parsed with the lexicon's language and ``RELATIVE_BASE`` set to the
publication date, or to the story's running date for "the next day".

Two shortcuts keep dateparser off the per-article path without changing a result:
a day, month name and year that make a valid calendar date are that date (the
month's number is read from the month table of ``data/ingest/datelines.json``, which a test checks
against dateparser for every month name of the lexicons); a relative phrase whose
reading moves with the base day by a fixed number of days (checked on three
reference weeks: a leap February, a month end, a year end) is that shift; the shifts of the lexicons'
phrases are written down once (``data/dates/relative_shifts.json``, made by :func:`write_shifts` and
checked against dateparser in a test), so that a cold command does not build dateparser's patterns.
Anything else (an invalid day, an odd year, a month- or year-sized phrase)
goes to dateparser as before.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from dashboard.extract.cues import Cues
from dashboard.extract.reftime import StoryClock, VisitDays
from dashboard.extract.starts import matches_at, positions
from dashboard.ingest.dates import month_number
from dashboard.settings import DEFAULT

log = logging.getLogger(__name__)
HALF_YEAR = dt.timedelta(days=183)
APPOSITION = re.compile(r"[\s,–—-]{0,3}")   # between "bugun" and "22-iyun": the same day said twice
CALENDAR_YEARS = range(1900, 2200)     # years the calendar shortcut answers; others go to dateparser
# Mondays of the weeks a relative phrase is tried on: a leap February, a 31-day month's end, a year's end
REFERENCE_WEEKS = (dt.date(2004, 2, 23), dt.date(2001, 3, 26), dt.date(2004, 12, 27))
SHIFTS_FILE = Path("dates") / "relative_shifts.json"     # under the data folder
NUMERIC_FILE = Path("dates") / "numeric_dates.json"


@dataclass(frozen=True, slots=True)
class DateHit:
    start: int             # offsets into the folded sentence
    end: int
    date: dt.date
    precision: str         # day | month | year
    anchor: str            # absolute | published | running | visit
    sticky: bool = True    # moves the story's running date


@lru_cache(maxsize=4096)
def _parse(span: str, language: str, base: dt.date, prefer: str = "current_period") -> dt.date | None:
    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day, 12),
                "PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first"}
    # imported here, not at the top: a third of a cold command's time, and an article whose dates all
    # take the shortcuts never needs it
    import dateparser

    try:
        found = dateparser.parse(span, languages=[language], settings=settings)
    except (ValueError, OverflowError) as exc:   # dateparser raises these on odd numbers
        log.debug("dateparser refused %r: %s", span, exc)
        return None
    return found.date() if found else None


@lru_cache(maxsize=256)
def _month_number(month: str, language: str) -> int | None:
    """The calendar month of the lexicon's month name, from the data (not a first dateparser.parse, which
    builds its time-zone patterns: a fifth of a second). ``language`` is kept for the callers' cache key."""
    return month_number(month)


def _plain_year(year: str) -> int:
    """A year written in ASCII digits, else 0 (outside the shortcut: dateparser decides)."""
    return int(year) if year.isascii() and year.isdigit() else 0


def day_month(day: int, month: str, year: str | None, language: str, base: dt.date) -> dt.date | None:
    """What dateparser reads "``day`` ``month`` [``year``]" as; no year: ``base``'s year."""
    number = _month_number(month, language)
    y = _plain_year(year) if year else base.year
    if number and y in CALENDAR_YEARS and 1 <= day <= calendar.monthrange(y, number)[1]:
        return dt.date(y, number, day)
    return _parse(f"{day} {month}" + (f" {year}" if year else ""), language, base)


@lru_cache(maxsize=1)
def _day_first() -> frozenset[str]:
    """The languages whose valid "dd.mm.yyyy" dateparser reads day first (data/dates/numeric_dates.json)."""
    try:
        table = json.loads((DEFAULT.data_dir / NUMERIC_FILE).read_text(encoding="utf-8"))
        return frozenset(table["day_first"])
    except (OSError, ValueError, KeyError, TypeError) as exc:     # a missing table costs time, not a result
        log.debug("no table of numeric date orders: %s", exc)
        return frozenset()


def numeric(day: str, mon: str, year: str | None, language: str, base: dt.date) -> dt.date | None:
    """What dateparser reads "``day``.``mon``.``year``" as."""
    y = _plain_year(year) if year else 0
    if language in _day_first() and y in CALENDAR_YEARS and (day + mon).isascii() and (day + mon).isdigit():
        try:
            return dt.date(y, int(mon), int(day))
        except ValueError:
            pass
    return _parse(f"{day}.{mon}.{year}", language, base)


def month_year(month: str, year: str, language: str, base: dt.date) -> dt.date | None:
    """What dateparser reads "``month`` ``year``" as (the first of the month)."""
    number = _month_number(month, language)
    y = _plain_year(year)
    if number and y in CALENDAR_YEARS:
        return dt.date(y, number, 1)
    return _parse(f"{month} {year}", language, base)


@lru_cache(maxsize=1)
def _known_shifts() -> dict[str, list[int | None]]:
    """``language|prefer|say`` -> the shift :func:`_shift` finds on each weekday, as written down."""
    try:
        return json.loads((DEFAULT.data_dir / SHIFTS_FILE).read_text(encoding="utf-8"))["shifts"]
    except (OSError, ValueError, KeyError) as exc:     # a missing table costs time, not a result
        log.debug("no table of relative shifts: %s", exc)
        return {}


def _shift(say: str, language: str, weekday: int, prefer: str) -> int | None:
    """Days from the base to what dateparser reads ``say`` as, if the same on every reference week."""
    known = _known_shifts().get(f"{language}|{prefer}|{say}")
    return known[weekday] if known else _dateparser_shift(say, language, weekday, prefer)


@lru_cache(maxsize=1024)
def _dateparser_shift(say: str, language: str, weekday: int, prefer: str) -> int | None:
    shifts = set()
    for monday in REFERENCE_WEEKS:
        base = monday + dt.timedelta(days=weekday)
        found = _parse(say, language, base, prefer)
        if found is None:
            return None
        shifts.add((found - base).days)
    return shifts.pop() if len(shifts) == 1 else None


def relative(say: str, language: str, base: dt.date, prefer: str) -> dt.date | None:
    """What dateparser reads a relative phrase ("ertaga", "friday") as, seen from ``base``."""
    days = _shift(say, language, base.weekday(), prefer)
    if days is None:
        return _parse(say, language, base, prefer)
    return base + dt.timedelta(days=days)


def lexicon_says(relative: dict[str, Any]) -> list[str]:
    """The phrases a lexicon's relative date asks dateparser, with every weekday (etc.) it can name."""
    group = re.search(r"\(\?P<(\w+)>([^()]*)\)", relative["pattern"])
    if "{" not in relative["say"] or group is None:
        return [relative["say"]]
    name, alternatives = group.groups()
    return [relative["say"].format(**{name: word}) for word in alternatives.split("|")]


def dateparser_shifts(lexicons: dict[str, dict[str, Any]]) -> dict[str, list[int | None]]:
    """What :func:`_shift` gets from dateparser for every phrase of ``lexicons``, on each weekday."""
    table = {}
    for lex in lexicons.values():
        language = lex.get("dateparser", lex["language"])
        for rel in lex.get("relative_dates", []):
            prefer = "past" if rel["anchor"] == "published" else "current_period"
            for say in lexicon_says(rel):
                table[f"{language}|{prefer}|{say}"] = [_dateparser_shift(say, language, weekday, prefer)
                                                       for weekday in range(7)]
    return dict(sorted(table.items()))


def write_shifts(lexicons: dict[str, dict[str, Any]], data_dir: Path) -> Path:
    """Write :func:`dateparser_shifts` to ``data_dir``/dates/relative_shifts.json (after a lexicon's
    relative dates or dateparser change: a test says when)."""
    path = data_dir / SHIFTS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    note = ("Days from the base date to dateparser's reading of each relative phrase of the lexicons, per "
            "weekday of the base (Monday first); null: not a fixed shift, dateparser reads it. Made by "
            "dashboard.extract.dates.write_shifts, checked by tests/test_dates.py.")
    rows = ",\n".join(f"  {json.dumps(key, ensure_ascii=False)}: {json.dumps(shifts)}"
                       for key, shifts in dateparser_shifts(lexicons).items())
    path.write_text(f'{{"_doc": {json.dumps(note)},\n "shifts": {{\n{rows}\n }}\n}}\n', encoding="utf-8")
    return path


def _nearest_year(day: dt.date, published: dt.date) -> dt.date:
    """A date written without a year is the one nearest the publication date."""
    for shift in (-1, 1):
        if abs(day - published) <= HALF_YEAR:
            break
        try:
            moved = day.replace(year=day.year + shift)
        except ValueError:
            continue
        if abs(moved - published) < abs(day - published):
            day = moved
    return day


class DateReader:
    """Finds dates and clock times in folded sentences of one article."""

    def __init__(self, cues: Cues, published: dt.date, clock: StoryClock | None = None,
                 days: VisitDays | None = None):
        self.cues = cues
        self.published = published
        self.story = clock or StoryClock(published)
        self.days = days

    def dates(self, key: str, running: dt.date | None) -> list[DateHit]:
        visit = self._visit_days(key)     # "the second day of the visit" (once the story has a first day)
        starts: list[int] | None = None     # every date pattern's match starts where one of them does
        if self.cues.any_date is not None:
            needs = self.cues.date_needs       # a text without what every date holds is not searched
            starts = positions(self.cues.any_date, key) if needs is None or needs.may_match(key) else []
            if not starts:
                return visit
        hits = visit + self._absolute(key, starts) + self._months(key, starts) \
            + self._relative(key, running, starts)
        hits.sort(key=lambda h: h.start)
        kept: list[DateHit] = []
        for hit in hits:
            if kept and hit.anchor == "absolute" and kept[-1].anchor != "absolute" \
                    and APPOSITION.fullmatch(key, kept[-1].end, hit.start):
                said = kept[-1]        # "today, 22 June": the day named in full, read as "today" is read
                kept[-1] = DateHit(said.start, hit.end, hit.date, hit.precision, said.anchor)   # (a plan?)
            elif not kept or hit.start >= kept[-1].end:
                kept.append(hit)
        if running is None and len(kept) == 1 and not kept[0].sticky:
            kept[0] = replace(kept[0], sticky=True)   # "the day before", no day told: it dates the story
        return kept

    def _absolute(self, key: str, starts: list[int] | None = None) -> list[DateHit]:
        out = []
        for pattern in self.cues.date_patterns:
            for m in matches_at(pattern, key, starts):
                day = self._day_month(m.groupdict())
                if day:
                    out.append(DateHit(m.start(), m.end(), day, "day", "absolute"))
        return out

    def _day_month(self, g: dict[str, str | None]) -> dt.date | None:
        year = g.get("year")
        if g.get("mon"):
            found = numeric(str(g["day"]), str(g["mon"]), year, self.cues.dateparser, self.published)
        else:
            month = self.cues.months.get((g.get("month") or "").lower())
            if not month:
                return None
            found = day_month(int(g["day"] or 0), month, year, self.cues.dateparser, self.published)
        if found and not year:
            found = _nearest_year(found, self.published)
        return found

    def _months(self, key: str, starts: list[int] | None = None) -> list[DateHit]:
        out = []
        for pattern in self.cues.month_patterns:
            for m in matches_at(pattern, key, starts):
                month = self.cues.months.get(m.group("month").lower())
                year = m.groupdict().get("year")
                found = month and month_year(month, year or str(self.published.year), self.cues.dateparser,
                                             self.published)
                if found:
                    found = found if year else _nearest_year(found, self.published)
                    out.append(DateHit(m.start(), m.end(), found.replace(day=1), "month", "absolute"))
        return out

    def _visit_days(self, key: str, start: int = 0) -> list[DateHit]:
        """"The second day of the visit": counted from the first day the story dates."""
        first = self.story.first_day
        if self.days is None or first is None:
            return []
        return [DateHit(a, b, first + dt.timedelta(days=n), "day", "visit")
                for a, b, n in self.days.find(key, start)]

    def _relative(self, key: str, running: dt.date | None, starts: list[int] | None = None) -> list[DateHit]:
        out = []
        for rel in self.cues.relative:
            if rel.needs is not None and not rel.needs.may_match(key):
                continue
            for m in matches_at(rel.pattern, key, starts):
                base = running if rel.anchor == "running" and running else self.story.today
                if rel.on_or_before:     # a weekday: on or before the story day (a round-up's own day)
                    base = (self.story.story if rel.anchor == "published" else base) + dt.timedelta(days=1)
                say = rel.say.format(**{k: v for k, v in m.groupdict().items() if v})
                prefer = "past" if rel.anchor == "published" else "current_period"
                found = relative(say, self.cues.dateparser, base, prefer)
                if found and rel.anchor == "running" and not running and found > self.story.today:
                    found = self.story.today   # "the next day" with no day told yet: the story day
                if found:
                    out.append(DateHit(m.start(), m.end(), found, "day", rel.anchor, rel.sticky))
        return out

    def clock(self, key: str) -> str | None:
        """The first clock time in a folded sentence, as HH:MM."""
        for pattern in self.cues.time_patterns:
            m = pattern.pattern.search(key) if pattern.may_match(key) else None
            if m and int(m.group("hour")) < 24 and int(m.group("minute")) < 60:
                hour = int(m.group("hour"))
                if (m.groupdict().get("pm") or "") and hour < 12:
                    hour += 12
                return f"{hour:02d}:{m.group('minute')}"
        return None

    def part_of_day(self, key: str) -> str | None:
        """An ordering hint ("evening" is later than "morning"); never shown as a time."""
        if self.cues.any_part_of_day is None or self.cues.any_part_of_day.search(key) is None:
            return None     # none of them is in the sentence (each is searched only when one is)
        for pattern, hhmm in self.cues.part_of_day:
            if pattern.search(key):
                return hhmm
        return None
