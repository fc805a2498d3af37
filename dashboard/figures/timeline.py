"""The timeline figure: events in order, one lane per kind, one shaded band per day. Pure (no streamlit)."""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.base import (
    FONT,
    KIND_COLOURS,
    as_text,
    empty_figure,
    hover,
    kinds_in,
    ordinal,
    outline,
    point_ids,
    sequence,
    short_title,
)
from dashboard.figures.overview import timeline_overview, too_many


def timeline_figure(frame: pd.DataFrame, labels: int = 14, focus: str | None = None) -> go.Figure:
    """Events in order, one lane per kind, one band per day; titles drawn when there are few events."""
    if frame.empty:
        return empty_figure("No events match the filters.")
    seq = sequence(frame)
    if too_many(seq, days=True):
        return timeline_overview(seq, focus=focus)
    seq = seq.assign(hover=[hover(r) for r in seq.to_dict("records")])
    lanes = list(dict.fromkeys(seq["kind"].fillna("other").astype(str)))
    fig = go.Figure()
    for kind in kinds_in(seq):
        part = seq[seq["kind"].fillna("other").astype(str) == kind]
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["kind"].fillna("other").astype(str), mode="markers+text", name=kind,
            text=[str(n) for n in part["number"]], textposition="middle center",
            textfont=dict(color="white", size=12, family=FONT), customdata=point_ids(part),
            hovertext=part["hover"], hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(size=26, color=KIND_COLOURS.get(kind, "#6b7280"), line=outline(part, focus, 2)),
        ))
    _day_bands(fig, seq)
    if len(seq) <= labels:
        for row in seq.itertuples():
            fig.add_annotation(x=row.x, y=as_text(row.kind) or "other", text=short_title(as_text(row.title)),
                               showarrow=False, yshift=-30, font=dict(size=11, color="#374151"))
    fig.update_xaxes(tickvals=list(seq["x"]), ticktext=[_axis_label(r) for r in seq.itertuples()],
                     range=[seq["x"].min() - 0.6, seq["x"].max() + 0.6], showgrid=False, zeroline=False,
                     tickfont=dict(size=11), fixedrange=True)
    fig.update_yaxes(categoryorder="array", categoryarray=lanes, autorange="reversed", showgrid=True,
                     gridcolor="#eef0f3", fixedrange=True, title=None, range=[len(lanes) - 0.4, -0.75])
    fig.update_layout(height=max(260, 78 * len(lanes) + 100), plot_bgcolor="white", hovermode="closest",
                      clickmode="event+select", dragmode=False, font=dict(family=FONT),
                      legend=dict(orientation="h", yanchor="bottom", y=1.06, xanchor="left", x=0, title=None),
                      margin=dict(l=10, r=10, t=60, b=10), hoverlabel=dict(align="left", bgcolor="white"))
    return fig


def _axis_label(row: object) -> str:
    time = as_text(getattr(row, "time", None))
    if time:
        return time
    total = int(getattr(row, "day_total", 1))
    return f"{ordinal(int(getattr(row, 'slot', 1)))} of {total}" if total > 1 else ""


def _day_bands(fig: go.Figure, seq: pd.DataFrame) -> None:
    """One shaded band and one heading per day, set in one layout update (plotly re-validates per add)."""
    shapes, notes = [], []
    for i, (day, part) in enumerate(seq.groupby("day", sort=False)):
        x0, x1 = part["x"].min() - 0.45, part["x"].max() + 0.45
        shapes.append(dict(type="rect", x0=x0, x1=x1, y0=0, y1=1, yref="paper", layer="below", line_width=0,
                           fillcolor="#f1f5f9" if i % 2 == 0 else "#e8eef6"))
        count = f" · {len(part)} events" if len(part) > 1 else ""
        notes.append(dict(x=(x0 + x1) / 2, y=1, yref="paper", yanchor="top", showarrow=False,
                          text=f"<b>{html.escape(day)}</b>{count}", font=dict(size=12, color="#1f2937")))
    fig.update_layout(shapes=[*fig.layout.shapes, *shapes], annotations=[*fig.layout.annotations, *notes])


