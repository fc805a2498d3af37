"""Gazetteer and geocoder: surface forms to places, and the disambiguation rules."""
from __future__ import annotations

import json

import pytest

from dashboard.extract.segments import Sentence
from dashboard.places import Gazetteer, PlaceContext, load_gazetteer
from dashboard.places.index import name_prefixes
from dashboard.places.model import km
from dashboard.settings import Settings
from dashboard.text import normalize

SETTINGS = Settings()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(SETTINGS.places_dir)


def _table(script: str) -> dict:
    scripts = json.loads((SETTINGS.lexicon_dir / "scripts.json").read_text(encoding="utf-8"))
    return scripts["uz"][script]


# (sentence, expected place id of locate(), lat, lon, tolerance km)
LOCATE = [
    ("Urganch xalqaro aeroportida Qasim-Jomart Toqaevni Shavkat Mirziyoev kutib oldi.",
     "airport:UGC", 41.5843, 60.6417, 5),
    ("Dastlab ikki davlat rahbarlari Xiva shahridagi “Xiva gilamlari” kombinatiga tashrif buyurdilar.",
     "landmark:xiva-gilamlari", 41.3783, 60.3639, 6),
    ("Soʻngra Xivada norasmiy uchrashuv boʻlib oʻtdi.", "city:1513604", 41.3783, 60.3639, 6),
    ("qadimgi Xivaning Ichan-qalʼa majmuasi tarixiy obidalari va Nurillaboy saroyini ziyorat qildi.",
     "landmark:ichan-qala", 41.3786, 60.3592, 3),
    ("Samarqand xalqaro aeroportida oliy martabali mehmonni Oʻzbekiston Bosh vaziri Abdulla Aripov kutib oldi.",
     "airport:SKD", 39.7005, 66.9838, 6),
    ("Turkiya rahbari Hazrati Xizr majmuasidagi Islom Karimov maqbarasini ziyorat qilib",
     "landmark:hazrati-xizr", 39.6630, 66.9880, 4),
    ("Kechqurun Erdoʻgʻan \"Boqiy shahar\" majmuasida Shavkat Mirziyoyev bilan uchrashdi.",
     "landmark:boqiy-shahar", 39.6542, 66.9597, 10),
    ("\"Silk Road Samarkand\" majmuasidagi Kongress markazida boʻlib oʻtgan ShHT davlat rahbarlari kengashi "
     "majlisida", "landmark:silk-road-samarkand", 39.6542, 66.9597, 10),
    ("Buxoro xalqaro aeroportida mehmonni Oʻzbekiston Prezidenti Shavkat Mirziyoyev kutib oldi.",
     "airport:BHK", 39.7750, 64.4833, 6),
    ("Davlat rahbarlari avval Ark qalʼasini va Poyi Kalon majmuasini ziyorat qildilar.",
     "landmark:ark-bukhara", 39.7779, 64.4103, 3),
    ("Shundan soʻng prezidentlar Buxoro shahridagi toʻqimachilik klasteri korxonasiga borib",
     "city:1217662", 39.7747, 64.4286, 10),
    ("Kechqurun Urganch xalqaro aeroportida Shavkat Mirziyoyev oliy martabali mehmonni kuzatib qoʻydi.",
     "airport:UGC", 41.5843, 60.6417, 5),
    ("Oʻzbekiston Prezidenti Shavkat Mirziyoyev bugun Xorazm viloyatida boʻldi.",
     "region:UZ-XO", 41.55, 60.63, 10),
    ("Qozogʻiston prezidenti Qasim-Jomart Toqaev 5 aprelʼ kuni tashrif bilan Oʻzbekistonga keldi.",
     "country:UZ", 41.26, 69.22, 30),
]


@pytest.mark.parametrize(("sentence", "place_id", "lat", "lon", "tol"), LOCATE,
                         ids=[row[1] + f"-{i}" for i, row in enumerate(LOCATE)])
def test_locate_issue_sentences(gaz: Gazetteer, sentence: str, place_id: str, lat: float, lon: float,
                                tol: float) -> None:
    m = gaz.locate(sentence)
    assert m is not None
    assert m.place.id == place_id
    assert km(m.place.lat, m.place.lon, lat, lon) <= tol
    assert sentence[m.start:m.end] == m.surface


