"""Large timelines: past the detail limits the figures count events per period/kind and per place.

The counts are checked against counts made here, independently, on the same frame.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from dashboard import figures
from dashboard.figures import overview
from tests.factories_ui import big_frame


def _points(fig) -> list[list[object]]:
    return [list(cd) for trace in fig.data for cd in (trace.customdata or [])]


def test_small_timelines_draw_every_event():
    frame = big_frame(overview.DETAIL_EVENTS, days=10)
    timeline, geo = figures.timeline_figure(frame), figures.map_figure(frame)
    assert {type(t).__name__ for t in timeline.data} == {"Scatter"}
    assert len(_points(timeline)) == overview.DETAIL_EVENTS
    assert sum(len(t.customdata) for t in geo.data if t.customdata is not None) == overview.DETAIL_EVENTS
    assert figures.overview_note(figures.sequence(frame)) is None


@pytest.mark.parametrize(("n", "days", "period"), [
    (overview.DETAIL_EVENTS + 1, 30, "day"),
    (3000, 300, "week"),
    (3000, 1500, "month"),
    (80, 110, "day"),                            # few events, more than DETAIL_DAYS days
], ids=["401-events-30-days", "300-days-weekly", "1500-days-monthly", "80-events-57-days"])
def test_timeline_overview_counts_every_dated_event_per_period_and_kind(n, days, period):
    frame = big_frame(n, days=days, undated=7)
    fig = figures.timeline_figure(frame)
    assert {type(t).__name__ for t in fig.data} == {"Scattergl"}
    assert fig.layout.xaxis.type == "date"
    stamps = pd.to_datetime(frame["date"]).dropna()
    starts = {"day": stamps.dt.normalize(), "week": stamps.dt.to_period("W").dt.start_time,
              "month": stamps.dt.to_period("M").dt.start_time}[period]
    expected = Counter(zip(starts.dt.date, frame.loc[stamps.index, "kind"], strict=True))
    got = Counter()
    for trace in fig.data:
        for x, (_, _, count) in zip(trace.x, trace.customdata, strict=True):
            got[(pd.Timestamp(x).date(), trace.name)] += count
    assert got == expected
    assert sum(got.values()) == n                 # the 7 undated events are not on a date axis
    note = figures.overview_note(figures.sequence(frame))
    assert f"per {period}" in note and "7 undated" in note and f"{n + 7:,} events" in note


def test_map_overview_has_one_marker_per_place_with_its_exact_count():
    frame = big_frame(2000, days=90, unplaced=150)
    fig = figures.map_figure(frame)
    assert len(fig.data) == 1 and type(fig.data[0]).__name__ == "Scattergeo"
    got = {round(lat, 4): int(cd[2]) for lat, cd in zip(fig.data[0].lat, fig.data[0].customdata, strict=True)}
    expected = Counter(round(v, 4) for v in frame["lat"].dropna())
    assert got == dict(expected)
    assert sum(got.values()) == 2000 - 150
    assert fig.layout.geo.lonaxis.range[0] < 60.3592 and fig.layout.geo.lonaxis.range[1] > 71.4460


def test_an_overview_marker_selects_the_first_event_it_counts():
    frame = big_frame(1000, days=20)
    seq = figures.sequence(frame)
    fig = figures.map_figure(seq)
    busiest = max(fig.data[0].customdata, key=lambda cd: cd[2])
    event_id, number, _ = busiest
    assert figures.event_ids({"selection": {"points": [{"customdata": list(busiest)}]}}) == [event_id]
    row = seq.loc[seq["event_id"] == event_id].iloc[0]
    assert int(row["number"]) == number
    same_place = seq[seq["lat"] == row["lat"]]
    assert int(same_place["number"].min()) == number          # the first event of that place


def test_overview_rings_the_focused_event_group():
    frame = big_frame(1000, days=20)
    seq = figures.sequence(frame)
    focus = str(seq["event_id"].iloc[0])
    fig = figures.timeline_figure(seq, focus=focus)
    widths = [(cd[0], w) for t in fig.data for cd, w in zip(t.customdata, t.marker.line.width, strict=True)]
    ringed = [e for e, w in widths if w > 1]
    assert ringed == [focus]


def test_sequence_returns_a_sequenced_frame_as_is_and_renumbers_a_subset():
    seq = figures.sequence(big_frame(50, days=5))
    assert figures.sequence(seq) is seq
    subset = seq[seq["kind"] == seq["kind"].iloc[0]]
    again = figures.sequence(subset)
    assert again is not subset and list(again["number"]) == list(range(1, len(subset) + 1))


def _reference_kind_mix(codes, kinds, groups):
    """The hover's kind mix by a sort of every row's (place, kind) pair, as it was first written."""
    import html
    from itertools import pairwise

    from dashboard.figures.base import kind_name
    from dashboard.i18n import number

    kind_codes, uniques = pd.factorize(kinds)
    names = [html.escape(kind_name(name)) for name in uniques.tolist()]
    width = len(names)
    grouped = codes >= 0
    codes, kind_codes = codes[grouped], kind_codes[grouped]
    pairs, first, counts = np.unique(codes * width + kind_codes, return_index=True, return_counts=True)
    order = np.lexsort((first, -counts, pairs // width))
    pairs, counts = pairs[order], counts[order]
    texts = [f"{number(n)} {names[k]}" for n, k in zip(counts.tolist(), (pairs % width).tolist(), strict=True)]
    bounds = np.searchsorted(pairs // width, np.arange(groups + 1)).tolist()
    return [" · ".join(texts[a:b]) for a, b in pairwise(bounds)]


@pytest.mark.parametrize("seed", [3, 4], ids=["seed-3", "seed-4"])
def test_the_map_s_counts_and_kind_mix_are_those_of_a_sort_of_every_row(seed):
    """The map's groups (first rows, counts) and each place's kind mix (most frequent first, ties by the
    kind seen first there) as a sort of the rows gives them: ties are common with few events a place."""
    from dashboard.figures import overview
    from dashboard.schema import group_codes

    rng = np.random.default_rng(seed)
    n = 4000
    places = pd.Series(rng.choice(["Khiva", "Bukhara", "Termez", "Nukus", None], n), dtype="string")
    kinds = pd.Series(rng.choice(["talks", "arrival", "tour", "signing"], n)).astype("category")
    located = rng.random(n) < 0.85
    codes = group_codes([places], n, keep=located)
    groups = int(codes.max()) + 1
    assert overview._kind_mix(codes, kinds, groups) == _reference_kind_mix(codes, kinds, groups)
    seq = pd.DataFrame({"place": places, "kind": kinds, "event_id": np.arange(n).astype(str),
                        "number": np.arange(1, n + 1), "title": "t"})
    counted = overview._counts(seq, [], "place", codes=codes)
    grouped = np.flatnonzero(codes >= 0)
    _, at = np.unique(codes[grouped], return_index=True)
    assert counted["event_id"].tolist() == [str(i) for i in grouped[at]]
    assert counted["count"].tolist() == np.bincount(codes[grouped]).tolist()
