"""The place index built by :mod:`dashboard.places.build`: data/places/index.json.gz (the readable form)
and index.bin, the run-time form packed from it (:func:`pack`), which loads with no per-name object.

index.bin, little-endian: ``MAGIC``, then five uint32 (names, ids, key bytes, meta bytes, 0); the start of
each name's key in the key blob (names + 1 uint32), the start of each name's ids (names + 1 uint32), the ids
(uint32, rows of ``places``), the keys (UTF-8, each followed by a newline, sorted: UTF-8 order is the code
point order of Python strings) and the rest of the index (zlib-compressed JSON: places, serves, heads,
first words). The file is memory-mapped; a name is found by bisection over the sorted keys.
"""
from __future__ import annotations

import gzip
import json
import mmap
import struct
import sys
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.errors import DataFileError
from dashboard.places.model import Place, km

INDEX_FILE = "index.json.gz"
PACKED_FILE = "index.bin"
MAGIC = b"VTPIDX01"
_HEADER = struct.Struct("<8s5I")
MEMO_KEYS = 50_000       # at most this many looked-up keys remembered (a few MB at most)
BLOCK = 16               # a key is looked for among the first keys of blocks this long, then in its block
_META_KEYS = ("places", "serves", "region_heads", "district_heads", "head_only", "max_words")
VENUE_KINDS = ("airport", "landmark")   # a leader's name inside one of these names the venue, not him


