"""Places that are not where the event is: a word of a person's name, a natural feature's name, a venue's
name, a credit line, a dateline, a relative clause about someone else."""
from __future__ import annotations

import pytest

from dashboard import extract_events
from dashboard.places import Gazetteer, PlaceContext, load_gazetteer
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


# a name before (Uzbek, English) a venue's head word is that venue's: a landmark, never a far town of that name
VENUE = [
    ("uz-Latn", "Mehmon Samani maydonida gulchambar qoʻydi.", []),
    ("uz-Cyrl", "Меҳмон Самани майдонида гулчамбар қўйди ва ёдгорликни зиёрат қилди.", []),
    ("ru", "Делегация посетила площадь Мустакиллик в Ташкенте.", ["Independence Square (Tashkent)"]),
    ("en", "The guest laid a wreath at Aral Square in Dushanbe.", ["Dushanbe"]),
    ("ru-square", "Коллега встретил гостя на центральной площади Сухэ-Батора.", []),
    ("ru-street", "Делегация прошла по проспекту Мира и улице Навои в Ташкенте.", ["Tashkent"]),
    ("ru-known-square", "Лидеры возложили венки на площади Ала-Тоо в Бишкеке.", ["Ala-Too Square", "Bishkek"]),
]

# a credit line names the outlet or the press service, not where things happen
CREDIT = [
    ("uz-Latn", "Foto: Akorda.", []),
    ("uz-Cyrl", "Фото: Акорда пресс-хизмати.", []),
    ("ru", "Фото: Акорда.", []),
    ("en", "Photo credit: Akorda.", []),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), VENUE, ids=[r[0] for r in VENUE])
