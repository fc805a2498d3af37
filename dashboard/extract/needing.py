"""Patterns that know what every match of theirs holds, so a text without it is not searched."""
from __future__ import annotations

import importlib
import re
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
