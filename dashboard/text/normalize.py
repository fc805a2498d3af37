"""Normalise article text for matching, keeping a map back to the original.

Stages, each a pure function over (char, start, end) units so that every
character of the result knows which characters of the original it came from:

1. clean: NFC, stray variation selectors and zero-width marks dropped, every
   apostrophe variant folded (oʻ gʻ take U+02BB, the tutuq belgisi U+02BC,
   a doubled mark is one tutuq), odd spaces to plain ones;
2. reflow: hard-wrapped lines joined (a break inside a sentence is a space,
   a sentence end, a heading or a blank line stays a break);
3. convert: a script conversion from data (Uzbek Cyrillic or the 2026 Latin
   alphabet to standard Latin), chosen by :mod:`dashboard.text.language`.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from dashboard.text.offsets import Splicer

OKINA = "\u02bb"   # ʻ  in oʻ and gʻ
TUTUQ = "\u02bc"   # ʼ  the tutuq belgisi
APOSTROPHES = frozenset("'`´ʹʻʼʽ‘’′ꞌ\u02c8")
OKINA_BASES = frozenset("oOgG")
DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad") | {chr(c) for c in range(0xFE00, 0xFE10)}
SPACES = frozenset("\u00a0\u2007\u202f\u2009\u200a\u3000\t\f\v")
SENTENCE_END = frozenset(".!?:;…»”\"")
_FOLD_DROP = re.compile("[" + re.escape("".join(sorted({*APOSTROPHES, OKINA, TUTUQ, *"«»“”„\""}))) + "]")
_DASHES = "-–—"     # fold makes a run of these and of spaces one space
_SPACE_RE = re.compile("[" + re.escape("".join(sorted(SPACES))) + "]")
_DROPPED_RE = re.compile("[" + re.escape("".join(sorted(DROPPED))) + "]")
_APOSTROPHE_RUN = re.compile("[" + re.escape("".join(sorted(APOSTROPHES))) + "]+")

Unit = tuple[str, int, int]   # a character of the output and the original span it came from


@dataclass(frozen=True, slots=True)
class NormText:
    """The original text, its normalised form and the offsets between them."""

    original: str
    text: str                  # normalised (and converted) text, case kept
    starts: Sequence[int] = field(compare=False)    # original start of text[i] (see .offsets: not copied)
    ends: Sequence[int] = field(compare=False)      # original end of text[i]
    script: str = "Latn"

    @property
    def lower(self) -> str:
        """``text`` lower-cased one character at a time (same length, same offsets)."""
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the span of ``original`` it came from."""
        if not self.text or end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def original_span(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]


@dataclass(frozen=True, slots=True)
class Chars:
    """Text being normalised, with the original span of each of its characters (``Unit``s, column-wise)."""

    text: str
    starts: Sequence[int]      # a list, or a range while every character is its own original one
    ends: Sequence[int]

    @classmethod
    def of(cls, units: Iterable[Unit]) -> Chars:
        units = list(units)
        return cls("".join(u[0] for u in units), [u[1] for u in units], [u[2] for u in units])


def clean(original: str) -> Chars:
    """Stage 1: NFC, dropped marks, folded apostrophes and spaces."""
    chars = _nfc(original)
    if _DROPPED_RE.search(chars.text):
        runs = _kept_runs(chars.text)
        chars = Chars("".join(chars.text[a:b] for a, b in runs),
                      list(chain.from_iterable(chars.starts[a:b] for a, b in runs)),
                      list(chain.from_iterable(chars.ends[a:b] for a, b in runs)))
    text = _SPACE_RE.sub(" ", chars.text) if _SPACE_RE.search(chars.text) else chars.text
    return _fold_apostrophes(Chars(text, chars.starts, chars.ends))


