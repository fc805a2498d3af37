"""Timeline order, labels and kinds worked out per distinct value (dashboard.figures.order): the same as
from a text per row, on the page's compacted frame and on the store's plain one."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import figures, i18n
from dashboard.compact import compact
from dashboard.figures import base
from dashboard.figures.order import text_codes, text_ranks, timeline_order
from tests.factories_ui import big_frame


def _timed(frame: pd.DataFrame, every: int) -> pd.DataFrame:
    """``frame`` with a clock time on every ``every``-th row (out of clock order within its day)."""
    frame = frame.copy()
    if every:
        rows = np.flatnonzero(np.arange(len(frame)) % every == 0)
        times = [f"{23 - i % 20:02d}:{i % 60:02d}" for i in range(len(rows))]
        frame["time"] = frame["time"].astype("string")
        frame.iloc[rows, frame.columns.get_loc("time")] = times
    return frame


def _frames(every: int) -> dict[str, pd.DataFrame]:
    frame = _timed(big_frame(400, days=15, seed=4, undated=6).sample(frac=1, random_state=3), every)
    frame = frame.reset_index(drop=True)
    for name in ("date", "time", "kind"):
        frame[name] = frame[name].astype("string")
    frame.loc[frame.index % 11 == 0, "kind"] = pd.NA      # kinds missing: "other"
    return {"text": frame, "categorical": compact(frame.copy())}


def _order_by_texts(frame: pd.DataFrame) -> np.ndarray:
    """The timeline order as it was worked out from a Python string per row."""
    dates = frame["date"]
    codes, _ = pd.factorize(dates.astype("string").fillna(""), sort=True)
    order = np.lexsort((codes, dates.isna().to_numpy()))
    times = frame["time"].astype("string").fillna("").to_numpy(dtype=object)[order]
    timed = np.flatnonzero(times != "")
    if len(timed) < 2:
        return order
    ordered = codes[order]
    day = np.cumsum(np.r_[0, ordered[1:] != ordered[:-1]])
    by_clock = np.lexsort((timed, times[timed].astype(str), day[timed]))
    slots = np.arange(len(frame))
    slots[timed[by_clock]] = timed
    return order[np.argsort(slots, kind="stable")]


@pytest.mark.parametrize("kind", ["text", "categorical"])
def test_ranks_follow_the_texts_order_and_missing_values_rank_as_the_missing_text(kind) -> None:
    column = pd.Series(["b", None, "a", "ä", "b", "", "Z", None], dtype="string")
    given = compact(column.to_frame("c"))["c"] if kind == "categorical" else column
    ranks, missing = text_ranks(given)
    texts = column.fillna("").tolist()
    assert [sorted(set(texts)).index(t) for t in texts] == ranks.tolist()
    assert missing == sorted(set(texts)).index("")
    codes, values = text_codes(given, "none")
    assert [values[c] for c in codes] == column.fillna("none").tolist()


@pytest.mark.parametrize("every", [0, 3, 7], ids=["no-times", "every-third-timed", "every-seventh-timed"])
@pytest.mark.parametrize("kind", ["text", "categorical"])
def test_the_timeline_order_is_the_one_worked_out_from_the_texts(every, kind) -> None:
    frame = _frames(every)[kind]
    expected = _order_by_texts(_frames(every)["text"])
    assert timeline_order(frame).tolist() == expected.tolist()
    assert expected.tolist() != list(range(len(frame)))       # the rows do move


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
@pytest.mark.parametrize("kind", ["text", "categorical"])
def test_the_when_labels_are_the_ones_made_row_by_row(lang, kind) -> None:
    frame = _frames(3)[kind]
    with i18n.using(lang):
        seq = figures.sequence(frame)
        rows = list(zip(seq["day"], seq["time"].astype("string").fillna(""), seq["slot"], seq["day_total"],
                        strict=True))
        expected = [f"{d} · {t}" if t else (f"{d} · {base.nth_of(int(s), int(n))}" if n > 1 else d)
                    for d, t, s, n in rows]
    assert seq["when"].tolist() == expected
    assert any(t for _, t, _, _ in rows) and any(not t and n > 1 for _, t, _, n in rows)    # both kinds


@pytest.mark.parametrize("kind", ["text", "categorical"])
def test_kinds_and_their_rows_are_the_ones_of_the_texts(kind) -> None:
    frame = _frames(0)[kind]
    texts = frame["kind"].astype("string").fillna("other").astype(str)
    present = texts.unique().tolist()
    assert figures.kinds_in(frame) == [k for k in figures.base.KINDS if k in present] + \
        [k for k in present if k not in figures.base.KINDS]
    assert "other" in figures.kinds_in(frame)
    for name, rows in base.kind_rows(frame):
        assert rows.tolist() == np.flatnonzero(texts.to_numpy() == name).tolist()
