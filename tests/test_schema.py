"""The schema: its one missing-value helper (every kind of missing cell is None, numpy values are Python) and
the frames it builds."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.schema import (
    COLUMNS,
    TIMELINE_COLUMNS,
    Event,
    empty_frame,
    missing,
    plain,
    timeline_frame,
    to_frame,
)


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


def _reference(events: list[Event]) -> pd.DataFrame:
    """What pd.array and the public DataFrame constructor build from the same events."""
    return pd.DataFrame({name: pd.array([getattr(e, name) for e in events], dtype=dtype)
                         for name, dtype in COLUMNS.items()})


@pytest.mark.parametrize("events", [
    [Event(article="a.txt", seq=1, kind="arrival", title="Arrival · Khiva", date="2024-04-05", time="10:30",
           place="Khiva", lat=41.38, lon=60.36, country="UZ", evidence="Keldi.", evidence_end=6,
           confidence=0.9)],
    [Event(article="a.txt", seq=1, kind="talks", title="Talks"),
     Event(article="a.txt", seq=2, kind="tour", title="Tour · Bukhara", place="Bukhara", lat=39.77, lon=64.42,
           participants="Shavkat Mirziyoyev", status="planned")],
    [Event(article="b.txt", seq=np.int64(1), kind="other", title="Event", lat=float("nan"))],   # pd.array path
    [Event(article="c.txt", seq=1, kind="talks", title="Talks"),
     Event(article=np.str_("c.txt"), seq=2, kind="talks", title="Talks", place=pd.NA)],   # strings: pd.array
], ids=["one-full", "missing-values", "numpy-and-nan", "numpy-string-and-na"])
def test_to_frame_builds_what_pd_array_builds(events):
    frame, expected = to_frame(events), _reference(events)
    pd.testing.assert_frame_equal(frame, expected, check_exact=True, check_index_type=True,
                                  check_column_type=True)
    assert [type(frame[c].array) for c in frame] == [type(expected[c].array) for c in expected]


def test_to_frame_frames_share_nothing():
    events = [Event(article="a.txt", seq=1, kind="talks", title="Talks")]
    first, second = to_frame(events), to_frame(events)
    first.loc[0, "kind"] = "tour"
    first.columns.name = "renamed"
    assert second.loc[0, "kind"] == "talks" and second.columns.name is None


@pytest.mark.parametrize(("columns", "keep", "expected"), [
    ([["b", "a", "b", None, None]], None, [0, 1, 0, 2, 2]),                   # first appearance; missing too
    ([["x", "x", "x"], [1.0, 2.0, 1.0]], None, [0, 1, 0]),                      # two keys
    ([["a", "b", "a", "c"]], [False, True, True, True], [-1, 0, 1, 2]),        # outside keep: no group
], ids=["one-key", "two-keys", "keep-mask"])
def test_group_codes_number_groups_in_order_of_first_appearance(columns, keep, expected):
    from dashboard.schema import group_codes

    series = [pd.Series(c, dtype="string" if isinstance(c[0], str) else float) for c in columns]
    mask = None if keep is None else np.array(keep)
    assert group_codes(series, len(expected), keep=mask).tolist() == expected


def _factorized_groups(columns, rows, keep=None):
    """group_codes as pandas' factorize numbers them (the reference: a hash table per step)."""
    codes = np.zeros(rows, dtype=np.int64)
    for column in columns:
        part, uniques = pd.factorize(column, use_na_sentinel=False)
        codes = pd.factorize(codes * (len(uniques) + 1) + part)[0]
    if keep is not None:
        codes[keep] = pd.factorize(codes[keep])[0]
        codes[~keep] = -1
    return codes


_RNG = np.random.default_rng(7)
_N = 3000
_COLUMNS = {
    "arrow-text": pd.Series(_RNG.choice(["Khiva", "Urgench", "", None], _N), dtype="string"),
    "categorical": pd.Series(_RNG.choice(["talks", "tour", None], _N)).astype("category"),
    "float-nan-signed-zero": _RNG.choice([41.311, -0.0, 0.0, np.nan, 69.279], _N),
    "nullable-float": pd.Series(_RNG.choice([1.5, None, 2.0], _N), dtype="Float64"),
    "object-text": pd.Series(_RNG.choice(["p", "q", ""], _N), dtype=object),
    "nullable-int": pd.Series(_RNG.integers(0, 5, _N), dtype="Int16"),
    "mixed-objects": pd.Series(_RNG.choice(np.array(["x", 1, None], dtype=object), _N), dtype=object),
}


@pytest.mark.parametrize("names", [[name] for name in _COLUMNS] + [list(_COLUMNS)],
                         ids=[*_COLUMNS, "all-at-once"])
@pytest.mark.parametrize("keep", [False, True], ids=["every-row", "keep-mask"])
def test_group_codes_are_those_of_pandas_factorize_without_its_row_sized_tables(names, keep):
    from dashboard.schema import first_seen, group_codes

    columns = [_COLUMNS[name] for name in names]
    mask = _RNG.random(_N) < 0.8 if keep else None
    expected = _factorized_groups(columns, _N, mask)
    assert len(set(expected.tolist())) > 2
    assert group_codes(columns, _N, keep=mask).tolist() == expected.tolist()
    for column in columns:
        assert first_seen(column).tolist() == pd.factorize(column, use_na_sentinel=False)[0].tolist()
