"""Visits, pure: the merged timeline grouped into trips ("Kassym-Jomart Tokayev in Uzbekistan").

A visit is one principal's trip to a host country (for a domestic trip, a region of the leader's own
country) over consecutive days, a gap of at most ``MAX_GAP_DAYS`` day allowed. Its events are the
timeline's events of that principal there on those days; its articles, every source of those events.

Who an event belongs to, from its ``participants`` (leaders by canonical name, see
:mod:`dashboard.extract.people`): the first leader from another country than the event's is the
visitor, and the trip is his; with no visitor, the first leader of the event's own country is on a
domestic trip (scoped by the event's region). An event naming no leader, or with no country, takes
what its article's other events within ``ARTICLE_WINDOW_DAYS`` days of it say most often (an event
without a day: what all its article's events say). Undated events, dates known only to the month
or year, and planned events never start a visit: they join their article's visit of the same
principal and host when the article has one (a planned event only when it falls on that visit's
days; an undated one the earliest such visit), else they are in no visit.

Only what happened makes a visit (:func:`_happened`): a leader's movements in his own country alone (the
flight home, the host meeting his guest at the airport) are no trip; the host's own events on the days
his guest is with him join the guest's visit; one event that is not an arrival, told in articles that
tell a larger visit within ``ARTICLE_WINDOW_DAYS`` days of it, is an aside (background, a plan, a place
named in passing).

**An article's events influence each other only within a window of days** (``ARTICLE_WINDOW_DAYS``:
the longest real visit in our gold timelines and fixtures, about a week, plus the gap): an article that
recalls a visit months earlier does not reshape that visit. So a change of the timeline can only change
the visits within ``REACH_DAYS`` of its days, and of the runs of visits that reach on from there; the
store regroups only those (:mod:`dashboard.regroup`), with the same result as grouping the whole
timeline again. Every tie is broken by days and names, never by where a grouping started.

The store keeps the result (a cached table refreshed after every change, see
:mod:`dashboard.store.visits`); everything here is a function of the corrected timeline alone, so the
visits are always what the timeline says.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.merge import leaders_in
from dashboard.owners import EventIds, EventVisits, attach  # noqa: F401  (attach: kept importable here)

MAX_GAP_DAYS = 1
LONGEST_VISIT_DAYS = 7      # the longest real visit in our gold timelines and fixtures: about a week
ARTICLE_WINDOW_DAYS = LONGEST_VISIT_DAYS + MAX_GAP_DAYS   # how far an article's events sway each other
REACH_DAYS = ARTICLE_WINDOW_DAYS + MAX_GAP_DAYS + 1        # how far a changed day can change a grouping
MOVES = frozenset({"arrival", "departure"})    # kinds that only move a leader from one place to another
VISIT_FIELDS: tuple[str, ...] = ("id", "title", "principals", "host", "start", "end", "cities", "events",
                                 "articles")
CHUNK_ROWS = 10_000          # rows made at a time from the columns (:func:`rows_of`)
ROW_COLUMNS = ("event_id", "date", "date_precision", "status", "article", "sources", "city", "country",
               "region", "participants", "kind")


@dataclass(frozen=True, slots=True)
class Visit:
    """One trip; ``events`` counts its events, ``event_ids`` lists them in timeline order (as
    :class:`EventIds`; a tuple of the same ids is equal)."""

    id: str
    title: str
    principals: tuple[str, ...]
    host: str                       # ISO 3166-1 alpha-2
    region: str | None              # a domestic trip's region, else None
    start: str                      # YYYY-MM-DD
    end: str
    cities: tuple[str, ...]
    articles: tuple[str, ...]
    event_ids: Sequence[int] = field(default=EventIds())

    @property
    def events(self) -> int:
        return len(self.event_ids)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "principals": list(self.principals), "host": self.host,
                "start": self.start, "end": self.end, "cities": list(self.cities), "events": self.events,
                "articles": list(self.articles)}



def visit_id(principal: str, host: str, region: str | None, start: str) -> str:
    """Stable across re-ingest: the same principal, host (and region) and first day give the same id."""
    key = "|".join((principal, host, region or "", start))
    return "v" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


@lru_cache(maxsize=8192)      # one string per principal and host: 13,768 visits at 100k events, ~300 titles
def title_of(principal: str, host: str, region: str | None) -> str:
    """"Kassym-Jomart Tokayev in Uzbekistan"; a domestic trip names its region."""
    from dashboard.filters import country_name

    return f"{principal} in {region or country_name(host)}"


def newest_first(visits: list[Visit]) -> list[Visit]:
    return sorted(visits, key=lambda v: (v.start, v.end, v.id), reverse=True)


@dataclass(slots=True)
class _Row:
    pos: int                  # timeline order
    event_id: int
    date: str | None          # a day only when the date is known to the day and the event happened
    planned: str | None       # the day of a planned event (it joins a visit on that day, starts none)
    article: str
    sources: tuple[str, ...]
    city: str | None
    kind: str | None = None
    owner: str | None = None
    host: str | None = None
    region: str | None = None
    hosts: tuple[str, ...] = ()
    named: bool = False       # the owner is named by the event itself (not taken from its article)

    @property
    def when(self) -> str | None:
        """The day that places the event (its date, or a planned event's day), if any."""
        return self.date or self.planned

    @property
    def key(self) -> tuple[str, str, str | None] | None:
        return (self.owner, self.host, self.region) if self.owner is not None and self.host is not None \
            else None


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value) or None


