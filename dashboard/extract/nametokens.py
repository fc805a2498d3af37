"""The words of a sentence as the people finder reads them: each with its folded key, whether it is
capitalised, and where it stands (``tokens``); and whether a sentence may name a leader at all
(``may_name``), asked first, so that the words of a sentence that cannot are made only when another
rule wants them.

A word here is a letter and the word characters after it (digits too: "G20"); the gazetteer's words
(:func:`.places.tokens.tokens`) are runs of letters. On a sentence where the two agree (:func:`same_words`:
no digit or underscore after a letter, no apostrophe between letters, no mark ``fold`` drops that
``FOLD_WORD`` keeps, no word of marks alone) the people finder reads the sentence's own word list, the one
the gazetteer reads (:meth:`.segments.Sentence.words`), instead of making a second."""
from __future__ import annotations

import re
from collections.abc import Container, Sequence

from dashboard.extract.segments import Sentence
from dashboard.places.tokens import Tok

TOKEN = re.compile(r"[^\W\d_][\wʻʼ]*")
# Where a capitalised word may start: a letter that is not one of the common lower-case ones (nor ʻ ʼ).
# Its matches hold every capitalised word of ``TOKEN`` whole (an earlier match never runs into one: the
# letters before it would be one word with it), and a few more (the "Phone" of "iPhone"), so the words
# that start in lower case, most of a sentence, are skipped by ``re`` rather than looked at one by one.
_MAY_START = re.compile(r"[^\W\d_a-zß-öø-ÿа-яёўқғҳʻʼ][\wʻʼ]*")
FOLD_WORD = str.maketrans({"ʻ": None, "ʼ": None, "ё": "е"})   # ``fold`` of a single word, done cheaply
# Where ``TOKEN``'s words and keys differ from the gazetteer's: a digit or underscore after a letter
# ("G20" is one word here, "G" there), an apostrophe between letters (one word there), a letter that
# ``fold`` drops and ``FOLD_WORD`` keeps, a word of ʻ ʼ alone (no word here, a word with an empty key there).
# Written with the odd character first and the letters around it as look-arounds, so ``re`` skips to those
# characters (8x faster than the same four branches each tried at every position).
_DIFFERENT = re.compile(r"[\d_'’`ʹʽꞌˈʻʼ](?:(?<=[^\W\d_][\d_])|(?<=[^\W\d_]['’`])(?=[^\W\d_])|(?<=[ʹʽꞌˈ])"
                        r"|(?<![^\W\d_][ʻʼ])(?<=[ʻʼ])[ʻʼ]*(?![^\W\d_]))")

Token = Tok     # the gazetteer's word: (start, end, key, upper)


def tokens(text: str) -> tuple[Token, ...]:
    """Words of a normalised sentence with their folded keys."""
    return tuple([_new_tuple(Token, (m.start(), m.end(), k, w[0].isupper()))
                  for m in TOKEN.finditer(text) if (k := (w := m.group()).lower().translate(FOLD_WORD))])


_new_tuple = tuple.__new__    # a Token without the Python-level __new__ of a NamedTuple


def same_words(text: str) -> bool:
    """Whether ``tokens(text)`` and the gazetteer's words of ``text`` are the same list."""
    return _DIFFERENT.search(text) is None


def words_of(s: Sentence) -> Sequence[Token]:
    """``tokens(s.text)``: the sentence's own word list where it is the same, else made here."""
    return s.words() if same_words(s.text) else tokens(s.text)


def may_name(text: str, forms: Container[str]) -> bool:
    """Whether some capitalised word of ``text`` may have a key in ``forms`` (where a name may start): the
    condition of :func:`tokens`' words that the name finder starts from, without making them (yes also for
    a capital inside a word: a superset, so no name is lost)."""
    for w in _MAY_START.findall(text):
        if w[0].isupper() and (k := w.lower().translate(FOLD_WORD)) and k in forms:
            return True
    return False
