"""The timeline figure. Pure (no streamlit).

One visit (the itinerary): events in order, one lane per kind, one shaded band per day, labelled by
their clock time or their order within the day. Several visits: a true date axis with a range
slider, zoom and pan, one lane per visit (with more than :data:`MAX_LANES` visits, one per kind)
and colours by kind; events of a day are spread over the day in their order (their hover says the
time, or the order; no hour is invented). Within a lane, events that would cover each other at the
default zoom take rows of their own (numeric lanes on y), so each event is its own marker at any zoom.
Too many events: the counts of ``overview``.
"""
from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.base import (
    FONT,
    KIND_COLOURS,
    as_text,
    build,
    chart_layout,
    day_stamps,
    empty_figure,
    hovers,
    kind_name,
    kind_rows,
    legend_row,
    nth_of,
    only,
    outline_of,
    point_ids,
    sequence,
    several_visits,
    short_title,
    visit_keys,
)
from dashboard.figures.overview import timeline_overview, too_many
from dashboard.i18n import N_, _, n_

MAX_LANES = 12          # several visits: one lane per visit up to this many visits, else one per kind
MAX_BANDS = 400         # day bands drawn on the date axis, up to this many days with events
DAY_FORMAT = "%-d %b %Y"
# Ticks in days at every zoom: below a day's spacing a tick still names its day, never an hour (events
# without a clock time are spread over their day by their order, not at a time of day).
DAY_TICKS = [dict(dtickrange=[None, 86_400_000], value=DAY_FORMAT),
             dict(dtickrange=[86_400_000, 604_800_000], value="%-d %b"),
             dict(dtickrange=[604_800_000, "M1"], value="%-d %b"),
             dict(dtickrange=["M1", None], value="%b %Y")]
NO_VISIT = N_("Not in a visit")
PLOT_PX = 560           # the date axis's width at the default zoom, at the least (narrowest layout)
MARKER_PX = 22          # two markers' centres at least this far apart in a lane's row at the default zoom
ROW_PX = 24             # a row of a lane, in px
MAX_ROWS = 12           # rows of one lane, at the most: past it markers share the least recently used row


def timeline_figure(frame: pd.DataFrame, labels: int = 14, focus: str | None = None,
                    visits: Mapping[str, str] | None = None) -> go.Figure:
    """The itinerary of one visit, or several visits on a date axis (``visits``: id -> name)."""
    if frame.empty:
        return empty_figure(_("No events match the filters."))
    seq = sequence(frame)
    if too_many(seq, days=True):
        return timeline_overview(seq, focus=focus)
    if several_visits(seq):
        return dates_figure(seq, visits or {}, focus)
    drawn = ("event_id", "number", "kind", "title", "x", "day", "slot", "day_total", "time")
    seq = only(seq, drawn).assign(hover=hovers(seq))
    lanes = list(dict.fromkeys(seq["kind"].fillna("other").astype(str)))
    x, numbers, ids = seq["x"].to_numpy(dtype=float), seq["number"].tolist(), point_ids(seq)
    hover = seq["hover"].to_numpy(dtype=object)
    traces = []
    for kind, rows in kind_rows(seq):
        part_ids = [ids[i] for i in rows]
        traces.append(dict(
            type="scatter", x=x[rows], y=[kind] * len(rows), mode="markers+text",
            name=kind_name(kind), text=[str(numbers[i]) for i in rows], textposition="middle center",
            textfont=dict(color="white", size=12, family=FONT), customdata=part_ids,
            hovertext=hover[rows], hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(size=26, color=KIND_COLOURS.get(kind, "#6b7280"),
                        line=outline_of([i[0] for i in part_ids], focus, 2)),
        ))
    shapes, notes = _day_bands(seq)
    if len(seq) <= labels:
        notes += [dict(x=row.x, y=as_text(row.kind) or "other", text=short_title(as_text(row.title)),
                       showarrow=False, yshift=-30, font=dict(size=11, color="#374151"))
                  for row in seq.itertuples()]
    xaxis = dict(tickvals=list(seq["x"]), ticktext=[_axis_label(r) for r in seq.itertuples()],
                 range=[seq["x"].min() - 0.6, seq["x"].max() + 0.6], showgrid=False, zeroline=False,
                 tickfont=dict(size=11), fixedrange=True)
    yaxis = dict(categoryorder="array", categoryarray=lanes, tickvals=lanes,
                 ticktext=[kind_name(k) for k in lanes], autorange="reversed", showgrid=True,
                 gridcolor="#eef0f3", fixedrange=True, range=[len(lanes) - 0.4, -0.75])
    return build(traces, chart_layout(max(260, 78 * len(lanes) + 100), dict(l=10, r=10, t=60, b=10),
                                      dragmode=False, legend=legend_row(1.06), xaxis=xaxis, yaxis=yaxis,
                                      shapes=shapes, annotations=notes))


