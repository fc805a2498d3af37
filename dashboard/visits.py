"""Visits, pure: the merged timeline grouped into trips ("Kassym-Jomart Tokayev in Uzbekistan").

A visit is one principal's trip to a host country (for a domestic trip, a region of the leader's own
country) over consecutive days, a gap of at most ``MAX_GAP_DAYS`` day allowed. Its events are the
timeline's events of that principal there on those days; its articles, every source of those events.

Who an event belongs to, from its ``participants`` (leaders by canonical name, see
:mod:`dashboard.extract.people`): the first leader from another country than the event's is the
visitor, and the trip is his; with no visitor, the first leader of the event's own country is on a
domestic trip (scoped by the event's region). An event naming no leader, or with no country, takes
what its first article's other events say most often. Undated events, dates known only to the month
or year, and planned events never start a visit: they join their article's visit of the same
principal and host when the article has one (a planned event only when it falls on that visit's
days), else they are in no visit.

Only what happened makes a visit (:func:`_happened`): a leader's movements in his own country alone (the
flight home, the host meeting his guest at the airport) are no trip; the host's own events on the days
his guest is with him join the guest's visit; one event that is not an arrival, told in articles that
tell a larger visit, is an aside (background, a plan, a place named in passing).

The store keeps the result (a cached table refreshed after every change, see
:mod:`dashboard.store.core`); everything here is a function of the corrected timeline alone, so the
visits are always what the timeline says.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.merge import leaders_in

MAX_GAP_DAYS = 1
MOVES = frozenset({"arrival", "departure"})    # kinds that only move a leader from one place to another
VISIT_FIELDS: tuple[str, ...] = ("id", "title", "principals", "host", "start", "end", "cities", "events",
                                 "articles")


@dataclass(frozen=True, slots=True)
class Visit:
    """One trip; ``events`` counts its events, ``event_ids`` lists them in timeline order."""

    id: str
    title: str
    principals: tuple[str, ...]
    host: str                       # ISO 3166-1 alpha-2
    region: str | None              # a domestic trip's region, else None
    start: str                      # YYYY-MM-DD
    end: str
    cities: tuple[str, ...]
    articles: tuple[str, ...]
    event_ids: tuple[int, ...] = field(default=())

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


def title_of(principal: str, host: str, region: str | None) -> str:
    """"Kassym-Jomart Tokayev in Uzbekistan"; a domestic trip names its region."""
    from dashboard.filters import country_name

    return f"{principal} in {region or country_name(host)}"


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


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value) or None


def _rows(frame: pd.DataFrame) -> list[_Row]:
    cols: dict[str, list[Any]] = {
        c: frame[c].astype(object).tolist() if c in frame.columns else [None] * len(frame)
            for c in ("event_id", "date", "date_precision", "status", "article", "sources", "city",
                      "country", "region", "participants", "kind")}
    rows = []
    for i in range(len(frame)):
        day, planned = _day(cols["date"][i]), None
        if _text(cols["date_precision"][i]) not in (None, "day"):
            day = None
        elif _text(cols["status"][i]) == "planned":
            day, planned = None, day
        sources = cols["sources"][i]
        article = _text(cols["article"][i]) or ""
        srcs = tuple(str(s) for s in sources) if isinstance(sources, list | tuple) else (article,)
        row = _Row(i, int(cols["event_id"][i]), day, planned, article, srcs or (article,),
                   _text(cols["city"][i]), _text(cols["kind"][i]))
        _own(row, _text(cols["participants"][i]) or "", _text(cols["country"][i]), _text(cols["region"][i]))
        rows.append(row)
    return rows


def _day(value: object) -> str | None:
    text = _text(value)
    try:
        return dt.date.fromisoformat(text).isoformat() if text else None
    except ValueError:
        return None


def _own(row: _Row, participants: str, country: str | None, region: str | None) -> None:
    """The event's visitor (or domestic traveller), its host country and, for a domestic trip, region."""
    found = leaders_in(participants)
    if country is None:
        return
    visitors = [n for n, c in found if c != country]
    hosts = tuple(n for n, c in found if c == country)
    row.hosts = hosts
    if visitors:
        row.owner, row.host = visitors[0], country
    elif hosts:
        row.owner, row.host, row.region = hosts[0], country, region


def _fill_from_articles(rows: list[_Row]) -> None:
    """Events without an owner (or a host) take their article's most frequent one."""
    by_article: dict[str, Counter] = {}
    for r in rows:
        if r.owner is not None:
            by_article.setdefault(r.article, Counter())[(r.owner, r.host, r.region)] += 1
    for r in rows:
        if r.owner is None and r.article in by_article:
            r.owner, r.host, r.region = by_article[r.article].most_common(1)[0][0]