# (text, surface expected among find()'s mentions, expected id, expected kind)
FIND = [
    ("Mehmon Toshkentga keldi.", "Toshkentga", "city:1512569", "city"),
    ("Muzokaralar Toshkentda boʻldi.", "Toshkentda", "city:1512569", "city"),
    ("Samarqanddan keyin", "Samarqanddan", "city:1216265", "city"),
    ("Xivaning tarixi", "Xivaning", "city:1513604", "city"),
    ("Buxoro viloyatiga tashrif", "Buxoro viloyatiga", "region:UZ-BU", "region"),
    ("Qashqadaryo viloyatidagi korxona", "Qashqadaryo viloyatidagi", "region:UZ-QA", "region"),
    ("Qoraqalpogʻiston Respublikasiga keldi", "Qoraqalpogʻiston Respublikasiga", "region:UZ-QR", "region"),
    ("Urganch tumanidagi maktab", "Urganch tumanidagi", "district:1512473", "district"),
    ("Toshkent xalqaro aeroportida kutib olindi", "Toshkent xalqaro aeroportida", "airport:TAS", "airport"),
    ("Navoiy xalqaro aeroportidan uchib ketdi", "Navoiy xalqaro aeroportidan", "airport:NVI", "airport"),
    ("Nukus aeroportida", "Nukus aeroportida", "airport:NCU", "airport"),
    ("Termiz xalqaro aeroportiga", "Termiz xalqaro aeroportiga", "airport:TMJ", "airport"),
    ("Qarshi aeroportida", "Qarshi aeroportida", "airport:KSQ", "airport"),
    ("Fargʻona xalqaro aeroportida", "Fargʻona xalqaro aeroportida", "airport:FEG", "airport"),
    ("Namangan aeroportida", "Namangan aeroportida", "airport:NMA", "airport"),
    ("Andijon xalqaro aeroportida", "Andijon xalqaro aeroportida", "airport:AZN", "airport"),
    ("Prezident “Manas” aeroportida kutib olindi", "Manas” aeroportida", "airport:FRU", "airport"),
    ("Mehmon Pulkovo aeroportiga keldi", "Pulkovo aeroportiga", "airport:LED", "airport"),
    ("Samolyot Pulkovo ga qoʻndi", "Pulkovo", "airport:LED", "airport"),
    ("Prezidentlar Konstantinovskiy saroyida uchrashdi", "Konstantinovskiy saroyida",
     "landmark:konstantinovsky-palace", "landmark"),
    ("Registonda konsert boʻldi", "Registonda", "landmark:registan", "landmark"),
    ("Goʻri Amir maqbarasini ziyorat qildi", "Goʻri Amir maqbarasini", "landmark:gur-e-amir", "landmark"),
    ("Koʻksaroy qarorgohida muzokaralar", "Koʻksaroy qarorgohida", "landmark:kuksaroy", "landmark"),
    ("Mustaqillik maydonida gulchambar qoʻydi", "Mustaqillik maydonida", "landmark:mustaqillik-square", "landmark"),
    ("Yangi Oʻzbekiston bogʻida", "Yangi Oʻzbekiston bogʻida", "landmark:new-uzbekistan-park", "landmark"),
    ("Akordada uchrashuv", "Akordada", "landmark:akorda", "landmark"),
    ("Ala-Too maydonida", "Ala-Too maydonida", "landmark:ala-too-square", "landmark"),
    ("Millat saroyida", "Millat saroyida", "landmark:palace-of-nations-dushanbe", "landmark"),
    ("Kremlda muzokaralar", "Kremlda", "landmark:kremlin", "landmark"),
    ("Dolmabaxche saroyida", "Dolmabaxche saroyida", "landmark:dolmabahce", "landmark"),
    ("Turkiyaga tashrif", "Turkiyaga", "country:TR", "country"),
    ("Qozogʻistonga keldi", "Qozogʻistonga", "country:KZ", "country"),
    ("Oʻzbekistondan", "Oʻzbekistondan", "country:UZ", "country"),
    # Russian stays Cyrillic
    ("Переговоры прошли в Ташкенте.", "Ташкенте", "city:1512569", "city"),
    ("Он прибыл из Ташкента.", "Ташкента", "city:1512569", "city"),
    ("Встреча в Москве.", "Москве", "city:524901", "city"),
    ("Переговоры в Кремле.", "Кремле", "landmark:kremlin", "landmark"),
    ("В аэропорту «Манас» его встретил премьер.", "аэропорту «Манас", "airport:FRU", "airport"),
    ("Лидеры встретились в Константиновском дворце.", "Константиновском дворце",
     "landmark:konstantinovsky-palace", "landmark"),
    ("Визит в Хорезмскую область", "Хорезмскую область", "region:UZ-XO", "region"),
    # English
    ("Talks were held at the Great Hall of the People.", "Great Hall of the People",
     "landmark:great-hall-of-the-people", "landmark"),
    ("He landed at Urgench International Airport.", "Urgench International Airport", "airport:UGC", "airport"),
    # a curated venue's long name is found in lower case too; word order of a translation
    ("The guest laid flowers at a monument to Uzbekistan's independence.",
     "monument to Uzbekistan's independence", "landmark:independence-monument-tashkent", "landmark"),
    ("Выставка открылась в ГМИИ имени А.С.Пушкина вчера.", "ГМИИ имени А.С.Пушкина", "landmark:pushkin-museum",
     "landmark"),
    ("Гости осмотрели ГМИИ им. Пушкина.", "ГМИИ им. Пушкина", "landmark:pushkin-museum", "landmark"),
    ("The guests walked in the Park “New Uzbekistan” at noon.", "Park “New Uzbekistan",
     "landmark:new-uzbekistan-park", "landmark"),
]


