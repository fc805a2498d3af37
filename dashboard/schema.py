"""The event schema, defined once: the event (a dataclass and the frame's columns with dtypes), which of
its columns belong to one source's telling, the timeline row (an event with its sources) and the day key
of an undated event. Add a field to :class:`Event` and to :data:`COLUMNS` together (checked below)."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

# pandas, numpy and pyarrow are imported by the functions that build frames, not here: the event and its
# columns are all a cold `extract --format jsonl` needs, and pandas alone is half a second and 138 MiB
if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

from dashboard.vocab import DEFAULT_STATUS, EVENT_KINDS
from dashboard.vocab import PLACE_KINDS as PLACE_KINDS_TABLE
from dashboard.vocab import STATUSES as STATUS_TABLE

KINDS: tuple[str, ...] = tuple(EVENT_KINDS)                # event kinds, in timeline order (data/)
STATUSES: tuple[str, ...] = tuple(STATUS_TABLE)           # event statuses, the default first (data/)
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "unknown")
PLACE_KINDS: tuple[str, ...] = tuple(PLACE_KINDS_TABLE)    # place kinds, most specific first (data/)


@dataclass(slots=True)
class Event:
    """One dated, placed, typed event of one article."""

    article: str
    seq: int
    kind: str
    title: str
    date: str | None = None            # YYYY-MM-DD
    time: str | None = None            # HH:MM
    date_precision: str = "unknown"
    place: str | None = None           # English display name
    place_surface: str | None = None   # the place as written in the article
    place_kind: str | None = None
    place_precision: str | None = None
    place_id: str | None = None        # gazetteer id, e.g. "airport:UGC"
    city: str | None = None            # English names, for the hierarchical location filter
    region: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None         # ISO 3166-1 alpha-2
    participants: str = ""             # names found, "; "-joined
    evidence: str = ""                 # the sentence(s), in the article's own words
    evidence_start: int = 0            # offsets into the original text
    evidence_end: int = 0
    confidence: float = 0.0
    status: str = DEFAULT_STATUS       # happened | planned (announced, future: shown apart; data/)


COLUMNS: dict[str, str] = {
    "article": "string",
    "seq": "Int64",
    "kind": "string",
    "title": "string",
    "date": "string",
    "time": "string",
    "date_precision": "string",
    "place": "string",
    "place_surface": "string",
    "place_kind": "string",
    "place_precision": "string",
    "place_id": "string",
    "city": "string",
    "region": "string",
    "lat": "Float64",
    "lon": "Float64",
    "country": "string",
    "participants": "string",
    "evidence": "string",
    "evidence_start": "Int64",
    "evidence_end": "Int64",
    "confidence": "Float64",
    "status": "string",
}

assert list(COLUMNS) == [f.name for f in fields(Event)], "schema: COLUMNS and Event disagree"

# Per-source columns: they describe one article's telling of an event, not the event.
SOURCE_COLUMNS: tuple[str, ...] = ("article", "seq", "place_surface", "participants", "evidence",
                                   "evidence_start", "evidence_end", "confidence")
EVENT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in SOURCE_COLUMNS)   # the event's own
LINK_COLUMNS: tuple[str, ...] = tuple(c for c in SOURCE_COLUMNS if c != "article")      # a source's own

# The timeline row: an event's columns (per-source ones from its first source), then the stored event's id,
# its rank in the timeline, the ids of the articles that report it, how many they are, and the key its
# first source's corrections are filed under (dashboard.corrections).
TIMELINE_EXTRA: dict[str, str] = {"event_id": "Int64", "position": "Int64", "sources": "object",
                                  "n_sources": "Int64", "key": "string"}
TIMELINE_COLUMNS: dict[str, str] = COLUMNS | TIMELINE_EXTRA

UNDATED_DAY = "9999-99-99"   # the day key of an event without a date: sorts after every real date


@lru_cache(maxsize=1)
def _tables() -> SimpleNamespace:
    """What building a frame needs, resolved once, on the first frame (pandas is imported here)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    try:
        from pandas.api.internals import create_dataframe_from_blocks as from_blocks
    except ImportError:       # pandas < 3
        from_blocks = None
    dtypes = {name: pd.api.types.pandas_dtype(dtype) for name, dtype in COLUMNS.items()}
    string = pd.api.types.pandas_dtype("string")
    arrow_strings = getattr(string, "storage", None) == "pyarrow"    # else pd.array picks the storage
    masked = {pd.api.types.pandas_dtype("Int64"): (int, np.int64(0)),
              pd.api.types.pandas_dtype("Float64"): (float, np.float64(0.0))}
    # What _array builds each column as, worked out once: dtype comparisons cost more than the arrays of
    # a five-event article
    build = {name: ("string" if dtype == string and arrow_strings else "masked" if dtype in masked else "")
             for name, dtype in dtypes.items()}
    string_columns = tuple(name for name, b in build.items() if b == "string")
    return SimpleNamespace(
        dtypes=dtypes, string=string, masked=masked, from_blocks=from_blocks,
        column_index=pd.Index(list(COLUMNS)),
        column_builds=[(name, dtype, build[name]) for name, dtype in dtypes.items()],
        string_columns=string_columns,
        string_row=attrgetter(*string_columns) if len(string_columns) > 1 else None,
        string_struct=pa.struct([(name, pa.large_string()) for name in string_columns]),
        # Each column is a block of its own (extension arrays are one-dimensional): where it goes
        placements=[np.array([i]) for i in range(len(COLUMNS))],
    )


