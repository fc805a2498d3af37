"""The people finder's prefilter: ``may_name`` says a sentence may name a leader whenever one of its words
(``tokens``) is capitalised and has a key in the name forms, so skipping the words of the others loses
nothing; on ordinary text exactly then (a capital inside a word, "xMirziyoyev", may say yes to no name: the
words are then made for nothing). Every sentence here is written for these tests."""
from __future__ import annotations

import pytest

from dashboard.extract.leaders import load_people
from dashboard.extract.nametokens import may_name, tokens

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
    return any(t.cap and t.key in forms for t in tokens(text))


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
