"""The kinds' strong and weak patterns indexed by how their cues start, so that at a cue start only the
patterns with a cue that can start with the text there are tried (``kinds._counts``).

A cue that starts with plain letters ("uchrash…", "tashrif buyur") is filed under its first one, two and
three letters; a kind's pattern that has a cue starting otherwise ("\\w+ga qaytdi") is tried at every
start, but only in a text holding what one of those cues' matches holds (``Needing``): elsewhere only its
letter cues can match, and they are filed by their letters."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dashboard.extract.needing import Needing, needing
from dashboard.extract.starts import letter_first

KindCue = tuple[bool, str, re.Pattern[str]]     # strong?, the kind, the pattern of its strong or weak cues
PREFIX = 3       # a cue is filed under at most this many of its first letters
_SPECIAL = frozenset("\\.^$*+?{}[]|()")
_REPEATS = ("?", "*", "+", "{")


@dataclass(frozen=True, slots=True)
class KindIndex:
    """``tables[n - 1]``: the first ``n`` letters of a text -> the patterns with a cue whose plain start is
    those letters, or is shorter and starts them (looked up longest first: a text whose first three letters
    start no cue's three reads the two's table, which holds no cue of three or more); ``everywhere``: the
    patterns with a cue that starts with no plain letter, each with those cues' needs."""

    tables: tuple[dict[str, tuple[KindCue, ...]], ...]
    everywhere: tuple[tuple[KindCue, tuple[Needing, ...]], ...] = ()
    rank: dict[tuple[bool, str], int] = field(default_factory=dict)   # strong kinds in order, then weak

    def at(self, key: str, pos: int) -> tuple[KindCue, ...]:
        """The patterns with a letter cue that may match at ``pos`` of ``key``."""
        for n in range(len(self.tables), 0, -1):
            found = self.tables[n - 1].get(key[pos:pos + n])
            if found is not None:
                return found
        return ()

    def everywhere_in(self, key: str) -> tuple[KindCue, ...]:
        """The patterns whose cues that start with no plain letter may match somewhere in ``key``."""
        return tuple(cue for cue, needs in self.everywhere if any(n.may_match(key) for n in needs))


def index(kinds: dict[str, Any], strong: Mapping[str, re.Pattern[str]],
          weak: Mapping[str, re.Pattern[str]]) -> KindIndex:
    """The index of a lexicon's ``kinds``: each kind's ``strong`` and ``weak`` pattern (``Cues.strong`` and
    ``Cues.weak``: compiled once, from the cue lists in ``kinds``), filed by how those cues start."""
    starts: list[tuple[KindCue, set[str]]] = []
    everywhere: list[tuple[KindCue, tuple[Needing, ...]]] = []
    for kind, v in kinds.items():
        for is_strong, patterns in ((True, strong), (False, weak)):
            pattern = patterns.get(kind)
            if pattern is None:
                continue
            cues = v.get("strong" if is_strong else "weak", [])
            entry = (is_strong, kind, pattern)
            others = [c for c in cues if not letter_first(c)]
            if others:
                everywhere.append((entry, tuple(_needs(c) for c in others)))
            starts.append((entry, {plain_start(c) for c in cues if letter_first(c)}))
    by_start: dict[str, list[KindCue]] = {}
    for entry, found in starts:
        for start in found:
            by_start.setdefault(start, []).append(entry)
    tables = tuple({key: _filed(key, by_start) for key in sorted(by_start) if len(key) == n}
                   for n in range(1, PREFIX + 1))
    made = sorted((entry[:2] for entry, _ in starts), key=lambda which: not which[0])   # stable sort
    return KindIndex(tables, tuple(everywhere), {which: i for i, which in enumerate(made)})


def _filed(key: str, by_start: dict[str, list[KindCue]]) -> tuple[KindCue, ...]:
    """The patterns with a cue whose plain start is ``key`` or a shorter start of it, each once."""
    out: list[KindCue] = []
    for n in range(1, len(key) + 1):
        out += [entry for entry in by_start.get(key[:n], ()) if entry not in out]
    return tuple(out)


def _needs(cue: str) -> Needing:
    try:
        return needing(cue)
    except re.error:        # compiles only among the other cues: searched everywhere
        return Needing(re.compile(""))


def plain_start(cue: str) -> str:
    """The plain characters a letter-first cue starts with, at most ``PREFIX``: up to the first one that is
    special to ``re`` or made optional or repeated by the character after it (at least its first letter)."""
    out = [cue[0]]
    for i in range(1, min(PREFIX, len(cue))):
        if cue[i] in _SPECIAL or cue[i + 1:i + 2] in _REPEATS:
            break
        out.append(cue[i])
    return "".join(out)
