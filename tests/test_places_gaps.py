"""Gaps the independent test corpus found in the gazetteer, one table row per rule."""
from __future__ import annotations

import json

import pytest

from dashboard.places import Gazetteer, PlaceContext, load_gazetteer
from dashboard.places.build import Builder
from dashboard.places.model import km
from dashboard.settings import Settings
from dashboard.text import normalize

SETTINGS = Settings()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(SETTINGS.places_dir)


def _ids(gaz: Gazetteer, text: str, context: PlaceContext | None = None) -> list[str]:
    return [m.place.id for m in gaz.find(text, context)]


# 1. a country named with "Respublikasi"/"Республики"/"Republic of" before or after a title is a nationality
NATIONALITY = [
    ("Qirgʻiziston Respublikasi Prezidenti Sadir Japarov ishchi tashrif bilan Oʻzbekistonga keldi.", ["country:UZ"]),
    ("Tojikiston Respublikasi Prezidenti Emomali Rahmon Fargʻonaga keldi.", ["city:1514019"]),
    ("Ozarbayjon Respublikasi Prezidenti Ilhom Aliyev Toshkentga keldi.", ["city:1512569"]),
    ("Президент Кыргызской Республики Садыр Жапаров прибыл в Ташкент.", ["city:1512569"]),
    ("President of the Republic of Tajikistan Emomali Rahmon arrived in Tashkent.", ["city:1512569"]),
    ("Qoraqalpogʻiston Respublikasiga keldi.", ["region:UZ-QR"]),
    ("Делегация прибыла в Кыргызскую Республику.", ["country:KG"]),
]


@pytest.mark.parametrize(("text", "ids"), NATIONALITY,
                         ids=["uz-kg", "uz-tj", "uz-az", "ru-kg", "en-tj", "region-not-titled", "ru-kg-place"])
def test_republic_before_title_is_a_nationality(gaz: Gazetteer, text: str, ids: list[str]) -> None:
    assert _ids(gaz, text) == ids


# 2.-5. venues as Uzbek, Russian and English media write them: (text, surface, id, lat, lon)
VENUES = [
    ("Shundan soʻng Aqoʻrda saroyida marosim boʻldi.", "Aqoʻrda saroyida", "landmark:akorda", 51.1256, 71.4467),
    ("Aqoʻrdada muzokaralar oʻtkazildi.", "Aqoʻrdada", "landmark:akorda", 51.1256, 71.4467),
    ("Prezidentimiz “Otan qorgʻaushylar” – Vatan himoyachilari monumentiga gul qoʻydi.", "Otan qorgʻaushylar",
     "landmark:otan-qorgaushylar", 51.1534, 71.4579),
    ("Beshtepa majmuasida muzokaralar boʻldi.", "Beshtepa majmuasida", "landmark:turkey-presidential-complex",
     39.931, 32.799),
    ("Buyuk Xalq zalida uchrashuv boʻldi.", "Buyuk Xalq zalida", "landmark:great-hall-of-the-people",
     39.903, 116.388),
    ("Dushanbedagi Xalqlar saroyida sammit boʻldi.", "Dushanbedagi Xalqlar saroyida",
     "landmark:palace-of-nations-dushanbe", 38.5781, 68.7802),
    ("Переговоры прошли в Большом Кремлевском дворце.", "Большом Кремлевском дворце",
     "landmark:grand-kremlin-palace", 55.752, 37.6175),
    ("Он возложил венок к Могиле Неизвестного Солдата.", "Могиле Неизвестного Солдата",
     "landmark:unknown-soldier-moscow", 55.7545, 37.616),
    ("Прогулка в Александровском саду.", "Александровском саду", "landmark:alexander-garden", 55.7527, 37.6149),
    ("Лидеры встретились в Константиновском дворце.", "Константиновском дворце",
     "landmark:konstantinovsky-palace", 59.8553, 30.0625),
    ("Церемония в государственной резиденции «Ала-Арча».", "государственной резиденции «Ала-Арча", "landmark:ala-archa-residence",
     42.7919, 74.5811),
    ("Главы возложили цветы к памятнику Манасу Великодушному на площади Ала-Тоо.", "памятнику Манасу Великодушному",
     "landmark:manas-monument-bishkek", 42.8765, 74.6036),
    ("He laid flowers at the Independence Monument in New Uzbekistan Park.", "Independence Monument",
     "landmark:independence-monument-tashkent", 41.3289, 69.4392),
    ("Nursulton Nazarboyev nomidagi xalqaro aeroportda kutib oldi.",
     "Nursulton Nazarboyev nomidagi xalqaro aeroportda", "airport:NQZ", 51.0222, 71.4669),
    ("Islom Karimov nomidagi Toshkent xalqaro aeroportida kutib oldi.",
     "Islom Karimov nomidagi Toshkent xalqaro aeroportida", "airport:TAS", 41.2579, 69.2812),
    ("В аэропорту имени Нурсултана Назарбаева его встретил Токаев.", "аэропорту имени Нурсултана Назарбаева",
     "airport:NQZ", 51.0222, 71.4669),
    ("He landed at Heydar Aliyev International Airport.", "Heydar Aliyev International Airport", "airport:GYD",
     40.4675, 50.0467),
    ("В аэропорту «Внуково» его проводили.", "аэропорту «Внуково", "airport:VKO", 55.5915, 37.2615),
    ("Samolyot Sheremetyevoga qoʻndi.", "Sheremetyevoga", "airport:SVO", 55.97, 37.41),
]


