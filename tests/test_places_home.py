"""A traveller's home and the capital: a departure that names only where the traveller goes leaves from the
capital of the country his title names; "the capital's airport" is the airport of the capital of the country
the story is in. Sentences of the project's own writing."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import extract_events
from dashboard.places import Gazetteer, PlaceContext, load_gazetteer
from dashboard.places.capitals import capital
from dashboard.settings import Settings
from dashboard.text import prepare

SETTINGS = Settings()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(SETTINGS.places_dir)


def departure_place(text: str) -> str | None:
    frame = extract_events(text, published="2025-03-04")
    rows = frame[frame["kind"] == "departure"]
    return None if rows.empty or pd.isna(rows.iloc[0]["place"]) else str(rows.iloc[0]["place"])


# sets out on a visit abroad: the departure is at home (the capital of the country the title names)
SETS_OUT = [
    ("uz-Latn", "Bugun Qirgʻiziston Prezidenti rasmiy tashrif bilan Ozarbayjonga jo‘nab ketdi. "
                "Boku aeroportida uni Bosh vazir kutib oldi.", "Bishkek"),
    ("uz-Cyrl", "Бугун Қирғизистон Президенти расмий ташриф билан Озарбайжонга жўнаб кетди. "
                "Боку аэропортида уни Бош вазир кутиб олди.", "Bishkek"),
    ("ru", "Сегодня президент Туркменистана отбыл с официальным визитом в Азербайджан. "
           "В аэропорту Баку его встретил премьер-министр.", "Ashgabat"),
    ("en", "Today, the President of Kyrgyzstan left on an official visit to the Republic of Azerbaijan. "
           "On arrival at Baku airport he was met by the Prime Minister.", "Bishkek"),
    ("ru-domestic", "Сегодня президент Туркменистана отбыл с рабочим визитом в Балканский велаят.", "Ashgabat"),
]

# the end of a visit abroad, or a trip home: the departure is not at the traveller's home
NOT_HOME = [
    ("uz-Latn", "Qirgʻiziston Prezidenti Ozarbayjonga rasmiy tashrifini yakunlab, Boku aeroportidan "
                "jo‘nab ketdi.", "Bishkek"),
    ("ru", "Завершив официальный визит в Азербайджан, президент Туркменистана отбыл на родину.", "Ashgabat"),
    ("en", "Having completed his official visit to Azerbaijan, the President of Kyrgyzstan left for home.",
     "Bishkek"),
    ("en-home", "The President of Kyrgyzstan left on a working visit to Bishkek's new airport.", "Bishkek"),
    ("ru-home", "Президент Туркменистана отбыл с рабочим визитом в Ашхабад.", "Ashgabat"),
]


@pytest.mark.parametrize(("lang", "text", "home"), SETS_OUT, ids=[r[0] for r in SETS_OUT])
def test_setting_out_on_a_visit_leaves_from_home(lang: str, text: str, home: str) -> None:
    assert departure_place(text) == home


@pytest.mark.parametrize(("lang", "text", "home"), NOT_HOME, ids=[r[0] for r in NOT_HOME])
def test_leaving_at_the_end_of_a_visit_is_not_from_home(lang: str, text: str, home: str) -> None:
    assert departure_place(text) != home


# a country as a nationality with a title: whose, not where
NATIONALS = [
    ("uz-Latn", "Turkmaniston Prezidenti Qozogʻistonga jo‘nab ketdi.", ["TM"]),
    ("uz-Cyrl", "Туркманистон Президенти Қозоғистонга жўнаб кетди.", ["TM"]),
    ("ru", "Президент Туркменистана отбыл в Казахстан.", ["TM"]),
    ("en", "The President of Turkmenistan left for Kazakhstan.", ["TM"]),
    ("en-none", "The delegation left for Kazakhstan.", []),
]


@pytest.mark.parametrize(("lang", "sentence", "countries"), NATIONALS, ids=[r[0] for r in NATIONALS])
def test_nationality_with_a_title(gaz: Gazetteer, lang: str, sentence: str, countries: list[str]) -> None:
    text = prepare(sentence, SETTINGS.lexicon_dir).norm.text
    assert [m.place.country for m in gaz.nationals(text)] == countries


# "the capital's airport": the airport of the capital of the country the story is in (here Türkiye)
CAPITAL_AIRPORT = [
    ("uz-Latn", "Poytaxt aeroportida mehmonni vazir kutib oldi."),
    ("uz-Cyrl", "Пойтахт аэропортида олий мартабали меҳмонни бош вазир ўринбосари кутиб олди."),
    ("ru", "В столичном аэропорту гостя встретил министр."),
    ("en", "At the capital's airport the guest was met by the minister."),
]


@pytest.mark.parametrize(("lang", "sentence"), CAPITAL_AIRPORT, ids=[r[0] for r in CAPITAL_AIRPORT])
def test_the_capitals_airport(gaz: Gazetteer, lang: str, sentence: str) -> None:
    text = prepare(sentence, SETTINGS.lexicon_dir).norm.text
    here = gaz.find(text, PlaceContext(country="TR"))
    elsewhere = gaz.find(text, PlaceContext(country="KZ"))
    assert [m.place.city for m in here] == ["Ankara"] and [m.place.city for m in elsewhere] == ["Astana"]


@pytest.mark.parametrize("country", ["TR", "KZ"])
def test_the_named_capitals_airport(gaz: Gazetteer, country: str) -> None:
    """"the airport of the Turkish capital" is Ankara's, whatever country the story is in."""
    text = prepare("В аэропорту турецкой столицы гостя встретил министр.", SETTINGS.lexicon_dir).norm.text
    found = gaz.find(text, PlaceContext(country=country))
    assert [(m.place.kind, m.place.city) for m in found] == [("airport", "Ankara"), ("city", "Ankara")]