def _runs(days: list[str]) -> list[tuple[str, str]]:
    """Sorted distinct days cut into runs: a gap of more than MAX_GAP_DAYS day starts a new run."""
    runs: list[list[str]] = []
    for day in days:
        gap = (dt.date.fromisoformat(day) - dt.date.fromisoformat(runs[-1][1])).days if runs else None
        if gap is not None and gap <= MAX_GAP_DAYS + 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(a, b) for a, b in runs]


def group(frame: pd.DataFrame) -> tuple[list[Visit], dict[int, str]]:
    """The visits of a timeline frame (``Store.timeline`` columns), newest first, and each event's visit.

    Events in no visit are missing from the mapping.
    """
    rows = _rows(frame)
    _fill_from_articles(rows)
    trips: dict[tuple[str, str, str | None], list[_Row]] = {}
    for r in rows:
        if r.owner is not None and r.host is not None:
            trips.setdefault((r.owner, r.host, r.region), []).append(r)
    runs = [_Run(owner, host, region, start, end, [r for r in members if r.date and start <= r.date <= end])
            for (owner, host, region), members in trips.items()
            for start, end in _runs(sorted({r.date for r in members if r.date is not None}))]
    runs = _happened(runs)
    visits: list[Visit] = []
    of: dict[int, str] = {}
    for run in runs:
        vid = visit_id(run.owner, run.host, run.region, run.start)
        articles = {s for r in run.inside for s in r.sources}
        loose = [r for r in trips[(run.owner, run.host, run.region)]
                 if r.date is None and r.event_id not in of and r.article in articles
                 and (r.planned is None or run.start <= r.planned <= run.end)]
        chosen = sorted(run.inside + loose, key=lambda r: r.pos)
        for r in chosen:
            of[r.event_id] = vid
        visits.append(_visit(vid, run.owner, run.host, run.region, run.start, run.end, chosen))
    visits.sort(key=lambda v: (v.start, v.end, v.id), reverse=True)
    return visits, of


@dataclass(slots=True)
class _Run:
    """A candidate visit: one principal's dated events in one host country (or region) on consecutive days."""

    owner: str
    host: str
    region: str | None
    start: str
    end: str
    inside: list[_Row]

    @property
    def articles(self) -> set[str]:
        return {s for r in self.inside for s in r.sources}

    def meets(self, other: _Run) -> bool:
        return self.start <= other.end and other.start <= self.end and bool(self.articles & other.articles)


def _happened(runs: list[_Run]) -> list[_Run]:
    """The runs that are visits. Not a visit: a leader's movements in his own country only (the trip home,
    the host meeting a guest at the airport); the host's own events on the days his guest is with him
    (they belong to the guest's visit); a single event, not an arrival, that its articles tell beside a
    larger visit (background, a plan, a place named in passing)."""
    kept: list[_Run] = []
    for run in sorted(runs, key=lambda r: r.region is not None):     # visits abroad first
        if run.region is not None and all(r.kind in MOVES for r in run.inside):
            continue
        guest = next((v for v in kept if v.region is None and v.host == run.host and v.meets(run)
                      and any(run.owner in r.hosts for r in v.inside)), None)
        if run.region is not None and guest is not None:
            guest.inside += run.inside
            continue
        kept.append(run)
    return [run for run in kept if not _aside(run, kept)]


def _aside(run: _Run, runs: list[_Run]) -> bool:
    if len(run.inside) != 1 or run.inside[0].kind in MOVES:
        return False
    return all(any(o is not run and len(o.inside) > 1 and article in o.articles for o in runs)
               for article in run.articles)


def _visit(vid: str, owner: str, host: str, region: str | None, start: str, end: str,
           members: list[_Row]) -> Visit:
    others = [n for r in members for n in r.hosts if n != owner]
    return Visit(id=vid, title=title_of(owner, host, region), principals=(owner, *dict.fromkeys(others)),
                 host=host, region=region, start=start, end=end,
                 cities=tuple(dict.fromkeys(r.city for r in members if r.city)),
                 articles=tuple(dict.fromkeys(s for r in members for s in r.sources)),
                 event_ids=tuple(r.event_id for r in members))


def attach(frame: pd.DataFrame, of: Mapping[int, str]) -> pd.DataFrame:
    """``frame`` with a ``visit`` column (the exports group by it): the event's visit id, else its
    first article's id (an event in no visit stays grouped with its article, as before visits)."""
    out = frame.copy()
    ids = out["event_id"].astype(object).tolist() if "event_id" in out.columns else []
    articles = out["article"].astype(object).tolist()
    out["visit"] = pd.array([of.get(int(e), str(a)) if e is not None and e is not pd.NA else str(a)
                             for e, a in zip(ids, articles, strict=True)], dtype="string") \
        if ids else pd.array([str(a) for a in articles], dtype="string")
    return out


def to_frame(visits: Sequence[Visit]) -> pd.DataFrame:
    """Visits as a frame with the CLI's columns (lists stay lists)."""
    return pd.DataFrame([v.to_dict() for v in visits], columns=list(VISIT_FIELDS))
