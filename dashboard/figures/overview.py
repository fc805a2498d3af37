"""Overview figures for large timelines: counts per period and kind, counts per place. Pure (no streamlit).

Above :data:`DETAIL_EVENTS` events shown (or, on the timeline, :data:`DETAIL_DAYS` days), one marker,
label and hover per event is neither readable nor quick to draw. The timeline then shows one WebGL
marker per period (day, week or month, whichever keeps about :data:`MAX_PERIODS` periods) and kind,
sized by its count; the map shows one marker per place, sized by its count. Counts are exact (they are
counted on the frame), and a marker's ``customdata`` is the first event it holds, so selecting it opens
that event like a point of the detailed figures.
"""
from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, pairwise

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.compact import filled
from dashboard.figures.base import (
    FONT,
    KIND_COLOURS,
    MAP_SIZE,
    as_text,
    build,
    chart_layout,
    day_label,
    day_stamps,
    empty_figure,
    kind_name,
    kinds_in,
    legend_row,
    only,
    outline,
    outline_of,
    plain_list,
    several_visits,
)
from dashboard.figures.context import Reference, context_parts
from dashboard.figures.view import map_layout, map_view
from dashboard.i18n import N_, _, n_, number
from dashboard.schema import first_rows, group_codes

DETAIL_EVENTS = 400     # up to this many events shown, each event is drawn
DETAIL_DAYS = 45        # and the timeline draws one band per day up to this many days
MAX_PERIODS = 120       # the overview's periods: days, else weeks, else months, to stay near this
_LABELLED_PLACES = 25   # the map writes the count next to the busiest places only


@dataclass(frozen=True, slots=True)
class Period:
    """How the overview groups dates: pandas' period code and how a period is named."""

    code: str      # "D", "W" or "M"
    name: str      # "day", "week", "month"


PERIODS: tuple[Period, ...] = (Period("D", N_("day")), Period("W", N_("week")), Period("M", N_("month")))


def too_many(seq: pd.DataFrame, days: bool = False) -> bool:
    """Whether to draw the overview: more than DETAIL_EVENTS events, or (``days``) more than DETAIL_DAYS
    days of one visit's itinerary (several visits are drawn on a date axis, which has no day bands)."""
    if len(seq) > DETAIL_EVENTS:
        return True
    return (days and "date" in seq and not several_visits(seq)
            and seq["date"].nunique(dropna=True) > DETAIL_DAYS)


def period_for(stamps: pd.Series) -> Period:
    """The finest period that keeps the span within about MAX_PERIODS periods."""
    known = stamps.dropna()
    span = (known.max() - known.min()).days + 1 if len(known) else 1
    if span <= MAX_PERIODS:
        return PERIODS[0]
    return PERIODS[1] if span <= MAX_PERIODS * 7 else PERIODS[2]


def _period_label(start: pd.Timestamp, period: Period) -> str:
    if period.code == "D":
        return day_label(start.date().isoformat())
    if period.code == "W":
        return _("week of {day}").format(day=day_label(start.date().isoformat()))
    return day_label(start.date().isoformat(), "month")


def overview_note(seq: pd.DataFrame) -> str | None:
    """A sentence for the page when the figures show the overview, else None."""
    if not too_many(seq, days=True):
        return None
    stamps = day_stamps(seq)
    period = period_for(stamps)
    undated = int(stamps.isna().sum())
    extra = (" " + n_("{n} undated event is in the table, not on the timeline.",
                      "{n} undated events are in the table, not on the timeline.", undated).format(
        n=number(undated))) if undated else ""
    return _("{n} events: the timeline counts them per {period} and kind, the map per place (the size of a "
             "marker is its count). Narrow the filters to {most} events or fewer (for one visit, over {days} "
             "days or fewer) to see each event.").format(n=number(len(seq)), period=_(period.name),
                                                         most=number(DETAIL_EVENTS), days=DETAIL_DAYS) + extra


def _counts(seq: pd.DataFrame, keys: list[str], *also: str, codes: np.ndarray | None = None) -> pd.DataFrame:
    """One row per group of ``keys`` in order of first appearance: its size, its first event (id, number,
    title), and ``also``'s value there (like ``agg("first")``: a group's first value that is not missing;
    worked out on numpy codes, which is ~10x quicker than pandas' groupby on the Arrow columns)."""
    if "event_id" not in seq:
        seq = seq.assign(event_id=seq.index.astype(str))
    codes = group_codes([seq[key] for key in keys], len(seq)) if codes is None else codes
    first = first_rows(codes)           # groups are numbered in order of appearance
    out = {key: seq[key].iloc[first].reset_index(drop=True) for key in keys}
    out["count"] = pd.Series(np.bincount(codes[codes >= 0], minlength=len(first)))
    for name in dict.fromkeys(["event_id", "number", "title", *also]):
        if name not in out:
            out[name] = pd.Series(_first_present(seq[name], codes, first), dtype=object)
    return pd.DataFrame(out)


