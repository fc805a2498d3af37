"""Extraction: normalised text to segments to dated, placed, typed events."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.schema import empty_frame


@dataclass(frozen=True, slots=True)
class Extraction:
    events: pd.DataFrame = field(default_factory=empty_frame)
    language: str = "und"      # e.g. "uz-Latn", "uz-Cyrl", "ru-Cyrl"
    title: str = ""


def extract(text: str, published: str | None = None, article: str = "") -> Extraction:
    """PLACEHOLDER until the engine lands: returns no events."""
    return Extraction()