@pytest.mark.parametrize(("text", "surface", "place_id", "lat", "lon"), VENUES,
                         ids=["aqorda-saroyi", "aqordada", "otan-qorgaushylar", "beshtepa", "buyuk-xalq-zali",
                              "xalqlar-saroyi", "ru-grand-kremlin", "ru-unknown-soldier", "ru-alexander-garden",
                              "ru-konstantinovsky", "ru-ala-archa", "ru-manas-monument", "en-independence-monument",
                              "uz-nomidagi-aeroport", "uz-nomidagi-city-aeroport", "ru-aeroport-imeni",
                              "en-named-airport", "ru-vnukovo", "uz-bare-sheremetyevo"])
def test_venue_spellings(gaz: Gazetteer, text: str, surface: str, place_id: str, lat: float, lon: float) -> None:
    m = gaz.locate(text)
    assert m is not None and (m.surface, m.place.id) == (surface, place_id)
    assert km(m.place.lat, m.place.lon, lat, lon) <= 3


# 4. a bare airport name that is also a hero, a person or a word needs an airport word next to it
@pytest.mark.parametrize(("text", "airport"), [
    ("Главы возложили цветы к памятнику Манасу.", None),
    ("Манас — герой киргизского эпоса.", None),
    ("Islom Karimov xotirasiga hurmat bajo keltirildi.", None),
    ("Heydar Aliyev merosi haqida gapirdi.", None),
    ("Prezident “Manas” aeroportida kutib olindi.", "airport:FRU"),
    ("Самолет приземлился в международном аэропорту «Манас».", "airport:FRU"),
    ("Вечером он вылетел из аэропорта «Манас» в Ташкент.", "airport:FRU"),
], ids=["ru-hero-monument", "ru-hero", "uz-person", "uz-person-az", "uz-airport", "ru-airport", "ru-from-airport"])
def test_bare_airport_name_needs_airport_word(gaz: Gazetteer, text: str, airport: str | None) -> None:
    airports = [i for i in _ids(gaz, text) if i.startswith("airport:")]
    assert airports == ([airport] if airport else [])


# 6. valleys, rivers, seas and brands are not places
@pytest.mark.parametrize("text", [
    "Fargʻona vodiysidagi hamkorlik masalalari muhokama qilindi.",
    "Sirdaryo daryosi boʻyida suv masalalari.",
    "«Made in Uzbekistan» brendi ostida.",
    "Products labelled Made in Uzbekistan sold well.",
    "Сотрудничество в Ферганской долине.",
    "Cooperation in the Fergana Valley was discussed.",
], ids=["uz-valley", "uz-river", "uz-brand", "en-made-in", "ru-valley", "en-valley"])
def test_valleys_rivers_and_brands_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert gaz.find(text) == []