def _kept_runs(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` between its dropped characters (each a match of its own)."""
    runs, pos = [], 0
    for m in _DROPPED_RE.finditer(text):
        runs.append((pos, m.start()))
        pos = m.end()
    runs.append((pos, len(text)))
    return runs


def _nfc(original: str) -> Chars:
    n = len(original)
    if "\r" not in original and unicodedata.is_normalized("NFC", original):
        return Chars(original, range(n), range(1, n + 1))
    out: list[Unit] = []
    i = 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        chunk = original[i:j]
        if chunk == "\r":
            chunk = "" if j < n and original[j] == "\n" else "\n"
        composed = unicodedata.normalize("NFC", chunk) if j - i > 1 or not chunk.isascii() else chunk
        out.extend((c, i, j) for c in composed)
        i = j
    return Chars.of(out)


def _fold_apostrophes(chars: Chars) -> Chars:
    """A run of apostrophes after a letter is one mark: ʻ after o/g when single, else the tutuq ʼ.

    Some apostrophes are letters themselves (ʻ ʼ): after a non-letter they stay, and the rest of
    their run folds after them.
    """
    text = chars.text
    pieces: list[str] = []
    splice = Splicer()
    pos = 0
    for m in _APOSTROPHE_RUN.finditer(text):
        a, b = m.span()
        while a < b and (a == 0 or not text[a - 1].isalpha()):
            a += 1       # kept as written
        if a == b:
            continue
        mark = OKINA if b - a == 1 and text[a - 1] in OKINA_BASES else TUTUQ
        if b - a == 1 and text[a] == mark:
            continue     # written as it folds: the character and its offsets stay
        pieces += (text[pos:a], mark)
        splice.copy(pos, a)
        splice.one(a, b - 1, 1)     # the mark: from the run's first character to its last
        pos = b
    if not pieces:
        return chars
    pieces.append(text[pos:])
    splice.copy(pos, len(text))
    return Chars("".join(pieces), *splice.spliced(chars.starts, chars.ends))


def reflow_chars(chars: Chars) -> Chars:
    """Stage 2: join hard-wrapped lines; keep paragraph, sentence and heading breaks.

    Only newlines change (to spaces), so offsets stay.
    """
    lines = chars.text.split("\n")
    if len(lines) == 1:
        return chars
    width = wrap_width(lines)
    out = [lines[0]]
    for k in range(len(lines) - 1):
        out += ("\n" if _is_break(lines[k], lines[k + 1], first=k == 0, width=width) else " ", lines[k + 1])
    return Chars("".join(out), chars.starts, chars.ends)


WRAP_MAX = 110       # a text hard-wrapped at a wider column is taken for one line per paragraph
WRAP_SLACK = 25      # a wrapped line is at most this much shorter than the wrap column


def wrap_width(lines: Sequence[str]) -> int | None:
    """The column a text is hard-wrapped at, or None when its lines are paragraphs (a web page)."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if n >= width - WRAP_SLACK)
    return width if width <= WRAP_MAX and near * 2 >= len(lengths) else None


def _is_break(line: str, nxt: str, *, first: bool, width: int | None = None) -> bool:
    body, following = line.rstrip(), nxt.strip()
    if not body or not following:
        return True
    if body[-1] in SENTENCE_END:
        return True
    if following[0] in "-–—•*·":
        return True
    if following[0].islower():
        return False                      # a sentence goes on: a wrap, whatever the width
    if width is None or len(body) < width - WRAP_SLACK:
        return True                       # a heading, a caption, a menu line: its own paragraph
    return first and body[-1] not in ",-–(" and (following[0].isupper() or following[0].isdigit())


def convert_chars(chars: Chars, table: Mapping[str, object] | None) -> Chars:
    """Stage 3: convert the script with a table from ``data/lexicons/scripts.json``.

    A letter becomes ``map``'s value (capitalised for a capital), or at a word's start ``initial``'s,
    or after one of ``after_letters`` ``after``'s (a letter before is read as written, lower-cased).
    Letters that become one letter wherever they stand are replaced with ``str.translate``; only the
    others (several letters or none, or a choice by the letter before) are looked at one by one.
    """
    if not table:
        return chars
    mapping: Mapping[str, str] = table.get("map", {})  # type: ignore[assignment]
    initial: Mapping[str, str] = table.get("initial", {})  # type: ignore[assignment]
    after: Mapping[str, str] = table.get("after", {})  # type: ignore[assignment]
    after_letters = str(table.get("after_letters", ""))
    text = chars.text
    single: dict[str, str] = {}        # a character -> the one character it becomes wherever it stands
    other: dict[str, str | None] = {}  # ... -> what it becomes (None: it depends on the letter before)
    for c in set(text):
        low = c.lower()
        if low not in mapping:
            continue
        if low in initial or low in after:
            other[c] = None
            continue
        cased = _cased(mapping[low], c, low)
        if len(cased) == 1:
            single[c] = cased
        else:
            other[c] = cased
    one = str.maketrans(single)
    if not other:
        return Chars(text.translate(one), chars.starts, chars.ends)     # one for one: the same offsets
    pieces: list[str] = []
    splice = Splicer()
    pos = 0
    for m in re.finditer("[" + re.escape("".join(sorted(other))) + "]", text):
        i = m.start()
        c = text[i]
        rep = other[c]
        if rep is None:
            low, prev = c.lower(), text[i - 1].lower() if i else ""
            if not prev.isalpha() and low in initial:
                rep = initial[low]
            elif prev and prev in after_letters and low in after:
                rep = after[low]
            else:
                rep = mapping[low]
            rep = _cased(rep, c, low)
        pieces += (text[pos:i].translate(one), rep)
        splice.copy(pos, i)
        splice.one(i, i, len(rep))      # each letter it became: the replaced letter's offsets
        pos = i + 1
    pieces.append(text[pos:].translate(one))
    splice.copy(pos, len(text))
    return Chars("".join(pieces), *splice.spliced(chars.starts, chars.ends))


def _cased(rep: str, c: str, low: str) -> str:
    """``rep`` capitalised when the letter it replaces ``c`` is a capital."""
    return rep[0].upper() + rep[1:] if c != low and rep else rep


@lru_cache(maxsize=1)
def clean_and_reflow(original: str) -> Chars:
    """Stages 1 and 2 (clean, reflow) of ``original``, done once per article: ingest reads the article's
    id (:func:`dashboard.merge.article_id`) and its extraction (language detection) from the same
    result. Kept for the last article only; nothing changes a ``Chars``."""
    return reflow_chars(clean(original))


def normalize(original: str, table: Mapping[str, object] | None = None, script: str = "Latn") -> NormText:
    """Clean, reflow and (with ``table``) convert ``original``; see the module doc."""
    return pack_chars(original, convert_chars(clean_and_reflow(original), table), script)


def pack_chars(original: str, chars: Chars, script: str) -> NormText:
    return NormText(original=original, text=chars.text, starts=chars.starts, ends=chars.ends,
                    script=script)


def fold(value: str) -> str:
    """A matching key: lower case, no apostrophes or quotes, hyphens and runs of space as one space.

    ``fold("Ichan-qalʼa")`` and ``fold("ichan qal'a")`` are both ``"ichan qala"``; Russian ё folds to е.
    Apply it to already normalised text (or to names in data files).
    """
    value = _FOLD_DROP.sub("", unicodedata.normalize("NFC", value).lower())
    if "ё" in value:
        value = value.replace("ё", "е")
    for dash in _DASHES:
        if dash in value:
            value = value.replace(dash, " ")
    return " ".join(value.split())     # runs of space (str.isspace, as re's \s) to one, none at the ends
