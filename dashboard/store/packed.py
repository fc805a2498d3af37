"""A timeline frame held compactly between writes (:mod:`dashboard.store.held`): its repetitive text
columns as Arrow dictionaries, its lists of sources as one list per distinct list.

At 100k events the raw read held as a frame took ~54 MiB: its ~20 text columns 35 MiB as Arrow strings
(an article's 64-character id repeated on each of its events, a dozen kinds, a few hundred places), its
``sources`` 11 MiB as 100k Python lists. Packed, a text column whose dictionary is smaller keeps only
its distinct values and an index per row (~13 MiB for the 20), and the sources ~16k lists; a number
column likewise when its values repeat (counts, coordinates), else it stays the frame's own array.
Taking rows and putting two packs end to end work on the packed columns (the dictionaries are unified
by Arrow), and :func:`unpack` gives back a frame equal to the one packed.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.compact import SMALLER as CODED  # unpacked coded where the page's compact would code it
from dashboard.compact import code_width, sorted_categorical
from dashboard.compact import combined as _combined

SMALLER = 0.75     # a text column is kept as a dictionary when that takes at most this share of its size


@dataclass(frozen=True, slots=True)
class Lists:
    """An object column (lists of sources) as each row's index into its distinct values."""

    codes: np.ndarray
    values: np.ndarray      # object array: one value per distinct one, shared by the rows holding it


@dataclass(frozen=True, slots=True)
class Counting:
    """A number column holding its rows' positions 0..n-1 (the timeline's ``position``), held as its length
    (100k events: 0.8 MiB less for as long as the pack is held)."""

    rows: int

    def array(self) -> pd.arrays.IntegerArray:
        return pd.array(np.arange(self.rows, dtype=np.int64), dtype="Int64")


@dataclass(frozen=True, slots=True)
class Packed:
    """A frame's columns packed (see the module); ``dtypes`` as the frame had them."""

    columns: dict[str, Any]
    dtypes: dict[str, Any]
    rows: int

    def __len__(self) -> int:
        return self.rows


def pack(frame: pd.DataFrame) -> Packed:
    """``frame`` (with a fresh index) packed; its number columns are shared, not copied."""
    return Packed({name: _pack(frame[name]) for name in frame.columns}, dict(frame.dtypes), len(frame))


def _pack(column: pd.Series) -> Any:
    if column.dtype == object:
        return _lists(column.to_numpy())
    texts = isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"
    if not texts and not isinstance(column.dtype, pd.Int64Dtype | pd.Float64Dtype):
        return column.array
    if isinstance(column.dtype, pd.Int64Dtype) and _counts_rows(column):
        return Counting(len(column))
    plain = _combined(pa.array(column.array))
    coded = _narrow(plain.dictionary_encode())      # numbers too: counts, places' coordinates repeat
    if coded.nbytes <= SMALLER * plain.nbytes:
        return coded
    return plain if texts else column.array


def _counts_rows(column: pd.Series) -> bool:
    """Whether an Int64 column is 0, 1, ..., n-1 with no value missing."""
    return len(column) > 0 and not column.hasnans and \
        bool((column.to_numpy(dtype=np.int64) == np.arange(len(column))).all())


def _narrow(coded: pa.DictionaryArray) -> pa.DictionaryArray:
    """``coded`` with its indices in the smallest integer type that holds them (a dozen kinds: one byte a
    row, a few hundred places: two, instead of Arrow's four: ~5 MiB less per held timeline at 100k)."""
    size = len(coded.dictionary)
    kind = pa.int8() if size <= 127 else pa.int16() if size <= 32767 else pa.int32()
    return coded if coded.type.index_type == kind else \
        pa.DictionaryArray.from_arrays(coded.indices.cast(kind), coded.dictionary)


def _lists(values: np.ndarray) -> Lists:
    """Each row's index among the distinct values (lists compared by their items)."""
    index: dict[Hashable, int] = {}
    known: dict[int, int] = {}          # a value's object already seen (rows often share one list)
    distinct: list[object] = []
    codes = np.empty(len(values), dtype=np.int32)
    for i, value in enumerate(values.tolist()):
        code = known.get(id(value))
        if code is None:
            key = ("list", *value) if type(value) is list else ("value", id(value))
            code = index.get(key)
            if code is None:
                code = index[key] = len(distinct)
                distinct.append(value)
            known[id(value)] = code
        codes[i] = code
    shared = np.empty(len(distinct), dtype=object)
    for k, value in enumerate(distinct):
        shared[k] = value
    return Lists(codes, shared)


def unpack(packed: Packed, coded: bool = False) -> pd.DataFrame:
    """The frame that was packed (a fresh index; rows sharing a list of sources share one list). ``coded``:
    its text columns kept as dictionaries come out as categoricals of the same values (:func:`categorical`),
    never as text: at 100k events the text was ~28 MiB more at the upkeep's peak, to be compacted after."""
    columns = {name: _fresh(value, packed.dtypes[name], coded) for name, value in packed.columns.items()}
    return pd.DataFrame(columns, columns=list(packed.dtypes), copy=False)    # each column made here once


