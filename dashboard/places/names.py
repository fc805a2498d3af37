"""A town's name that is a word of a longer proper name: a person's name, not a place.

"Vo Van Thuong" holds Van (a town in Turkey), "Yun Sok Yol" holds Sok, "Amir Ismail Samani" a
namesake of a Chinese city. The structure, in every language the project reads: a one-word name
standing between capitalised words joined to it by a single space on both sides, where
the words around are not place words of their own. Headlines in Title Case capitalise every word,
so a line with every longer word capitalised says nothing about names. The home country's towns and
big cities are left alone: they stand in such runs as places ("Tashkent City Park"). In a Title Case
or all-capitals line a word of two letters ("OF", "In") is a plain word, not such a town.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_SPACE = re.compile(r" ")
LONG_WORD = 3        # a line with no word longer than this in lower case is a Title Case headline
SHORT_WORD = 2       # in such a line (or in capitals) a word this short naming a small town is a plain word


class Token(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def key(self) -> str: ...
    @property
    def upper(self) -> bool: ...


def inside_name(text: str, toks: Sequence[Token], i: int, place_word: frozenset[str]) -> bool:
    """Whether token ``i`` (a one-word town) is a word of a longer capitalised name.

    ``place_word`` holds the folded words that make a capitalised neighbour a place word of its own
    (heads such as "Square" or "Region", titles such as "President"); those keep the town."""
    if len(toks[i].key) <= SHORT_WORD:
        return _title_case(text, toks[i].start)     # "STATE VISIT OF THE ...": "Of" is a word, not a town
    before = _run(text, toks, i, -1, place_word)
    after = _run(text, toks, i, 1, place_word)
    if before < 1 or after < 1:      # "Sadyr Japarov Bishkekka": a subject before the place is no name
        return False
    return not _title_case(text, toks[i].start)


def after_name(text: str, toks: Sequence[Token], i: int, place_word: frozenset[str]) -> bool:
    """Whether token ``i`` (a one-word town) closes a person's name: a capitalised word that is no place
    word and does not open the sentence stands one space before it ("received by Khurshid Kasuri"). The
    caller keeps a town that a case ending or a preposition governs ("Sadyr Japarov Bishkekka")."""
    if i < 2 or _title_case(text, toks[i].start) or _run(text, toks, i, -1, place_word) < 1:
        return False
    return not _opens_sentence(text, toks[i - 1].start)


def _opens_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'«“„(")
    return not before or before[-1] in ".!?\n:;…"


def _run(text: str, toks: Sequence[Token], i: int, step: int, place_word: frozenset[str]) -> int:
    """How many capitalised words stand next to token ``i`` on one side, one space apart."""
    n, j = 0, i
    while 0 <= j + step < len(toks) and n < 2:
        a, b = (toks[j + step], toks[j]) if step < 0 else (toks[j], toks[j + step])
        nxt = toks[j + step]
        if not nxt.upper or not _SPACE.fullmatch(text[a.end:b.start]) or nxt.key in place_word:
            break
        n, j = n + 1, j + step
    return n


def _title_case(text: str, pos: int) -> bool:
    """The line around ``pos`` capitalises all its longer words (a Title Case headline)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)]
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > LONG_WORD]
    return all(w[0].isupper() for w in words)


_QUOTED = re.compile(r"[«“„\"]([^«»“”„\"\n]{1,80})[»”“\"]")


def quoted(text: str) -> list[tuple[int, int]]:
    """Spans of text in quotation marks: names of things ("«Treasures of Nukus» exhibition")."""
    return [m.span(1) for m in _QUOTED.finditer(text)] if any(q in text for q in "«“„\"") else []


def in_quoted_name(start: int, end: int, kind: str, titles: list[tuple[int, int]]) -> bool:
    """A town's name (``text[start:end]``) inside a quoted name is part of that name, or the name of a
    thing (an order, a hotel, a newspaper: "«Манас» ордени"), not where things happen; running prose
    does not quote a town (a venue or an airport in quotes comes with its head word and kind)."""
    if kind not in ("city", "district", "region") or not titles:
        return False
    return any(a <= start and end <= b for a, b in titles)
