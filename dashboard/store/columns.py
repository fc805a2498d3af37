"""A query's result read a chunk of rows at a time into Arrow columns, so that a bulk read's peak is
proportional to a chunk, not to the store: at 100k events the timeline's ~110k joined row tuples held
together took ~300 MiB, and Python's allocator kept most of it after the read (its arenas).

Each chunk's column is converted as :func:`dashboard.schema.timeline_frame` converts a whole column
(pyarrow, missing numbers from NaN too); a column whose values pyarrow refuses in any chunk is handed
back as a plain list of the values read, for the frame's own fallback to convert as before.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import pyarrow as pa

from dashboard.store.db import Cursor

CHUNK_ROWS = 10_000
ARROW_TYPES: dict[str, pa.DataType] = {"string": pa.large_string(), "Int64": pa.int64(),
                                       "Float64": pa.float64()}

Column: TypeAlias = pa.ChunkedArray | list


def read_columns(cursor: Cursor, types: Mapping[str, pa.DataType]) -> dict[str, Column]:
    """The cursor's rows as one column per name of ``types`` (in the query's column order), fetched
    :data:`CHUNK_ROWS` at a time."""
    parts: dict[str, list[pa.Array | list]] = {name: [] for name in types}
    while rows := cursor.fetchmany(CHUNK_ROWS):
        for (name, kind), values in zip(types.items(), zip(*rows, strict=True), strict=True):
            parts[name].append(_arrow(values, kind))
        del rows
    return {name: _joined(parts[name], kind) for name, kind in types.items()}


def _arrow(values: Sequence[Any], kind: pa.DataType) -> pa.Array | list:
    try:
        return pa.array(values, type=kind, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return list(values)


def _joined(chunks: list[pa.Array | list], kind: pa.DataType) -> Column:
    if all(isinstance(c, pa.Array) for c in chunks):
        return pa.chunked_array(chunks, type=kind)
    return [v for c in chunks for v in (c.to_pylist() if isinstance(c, pa.Array) else c)]


def take(column: Column, order: pa.Array) -> pa.Array | list:
    """The column's values in ``order`` (indices)."""
    if isinstance(column, list):
        return [column[i] for i in order.to_pylist()]
    return column.take(order).combine_chunks()
