"""The page's frame held compactly: its repetitive text columns as categoricals, and back.

The page keeps one read of the store between writes (``views.common.Loaded``). At 100k events its ~20
text columns took ~40 MiB as Arrow strings: an article's 64-character id on each of its events, a visit's
title on each of its events, a dozen kinds, a few hundred places. As categoricals each keeps its distinct
values once (in sorted order, so a sort by the column is the text's order) and a small integer per row.
The filters and figures read them as they read text (``isin``, ``==``, ``astype``, factorizing); what leaves
the page as data (the downloads, the table's rows) is turned back with :func:`plain`, so the files and
the table are the same as from the store's own columns.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

SMALLER = 0.5       # a text column becomes a categorical when that takes at most this share of its size
SAMPLE = 10_000     # rows looked at first: a column all but unique in them is left as it is


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (the caller's own) with each text column whose categorical is small enough turned into
    one, and each Int64 column in the smallest nullable integer type that holds its values (ids,
    positions, offsets and counts at 100k events: half or less of their 8 bytes a row), a column at a
    time (never the frame twice). Returns ``frame``."""
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.StringDtype):
            coded = _coded(column)
            if coded is not None:
                frame[name] = coded
        elif column.dtype == WIDE:
            frame[name] = _narrowed(column)
    return frame


WIDE = pd.Int64Dtype()      # the store's integers
NARROW = tuple(pd.api.types.pandas_dtype(t) for t in ("Int8", "Int16", "Int32"))


def _narrowed(column: pd.Series) -> pd.Series:
    """An Int64 column in the first of Int8, Int16, Int32 that holds its values (itself when none does)."""
    low, high = column.min(), column.max()
    if pd.isna(low):
        return column.astype(NARROW[0])
    for dtype in NARROW:
        bits = np.iinfo(dtype.numpy_dtype)
        if bits.min <= int(low) and int(high) <= bits.max:
            return column.astype(dtype)
    return column


def _coded(column: pd.Series) -> pd.Categorical | None:
    """The column as a categorical with its values sorted, or None when that would not be small enough.
    Worked out by Arrow on the column's own buffers, and not at all for a column whose rows sampled
    are all but unique: encoding 100k unique sentences took ~18 MiB passing, to be dropped."""
    texts = combined(pa.array(column.array))
    sample = texts.slice(max(0, (len(texts) - SAMPLE) // 2), SAMPLE)     # rows side by side: an article's
    # events sit together in the timeline, so they repeat within a run of rows (one row in ten did not)
    if len(sample) > SAMPLE // 10 and pc.count_distinct(sample).as_py() > 0.9 * len(sample):
        return None     # all but unique (the evidence sentences): not worth encoding the whole column
    coded = texts.dictionary_encode()       # missing values: null indices
    distinct = coded.dictionary
    if code_width(len(distinct)) * len(coded) + distinct.nbytes > SMALLER * column.array.nbytes:
        return None
    return sorted_categorical(distinct, coded.indices.fill_null(-1).to_numpy(), column.dtype)


def code_width(n: int) -> int:
    """The bytes a row's code takes in a categorical of ``n`` values (pandas' smallest signed type)."""
    return 1 if n < 127 else 2 if n < 32767 else 4


def sorted_categorical(distinct: pa.Array, codes: np.ndarray, dtype: pd.StringDtype) -> pd.Categorical:
    """Rows given as indices into ``distinct`` (no value twice; -1: missing) as a categorical of ``dtype``'s
    texts whose categories are ``distinct`` sorted by code point (a sort by the column is the text's
    order), its codes in the smallest integer type (:func:`code_width`). Shared with the store's unpack
    (``store.packed.categorical``), so both make the same categoricals."""
    small = {1: np.int8, 2: np.int16, 4: np.int32}[code_width(len(distinct))]
    order = pc.sort_indices(distinct).to_numpy()
    rank = np.empty(len(order) + 1, dtype=small)       # the last: a missing value's (index -1)
    rank[order] = np.arange(len(order), dtype=small)
    rank[-1] = -1
    return pd.Categorical.from_codes(rank[codes], validate=False,
                                     dtype=unchecked(_texts(distinct.take(order), dtype)))


def unchecked(categories: pd.Index) -> pd.CategoricalDtype:
    """The categorical dtype of ``categories`` known to be distinct (a factorize's or a dictionary's
    values), made without pandas' uniqueness check: that check builds the index's hash table, a Python
    string per category kept with the column for its life (the ~14k visit ids of 100k events: ~1 MiB
    per frame holding the column); a lookup by value (``==``, ``isin``) still builds it when it is asked."""
    return pd.CategoricalDtype._from_fastpath(categories, ordered=False)


def _texts(values: pa.Array, dtype: pd.StringDtype) -> pd.Index:
    """Arrow texts as an index of ``dtype``, on their own buffers when ``dtype`` is Arrow's."""
    if dtype.storage == "pyarrow":
        return pd.Index(pd.arrays.ArrowStringArray(values, dtype=dtype))
    return pd.Index(pd.array(values, dtype=dtype))


def combined(found: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One Arrow array of ``found`` (its chunks joined)."""
    return found.combine_chunks() if isinstance(found, pa.ChunkedArray) else found


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its categorical text columns as the text columns they came from (the same
    dtype: the categories') and its narrowed integers as Int64 again; ``frame`` itself when it has none."""
    coded = {name: frame[name].astype(frame[name].cat.categories.dtype) for name in frame.columns
             if isinstance(frame[name].dtype, pd.CategoricalDtype)}
    coded.update({name: frame[name].astype(WIDE) for name in frame.columns if frame[name].dtype in NARROW})
    return frame.assign(**coded) if coded else frame


def filled(column: pd.Series, value: str) -> pd.Series:
    """``column.fillna(value)``, a categorical's too (its categories then hold ``value``)."""
    if isinstance(column.dtype, pd.CategoricalDtype) and value not in column.cat.categories:
        column = column.cat.add_categories([value])
    return column.fillna(value)


def mapped(column: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """``column.map(mapping).astype("str")`` (the page's language of each event's article), looked up once
    per distinct value: no Python object per row (100k of them were ~18 MiB at the page's read)."""
    codes, distinct = pd.factorize(column)
    found = pd.array([mapping.get(value) for value in distinct.tolist()], dtype="str")
    return pd.Series(found.take(codes, allow_fill=True), index=column.index)
