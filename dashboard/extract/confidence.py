"""Calibrated confidence: how often events like this one were right on the development set.

An event is described by a few features (its kind, whether a strong cue started it, how precise its
date is, whether the place is its own sentence's, inherited or missing). ``data/confidence.json``
holds, for each combination seen often enough, the share of such events that matched a gold event
(same kind, date and place) on the real-news development set, smoothed towards the coarser
combinations ("backoff"): the most specific level the table has answers. ``benchmarks/fit_confidence.py``
fits the table and prints how well it is calibrated on a set it was not fitted on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dashboard.errors import DataFileError
from dashboard.extract.drafts import Draft

FILE = "confidence.json"
NEUTRAL = 0.5     # no table: nothing known


def features(d: Draft) -> dict[str, str]:
    """The features of a draft that the table is keyed by."""
    place = "none" if d.mention is None else ("inferred" if d.inherited else "own")
    return {"kind": d.kind, "cue": "strong" if d.strong else "weak",
            "date": d.precision if d.precision in ("day", "month") else "unknown", "place": place}


def key(level: tuple[str, ...], values: dict[str, str]) -> str:
    """The table's key of ``values`` at one level: "cue=strong|date=day" ("" for the top level)."""
    return "|".join(f"{name}={values[name]}" for name in level)


@dataclass(frozen=True, slots=True)
class Calibration:
    levels: tuple[tuple[str, ...], ...]    # most specific first, down to () (every event)
    rates: dict[str, float]
    memo: dict[tuple[str, ...], float] = field(default_factory=dict)   # by the features' values

    def of(self, values: dict[str, str]) -> float:
        seen = tuple(values.values())
        found = self.memo.get(seen)
        if found is None:
            found = next((rate for level in self.levels
                          if (rate := self.rates.get(key(level, values))) is not None), NEUTRAL)
            self.memo[seen] = found
        return found


@lru_cache(maxsize=4)
def load_calibration(data_dir: Path) -> Calibration:
    """The table in ``data_dir`` (a neutral one when the folder has none)."""
    path = Path(data_dir) / FILE
    if not path.exists():
        return Calibration(((),), {})
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        levels = tuple(tuple(level) for level in raw["levels"])
        rates = {str(k): float(v) for k, v in raw["rates"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}") from exc
    if any(not 0.0 <= r <= 1.0 for r in rates.values()):
        raise DataFileError(f"{path}: a rate outside 0..1")
    return Calibration(levels, rates)


def confidence(d: Draft, data_dir: Path) -> float:
    return round(load_calibration(data_dir).of(features(d)), 2)
