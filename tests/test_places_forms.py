"""How a place is written: a country in a case ending or after "the State of", an airport "of the city of"
a town, a venue by its other names. Sentences of the project's own writing."""
from __future__ import annotations

import pytest

from dashboard.places import Gazetteer
from dashboard.text import prepare
from tests.test_places_arguments import SETTINGS, gaz, names

__all__ = ["gaz"]     # the module's gazetteer fixture, shared with the places-as-arguments tests


# a country named by its short name, in a case, or after "the State of"
COUNTRIES = [
    ("uz-Latn-case", "Delegatsiya kecha Ozarbayjonga yetib keldi.", ["Azerbaijan"]),
    ("uz-Cyrl-case", "Делегация кеча Озарбайжонга етиб келди, музокаралар бўлиб ўтди.", ["Azerbaijan"]),
    ("ru-short", "Делегация вчера прибыла в Кыргызстан.", ["Kyrgyzstan"]),
    ("ru-genitive", "Министр рассказал о торговле Кыргызстана и Китая.", ["Kyrgyzstan", "China"]),
    ("ru-state", "Делегация вчера вылетела в Государство Катар.", ["Qatar"]),
    ("en-state", "The delegation flew to the State of Qatar on Monday.", ["Qatar"]),
]

# a common word that some town's alternate name spells is that word: "Совета" (of a council) is no Soweto
# (the Russian dictionary knows it and never as a place), "Yiliga" (yearly) no Ghulja, "Of" no Turkish town
COMMON_WORDS = [
    ("uz-Latn", "Yiliga 5 million dona mahsulot ishlab chiqariladi, dedi Toshkentdagi rahbar.", ["Tashkent"]),
    ("uz-Cyrl", "Йилига 5 миллион дона маҳсулот ишлаб чиқарилади, деди Тошкентдаги раҳбар.", ["Tashkent"]),
    ("ru", "Совещание Совета Безопасности прошло вчера в Ташкенте.", ["Tashkent"]),
    ("ru-country", "Переговоры с Китаем прошли в Ташкенте.", ["China", "Tashkent"]),
    ("ru-short-city", "Делегация прибыла в Ош, а затем в Оше прошла встреча.", ["Osh", "Osh"]),
    ("en", "Of the ten projects, two were opened in Tashkent.", ["Tashkent"]),
]

# a nationality word alone is no place
NATIONALITY = [
    ("uz-Latn", "Mehmonlar ozarbayjon xalqining urf-odatlari bilan tanishdi.", []),
    ("en", "The guests met Azerbaijani and Turkish students.", []),
]

# "the airport of the city of X": the airport that serves X, not the airport of where the story was
AIRPORT_OF_CITY = [
    ("ru", "Самолёт приземлился в международном аэропорту города Туркменбаши.", "Turkmenbashi International Airport"),
    ("ru-short", "Самолёт приземлился в аэропорту города Нукус.", "Nukus International Airport"),
]

# a venue by the names visitors' reports give it (the square, the monument)
VENUES = [
    ("uz-Latn", "Mehmon Dushanbedagi Somoniy maydoniga gulchambar qoʻydi.", "Ismoil Somoni Monument"),
    ("ru", "Гость возложил венок к памятнику Исмоилу Сомони в Душанбе.", "Ismoil Somoni Monument"),
    ("en", "The guest laid a wreath at Samani Square in Dushanbe.", "Ismoil Somoni Monument"),
    ("ru-uzbek-spelling", "Затем гость посетил парк «Янги Узбекистон», где возложил цветы.", "New Uzbekistan Park"),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), COUNTRIES, ids=[r[0] for r in COUNTRIES])
def test_country_forms(gaz: Gazetteer, lang: str, sentence: str, expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


@pytest.mark.parametrize(("lang", "sentence", "expected"), COMMON_WORDS, ids=[r[0] for r in COMMON_WORDS])
def test_common_word_is_no_town(gaz: Gazetteer, lang: str, sentence: str, expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


@pytest.mark.parametrize(("lang", "sentence", "expected"), NATIONALITY, ids=[r[0] for r in NATIONALITY])
def test_nationality_word_is_no_place(gaz: Gazetteer, lang: str, sentence: str, expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


@pytest.mark.parametrize(("lang", "sentence", "airport"), AIRPORT_OF_CITY, ids=[r[0] for r in AIRPORT_OF_CITY])
def test_airport_of_the_city_of(gaz: Gazetteer, lang: str, sentence: str, airport: str) -> None:
    assert names(gaz, sentence) == [airport]


@pytest.mark.parametrize(("lang", "sentence", "venue"), VENUES, ids=[r[0] for r in VENUES])
def test_venue_names(gaz: Gazetteer, lang: str, sentence: str, venue: str) -> None:
    assert venue in names(gaz, sentence)


def test_dictionary_data_loads_and_tells_places_from_words(gaz: Gazetteer) -> None:
    """morphology.json's "dictionary" entries name an analyser that loads and tags place names."""
    assert gaz.morph.dictionaries
    for dictionary in gaz.morph.dictionaries:
        assert dictionary.place_tags and dictionary.analyser() is not None
        assert dictionary.common("Совета") and not dictionary.common("Москве")
        assert not dictionary.common("Toshkent")      # a word of another script is not its to judge


@pytest.mark.parametrize(("lang", "sentence"), [(r[0], r[1]) for r in COUNTRIES], ids=[r[0] for r in COUNTRIES])
def test_a_sentence_read_again_gives_the_same_mentions(gaz: Gazetteer, lang: str, sentence: str) -> None:
    """find remembers a sentence's mentions; what a caller does with the list it gets does not change them."""
    text = prepare(sentence, SETTINGS.lexicon_dir).norm.text
    first = gaz.find(text)
    first.clear()
    assert gaz.find(text) == gaz.find(text) != []


# a quoted enterprise named after a district of the region named just before it lies in that district
NAMED_AFTER = [
    ("uz-Latn", "Prezident Xorazm viloyatidagi “Yangibozor tekstil” klasteri fabrikasida boʻldi.",
     ["Khorezm Region", "Yangibozor District"]),
    ("uz-Cyrl", "Давлат раҳбари Хоразм вилоятидаги “Янгибозор текстил” кластери фабрикасида бўлди.",
     ["Khorezm Region", "Yangibozor District"]),
    ("en", "The president visited the Khorezm region “Yangibozor Textile” cluster.",
     ["Khorezm Region", "Yangibozor District"]),
    ("uz-Latn-other-region", "Prezident Samarqand viloyatidagi «Yangibozor» korxonasida boʻldi.",
     ["Samarkand Region"]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), NAMED_AFTER, ids=[r[0] for r in NAMED_AFTER])
def test_enterprise_named_after_a_district_of_the_region(gaz: Gazetteer, lang: str, sentence: str,
                                                         expected: list[str]) -> None:
    assert names(gaz, sentence) == expected
