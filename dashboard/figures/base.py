"""What the timeline and the map share: colours, date labels, the event sequence, hovers. Pure (no streamlit).

The timeline's x axis is a sequence, not a clock: each event takes one slot, the slots of a day share
a band labelled with the date, and an event without a clock time is labelled by its order within its
day ("5 Apr 2024 · 2nd of 5"). No hour is ever invented.
"""
from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import i18n
from dashboard.figures.order import in_timeline_order, text_codes
from dashboard.i18n import _, n_
from dashboard.schema import KINDS, missing
from dashboard.vocab import EVENT_KINDS, page_name

KIND_COLOURS: dict[str, str] = {k.name: k.colour for k in EVENT_KINDS.values()}   # data/event_kinds.csv
DAY_GAP = 0.8            # extra x distance between two days' bands
MAP_SIZE = (720, 460)    # the size the OSM zoom is computed for, in px
FONT = "Source Sans Pro, Segoe UI, sans-serif"


def ordinal(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def as_text(value: object) -> str:
    return "" if missing(value) else str(value)


_TOTAL = "\x00"     # where the day's total goes in a worded order (:func:`_whens`)


def nth_of(slot: int, total: int) -> str:
    """An event's order within its day, in the page's language: "2nd of 5" (``total`` 0: the total's
    place is left as :data:`_TOTAL`)."""
    # TRANSLATORS: an event's order within its day; {nth} is English's "2nd", {n} the bare number (2).
    return _("{nth} of {total}").format(nth=ordinal(slot), n=slot, total=total or _TOTAL)


def kind_name(kind: object) -> str:
    """An event kind, place kind or status as the page names it in its language (data/*.csv)."""
    return page_name(as_text(kind), i18n.current())


def day_label(date: object, precision: object = "day") -> str:
    """A date as people read it, only as precise as it is known, in the page's language: "5 Apr 2024",
    "Apr 2024", "2024" (English; Babel's CLDR patterns from the catalogue otherwise)."""
    text = as_text(date)
    try:
        parsed = dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        parsed = None
    prec = as_text(precision) or "day"
    if parsed and prec == "day":
        return i18n.day(parsed)
    if len(text) >= 7 and prec in ("day", "month"):
        try:
            return i18n.month(dt.date.fromisoformat(text[:7] + "-01"))
        except ValueError:
            return text
    if len(text) >= 4 and prec in ("day", "month", "year"):
        return text[:4]
    return _("date unknown")


LAYOUT_COLUMNS: tuple[str, ...] = ("day", "number", "slot", "day_total", "x", "when")


def plain_list(frame: pd.DataFrame, name: str, default: object = None) -> list[object]:
    """A column as Python values with None for missing (arrow-backed columns iterate slowly)."""
    if name not in frame:
        return [default] * len(frame)
    return frame[name].to_numpy(dtype=object, na_value=None).tolist()


def is_sequenced(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` is already :func:`sequence`'s output (its numbers run 1..n in row order)."""
    if not set(LAYOUT_COLUMNS) <= set(frame.columns) or not isinstance(frame.index, pd.RangeIndex):
        return False
    numbers = frame["number"].to_numpy()
    return bool(len(numbers) == 0 or (numbers == np.arange(1, len(numbers) + 1)).all())


def sequence(frame: pd.DataFrame, days: np.ndarray | None = None,
             stamps: np.ndarray | None = None) -> pd.DataFrame:
    """``frame`` in timeline order with layout columns added (a frame that already has them is returned).

    Days ascend; undated events come last. Within a day, events with a clock time are in clock order
    and the others keep the frame's own (the store's) order, in the slots they had.
    Added: ``number`` (1..n, as on the map), ``day`` (band label), ``slot`` and ``day_total``,
    ``when`` (the honest label), ``x`` (position on the sequence axis).

    Also ``_stamp``, each row's day as a timestamp (:func:`day_stamps`), which the figures and the
    overview note then read instead of parsing the dates again.

    ``days`` and ``stamps``: each row's day label and day stamp, given when ``frame``'s rows are already in
    timeline order (rows kept from a frame in that order stay in it); the ordering, the labels and the
    stamps are then not worked out again.
    """
    if is_sequenced(frame):
        return frame
    out = in_timeline_order(frame) if days is None else frame.reset_index(drop=True)
    day = day_labels(out) if days is None else np.asarray(days, dtype=object)
    codes = pd.factorize(day)[0] if len(day) else np.zeros(0, dtype=int)
    slot = pd.Series(codes).groupby(codes).cumcount().to_numpy() + 1
    total = np.bincount(codes)[codes] if len(codes) else np.zeros(0, dtype=int)
    day_index = np.cumsum(np.r_[False, day[1:] != day[:-1]]) if len(day) else np.zeros(0, dtype=int)
    layout = {"day": day, "number": np.arange(1, len(out) + 1), "slot": slot, "day_total": total,
              "x": np.arange(len(out)) + day_index * DAY_GAP, "when": _whens(out, day, slot, total)}
    columns = {name: pd.Series(layout[name], dtype=object, copy=False) if name == "day" else layout[name]
               for name in LAYOUT_COLUMNS}    # the day labels: a few hundred strings, each row's shared
    # the labels and stamps given are taken as they are (the page's whole read's: not copied again)
    columns[STAMP] = day_stamps(out).to_numpy() if stamps is None else pd.Series(stamps, copy=False)
    return out.assign(**columns)


STAMP = "_stamp"      # the day stamp column :func:`sequence` adds


def day_stamps(seq: pd.DataFrame) -> pd.Series:
    """Each event's day as a timestamp (NaT when undated); a month or year date gives its first day.
    A sequenced frame has them already (``_stamp``)."""
    if STAMP in seq:
        return seq[STAMP]
    dates = seq["date"] if "date" in seq else pd.Series(pd.NA, index=seq.index, dtype="string")
    codes, distinct = pd.factorize(dates)     # parsed once per distinct date (a categorical's codes)
    parsed = pd.DatetimeIndex(pd.to_datetime(pd.Series(distinct, dtype="string").str[:10], format="ISO8601",
                                             errors="coerce"))
    return pd.Series(parsed.take(codes, allow_fill=True, fill_value=pd.NaT), index=seq.index)


def visit_keys(frame: pd.DataFrame) -> list[str]:
    """Each event's visit (the frame's ``visit`` column: a visit id, else its article's id), or "" for all
    when the frame has none."""
    if "visit" not in frame:
        return [""] * len(frame)
    return [as_text(v) for v in frame["visit"].astype(object).tolist()]


def several_visits(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` holds events of more than one visit (or of articles in no visit)."""
    return "visit" in frame and frame["visit"].nunique(dropna=True) > 1


def day_labels(out: pd.DataFrame) -> np.ndarray:
    """:func:`day_label` of each row, worked out once per distinct (date, precision) and kept between
    reruns (:func:`_cached_day_label`)."""
    if not len(out):
        return np.array([], dtype=object)
    date_codes, date_values = _distinct(out, "date", "")
    precision_codes, precision_values = _distinct(out, "date_precision", "day")
    width = len(precision_values)
    pairs, codes = np.unique(date_codes * width + precision_codes, return_inverse=True)
    lang = i18n.current()
    labels = [_cached_day_label(date_values[p // width], precision_values[p % width], lang)
              for p in pairs.tolist()]
    return np.array(labels, dtype=object)[codes]


def _distinct(out: pd.DataFrame, name: str, missing: str) -> tuple[np.ndarray, list[str]]:
    """Each row's index among a text column's distinct values (missing and "" as ``missing``), worked
    out on the column itself: no Python string per row (100k of them for each column at 100k events)."""
    if name not in out:
        return np.zeros(len(out), dtype=np.intp), [missing]
    codes, distinct = pd.factorize(out[name])
    values = [str(v) or missing for v in distinct] + [missing]      # a missing value's code -1: the last
    return np.where(codes < 0, len(values) - 1, codes), values


@lru_cache(maxsize=1 << 16)
def _cached_day_label(date: str, precision: str, lang: str) -> str:
    with i18n.using(lang):
        return day_label(date, precision)


WHEN_CHUNK = 10_000       # rows whose labels are made at once


def _whens(out: pd.DataFrame, day: np.ndarray, slot: np.ndarray, total: np.ndarray) -> Any:
    """The honest label of each row: "5 Apr 2024 · 10:30", "5 Apr 2024 · 2nd of 5" or "5 Apr 2024"
    (the order within the day worded once per distinct slot around the day's total, in the page's
    language). Held as Arrow strings and put together by Arrow from the distinct days, clock times and
    slots, :data:`WHEN_CHUNK` rows at a time: no Python string per row (100k of them, and the clock
    times' 100k, left the heap fragmented under the rest of the load)."""
    if not len(day):
        return pd.array([], dtype="string")
    text = pa.large_string()
    parts = [nth_of(s, 0).partition(_TOTAL)[::2] for s in range(int(slot.max()) + 1)]
    before, after = (pa.array([p[i] for p in parts], type=text) for i in (0, 1))
    day_codes, day_texts = pd.factorize(day)
    days = pa.array(day_texts.tolist(), type=text)
    time_codes, time_texts = text_codes(out["time"]) if "time" in out else (np.zeros(len(day), int), [""])
    times, chunks = pa.array(time_texts, type=text), []
    empty, dot = pa.scalar("", text), pa.scalar(" · ", text)
    for lo in range(0, len(day), WHEN_CHUNK):
        rows = slice(lo, lo + WHEN_CHUNK)
        d, t, s, n = days.take(day_codes[rows]), times.take(time_codes[rows]), slot[rows], total[rows]
        nth = pc.binary_join_element_wise(before.take(s), pc.cast(pa.array(n), text), after.take(s), empty)
        tail = pc.if_else(pc.not_equal(t, ""), t, pc.if_else(pa.array(n > 1), nth, pa.nulls(len(t), text)))
        chunks.append(pc.coalesce(pc.binary_join_element_wise(d, tail, dot), d))
    return pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=text), dtype=pd.StringDtype("pyarrow"))


def _wrap(text: str, width: int = 70, lines: int = 4) -> str:
    """Escaped, wrapped text for plotly's hover (which renders a little HTML)."""
    parts = textwrap.wrap(as_text(text), width=width) or [""]
    if len(parts) > lines:
        parts = [*parts[:lines - 1], parts[lines - 1][: width - 1] + "…"]
    return "<br>".join(html.escape(p) for p in parts)


HOVER_COLUMNS = ("number", "title", "place", "place_precision", "when", "kind", "status", "n_sources",
                 "evidence")


def only(frame: pd.DataFrame, names: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """``frame`` cut to the columns of ``names`` it has: a figure's per-kind slices and per-row dicts then
    copy a dozen columns, not the timeline's ~40."""
    return frame[[c for c in dict.fromkeys(names) if c in frame.columns]]


def hovers(frame: pd.DataFrame) -> list[str]:
    """:func:`hover` of each row."""
    return [hover(r) for r in only(frame, HOVER_COLUMNS).to_dict("records")]


def hover(row: Mapping[str, object]) -> str:
    place = as_text(row.get("place")) or _("place unknown")
    precision = as_text(row.get("place_precision"))
    if precision and precision != "exact" and as_text(row.get("place")):
        known = _(" (only the {precision} is known)").format(precision=kind_name(precision))
        place += _(" (inferred from the story)") if precision == "inferred" else known
    planned = _(" · <b>planned</b> (announced, not reported as done)") if row.get("status") == "planned" \
        else ""
    n_src = row.get("n_sources")
    count = int(n_src) if isinstance(n_src, int | float) and not pd.isna(n_src) else 0
    sources = " · " + n_("{n} source", "{n} sources", count).format(n=count) if count > 1 else ""
    return (f"<b>{row['number']}. {html.escape(as_text(row.get('title')))}</b><br>"
            f"{html.escape(place)}<br>{html.escape(as_text(row.get('when')))}"
            f" · <i>{html.escape(kind_name(row.get('kind')))}</i>{planned}{sources}<br><br>"
            f"<i>{_wrap(as_text(row.get('evidence')))}</i>")


def kinds_in(frame: pd.DataFrame) -> list[str]:
    """The kinds present, known ones in schema order first."""
    codes, texts = text_codes(frame["kind"], "other") if len(frame) else (np.zeros(0, int), [])
    present = [texts[c] for c in pd.unique(codes).tolist()]      # in order of appearance, per distinct kind
    return [k for k in KINDS if k in present] + [k for k in present if k not in KINDS]


def kind_rows(frame: pd.DataFrame) -> list[tuple[str, np.ndarray]]:
    """Each kind present (:func:`kinds_in` order) with its rows' positions: a figure takes its columns
    once and slices them per kind (a boolean slice of the frame per kind cost ~0.4 ms each)."""
    codes, texts = text_codes(frame["kind"], "other")
    kinds = np.array(texts, dtype=object)[codes]
    return [(kind, np.flatnonzero(kinds == kind)) for kind in kinds_in(frame)]


def point_ids(part: pd.DataFrame) -> list[list[object]]:
    ids = plain_list(part, "event_id") if "event_id" in part else part.index.tolist()
    return [[as_text(i), int(n)] for i, n in zip(ids, part["number"].tolist(), strict=True)]


def short_title(title: str, width: int = 22) -> str:
    lines = textwrap.wrap(title, width=width) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return "<br>".join(html.escape(line) for line in lines)


def build(traces: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure made at once from trace dicts (each with its ``type``) and a layout dict.

    Plotly then validates each property once; ``add_trace``, ``add_annotation``, ``update_layout`` and
    ``update_xaxes`` run their update machinery per call (the map's layout alone took ~30 ms that way,
    ~5 ms at once), so the figures never use them. Nor does plotly validate them (``_validate=False``,
    ~40 % of a figure's time): the dicts are written in plotly's own nested form (no ``line_width``
    shorthand, no ``None`` for "unset"), which is what validation would send; tests/test_figures.py
    compares the JSON of both ways.
    """
    layout = {k: v for k, v in layout.items() if not (isinstance(v, list) and not v)}   # no empty lists
    return go.Figure(data=traces, layout=layout, _validate=False)


def chart_layout(height: int, margin: dict[str, int], **extra: object) -> dict[str, object]:
    """What the timeline and its overview share: white plot, hover and click behaviour, font, legend row."""
    return dict(height=height, plot_bgcolor="white", hovermode="closest", clickmode="event+select",
                font=dict(family=FONT), margin=margin, hoverlabel=dict(align="left", bgcolor="white"),
                **extra)


def legend_row(y: float) -> dict[str, object]:
    return dict(orientation="h", yanchor="bottom", y=y, xanchor="left", x=0)


def empty_figure(message: str, height: int = 260) -> go.Figure:
    note = dict(text=html.escape(message), showarrow=False, font=dict(size=15, color="#6b7280"),
                x=0.5, y=0.5, xref="paper", yref="paper")
    return build([], dict(height=height, xaxis=dict(visible=False), yaxis=dict(visible=False),
                          plot_bgcolor="white", margin=dict(l=10, r=10, t=10, b=10), annotations=[note]))


def outline(part: pd.DataFrame, focus: str | None, width: float) -> dict[str, object]:
    """Marker outlines: white, and a dark ring around the focused event."""
    return outline_of([row[0] for row in point_ids(part)], focus, width)


def outline_of(ids: Sequence[object], focus: str | None, width: float) -> dict[str, object]:
    """:func:`outline` of the points with these ids (their customdata's first item)."""
    widths = np.array([width * 2 if i == focus else width for i in ids], dtype=float)
    if focus not in ids:     # one colour: plotly validates a list of colours one by one
        return dict(width=widths, color="white")
    return dict(width=widths, color=["#111827" if i == focus else "white" for i in ids])


def event_ids(selection: Mapping[str, object] | None) -> list[str]:
    """Event ids chosen in a plotly chart's selection state (via each point's customdata, not its index)."""
    if not selection:
        return []
    inner = selection.get("selection", selection)
    points = inner.get("points", []) if isinstance(inner, Mapping) else []
    ids: list[str] = []
    for point in points or []:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if data not in (None, "") and str(data) not in ids:
            ids.append(str(data))
    return ids
