"""Where a pattern matches: ``(?<!\\w)(?:…)`` searched as ``\\W(?:…)`` finds the positions the look-behind
scan does."""
from __future__ import annotations

import re

import pytest

from dashboard.extract.cues import Patterns, _first_of, _words, load_cues
from dashboard.extract.nonword import after_nonword, found
from dashboard.extract.starts import positions, starts_pattern
from dashboard.settings import DEFAULT
from tests.test_cues import _kind_cue_texts


def _scan(pattern: re.Pattern[str], key: str) -> list[int]:
    """The plain scan: every search goes on one character after the last match's start."""
    out, m = [], pattern.search(key)
    while m is not None:
        out.append(m.start())
        m = pattern.search(key, m.start() + 1)
    return out


# A pattern's source and whether it is searched after a non-word character
FORMS = [
    ("one-group", r"(?<!\w)(?:ab|cd)", True),
    ("bar-outside", r"(?<!\w)ab|cd", False),
    ("two-groups", r"(?<!\w)(?:a)|(?:b)", False),
    ("group-then-more", r"(?<!\w)(?:\)|y)z", False),
    ("bracket-in-class", r"(?<!\w)(?:[)]x|y)", True),
    ("no-look-behind", r"(?:ab|cd)", False),
]


@pytest.mark.parametrize(("source", "after"), [f[1:] for f in FORMS], ids=[f[0] for f in FORMS])
def test_after_nonword_only_where_the_look_behind_stands_before_everything(source: str, after: bool) -> None:
    assert (after_nonword(re.compile(source)) is not None) is after


# Cue lists and texts: the positions of the look-behind scan
TEXTS = ["ab cd abcd xab", "ab", "(ab) ab-ab ab_ab", "", " cd", "d cd, ab.cd", "yz) z", "qaytdi uyga qaytdi"]
CUES = [["ab", "cd"], ["a(?<!\\w.)b", "cd"], [r"\w+ga qaytdi", "qaytdi"], ["(?<! )cd", "ab"], ["b", "d(?<=c.)"]]


@pytest.mark.parametrize("cues", CUES, ids=[str(i) for i in range(len(CUES))])
@pytest.mark.parametrize("text", TEXTS)
def test_positions_are_the_look_behind_scans(cues: list[str], text: str) -> None:
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(cues) + ")")
    assert after_nonword(pattern) is not None
    assert positions(pattern, text) == _scan(pattern, text)


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_the_lexicons_scans_find_the_look_behind_scans_positions(language: str) -> None:
    """The kinds' cue starts, the dates' first pattern and a cue list searched as a whole: on every sentence
    of the fixtures in that language."""
    cues = load_cues(DEFAULT.lexicon_dir, language)
    texts = _kind_cue_texts(language)
    assert cues.any_kind is not None and cues.any_kind.common is not None and cues.any_date is not None
    patterns = [cues.any_kind.common, cues.any_date, *(o.pattern for o in cues.any_kind.others)]
    irrealis = _words(["will", r"\w+moqchi", "(?:is|are) due"])
    assert irrealis is not None
    for pattern in [*patterns, irrealis, starts_pattern(["keldi", "tashrif"]), _first_of([r"\d+", "bugun"])]:
        assert pattern is not None and after_nonword(pattern) is not None
        assert [positions(pattern, t) for t in texts] == [_scan(pattern, t) for t in texts]
    assert any(positions(cues.any_kind.common, t) for t in texts)


@pytest.mark.parametrize("cues", CUES, ids=[str(i) for i in range(len(CUES))])
@pytest.mark.parametrize("text", TEXTS)
def test_found_is_a_search_in_every_window(cues: list[str], text: str) -> None:
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(cues) + ")")
    windows = [(pos, end) for pos in range(len(text) + 1) for end in range(pos, len(text) + 2)]
    assert [found(pattern, text, pos, end) for pos, end in windows] == \
        [pattern.search(text, pos, end) is not None for pos, end in windows]


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_found_is_the_lexicons_searches(language: str) -> None:
    """The irrealis cues and the guarded lists (searched with ``found``) find what their patterns do, on every
    sentence of the fixtures in that language and in the first 40 characters of each."""
    cues = load_cues(DEFAULT.lexicon_dir, language)
    texts = _kind_cue_texts(language)
    assert cues.irrealis is not None and cues.others_acting is not None
    for pattern in (cues.irrealis, cues.others_acting.pattern, *(g.pattern for g in (cues.first_person,
                                                                                       cues.background) if g)):
        for end in (len(texts[0]) + 1, 40):
            assert [found(pattern, t, 0, end) for t in texts] == [pattern.search(t, 0, end) is not None
                                                                 for t in texts]


def test_subordinate_patterns_hash_as_one_object() -> None:
    """A cache keyed by the subordinate patterns and a text hashes no pattern's code (see ``cues.Patterns``)."""
    cues = load_cues(DEFAULT.lexicon_dir, "uz")
    assert isinstance(cues.subordinate, Patterns) and hash(cues.subordinate) == id(cues.subordinate)
    again = Patterns(cues.subordinate)
    assert again != cues.subordinate and again == again and list(again) == list(cues.subordinate)