@pytest.mark.parametrize(("country", "city"), [("UZ", "Tashkent"), ("TR", "Ankara"), ("KZ", "Astana"),
                                               ("TM", "Ashgabat")])
def test_capital_of_a_country(gaz: Gazetteer, country: str, city: str) -> None:
    found = capital(gaz.index, country)
    assert found is not None and found.name == city


# a country named with a "capital" word next to it is its capital city; the country alone stays a country
CAPITAL_OF = [
    ("uz-Latn", "Prezident Qozogʻiston poytaxtiga yetib keldi.", ["Astana"]),
    ("uz-Cyrl", "Президент Қозоғистон пойтахтига етиб келди ва меҳмонларни қутлади.", ["Astana"]),
    ("ru", "Президент прибыл в столицу Казахстана.", ["Astana"]),
    ("en", "The president arrived in the capital of Kazakhstan.", ["Astana"]),
    ("ru-country", "Президент прибыл в Казахстан.", ["Kazakhstan"]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), CAPITAL_OF, ids=[r[0] for r in CAPITAL_OF])
def test_the_capital_of_a_country(gaz: Gazetteer, lang: str, sentence: str, expected: list[str]) -> None:
    text = prepare(sentence, SETTINGS.lexicon_dir).norm.text
    assert [m.place.name for m in gaz.find(text)] == expected


# a nationality adjective next to a "capital" word names that country's capital (nationalities.csv)
NATIONALITY_CAPITAL = [
    ("uz-Latn", "Prezident turk poytaxtiga yetib keldi.", ["Ankara"]),
    ("uz-Cyrl", "Президент турк пойтахтига етиб келди ва меҳмонларни қутлади.", ["Ankara"]),
    ("ru", "Президент прибыл в казахстанскую столицу.", ["Astana"]),
    ("en", "The president arrived in the Kazakh capital on Monday.", ["Astana"]),
    ("en-no-capital", "The Kazakh delegation met in Tashkent.", ["Tashkent"]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), NATIONALITY_CAPITAL,
                         ids=[r[0] for r in NATIONALITY_CAPITAL])
def test_the_nationality_capital(gaz: Gazetteer, lang: str, sentence: str, expected: list[str]) -> None:
    text = prepare(sentence, SETTINGS.lexicon_dir).norm.text
    assert [m.place.name for m in gaz.find(text)] == expected


def test_every_nationality_names_a_country_with_a_capital(gaz: Gazetteer) -> None:
    """nationalities.csv is checked against the index: each country is there and has a capital."""
    assert gaz.nationalities
    missing = {c for c in gaz.nationalities.values() if capital(gaz.index, c) is None}
    assert not missing