def _axis_label(row: object) -> str:
    time = as_text(getattr(row, "time", None))
    if time:
        return time
    total = int(getattr(row, "day_total", 1))
    return nth_of(int(getattr(row, "slot", 1)), total) if total > 1 else ""


def _day_bands(seq: pd.DataFrame) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """One shaded band and one heading per day."""
    shapes: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    for i, (day, part) in enumerate(seq.groupby("day", sort=False)):
        x0, x1 = part["x"].min() - 0.45, part["x"].max() + 0.45
        shapes.append(dict(type="rect", x0=x0, x1=x1, y0=0, y1=1, yref="paper", layer="below",
                           line=dict(width=0), fillcolor="#f1f5f9" if i % 2 == 0 else "#e8eef6"))
        count = " · " + n_("{n} event", "{n} events", len(part)).format(n=len(part)) if len(part) > 1 else ""
        notes.append(dict(x=(x0 + x1) / 2, y=1, yref="paper", yanchor="top", showarrow=False,
                          text=f"<b>{html.escape(day)}</b>{count}", font=dict(size=12, color="#1f2937")))
    return shapes, notes


def lane_name(label: str) -> str:
    """A visit's lane: the first two parts of its list label ("Title · dates"), on two lines."""
    parts = label.split(" · ")
    return "<br>".join(html.escape(p) for p in parts[:2])


def day_positions(seq: pd.DataFrame) -> pd.Series:
    """Each event's x on the date axis: its day, with a day's events spread over it in their order."""
    stamps = day_stamps(seq)
    fraction = (seq["slot"] - 0.5) / seq["day_total"]
    return stamps + pd.to_timedelta(0.1 + 0.8 * fraction, unit="D")


def dates_figure(seq: pd.DataFrame, visits: Mapping[str, str], focus: str | None = None) -> go.Figure:
    """Several visits on a date axis with a range slider; undated events are left to the table."""
    keys = visit_keys(seq)
    visit_word = _("Visit:")
    by_visit = len(set(keys)) <= MAX_LANES
    lane = [lane_name(visits[k]) if k in visits else _(NO_VISIT) for k in keys]
    kinds = seq["kind"].fillna("other").astype(str)
    seq = only(seq, ("event_id", "number", "kind")).assign(
        _x=day_positions(seq), _lane=lane if by_visit else kinds,
        hover=[f"{h}<br><br>{visit_word} {html.escape(visits.get(k, _(NO_VISIT)))}"
               for h, k in zip(hovers(seq), keys, strict=True)])
    undated = int(seq["_x"].isna().sum())
    seq = seq[seq["_x"].notna()]
    if seq.empty:
        return empty_figure(_("None of these events has a date."))
    seq = seq.sort_values("_x", kind="stable")
    first, last = seq["_x"].min().normalize(), seq["_x"].max().normalize() + pd.Timedelta(days=1)
    pad = max(pd.Timedelta(days=1), (last - first) * 0.03)
    span = (last - first) + 2 * pad
    lanes = list(dict.fromkeys(seq["_lane"]))
    rows = lane_rows(seq["_x"], seq["_lane"], span * (MARKER_PX / PLOT_PX))
    y, ticks, tops = lane_heights(seq["_lane"].tolist(), rows, lanes)
    units = tops[-1]
    x, numbers = seq["_x"].to_numpy(), seq["number"].tolist()
    ids, hover = point_ids(seq), seq["hover"].to_numpy(dtype=object)
    traces = []
    for kind, at in kind_rows(seq):
        part_ids = [ids[i] for i in at]
        traces.append(dict(
            type="scatter", x=x[at], y=y[at],
            mode="markers+text", name=kind_name(kind), text=[str(numbers[i]) for i in at],
            textposition="middle center",
            textfont=dict(color="white", size=10, family=FONT), customdata=part_ids,
            hovertext=hover[at], hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(size=20, color=KIND_COLOURS.get(kind, "#6b7280"),
                        line=outline_of([i[0] for i in part_ids], focus, 1.5)),
        ))
    xaxis = dict(type="date", range=[first - pad, last + pad], showgrid=True, gridcolor="#eef0f3",
                 zeroline=False, rangeslider=dict(visible=True, thickness=0.12), hoverformat=DAY_FORMAT,
                 tickformatstops=DAY_TICKS)
    yaxis = dict(tickvals=[ticks[lane] for lane in lanes], ticktext=lanes, autorange=False,
                 range=[units, 0], showgrid=False, zeroline=False, fixedrange=True, tickfont=dict(size=11))
    separators = [dict(type="line", xref="paper", x0=0, x1=1, y0=b, y1=b, layer="below",
                       line=dict(color="#d1d5db", width=1)) for b in tops[:-1]]
    notes = []
    if undated:
        text = n_("{n} undated event: in the table, not here", "{n} undated events: in the table, not here",
                  undated).format(n=undated)
        notes.append(dict(text=text, x=1, y=1.04, xref="paper", yref="paper", xanchor="right",
                          yanchor="bottom", showarrow=False, font=dict(size=11, color="#6b7280")))
    return build(traces, chart_layout(max(300, int(ROW_PX * units) + 190), dict(l=10, r=10, t=50, b=10),
                                      dragmode="zoom", legend=legend_row(1.04), xaxis=xaxis, yaxis=yaxis,
                                      annotations=notes, shapes=[*day_bands(seq["_x"]), *separators]))


