"""Bounded input: what one article may bring into the store (the ingest in :mod:`dashboard.service`
applies it). Control characters are taken out of the text (NUL, bidi overrides and isolates, which can
hide or reorder what a reader sees); one article's events lose repeats of one event (a text pasted
many times is one article's events, not thousands) and stop at :data:`MAX_EVENTS_PER_ARTICLE`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dashboard.schema import Event, missing

if TYPE_CHECKING:
    import pandas as pd

MAX_EVENTS_PER_ARTICLE = 100     # a long programme has a few dozen; thousands are a text repeated
_REPEAT_KEYS = ("kind", "date", "time", "place", "evidence")
# C0/C1 controls but tab and newlines; bidi embeddings, overrides and isolates; marks that hide text
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters (NUL, bidi overrides...), and how many were removed."""
    cleaned, n = _CONTROLS.subn("", text)
    return cleaned, n


def bounded_events(events: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """One article's events without repeats of one event (same kind, day, time, place and sentence: a
    text pasted several times) and at most :data:`MAX_EVENTS_PER_ARTICLE`; and how many were left out."""
    if events.empty:
        return events, 0
    keys = [c for c in _REPEAT_KEYS if c in events.columns]
    columns = [events[c].tolist() for c in keys]
    first = _first_of_each(list(zip(*columns, strict=True)) if keys else [(i,) for i in range(len(events))])
    kept = events if len(first) == len(events) else events.iloc[first]
    kept = kept.iloc[:MAX_EVENTS_PER_ARTICLE]
    return kept, len(events) - len(kept)


def bounded_records(events: Sequence[Event]) -> tuple[list[Event], int]:
    """:func:`bounded_events` on an extraction's records (no frame: most of an ingest's own cost)."""
    first = _first_of_each([tuple(getattr(e, k) for k in _REPEAT_KEYS) for e in events])
    kept = [events[i] for i in first[:MAX_EVENTS_PER_ARTICLE]]
    return kept, len(events) - len(kept)


def _first_of_each(keys: Sequence[tuple[object, ...]]) -> list[int]:
    """The positions of the rows whose repeat key (missing counts as empty) no earlier row had."""
    seen: set[tuple[str, ...]] = set()
    first: list[int] = []
    for i, key in enumerate(keys):
        text = tuple("" if missing(v) else str(v) for v in key)
        if text not in seen:
            seen.add(text)
            first.append(i)
    return first
