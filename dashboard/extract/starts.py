"""Where the cues of a long list start: one scan for the cues that start with a plain letter, and each
other cue ("\\w+ga qaytdi": any word may start it) searched alone, only in a text holding what its matches
hold. The positions are the same as one alternation's of all the cues; the others no longer make the
scan try their costly branches at every word of every sentence."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dashboard.extract.needing import Needing, needing, shortest
from dashboard.extract.nonword import after_nonword_of, class_end


@dataclass(frozen=True, slots=True)
class CueStarts:
    """The cues of a list: ``common`` those starting with a plain letter (``starts_pattern``), ``others``
    each of the rest as ``(?<!\\w)(?:cue)`` with what its matches hold."""

    common: re.Pattern[str] | None
    others: tuple[Needing, ...] = ()
    pieces: tuple[str, ...] = ()      # one of them is in every match of every other cue (none: not known)

    def positions(self, key: str) -> list[int]:
        """Every position of ``key`` where one of the cues matches, in order."""
        out = positions(self.common, key) if self.common is not None else []
        if self.pieces and not any(map(key.__contains__, self.pieces)):
            return out
        extra: set[int] = set()
        for other in self.others:
            if other.may_match(key):
                extra.update(positions(other.pattern, key))
        if extra:
            return sorted(extra.union(out))
        return out


def _fewest(others: tuple[Needing, ...]) -> tuple[str, ...]:
    """Strings one of which every match of every one of ``others`` holds: each one's group of needs with the
    fewest strings, of three characters or more where it can; none when one of them needs nothing known."""
    if not all(other.needs for other in others):
        return ()
    return shortest(piece for other in others for piece in min(other.needs, key=_telling))


def _telling(group: tuple[str, ...]) -> tuple[bool, int, int]:
    shortest_one = min(map(len, group))
    return shortest_one < 3, len(group), -shortest_one


def positions(pattern: re.Pattern[str], key: str) -> list[int]:
    """Every position where ``pattern`` matches, in order: one scan of ``key``, each search going on one
    character after the last match's start. A pattern ``(?<!\\w)(?:…)`` is matched at the start and
    searched after it as ``\\W(?:…)`` (see ``nonword``)."""
    after = after_nonword_of(pattern)
    out: list[int] = []
    if after is not None:
        if pattern.match(key) is not None:
            out.append(0)
        found = after.search(key)
        while found is not None:
            out.append(found.start() + 1)
            found = after.search(key, found.start() + 1)
        return out
    m = pattern.search(key)
    while m is not None:
        out.append(m.start())
        m = pattern.search(key, m.start() + 1)
    return out


def matches_at(pattern: re.Pattern[str], key: str, starts: list[int] | None) -> list[re.Match[str]]:
    """``list(pattern.finditer(key))`` for a pattern whose matches start only at ``starts`` (every position
    where a pattern that matches wherever it does matches, in order); None: the scan itself."""
    if starts is None:
        return list(pattern.finditer(key))
    return matches(pattern, key, starts) if starts else []


def matches(pattern: re.Pattern[str], key: str, starts: list[int]) -> list[re.Match[str]]:
    """``list(pattern.finditer(key, starts[0]))`` for a pattern that matches only at ``starts``: the same
    non-overlapping matches, each tried with ``match`` where it can start instead of a scan of the text
    (``match`` at a position sees the text before it, as the scan does). An empty match takes the scan."""
    out: list[re.Match[str]] = []
    end = 0
    for pos in starts:
        if pos >= end:
            m = pattern.match(key, pos)
            if m is not None:
                end = m.end()
                if end == pos:
                    return list(pattern.finditer(key, starts[0]))
                out.append(m)
    return out


def cue_starts_of(cues: list[str], whole: Callable[[list[str]], re.Pattern[str] | None]) -> CueStarts | None:
    """The cues' starts split as :class:`CueStarts` says; ``whole(cues)``, one pattern of them all, when a
    cue does not compile alone or the letters' pattern does not."""
    if not cues:
        return None
    others = [c for c in cues if not letter_first(c)]
    common = starts_pattern([c for c in cues if letter_first(c)])
    try:
        guarded = tuple(Needing(re.compile(r"(?<!\w)(?:" + c + ")"), needing(c).needs) for c in others)
    except re.error:           # a cue that compiles only among the others
        return CueStarts(whole(cues))
    if common is None and len(cues) > len(others):
        return CueStarts(whole(cues))
    return CueStarts(common, guarded, _fewest(guarded))


def starts_pattern(cues: list[str]) -> re.Pattern[str] | None:
    r"""A pattern that matches exactly where one of ``cues`` does, for finding where cues start (how far a
    match reaches may differ): ``(?<!\w)(?:a(?:…|…)|b(?:…)|…)``, the cues starting with a plain letter in
    one branch per letter, the others as they are. None for no cues or when it does not compile (e.g. a
    group name used by two cues)."""
    if not cues:
        return None
    branches: dict[str, list[str]] = {}
    others: list[str] = []
    for c in sorted(cues, key=len, reverse=True):
        if letter_first(c):
            branches.setdefault(c[0], []).append(c[1:])
        else:
            others.append(c)
    alts = [f"{first}(?:{'|'.join(rests)})" for first, rests in branches.items()] + others
    try:
        return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")")
    except re.error:
        return None


def letter_first(cue: str) -> bool:
    """A cue starting with a letter that is no quantifier's operand and with no ``|`` outside groups."""
    if len(cue) < 2 or not cue[0].isalpha() or cue[1] in "?*+{":
        return False
    depth, i = 0, 0
    while i < len(cue):
        c = cue[i]
        if c == "\\":
            i += 1
        elif c == "[":                        # a class: skip to its end
            i = class_end(cue, i)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True