def rows_of(frame: pd.DataFrame, positions: Sequence[int] | None = None) -> list[_Row]:
    """The frame's events as rows, each owned by the leader it names (not yet by its article's);
    ``positions``: each row's place in the whole timeline (default: its place in ``frame``). Made
    :data:`CHUNK_ROWS` rows at a time from each text column's codes, one tuple per distinct tuple of
    sources (100k events hold a few ten thousand)."""
    n = len(frame)
    codes = {c: _codes(frame[c]) if c in frame.columns else (np.full(n, -1, dtype=np.int32), [None])
             for c in ROW_COLUMNS if c not in ("event_id", "sources")}
    ids, sources = (frame[c] if c in frame.columns else pd.Series([None] * n, dtype=object)
                    for c in ("event_id", "sources"))
    pos = range(n) if positions is None else positions
    made: dict[tuple[str, ...], tuple[str, ...]] = {}     # each distinct tuple of sources, once
    rows = []
    for a in range(0, n, CHUNK_ROWS):
        b = min(a + CHUNK_ROWS, n)
        text = {c: [shown[k] for k in code[a:b].tolist()] for c, (code, shown) in codes.items()}
        raw = {"event_id": ids.iloc[a:b].astype(object).tolist(),
               "sources": sources.iloc[a:b].tolist()}
        for i in range(b - a):
            date = text["date"][i]
            day, planned = _iso_day(date) if date else None, None
            if text["date_precision"][i] not in (None, "day"):
                day = None
            elif text["status"][i] == "planned":
                day, planned = None, day
            article = text["article"][i] or ""
            row = _Row(pos[a + i], int(raw["event_id"][i]), day, planned, article,
                       _sources(raw["sources"][i], article, made), text["city"][i], text["kind"][i])
            _own(row, text["participants"][i] or "", text["country"][i], text["region"][i])
            rows.append(row)
    return rows


def _sources(sources: object, article: str, made: dict[tuple[str, ...], tuple[str, ...]]) -> tuple[str, ...]:
    """An event's articles as a tuple (its own article when it has none), one per distinct tuple."""
    if not isinstance(sources, list | tuple):
        return (article,)
    found = tuple(str(s) for s in sources)
    return made.setdefault(found, found) or (article,)


def _codes(column: pd.Series) -> tuple[np.ndarray, list[str | None]]:
    """:func:`_text` of each value as codes into one string per distinct value (a missing value's code
    is -1: the last): a timeline repeats its articles, places and kinds (100k events, a few thousand
    values), and the visits keep some of them."""
    codes, distinct = pd.factorize(column)
    return codes.astype(np.int32), [*map(_text, distinct), None]


def _day(value: object) -> str | None:
    text = _text(value)
    return _iso_day(text) if text else None


