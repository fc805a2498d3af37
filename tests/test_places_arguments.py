"""Places that are not where the event is: a word of a person's name, a natural feature's name."""
from __future__ import annotations

import pytest

from dashboard.places import Gazetteer, load_gazetteer
from dashboard.settings import Settings
from dashboard.text import prepare

SETTINGS = Settings()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(SETTINGS.places_dir)


def names(gaz: Gazetteer, sentence: str) -> list[str]:
    text = prepare(sentence, SETTINGS.lexicon_dir).norm.text
    return [m.place.name for m in gaz.find(text)]


# a town's name that is one word of a capitalised person's name ("Van" in "Vo Van Thuong")
PERSON = [
    ("uz-Latn", "Prezident Vyetnam rahbari Vo Van Tuong bilan Pekinda uchrashdi.", ["Beijing"]),
    ("uz-Cyrl", "Давлатимиз раҳбари Вьетнам президенти Во Ван Тхыонг билан Пекинда учрашув ўтказди.", ["Beijing"]),
    ("ru", "Президент встретился с лидером Вьетнама Во Ван Тхыонгом в Пекине.", ["Beijing"]),
    ("en", "The president met Vietnam's leader Vo Van Thuong in Beijing on Tuesday.", ["Beijing"]),
]

# the same town standing as a place: after a subject's name, before a head word, in a Title Case headline
PLACE = [
    ("uz-Latn", "Delegatsiya ertalab Van shahriga yetib keldi.", ["Van"]),
    ("uz-Cyrl", "Делегация эрталаб Ван шаҳрига етиб келди.", ["Van"]),
    ("ru", "Делегация утром прибыла в город Ван.", ["Van"]),
    ("en", "Turkish And Kazakh Leaders Meet In Van", ["Van"]),
    ("uz-Latn-subject", "Kechqurun Sadir Japarov Bishkekka qaytib keldi.", ["Bishkek"]),
]

# a name that ends in a natural feature's word is that feature, not the town of its first word
FEATURE = [
    ("uz-Latn", "Rahbarlar Orol dengizini qutqarish jamgʻarmasi haqida gapirdi.", []),
    ("uz-Cyrl", "Раҳбарлар Орол денгизини қутқариш жамғармаси ҳақида гапирди.", []),
    ("en", "The leaders spoke about the fund for saving the Aral Sea.", []),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), PERSON, ids=[r[0] for r in PERSON])
def test_word_of_a_person_name_is_no_place(gaz: Gazetteer, lang: str, sentence: str,
                                           expected: list[str]) -> None:
    found = names(gaz, sentence)
    assert "Van" not in found and found[-1:] == expected


@pytest.mark.parametrize(("lang", "sentence", "expected"), PLACE, ids=[r[0] for r in PLACE])
def test_town_standing_as_a_place_is_kept(gaz: Gazetteer, lang: str, sentence: str,
                                          expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


@pytest.mark.parametrize(("lang", "sentence", "expected"), FEATURE, ids=[r[0] for r in FEATURE])
def test_natural_feature_is_no_town(gaz: Gazetteer, lang: str, sentence: str, expected: list[str]) -> None:
    assert names(gaz, sentence) == expected
