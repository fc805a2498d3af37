"""Participants are people (issue 20 item 5), per language, on sentences written for these tests: a name that
signs a photo is the photographer's, an order or a madrasa named after someone is not that person, and a
woman's given name with the Uzbek honorific '-xon' is the same person as without it
(dashboard/extract/names.py; languages.json's credit_words, honorific_endings, feminine_endings and memorial
words). Each row has a twin where the same name takes part, so every row can fail both ways."""
from __future__ import annotations

import pytest

from dashboard.extract.leaders import load_people
from dashboard.extract.names import canonical, credited
from tests.test_people_words import names

# (id, language tag, a sentence signed by a photographer, the same name taking part, as it is read)
CREDITS = [
    ("uz-latn", "uz-Latn",
     "Oʻzbekiston Prezidenti 4-iyul kuni davlat tashrifi bilan Samarqandga keldi [Agentlik/Anna Petrova].",
     "Oʻzbekiston Prezidenti 4-iyul kuni Anna Petrova bilan davlat tashrifi bilan Samarqandga keldi.",
     "Anna Petrova"),
    ("uz-cyrl", "uz-Cyrl",
     "Ўзбекистон Президенти 4 июль куни давлат ташрифи билан Самарқандга келди [Агентлик/Анна Петрова].",
     "Ўзбекистон Президенти 4 июль куни Анна Петрова билан давлат ташрифи билан Самарқандга келди.",
     "Anna Petrova"),
    ("ru", "ru-Cyrl", "Президент прибыл в Самарканд 4 июля [Агентство/Анна Петрова].",
     "Президент прибыл в Самарканд 4 июля, его встретила Анна Петрова.", "Анна Петрова"),
    ("en-bracket", "en-Latn", "The president arrived in Samarkand on July 4 [Agency/Anna Petrova].",
     "The president arrived in Samarkand on July 4 with Anna Petrova.", "Anna Petrova"),
    ("en-photo-by", "en-Latn", "The president arrived in Samarkand on July 4 (Photo by Anna Petrova).",
     "The president arrived in Samarkand on July 4 with Anna Petrova.", "Anna Petrova"),
]


@pytest.mark.parametrize(("tag", "signed", "present", "name"), [c[1:] for c in CREDITS], ids=[c[0] for c in CREDITS])
def test_a_photo_credit_is_no_participant(tag: str, signed: str, present: str, name: str) -> None:
    assert names(signed) == (tag, [])
    assert names(present) == (tag, [name])


# (id, language, a line, the name in it, whether it signs the picture)
CREDIT_LINES = [
    ("uz-signed", "uz", "Foto: Anna Petrova / «Gazeta»", "Anna Petrova", True),
    ("uz-caption", "uz", "Foto: Anna Petrova va Prezident aeroportda", "Anna Petrova", False),
    ("ru-signed", "ru", "Фото: Анна Петрова / «Газета»", "Анна Петрова", True),
    ("ru-caption", "ru", "Фото: Анна Петрова и президент в аэропорту", "Анна Петрова", False),
    ("en-signed", "en", "Photo: Anna Petrova / Daily Times", "Anna Petrova", True),
    ("en-caption", "en", "Photo: Anna Petrova and the president at the airport", "Anna Petrova", False),
]


@pytest.mark.parametrize(("lang", "line", "name", "signs"), [c[1:] for c in CREDIT_LINES],
                         ids=[c[0] for c in CREDIT_LINES])
def test_a_credit_is_signed_by_a_slash_or_by(lang: str, line: str, name: str, signs: bool) -> None:
    """A caption that names who is in the picture has no slash and no 'by': they stay participants."""
    start = line.index(name)
    assert credited(line, start, start + len(name), load_people().grammars[lang]) is signs


# (id, language tag, a first lady greeting the guest written with the honorific, as read)
HONORIFIC = [
    ("uz-latn", "uz-Latn", "Oʻzbekiston Prezidenti 4-iyul kuni davlat tashrifi bilan Samarqandga keldi. Mehmonni "
                           "aeroportda Ziroatxon Mirziyoyeva kutib oldi.", ["Ziroat Mirziyoyeva"]),
    ("uz-cyrl", "uz-Cyrl", "Ўзбекистон Президенти 4 июль куни давлат ташрифи билан Самарқандга келди. Меҳмонни "
                           "аэропортда Зироатхон Мирзиёева кутиб олди.", ["Ziroat Mirziyoyeva"]),
    ("ru", "ru-Cyrl", "Гостя в аэропорту встретила Зироатхон Мирзиёева.", ["Зироат Мирзиёева"]),
    ("en", "en-Latn", "The guest was met at the airport by Ziroatkhon Mirziyoyeva.", ["Ziroat Mirziyoyeva"]),
]


