"""Participants: personal names found in an event's sentences (capitalised words ending like a surname)."""
from __future__ import annotations

from dashboard.extract.cues import Cues
from dashboard.extract.segments import Sentence
from dashboard.text.normalize import fold

MAX_TOKENS = 3


def _clean(tokens: list[str], cues: Cues) -> list[str]:
    while tokens:
        head = fold(tokens[0])
        if head.startswith(cues.name_stop_words) or head.endswith(cues.name_stop_endings):
            tokens = tokens[1:]
        else:
            break
    return tokens[-MAX_TOKENS:]


def participants(sentences: list[Sentence], cues: Cues) -> list[str]:
    """Distinct names (two or three words) in the order they appear."""
    if cues.surname is None:
        return []
    names: list[str] = []
    for s in sentences:
        for m in cues.surname.finditer(s.text):
            tokens = _clean(m.group(1).split(), cues)
            name = " ".join(tokens)
            if len(tokens) >= 2 and name not in names and not any(name in n for n in names):
                names.append(name)
    return names
