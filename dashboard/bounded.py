"""Bounded input: what one article may bring into the store (the ingest in :mod:`dashboard.service`
applies it). Control characters are taken out of the text (NUL, bidi overrides and isolates, which can
hide or reorder what a reader sees); one article's events lose repeats of one event (a text pasted
many times is one article's events, not thousands) and stop at :data:`MAX_EVENTS_PER_ARTICLE`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from dashboard.schema import Event

MAX_EVENTS_PER_ARTICLE = 100     # a long programme has a few dozen; thousands are a text repeated
_REPEAT_KEYS = ("kind", "date", "time", "place", "evidence")
# C0/C1 controls but tab and newlines; bidi embeddings, overrides and isolates; marks that hide text
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters (NUL, bidi overrides...), and how many were removed."""
    cleaned, n = _CONTROLS.subn("", text)
    return cleaned, n


def bounded_records(events: Sequence[Event]) -> tuple[list[Event], int]:
    """One article's events without repeats of one event (same kind, day, time, place and sentence: a
    text pasted several times) and at most :data:`MAX_EVENTS_PER_ARTICLE`, in order; and how many were
    left out. On the extraction's records: ingest builds no frame."""
    seen: set[tuple[str, ...]] = set()
    kept: list[Event] = []
    for e in events:
        key = tuple("" if (v := getattr(e, name)) is None else str(v) for name in _REPEAT_KEYS)
        if key not in seen:
            seen.add(key)
            kept.append(e)
    kept = kept[:MAX_EVENTS_PER_ARTICLE]
    return kept, len(events) - len(kept)