def _fresh(value: Any, dtype: Any, coded: bool = False) -> Any:
    """:func:`_unpack`, never the pack's own array (the frame is the caller's to change): a frame made from
    a dict copies every number and object column again, ~8 MiB passing at 100k events."""
    if coded and isinstance(dtype, pd.StringDtype) and isinstance(value, pa.DictionaryArray):
        found = categorical(value, dtype)
        if found is not None:
            return found
    found = _unpack(value, dtype)
    return found.copy() if found is value else found


def categorical(coded: pa.DictionaryArray, dtype: pd.StringDtype) -> pd.Categorical | None:
    """A text dictionary as a categorical of its values (the distinct values used), the one
    :func:`dashboard.compact.compact` makes from the text (both through ``sorted_categorical``); None
    when that is not at most :data:`CODED` of the text's size, or the dictionary repeats a value (the
    text is then unpacked)."""
    counts = np.bincount(coded.indices.drop_null().to_numpy(), minlength=len(coded.dictionary))
    used = np.flatnonzero(counts)
    distinct = coded.dictionary.take(pa.array(used, type=pa.int64()))
    if pc.count_distinct(distinct).as_py() != len(distinct):
        return None
    lengths = pc.binary_length(coded.dictionary).fill_null(0).to_numpy(zero_copy_only=False)
    text = 8 * (len(coded) + 1) + int(np.dot(counts, lengths))       # as a large_string column's buffers
    if code_width(len(used)) * len(coded) + distinct.nbytes > CODED * text:
        return None
    index = np.full(len(coded.dictionary) + 1, -1, dtype=np.int32)     # into ``distinct``; the last: missing
    index[used] = np.arange(len(used), dtype=np.int32)
    rows = index[coded.indices.fill_null(len(coded.dictionary)).to_numpy(zero_copy_only=False)]
    return sorted_categorical(distinct, rows, dtype)


def _unpack(value: Any, dtype: Any) -> Any:
    if isinstance(value, pa.Array):
        plain = value.dictionary_decode() if pa.types.is_dictionary(value.type) else value
        if isinstance(dtype, pd.StringDtype):
            return pd.arrays.ArrowStringArray(plain, dtype=dtype)
        return dtype.__from_arrow__(plain)
    if isinstance(value, Lists):
        return value.values[value.codes]
    if isinstance(value, Counting):
        return value.array()
    return value


def column(packed: Packed, name: str) -> Any:
    """One column as the frame had it."""
    return _unpack(packed.columns[name], packed.dtypes[name])


def _take(value: Any, rows: np.ndarray, index: pa.Array) -> Any:
    if isinstance(value, Counting):
        value = value.array()
    if isinstance(value, pa.Array):
        return value.take(index)
    if isinstance(value, Lists):
        return Lists(value.codes[rows], value.values)
    return value.take(rows)


def joined(parts: Sequence[Packed], name: str) -> Any:
    """One column of packs of the same columns put end to end, as the frame had it."""
    return _unpack(_concat([p.columns[name] for p in parts]), parts[0].dtypes[name])


def joined_take(parts: Sequence[Packed], rows: np.ndarray) -> Packed:
    """The rows at ``rows`` (positions, in that order) of packs of the same columns put end to end (text
    dictionaries unified), a column at a time: one column of the parts put end to end is held at once,
    not all of them (at 100k events the whole was ~17 MiB more at a patch's peak)."""
    index = pa.array(rows, type=pa.int64())
    columns = {name: _take(_concat([p.columns[name] for p in parts]), rows, index)
               for name in parts[0].columns}
    return Packed(columns, parts[0].dtypes, len(rows))


def _concat(values: list[Any]) -> Any:
    values = [v.array() if isinstance(v, Counting) else v for v in values]
    if any(isinstance(v, pa.Array) for v in values):
        arrays = [v if isinstance(v, pa.Array) else _combined(pa.array(v)) for v in values]
        if any(pa.types.is_dictionary(a.type) for a in arrays):    # one part kept plain, another coded
            arrays = [a if pa.types.is_dictionary(a.type) else a.dictionary_encode() for a in arrays]
            wide = [a if a.type.index_type == pa.int32() else      # one index type, room for both's values
                    pa.DictionaryArray.from_arrays(a.indices.cast(pa.int32()), a.dictionary) for a in arrays]
            return _narrow(pa.concat_arrays(wide))
        return pa.concat_arrays(arrays)
    if all(isinstance(v, Lists) for v in values):
        shared = np.concatenate([v.values for v in values])
        offsets = np.cumsum([0, *(len(v.values) for v in values[:-1])])
        return Lists(np.concatenate([v.codes + o for v, o in zip(values, offsets, strict=True)]), shared)
    return type(values[0])._concat_same_type(values)
