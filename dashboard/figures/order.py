"""Timeline order and the texts it sorts by, worked out per distinct value (no streamlit).

A page's frame holds its repetitive text as categoricals (:mod:`dashboard.compact`): a Python string
per row of a 100k-event read (the dates, the clock times, the kinds) was made and dropped on every read,
and the heap it left fragmented raised every later stage of the load. Here each row gets an integer (its
text's rank, or its index among the distinct texts) and the texts are made once per distinct value.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def text_codes(column: pd.Series, missing: str = "") -> tuple[np.ndarray, list[str]]:
    """Each row's index into the list of the column's distinct texts (a missing value: ``missing``'s),
    and that list: the rows as integers, the texts once each. A categorical is read on its codes."""
    codes, distinct = pd.factorize(column)       # missing: -1
    texts = [str(v) for v in distinct.tolist()]
    if missing in texts:
        return np.where(codes < 0, texts.index(missing), codes), texts
    return np.where(codes < 0, len(texts), codes), [*texts, missing]


def text_ranks(column: pd.Series, missing: str = "") -> tuple[np.ndarray, int]:
    """Each row's rank among the column's distinct texts in code-point order (the order of sorting the
    texts, a missing value as ``missing``), and ``missing``'s rank."""
    codes, texts = text_codes(column, missing)
    rank = np.empty(len(texts), dtype=np.intp)
    rank[sorted(range(len(texts)), key=texts.__getitem__)] = np.arange(len(texts))
    return rank[codes], int(rank[texts.index(missing)])


def in_timeline_order(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame``'s rows in timeline order (see :func:`dashboard.figures.sequence`), with a fresh index. A
    frame already in that order is not copied (a copy of the ~35 columns of 100k events takes ~0.1 s),
    and the rows kept by a filter stay in it."""
    order = timeline_order(frame)
    if bool((order == np.arange(len(order))).all()):
        return frame.reset_index(drop=True)
    return frame.take(order).reset_index(drop=True)


def into_timeline_order(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`in_timeline_order` for a frame of the caller's own, reordered in place one column at a
    time: the frame is never held twice (a whole copy of a read of 100k events was ~45 MiB more at the
    page's peak). Returns ``frame``."""
    order = timeline_order(frame)
    if not bool((order == np.arange(len(order))).all()):
        for name in frame.columns:
            frame[name] = frame[name].array.take(order)     # by position: the index is not aligned
    frame.index = pd.RangeIndex(len(frame))
    return frame


def timeline_order(frame: pd.DataFrame) -> np.ndarray:
    """The row positions of ``frame`` in timeline order: dated days ascending, then undated; within a day,
    the frame's own order, except that the events with a time swap slots among themselves into clock
    order. Dates and times are compared by their texts' ranks (:func:`text_ranks`)."""
    n = len(frame)
    if "date" not in frame or not n:
        return np.arange(n)
    dates = frame["date"]
    codes = text_ranks(dates)[0]
    order = np.lexsort((codes, dates.isna().to_numpy()))       # stable: ties keep the frame's order
    if "time" not in frame:
        return order
    ranks, untimed = text_ranks(frame["time"])
    times = ranks[order]
    timed = np.flatnonzero(times != untimed)
    if len(timed) < 2:
        return order
    ordered = codes[order]
    day = np.cumsum(np.r_[0, ordered[1:] != ordered[:-1]])     # each day's rank (undated last)
    by_clock = np.lexsort((timed, times[timed], day[timed]))
    if (by_clock[1:] > by_clock[:-1]).all():       # already in clock order: nothing moves
        return order
    slots = np.arange(n)
    slots[timed[by_clock]] = timed
    return order[np.argsort(slots, kind="stable")]
