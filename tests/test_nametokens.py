"""The people finder's prefilter: ``may_name`` says a sentence may name a leader whenever one of its words
(``tokens``) is capitalised and has a key in the name forms, so skipping the words of the others loses
nothing; on ordinary text exactly then (a capital inside a word, "xMirziyoyev", may say yes to no name: the
words are then made for nothing). Every sentence here is written for these tests."""
from __future__ import annotations

import random

import pytest

from dashboard.extract.leaders import load_people
from dashboard.extract.nametokens import may_name, same_words, tokens, words_of
from dashboard.extract.segments import Sentence
from dashboard.places.tokens import tokens as place_tokens

SENTENCES = [
    ("en-name", "President Shavkat Mirziyoyev met the guests in the new hall."),
    ("en-none", "The guests were shown the new hall and the old library."),
    ("en-lower-name", "the word mirziyoyev written in lower case starts no name."),
    ("ru-name", "Президент Казахстана Касым-Жомарт Токаев прибыл в город."),
    ("ru-yo", "Гостей встретил Рахмон у входа в Зелёный зал."),
    ("uz-okina-start", "ʻToshkent shahrida Mirziyoyevning taklifi bilan uchrashuv boʻldi."),
    ("uz-none", "Mehmonlar yangi bogʻni va eski kutubxonani koʻrdilar."),
    ("digits-before", "5Mirziyoyev and _Tokayev and 12Rahmon wrote nothing."),
    ("dotted-capital", "İlham Aliyev İstanbulda."),
    ("apostrophe-only", "ʻ ʼ — and nothing else."),
]


def _candidates(text: str, forms: dict) -> bool:
    return any(t.upper and t.key in forms for t in tokens(text))


@pytest.mark.parametrize("language", ["", "en", "ru", "uz"])
@pytest.mark.parametrize("text", [s for _, s in SENTENCES], ids=[i for i, _ in SENTENCES])
def test_may_name_is_the_name_finders_own_condition(text: str, language: str) -> None:
    people = load_people()
    forms = people.forms.get(language, people.forms[""])
    assert may_name(text, forms) == _candidates(text, forms)


@pytest.mark.parametrize("text", ["xMirziyoyev and aTokayev wrote nothing.", "дТокаев"], ids=["latin", "cyrillic"])
def test_a_capital_inside_a_word_may_say_yes_to_no_name(text: str) -> None:
    forms = load_people().forms[""]
    assert may_name(text, forms)
    assert not _candidates(text, forms)      # said yes where no name starts: more work, never a lost name


def test_the_table_has_both_answers() -> None:
    forms = load_people().forms[""]
    answers = {may_name(s, forms) for _, s in SENTENCES}
    assert answers == {True, False}


# --- one word list per sentence: the people finder reads the gazetteer's where the two agree ---------------

DIFFERENT = [        # each a place where the two word lists differ: same_words must say so
    ("digits-after-letter", "The G20 summit opened."),
    ("underscore", "the file_name was read."),
    ("apostrophe-inside", "Tashkent's guests and don't."),
    ("prime-letter", "Xivaʹ va ꞌBuxoro."),
    ("marks-alone", "uchrashuv ʻ boʻldi."),
    ("digit-inside", "Sammit C5a1 boʻldi."),
]
SAME = [
    ("en", "President Shavkat Mirziyoyev met the guests in Samarkand on 5 May."),
    ("ru", "Президент Казахстана Касым-Жомарт Токаев прибыл в Зелёный зал 12 мая."),
    ("uz", "ʻToshkent shahrida Mirziyoyevning taklifi bilan 2024-yil uchrashuv boʻldi."),
    ("uz-tutuq", "Sanʼat markazi va maʼmuriy bino koʻrildi."),
]


def _agree(text: str) -> bool:
    return tokens(text) == tuple(place_tokens(text))


@pytest.mark.parametrize("text", [s for _, s in DIFFERENT], ids=[i for i, _ in DIFFERENT])
def test_same_words_says_no_where_the_lists_differ(text: str) -> None:
    assert not _agree(text)
    assert not same_words(text)


@pytest.mark.parametrize("text", [s for _, s in SAME], ids=[i for i, _ in SAME])
def test_same_words_says_yes_on_ordinary_sentences(text: str) -> None:
    assert same_words(text)
    assert _agree(text)


def test_same_words_never_says_yes_to_different_lists() -> None:
    """Random strings of letters, digits, marks and spaces (fixed seed): yes only where the lists agree."""
    rng = random.Random(20261207)
    alphabet = "aAoOgGzZ" + "бБёЁўқ" + "ʻʼʹʽꞌˈ'’`" + "0123_ " + "-.«»"
    answers = set()
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        same = same_words(text)
        answers.add(same)
        assert not same or _agree(text), text
    assert answers == {True, False}


def test_words_of_is_the_sentences_own_list_only_where_they_agree() -> None:
    plain = Sentence(0, 0, 0, SAME[0][1], "", 0, "body")
    mixed = Sentence(0, 0, 0, DIFFERENT[0][1], "", 0, "body")
    assert words_of(plain) is plain.words()
    assert words_of(mixed) == tokens(mixed.text) != tuple(mixed.words())
