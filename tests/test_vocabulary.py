"""Data integrity (in the manner of dateparser's): the lexicons, the vocabulary tables and the schema agree.

Every kind a lexicon, kinds.json or the gazetteer data names is in its table in data/; the code takes
its place-kind and status constants from those tables (the loader refuses a malformed one); every key
of a lexicon is one the engine reads.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from dashboard import vocab
from dashboard.errors import DataFileError
from dashboard.extract import placing
from dashboard.figures.base import KIND_COLOURS
from dashboard.filters import LEVELS
from dashboard.places import gazetteer, rank
from dashboard.schema import COLUMNS, KINDS, PLACE_KINDS, STATUSES, Event
from dashboard.settings import DEFAULT
from dashboard.text import load_lexicons
from dashboard.vocab import EVENT_KINDS
from dashboard.vocab import PLACE_KINDS as PLACE_TABLE

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = load_lexicons(DEFAULT.lexicon_dir)
SHARED = json.loads((DEFAULT.lexicon_dir / "kinds.json").read_text(encoding="utf-8"))
ENGINE = "\n".join(p.read_text(encoding="utf-8") for folder in ("extract", "text")
                   for p in sorted((ROOT / "dashboard" / folder).glob("*.py")))
# lexicon keys no engine code reads yet (reported on issue 14; the lexicons belong to the engine's rewrite)
UNREAD_KEYS = {"_doc", "lead_markers"}


def test_the_schema_kinds_are_the_table_in_timeline_order():
    assert tuple(EVENT_KINDS) == KINDS and "other" in KINDS
    assert set(KIND_COLOURS) == set(KINDS)
    assert len(set(KIND_COLOURS.values())) == len(KINDS), "two kinds share a colour"


def test_kinds_json_labels_and_tie_order_cover_exactly_the_table():
    assert "labels" not in SHARED     # event-kind labels live in data/event_kinds.csv only
    assert sorted(SHARED["tie_order"]) == sorted(KINDS)


def test_counterpart_kinds_name_known_kinds_for_leaders_and_others():
    table = {k: v for k, v in SHARED["counterpart_kinds"].items() if not k.startswith("_")}
    assert set(table) == {"leader", "other"}
    assert set(table.values()) <= set(KINDS)


def test_every_kind_but_other_has_a_cameo_code():
    assert [k.name for k in EVENT_KINDS.values() if not k.cameo] == ["other"]


@pytest.mark.parametrize("lang", sorted(LEXICONS))
def test_lexicon_names_only_known_kinds(lang):
    lex = LEXICONS[lang]
    named = {*lex.get("kinds", {}), *lex.get("generic_kinds", []), lex.get("generic_default", "visit"),
             *(k for pair in lex.get("continuing_kinds", []) for k in pair)}
    assert named <= set(KINDS), f"{lang}: unknown kinds {sorted(named - set(KINDS))}"
    assert set(KINDS) - {"other"} <= set(lex.get("kinds", {})), f"{lang}: kinds without cues"


@pytest.mark.parametrize("lang", sorted(LEXICONS))
def test_every_lexicon_key_is_read_by_the_engine(lang):
    unread = [key for key in LEXICONS[lang] if key not in UNREAD_KEYS
              and not re.search(rf"""["']{re.escape(key)}["']""", ENGINE)]
    assert unread == [], f"{lang}.json: keys no code reads (a typo?): {unread}"


def test_the_code_reads_place_kinds_and_statuses_from_their_tables():
    assert tuple(PLACE_TABLE) == PLACE_KINDS and tuple(reversed(PLACE_KINDS)) == LEVELS
    assert rank.SPECIFICITY is vocab.SPECIFICITY and rank.KIND_BASE is vocab.PLACE_TRUST
    assert placing.PLACE_DETAIL is vocab.PLACE_DETAIL and gazetteer.CITY_LEVEL is vocab.CITY_LEVEL
    assert tuple(vocab.STATUSES) == STATUSES and Event.__dataclass_fields__["status"].default == STATUSES[0]
    assert {"planned"} == vocab.HIDDEN_STATUSES


GOOD_PLACES = ("kind,specificity,detail,trust,city_level,page_en,page_ru\ncity,0,3,0.0,1,city,город\n"
               "country,1,1,10.0,0,country,страна\n")
GOOD_STATUSES = "status,shown,meaning,page_en\nhappened,1,done,happened\nplanned,0,announced,planned\n"


def _load(monkeypatch, tmp_path, places=GOOD_PLACES, statuses=GOOD_STATUSES):
    (tmp_path / "place_kinds.csv").write_text(places, encoding="utf-8")
    (tmp_path / "statuses.csv").write_text(statuses, encoding="utf-8")
    monkeypatch.setattr(vocab, "packaged_dir", lambda name: tmp_path)
    return vocab._place_kinds(), vocab._statuses()


def test_the_loader_reads_every_column(monkeypatch, tmp_path):
    places, statuses = _load(monkeypatch, tmp_path)
    assert places["city"] == vocab.PlaceKind("city", 0, 3, 0.0, True)
    assert places["city"].page == {"en": "city", "ru": "город"}
    assert [s.name for s in statuses.values() if not s.shown] == ["planned"]


@pytest.mark.parametrize("places, statuses", [
    (GOOD_PLACES.replace("city_level", "town"), GOOD_STATUSES),
    (GOOD_PLACES.replace("0.0,1", "0.0,yes"), GOOD_STATUSES),
    (GOOD_PLACES.replace("country,1", "country,0"), GOOD_STATUSES),
    (GOOD_PLACES.replace("3,0.0", "3,high"), GOOD_STATUSES),
    (GOOD_PLACES, GOOD_STATUSES.replace("happened,1", "happened,0")),
    (GOOD_PLACES, GOOD_STATUSES + "happened,1,again,again\n"),
    (GOOD_PLACES, GOOD_STATUSES.replace(",page_en", "").replace(",happened\n", "\n").replace(",planned\n", "\n")),
    (GOOD_PLACES.replace(",страна", ","), GOOD_STATUSES),
    (GOOD_PLACES.replace("page_ru", "russian"), GOOD_STATUSES),
], ids=["column-missing", "flag-not-0-or-1", "specificity-twice", "trust-not-a-number",
        "default-status-hidden", "status-twice", "no-page-names", "page-name-empty", "not-a-page-column"])
def test_the_loader_refuses_a_bad_table(monkeypatch, tmp_path, places, statuses):
    with pytest.raises(DataFileError):
        _load(monkeypatch, tmp_path, places, statuses)


def test_the_gazetteer_index_holds_only_known_place_kinds():
    index = json.loads(gzip.decompress((DEFAULT.places_dir / "index.json.gz").read_bytes()))
    assert {row[2] for row in index["places"]} <= set(PLACE_KINDS)


def test_event_columns_are_the_event_fields():
    assert list(COLUMNS) == [f for f in Event.__dataclass_fields__]


TABLES = {"event_kinds": EVENT_KINDS, "place_kinds": PLACE_TABLE, "statuses": vocab.STATUSES}


@pytest.mark.parametrize("name", TABLES, ids=list(TABLES))
def test_every_row_is_named_in_each_language_of_the_page(name):
    from dashboard import i18n

    for row in TABLES[name].values():
        assert set(row.page) == set(i18n.languages()), f"{name}.csv, {row.name}: page_<lang> columns"
        assert row.page[i18n.SOURCE] == row.name, "English keeps the names the page has always shown"
        assert vocab.page_name(row.name, "ru") == row.page["ru"]
    translated = [r.page["ru"] for r in TABLES[name].values()] + [r.page["uz"] for r in TABLES[name].values()]
    assert len(set(translated)) == len(translated), f"{name}.csv: two rows share a name"
