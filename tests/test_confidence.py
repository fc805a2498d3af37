"""Calibrated confidence (dashboard/extract/confidence.py, data/confidence.json, benchmarks/fit_confidence.py)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from benchmarks.fit_confidence import LEVELS, fit
from dashboard.errors import DataFileError
from dashboard.extract import extract
from dashboard.extract.confidence import FILE, NEUTRAL, Calibration, key, load_calibration
from dashboard.extract.drafts import Draft
from dashboard.extract.segments import Sentence
from dashboard.settings import DEFAULT

FEATURES = {"kind", "cue", "date", "place"}


def test_the_shipped_table_names_known_features_and_rates() -> None:
    raw = json.loads((DEFAULT.data_dir / FILE).read_text(encoding="utf-8"))
    assert raw["levels"][-1] == []                       # every event has a rate to fall back on
    for level in raw["levels"]:
        assert set(level) <= FEATURES
    assert "" in raw["rates"]
    for k, rate in raw["rates"].items():
        assert 0.0 <= rate <= 1.0
        assert {part.split("=")[0] for part in k.split("|") if part} <= FEATURES


def test_the_most_specific_known_group_answers() -> None:
    table = Calibration(LEVELS, {"": 0.6, "cue=strong": 0.8, "cue=strong|place=own": 0.9})
    strong_own = {"kind": "talks", "cue": "strong", "date": "day", "place": "own"}
    assert table.of(strong_own) == 0.9
    assert table.of(strong_own | {"place": "none"}) == 0.8
    assert table.of(strong_own | {"cue": "weak"}) == 0.6
    assert Calibration(LEVELS, {}).of(strong_own) == NEUTRAL


def test_a_malformed_table_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / FILE).write_text(json.dumps({"levels": [[]], "rates": {"": 1.7}}), encoding="utf-8")
    load_calibration.cache_clear()
    try:
        with pytest.raises(DataFileError):
            load_calibration(tmp_path)
    finally:
        load_calibration.cache_clear()


ARTICLES = [
    ("uz-Latn", "Prezident 5-may kuni Samarqandga keldi. Shundan soʻng prezidentlar muzokaralar oʻtkazdi."),
    ("uz-Cyrl", "Президент 5 май куни Самарқандга келди. Шундан сўнг президентлар музокаралар ўтказди."),
    ("ru", "Президент 5 мая прибыл в Самарканд. Затем президенты провели переговоры."),
    ("en", "The president arrived in Samarkand on May 5. Then the presidents held talks."),
]


@pytest.mark.parametrize("text", [t for _, t in ARTICLES], ids=[lang for lang, _ in ARTICLES])
def test_each_event_carries_its_groups_rate(text: str) -> None:
    events = extract(text, dt.date(2025, 5, 5)).events
    table = load_calibration(DEFAULT.data_dir)
    assert len(events) >= 2
    for _, e in events.iterrows():
        values = {"kind": e["kind"], "cue": "strong", "date": e["date_precision"],
                  "place": "inferred" if e["place_precision"] == "inferred" else "own"}
        assert e["confidence"] == pytest.approx(round(table.of(values), 2))


def test_fitting_smooths_towards_the_coarser_group() -> None:
    talks = {"kind": "talks", "cue": "strong", "date": "day", "place": "own"}
    tour = talks | {"kind": "tour", "cue": "weak"}
    events = [(talks, True)] * 8 + [(tour, False)] * 8
    rates = fit(events, weight=4.0, least=4)
    assert rates[""] == pytest.approx((8 + 4 * 0.5) / (16 + 4), abs=1e-3)
    specific = rates[key(LEVELS[0], talks)]
    assert rates[""] < specific < 1.0                   # pulled towards the coarser rate, not all the way
    assert key(LEVELS[0], tour) in rates and rates[key(LEVELS[0], tour)] < rates[""]
    few = fit(events[:3] + events[8:], weight=4.0, least=4)
    assert key(LEVELS[0], talks) not in few             # too few events: the coarser group answers


def test_a_draft_without_a_place_is_keyed_so() -> None:
    from dashboard.extract.confidence import features

    s = Sentence(0, 0, 5, "Talks", "talks", 0, "body", False)
    d = Draft(kind="talks", sentences=[s], role="body", date=None, precision="unknown", strong=False)
    assert features(d) == {"kind": "talks", "cue": "weak", "date": "unknown", "place": "none"}
