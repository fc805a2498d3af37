"""Words of a text as the gazetteer reads them: folded keys with their offsets, and whether neighbouring words
stand together as one name."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from dashboard.text import fold

WORD = re.compile(r"[^\W\d_]+(?:['’`][^\W\d_]+)*")
_JOIN = re.compile(r"[ \-–«»“”„\"'‘’]*")        # what may stand between the words of one name
_INITIAL_GAP = re.compile(r"\. ?")                # after an initial: "А.С.Пушкина", "А. С. Пушкина"
ABBREVIATION = 3       # "им.", "А.": a word this short before a period may go on to a name


class Tok(NamedTuple):     # a tuple: made for every word of every sentence looked at
    start: int
    end: int
    key: str
    upper: bool


fold_word = _fold_word = lru_cache(maxsize=1 << 16)(fold)   # words and names repeat: fold each once


_new_tuple = tuple.__new__    # a Tok without the Python-level __new__ of a NamedTuple


def tokens(text: str) -> list[Tok]:
    """The words of ``text`` with their offsets, folded keys and whether they are capitalised."""
    return [_new_tuple(Tok, (m.start(), m.end(), _fold_word(w := m.group()), w[0].isupper()))
            for m in WORD.finditer(text)]


def joined_until(text: str, toks: list[Tok], i: int, top: int) -> int:
    """The largest j <= top such that tokens i..j-1 stand together (see :func:`joined`)."""
    for k in range(i, top - 1):
        if not gap_joins(text, toks, k):
            return k + 1
    return top


def joined(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """Tokens i..j-1 stand together (only spaces, hyphens or quotes between them)."""
    return all(gap_joins(text, toks, k) for k in range(i, j - 1))


def gap_joins(text: str, toks: list[Tok], k: int) -> bool:
    """Token k and the next stand together: spaces, hyphens or quotes between them, or the period of an
    initial or a short abbreviation ("А.С.Пушкина", "им. Пушкина")."""
    gap = text[toks[k].end:toks[k + 1].start]
    if not gap or _JOIN.fullmatch(gap):
        return True
    return toks[k].end - toks[k].start <= ABBREVIATION and _INITIAL_GAP.fullmatch(gap) is not None