_STR_OR_NONE = frozenset({str, type(None)})


@lru_cache(maxsize=1)
def _empty() -> pd.DataFrame:
    import pandas as pd
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _tables().dtypes.items()})


def empty_frame() -> pd.DataFrame:
    """A frame with no rows that still has every column and dtype (a copy of one built once)."""
    return _empty().copy()


def to_frame(events: list[Event]) -> pd.DataFrame:
    """Events to a frame with the schema's columns and dtypes, in the given order."""
    if not events:
        return empty_frame()
    import pandas as pd
    t = _tables()
    built = _strings(events)
    arrays = [built[name] if name in built else _array([getattr(e, name) for e in events], dtype, build)
              for name, dtype, build in t.column_builds]
    # The arrays are new, of one length and of the schema's dtypes: the DataFrame constructor's per-column
    # checks and conversions (most of the frame's cost for a few events) have nothing to do
    index, columns = pd.RangeIndex(len(events)), t.column_index.copy()
    if t.from_blocks is not None:     # pandas >= 3: one block per column, as _from_arrays would make them
        return t.from_blocks(list(zip(arrays, t.placements, strict=True)), index, columns)
    return pd.DataFrame._from_arrays(arrays, columns=columns, index=index, verify_integrity=False)


def _strings(events: list[Event]) -> dict[str, pd.api.extensions.ExtensionArray]:
    """The string columns, when all of them hold plain str or None: one pyarrow struct array made from
    the events' rows, its fields (each with buffers of its own) the columns. Else {} (see _array)."""
    import pandas as pd
    import pyarrow as pa
    t = _tables()
    if t.string_row is None:
        return {}
    rows = [t.string_row(e) for e in events]
    if not set(map(type, chain.from_iterable(rows))) <= _STR_OR_NONE:
        return {}
    struct = pa.array(rows, type=t.string_struct)
    return {name: pd.arrays.ArrowStringArray(struct.field(i), dtype=t.string)
            for i, name in enumerate(t.string_columns)}


def _array(values: list, dtype: Any, build: str = "") -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype=dtype)``, built directly from plain str/int/float values and None.

    pd.array inspects and converts every value (a tenth of an article's extraction time); the arrays
    built here are the ones it builds. Anything else (NaN, numpy scalars) takes pd.array. ``build`` is
    "string" or "masked" when ``dtype`` is a pyarrow string or an Int64/Float64 dtype.
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    if build == "string":
        if all(v is None or type(v) is str for v in values):
            return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=dtype)
    elif build == "masked":
        kind, zero = _tables().masked[dtype]
        if all(v is None or (type(v) is kind and v == v) for v in values):
            mask = np.array([v is None for v in values], dtype=bool)
            data = np.array([zero if v is None else v for v in values], dtype=type(zero))
            return (pd.arrays.IntegerArray if kind is int else pd.arrays.FloatingArray)(data, mask)
    return pd.array(values, dtype=dtype)


def timeline_frame(columns: Mapping[str, list]) -> pd.DataFrame:
    """A timeline frame (:data:`TIMELINE_COLUMNS`, with their dtypes) from one list of values per column;
    ``sources`` holds one list of article ids per event."""
    import numpy as np
    import pandas as pd
    t = _tables()
    frame = {name: _column(columns[name], dtype, _build(t, dtype))
             for name, dtype in _timeline_dtypes().items()}
    sources = np.empty(len(columns["sources"]), dtype=object)
    sources[:] = columns["sources"]
    frame["sources"] = sources
    return pd.DataFrame(frame, columns=list(TIMELINE_COLUMNS))


@lru_cache(maxsize=1)
def _timeline_dtypes() -> dict[str, Any]:
    import pandas as pd
    return {name: pd.api.types.pandas_dtype(dtype) for name, dtype in TIMELINE_COLUMNS.items()
            if name != "sources"}


def _column(values: list, dtype: Any, build: str) -> pd.api.extensions.ExtensionArray:
    """:func:`_array` for a store's column (str/int/float and None), pyarrow checking the values in C;
    anything else (or a column pyarrow refuses) as :func:`_array` builds it."""
    import pandas as pd
    import pyarrow as pa
    try:
        if build == "string":
            return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=dtype)
        if build == "masked":
            kind, zero = _tables().masked[dtype]
            found = pa.array(values, type=pa.int64() if kind is int else pa.float64(), from_pandas=True)
            mask = found.is_null().to_numpy(zero_copy_only=False)
            data = found.fill_null(zero).to_numpy(zero_copy_only=False)
            return (pd.arrays.IntegerArray if kind is int else pd.arrays.FloatingArray)(data, mask)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pass
    return _array(values, dtype, build)