# 7. "X tumani": every Uzbek settlement can be a district centre, spelled as Uzbek media spell it
DISTRICTS = [
    ("Uchqoʻrgʻon", 41.114, 72.079), ("Rishton", 40.357, 71.285), ("Jondor", 39.73, 64.18),
    ("Qorakoʻl", 39.50, 63.85), ("Shofirkon", 40.12, 64.50), ("Vobkent", 40.03, 64.52), ("Kogon", 39.72, 64.55),
    ("Baliqchi", 40.90, 71.85), ("Konimex", 40.28, 65.15), ("Gʻijduvon", 40.10, 64.68), ("Romitan", 39.93, 64.38),
    ("Bagʻdod", 40.46, 71.22), ("Paxtaobod", 40.93, 72.50), ("Boʻstonliq", 41.558, 69.771), ("Narpay", 39.92, 65.93),
]


@pytest.mark.parametrize(("name", "lat", "lon"), DISTRICTS, ids=[d[0] for d in DISTRICTS])
def test_uzbek_district_names(gaz: Gazetteer, name: str, lat: float, lon: float) -> None:
    m = gaz.locate(f"Prezidentlar {name} tumanidagi korxonaga bordi.")
    assert m is not None and m.place.kind == "district" and m.place.country == "UZ"
    assert km(m.place.lat, m.place.lon, lat, lon) <= 40
    assert "Shahri" not in m.place.name and "ŭ" not in m.place.name


def test_district_head_never_picks_another_continent(gaz: Gazetteer) -> None:
    for name in ("Paxtachi", "Bogʻot", "Boston"):
        m = gaz.locate(f"{name} tumanida boʻldi.")
        assert m is None or m.place.country in ("UZ", "KZ", "KG", "TJ", "TM", "AF"), name


# 3. a small far-away namesake loses to the story's context
def test_far_small_namesake_is_dropped_in_context(gaz: Gazetteer) -> None:
    moscow = gaz.locate("Визит в Москву.")
    assert moscow is not None
    text = "Встреча прошла в Александровске."
    assert _ids(gaz, text) == ["city:583041"]                        # no context: the town it names
    assert _ids(gaz, text, PlaceContext(city=moscow.place, country="RU")) == []
    samarkand = gaz.locate("Samarqandga keldi.")
    assert _ids(gaz, "Keyin Nukusga uchdi.", PlaceContext(city=samarkand.place, country="UZ")) != []


# 8./9. map points: residences at their published coordinates, Tashkent at its centre
@pytest.mark.parametrize(("place_id", "lat", "lon", "tol"), [
    ("landmark:kuksaroy", 41.3583, 69.4058, 1.0),
    ("landmark:new-uzbekistan-park", 41.3289, 69.4392, 1.0),
    ("landmark:oqsaroy", 41.3083, 69.2599, 1.0),
    ("city:1512569", 41.3111, 69.2797, 1.0),
    ("country:UZ", 41.3111, 69.2797, 1.0),
], ids=["kuksaroy", "new-uzbekistan-park", "oqsaroy", "tashkent-centre", "uzbekistan-capital"])
def test_map_points(gaz: Gazetteer, place_id: str, lat: float, lon: float, tol: float) -> None:
    p = gaz.get(place_id)
    assert p is not None and km(p.lat, p.lon, lat, lon) <= tol


@pytest.mark.parametrize(("name", "form"), [
    ("Большой Кремлёвский дворец", "Большом Кремлёвском дворце"),
    ("Александровский сад", "Александровском саду"),
    ("Могила Неизвестного Солдата", "Могиле Неизвестного Солдата"),
    ("Кыргызская Республика", "Кыргызской Республики"),
    ("Красная площадь", "Красной площади"),
    ("государственная резиденция «Ала-Арча»", "государственной резиденции «Ала-Арча»"),
], ids=["adj-adj-noun", "locative-u", "genitive-complement", "feminine", "soft-feminine", "quoted-name"])
def test_declension_generates_oblique_cases(name: str, form: str) -> None:
    b = Builder(SETTINGS.places_dir, None)
    assert form in b.forms(name)
    assert b.forms("Andijan Region") == []


def test_corpus_sentences_converted_from_2026_latin(gaz: Gazetteer) -> None:
    scripts = json.loads((SETTINGS.lexicon_dir / "scripts.json").read_text(encoding="utf-8"))
    norm = normalize("Kun ikkinçi yarmida prezidentlar Uçqörğon tumanidagi çegara savdo zonasini oçdi.",
                     scripts["uz"]["Latn2026"])
    m = gaz.locate(norm.text)
    assert m is not None and m.place.kind == "district" and km(m.place.lat, m.place.lon, 41.1137, 72.0792) < 10
