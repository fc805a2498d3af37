"""Event kinds from the lexicon's cues: strong cues decide, weak ones hint."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.extract.cues import Cues
from dashboard.extract.nonword import found
from dashboard.extract.starts import CueStarts, matches, positions

STRONG, WEAK = 3.0, 1.0


@dataclass(frozen=True, slots=True)
class Reading:
    kind: str | None       # None: no event here (a statement, or nothing)
    strong: bool           # at least one strong cue of that kind
    score: float
    generic: bool = False  # an activity verb whose object decided the kind ("visited")
    planned: bool = False  # told as future, a plan or an expectation: not (yet) an event
    kinds: int = 0         # how many kinds have cues here (two or more: maybe two activities)

    @property
    def starts(self) -> bool:
        """Strong cues or an activity verb can start an event; weak nouns only colour one."""
        return self.strong or self.generic


NOTHING = Reading(None, False, 0.0)     # no event here (one reading: it is frozen)


def masked(key: str, cues: Cues) -> str:
    """A folded sentence with the lexicon's masks blanked ("in order to ...", "after the talks") and its
    relative clauses ("..., which opened the day before") that tell of something else. A text holding none
    of the strings one of which every mask's match holds (``mask_pieces``) is one no mask changes."""
    pieces = cues.mask_pieces
    if not pieces or any(map(key.__contains__, pieces)):
        for mask in cues.masks:     # each searched only where what it needs is
            key = mask.sub(" ", key)
    return blank(key, cues.subordinate, cues.subordinate_pieces)


def blank(key: str, patterns: tuple[re.Pattern[str], ...], pieces: tuple[str, ...] = ()) -> str:
    """``key`` with every match of ``patterns`` turned to spaces of the same length (offsets stay);
    ``pieces``: one of them is in every match (a text without any is returned as it is)."""
    if pieces and not any(map(key.__contains__, pieces)):
        return key
    for pattern in patterns:
        key = pattern.sub(lambda m: " " * len(m.group()), key)
    return key


def classify(key: str, cues: Cues) -> Reading:
    """The kind of event a folded sentence reports, if any."""
    scores: dict[str, float] = {}
    strong: set[str] = set()
    starts = cue_starts(key, cues.any_kind)
    counts: dict[tuple[bool, str], int] = {}
    if starts:      # a kind's cue starts only where some cue of any kind does: its matches are tried there
        counts = _counts(key, cues, starts)
        for which in sorted(counts, key=cues.kind_cues.rank.__getitem__):   # strong kinds, then weak ones
            is_strong, kind = which
            if counts[which]:
                scores[kind] = scores.get(kind, 0.0) + (STRONG if is_strong else WEAK) * counts[which]
                if is_strong:
                    strong.add(kind)
        if len(strong) > 1:      # strong cues of two kinds: one inside a longer one of another is not its own
            scores, strong = _nested_dropped(key, cues, starts)
    generic = bool(cues.generic and cues.generic.search(key))
    taking_part = False
    if cues.lemmas is not None:
        by_lemma, taking_part = _by_lemma(key, cues, counts, scores, strong, starts)
        generic = generic or by_lemma
    if generic:
        objects = [k for k in cues.generic_kinds if k in scores]
        target = max(objects, key=scores.__getitem__) if objects else cues.generic_default
        scores[target] = scores.get(target, 0.0) + WEAK
    generic = generic or (taking_part and bool(scores))   # "took part in the opening": it starts
    for winner, losers in cues.outranks:       # "talked with the residents": a meeting, not talks
        if winner in scores and strong & losers:
            for loser in losers:
                scores.pop(loser, None)
                strong.discard(loser)
            strong.add(winner)
    if not scores:
        return NOTHING
    if not strong and cues.not_events and cues.not_events.search(key):
        return NOTHING
    if cues.first_person and cues.first_person.search(key):
        return NOTHING     # "we arrived with many plans": a quote, not the narration
    order = _tie_ranks(cues.tie_order)
    kind = max(scores, key=lambda k: (scores[k], -order.get(k, len(order))))
    planned = bool(cues.irrealis and found(cues.irrealis, key))     # asked only of a reading with a kind
    return Reading(kind, kind in strong, scores[kind], generic, planned, len(scores))


