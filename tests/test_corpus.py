"""Golden-file tests of the event extractor on the project's own corpus.

tests/fixtures/corpus/ holds short news articles about state visits (Uzbek Latin, Cyrillic and 2026
Latin, Russian, English; one saved web page; one article with no events), each with NAME.gold.json:
the events a careful reader finds, in the order they happened (format: tests/fixtures/corpus/README.md).
The articles were written without looking at the engine's cue lists, so they test how news is told.

Three checks per article:
  * the gold file is well formed (so a typo in a gold cannot make a test pass or fail silently);
  * gold: every gold event is found in order (kind, date and point, the evaluation's strict match)
    and nothing else is predicted (precision 1.0);
  * regression: once an article passes its gold, its full timeline (kind, date, time, place,
    place_kind, lat, lon) is pinned in tests/golden/NAME.jsonl. ``UPDATE_GOLDEN=1 pytest
    tests/test_corpus.py`` rewrites those files (only for articles that pass their gold).

The seed (data/seed/khiva_visit_2024-04-05.txt) has its gold in tests/golden/seed.gold.json.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from scoring import diagnose, lcs, near, same_date, same_kind, strict

from dashboard.extract import extract
from dashboard.ingest import read_path
from dashboard.schema import KINDS, records
from dashboard.settings import Settings

TESTS = Path(__file__).parent
CORPUS = TESTS / "fixtures" / "corpus"
GOLDEN = TESTS / "golden"
SEED_DIR = TESTS.parent / "data" / "seed"
SETTINGS = Settings()
UPDATE = os.environ.get("UPDATE_GOLDEN", "") not in ("", "0")
PINNED = ("kind", "date", "time", "place", "place_kind", "lat", "lon")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _load(gold_path: Path, article_dir: Path) -> tuple[dict, Path]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return gold, article_dir / gold["article"]


CASES = [_load(p, CORPUS) for p in sorted(CORPUS.glob("*.gold.json"))]
CASES.append(_load(GOLDEN / "seed.gold.json", SEED_DIR))
IDS = [article.name for _, article in CASES]


def _predict(article: Path, gold: dict) -> list[dict[str, object]]:
    doc = read_path(article, SETTINGS)
    result = extract(doc.text, published=gold["published"], article=article.name)
    return [r for r in records(result.events) if r["status"] != "planned"]   # as `extract` prints them


def _passes(preds: list[dict[str, object]], golds: list[dict]) -> bool:
    matched, _ = lcs(preds, golds, strict)
    return matched == len(golds) and len(preds) == len(golds)


def _pinned(preds: list[dict[str, object]]) -> list[dict[str, object]]:
    rows = []
    for p in preds:
        row = {k: p.get(k) for k in PINNED}
        for k in ("lat", "lon"):
            row[k] = None if row[k] is None else round(float(row[k]), 4)
        rows.append(row)
    return rows


def _golden_path(article: Path) -> Path:
    return GOLDEN / (article.stem + ".jsonl") if article.parent != SEED_DIR else GOLDEN / "seed.jsonl"


def test_corpus_is_there():
    assert len(CASES) >= 13, "tests/fixtures/corpus lost its articles"
    assert any(not g["events"] for g, _ in CASES), "the corpus needs an article with no events"
    assert any(a.suffix == ".html" for _, a in CASES), "the corpus needs a saved web page"


@pytest.mark.parametrize(("gold", "article"), CASES, ids=IDS)
def test_gold_file_is_well_formed(gold: dict, article: Path):
    assert article.is_file(), f"{article} is missing"
    published = dt.date.fromisoformat(gold["published"])
    assert gold["language"].split("-")[0] in ("uz", "ru", "en")
    for n, ev in enumerate(gold["events"], start=1):
        where = f"gold event #{n}"
        assert ev["kinds"] and set(ev["kinds"]) <= set(KINDS), f"{where}: unknown kind in {ev['kinds']}"
        day = dt.date.fromisoformat(ev["date"])
        assert abs((day - published).days) <= 7, f"{where}: date {day} far from publication {published}"
        assert "time" not in ev or _HHMM.match(ev["time"]), f"{where}: time {ev.get('time')!r} is not HH:MM"
        assert -90 <= ev["lat"] <= 90 and -180 <= ev["lon"] <= 180, f"{where}: bad point"
        assert 0 < ev["within_km"] <= 15, f"{where}: within_km {ev['within_km']} out of range"
        assert ev.get("place"), f"{where}: no place for people"
    dates = [ev["date"] for ev in gold["events"]]
    assert dates == sorted(dates), "gold events must be in the order they happened"


@pytest.mark.parametrize(("gold", "article"), CASES, ids=IDS)
def test_extractor_finds_the_gold_timeline(gold: dict, article: Path):
    preds = _predict(article, gold)
    golds = gold["events"]
    assert _passes(preds, golds), f"{article.name}:\n{diagnose(preds, golds)}"


@pytest.mark.parametrize(("gold", "article"), CASES, ids=IDS)
def test_timeline_matches_its_regression_golden(gold: dict, article: Path):
    preds = _predict(article, gold)
    path = _golden_path(article)
    passing = _passes(preds, gold["events"])
    rows = _pinned(preds)
    if UPDATE:
        if passing:
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        elif path.exists():
            path.unlink()
        return
    if not path.exists():
        assert not passing, f"{article.name} passes its gold but has no {path.name}: run UPDATE_GOLDEN=1"
        pytest.skip(f"no regression golden: {article.name} does not pass its gold yet")
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows == expected, f"{article.name} timeline changed; if intended, rerun with UPDATE_GOLDEN=1"


# The scoring rules themselves, so a broken helper cannot pass every article.
_A = {"kind": "arrival", "date": "2024-04-05", "lat": 41.58, "lon": 60.64}
_T = {"kind": "talks", "date": "2024-04-05", "lat": 41.38, "lon": 60.36}
_GA = {"kinds": ["arrival"], "date": "2024-04-05", "lat": 41.5843, "lon": 60.6417, "within_km": 5}
_GT = {"kinds": ["talks", "meeting"], "date": "2024-04-05", "lat": 41.3783, "lon": 60.3639, "within_km": 6}


@pytest.mark.parametrize(("preds", "golds", "expected"), [
    ([_A, _T], [_GA, _GT], 2),
    ([_T, _A], [_GA, _GT], 1),                                   # wrong order counts once
    ([_A], [_GA, _GT], 1),
    ([{**_A, "date": "2024-04-06"}], [_GA], 0),
    ([{**_A, "lat": 41.0}], [_GA], 0),                            # 65 km away
    ([{**_T, "kind": "meeting"}], [_GT], 1),                      # any of the gold kinds
    ([{**_A, "lat": None}], [_GA], 0),
    ([], [_GA], 0),
], ids=["in-order", "out-of-order", "missing", "wrong-date", "too-far", "alt-kind", "no-point", "empty"])
def test_scoring_rules(preds, golds, expected):
    matched, _ = lcs(preds, golds, strict)
    assert matched == expected


def test_scoring_parts():
    assert same_kind({"kind": "Talks"}, _GT) and not same_kind({"kind": "tour"}, _GT)
    assert same_date({"date": "2024-04-05T10:00"}, _GA) and not same_date({"date": None}, _GA)
    assert near(_A, _GA) and not near(_T, _GA)


# Whole-set floors for the sets that are not all passing: a fall below the figure last measured fails.
# heldout: written after the corpus was tuned on (blind 0.87, then 0.96); realistic: pages shaped like real
# outlets' (furniture, datelines, plans, recaps), blind 0.66 when first scored, 0.88 after the wave-2 rules.
FLOORS = {"heldout": 0.96, "realistic": 0.86}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_f1_stays_above_its_floor(name: str):
    matched = n_pred = n_gold = 0
    for gold_path in sorted((TESTS / "fixtures" / name).glob("*.gold.json")):
        gold, article = _load(gold_path, gold_path.parent)
        preds = _predict(article, gold)
        hit, _ = lcs(preds, gold["events"], strict)
        matched, n_pred, n_gold = matched + hit, n_pred + len(preds), n_gold + len(gold["events"])
    f1 = 2 * matched / (n_pred + n_gold) if n_pred + n_gold else 0.0
    assert n_gold > 0 and f1 >= FLOORS[name], f"{name}: events F1 {f1:.3f} ({matched}/{n_gold}, {n_pred} predicted)"
