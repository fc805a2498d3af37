"""The extraction's result: records first, the frame built from them on first use, the same either way."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from dashboard import COLUMNS, extract_events
from dashboard.extract import Extraction, extract
from dashboard.schema import Event, records, to_frame

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed" / "khiva_visit_2024-04-05.txt"
# Our own sentences: an arrival and talks on two days, in two languages
TEXTS = {
    "uz-Latn": ("Prezident Samarqandga keldi\n\n5-aprel kuni Prezident Shavkat Mirziyoyev Samarqand "
                "aeroportiga keldi. Ertasi kuni Samarqandda muzokaralar boʻlib oʻtdi.\n", "2024-04-05"),
    "en": ("President arrives in Bukhara\n\nOn 12 May the President of Kazakhstan arrived at Bukhara "
           "airport. The next day talks were held in Bukhara.\n", "2025-05-12"),
}


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract(SEED.read_text(encoding="utf-8"), published="2024-04-05", article="seed")


def test_records_are_events_in_timeline_order(seed):
    assert seed.records and all(isinstance(e, Event) for e in seed.records)
    assert [e.seq for e in seed.records] == list(range(1, len(seed.records) + 1))


def test_the_frame_is_the_records(seed):
    frame = seed.events
    assert list(frame.columns) == list(COLUMNS)
    assert records(frame) == [asdict(e) for e in seed.records]
    assert seed.events is frame       # built once


@pytest.mark.parametrize("lang", sorted(TEXTS), ids=sorted(TEXTS))
def test_extract_events_is_the_extractions_frame(lang):
    text, published = TEXTS[lang]
    found = extract(text, published=published, article="a")
    assert [e.kind for e in found.records][:1] == ["arrival"]
    assert records(extract_events(text, published, article="a")) == [asdict(e) for e in found.records]


def test_a_result_made_from_a_frame_gives_its_records(seed):
    made = Extraction(events=to_frame(list(seed.records)), language="uz-Latn")
    assert made.records == seed.records
    assert Extraction().records == () and len(Extraction().events) == 0
