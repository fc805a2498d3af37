"""Segments: paragraphs and sentences of a normalised text, each with a role.

The title is the first short paragraph that does not end a sentence; the lead
is the first real paragraph after it (when a body follows). Page furniture
that slipped through (short lines with no sentence) is marked ``furniture``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.text.normalize import NormText, fold

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»)]*\s+(?=[\"“„«(]?[^\W\d_a-zа-я]|\d)")
_WORDS = re.compile(r"\w+")
TITLE_MAX = 220
FURNITURE_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int          # offsets into NormText.text
    end: int
    text: str
    key: str            # fold(text): what cues match on
    paragraph: int
    role: str           # title | lead | body | furniture
    clause: bool = False  # a later clause of a sentence cut by the lexicon's clause_splits


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, cur = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _is_title(para: str, n_paragraphs: int) -> bool:
    return n_paragraphs > 1 and len(para) <= TITLE_MAX and para.rstrip()[-1] not in ".…"


def _is_furniture(para: str) -> bool:
    return len(_WORDS.findall(para)) <= FURNITURE_MAX_WORDS and not para.rstrip().endswith((".", "!", "?"))


def _clauses(text: str, start: int, end: int, split: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """A sentence cut where the lexicon says a second activity begins (", after which")."""
    if split is None:
        return [(start, end)]
    out, cur = [], start
    for m in split.finditer(text, start, end):
        out.append((cur, m.start()))
        cur = m.start() + (1 if text[m.start()] == "," else 0)
    out.append((cur, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def segment(norm: NormText, clause_split: re.Pattern[str] | None = None) -> list[Sentence]:
    """Sentences (or clauses) of ``norm.text`` in reading order, with their paragraph and role."""
    text = norm.text
    paras = _paragraphs(text)
    roles = _roles([text[a:b] for a, b in paras])
    out: list[Sentence] = []
    for p, ((a, b), role) in enumerate(zip(paras, roles, strict=True)):
        for s0, e0 in _sentences(text, a, b):
            for k, (s, e) in enumerate(_clauses(text, s0, e0, clause_split if role != "title" else None)):
                while s < e and text[s].isspace():
                    s += 1
                out.append(Sentence(len(out), s, e, text[s:e], fold(text[s:e]), p, role, k > 0))
    return out


def _roles(paras: list[str]) -> list[str]:
    roles = ["body"] * len(paras)
    first = 0
    if paras and _is_title(paras[0], len(paras)):
        roles[0], first = "title", 1
    real = []
    for i in range(first, len(paras)):
        if _is_furniture(paras[i]):
            roles[i] = "furniture"
        else:
            real.append(i)
    if len(real) >= 2:
        roles[real[0]] = "lead"
    return roles
