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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

OKINA = "\u02bb"   # ʻ  in oʻ and gʻ
TUTUQ = "\u02bc"   # ʼ  the tutuq belgisi
APOSTROPHES = frozenset("'`´ʹʻʼʽ‘’′ꞌ\u02c8")
OKINA_BASES = frozenset("oOgG")
DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad") | {chr(c) for c in range(0xFE00, 0xFE10)}
SPACES = frozenset("\u00a0\u2007\u202f\u2009\u200a\u3000\t\f\v")
SENTENCE_END = frozenset(".!?:;…»”\"")
_FOLD_DROP = str.maketrans({"ё": "е", **{c: None for c in "".join(APOSTROPHES) + OKINA + TUTUQ + "«»“”„\""}})
_WS = re.compile(r"[\s\-–—]+")

Unit = tuple[str, int, int]   # a character of the output and the original span it came from


@dataclass(frozen=True, slots=True)
class NormText:
    """The original text, its normalised form and the offsets between them."""

    original: str
    text: str                  # normalised (and converted) text, case kept
    starts: tuple[int, ...]    # original start of text[i]
    ends: tuple[int, ...]      # original end of text[i]
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


def clean_units(original: str) -> list[Unit]:
    """Stage 1: NFC, dropped marks, folded apostrophes and spaces."""
    units = _nfc_units(original)
    units = [(_space(c), a, b) for c, a, b in units if c not in DROPPED]
    return _fold_apostrophes(units)


def _nfc_units(original: str) -> list[Unit]:
    if "\r" not in original and unicodedata.is_normalized("NFC", original):
        return [(c, i, i + 1) for i, c in enumerate(original)]
    out: list[Unit] = []
    i, n = 0, len(original)
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
    return out


def _space(c: str) -> str:
    return " " if c in SPACES else c


def _fold_apostrophes(units: list[Unit]) -> list[Unit]:
    out: list[Unit] = []
    i, n = 0, len(units)
    while i < n:
        c, a, b = units[i]
        if c not in APOSTROPHES or not out or not out[-1][0].isalpha():
            out.append((c, a, b))
            i += 1
            continue
        j = i
        while j + 1 < n and units[j + 1][0] in APOSTROPHES:
            j += 1
        doubled = j > i
        mark = OKINA if not doubled and out[-1][0] in OKINA_BASES else TUTUQ
        out.append((mark, a, units[j][2]))
        i = j + 1
    return out


def reflow(units: list[Unit]) -> list[Unit]:
    """Stage 2: join hard-wrapped lines; keep paragraph, sentence and heading breaks."""
    text = "".join(u[0] for u in units)
    lines = text.split("\n")
    keep: set[int] = set()   # indices into `text` of newlines that stay breaks
    pos = 0
    for k, line in enumerate(lines[:-1]):
        nxt = lines[k + 1]
        end = pos + len(line)
        if _is_break(line, nxt, first=k == 0):
            keep.add(end)
        pos = end + 1
    return [((c if c != "\n" or i in keep else " "), a, b) for i, (c, a, b) in enumerate(units)]


def _is_break(line: str, nxt: str, *, first: bool) -> bool:
    body, following = line.rstrip(), nxt.strip()
    if not body or not following:
        return True
    if body[-1] in SENTENCE_END:
        return True
    if following[0] in "-–—•*·":
        return True
    return first and body[-1] not in ",-–(" and (following[0].isupper() or following[0].isdigit())


def convert(units: list[Unit], table: Mapping[str, object] | None) -> list[Unit]:
    """Stage 3: convert the script with a table from ``data/lexicons/scripts.json``."""
    if not table:
        return units
    mapping: Mapping[str, str] = table.get("map", {})  # type: ignore[assignment]
    initial: Mapping[str, str] = table.get("initial", {})  # type: ignore[assignment]
    after: Mapping[str, str] = table.get("after", {})  # type: ignore[assignment]
    after_letters = str(table.get("after_letters", ""))
    out: list[Unit] = []
    prev = ""
    for c, a, b in units:
        low = c.lower()
        if low not in mapping:
            out.append((c, a, b))
            prev = low
            continue
        if not prev.isalpha() and low in initial:
            rep = initial[low]
        elif prev and prev in after_letters and low in after:
            rep = after[low]
        else:
            rep = mapping[low]
        if c != low and rep:
            rep = rep[0].upper() + rep[1:]
        out.extend((r, a, b) for r in rep)
        prev = low
    return out


def normalize(original: str, table: Mapping[str, object] | None = None, script: str = "Latn") -> NormText:
    """Clean, reflow and (with ``table``) convert ``original``; see the module doc."""
    units = convert(reflow(clean_units(original)), table)
    return pack(original, units, script)


def pack(original: str, units: Iterable[Unit], script: str) -> NormText:
    units = list(units)
    return NormText(
        original=original,
        text="".join(u[0] for u in units),
        starts=tuple(u[1] for u in units),
        ends=tuple(u[2] for u in units),
        script=script,
    )


def fold(value: str) -> str:
    """A matching key: lower case, no apostrophes or quotes, hyphens and runs of space as one space.

    ``fold("Ichan-qalʼa")`` and ``fold("ichan qal'a")`` are both ``"ichan qala"``; Russian ё folds to е.
    Apply it to already normalised text (or to names in data files).
    """
    value = unicodedata.normalize("NFC", value).lower().translate(_FOLD_DROP)
    return _WS.sub(" ", value).strip()