@lru_cache(maxsize=8192)
def _iso_day(text: str) -> str | None:
    """A date's day as ISO text (None for no day); dates repeat across a timeline, so remembered."""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _own(row: _Row, participants: str, country: str | None, region: str | None) -> None:
    """The event's visitor (or domestic traveller), its host country and, for a domestic trip, region."""
    if country is None:
        return
    row.owner, row.host, row.region, row.hosts = _owner(participants, country, region)
    row.named = row.owner is not None


@lru_cache(maxsize=8192)
def _owner(participants: str, country: str, region: str | None
           ) -> tuple[str | None, str | None, str | None, tuple[str, ...]]:
    """(owner, host, region, hosts) of an event naming ``participants`` in ``country``: the first
    visitor, else the first host leader (a domestic trip, with its region); worked out once per text."""
    found = leaders_in(participants)
    visitors = [n for n, c in found if c != country]
    hosts = tuple(n for n, c in found if c == country)
    if visitors:
        return visitors[0], country, None, hosts
    if hosts:
        return hosts[0], country, region, hosts
    return None, None, None, hosts


def days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def fill_from_articles(rows: list[_Row]) -> None:
    """Events without an owner (or a host) take what their article's events name most often: those
    within ``ARTICLE_WINDOW_DAYS`` of the event's day, or, for an event without a day, all of them
    (ties: the first in timeline order)."""
    named: dict[str, list[_Row]] = {}
    for r in rows:
        if r.named:
            named.setdefault(r.article, []).append(r)
    for r in rows:
        if r.owner is None and r.article in named:
            day = r.when
            found = Counter((o.owner, o.host, o.region) for o in named[r.article]
                            if day is None or (o.when is not None
                                               and days_apart(o.when, day) <= ARTICLE_WINDOW_DAYS))
            if found:
                r.owner, r.host, r.region = found.most_common(1)[0][0]


def _cut(members: list[_Row]) -> list[list[_Row]]:
    """Dated rows cut into runs of days: a gap of more than MAX_GAP_DAYS day starts a new run
    (each run in timeline order)."""
    runs: list[list[_Row]] = []
    last: int | None = None
    for r in sorted(members, key=lambda r: (r.date, r.pos)):
        day = dt.date.fromisoformat(r.date).toordinal()    # type: ignore[arg-type]
        if last is None or day - last > MAX_GAP_DAYS + 1:
            runs.append([])
        runs[-1].append(r)
        last = day
    return [sorted(run, key=lambda r: r.pos) for run in runs]


@dataclass(slots=True)
class Run:
    """A candidate visit: one principal's dated events in one host country (or region) on consecutive
    days; ``loose``: the planned and undated events that join it."""

    owner: str
    host: str
    region: str | None
    start: str
    end: str
    inside: list[_Row]
    loose: list[_Row] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.owner, self.host, self.region)

    @property
    def order(self) -> tuple[bool, str, str, str, str, str]:
        """Visits abroad first, then by days and names: the order every tie is broken in."""
        return (self.region is not None, self.start, self.end, self.owner, self.host, self.region or "")

    @property
    def articles(self) -> set[str]:
        return {s for r in self.inside for s in r.sources}

    def meets(self, other: Run) -> bool:
        return self.start <= other.end and other.start <= self.end and bool(self.articles & other.articles)

    def near(self, other: Run) -> bool:
        """Within ARTICLE_WINDOW_DAYS of each other."""
        first, last = (self, other) if self.start <= other.start else (other, self)
        return last.start <= first.end or days_apart(first.end, last.start) <= ARTICLE_WINDOW_DAYS


def raw_runs(rows: Sequence[_Row]) -> list[Run]:
    """Each owner's dated events in one host (or region) cut into runs of consecutive days."""
    trips: dict[tuple[str, str, str | None], list[_Row]] = {}
    for r in rows:
        if r.date is not None and (key := r.key) is not None:
            trips.setdefault(key, []).append(r)
    runs = [Run(owner, host, region, min(dates), max(dates), run)
            for (owner, host, region), members in trips.items() for run in _cut(members)
            for dates in [[r.date for r in run if r.date is not None]]]
    return sorted(runs, key=lambda run: run.order)


