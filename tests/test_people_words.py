"""Participants are people: a capitalised run that holds a body's word ("Parliament", "Meeting", "Парламента",
"Правительства") or an adverb ("Faqat", only) names nobody, or the name after it (languages.json's
not_in_names). Every sentence here is written for these tests."""
from __future__ import annotations

import random

import pytest

from dashboard.extract import names as name_rules
from dashboard.extract.cues import load_cues
from dashboard.extract.names import first_words, starts
from dashboard.extract.people import participants
from dashboard.extract.segments import segment
from dashboard.settings import DEFAULT
from dashboard.text import prepare


def names(text: str) -> tuple[str, list[str]]:
    prepared = prepare(text, DEFAULT.lexicon_dir)
    cues = load_cues(DEFAULT.lexicon_dir, prepared.language)
    return prepared.tag, participants(segment(prepared.norm, cues.page, cues.clause_split), cues)


NOBODY = [
    ("en-parliament", "The guests were received by the Chairman of the Mazhilis of Parliament Rustam Karimov.",
     "en-Latn", ["Rustam Karimov"]),
    ("en-meeting", "The President left for Dushanbe to take part in the Consultative Meeting of the Heads of State "
                   "of Central Asia.", "en-Latn", []),
    ("ru-parliament", "Гостей встретил Председатель Парламента Рустам Каримов.", "ru-Cyrl", ["Рустам Каримов"]),
    ("ru-government", "Президент Правительства Рустам Каримов встретил гостей.", "ru-Cyrl", ["Рустам Каримов"]),
    ("uz-Latn-only", "Prezident Olmaliq kon-metallurgiya kombinatiga tashrif buyurdi. Faqat Olmaliqdagi konlarda "
                     "oʻn ming kishi ishlaydi.", "uz-Latn", []),
    ("uz-Cyrl-only", "Давлатимиз раҳбари ҳудуд фаоллари билан учрашди. Фақат Олмалиқдаги конларда ўн минг киши "
                     "ишлайди.", "uz-Cyrl", []),
]


@pytest.mark.parametrize(("text", "tag", "expected"), [c[1:] for c in NOBODY], ids=[c[0] for c in NOBODY])
def test_a_bodys_word_or_an_adverb_is_no_name(text: str, tag: str, expected: list[str]) -> None:
    assert names(text) == (tag, expected)


# --- names.starts: the word lists split once, found again by identity ------------------------------------

def _plain_starts(key: str, words: tuple[str, ...]) -> bool:
    return any(key == w[:-1] if w.endswith("$") else key.startswith(w) for w in words)


def test_starts_is_its_definition_for_lists_old_and_new() -> None:
    """Random keys against random lists (each list met again, and equal lists made anew at each call, as a
    lexicon's tuple and a tuple built per call are): the same answers as the definition, call after call."""
    rng = random.Random(20261207)
    syllables = ["pre", "zi", "dent", "va", "zir", "bosh", "mir", "ali", "yev", "$"]
    lists = [tuple(rng.choice(syllables[:-1]) + rng.choice(["", "", "$"]) for _ in range(rng.randint(0, 5)))
             for _ in range(40)]
    for _ in range(4000):
        key = "".join(rng.choice(syllables[:-1]) for _ in range(rng.randint(1, 3)))
        words = rng.choice(lists)
        fresh = tuple(list(words))       # equal, another object (or the same one for the empty tuple)
        assert starts(key, words) == starts(key, fresh) == _plain_starts(key, words), (key, words)


def test_a_list_found_by_an_id_it_does_not_hold_is_split_anew() -> None:
    words = ("prezident", "bosh$")
    other = ("vazir",)
    name_rules._SPLITS[id(words)] = (other, ("vazir",), frozenset())    # a stale entry under this id
    assert starts("prezidentga", words) and starts("bosh", words) and not starts("vazirlik", words)


def test_first_words_of_phrases() -> None:
    phrases = ("bosh vazir", "prezident", "oliy majlis raisi")
    assert first_words(phrases) == first_words(tuple(list(phrases))) == ("bosh", "prezident", "oliy")