class NameTable(Mapping[str, tuple[int, ...]]):
    """Fold key -> rows of the places it names, read from the packed keys and ids without a dict."""

    __slots__ = ("_base", "_buf", "_firsts", "_id_at", "_ids", "_key_at", "_memo", "_n")

    def __init__(self, buf: bytes | mmap.mmap, base: int, key_at: Any, id_at: Any, ids: Any) -> None:
        """``buf[base + key_at[k]:base + key_at[k + 1] - 1]`` is the k-th key, ``ids[id_at[k]:id_at[k + 1]]``
        its rows."""
        self._n = len(key_at) - 1
        self._buf, self._base, self._key_at, self._id_at, self._ids = buf, base, key_at, id_at, ids
        self._memo: dict[str, tuple[int, ...] | None] = {}    # the keys looked up so far (text repeats them)
        self._firsts: list[bytes] | None = None    # the first key of each block (made at the first lookup)

    def _find(self, key: str) -> int:
        """The position of ``key`` among the sorted keys, or -1: ``bisect`` (in C) over the first keys of the
        blocks, then over the keys of the one block it may be in (a Python bisection over all the keys took
        twice as long, and a word new to the memo is looked up with each of its stems)."""
        kb = key.encode("utf-8")
        buf, at, base, n = self._buf, self._key_at, self._base, self._n
        firsts = self._firsts
        if firsts is None:      # ~5k keys: a fraction of a millisecond, once
            firsts = self._firsts = [buf[base + at[k]:base + at[k + 1] - 1] for k in range(0, n, BLOCK)]
        b = bisect_right(firsts, kb) - 1
        if b < 0:
            return -1
        lo = b * BLOCK
        block = buf[base + at[lo]:base + at[min(lo + BLOCK, n)] - 1].split(b"\n")   # keys hold no newline
        j = bisect_left(block, kb)
        return lo + j if j < len(block) and block[j] == kb else -1

    def _lookup(self, key: str) -> tuple[int, ...] | None:
        try:
            return self._memo[key]
        except KeyError:
            pass
        k = self._find(key)
        found = None if k < 0 else tuple(self._ids[self._id_at[k]:self._id_at[k + 1]])
        if len(self._memo) < MEMO_KEYS:
            self._memo[key] = found
        return found

    def get(self, key: str, default: Any = None) -> Any:
        found = self._lookup(key)
        return default if found is None else found

    def __getitem__(self, key: str) -> tuple[int, ...]:
        found = self._lookup(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def __iter__(self) -> Iterator[str]:
        blob = self._buf[self._base:self._base + self._key_at[self._n]]
        return iter(blob.decode("utf-8").split("\n")[:-1])

    def __len__(self) -> int:
        return self._n

    def items(self) -> Iterator[tuple[str, tuple[int, ...]]]:  # type: ignore[override]
        ids, at = self._ids, self._id_at
        return ((key, tuple(ids[at[k]:at[k + 1]])) for k, key in enumerate(self))


def _uint32s(buf: Any, start: int, count: int) -> Any:
    """``count`` little-endian uint32 from ``buf`` at ``start``: a view of the mapped file, or a copy on a
    big-endian machine."""
    raw = memoryview(buf)[start:start + 4 * count]
    if sys.byteorder == "little":
        return raw.cast("I")
    out = array("I", raw.tobytes())
    out.byteswap()
    return out


def pack(data: dict[str, Any]) -> bytes:
    """The bytes of index.bin for the index ``data`` (as index.json.gz holds it)."""
    names: dict[str, list[int]] = data["names"]
    keys = sorted(names)
    blob = "".join(f"{k}\n" for k in keys).encode("utf-8")
    key_at, id_at, ids = array("I", [0]), array("I", [0]), array("I")
    for k in keys:
        key_at.append(key_at[-1] + len(k.encode("utf-8")) + 1)
        ids.extend(names[k])
        id_at.append(len(ids))
    meta = {k: data[k] for k in _META_KEYS if k in data}
    meta["first_words"] = sorted({k.split(" ", 1)[0] for k in keys if " " in k})
    meta["venue_words"] = venue_words(names.items(), data["places"])
    zmeta = zlib.compress(json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 9)
    if sys.byteorder != "little":
        for a in (key_at, id_at, ids):
            a.byteswap()
    return b"".join((_HEADER.pack(MAGIC, len(keys), len(ids), len(blob), len(zmeta), 0),
                     key_at.tobytes(), id_at.tobytes(), ids.tobytes(), blob, zmeta))


def venue_words(names: Iterable[tuple[str, Sequence[int]]], rows: Sequence[Sequence[Any]]) -> list[str]:
    """The words of the names of venues and airports (people's finder asks whether a leader's name could
    stand inside one); worked out when the index is packed: a cold extract spent 0.3 s on it."""
    return sorted({word for key, ids in names if any(rows[i][2] in VENUE_KINDS for i in ids)
                   for word in key.split()})


def read_packed(path: Path) -> tuple[NameTable, dict[str, Any]]:
    """The names of index.bin (a view of the memory-mapped file) and the rest of the index."""
    with path.open("rb") as fh:
        buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if len(buf) < _HEADER.size:
        raise ValueError("too short")
    magic, n, n_ids, n_keys, n_meta, _ = _HEADER.unpack_from(buf)
    start = _HEADER.size
    blob_at = start + 4 * (2 * (n + 1) + n_ids)
    if magic != MAGIC or len(buf) != blob_at + n_keys + n_meta:
        raise ValueError("not a packed place index of this version")
    table = NameTable(buf, blob_at, _uint32s(buf, start, n + 1), _uint32s(buf, start + 4 * (n + 1), n + 1),
                      _uint32s(buf, start + 8 * (n + 1), n_ids))
    return table, json.loads(zlib.decompress(buf[blob_at + n_keys:]))


@dataclass(slots=True)
class PlaceIndex:
    rows: list[list]
    pops: list[int]
    names: Mapping[str, tuple[int, ...]]
    first_words: frozenset[str]
    venue_words: frozenset[str]
    max_words: int
    serves: dict[int, int]           # city index -> index of the airport that serves it
    region_heads: dict[str, str]     # fold key of "X" in "X viloyati" -> region id
    district_heads: dict[str, int]   # fold key of "X" in "X tumani" -> row of the district's centre
    head_only: dict[str, frozenset[int]]   # bare airport names -> airports they mean only next to "airport"
    by_id: dict[str, int]
    airports_by_country: dict[str, list[int]]
    _cache: dict[int, Place]

    @classmethod
    def load(cls, places_dir: Path) -> PlaceIndex:
        path = places_dir / PACKED_FILE
        try:
            names, data = read_packed(path)
        except (OSError, ValueError, zlib.error) as exc:
            raise DataFileError(f"cannot read the place index {path}: {exc}; "
                                "build it with `python -m dashboard.places.build`") from exc
        rows = data["places"]
        airports: dict[str, list[int]] = {}
        for i, r in enumerate(rows):
            if r[2] == "airport":
                airports.setdefault(r[5], []).append(i)
        return cls(
            rows=rows,
            pops=[r[9] for r in rows],
            names=names,
            first_words=frozenset(data["first_words"]),
            venue_words=frozenset(data.get("venue_words") or venue_words(names.items(), rows)),
            max_words=data.get("max_words", 6),
            serves={int(k): v for k, v in data["serves"].items()},
            region_heads=data["region_heads"],
            district_heads=data.get("district_heads", {}),
            head_only={k: frozenset(v) for k, v in data.get("head_only", {}).items()},
            by_id={r[0]: i for i, r in enumerate(rows)},
            airports_by_country=airports,
            _cache={},
        )

    def place(self, i: int) -> Place:
        """The place at row ``i`` (built on first use)."""
        p = self._cache.get(i)
        if p is None:
            r = self.rows[i]
            p = self._cache[i] = Place(r[0], r[1], r[2], float(r[3]), float(r[4]), r[5], r[6], r[7], r[8])
        return p

    def airport_for(self, place: Place) -> Place | None:
        """The airport serving a city-level place (its own airport if it is one); for a venue, the nearest
        airport that serves a city (Kuksaroy, east of Tashkent: Tashkent's, not the newer one nearer it)."""
        if place.kind == "airport":
            return place
        idx = self.by_id.get(place.id)
        if idx is not None and idx in self.serves:
            return self.place(self.serves[idx])
        serving = set(self.serves.values())   # a venue's airport is its city's: the one serving a city first
        best, best_key = None, (True, 60.0)
        for i in self.airports_by_country.get(place.country, ()):
            a = self.place(i)
            d = km(place.lat, place.lon, a.lat, a.lon)
            key = (i not in serving, d)
            if d < 60.0 and key < best_key:
                best, best_key = a, key
        return best


def name_prefixes(names: Mapping[str, tuple[int, ...]]) -> frozenset[str]:
    """The first two words or more (never all) of every name of the index: where a longer name may go on."""
    out: set[str] = set()
    for key in names:
        head = key.rpartition(" ")[0]
        while " " in head and head not in out:
            out.add(head)
            head = head.rpartition(" ")[0]
    return frozenset(out)


def read_json(places_dir: Path) -> dict[str, Any]:
    """The readable index, index.json.gz (the builder's output, packed into index.bin)."""
    path = places_dir / INDEX_FILE
    try:
        data: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read the place index {path}: {exc}") from exc
    return data


def write_packed(places_dir: Path, data: dict[str, Any]) -> Path:
    """Write index.bin for ``data`` into ``places_dir``."""
    out = places_dir / PACKED_FILE
    out.write_bytes(pack(data))
    return out
