"""A district or region told by its head word: in Russian as an adjective before it ("в Ургутском
районе": the adjective's stem is the name, dashboard/places/adjectival.py, morphology.json's "adjectival"
table), in Uzbek after the name in either script ("Urgut tumanida", "Ургут туманида"). Sentences of the
project's own writing."""
from __future__ import annotations

import json

import pytest

from dashboard.places import Gazetteer
from dashboard.places.morphology import MORPHOLOGY_FILE
from tests.test_places_arguments import SETTINGS, gaz, names

__all__ = ["gaz"]

# the district or region named by an adjective in Russian, by a head word in the other languages
HEADED = [
    ("uz-Latn-district", "Prezident Urgut tumanidagi to‘qimachilik fabrikasini ko‘zdan kechirdi.", ["Urgut District"]),
    ("uz-Cyrl-district", "Президент Ургут туманидаги тўқимачилик фабрикасини кўздан кечирди.", ["Urgut District"]),
    ("uz-Cyrl-region", "Меҳмонлар кеча Хоразм вилоятига етиб келди.", ["Khorezm Region"]),
    ("ru-district-prep", "Президент осмотрел текстильную фабрику в Ургутском районе.", ["Urgut District"]),
    ("ru-district-gen", "Жители Паркентского района встретили гостя у въезда в посёлок.", ["Parkent District"]),
    ("ru-district-nom", "Кибрайский район стал площадкой для новой теплицы.", ["Qibray District"]),
    ("ru-district-then-region", "Гость побывал в Шахрисабзском районе Кашкадарьинской области.",
     ["Shahrisabz District", "Kashkadarya Region"]),
    ("ru-region-repair-a", "Делегация провела день в Ферганской области.", ["Fergana Region"]),
    ("ru-region-repair-in", "Президент прибыл в Сурхандарьинскую область.", ["Surxondaryo Region"]),
    ("en-district", "The president toured a textile mill in Urgut district.", ["Urgut District"]),
]

# an adjective with no district or region word after it tells whose, not where
NOT_HEADED = [
    ("ru-delegation", "Ургутская делегация прибыла на выставку ремёсел.", []),
    ("ru-nationality", "Казахстанская сторона предложила новый маршрут.", []),
    ("ru-unknown-name", "Школа открылась в Тестовском районе.", []),
    ("uz-Latn-nationality", "Qozog‘iston tomoni yangi yo‘nalishni taklif qildi.", []),
    ("en-nationality", "The Kazakh side proposed a new route.", []),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), HEADED, ids=[r[0] for r in HEADED])
def test_adjective_before_head_is_the_place(gaz: Gazetteer, lang: str, sentence: str,
                                            expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


@pytest.mark.parametrize(("lang", "sentence", "expected"), NOT_HEADED, ids=[r[0] for r in NOT_HEADED])
def test_adjective_alone_is_no_place(gaz: Gazetteer, lang: str, sentence: str, expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


def test_adjectival_endings_are_declined_adjectives() -> None:
    """Each ending of the "adjectival" table is a form of an adjective of the same language's declension
    table, so the two tables cannot drift apart."""
    data = json.loads((SETTINGS.places_dir / MORPHOLOGY_FILE).read_text(encoding="utf-8"))
    for lang, table in data["languages"].items():
        if "adjectival" not in table:
            continue
        declined = {form for nom, forms in table["declension"]["adjectives"].items() for form in [nom, *forms]}
        declined |= {nom[:-2] + f for nom in table["declension"]["adjectives"]
                     for f in ("ая", "ой", "ую")}
        assert table["adjectival"]["endings"], lang
        missing = [e for e in table["adjectival"]["endings"] if e not in declined]
        assert not missing, (lang, missing)
