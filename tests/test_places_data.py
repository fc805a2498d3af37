"""The shipped place data: curated CSVs, the built index, the morphology file."""
from __future__ import annotations

import csv
import gzip
import json

import pytest

from dashboard.errors import DataFileError
from dashboard.places import Gazetteer, load_gazetteer
from dashboard.places.builder import RULES_FILE, Rules
from dashboard.places.morphology import Morphology
from dashboard.schema import PLACE_KINDS
from dashboard.settings import Settings

PLACES = Settings().places_dir
KINDS = set(PLACE_KINDS)


def _rows(name: str) -> list[dict[str, str]]:
    with (PLACES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_landmarks_csv_is_complete() -> None:
    rows = _rows("landmarks.csv")
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["id"]
        assert (float(r["lat"]), float(r["lon"])) != (0.0, 0.0), r["id"]
        assert r["source"] and r["kind"] and len(r["country"]) == 2, r["id"]
        assert any(r[c] for c in ("names_uz", "names_uz_cyrl", "names_ru", "names_en")), r["id"]


def test_index_is_built_from_the_csvs_and_small() -> None:
    index = json.loads(gzip.decompress((PLACES / "index.json.gz").read_bytes()))
    ids = {row[0] for row in index["places"]}
    missing = [r["id"] for r in _rows("landmarks.csv") if f"landmark:{r['id']}" not in ids]
    assert missing == [], "rebuild: python -m dashboard.places.build"
    assert {f"region:{r['id']}" for r in _rows("regions.csv") if r["head_names"]} <= ids
    assert {row[2] for row in index["places"]} <= KINDS
    assert (PLACES / "index.json.gz").stat().st_size < 3_000_000


@pytest.mark.parametrize("code", ["UZ-AN", "UZ-BU", "UZ-FA", "UZ-JI", "UZ-XO", "UZ-NG", "UZ-NW", "UZ-QA",
                                  "UZ-QR", "UZ-SA", "UZ-SI", "UZ-SU", "UZ-TO"])
def test_every_uzbek_region_resolves_to_its_centre(code: str) -> None:
    gaz = load_gazetteer(PLACES)
    region = gaz.get(f"region:{code}")
    assert region is not None and region.kind == "region" and region.precision == "region"
    assert region.country == "UZ" and region.city


@pytest.mark.parametrize(("word", "stem"), [
    ("xivada", "xiva"), ("ozbekistonga", "ozbekiston"), ("majmuasidagi", "majmuasi"), ("aeroportidan", "aeroporti"),
    ("shahridagi", "shahri"), ("ташкенте", "ташкент"), ("москве", "москва"), ("кремле", "кремль"),
], ids=lambda v: v)
def test_morphology_strips_endings(word: str, stem: str) -> None:
    assert stem in Morphology.load(PLACES).stems(word)


def test_missing_index_is_a_data_file_error(tmp_path) -> None:
    (tmp_path / "morphology.json").write_text((PLACES / "morphology.json").read_text(encoding="utf-8"))
    with pytest.raises(DataFileError):
        Gazetteer.load(tmp_path)


@pytest.mark.parametrize(("key", "expected"), [
    ("uchqŭrghon shahri", {"uchqŭrghon shahri", "uchqŭrghon", "uchqorgon"}),
    ("ghallaorol", {"ghallaorol", "gallaorol"}),
    ("xiva", {"xiva"}),
], ids=["type-word-and-breve", "gh-digraph", "plain"])
def test_build_rules_give_the_media_spellings_of_geonames_uzbek_names(key: str, expected: set[str]) -> None:
    assert Rules.load(PLACES / RULES_FILE).keys(key) == expected


@pytest.mark.parametrize(("name", "shown"), [
    ("Uchqŭrghon Shahri", "Uchqurghon"), ("Qo‘rg‘ontepa Qishlog‘i", "Qo‘rg‘ontepa"), ("Shahrisabz", "Shahrisabz"),
], ids=["shahri", "qishlogi-with-apostrophes", "untouched"])
def test_build_rules_clean_display_names(name: str, shown: str) -> None:
    assert Rules.load(PLACES / RULES_FILE).display(name) == shown


def test_build_rules_with_a_missing_key_are_a_data_file_error(tmp_path) -> None:
    data = json.loads((PLACES / RULES_FILE).read_text(encoding="utf-8"))
    del data["airport_words"]
    (tmp_path / RULES_FILE).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match="airport_words"):
        Rules.load(tmp_path / RULES_FILE)


def test_airports_extra_csv_rows_are_sourced_and_new_ones_placed() -> None:
    rows = _rows("airports_extra.csv")
    assert len({r["iata"] for r in rows}) == len(rows)
    for r in rows:
        assert r["source"], r["iata"]
        if r["lat"]:
            assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["iata"]


@pytest.mark.parametrize("key", ["kazakh", "turk", "казах"], ids=["en-kazakh", "uz-turk", "ru-kazakh"])
def test_an_ethnonym_is_not_a_city_name(key: str) -> None:
    index = json.loads(gzip.decompress((PLACES / "index.json.gz").read_bytes()))
    assert [index["places"][i][1] for i in index["names"].get(key, []) if index["places"][i][2] == "city"] == []


def test_country_priors_are_data_for_real_countries() -> None:
    from dashboard.places import load_gazetteer
    from dashboard.places.rank import load_priors
    from dashboard.settings import DEFAULT

    priors = load_priors(DEFAULT.places_dir)
    gazetteer = load_gazetteer(DEFAULT.places_dir)
    assert priors["UZ"] == max(priors.values())
    assert all(gazetteer.get(f"country:{code}") is not None and value > 0 for code, value in priors.items())
    assert gazetteer.prior == priors


def test_the_packed_index_is_the_json_index_packed() -> None:
    from dashboard.places.index import PACKED_FILE, pack, read_json, read_packed

    data = read_json(PLACES)
    assert (PLACES / PACKED_FILE).read_bytes() == pack(data), \
        "repack: python -m dashboard.places.build --pack-only"
    names, meta = read_packed(PLACES / PACKED_FILE)
    assert len(names) == len(data["names"])
    assert dict(names.items()) == {k: tuple(v) for k, v in data["names"].items()}
    assert meta["places"] == data["places"]
    assert (PLACES / PACKED_FILE).stat().st_size < 4_000_000