def test_name_before_a_venue_word_is_no_town(gaz: Gazetteer, lang: str, sentence: str,
                                             expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


@pytest.mark.parametrize(("lang", "sentence", "expected"), CREDIT, ids=[r[0] for r in CREDIT])
def test_credit_line_is_no_place(gaz: Gazetteer, lang: str, sentence: str, expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


# an outlet's city in capitals before a dash or colon is a dateline: the events are where the sentence says
DATELINE = [
    ("uz-Latn", "TOSHKENT – Prezident Shavkat Mirziyoyev dushanba kuni Ashxobodga ishchi tashrif bilan yetib "
                "keldi. U Turkmaniston Prezidenti bilan muzokaralar oʻtkazdi."),
    ("uz-Cyrl", "ТОШКЕНТ – Ўзбекистон Президенти Шавкат Мирзиёев душанба куни Ашхобод шаҳрига ишчи ташриф билан "
                "етиб келди. Давлатимиз раҳбари Туркманистон Президенти билан музокаралар ўтказди."),
    ("ru", "АЛМАТЫ – Президент Токаев прибыл в Ашхабад с рабочим визитом в понедельник. Он провел переговоры "
           "с президентом Туркменистана."),
    ("en", "ALMATY: President Tokayev arrived in Ashgabat on a working visit on Monday. He held talks with the "
           "President of Turkmenistan."),
]

# a place inside a relative clause about someone else ("a poet who lived in X") is not the event's
RELATIVE = [
    ("ru", "Ташкент, 3 марта. Президенты возложили цветы к памятнику поэту, который жил в городе Ханабад. "
           "Затем они провели переговоры."),
    ("en", "Tashkent, 3 March. The two presidents laid flowers at a memorial to a poet who lived in the town of "
           "Khanabad. They then held talks."),
]


@pytest.mark.parametrize(("lang", "article"), DATELINE, ids=[r[0] for r in DATELINE])
def test_dateline_city_is_not_the_events_place(lang: str, article: str) -> None:
    frame = extract_events(article, published="2025-03-03")
    assert len(frame) >= 1 and set(frame["place"]) == {"Ashgabat"}


@pytest.mark.parametrize(("lang", "article"), RELATIVE, ids=[r[0] for r in RELATIVE])
def test_place_in_a_relative_clause_is_not_the_events(lang: str, article: str) -> None:
    frame = extract_events(article, published="2025-03-03")
    assert len(frame) >= 1 and set(frame["place"]) == {"Tashkent"}


def test_relative_clause_about_the_guest_keeps_the_venue() -> None:
    frame = extract_events("Tashkent, 3 March. President Tokayev, who arrived in Samarkand on Monday, visited "
                           "the Registan.", published="2025-03-03")
    # the visit keeps its venue; the clause's own dated arrival is an event of its own (extract/asides.py)
    assert list(zip(frame["kind"], frame["place"], strict=True)) == [("arrival", "Samarkand"), ("visit", "Registan")]


# the guard of honour and the flags right after a landing, with no place of their own: at that airport
AIRPORT_CEREMONY = [
    ("uz-Latn", "Toshkent, 5-mart. Qirgʻiziston Prezidenti Toshkent xalqaro aeroportiga yetib keldi. Mehmon sharafiga "
                "ikki davlat bayroqlari koʻtarildi va faxriy qorovul saf tortdi. Soʻngra prezidentlar Koʻksaroy "
                "qarorgohida muzokaralar oʻtkazdi."),
    ("uz-Cyrl", "Тошкент, 5 март. Қирғизистон Президенти Тошкент халқаро аэропортига етиб келди. Меҳмон шарафига "
                "икки давлат байроқлари кўтарилди ва фахрий қоровул саф тортди. Сўнгра президентлар Кўксарой "
                "қароргоҳида музокаралар ўтказди."),
    ("ru", "Ташкент, 5 марта. Президент Кыргызстана прибыл в международный аэропорт Ташкента. В честь гостя были "
           "подняты флаги двух стран и выстроен почетный караул. Затем президенты провели переговоры в "
           "резиденции Куксарой."),
    ("en", "Tashkent, 5 March. The President of Kyrgyzstan arrived at Tashkent International Airport. In honour of "
           "the guest, the flags of the two countries were raised and a guard of honour lined up. Later the "
           "presidents held talks at the Kuksaroy residence."),
]


@pytest.mark.parametrize(("lang", "article"), AIRPORT_CEREMONY, ids=[r[0] for r in AIRPORT_CEREMONY])
def test_ceremony_after_landing_is_at_the_airport(lang: str, article: str) -> None:
    frame = extract_events(article, published="2025-03-05")
    rows = list(zip(frame["kind"], frame["place_kind"], strict=True))
    assert rows == [("arrival", "airport"), ("ceremony", "airport"), ("talks", "landmark")]


# new or renamed venues (data/places/airports_extra.csv): Tashkent's Humo airport, formerly Tashkent-Vostochny
NEW_VENUES = [
    ("uz-Latn", "Mehmon samolyoti “Toshkent-Humo” xalqaro aeroportiga qoʻndi.", "airport:HUMO"),
    ("uz-Cyrl", "Меҳмон самолёти Тошкент-Ҳумо халқаро аэропортига қўнди ва уни кутиб олишди.", "airport:HUMO"),
    ("ru", "Самолет гостя приземлился в аэропорту Ташкент-Хумо.", "airport:HUMO"),
    ("en", "The guest landed at the new Tashkent East Airport.", "airport:HUMO"),
    ("uz-Latn-orly", "Prezident “Orli” xalqaro aeroportiga yetib keldi.", "airport:ORY"),
    ("ru-kuala-lumpur", "Самолет приземлился в международном аэропорту Куала-Лумпур.", "airport:KUL"),
]


@pytest.mark.parametrize(("lang", "sentence", "place_id"), NEW_VENUES, ids=[r[0] for r in NEW_VENUES])
def test_new_and_renamed_venues(gaz: Gazetteer, lang: str, sentence: str, place_id: str) -> None:
    text = prepare(sentence, SETTINGS.lexicon_dir).norm.text
    assert [m.place.id for m in gaz.find(text) if m.place.kind == "airport"] == [place_id]


def test_a_venues_airport_is_its_citys(gaz: Gazetteer) -> None:
    """Kuksaroy lies east of Tashkent, nearer the new Humo airport: "the airport" there is still Tashkent's."""
    venue = gaz.get("landmark:kuksaroy")
    assert venue is not None
    airport = gaz.index.airport_for(venue)
    assert airport is not None and airport.id == "airport:TAS"


# a place written as where someone came from (ablative, "from", "из") is not where the event is
ORIGIN = [
    ("uz-Latn", "Toshkent, 5-mart. Prezident Bokudan kelgan delegatsiya bilan muzokaralar oʻtkazdi."),
    ("uz-Cyrl", "Тошкент, 5 март. Давлатимиз раҳбари Бокудан келган делегация билан музокаралар ўтказди ва "
                "ҳамкорлик масалаларини муҳокама қилди."),
    ("ru", "Ташкент, 5 марта. Президент провел переговоры с делегацией из Баку."),
    ("en", "Tashkent, 5 March. The President held talks with the delegation from Baku."),
]


@pytest.mark.parametrize(("lang", "article"), ORIGIN, ids=[r[0] for r in ORIGIN])
def test_a_guests_origin_is_not_the_events_place(lang: str, article: str) -> None:
    frame = extract_events(article, published="2025-03-05")
    assert list(frame["place"]) == ["Tashkent"]


def test_a_name_ending_like_a_case_is_no_origin(gaz: Gazetteer) -> None:
    """"Sudan" ends as an Uzbek ablative does, but the ending is the name's own; "Bokudan" is Baku's ablative."""
    assert not gaz.morph.is_origin("Sudan delegatsiyasi keldi", 0, "Sudan", "Sudan")
    assert gaz.morph.is_origin("Bokudan kelgan delegatsiya", 0, "Bokudan", "Baku")


# a place that an organisation's name governs ("the Fund for Saving the Aral") is the body's topic, not a venue
ORGANISATION = [
    ("ru", "Ташкент, 5 марта. Президенты провели переговоры о работе Международного фонда спасения Арала."),
    ("en", "Tashkent, 5 March. The presidents held talks on the work of the International Fund for Saving the "
           "Aral."),
]


@pytest.mark.parametrize(("lang", "article"), ORGANISATION, ids=[r[0] for r in ORGANISATION])
def test_a_place_in_an_organisations_name_is_not_the_events(lang: str, article: str) -> None:
    frame = extract_events(article, published="2025-03-05")
    assert list(frame["place"]) == ["Tashkent"]


# a two-letter word in a line of capitals or Title Case is a plain word ("OF"), not a small town of that name
CAPITALS = [
    ("en-caps", "OFFICIAL VISIT OF THE PRESIDENT OF KYRGYZSTAN TO UZBEKISTAN", ["Uzbekistan"]),
    ("en-title-case", "Official Visit Of The President To Uzbekistan", ["Uzbekistan"]),
    ("en-caps-three-letters", "LEADERS MEET IN OSH", ["Osh"]),
]


@pytest.mark.parametrize(("lang", "line", "expected"), CAPITALS, ids=[r[0] for r in CAPITALS])
def test_short_words_in_capitals_are_no_towns(gaz: Gazetteer, lang: str, line: str, expected: list[str]) -> None:
    assert names(gaz, line) == expected


# ... unless the ceremony's sentence names a venue of its own that the gazetteer does not know
CEREMONY_AT_A_VENUE = [
    ("ru", "Ташкент, 5 марта. Президент Кыргызстана прибыл в международный аэропорт Ташкента. После прилета "
           "лидеры возложили венки к Вечному огню на площади Памяти."),
    ("en", "Tashkent, 5 March. The President of Kyrgyzstan arrived at Tashkent International Airport. After "
           "landing, the leaders laid wreaths at the Eternal Flame on Heroes Square."),
]


@pytest.mark.parametrize(("lang", "article"), CEREMONY_AT_A_VENUE, ids=[r[0] for r in CEREMONY_AT_A_VENUE])
def test_ceremony_at_a_named_venue_is_not_at_the_airport(lang: str, article: str) -> None:
    frame = extract_events(article, published="2025-03-05")
    rows = list(zip(frame["kind"], frame["place_kind"], strict=True))
    assert rows == [("arrival", "airport"), ("ceremony", "city")]


# a small town abroad, far from where the story is (Tashkent), written bare: a word of a name (the plant's,
# the cascade's), not where the event is; with a case ending or a preposition it is a place
TASHKENT = "city:1512569"
FAR_BARE = [
    ("uz-Latn", "Toshkentda Yavan gidroelektr stansiyasi qurilishini boshlash marosimi boʻldi.", ["Tashkent"]),
    ("uz-Cyrl", "Тошкентда Яван гидроэлектр станцияси қурилишини бошлаш маросими бўлди.", ["Tashkent"]),
    ("ru", "В Ташкенте подписано соглашение по Нарын ГЭС.", ["Tashkent"]),
    ("en", "In Tashkent the leaders launched the construction of the Yavan hydropower plant.", ["Tashkent"]),
]
FAR_GOVERNED = [
    ("uz-Latn", "Prezident ertalab Yavanga yetib keldi.", ["Yovon"]),
    ("uz-Cyrl", "Ўзбекистон Президенти эрталаб Явандаги мактабга ташриф буюриб, ўқувчилар билан суҳбатлашди.",
     ["Yovon"]),
    ("ru", "Президент прибыл в Нарын утром.", ["Naryn"]),
    ("en", "The president arrived in Yavan in the morning.", ["Yovon"]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), FAR_BARE + FAR_GOVERNED,
                         ids=[f"bare-{r[0]}" for r in FAR_BARE] + [f"governed-{r[0]}" for r in FAR_GOVERNED])
def test_far_town_abroad_needs_a_case_or_preposition(gaz: Gazetteer, lang: str, sentence: str,
                                                     expected: list[str]) -> None:
    text = prepare(sentence, SETTINGS.lexicon_dir).norm.text
    here = gaz.get(TASHKENT)
    assert here is not None
    assert [m.place.name for m in gaz.find(text, PlaceContext(city=here, country="UZ"))] == expected


# a city's name that names a document, a format or a clock is no place; a locative before a bare noun is
DOCUMENT = [
    ("uz-Latn", "Rahbarlar Ashxobod deklaratsiyasini qabul qildi.", []),
    ("uz-Cyrl", "Раҳбарлар Ашхобод декларациясини қабул қилди ва ҳужжатларни имзолади.", []),
    ("uz-Latn-locative", "Samarqandda shartnoma imzolandi.", ["Samarkand"]),
    ("ru", "Встреча началась в 10:00 по московскому времени в Ташкенте.", ["Tashkent"]),
    ("en", "The leaders adopted the Ashgabat Declaration in Tashkent.", ["Tashkent"]),
    ("en-time", "The talks began at 10:00 Tashkent time.", []),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), DOCUMENT, ids=[r[0] for r in DOCUMENT])
def test_name_of_a_document_or_clock_is_no_place(gaz: Gazetteer, lang: str, sentence: str,
                                                 expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


# a town's name that closes a person's name (a capitalised given name before it, not opening the sentence)
# is no place; with a case ending or a preposition it is one
SURNAME = [
    ("uz-Latn", "Ularni tashqi ishlar vaziri Xurshid Kasuri kutib oldi.", []),
    ("uz-Cyrl", "Уларни ташқи ишлар вазири Хуршид Касури кутиб олди ва суҳбатлашди.", []),
    ("en", "They were received by Foreign Minister Khurshid Kasuri.", []),
    ("ru-governed", "Министр прибыл в Касур утром.", ["Kasur"]),
    ("en-governed", "The delegation flew to Kasur on Monday.", ["Kasur"]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), SURNAME, ids=[r[0] for r in SURNAME])
def test_town_closing_a_persons_name_is_no_place(gaz: Gazetteer, lang: str, sentence: str,
                                                 expected: list[str]) -> None:
    assert names(gaz, sentence) == expected


# a town's name alone in quotation marks names a thing (an order, a hotel), not where things happen; an
# airport or a venue in quotes comes with its head word and stays
QUOTED_ALONE = [
    ("uz-Latn", "Sadir Japarov oʻzbek yetakchisiga «Manas» I darajali ordenini topshirdi.", []),
    ("uz-Cyrl", "Садир Жапаров ўзбек етакчисига «Манас» I даражали орденини топширди.", []),
    ("ru", "Гостю вручили высшую награду – «Манас» первой степени.", []),
    ("en", "The guest received the “Manas” First Class decoration.", []),
    ("uz-Latn-airport", "«Manas» xalqaro aeroportida mehmonni kuzatib qoʻydi.", ["Manas International Airport"]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), QUOTED_ALONE, ids=[r[0] for r in QUOTED_ALONE])
def test_town_alone_in_quotes_is_a_things_name(gaz: Gazetteer, lang: str, sentence: str,
                                               expected: list[str]) -> None:
    assert names(gaz, sentence) == expected
