"""Patterns that know what every match of theirs holds, so a text without it is not searched."""
from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from dashboard.extract.nonword import found


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
    one); with no pieces, always searched. ``search``: whether the pattern's search finds a match."""

    pattern: re.Pattern[str]
    pieces: tuple[str, ...] = ()

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        if self.pieces:     # a match lies between pos and endpos, and so does the piece it holds
            window = text if pos == 0 and endpos >= len(text) else text[pos:endpos]
            if not any(map(window.__contains__, self.pieces)):
                return False
        return found(self.pattern, text, pos, endpos)


def guarded(pattern: re.Pattern[str] | None, sources: Sequence[str]) -> Guarded | None:
    """``pattern``, an alternation of ``sources``, with the pieces one of which each of its matches holds
    (see :func:`pieces_of_any`); without them when there are more than ``GUARD_PIECES``."""
    if pattern is None:
        return None
    pieces = pieces_of_any(sources)
    return Guarded(pattern, pieces if len(pieces) <= GUARD_PIECES else ())


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class AnyNeeds:
    """What one of several patterns' matches holds: a digit (``digit``) or one of ``pieces``. A text
    with neither matches none of them."""

    pieces: tuple[str, ...]
    digit: bool = False

    def may_match(self, text: str) -> bool:
        return (self.digit and _DIGIT.search(text) is not None) or any(map(text.__contains__, self.pieces))


@dataclass(frozen=True, slots=True)
class Sought:
    """An alternation of patterns searched only in a text holding what a match of one of them holds
    (``needs``; None: always searched); ``search`` and ``findall`` as the pattern's."""

    pattern: re.Pattern[str]
    needs: AnyNeeds | None = None

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.needs is None or self.needs.may_match(text) else None

    def findall(self, text: str) -> list[Any]:
        return self.pattern.findall(text) if self.needs is None or self.needs.may_match(text) else []


def any_needs(sources: Sequence[str]) -> AnyNeeds | None:
    r"""What a match of any of ``sources`` holds: a digit, for a source whose every match holds one (a
    ``\d`` in its top level or in a group there), else its most telling group of plain strings (see
    :func:`needing`; a group's alternatives count as an alternation). None when some source needs neither
    or is not understood."""
    pieces: set[str] = set()
    digit = False
    try:
        parser, constants = importlib.import_module("re._parser"), importlib.import_module("re._constants")
        for source in sources:
            parsed = parser.parse(source)
            if any(_digit_item(op, arg, constants) for op, arg in parsed):
                digit = True
                continue
            if parsed.state.flags & re.IGNORECASE:
                return None
            groups = list(needing(source).needs)
            groups += [heads for op, arg in parsed if (heads := _group_heads(op, arg, constants))]
            if not groups:
                return None
            pieces.update(max(groups, key=lambda group: min(map(len, group))))
    except (ImportError, AttributeError, re.error, TypeError, ValueError):
        return None
    return AnyNeeds(shortest(pieces), digit)


def _digit_item(op: Any, arg: Any, constants: Any) -> bool:
    r"""Whether every match of a parsed item holds a digit (``\d``, ``\d{1,2}``, a group holding one)."""
    if op is constants.IN:
        return bool(arg) and all(o is constants.CATEGORY and a is constants.CATEGORY_DIGIT for o, a in arg)
    if op in (constants.MAX_REPEAT, constants.MIN_REPEAT):
        return arg[0] >= 1 and any(_digit_item(o, a, constants) for o, a in arg[2])
    if op is constants.SUBPATTERN:
        return any(_digit_item(o, a, constants) for o, a in arg[-1])
    return False


def _group_heads(op: Any, arg: Any, constants: Any) -> tuple[str, ...] | None:
    """The plain starts of a group's alternatives ("(?P<weekday>monday|tuesday)"), when each has one."""
    if op is not constants.SUBPATTERN or arg[1] & re.IGNORECASE or len(arg[-1]) != 1 \
            or arg[-1][0][0] is not constants.BRANCH:
        return None
    heads = tuple(_plain_start(alt, constants) for alt in arg[-1][0][1][1])
    return heads if all(heads) else None


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
    return shortest(pieces)


def shortest(pieces: Iterable[str]) -> tuple[str, ...]:
    """``pieces`` without a string that holds another (the shorter one is in the text too), shortest first."""
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
                    if all(heads) or (heads := _held_by_each(arg[1], constants)):
                        needs.append(heads)
        return Needing(pattern, tuple(needs))
    except (ImportError, AttributeError, re.error, TypeError, ValueError):
        return Needing(pattern)


def _held_by_each(alternatives: Any, constants: Any) -> tuple[str, ...]:
    """Strings one of which every match of an alternation holds, when an alternative has no plain start
    ("(?:left|departed) ...|(?:airport) ..."): for each alternative, its most telling group (see
    :func:`_held`); none when some alternative holds nothing known."""
    pieces: list[str] = []
    for alt in alternatives:
        groups = _held(alt, constants)
        if not groups:
            return ()
        pieces += max(groups, key=lambda group: min(map(len, group)))
    return shortest(pieces)


def _held(items: Any, constants: Any) -> list[tuple[str, ...]]:
    """What every match of parsed ``items`` holds: each run of plain characters, an alternation's held
    strings, and what a group or a repeat done at least once holds (one string of each group)."""
    out: list[tuple[str, ...]] = []
    for is_literal, run in groupby(items, key=lambda item: item[0] is constants.LITERAL):
        if is_literal:
            out.append(("".join(chr(arg) for _, arg in run),))
            continue
        for op, arg in run:
            if op is constants.BRANCH and (held := _held_by_each(arg[1], constants)):
                out.append(held)
            elif op is constants.SUBPATTERN and not (arg[1] & re.IGNORECASE):
                out += _held(arg[-1], constants)
            elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT) and arg[0] >= 1:
                out += _held(arg[2], constants)
    return out


def _plain_start(items: Any, constants: Any) -> str:
    """The plain characters a parsed alternative starts with."""
    out = []
    for op, arg in items:
        if op is not constants.LITERAL:
            break
        out.append(chr(arg))
    return "".join(out)
