"""The schema's one missing-value helper: every kind of missing cell is None, numpy values are Python."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.schema import TIMELINE_COLUMNS, empty_frame, missing, plain, timeline_frame


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), (pd.NA, None), (float("nan"), None), (pd.NaT, None), (np.float64("nan"), None),
    ("", ""), ("Khiva", "Khiva"), (np.int64(3), 3), (np.float64(2.5), 2.5), (7, 7),
    ((1, np.int64(2)), [1, 2]), (np.array(["a", "b"]), ["a", "b"]), ([pd.NA, "x"], [None, "x"]),
], ids=["none", "na", "nan", "nat", "np-nan", "empty", "text", "np-int", "np-float", "int", "tuple", "array",
        "list"])
def test_plain(value, expected):
    got = plain(value)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize("value", [None, pd.NA, pd.NaT, float("nan"), np.float64("nan")],
                         ids=["none", "na", "nat", "nan", "np-nan"])
def test_missing(value):
    assert missing(value)


@pytest.mark.parametrize("value", ["", 0, 0.0, np.int64(0), "nan", False], ids=repr)
def test_not_missing(value):
    assert not missing(value)


def test_timeline_frame_has_the_timeline_row_columns_and_dtypes():
    columns = {name: [] for name in TIMELINE_COLUMNS}
    frame = timeline_frame(columns)
    assert list(frame.columns) == list(TIMELINE_COLUMNS)
    assert frame["event_id"].dtype == "Int64" and frame["sources"].dtype == object
    assert list(empty_frame().columns) == list(TIMELINE_COLUMNS)[:len(empty_frame().columns)]
