"""Regrouping visits after a write, only where the write can change them (pure).

Under the window rule of :mod:`dashboard.visits` (an article's events sway each other only within
``ARTICLE_WINDOW_DAYS``; a gap of more than ``MAX_GAP_DAYS`` day ends a run), an event changed on day
``d`` can change only the visits within ``REACH_DAYS`` of ``d``, and, through them, those within reach
of their days. :func:`regroup` grows a region of days from the changed days until no visit (before or
after the change) and no run of one leader's days crosses its edge, groups the events of that region
(with a margin of ``REACH_DAYS`` as context) and keeps every visit outside it. Events without a day
join their article's earliest visit of their principal, wherever it is: those of the articles the
change touched (the changed events' articles, and the articles of every visit regrouped) are placed
again. The result is the one :func:`dashboard.visits.group` gives for the whole timeline; the property
test in ``tests/test_regroup.py`` holds the two equal over random writes.

:func:`inputs` is what a stored grouping remembers of each event (the day that places it, its first
article and a digest of every field the grouping reads), so the store finds the changed events of a
write by comparing it with the timeline (or the events a write recorded, :mod:`dashboard.store.dirty`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from dashboard import visits as trips
from dashboard.compact import filled
from dashboard.owners import EventVisits
from dashboard.visits import REACH_DAYS, Run, Visit

INPUT_COLUMNS = ("event_id", "day", "article", "digest")
_DIGESTED = ("date", "date_precision", "status", "article", "sources", "city", "country", "region",
             "participants", "kind")

Spans = list[tuple[int, int]]


def inputs(frame: pd.DataFrame, rows: np.ndarray | None = None) -> pd.DataFrame:
    """Per event of the timeline ``frame`` (in timeline order; with ``rows``, of those positions only):
    ``day``, the ordinal of the day that places it in a visit (None without one), its first ``article``
    and ``digest``, a 64-bit hash of the fields the grouping reads and of its rank within its date (the
    order of a visit's events)."""
    rank = _ranks(frame)
    if rows is not None:
        frame, rank = frame.iloc[rows], rank.iloc[rows]
    return _inputs(frame, rank)


def input_chunks(frame: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    """:func:`inputs` of the whole ``frame``, ``size`` rows at a time (each row's inputs are its own:
    the chunks put end to end equal :func:`inputs`), so a whole timeline's digests and their 100k texts
    are never made at once."""
    rank = _ranks(frame)
    for k in range(0, len(frame), size):
        yield _inputs(frame.iloc[k:k + size], rank.iloc[k:k + size])


def _inputs(frame: pd.DataFrame, rank: pd.Series) -> pd.DataFrame:
    n = len(frame)
    cols = {c: frame[c] if c in frame.columns else pd.Series([None] * n, index=frame.index, dtype="string")
            for c in _DIGESTED if c != "sources"}
    sources = frame["sources"] if "sources" in frame.columns else pd.Series([()] * n, index=frame.index)
    cols["sources"] = pd.Series([_joined(s) for s in sources.to_numpy()], index=frame.index, dtype="string")
    text = pd.DataFrame(cols)
    cols["rank"] = rank
    digest = pd.util.hash_pandas_object(pd.DataFrame(cols), index=False).to_numpy().view(np.int64)
    return pd.DataFrame({"event_id": frame["event_id"].astype("int64").to_numpy(), "day": day_ordinals(frame),
                         "article": text["article"].astype(object).fillna("").to_numpy(), "digest": digest})


def _ranks(frame: pd.DataFrame) -> pd.Series:
    """Each event's rank among the events of its date (timeline order; the undated ones together)."""
    date = frame["date"] if "date" in frame.columns else pd.Series([None] * len(frame), index=frame.index,
                                                                    dtype="string")
    if isinstance(date.dtype, pd.CategoricalDtype):       # its codes group as its text does
        key = pd.Series(filled(date, "").cat.codes, index=date.index)
        return key.groupby(key, sort=False).cumcount()
    return date.fillna("").groupby(date.fillna(""), sort=False).cumcount()


def _joined(sources: object) -> str:
    """An event's articles as one text (one article: its id, without a join)."""
    if type(sources) is list and len(sources) == 1 and type(sources[0]) is str:
        return sources[0]
    return "\x1f".join(map(str, sources)) if isinstance(sources, list | tuple) else str(sources)


def day_ordinals(frame: pd.DataFrame) -> pd.Series:
    """The ordinal of each event's placing day (its date known to the day, planned or not), else NA;
    worked out once per distinct date (a column of 100k dates holds a few thousand)."""
    if "date" not in frame.columns:
        return pd.Series(pd.array([None] * len(frame), dtype="Int64"), index=frame.index)
    codes, uniques = pd.factorize(frame["date"], use_na_sentinel=True)
    found = np.array([_ordinal(v) or 0 for v in np.asarray(uniques, dtype=object)] + [0], dtype=np.int64)
    days = found[codes]                          # the sentinel -1 takes the last entry: missing
    missing = days == 0
    if "date_precision" in frame.columns:
        precision = frame["date_precision"]
        missing |= (precision.notna() & (precision != "day")).to_numpy(dtype=bool, na_value=False)
    return pd.Series(pd.arrays.IntegerArray(days, missing), index=frame.index)


def _ordinal(value: object) -> int | None:
    day = trips._day(value)
    return dt.date.fromisoformat(day).toordinal() if day else None


def regroup(frame: pd.DataFrame, old: Sequence[Visit], changed: Iterable[int], seeds: Iterable[int],
            articles: Iterable[str], days: pd.Series | None = None) -> list[Visit]:
    """The visits of ``frame`` (newest first), from its visits ``old`` before a change of the events
    ``changed`` (their ids before and after), placed on the days ``seeds`` (ordinals, before and after),
    and of ``articles`` (their first articles, before and after); ``days``: :func:`day_ordinals`, if
    already known."""
    placed = (day_ordinals(frame) if days is None else days).to_numpy(dtype="float64", na_value=np.nan)
    near = _merge([(s - REACH_DAYS, s + REACH_DAYS) for s in seeds])
    of = EventVisits.of(old)         # each event's old visit, as an index into ``old``
    # the old visits of the changed events, and every old visit within reach of a changed day: one whose
    # events lost their run (an event that took its leader from an article-mate moved away) has no run
    # of the new timeline to drop it
    dropped = {i for i in of.slots(np.fromiter(changed, dtype=np.int64)).tolist() if i >= 0} | \
        {i for i, v in enumerate(old) if _meets(near, _ord(v.start), _ord(v.end))}
    window = _merge([(a - REACH_DAYS, b + REACH_DAYS) for a, b in near] +
                    [(_ord(old[i].start) - REACH_DAYS, _ord(old[i].end) + REACH_DAYS) for i in dropped])
    while True:
        rows = _rows_within(frame, placed, window)
        trips.fill_from_articles(rows)
        raws = trips.raw_runs(rows)
        found = set(dropped)
        affected = _closure(raws, [r for r in raws if _meets(near, *_span(r))], old, of, found)
        reach = _merge([(a - REACH_DAYS, b + REACH_DAYS) for a, b in map(_span, affected)] +
                       [(_ord(old[i].start) - REACH_DAYS, _ord(old[i].end) + REACH_DAYS) for i in found])
        if all(_within(window, a, b) for a, b in reach):
            break
        window = _merge(window + reach)
    chosen = {(r.key, r.start) for r in affected}
    runs = [r for r in trips.visit_runs(rows) if (r.key, r.start) in chosen]
    kept = [v for i, v in enumerate(old) if i not in found]
    touched = set(articles) | {a for i in found for a in old[i].articles} | \
        {a for r in runs for a in r.articles}
    outside = _place_undated(frame, kept, runs, touched)      # first: the runs' undated events join them
    return trips.newest_first([trips.visit_of(r) for r in runs] + outside)


def _closure(raws: list[Run], start: list[Run], old: Sequence[Visit], owners: EventVisits,
             dropped: set[int]) -> list[Run]:
    """The runs a change can reach from ``start``: those that share an article within
    ARTICLE_WINDOW_DAYS (asides, a guest's host), and those holding an event of an old visit that one of
    them holds (``dropped`` grows by those old visits)."""
    events = [r.event_id for run in raws for r in run.inside]
    of = {e: i for e, i in zip(events, owners.slots(np.asarray(events, dtype=np.int64)).tolist(), strict=True)
          if i >= 0}                 # the old visit (an index into ``old``) of each event the runs hold
    by_article: dict[str, list[Run]] = {}
    by_event: dict[int, Run] = {}
    for run in raws:
        for a in run.articles:
            by_article.setdefault(a, []).append(run)
        for r in run.inside:
            by_event[r.event_id] = run
    found: dict[int, Run] = {}
    todo = list(start) + [by_event[e] for i in dropped for e in old[i].event_ids if e in by_event]
    while todo:
        run = todo.pop()
        if id(run) in found:
            continue
        found[id(run)] = run
        todo += [o for a in run.articles for o in by_article[a] if id(o) not in found and o.near(run)]
        for i in {of[r.event_id] for r in run.inside if r.event_id in of} - dropped:
            dropped.add(i)
            todo += [by_event[e] for e in old[i].event_ids if e in by_event]
    return list(found.values())


def _within(spans: Spans, a: int, b: int) -> bool:
    return any(lo <= a and b <= hi for lo, hi in spans)


def _span(run: Run) -> tuple[int, int]:
    return _ord(run.start), _ord(run.end)


def _place_undated(frame: pd.DataFrame, kept: list[Visit], runs: list[Run], touched: set[str]
                   ) -> list[Visit]:
    """Events without a day of the ``touched`` articles join their article's earliest visit of their
    principal among the regrouped ``runs`` and the ``kept`` visits; the kept visits, with theirs."""
    mine = np.flatnonzero(frame["article"].isin(touched).to_numpy(dtype=bool, na_value=False))
    rows = trips.rows_of(frame.iloc[mine], mine.tolist())
    trips.fill_from_articles(rows)
    loose = [r for r in rows if r.when is None]
    moved = {r.event_id for r in loose}
    keys = {r.key for r in loose if r.key is not None}
    ids = pd.Index(frame["event_id"].astype("int64"))
    outside = {v.id: _as_run(frame, ids, v, moved) for v in kept
               if (v.principals[0], v.host, v.region) in keys}
    trips.join_loose(sorted([*runs, *outside.values()], key=lambda r: r.order), loose)
    again = {v.id for v in kept if not moved.isdisjoint(v.event_ids)} | \
        {vid for vid, run in outside.items() if any(r.event_id in moved for r in run.loose)}
    return [trips.visit_of(outside.get(v.id) or _as_run(frame, ids, v, moved)) if v.id in again else v
            for v in kept]


def _as_run(frame: pd.DataFrame, ids: pd.Index, visit: Visit, moved: set[int]) -> Run:
    """A kept visit as a run again: its dated events inside, the others (but ``moved``) loose."""
    where = ids.get_indexer(list(visit.event_ids))
    rows = trips.rows_of(frame.iloc[where], where.tolist())
    inside = [r for r in rows if r.date is not None]
    loose = [r for r in rows if r.date is None and r.event_id not in moved]
    return Run(visit.principals[0], visit.host, visit.region, visit.start, visit.end, inside, loose)


def _rows_within(frame: pd.DataFrame, days: np.ndarray, spans: Spans) -> list[trips._Row]:
    mask = np.zeros(len(days), dtype=bool)
    for a, b in spans:
        mask |= (days >= a) & (days <= b)
    where = np.flatnonzero(mask)
    return trips.rows_of(frame.iloc[where], where.tolist())


def _ord(day: str) -> int:
    return dt.date.fromisoformat(day).toordinal()


def _meets(spans: Spans, a: int, b: int) -> bool:
    return any(lo <= b and a <= hi for lo, hi in spans)


def _merge(spans: Iterable[tuple[int, int]]) -> Spans:
    out: Spans = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