@pytest.mark.parametrize(("tag", "text", "expected"), [c[1:] for c in HONORIFIC], ids=[c[0] for c in HONORIFIC])
def test_the_honorific_xon_is_one_spelling_of_one_person(tag: str, text: str, expected: list[str]) -> None:
    assert names(text) == (tag, expected)


# (id, language, a name, as one person is written): the honorific goes only before a woman's surname
CANONICAL = [
    ("uz-woman", "uz", "Zulfiyaxon Karimova", "Zulfiya Karimova"),
    ("uz-man", "uz", "Muhammadxon Karimov", "Muhammadxon Karimov"),
    ("uz-short", "uz", "Xon Karimova", "Xon Karimova"),
    ("ru-woman", "ru", "Зульфияхон Каримова", "Зульфия Каримова"),
    ("ru-man", "ru", "Мухаммадхон Каримов", "Мухаммадхон Каримов"),
    ("en-woman", "en", "Zulfiyakhon Karimova", "Zulfiya Karimova"),
    ("en-man", "en", "Muhammadkhon Karimov", "Muhammadkhon Karimov"),
]


@pytest.mark.parametrize(("lang", "name", "one"), [c[1:] for c in CANONICAL], ids=[c[0] for c in CANONICAL])
def test_one_spelling_per_person(lang: str, name: str, one: str) -> None:
    assert canonical(name, load_people().grammars[lang]) == one


def test_the_new_grammar_words_are_in_every_language() -> None:
    """languages.json gives each language its credit words and honorific endings (the data the code reads)."""
    for lang, g in load_people().grammars.items():
        assert g.credit_words and g.honorific_endings and g.feminine_endings, lang


# (id, language tag, an order or a madrasa named after a person, the same person taking part, as read)
NAMED_AFTER = [
    ("uz-latn-order", "uz-Latn",
     "Uchrashuv yakunida Belarus Prezidenti oʻzbek hamkasbiga «Anvar Qodirov» ordenini topshirdi.",
     "Uchrashuv yakunida Belarus Prezidenti Anvar Qodirov bilan suhbatlashdi.", ["Anvar Qodirov"]),
    ("uz-latn-madrasa", "uz-Latn", "Prezidentlar Anvar Qodirov madrasasini ziyorat qildi.",
     "Uchrashuv yakunida Belarus Prezidenti Anvar Qodirov bilan suhbatlashdi.", ["Anvar Qodirov"]),
    ("uz-cyrl-order", "uz-Cyrl",
     "Учрашув якунида Беларусь Президенти ўзбек ҳамкасбига «Анвар Қодиров» орденини топширди.",
     "Учрашув якунида Беларусь Президенти Анвар Қодиров билан суҳбатлашди.", ["Anvar Qodirov"]),
    ("ru-order", "ru-Cyrl", "По итогам встречи президент вручил гостю орден Анвара Кадырова.",
     "По итогам встречи президент побеседовал с Анваром Кадыровым.", ["Анваром Кадыровым"]),
    ("en-madrasa", "en-Latn", "The presidents toured the Anvar Kadyrov Madrasa in the old town.",
     "The presidents toured the madrasa with Anvar Kadyrov in the old town.", ["Anvar Kadyrov"]),
]


@pytest.mark.parametrize(("tag", "named", "present", "expected"), [c[1:] for c in NAMED_AFTER],
                         ids=[c[0] for c in NAMED_AFTER])
def test_an_order_or_a_madrasa_named_after_a_person_is_not_that_person(tag: str, named: str, present: str,
                                                                       expected: list[str]) -> None:
    """languages.json's memorial words ('orden', 'орден', 'madrasa'), a quoted name's closing mark before
    its head word too ("«X» ordeni")."""
    assert names(named) == (tag, [])
    assert names(present) == (tag, expected)