def _first_present(column: pd.Series, codes: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Per group (``first``: each group's first row), the first value of ``column`` that is not
    missing, else None; only the groups whose first row lacks it are searched further."""
    values = column.iloc[first].to_numpy(dtype=object, na_value=None)
    gaps = np.array([v is None for v in values], dtype=bool)
    if gaps.any():       # searched only among the rows of the groups that lack it
        wanted_rows = np.isin(codes, np.flatnonzero(gaps))
        present = np.flatnonzero(column.notna().to_numpy() & wanted_rows)
        found, at = np.unique(codes[present], return_index=True)
        values[found] = column.iloc[present[at]].to_numpy(dtype=object, na_value=None)
    return values


def _array(values: Sequence[object]) -> np.ndarray:
    """An object array for a figure's per-point texts: plotly copies an array at once, a list item by item."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _ids(groups: pd.DataFrame) -> np.ndarray:
    """Each marker's customdata [first event id, its number, the count], as rows of a 2-D object array
    (plotly deep-copies it twice per rerun: element by element, not list by list)."""
    out = np.empty((len(groups), 3), dtype=object)
    out[:, 0] = [as_text(e) for e in plain_list(groups, "event_id")]
    out[:, 1] = [int(n) for n in groups["number"].tolist()]
    out[:, 2] = groups["count"].tolist()
    return out


def _size(count: pd.Series, biggest: int) -> list[float]:
    scale = 34 / math.sqrt(max(biggest, 1))
    return [round(8 + scale * math.sqrt(c), 1) for c in count]


def _firsts(groups: pd.DataFrame) -> list[str]:
    first = _("first:")
    return [f"{first} {int(n)}. {html.escape(as_text(t))}" for n, t in zip(groups["number"].tolist(),
                                                                          plain_list(groups, "title"),
                                                                          strict=True)]


OVERVIEW_COLUMNS = ("event_id", "number", "title")     # what the timeline's counts read besides the kinds


def timeline_overview(seq: pd.DataFrame, focus: str | None = None) -> go.Figure:
    """Counts per period and kind on a date axis (WebGL markers); undated events are left to the table."""
    stamps = day_stamps(seq)
    # only the columns drawn, and the kinds on their codes: a filter to the dated events (a desk's frame
    # has undated ones) copied all ~45 columns of the rows, and the kinds' text was made per row
    frame = only(seq, OVERVIEW_COLUMNS).assign(_stamp=stamps, kind=filled(seq["kind"], "other"))
    dated = stamps.notna().to_numpy()
    frame = frame if dated.all() else frame[dated]
    if frame.empty:
        return empty_figure(_("None of these events has a date."))
    period = period_for(frame["_stamp"])
    frame = frame.assign(_period=frame["_stamp"].dt.to_period(period.code).dt.start_time)
    groups = _counts(frame, ["_period", "kind"])
    sizes = np.array(_size(groups["count"], int(groups["count"].max())))
    ids, hover = _ids(groups), _array(_period_hover(groups, period))
    kinds = groups["kind"].to_numpy(dtype=object)
    periods = groups["_period"].to_numpy()
    lanes = kinds_in(frame)
    traces = []
    for kind in lanes:
        rows = np.flatnonzero(kinds == kind)
        traces.append(dict(
            type="scattergl", x=periods[rows], y=kinds[rows], mode="markers", name=kind_name(kind),
            hovertext=hover[rows], hovertemplate="%{hovertext}<extra></extra>", customdata=ids[rows],
            marker=dict(size=sizes[rows].tolist(), color=KIND_COLOURS.get(kind, "#6b7280"), opacity=0.85,
                        line=outline_of(ids[rows, 0].tolist(), focus, 1)),
        ))
    grid = dict(showgrid=True, gridcolor="#eef0f3", fixedrange=True)
    return build(traces, chart_layout(
        max(260, 46 * len(lanes) + 110), dict(l=10, r=10, t=50, b=10), dragmode=False,
        legend=legend_row(1.02),
        xaxis=dict(type="date", zeroline=False, **grid),
        yaxis=dict(categoryorder="array", categoryarray=lanes, tickvals=lanes,
                   ticktext=[kind_name(k) for k in lanes], autorange="reversed", **grid)))


def _period_hover(groups: pd.DataFrame, period: Period) -> list[str]:
    labels: dict[pd.Timestamp, str] = {}
    for stamp in groups["_period"].drop_duplicates():
        labels[stamp] = html.escape(_period_label(stamp, period))
    return [f"<b>{labels[p]}</b><br>{html.escape(kind_name(k))}: {_events(c)}<br>{first}"
            for p, k, c, first in zip(groups["_period"], groups["kind"].tolist(), groups["count"].tolist(),
                                      _firsts(groups), strict=True)]


def _events(n: int) -> str:
    return n_("{n} event", "{n} events", n).format(n=number(n))


AREA_COLUMNS = ("place", "city", "region", "country")


def _place_codes(seq: pd.DataFrame, lat: np.ndarray, lon: np.ndarray, located: np.ndarray) -> np.ndarray:
    """Group the ``located`` rows by gazetteer id and point rounded to ~100 m (an event without an id
    has its point); the other rows are in no group (-1)."""
    ids = filled(seq["place_id"], "") if "place_id" in seq else np.zeros(len(seq), dtype=np.int64)
    rounded = (point.round(3) for point in (lat, lon))      # made one at a time, as group_codes reaches them
    return group_codes(chain([ids], rounded), len(seq), keep=located)


def _kind_mix(codes: np.ndarray, kinds: pd.Series, groups: int) -> list[str]:
    """Per group code 0..groups-1: "12 talks · 3 arrival", most frequent first (ties: the kind seen
    first at that place)."""
    kind_codes, uniques = pd.factorize(kinds)
    names = [html.escape(kind_name(name)) for name in uniques.tolist()]    # a list: indexing an Index is slow
    width = len(names)
    grouped = np.flatnonzero(codes >= 0)
    pair = codes[grouped]
    pair *= width
    pair += kind_codes[grouped]
    del kind_codes
    # per (group, kind): the count and the first row, on tables of groups * kinds (a sort of the rows' pairs
    # made several row-sized arrays at the map's peak)
    counts = np.bincount(pair, minlength=groups * width)
    first = np.full(groups * width, len(codes), dtype=np.int64)
    np.minimum.at(first, pair, grouped)
    pairs = np.flatnonzero(counts)
    first, counts = first[pairs], counts[pairs]
    order = np.lexsort((first, -counts, pairs // width))
    pairs, counts = pairs[order], counts[order]          # by group, then most frequent first
    texts = [f"{number(n)} {names[k]}"
             for n, k in zip(counts.tolist(), (pairs % width).tolist(), strict=True)]
    bounds = np.searchsorted(pairs // width, np.arange(groups + 1)).tolist()
    return [" · ".join(texts[a:b]) for a, b in pairwise(bounds)]


def map_overview(seq: pd.DataFrame, basemap: str = "offline", height: int = MAP_SIZE[1],
                 focus: str | None = None, context: Reference | None = None) -> go.Figure:
    """One marker per place, sized by how many of the events shown happened there; no route. The
    offline map also names the places around (``context``, see :func:`dashboard.figures.context`)."""
    lat = seq["lat"].to_numpy(dtype=float, na_value=np.nan)
    lon = seq["lon"].to_numpy(dtype=float, na_value=np.nan)
    located = ~np.isnan(lat) & ~np.isnan(lon)      # grouped where they are, not copied out
    if not located.any():
        return empty_figure(_("No event with a known place matches the filters."), height=height)
    codes = _place_codes(seq, lat, lon, located)
    groups = _counts(seq, [], "lat", "lon", *(c for c in AREA_COLUMNS if c in seq), codes=codes)
    groups["mix"] = _kind_mix(codes, filled(seq["kind"], "other"), len(groups))
    groups = groups.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
    name = [as_text(p) or as_text(c) or _("place unknown")
            for p, c in zip(plain_list(groups, "place"), plain_list(groups, "city"), strict=True)]
    hover = [f"<b>{html.escape(n)}</b><br>{_events(c)}: {m}<br>{first}"
             for n, c, m, first in zip(name, groups["count"].tolist(), groups["mix"].tolist(),
                                       _firsts(groups), strict=True)]
    osm = basemap == "osm"
    sizes = _size(groups["count"], int(groups["count"].max()))
    marker = dict(size=sizes, color="#0f766e", opacity=0.8)
    if not osm:
        marker["line"] = outline(groups, focus, 1)
    labels = [number(c) if i < _LABELLED_PLACES else "" for i, c in enumerate(groups["count"])]
    view = map_view(pd.DataFrame({"lat": lat[located], "lon": lon[located]}))
    traces: list[dict[str, object]] = [dict(
        type="scattermap" if osm else "scattergeo", lat=groups["lat"].to_numpy(dtype=float),
        lon=groups["lon"].to_numpy(dtype=float), mode="markers+text", name="places", marker=marker,
        text=_array(labels), textposition="top center", textfont=dict(size=12, color="#111827", family=FONT),
        customdata=_ids(groups), hovertext=_array(hover), hovertemplate="%{hovertext}<extra></extra>",
    )]
    notes: list[dict[str, object]] = []
    if context is not None and not osm:      # after the counts: they stay the first trace
        radius = [size / 2 for size in sizes]
        drawn = groups.assign(label=labels, spot="top center", radius=radius)
        more, notes = context_parts(drawn, view, context)
        traces += more
    return build(traces, map_layout(view, osm, height, notes))