def _build(t: Any, dtype: Any) -> str:
    """How :func:`_array` builds a column of ``dtype`` (pyarrow strings and masked numbers directly:
    pd.array's per-value checks were most of reading a 100k-event timeline)."""
    return "string" if dtype == t.string and getattr(t.string, "storage", None) == "pyarrow" \
        else "masked" if dtype in t.masked else ""


def missing(value: Any) -> bool:
    """Whether a cell is missing: None, pd.NA, pd.NaT or NaN. The project's one definition."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    pd = sys.modules.get("pandas")     # not imported yet: nothing can be pd.NA or pd.NaT
    return pd is not None and (value is pd.NA or value is pd.NaT)


def plain(value: Any) -> Any:
    """A cell as a plain Python value (for JSON and sqlite3): missing is None, numpy scalars become Python
    ones, arrays and tuples lists."""
    if missing(value):
        return None
    if type(value) in (str, int, float, bool):
        return value
    np = sys.modules.get("numpy")      # not imported yet: nothing can be a numpy scalar
    if np is not None and isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "tolist"):              # numpy and pandas arrays
        return plain(value.tolist())
    return value


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Frame rows as plain JSON-ready dicts (missing values become None). Column by column: an article's
    few rows through ``astype(object).where(...)`` cost ~10 ms of pandas per call, most of an ingest."""
    columns = list(frame.columns)
    lists = frame.to_dict(orient="list")
    cells = [[None if missing(v) else v for v in lists[c]] for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*cells, strict=True)]


_NUMBERS = {"Int64": int, "Float64": float}


def event_rows(events: Sequence[Event]) -> list[dict[str, object]]:
    """Events as the plain dicts :func:`records` gives for their frame (``records(to_frame(events))``),
    without building the frame: numbers as the column's type, missing values None."""
    casts = [(name, _NUMBERS.get(dtype)) for name, dtype in COLUMNS.items()]
    out = []
    for e in events:
        row: dict[str, object] = {}
        for name, cast in casts:
            value = plain(getattr(e, name))
            row[name] = cast(value) if cast is not None and value is not None else value
        out.append(row)
    return out


def group_codes(columns: Iterable[pd.Series | np.ndarray], rows: int,
                keep: np.ndarray | None = None) -> np.ndarray:
    """Group numbers of ``rows`` rows by the values of ``columns`` (missing values too), 0, 1, ... in order
    of first appearance; rows outside ``keep`` (a mask) are in no group (-1). Coded column by column, so
    the combined code stays below rows ** 2 (pandas' groupby over Arrow columns is ~10x slower), each
    step by :func:`first_seen`; ``columns`` may be made one at a time (a generator)."""
    import numpy as np
    codes = np.zeros(rows, dtype=np.int64)
    for column in columns:
        part, width = _value_codes(column)
        codes *= width
        codes += part
        del part
        codes = first_seen(codes)
    if keep is not None:
        codes[keep] = first_seen(codes[keep])
        codes[~keep] = -1
    return codes


def first_rows(codes: np.ndarray) -> np.ndarray:
    """The row of each group's first appearance, group by group, given :func:`group_codes`' numbers (-1:
    no group): the rows whose number passes every number before them (no sort of the rows)."""
    import numpy as np
    if not len(codes):
        return np.zeros(0, dtype=np.intp)
    return np.flatnonzero(codes > np.maximum.accumulate(np.r_[-1, codes[:-1]]))


def _value_codes(column: pd.Series | np.ndarray) -> tuple[np.ndarray, int]:
    """Each row's code among the column's distinct values (a missing value has one too), and a bound
    above every code: a categorical's own codes, else :func:`first_seen`'s."""
    import numpy as np
    import pandas as pd
    if isinstance(column, pd.Series) and isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype(np.int64) + 1, len(column.cat.categories) + 1
    codes = first_seen(column)
    return codes, int(codes.max()) + 1 if len(codes) else 1


def first_seen(values: pd.Series | np.ndarray) -> np.ndarray:
    """Each value's number among the distinct values in order of first appearance, 0, 1, ... (missing
    values, and every NaN, are one value; -0.0 is 0.0), as ``pd.factorize(values, use_na_sentinel=False)``
    numbers them. By Arrow's dictionary encoding, whose hash table grows with the distinct values: pandas'
    is sized for every row (~4 MiB for 100k rows, made and dropped for each column at the page's peak)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        values = values.cat.codes.to_numpy()        # a missing value: -1, one value like the others
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        values = values + 0.0       # -0.0 as 0.0 (Arrow hashes the bits)
    try:
        array = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):      # objects Arrow has no one type for: pandas' numbers
        return pd.factorize(values, use_na_sentinel=False)[0].astype(np.int64)
    encoded = pc.dictionary_encode(array, null_encoding="encode")
    chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
    parts = [chunk.indices.to_numpy(zero_copy_only=False) for chunk in chunks]
    if len(parts) == 1:
        return parts[0].astype(np.int64)
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)
