"""Rules for text as outlets publish it: furniture, plans, recaps, background, datelines, coordinated
activities, the trip home, and places that are right or absent. Every article here is our own writing,
shaped like the pages studied (never copied from them)."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import extract_events
from dashboard.places.model import km


def events(text: str, published: str) -> pd.DataFrame:
    return extract_events(text, published)


def happened(text: str, published: str) -> list[tuple[str, str | None]]:
    frame = events(text, published)
    frame = frame[frame["status"] == "happened"]
    return list(zip(frame["kind"], frame["date"], strict=True))


# -- page furniture ------------------------------------------------------------------------------------
FURNITURE = [
    ("uz-related-block",
     "Prezident Samarqandga keldi\n\nOʻzbekiston | 09:05 / 14.03.2025\n12840\n\n"
     "Prezident Shavkat Mirziyoyev 14 mart kuni Samarqandga keldi. Uni viloyat hokimi kutib oldi.\n\n"
     "Mavzuga oid\n\n"
     "Prezident Buxoroda yangi korxona bilan tanishdi\n11 mart 2025\n"
     "Prezident Xivada muzokaralar oʻtkazdi. Ular hujjatlar imzoladi.",
     "2025-03-14", [("arrival", "2025-03-14")]),
    ("ru-related-block",
     "Президент прибыл в Бишкек\n\n"
     "Президент Узбекистана 5 сентября прибыл в Бишкек. В аэропорту его встретил президент Кыргызстана.\n\n"
     "Похожие новости\n\n"
     "Мирзиёев провел переговоры в Астане и подписал соглашения.\n03.09.2025, 14:20",
     "2025-09-05", [("arrival", "2025-09-05")]),
    ("en-related-block",
     "Tokayev arrives in Tashkent\n\n"
     "Kazakh President Kassym-Jomart Tokayev arrived in Tashkent on Tuesday for a state visit.\n\n"
     "Related News\n\n"
     "Mirziyoyev held talks with Erdogan in Ankara and signed ten agreements.\n2 minutes read",
     "2025-12-02", [("arrival", "2025-12-02")]),
    ("en-read-also-cuts-the-rest",
     "Rahmon visits Samarkand\n\n"
     "Tajik President Emomali Rahmon visited the Gur-e-Amir mausoleum in Samarkand on 14 May.\n\n"
     "Read also:\n\nThe leaders held talks in Dushanbe last week.",
     "2025-05-14", [("visit", "2025-05-14")]),
]


@pytest.mark.parametrize(("text", "published", "want"), [c[1:] for c in FURNITURE], ids=[c[0] for c in FURNITURE])
def test_furniture_and_related_news_hold_no_events(text: str, published: str, want: list) -> None:
    assert happened(text, published) == want


COUNTERS = [
    ("uz-views-beside-the-date", "Dunyo | 11:14 / 19.02.2025\n9617\n1 daqiqa oʻqiladi\n\n"
     "Prezident 19 fevral kuni Nukusga keldi. U aholi bilan uchrashdi.", "2025-02-19"),
    ("ru-views-and-slides", "Политика | 14:02\n4521\n1 / 3\n\n"
     "Президент прибыл в Нукус. Затем он встретился с жителями города.", "2025-02-19"),
    ("en-counters-and-font-widget", "Politics\n+ ↺ −\n16 px\n2023\n\n"
     "The president arrived in Nukus today. He then met with local residents.", "2025-02-19"),
]


@pytest.mark.parametrize(("text", "published"), [c[1:] for c in COUNTERS], ids=[c[0] for c in COUNTERS])
def test_a_counter_is_never_a_date(text: str, published: str) -> None:
    got = happened(text, published)
    assert got, "the article's events are still found"
    assert {d for _, d in got} == {published}


# -- what happened, what is planned, what is background -------------------------------------------------
MODALITY = [
    ("uz-planned-programme",
     "Prezident bugun Toshkentga keldi. Ertaga muzokaralar oʻtkaziladi. Tashrif dasturiga koʻra, "
     "prezidentlar sanoat koʻrgazmasida ishtirok etishi koʻzda tutilgan.",
     "2025-06-02", [("arrival", "2025-06-02")], {"talks"}),
    ("ru-planned-programme",
     "Президент прибыл в Ташкент. Завтра запланировано подписание пакета соглашений. "
     "Лидеры также примут участие в бизнес-форуме.",
     "2025-06-02", [("arrival", "2025-06-02")], {"signing"}),
    ("en-planned-programme",
     "The president arrived in Tashkent on Monday. The leaders will hold talks tomorrow, and several "
     "agreements are expected to be signed.",
     "2025-06-02", [("arrival", "2025-06-02")], {"talks"}),
    ("uz-cyrl-will-take-part",
     "Ўзбекистон Президенти бугун давлат ташрифи билан Душанбега келди. Давлат раҳбарлари эртага "
     "саммитда иштирок этадилар.",
     "2024-04-18", [("arrival", "2024-04-18")], {"summit"}),
    ("uz-purpose-of-the-trip",
     "Prezident bugun Xorazm viloyatiga keldi. Tashrifdan maqsad yangi korxonalarni ishga tushirish va aholi "
     "bilan muloqot qilishdan iborat.",
     "2025-06-02", [("arrival", "2025-06-02")], {"opening"}),
    ("ru-purpose-of-the-trip",
     "Президент прибыл в Хорезм. Цель поездки — открыть новые предприятия и встретиться с жителями.",
     "2025-06-02", [("arrival", "2025-06-02")], {"meeting"}),
    ("en-purpose-of-the-trip",
     "The president arrived in Khorezm today. The aim of the visit is the opening ceremony of a new factory.",
     "2025-06-02", [("arrival", "2025-06-02")], {"opening"}),
    ("uz-will-be-launched-will-talk",
     "Prezident bugun Xorazm viloyatiga keldi. U yerda yangi issiqxona majmuasi ishga tushiriladi. Davlat "
     "rahbari dehqonlar bilan muloqot qiladi.",
     "2025-06-02", [("arrival", "2025-06-02")], {"opening"}),
]


@pytest.mark.parametrize(("text", "published", "want", "planned"), [c[1:] for c in MODALITY],
                         ids=[c[0] for c in MODALITY])
def test_planned_events_are_kept_apart(text: str, published: str, want: list, planned: set) -> None:
    frame = events(text, published)
    assert happened(text, published) == want
    assert planned <= set(frame.loc[frame["status"] == "planned", "kind"])


BACKGROUND = [
    ("uz-an-earlier-visit",
     "Prezident 19 fevral kuni Sirdaryo viloyatiga tashrif buyurdi. Eslatib oʻtamiz, Prezident 2018 yilning "
     "aprel oyida ham viloyatga tashrif buyurgan edi. U yangi korxona bilan tanishdi.",
     "2025-02-19", [("arrival", "2025-02-19"), ("tour", "2025-02-19")]),
    ("ru-museum-opened-years-ago",
     "Президент прибыл в Бишкек 26 января. Музей открылся 5 мая 2019 года. Затем президент осмотрел "
     "выставку.", "2025-01-26", [("arrival", "2025-01-26"), ("tour", "2025-01-26")]),
    ("en-phone-talk-last-month",
     "Putin arrived in Tashkent on May 26. On May 2, the two leaders held phone talks. Putin then laid a "
     "wreath at the Independence Monument.", "2025-05-27", [("arrival", "2025-05-26"), ("ceremony", "2025-05-26")]),
    ("en-opened-by-decree",
     "The President of Kyrgyzstan arrived in Tashkent. He visited the memorial museum. The museum was opened "
     "by a decree of the President this year.", "2017-12-13", [("arrival", "2017-12-13"), ("visit", "2017-12-13")]),
    ("ru-created-by-decree",
     "Президент прибыл в Ташкент. Он посетил мемориальный музей. Музей был создан указом президента в "
     "этом году.", "2017-12-13", [("arrival", "2017-12-13"), ("visit", "2017-12-13")]),
]


@pytest.mark.parametrize(("text", "published", "want"), [c[1:] for c in BACKGROUND], ids=[c[0] for c in BACKGROUND])
def test_background_is_no_event_and_keeps_the_story_date(text: str, published: str, want: list) -> None:
    assert happened(text, published) == want


RECAPS = [
    ("uz-eslatib-otamiz",
     "Prezident bugun Bokuda Shahidlar xiyobonini ziyorat qildi.\n\n"
     "Eslatib oʻtamiz, Prezident avvalroq Bokuga kelgan va aeroportda kutib olingan edi.",
     "2023-08-22", ["arrival", "visit"]),
    ("ru-ranee",
     "Президент Туркменистана отбыл из Ташкента. Ранее президенты провели переговоры.",
     "2021-10-05", ["talks", "departure"]),
    ("en-earlier",
     "The president laid a wreath at the monument in Islamabad today. Earlier, he arrived at the airport, "
     "where he was welcomed by the prime minister.",
     "2022-03-03", ["arrival", "ceremony"]),
]


@pytest.mark.parametrize(("text", "published", "want"), [c[1:] for c in RECAPS], ids=[c[0] for c in RECAPS])
def test_a_recap_of_the_same_visit_goes_first(text: str, published: str, want: list) -> None:
    assert [k for k, _ in happened(text, published)] == want


# -- datelines -------------------------------------------------------------------------------------------
DATELINES = [
    ("uz-sputnik-style", "TOShKENT, 12 okt — Axborot. Prezident 11 oktabr kuni Termizga keldi.",
     "2025-10-12", "Termez", "2025-10-11"),
    ("ru-agency-in-slashes", "ДУШАНБЕ, 12.05.2025 /Агентство/. Президент прибыл в Худжанд.",
     "2025-05-12", "Khujand", "2025-05-12"),
    ("en-caps-and-outlet", "ASTANA. NEWSWIRE – The Kyrgyz president arrived in Almaty on Monday.",
     "2025-05-13", "Almaty", "2025-05-12"),
    ("ru-after-title-and-tickers", "Визит в Самарканд\n\nUSD 12 650  EUR 13 710  RUB 141\nАстана −12°  Алматы −3°\n\n"
     "АСТАНА. «Пресса» – Президент Казахстана прибыл в Самарканд. Его встретил премьер-министр.",
     "2025-05-12", "Samarkand", "2025-05-12"),
]


@pytest.mark.parametrize(("text", "published", "city", "date"), [c[1:] for c in DATELINES],
                         ids=[c[0] for c in DATELINES])
def test_the_dateline_city_is_not_the_event_place(text: str, published: str, city: str, date: str) -> None:
    row = events(text, published).iloc[0]
    assert (row["city"] or row["place"], row["date"]) == (city, date)


# -- one activity, one event, and no fewer ---------------------------------------------------------------
COORDINATED = [
    ("uz-arrival-then-wreath",
     "Prezident Minskka kelgach, Gʻalaba maydonidagi monumentga gulchambar qoʻydi.", "2019-07-31",
     ["arrival", "ceremony"]),
    ("ru-wreath-and-talks",
     "Лидер Таджикистана возложил цветы к монументу, главы государств провели переговоры.", "2022-06-02",
     ["ceremony", "talks"]),
    ("en-signing-then-concert",
     "The presidents signed the treaty, then attended a concert of folk ensembles.", "2024-04-18",
     ["signing", "other"]),
    ("en-visit-and-flowers-stay-one",
     "The president visited the mausoleum and laid flowers at the grave.", "2018-08-18", ["ceremony"]),
    ("en-museum-and-monument-are-two",
     "The guest visited the Museum of the First President of Kazakhstan and laid flowers at the Otan "
     "Qorgaushylar monument.", "2021-03-02", ["visit", "ceremony"]),
    ("ru-museum-and-monument-are-two",
     "Президент посетил Музей Первого Президента Казахстана и возложил цветы к монументу Отан Коргаушылар.",
     "2021-03-02", ["visit", "ceremony"]),
    ("uz-park-and-its-monument-stay-one",
     "Mehmon Yangi Oʻzbekiston bogʻiga tashrif buyurib, Mustaqillik monumenti poyiga gul qoʻydi.", "2022-06-02",
     ["ceremony"]),
    ("uz-lead-retells-visit-and-wreath",
     "Mirziyoyev Bakuda\n\nOʻzbekiston yetakchisi yodgorlikka gulchambar qoʻyib, qahramonlar xotirasiga ehtirom "
     "koʻrsatdi.\n\nPrezident Shavkat Mirziyoyev Boku shahridagi Shahidlar xiyoboniga tashrif buyurdi.\n\n"
     "Oʻzbekiston yetakchisi yodgorlikka gulchambar qoʻydi.", "2023-08-22", ["visit"]),
    ("en-lead-visit-body-wreath-are-one",
     "President in Baku\n\nThe President of Uzbekistan, who is on a state visit to Azerbaijan, visited the Alley "
     "of Honour today.\n\nThe President laid a wreath at the grave of the national leader.\n\nHe then held "
     "talks with the host.", "2023-08-22", ["ceremony", "talks"]),
    ("uz-mausoleum-and-square-are-two",
     "Mehmon Goʻri Amir maqbarasini ziyorat qilib, Registon maydonida gulchambar qoʻydi.", "2021-03-02",
     ["visit", "ceremony"]),
]


@pytest.mark.parametrize(("text", "published", "want"), [c[1:] for c in COORDINATED], ids=[c[0] for c in COORDINATED])
def test_coordinated_activities_are_separate_events(text: str, published: str, want: list) -> None:
    assert [k for k, _ in happened(text, published)] == want


COUNTERPARTS = [
    ("en-three-people",
     "President Tokayev arrived in Bishkek on Monday. Later he met with the Speaker of the Jogorku Kenesh "
     "Nurlanbek Shakiev, Prime Minister Akylbek Japarov and the rector Bakyt Almazbekov.", "2024-05-13",
     ["arrival", "meeting", "talks", "meeting"]),
    ("ru-two-leaders",
     "Президент Узбекистана Шавкат Мирзиёев прибыл в Москву. Затем он провел переговоры с Владимиром Путиным и "
     "Михаилом Мишустиным.", "2024-05-13", ["arrival", "talks", "talks"]),
    ("uz-latn-two-officials",
     "Prezident Shavkat Mirziyoyev Dushanbega keldi. Soʻng u parlament raisi Rustam Emomali va Bosh vazir Qohir Rasulzoda "
     "bilan uchrashdi.", "2024-04-19", ["arrival", "meeting", "talks"]),
    ("uz-cyrl-two-officials",
     "Президент Шавкат Мирзиёев Душанбега келди. Сўнг у парламент раиси Рустам Эмомали ва Бош вазир Қоҳир Расулзода "
     "билан учрашди.", "2024-04-19", ["arrival", "meeting", "talks"]),
    ("en-groups-are-one-meeting",
     "President Tokayev arrived in Bishkek. Later he met with the business community and young scientists.",
     "2024-05-13", ["arrival", "meeting"]),
    ("en-one-person-is-one-event",
     "President Tokayev arrived in Bishkek. Later he held talks with President Sadyr Japarov and his team.",
     "2024-05-13", ["arrival", "talks"]),
]


@pytest.mark.parametrize(("text", "published", "want"), [c[1:] for c in COUNTERPARTS], ids=[c[0] for c in COUNTERPARTS])
def test_a_meeting_with_several_people_is_one_event_each(text: str, published: str, want: list) -> None:
    assert [k for k, _ in happened(text, published)] == want


CLOSING = [
    ("en-ended-with-a-joint-visit",
     "President Japarov arrived in Astana. He presented an order to a poet. The visit ended with a joint visit "
     "of the two presidents to the new technology park.", ["arrival", "ceremony", "visit"]),
    ("uz-tashrif-yakunida",
     "Prezident Samarqandga keldi. U shoirga orden topshirdi. Tashrif yakunida Prezident yangi texnopark "
     "bilan tanishdi.", ["arrival", "ceremony", "tour"]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CLOSING], ids=[c[0] for c in CLOSING])
def test_the_visit_closing_with_an_activity_is_its_own_event(text: str, want: list) -> None:
    assert [k for k, _ in happened(text, "2021-03-03")] == want


WELCOME = [
    ("en-arrived-at-the-residence",
     "The guest arrived at Tashkent International Airport. Later he arrived at the Kuksaroy residence, where a "
     "guard of honour was lined up.", [("arrival", "Tashkent International Airport"),
                                       ("ceremony", "Kuksaroy Residence")]),
    ("ru-arrived-at-the-residence",
     "Гость прилетел в аэропорт Ташкента. Затем он прибыл в резиденцию «Куксарой», где был выстроен почетный "
     "караул.", [("arrival", "Tashkent International Airport"), ("ceremony", "Kuksaroy Residence")]),
    ("uz-came-to-the-residence",
     "Prezident Toshkent xalqaro aeroportiga keldi. Soʻng u Koʻksaroy qarorgohiga keldi va faxriy qorovul saf "
     "tortdi.", [("arrival", "Tashkent International Airport"), ("ceremony", "Kuksaroy Residence")]),
    ("en-flew-to-the-city-stays-an-arrival",
     "The two presidents flew to Samarkand, where they visited the Registan.", [("arrival", "Samarkand")]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in WELCOME], ids=[c[0] for c in WELCOME])
def test_an_arrival_at_a_venue_is_the_welcome_there(text: str, want: list) -> None:
    frame = events(text, "2024-05-26")
    assert list(zip(frame["kind"], frame["place"], strict=True)) == want


CONTINUED = [
    ("ru-hall-inside-the-palace",
     "Президенты провели переговоры в Кремле. Беседа продолжилась в Грановитой палате.", ["talks"]),
    ("en-hall-inside-the-palace",
     "The presidents held talks at the Kremlin. The conversation went on in the Faceted Chamber.", ["talks"]),
    ("uz-hall-inside-the-palace",
     "Prezidentlar Kremlda muzokaralar oʻtkazdi. Muzokaralar Granovitaya palatasida davom etdi.", ["talks"]),
    ("ru-delegation-roster",
     "Президенты провели переговоры в Кремле. С казахской стороны в мероприятии приняли участие министр "
     "энергетики и министр транспорта.", ["talks"]),
    ("en-delegation-roster",
     "The presidents held talks at the Kremlin. On the Kazakh side, the energy minister and the transport "
     "minister took part in the meeting.", ["talks"]),
    ("ru-earlier-talks-of-the-same-kind",
     "Президенты продолжили переговоры в узком составе в резиденции Куксарой. Ранее они провели переговоры в "
     "расширенном составе.", ["talks", "talks"]),
    ("en-earlier-talks-of-the-same-kind",
     "The leaders continued their talks over tea at the Kuksaroy residence. Earlier, the two presidents held "
     "talks in an expanded format.", ["talks", "talks"]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CONTINUED], ids=[c[0] for c in CONTINUED])
def test_one_activity_continued_is_one_event_and_a_recap_is_another(text: str, want: list) -> None:
    assert [k for k, _ in happened(text, "2025-10-10")] == want


BREAKFAST = [
    ("ru-working-breakfast", "Лидеры продолжили переговоры в Кремле за рабочим завтраком."),
    ("ru-breakfast-at-the-residence", "Утром президенты продолжили беседу за завтраком в резиденции Куксарой."),
]


@pytest.mark.parametrize("text", [c[1] for c in BREAKFAST], ids=[c[0] for c in BREAKFAST])
def test_a_working_breakfast_is_not_tomorrow(text: str) -> None:
    assert happened(text, "2025-10-10") == [("talks", "2025-10-10")]


AIRPORT_WELCOME = [
    ("uz-guard-at-the-airport", "Prezident 25 aprel kuni Moskvaga keldi. Vnukovo aeroportida mehmon sharafiga faxriy "
     "qorovul saf tortdi."),
    ("ru-guard-at-the-airport", "Президент 25 апреля прибыл в Москву. В аэропорту Внуково в честь гостя был выстроен "
     "почетный караул."),
    ("en-guard-at-the-airport", "The president arrived in Moscow on April 25. At Vnukovo airport a guard of honour "
     "lined up for the guest."),
]


@pytest.mark.parametrize("text", [c[1] for c in AIRPORT_WELCOME], ids=[c[0] for c in AIRPORT_WELCOME])
def test_the_guard_of_honour_at_the_airport_is_the_arrival(text: str) -> None:
    frame = events(text, "2016-04-25")
    assert list(zip(frame["kind"], frame["place"], strict=True)) == [("arrival", "Vnukovo International Airport")]


HOME_AFTER_THE_SEND_OFF = [
    ("en-visit-concludes", "Putin's visit to Uzbekistan concludes\n\nOn May 28, the Russian president returned to "
     "Moscow after a three-day visit. At Tashkent International Airport he was seen off by the host. On May 27, "
     "the presidents held talks in a narrow format."),
    ("ru-visit-ended", "Визит Путина в Узбекистан завершился\n\n28 мая президент России вернулся в Москву после "
     "трехдневного визита. В Международном аэропорту Ташкента его проводил президент Узбекистана. 27 мая "
     "президенты провели переговоры в узком составе."),
    ("uz-tashrif-yakunlandi", "Putinning Oʻzbekistonga tashrifi yakunlandi\n\n28 may kuni Rossiya Prezidenti "
     "Moskvaga qaytib keldi. Toshkent xalqaro aeroportida uni Oʻzbekiston Prezidenti kuzatib qoʻydi. 27 may kuni "
     "prezidentlar tor doirada muzokaralar oʻtkazdi."),
]


@pytest.mark.parametrize("text", [c[1] for c in HOME_AFTER_THE_SEND_OFF], ids=[c[0] for c in HOME_AFTER_THE_SEND_OFF])
def test_the_host_country_of_the_title_places_the_visit_and_home_comes_last(text: str) -> None:
    frame = events(text, "2024-05-28")
    assert list(zip(frame["kind"], frame["date"], frame["place"], strict=True)) == [
        ("talks", "2024-05-27", "Tashkent"), ("departure", "2024-05-28", "Tashkent International Airport"),
        ("arrival", "2024-05-28", "Moscow")]


WELCOME_VERBS = [
    ("uz-kutib-oldi-at-the-ceremony",
     "Prezident Anqarada\n\nAnqara shahridagi Oqsaroy qarorgohida Prezidentni rasmiy kutib olish marosimi "
     "boʻlib oʻtdi. Davlatimiz rahbarini Turkiya Prezidenti kutib oldi.\n\nMaydonda faxriy qorovul saf tortdi. "
     "Soʻngra muzokaralar boʻlib oʻtdi.",
     "Presidential Complex (Ankara)"),
    ("ru-vstretil-at-the-ceremony",
     "В резиденции «Куксарой» состоялась церемония официальной встречи президента. На площади был выстроен "
     "почетный караул. Президент Узбекистана встретил гостя и пригласил его на пьедестал. Затем начались "
     "переговоры.", "Kuksaroy Residence"),
    ("en-greeted-at-the-ceremony",
     "An official welcome ceremony took place at the Kuksaroy residence. The host greeted the guest on the "
     "podium. A guard of honour lined up. Then the talks began.", "Kuksaroy Residence"),
]


@pytest.mark.parametrize(("text", "venue"), [c[1:] for c in WELCOME_VERBS], ids=[c[0] for c in WELCOME_VERBS])
def test_the_host_meeting_the_guest_at_the_welcome_ceremony_is_that_ceremony(text: str, venue: str) -> None:
    frame = events(text, "2024-11-26")
    assert list(frame["kind"]) == ["ceremony", "talks"]
    assert frame.iloc[0]["place"] == venue


SEEN_OFF = [
    ("ru", "Визит завершился. В международном аэропорту Ташкента гостя проводил президент Узбекистана."),
    ("uz", "Tashrif yakunlandi. Toshkent xalqaro aeroportida mehmonni Prezident kuzatib qoʻydi."),
    ("en", "The visit ended. At Tashkent International Airport the guest was seen off by the President of Uzbekistan."),
]


@pytest.mark.parametrize("text", [c[1] for c in SEEN_OFF], ids=[c[0] for c in SEEN_OFF])
def test_seen_off_at_the_airport_is_the_departure_from_it(text: str) -> None:
    frame = events(text, "2021-10-05")
    assert list(zip(frame["kind"], frame["place"], strict=True)) == [("departure", "Tashkent International Airport")]


RETURN_HOME = [
    ("uz-latn", "Prezident Bishkekdagi tashrifini yakunlab, Toshkentga qaytib keldi.", "Tashkent"),
    ("uz-cyrl", "Ўзбекистон Республикаси Президенти Бишкекдаги давлат ташрифини якунлаб, Тошкентга қайтиб келди.",
     "Tashkent"),
    ("uz-latn-qaytdi", "Tashrif yakunlandi. Davlat rahbari Toshkentga qaytdi.", "Tashkent"),
    ("uz-cyrl-qaytdi", "Ташриф якунланди. Давлат раҳбари Тошкентга қайтди.", "Tashkent"),
    ("ru", "Президент Кыргызстана вернулся в Бишкек.", "Bishkek"),
    ("en", "Sadyr Japarov has returned to Bishkek.", "Bishkek"),
]


@pytest.mark.parametrize(("text", "city"), [c[1:] for c in RETURN_HOME], ids=[c[0] for c in RETURN_HOME])
def test_the_return_home_is_an_arrival_there(text: str, city: str) -> None:
    frame = events(text, "2025-03-03")
    last = frame.iloc[-1]
    assert (last["kind"], last["city"]) == ("arrival", city)


# -- places: right, or none ------------------------------------------------------------------------------
FALSE_FRIENDS = [
    ("uz-bir-is-one", "Prezident Urganch aeroportida yangi terminal bilan tanishdi. Bir soatda 300 yoʻlovchi "
     "kutib olinadi.", (41.58, 60.64)),
    ("en-alley-is-a-lane", "The president laid a wreath in the Alley of Honour in Baku today.", (40.40, 49.87)),
    ("en-kazakh-is-a-nationality", "The Kazakh President held talks with Mirziyoyev in Tashkent today.",
     (41.31, 69.28)),
    ("ru-japarov-is-a-surname", "Мирзиёев провел переговоры с Жапаровым в Бишкеке.", (42.87, 74.57)),
    ("ru-town-in-a-quoted-title", "В Москве президенты осмотрели выставку «Сокровища Нукуса».", (55.75, 37.62)),
    ("ru-the-attack-happened-elsewhere", "В Москве президент почтил память погибших в теракте в Санкт-Петербурге.",
     (55.75, 37.62)),
    ("ru-hero-city-is-a-dedication", "В Москве президент возложил цветы к памятнику городу-герою Ленинграду.",
     (55.75, 37.62)),
    ("uz-juma-is-friday", "Juma kuni Prezident Samarqandga keldi.", (39.65, 66.96)),
    ("uz-named-after-a-poet", "Prezident Toshkentda Alisher Navoiy nomidagi teatrni ziyorat qildi.", (41.31, 69.28)),
]


@pytest.mark.parametrize(("text", "near"), [c[1:] for c in FALSE_FRIENDS], ids=[c[0] for c in FALSE_FRIENDS])
def test_words_that_look_like_places_do_not_move_the_pin(text: str, near: tuple[float, float]) -> None:
    frame = events(text, "2025-03-03").dropna(subset=["lat"])
    assert len(frame)
    assert all(km(lat, lon, *near) < 60 for lat, lon in zip(frame["lat"], frame["lon"], strict=True))


ROLES = [
    ("uz-title-country", "Qozogʻiston Prezidenti Toshkentga keldi.", "Tashkent"),
    ("ru-relation", "В Ташкенте президенты обсудили отношения между Узбекистаном и Россией на переговорах.",
     "Tashkent"),
    ("en-relations-with-china", "In Astana the leaders held talks on relations with China.", "Astana"),
]


@pytest.mark.parametrize(("text", "city"), [c[1:] for c in ROLES], ids=[c[0] for c in ROLES])
def test_roles_are_not_places(text: str, city: str) -> None:
    frame = events(text, "2025-03-03")
    assert frame.iloc[0]["city"] == city


SOURCES = [
    ("ru-as-akorda-reported", "В Астане, как сообщила Акорда, президенты провели переговоры.", "Astana"),
    ("en-reports-akorda", "In Astana the presidents held talks, reports Akorda.", "Astana"),
]


@pytest.mark.parametrize(("text", "place"), [c[1:] for c in SOURCES], ids=[c[0] for c in SOURCES])
def test_the_source_of_the_news_is_not_the_place(text: str, place: str) -> None:
    assert events(text, "2025-03-03").iloc[0]["place"] == place


LOCUS = [
    ("uz-title-city", "Prezident Bishkek shahriga davlat tashrifi bilan keldi\n\n"
     "Prezidentlar muzokaralar oʻtkazdi. Soʻngra hujjatlar imzolandi.", "Bishkek"),
    ("ru-lead-city", "Визит президента\n\nПрезидент Узбекистана находится в Астане с государственным визитом. "
     "Президенты провели переговоры.", "Astana"),
    ("en-country-gives-the-capital-not-the-country", "Visit to Kyrgyzstan\n\n"
     "The president held talks in Kyrgyzstan today.", "Bishkek"),
    ("ru-short-title-above-the-prose", "Президент прибыл в Самарканд\n\nФото: пресс-служба\n\n"
     "Президент Казахстана прибыл в Узбекистан с визитом. В честь гостя выстроили почетный караул.",
     "Samarkand"),
    ("uz-short-title-above-the-prose", "Prezident Samarqandga yetib bordi\n\nSiyosat\n\n"
     "Qozogʻiston Prezidenti Oʻzbekistonga keldi. Mehmon sharafiga faxriy qorovul saf tortdi.", "Samarkand"),
    ("en-short-title-above-the-prose", "President arrives in Samarkand\n\nPolitics\n\n"
     "The Kazakh president arrived in Uzbekistan on a state visit. A guard of honour lined up for the guest.",
     "Samarkand"),
]


@pytest.mark.parametrize(("text", "city"), [c[1:] for c in LOCUS], ids=[c[0] for c in LOCUS])
def test_events_without_a_place_take_the_story_locus(text: str, city: str) -> None:
    frame = events(text, "2025-03-03")
    frame = frame[frame["status"] == "happened"]
    assert len(frame)
    last = frame.iloc[-1]
    assert km(last["lat"], last["lon"], *_CITY[city]) < 20


_CITY = {"Samarkand": (39.6542, 66.9597), "Bishkek": (42.8746, 74.5698), "Astana": (51.1283, 71.4305), "Tashkent": (41.3111, 69.2797)}