@pytest.mark.parametrize(("text", "surface", "place_id", "kind"), FIND, ids=[r[0][:40] for r in FIND])
def test_find_surface_forms(gaz: Gazetteer, text: str, surface: str, place_id: str, kind: str) -> None:
    found = {(m.surface, m.place.id, m.place.kind) for m in gaz.find(text)}
    assert (surface, place_id, kind) in found


CONVERTED = [
    ("Cyrl", "Президентлар бугун Хоразм вилоятида бўлди.", "region:UZ-XO"),
    ("Cyrl", "Кечқурун Урганч халқаро аэропортида меҳмонни кузатиб қўйди.", "airport:UGC"),
    ("Cyrl", "Президентлар Ичан-қалъа мажмуасининг тарихий обидаларини айланиб чиқди.", "landmark:ichan-qala"),
    ("Cyrl", "Дастлаб давлат раҳбарлари “Хива гиламлари” комбинатига бориб", "landmark:xiva-gilamlari"),
    ("Cyrl", "Шундан сўнг Хива шаҳрида норасмий музокаралар ўтказилди.", "city:1513604"),
    ("Latn2026", "Şundan söng prezidentlar Buxoro şahridagi töqimaçilik klasteri korxonasiga borib",
     "city:1217662"),
    ("Latn2026", "14 oktyabr kuni Turkmaniston Prezidenti Serdar Berdimuhamedov işçi taşrif bilan Özbekistonga keldi.",
     "country:UZ"),
    ("Latn2026", "Buxoro xalqaro aeroportida mehmonni Özbekiston Prezidenti Şavkat Mirziyoyev kutib oldi.",
     "airport:BHK"),
]


@pytest.mark.parametrize(("script", "original", "place_id"), CONVERTED, ids=[r[2] + "-" + r[0] for r in CONVERTED])
def test_locate_converted_text(gaz: Gazetteer, script: str, original: str, place_id: str) -> None:
    norm = normalize(original, _table(script))
    m = gaz.locate(norm.text)
    assert m is not None and m.place.id == place_id
    assert norm.text[m.start:m.end] == m.surface


def test_named_airport_is_not_the_city(gaz: Gazetteer) -> None:
    m = gaz.locate("Samarqand xalqaro aeroportida kutib olindi.")
    assert m is not None and m.place.kind == "airport" and m.place.precision == "exact"
    city = gaz.locate("Samarqandga keldi.")
    assert city is not None and city.place.kind == "city"
    assert km(m.place.lat, m.place.lon, city.place.lat, city.place.lon) > 3


def test_manas_airport_is_far_from_bishkek(gaz: Gazetteer) -> None:
    m = gaz.locate("“Manas” aeroportida kutib olindi.")
    bishkek = gaz.locate("Bishkekka keldi.")
    assert m is not None and bishkek is not None
    assert m.place.id == "airport:FRU" and 15 < km(m.place.lat, m.place.lon, bishkek.place.lat,
                                                     bishkek.place.lon) < 35


