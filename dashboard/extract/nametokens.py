"""The words of a sentence as the people finder reads them: each with its folded key, whether it is
capitalised, and where it stands (``tokens``); and whether a sentence may name a leader at all
(``may_name``), asked first, so that the words of a sentence that cannot are made only when another
rule wants them."""
from __future__ import annotations

import re
from collections.abc import Container
from typing import NamedTuple

TOKEN = re.compile(r"[^\W\d_][\wʻʼ]*")
# Where a capitalised word may start: a letter that is not one of the common lower-case ones (nor ʻ ʼ).
# Its matches hold every capitalised word of ``TOKEN`` whole (an earlier match never runs into one: the
# letters before it would be one word with it), and a few more (the "Phone" of "iPhone"), so the words
# that start in lower case, most of a sentence, are skipped by ``re`` rather than looked at one by one.
_MAY_START = re.compile(r"[^\W\d_a-zß-öø-ÿа-яёўқғҳʻʼ][\wʻʼ]*")
FOLD_WORD = str.maketrans({"ʻ": None, "ʼ": None, "ё": "е"})   # ``fold`` of a single word, done cheaply


class Token(NamedTuple):   # a tuple: made for every word of every sentence read
    key: str
    cap: bool
    start: int
    end: int


def tokens(text: str) -> tuple[Token, ...]:
    """Words of a normalised sentence with their folded keys."""
    return tuple([_new_tuple(Token, (k, w[0].isupper(), m.start(), m.end()))
                  for m in TOKEN.finditer(text) if (k := (w := m.group()).lower().translate(FOLD_WORD))])


_new_tuple = tuple.__new__    # a Token without the Python-level __new__ of a NamedTuple


def may_name(text: str, forms: Container[str]) -> bool:
    """Whether some capitalised word of ``text`` may have a key in ``forms`` (where a name may start): the
    condition of :func:`tokens`' words that the name finder starts from, without making them (yes also for
    a capital inside a word: a superset, so no name is lost)."""
    for w in _MAY_START.findall(text):
        if w[0].isupper() and (k := w.lower().translate(FOLD_WORD)) and k in forms:
            return True
    return False