def lane_rows(x: pd.Series, lane: pd.Series, near: pd.Timedelta) -> list[int]:
    """Each event's row within its lane (``x`` ascending): the first row whose last marker is at least
    ``near`` to its left (a marker's width at the default zoom), so no two markers of a lane cover each
    other; past :data:`MAX_ROWS` rows, the row whose last marker is farthest left."""
    gap = near.value
    last: dict[object, list[int]] = {}
    out: list[int] = []
    for at, key in zip(x.to_numpy(dtype="datetime64[ns]").astype("int64").tolist(), lane.tolist(),
                       strict=True):
        ends = last.setdefault(key, [])
        row = next((r for r, end in enumerate(ends) if at - end >= gap), None)
        if row is None and len(ends) < MAX_ROWS:
            ends.append(at)
            row = len(ends) - 1
        elif row is None:
            row = min(range(len(ends)), key=ends.__getitem__)
        ends[row] = at
        out.append(row)
    return out


def lane_heights(lane: list[object], rows: list[int], lanes: list[object]
                 ) -> tuple[np.ndarray, dict[object, float], list[float]]:
    """Numeric lanes: each event's y, each lane's middle (its tick) and each lane's bottom edge (the last
    is the axis's length). A lane with ``n`` rows takes ``n + 1`` units (half a unit above and below)."""
    count = {key: 0 for key in lanes}
    for key, row in zip(lane, rows, strict=True):
        count[key] = max(count[key], row + 1)
    top, base, ticks, tops = 0.0, {}, {}, []
    for key in lanes:
        base[key], ticks[key] = top, top + (count[key] + 1) / 2
        top += count[key] + 1
        tops.append(top)
    y = np.array([base[key] + 1 + row for key, row in zip(lane, rows, strict=True)], dtype=float)
    return y, ticks, tops


def day_bands(x: pd.Series) -> list[dict[str, object]]:
    """A shaded band over each day that has events (up to :data:`MAX_BANDS` days): zoomed in, a day's
    events sit side by side inside their day, in their order, with no hour implied."""
    days = x.dt.normalize().drop_duplicates().sort_values()
    if len(days) > MAX_BANDS:
        return []
    return [dict(type="rect", x0=day, x1=day + pd.Timedelta(days=1), y0=0, y1=1, yref="paper", layer="below",
                 line=dict(width=0), fillcolor="#f1f5f9") for day in days]