def test_bare_airport_uses_context_city(gaz: Gazetteer) -> None:
    assert gaz.locate("Mehmonni aeroportida kuzatib qoʻydi.") is None
    khiva = gaz.get("city:1513604")
    urgench = gaz.locate("Urganchga keldi.")
    assert khiva is not None and urgench is not None
    m = gaz.locate("Mehmonni aeroportda kuzatib qoʻydi.", PlaceContext(city=urgench.place, country="UZ"))
    assert m is not None and m.place.id == "airport:UGC" and m.surface == "aeroportda"
    m = gaz.locate("Mehmon Xivaga keldi, keyin aeroportga qaytdi.")
    assert m is not None and m.place.id == "airport:UGC"


def test_a_text_found_again_in_another_context_is_resolved_anew(gaz: Gazetteer) -> None:
    """A text's words and names are read once (``Gazetteer._scan``); each context chooses its places."""
    text = "Mehmonni aeroportda kuzatib qoʻydi."
    urgench = gaz.locate("Urganchga keldi.")
    assert urgench is not None
    assert gaz.locate(text) is None
    m = gaz.locate(text, PlaceContext(city=urgench.place, country="UZ"))
    assert m is not None and m.place.id == "airport:UGC"
    assert gaz.locate(text) is None


def test_a_sentences_own_words_are_what_the_gazetteer_reads(gaz: Gazetteer) -> None:
    """``find(text, ctx, words)`` reads the words it is given (a sentence's own list, which the people finder
    shares) instead of making them, and only when the text is new to it."""
    fresh = Gazetteer(gaz.index, gaz.morph, gaz.prior, gaz.nationalities)     # nothing remembered yet
    s = Sentence(0, 0, 0, "Prezident Xiva va Urganch shaharlariga keldi.", "", 0, "body")
    asked = []

    def words() -> list:
        asked.append(1)
        return s.words()

    found = fresh.find(s.text, None, words)
    assert [m.surface for m in found] == [m.surface for m in gaz.find(s.text)] == ["Xiva", "Urganch shaharlariga"]
    assert fresh.find(s.text, None, words) == found and asked == [1]      # remembered: not asked again
    assert fresh.find(s.text + " ", None, list) == []        # the words given are the words read: none here


def test_a_word_met_in_lower_case_first_is_still_a_name_when_capitalised(gaz: Gazetteer) -> None:
    """Whether a capitalised word starts nothing is worked out the first time it is met capitalised."""
    fresh = Gazetteer(gaz.index, gaz.morph, gaz.prior, gaz.nationalities)     # nothing remembered yet
    assert fresh.find("mehmonlar nukusga va qarshiga uchdi.") == []
    found = fresh.find("Mehmonlar Nukusga va Qarshiga uchdi.")
    assert [(m.surface, m.place.name) for m in found] == [("Nukusga", "Nukus"), ("Qarshiga", "Karshi")]


def test_generic_venue_in_city_is_the_city(gaz: Gazetteer) -> None:
    m = gaz.locate("Prezidentlar Namangan shahridagi toʻqimachilik korxonasiga bordi.")
    assert m is not None and m.place.kind == "city" and m.place.precision == "city"
    assert m.place.name == "Namangan" and m.place.city == "Namangan" and m.place.region == "Namangan Region"


@pytest.mark.parametrize("sentence", [
    "Qozogʻiston prezidenti Toshkentga keldi.",
    "Turkiya Prezidenti Samarqandga keldi.",
    "Oʻzbekiston Bosh vaziri Samarqandda kutib oldi.",
    "Президент Казахстана прибыл в Ташкент.",
], ids=["uz-prezidenti", "uz-Prezidenti", "uz-bosh-vaziri", "ru-prezident"])
def test_nationality_before_title_is_not_a_place(gaz: Gazetteer, sentence: str) -> None:
    kinds = [m.place.kind for m in gaz.find(sentence)]
    assert kinds == ["city"]


def test_residence_beats_national_park(gaz: Gazetteer) -> None:
    assert gaz.locate("Prezidentlar Ala-Archa qarorgohida uchrashdi.").place.id == "landmark:ala-archa-residence"
    assert gaz.locate("Muzokaralar Ala-Archada boʻldi.").place.id == "landmark:ala-archa-residence"
    assert gaz.locate("Ala-Archa milliy bogʻida sayr qildi.").place.id == "landmark:ala-archa-national-park"
    assert gaz.locate("Uchrashuv Burabayda boʻlib oʻtdi.").place.id == "landmark:burabay-residence"


