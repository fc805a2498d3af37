"""The kinds' patterns indexed by how their cues start: at every start only patterns that may match there are
left out of nothing (the counts are those of every pattern's ``findall``)."""
from __future__ import annotations

import re

import pytest

from dashboard.extract.cues import _words, load_cues
from dashboard.extract.kindindex import index, plain_start
from dashboard.extract.kinds import _counts, cue_starts
from dashboard.settings import DEFAULT
from tests.test_cues import _kind_cue_texts

# A cue and the plain letters it starts with (at most three)
STARTS = [
    ("word", "uchrashdi", "uch"),
    ("two-then-class", "o[‘ʻ']z", "o"),
    ("quantified-second", "ab?c", "a"),
    ("group-after-two", "ke(?:ldi|tdi)", "ke"),
    ("escaped", r"a\.b", "a"),
    ("to-the-end", "ab", "ab"),
]


@pytest.mark.parametrize(("cue", "want"), [c[1:] for c in STARTS], ids=[c[0] for c in STARTS])
def test_plain_start(cue: str, want: str) -> None:
    assert plain_start(cue) == want


# Kinds' cues and texts: a pattern left out at a start would lose a count
KINDS = {
    "talks": {"strong": ["muzokara", "muloqot"], "weak": ["mu[sz]ok"]},
    "visit": {"strong": ["tashrif", r"\w+ga qaytdi", "ta"], "weak": ["tanish"]},
    "arrival": {"strong": ["keldi", "ketdi", "k"]},
}
STRONG = {k: p for k, v in KINDS.items() if (p := _words(v.get("strong", [])))}
WEAK = {k: p for k, v in KINDS.items() if (p := _words(v.get("weak", [])))}
TEXTS = ["muzokara va muloqot", "musok mozok", "tashrif ta tanishdi", "uyga qaytdi, tashrif",
         "keldi ketdi k kx", "ta tash tanishuv", "yo'q"]


def _every(key: str, patterns: list[tuple[bool, str, re.Pattern[str]]], starts: list[int]) -> set:
    return {(pos, s, k) for pos in starts for s, k, p in patterns if p.match(key, pos)}


@pytest.mark.parametrize("text", TEXTS)
def test_the_index_leaves_out_no_pattern_that_matches(text: str) -> None:
    found = index(KINDS, STRONG, WEAK)
    patterns = [(True, k, p) for k, p in STRONG.items()] + [(False, k, p) for k, p in WEAK.items()]
    starts = list(range(len(text) + 1))
    offered = {(pos, s, k) for pos in starts for s, k, _ in found.at(text, pos) + found.everywhere_in(text)}
    assert _every(text, patterns, starts) <= offered


def test_the_guarded_patterns_are_left_out_where_their_cues_cannot_match() -> None:
    found = index(KINDS, STRONG, WEAK)
    assert [k for _, k, _ in found.everywhere_in("uyga qaytdi")] == ["visit"]
    assert found.everywhere_in("tashrif") == ()
    assert [k for _, k, _ in found.at("tashrif", 0)] == ["visit"]     # its letter cues are filed by letters


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_counts_are_every_patterns_findall(language: str) -> None:
    """On every sentence of the fixtures in that language, the counts through the index are those of each
    kind's pattern searched alone."""
    cues = load_cues(DEFAULT.lexicon_dir, language)
    texts = _kind_cue_texts(language)
    patterns = [(True, k, p) for k, p in cues.strong.items()] + [(False, k, p) for k, p in cues.weak.items()]
    counted = 0
    for text in texts:
        starts = cue_starts(text, cues.any_kind)
        want = {(s, k): n for s, k, p in patterns if (n := len(p.findall(text)))}
        assert (_counts(text, cues, starts) if starts else {}) == want, text
        counted += bool(want)
    assert counted > 10


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_rank_is_the_strong_kinds_then_the_weak_in_the_lexicons_order(language: str) -> None:
    """classify adds the counts in this order (a tie between kinds outside the tie order goes to the first)."""
    cues = load_cues(DEFAULT.lexicon_dir, language)
    rank = cues.kind_cues.rank
    assert sorted(rank, key=rank.__getitem__) == [(True, k) for k in cues.strong] + [(False, k) for k in cues.weak]