def _by_lemma(key: str, cues: Cues, seen: dict[tuple[bool, str], int], scores: dict[str, float],
              strong: set[str], starts: list[int]) -> tuple[bool, bool]:
    """Adds to ``scores`` the cues matched by lemma that the patterns did not already count (a kind's
    lemma cues and its patterns count the same words once: a strong lemma where a weak pattern matched
    turns that weak cue strong); whether an activity verb and a verb of taking part match."""
    assert cues.lemmas is not None
    counts, generic, taking_part = cues.lemmas.counts(key, starts)
    for (is_strong, kind), n in counts.items():
        extra = n - seen.get((is_strong, kind), 0)
        if extra <= 0:
            continue
        if not is_strong:
            scores[kind] = scores.get(kind, 0.0) + WEAK * extra
            continue
        upgraded = min(extra, seen.get((False, kind), 0))
        scores[kind] = scores.get(kind, 0.0) + STRONG * extra - WEAK * upgraded
        strong.add(kind)
    return generic, taking_part


@lru_cache(maxsize=16)
def _tie_ranks(tie_order: tuple[str, ...]) -> dict[str, int]:
    """A kind's rank in the lexicons' tie order (worked out once per order)."""
    return {k: i for i, k in enumerate(tie_order)}


def _counts(key: str, cues: Cues, starts: list[int]) -> dict[tuple[bool, str], int]:
    """How many matches each kind's strong and weak pattern has (as ``len(pattern.findall(key))``): at each
    start, only the patterns with a cue that may start with the text there are tried (``Cues.kind_cues``)."""
    counts: dict[tuple[bool, str], int] = {}
    ends: dict[tuple[bool, str], int] = {}     # where a pattern's last match ended: the next starts there
    index = cues.kind_cues
    everywhere = index.everywhere_in(key) if index.everywhere else ()
    for pos in starts:
        for table in (index.at(key, pos), everywhere):
            for strong, kind, pattern in table:
                which = (strong, kind)
                if pos < ends.get(which, 0):
                    continue
                m = pattern.match(key, pos)
                if m is not None:
                    if m.end() == pos:          # an empty match: count as findall does
                        return {(s, k): len(matches(p, key, starts)) for s, k, p in _all(cues)}
                    counts[which] = counts.get(which, 0) + 1
                    ends[which] = m.end()
    return counts


def _all(cues: Cues) -> list[tuple[bool, str, re.Pattern[str]]]:
    return [(True, k, p) for k, p in cues.strong.items()] + [(False, k, p) for k, p in cues.weak.items()]


def cue_starts(key: str, any_cue: CueStarts | re.Pattern[str] | None) -> list[int]:
    """Every position where ``any_cue`` (cues' starts, or an alternation of cues) matches, in order: where
    any of its cues may match."""
    if any_cue is None:
        return []
    if isinstance(any_cue, CueStarts):
        return any_cue.positions(key)
    return positions(any_cue, key)


def _nested_dropped(key: str, cues: Cues, starts: list[int]) -> tuple[dict[str, float], set[str]]:
    """The kinds' scores counting no cue that lies inside a longer cue of another kind
    ("kutib olish marosimi" is a ceremony, not also the arrival's "kutib ol")."""
    hits = [(m.start(), m.end(), kind, weight)
            for table, weight in ((cues.strong, STRONG), (cues.weak, WEAK))
            for kind, pattern in table.items() for m in matches(pattern, key, starts)]
    scores: dict[str, float] = {}
    strong: set[str] = set()
    for s, e, kind, weight in hits:
        if any(k != kind and s2 <= s and e <= e2 and e2 - s2 > e - s for s2, e2, k, _ in hits):
            continue
        scores[kind] = scores.get(kind, 0.0) + weight
        if weight == STRONG:
            strong.add(kind)
    return scores, strong
