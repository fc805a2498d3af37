"""Patterns that know what every match of theirs holds, so a text without it is not searched."""
from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any


@dataclass(frozen=True, slots=True)
class Needing:
    """A pattern with what every match of it holds: for each group of ``needs``, one of its strings. A
    text without them is not searched (it cannot match)."""

    pattern: re.Pattern[str]
    needs: tuple[tuple[str, ...], ...] = ()

    def may_match(self, text: str) -> bool:
        for group in self.needs:
            for piece in group:
                if piece in text:
                    break
            else:
                return False
        return True

    def search(self, text: str) -> bool:
        return self.may_match(text) and self.pattern.search(text) is not None

    def sub(self, repl: str, text: str) -> str:
        return self.pattern.sub(repl, text) if self.may_match(text) else text


GUARD_PIECES = 16    # a text is looked through for each piece: past this many that costs what a search does


@dataclass(frozen=True, slots=True)
class Guarded:
    """An alternation of cues searched only in a text holding one of ``pieces`` (every match of it holds
    one); with no pieces, always searched. ``search`` as the pattern's (a match or None)."""

    pattern: re.Pattern[str]
    pieces: tuple[str, ...] = ()

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.pieces and not any(map(text.__contains__, self.pieces)):
            return None
        return self.pattern.search(text, pos, endpos)


def guarded(pattern: re.Pattern[str] | None, sources: Sequence[str]) -> Guarded | None:
    """``pattern``, an alternation of ``sources``, with the pieces one of which each of its matches holds
    (see :func:`pieces_of_any`); without them when there are more than ``GUARD_PIECES``."""
    if pattern is None:
        return None
    pieces = pieces_of_any(sources)
    return Guarded(pattern, pieces if len(pieces) <= GUARD_PIECES else ())


def pieces_of_any(sources: Sequence[str]) -> tuple[str, ...]:
    """Strings one of which every match of an alternation of ``sources`` holds: for each source the strings
    of its most telling group of needs (the one whose shortest string is longest), without a string that
    holds another (the shorter one is in the text too). None (``()``) when a source needs no plain text."""
    pieces: list[str] = []
    for source in sources:
        try:
            needs = needing(source).needs
        except re.error:      # a cue that compiles only among the others: not known
            return ()
        if not needs:
            return ()
        pieces += max(needs, key=lambda group: min(map(len, group)))
    out: list[str] = []
    for piece in sorted(set(pieces), key=lambda x: (len(x), x)):
        if not any(shorter in piece for shorter in out):
            out.append(piece)
    return tuple(out)


def needing(source: str) -> Needing:
    """``source`` compiled, with what its top level holds (outside groups and repeats, so in every match):
    each run of plain characters, and for an alternation the plain start of every alternative (when all
    have one). Nothing when that is not known (ignoring case, a parser that fails)."""
    pattern = re.compile(source)
    try:        # the stdlib's own regex parser (Python 3.11+)
        parser, constants = importlib.import_module("re._parser"), importlib.import_module("re._constants")
        parsed = parser.parse(source)
        if parsed.state.flags & re.IGNORECASE:
            return Needing(pattern)
        needs: list[tuple[str, ...]] = []
        for is_literal, items in groupby(parsed, key=lambda item: item[0] is constants.LITERAL):
            if is_literal:
                needs.append(("".join(chr(arg) for _, arg in items),))
                continue
            for op, arg in items:
                if op is constants.BRANCH:
                    heads = tuple(_plain_start(alt, constants) for alt in arg[1])
                    if all(heads):
                        needs.append(heads)
        return Needing(pattern, tuple(needs))
    except (ImportError, AttributeError, re.error, TypeError, ValueError):
        return Needing(pattern)


def _plain_start(items: Any, constants: Any) -> str:
    """The plain characters a parsed alternative starts with."""
    out = []
    for op, arg in items:
        if op is not constants.LITERAL:
            break
        out.append(chr(arg))
    return "".join(out)