@pytest.mark.parametrize(("sentence", "country"), [
    ("Mehmon Xivaga keldi.", "UZ"),
    ("Delegatsiya Oshga bordi.", "KG"),
    ("Muzokaralar Bishkekda boʻldi.", "KG"),
    ("Delegatsiya Turkistonga bordi.", "KZ"),
    ("Визит в Москву.", "RU"),
], ids=["khiva", "osh", "bishkek", "turkistan", "moscow"])
def test_no_namesake_on_another_continent(gaz: Gazetteer, sentence: str, country: str) -> None:
    m = gaz.locate(sentence)
    assert m is not None and m.place.country == country


@pytest.mark.parametrize("sentence", [
    "Turkiya Prezidenti Rajab Toyyib Erdoʻgʻan keldi.",
    "Shavkat Mirziyoyev va Qasim-Jomart Toqaev uchrashdi.",
    "Abdulla Aripov kutib oldi.",
    "Shundan soʻng muzokaralar davom etdi.",
    "Shanxay hamkorlik tashkiloti sammitida",
    "toshkent kabi lower-case words are not names",
    "a two-word venue name such as mustaqillik maydoni is read only when capitalised",
    "Библиотека имени А. С. Пушкина открыта весь день.",
    "Театр имени А.С.Пушкина принял гостей.",
], ids=["erdogan", "mirziyoyev-toqaev", "aripov", "shundan", "sco", "lower-case", "lower-case-short-venue",
        "ru-named-after-with-initials", "ru-named-after-initials-joined"])
def test_person_names_and_words_are_not_places(gaz: Gazetteer, sentence: str) -> None:
    assert gaz.find(sentence) == []


def test_most_specific_wins_and_context_ranks_landmarks(gaz: Gazetteer) -> None:
    m = gaz.locate("Oʻzbekistonning Samarqand shahridagi Registon maydonida")
    assert m is not None and m.place.id == "landmark:registan"
    white = gaz.locate("Bishkekdagi Oq uyda muzokaralar boʻldi.")
    assert white is not None and white.place.id == "landmark:white-house-bishkek"


def test_place_fields_and_get(gaz: Gazetteer) -> None:
    p = gaz.get("airport:UGC")
    assert p is not None and p.kind == "airport" and p.country == "UZ" and p.precision == "exact"
    assert p.city == "Urgench" and p.region == "Khorezm Region"
    lm = gaz.get("landmark:ichan-qala")
    assert lm is not None and lm.city == "Khiva" and lm.region == "Khorezm Region"
    assert gaz.get("country:UZ").name == "Uzbekistan"
    assert gaz.get("region:UZ-XO").city == "Urgench"
    assert gaz.get("nowhere:1") is None


def test_offsets_refer_to_given_text(gaz: Gazetteer) -> None:
    text = "Avval Toshkentda, soʻng Samarqand xalqaro aeroportida va Buxoroda."
    mentions = gaz.find(text)
    assert [m.surface for m in mentions] == ["Toshkentda", "Samarqand xalqaro aeroportida", "Buxoroda"]
    assert all(text[m.start:m.end] == m.surface for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_sentence_initial_word_is_not_a_far_city(gaz: Gazetteer) -> None:
    assert gaz.find("Koʻrgazma boʻldi. Masʼul vazirlik va idoralarga koʻrsatma berildi.") == []
    m = gaz.locate("Toshkentda muzokaralar boʻldi.")
    assert m is not None and m.place.id == "city:1512569"


@pytest.mark.parametrize(("sentence", "surface", "place_id"), [
    ("Prezidentlar Al-Hakim at-Termiziy maqbarasi Surxondaryo Viloyati Yangi Binosini ziyorat qildi.",
     "Al-Hakim at-Termiziy maqbarasi", "landmark:al-hakim-at-termizi"),
    ("The leaders met at the Ak Orda Presidential Palace Astana Kazakhstan On Monday.",
     "Ak Orda Presidential Palace", "landmark:akorda"),
], ids=["uz-five-words-then-capitals", "en-four-words-then-capitals"])
def test_long_name_before_more_capitals(gaz: Gazetteer, sentence: str, surface: str, place_id: str) -> None:
    """A name of several words is found whole when more capitalised words follow it (the search for a
    long name stops where no name of the index goes on, not before)."""
    first = gaz.find(sentence)[0]
    assert (first.surface, first.place.id) == (surface, place_id)


def test_name_prefixes_are_the_first_words_of_longer_names() -> None:
    names = {"al hakim at termiziy maqbarasi": (1,), "ak orda": (2,), "xiva": (3,), "ak orda palace": (4,)}
    assert name_prefixes(names) == {"al hakim", "al hakim at", "al hakim at termiziy", "ak orda"}