def visit_runs(rows: Sequence[_Row]) -> list[Run]:
    """The runs that are visits (filled rows), in :attr:`Run.order`, each with its planned events."""
    runs = _happened(raw_runs(rows))
    join_loose(runs, [r for r in rows if r.date is None and r.planned is not None])
    return runs


def join_loose(runs: Sequence[Run], loose: Sequence[_Row]) -> None:
    """Planned and undated events join the first run (in order) of their owner and host that tells their
    article (a planned event: on its day)."""
    by_key: dict[tuple[str, str, str | None], list[Run]] = {}
    for run in runs:
        by_key.setdefault(run.key, []).append(run)
    for r in loose:
        key = r.key
        if key is None:
            continue
        for run in by_key.get(key, ()):
            if r.article in run.articles and (r.planned is None or run.start <= r.planned <= run.end):
                run.loose.append(r)
                break


def group(frame: pd.DataFrame) -> tuple[list[Visit], EventVisits]:
    """The visits of a timeline frame (``Store.timeline`` columns), newest first, and each event's visit.

    Events in no visit are missing from the mapping.
    """
    rows = rows_of(frame)
    fill_from_articles(rows)
    runs = visit_runs(rows)
    join_loose(runs, [r for r in rows if r.when is None])
    visits = newest_first([visit_of(run) for run in runs])
    return visits, EventVisits.of(visits)


def _happened(runs: list[Run]) -> list[Run]:
    """The runs that are visits, in :attr:`Run.order`. Not a visit: a leader's movements in his own
    country only (the trip home, the host meeting a guest at the airport); the host's own events on the
    days his guest is with him (they belong to the guest's visit); a single event, not an arrival, that
    its articles tell beside a larger visit within ARTICLE_WINDOW_DAYS (background, a plan, a place
    named in passing)."""
    ordered = sorted(runs, key=lambda r: r.order)
    kept = [run for run in ordered if run.region is None]      # visits abroad first
    by_day: dict[tuple[str, int], list[Run]] = {}
    for run in kept:
        for day in _span(run):
            by_day.setdefault((run.host, day), []).append(run)
    for run in (r for r in ordered if r.region is not None):
        if all(r.kind in MOVES for r in run.inside):
            continue
        near = {id(v): v for day in _span(run) for v in by_day.get((run.host, day), ())}
        guest = min((v for v in near.values()
                     if v.meets(run) and any(run.owner in r.hosts for r in v.inside)),
                    key=lambda v: v.order, default=None)
        if guest is not None:
            guest.inside += run.inside
            continue
        kept.append(run)
    larger: dict[str, list[Run]] = {}
    for run in kept:
        if len(run.inside) > 1:
            for article in run.articles:
                larger.setdefault(article, []).append(run)
    return sorted((run for run in kept if not _aside(run, larger)), key=lambda r: r.order)


def _span(run: Run) -> range:
    return range(dt.date.fromisoformat(run.start).toordinal(), dt.date.fromisoformat(run.end).toordinal() + 1)


def _aside(run: Run, larger: Mapping[str, list[Run]]) -> bool:
    if len(run.inside) != 1 or run.inside[0].kind in MOVES:
        return False
    return all(any(o is not run and o.near(run) for o in larger.get(article, ())) for article in run.articles)


def visit_of(run: Run) -> Visit:
    members = sorted(run.inside + run.loose, key=lambda r: r.pos)
    others = [n for r in members for n in r.hosts if n != run.owner]
    return Visit(id=visit_id(run.owner, run.host, run.region, run.start),
                 title=title_of(run.owner, run.host, run.region),
                 principals=(run.owner, *dict.fromkeys(others)), host=run.host, region=run.region,
                 start=run.start, end=run.end, cities=tuple(dict.fromkeys(r.city for r in members if r.city)),
                 articles=tuple(dict.fromkeys(s for r in members for s in r.sources)),
                 event_ids=EventIds(r.event_id for r in members))


def to_frame(visits: Sequence[Visit]) -> pd.DataFrame:
    """Visits as a frame with the CLI's columns (lists stay lists)."""
    return pd.DataFrame([v.to_dict() for v in visits], columns=list(VISIT_FIELDS))
