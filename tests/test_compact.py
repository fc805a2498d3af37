"""The page's frame held compactly (dashboard.compact): repetitive text as categoricals, and back."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.compact import compact, filled, mapped, plain


def _frame(n: int = 400) -> pd.DataFrame:
    return pd.DataFrame({
        "kind": pd.array(["talks", "arrival", None, "visit"] * (n // 4), dtype="string"),
        "evidence": pd.array([f"Sentence number {i} of the story." for i in range(n)], dtype="string"),
        "language": pd.Series(["uz-Latn", "ru"] * (n // 2), dtype="str"),
        "edited_by": pd.array([None] * n, dtype="string"),
        "event_id": pd.array(range(n), dtype="Int64"),
        "sources": pd.Series([["a"]] * n, dtype=object),
    })


def test_repetitive_text_becomes_categorical_and_unique_text_stays():
    frame = compact(_frame())
    kinds = {name: str(dtype) for name, dtype in frame.dtypes.items()}
    assert kinds == {"kind": "category", "evidence": "string", "language": "category", "edited_by": "category",
                     "event_id": "Int16", "sources": "object"}


def test_a_column_repeating_in_runs_of_rows_is_compacted_at_the_scale_of_a_timeline():
    """An article's events sit side by side in the timeline: 60k rows, each article six rows in a row
    (10k articles), are compacted; one row in ten would have seen every article once and left the
    column as text. The unique sentences beside it stay text."""
    n = 60_000
    frame = compact(pd.DataFrame({
        "article": pd.array([f"article-{i // 6:06d}-0123456789abcdef" for i in range(n)], dtype="string"),
        "evidence": pd.array([f"Sentence number {i} of the story." for i in range(n)], dtype="string"),
    }))
    assert str(frame["article"].dtype) == "category"
    assert len(frame["article"].cat.categories) == n // 6
    assert str(frame["evidence"].dtype) == "string"


def test_categories_are_sorted_so_a_sort_by_the_column_is_the_texts_order():
    frame = compact(_frame())
    assert frame["kind"].cat.categories.tolist() == ["arrival", "talks", "visit"]


def test_compacted_categories_hold_no_hash_table_until_a_lookup_asks():
    """The categories are distinct by construction: no uniqueness check builds their hash table (a
    Python string per category, held with the column: ~2 MiB of article ids at 100k events); a lookup
    by value still works and builds it."""
    frame = compact(pd.DataFrame({"article": pd.array([f"a{i // 6}" for i in range(600)], dtype="string")}))
    assert len(frame["article"].cat.categories) == 100
    assert "_engine" not in frame["article"].cat.categories._cache
    assert (frame["article"] == "a7").sum() == 6
    assert "_engine" in frame["article"].cat.categories._cache


@pytest.mark.parametrize("rows", [400, 4, 0], ids=["many", "few", "none"])
def test_plain_gives_back_the_frame_compacted(rows):
    before = _frame(rows)
    after = plain(compact(_frame(rows)))
    pd.testing.assert_frame_equal(after, before)


def test_compacted_frame_is_much_smaller():
    before = _frame(40_000)
    text = ["kind", "language"]
    size = before[text].memory_usage(deep=True, index=False).sum()
    assert compact(before)[text].memory_usage(deep=True, index=False).sum() * 4 < size


def test_plain_returns_a_frame_without_categoricals_as_it_is():
    frame = _frame(8)
    assert plain(frame) is frame


@pytest.mark.parametrize("value", ["", "talks"], ids=["new-category", "known-category"])
def test_filled_fills_a_categorical_with_any_value(value):
    column = compact(_frame(8))["kind"]
    assert filled(column, value).astype(object).tolist() == ["talks", "arrival", value, "visit"] * 2


@pytest.mark.parametrize("compacted", [False, True], ids=["text", "categorical"])
def test_mapped_equals_map_on_the_text_column(compacted):
    column = pd.Series(pd.array(["b", "a", None, "c", "a"] * 30, dtype="string"))
    given = compact(column.to_frame("article"))["article"] if compacted else column
    languages = {"a": "ru", "b": "uz-Latn"}         # "c" has none
    expected = column.map(languages).astype("str")
    pd.testing.assert_series_equal(mapped(given, languages), expected, check_names=False)


@pytest.mark.parametrize(("values", "dtype"), [
    ([1, 5, None, 100], "Int8"),
    ([0, 40_000, None], "Int32"),
    ([-129, 3], "Int16"),
    ([2**40, 1], "Int64"),
    ([None, None], "Int8"),
], ids=["small", "ids", "negative", "too-wide", "all-missing"])
def test_integers_are_held_in_the_smallest_type_and_plain_gives_back_int64(values, dtype):
    before = pd.DataFrame({"n": pd.array(values, dtype="Int64")})
    frame = compact(before.copy())
    assert str(frame["n"].dtype) == dtype
    pd.testing.assert_frame_equal(plain(frame), before)
