"""dashboard.store.packed: a timeline frame held packed between writes gives back the frame it was, and
taking rows and putting packs end to end give what the same on the frames gives."""
from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from dashboard.compact import compact, plain
from dashboard.schema import TIMELINE_COLUMNS, timeline_frame
from dashboard.store import packed

KINDS = ["arrival", "talks", "tour", "departure"]
CITIES = ["Khiva", "Samarkand", "Tashkent", None]


def frame(n: int, seed: int = 7) -> pd.DataFrame:
    """A timeline frame of ``n`` events: repetitive texts (articles, kinds, cities), unique evidence,
    missing values, lists of one or two sources."""
    rng = random.Random(seed)
    articles = [f"{a:064x}" for a in range(max(1, n // 6))]
    columns: dict[str, list] = {name: [None] * n for name in TIMELINE_COLUMNS}
    for i in range(n):
        article = rng.choice(articles)
        columns["article"][i] = article
        columns["kind"][i] = rng.choice(KINDS)
        columns["city"][i] = rng.choice(CITIES)
        columns["date"][i] = None if rng.random() < 0.1 else f"2025-03-{rng.randrange(1, 29):02d}"
        columns["evidence"][i] = f"The delegation met on the {i}th occasion."
        columns["event_id"][i] = i + 1
        columns["position"][i] = i
        columns["lat"][i] = None if rng.random() < 0.2 else 41.0 + rng.random()
        columns["sources"][i] = [article] if rng.random() < 0.8 else [article, rng.choice(articles)]
        columns["n_sources"][i] = len(columns["sources"][i])
    sources = np.empty(n, dtype=object)
    sources[:] = columns["sources"]
    columns["sources"] = sources
    return timeline_frame(columns)


@pytest.mark.parametrize("n", [0, 1, 500], ids=["empty", "one", "500"])
def test_a_packed_frame_unpacks_to_the_frame(n):
    whole = frame(n)
    pd.testing.assert_frame_equal(packed.unpack(packed.pack(whole)), whole)


def test_repetitive_texts_are_held_as_dictionaries_and_unique_ones_as_they_are():
    held = packed.pack(frame(600))
    assert "dictionary" in str(held.columns["article"].type)
    assert "dictionary" not in str(held.columns["evidence"].type)
    assert len(held.columns["sources"].values) < 600       # rows with the same sources share one list
    assert "dictionary" in str(held.columns["n_sources"].type)     # numbers that repeat: coded too
    assert isinstance(held.columns["event_id"], pd.arrays.IntegerArray)    # unique ones stay as they were


def test_joined_take_and_joined_equal_the_frames_put_end_to_end():
    one, two = frame(300, seed=4), frame(200, seed=5)
    parts = [packed.pack(one), packed.pack(two)]
    rows = np.random.default_rng(6).permutation(500)[:420]
    expected = pd.concat([one, two], ignore_index=True)
    joined = packed.joined_take(parts, rows)
    pd.testing.assert_frame_equal(packed.unpack(joined), expected.take(rows).reset_index(drop=True))
    assert packed.column(joined, "kind").tolist() == expected["kind"].take(rows).tolist()
    assert pd.Series(packed.joined(parts, "date")).tolist() == expected["date"].tolist()


@pytest.mark.parametrize(("first", "second", "index"), [(100, 100, "int16"), (20, 30, "int8"), (200, 32700, "int32")],
                         ids=["past-one-byte", "within-one-byte", "past-two-bytes"])
def test_packs_whose_values_together_outgrow_their_index_type_join(first, second, index):
    one, two = frame(first, seed=8), frame(second, seed=9)
    one["city"] = pd.array([f"Town {i}" for i in range(first)], dtype="string")
    two["city"] = pd.array([f"Village {i}" for i in range(second)], dtype="string")
    one, two = (pd.concat([f, f], ignore_index=True) for f in (one, two))    # each value twice: coded
    parts = [packed.pack(one), packed.pack(two)]
    rows = np.arange(len(one) + len(two))
    joined = packed.joined_take(parts, rows)
    assert str(joined.columns["city"].type.index_type) == index
    assert packed.column(joined, "city").tolist() == [*one["city"], *two["city"]]


def test_a_pack_is_smaller_than_its_frame():
    whole = frame(3000)
    held = packed.pack(whole)
    texts = [c for c, kind in TIMELINE_COLUMNS.items() if kind == "string"]
    before = sum(whole[c].array.nbytes for c in texts)
    after = sum(held.columns[c].nbytes for c in texts)
    assert after < 0.6 * before, (after, before)


def test_an_unpacked_frame_shares_no_array_with_its_pack():
    held = packed.pack(frame(300))
    first = packed.unpack(held)
    first.loc[0, "event_id"] = -1
    first.loc[0, "n_sources"] = 99
    first.loc[0, "kind"] = "changed"
    pd.testing.assert_frame_equal(packed.unpack(held), frame(300))


@pytest.mark.parametrize("n", [0, 1, 500], ids=["empty", "one", "500"])
def test_a_coded_unpack_holds_the_values_and_the_categoricals_compact_makes(n):
    """Unpacked ``coded``, the repetitive text columns are the categoricals ``compact`` makes of the text
    (sorted categories, the same codes), the other columns as unpacked; turned back, the frame itself."""
    whole = frame(n)
    held = packed.pack(whole)
    coded = packed.unpack(held, coded=True)
    pd.testing.assert_frame_equal(plain(coded), whole)
    made = compact(packed.unpack(held))
    kinds = {name for name in coded.columns if isinstance(coded[name].dtype, pd.CategoricalDtype)}
    if n == 500:
        assert {"article", "kind", "city"} <= kinds and "evidence" not in kinds    # unique texts stay text
    for name in kinds & {name for name in made.columns if isinstance(made[name].dtype, pd.CategoricalDtype)}:
        pd.testing.assert_series_equal(coded[name], made[name], obj=name)


def test_a_coded_unpack_drops_values_no_row_holds_any_more():
    """After a take the dictionary keeps values of rows taken out; the categories hold only those used."""
    whole = frame(300)
    arrivals = np.flatnonzero(whole["kind"] == "arrival")
    coded = packed.unpack(packed.joined_take([packed.pack(whole)], arrivals), coded=True)
    assert list(coded["kind"].cat.categories) == ["arrival"]
    assert set(coded["city"].cat.categories) == set(coded["city"].dropna().astype(str))


def test_the_rows_positions_are_held_as_their_count_and_come_back_as_the_column():
    """``position`` (0..n-1 in a read and after a patch) is held as its length, not an array; a number
    column that is not 0..n-1 (ids from 1, a gap, a missing value) stays an array."""
    whole = frame(300)
    held = packed.pack(whole)
    assert held.columns["position"] == packed.Counting(300)
    assert isinstance(held.columns["event_id"], pd.arrays.IntegerArray)       # 1..n: not positions
    pd.testing.assert_frame_equal(packed.unpack(held), whole)
    pd.testing.assert_series_equal(pd.Series(packed.column(held, "position")), whole["position"],
                                   check_names=False)
    for odd in ([0, 1, 3], [0, None, 2], [1, 0, 2]):
        assert not isinstance(packed.pack(pd.DataFrame({"position": pd.array(odd, dtype="Int64")}))
                              .columns["position"], packed.Counting), odd
    rows = np.array([5, 2, 299, 0])
    taken = packed.joined_take([held, packed.pack(frame(10, seed=3))], np.array([*rows, 300, 309]))
    assert packed.column(taken, "position").tolist() == [*rows.tolist(), 0, 9]
