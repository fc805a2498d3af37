"""The packed place index (dashboard/places/index.py): names found by bisection, a broken file refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.errors import DataFileError
from dashboard.places.index import BLOCK, PACKED_FILE, NameTable, PlaceIndex, pack, read_packed, venue_words

ROW = ["city:1", "Qarshi", "city", 38.86, 65.79, "UZ", "city", "Qarshi", None, 250_000]
NAMES = {"qarshi": [0], "qarshi shahri": [0], "ak orda": [1], "ak": [1, 0], "карши": [0], "é": [1],
         "a": [1], "zz top": [0]}
DATA = {"places": [ROW, ["landmark:2", "Ak Orda", "landmark", 51.1, 71.4, "KZ", "venue", "Astana", None, 0]],
        "names": NAMES, "serves": {}, "region_heads": {}, "district_heads": {}, "head_only": {}, "max_words": 2}


@pytest.fixture
def table(tmp_path: Path) -> NameTable:
    (tmp_path / PACKED_FILE).write_bytes(pack(DATA))
    return read_packed(tmp_path / PACKED_FILE)[0]


@pytest.mark.parametrize("key", sorted(NAMES), ids=str)
def test_every_key_is_found_with_its_rows(table: NameTable, key: str) -> None:
    assert key in table
    assert table[key] == table.get(key) == tuple(NAMES[key])


@pytest.mark.parametrize("key", ["", "qars", "qarshii", "ak ord", "b", "zzz", "карш", "ё"], ids=repr)
def test_a_missing_key_is_not_found(table: NameTable, key: str) -> None:
    assert key not in table
    assert table.get(key) is None
    with pytest.raises(KeyError):
        table[key]


def test_keys_over_many_blocks_are_found_and_their_neighbours_not(tmp_path: Path) -> None:
    """A table of several blocks (``BLOCK`` keys each, the last one short): each key at its own rows, and a
    key just before, after or between two of them (another block's first key's neighbour too) is missing."""
    keys = sorted({f"{w}{n}" for w in ("ab", "b", "qo", "ша") for n in range(3 * BLOCK + 5)})
    data = {**DATA, "names": {k: [i % 2] for i, k in enumerate(keys)}}
    (tmp_path / PACKED_FILE).write_bytes(pack(data))
    big = read_packed(tmp_path / PACKED_FILE)[0]
    assert len(big) == len(keys) > 4 * BLOCK
    assert [big.get(k) for k in keys] == [(i % 2,) for i in range(len(keys))]
    missing = ["", "a", "ab", "zz", "ща", *(k + "!" for k in keys), *(k[:-1] for k in keys if k[:-1] not in keys)]
    assert not [k for k in missing if k in big]


def test_the_table_iterates_its_keys_in_order(table: NameTable) -> None:
    assert list(table) == sorted(NAMES)
    assert len(table) == len(NAMES)
    assert dict(table.items()) == {k: tuple(v) for k, v in NAMES.items()}


def test_the_index_loads_first_words_from_the_packed_file(tmp_path: Path) -> None:
    (tmp_path / PACKED_FILE).write_bytes(pack(DATA))
    index = PlaceIndex.load(tmp_path)
    assert index.first_words == {"qarshi", "ak", "zz"}
    assert index.place(0).name == "Qarshi" and index.names["ak"] == (1, 0)


def test_the_index_packs_the_words_of_venue_names(tmp_path: Path) -> None:
    """A landmark's or an airport's words are packed once (people's finder asks for them on every cold run)."""
    (tmp_path / PACKED_FILE).write_bytes(pack(DATA))
    assert PlaceIndex.load(tmp_path).venue_words == {"ak", "orda", "é", "a"}   # the names row 1 (Ak Orda) has


def test_the_shipped_index_has_its_venue_words_up_to_date() -> None:
    names, data = read_packed(Path(__file__).resolve().parent.parent / "data" / "places" / PACKED_FILE)
    assert data["venue_words"] == venue_words(names.items(), data["places"])
    assert {"airport", "mausoleum"} <= set(data["venue_words"])


@pytest.mark.parametrize("content", [b"", b"VTPIDX01", pack(DATA)[:-3], b"X" + pack(DATA)[1:]],
                         ids=["empty", "header-only", "truncated", "bad-magic"])
def test_a_broken_packed_file_is_a_data_error(tmp_path: Path, content: bytes) -> None:
    (tmp_path / PACKED_FILE).write_bytes(content)
    with pytest.raises(DataFileError, match="place index"):
        PlaceIndex.load(tmp_path)


def test_a_missing_packed_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="build"):
        PlaceIndex.load(tmp_path)
