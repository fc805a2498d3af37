"""One activity told twice is one event (dashboard/extract/drafts.py), per language, on sentences of our own:
the welcome told in a city and then at its venue with the honours, and the honours told of the countries'
heads (a country named is no place of its own). Each row has a twin told as what came next, which stays
two events, so every row can fail both ways."""
from __future__ import annotations

import pytest

from dashboard import extract_events

DAY = "2024-04-05"


def happened(text: str) -> list[tuple[str, str]]:
    frame = extract_events(text, DAY)
    frame = frame[frame["status"] == "happened"]
    return list(zip(frame["kind"], frame["place_kind"].fillna(""), strict=True))


# (id, the welcome in the city, the guest reaching its venue and the honours there: the same welcome,
#  the same told as what came next: "then" opens another act)
AT_THE_VENUE = [
    ("uz-latn", "Toshkentda 5 aprel kuni mehmonni rasmiy kutib olish marosimi boʻlib oʻtdi.",
     " Kortej Koʻksaroy qarorgohiga yetib keldi. Faxriy qorovul saf tortdi, davlat madhiyalari yangradi.",
     " Soʻngra kortej Koʻksaroy qarorgohiga yetib keldi. Faxriy qorovul saf tortdi, davlat madhiyalari yangradi."),
    ("uz-cyrl", "Тошкентда 5 апрель куни меҳмонни расмий кутиб олиш маросими бўлиб ўтди.",
     " Кортеж Кўксарой қароргоҳига етиб келди. Фахрий қоровул саф тортди, давлат мадҳиялари янгради.",
     " Сўнгра кортеж Кўксарой қароргоҳига етиб келди. Фахрий қоровул саф тортди, давлат мадҳиялари янгради."),
    ("ru", "В Бишкеке 5 апреля состоялась церемония официальной встречи гостя.",
     " Кортеж гостя прибыл к резиденции «Ынтымак Ордо». Выстроен почетный караул, прозвучали гимны двух стран.",
     " Затем кортеж гостя прибыл к резиденции «Ынтымак Ордо». Выстроен почетный караул, прозвучали гимны "
     "двух стран."),
]


@pytest.mark.parametrize(("welcome", "venue", "then"), [c[1:] for c in AT_THE_VENUE],
                         ids=[c[0] for c in AT_THE_VENUE])
def test_the_welcome_in_the_city_and_at_its_venue_is_one(welcome: str, venue: str, then: str) -> None:
    assert happened(welcome + venue) == [("ceremony", "landmark")]
    assert happened(welcome + then) == [("ceremony", "city"), ("ceremony", "landmark")]


# (id, the welcome, the honours told of the two countries' heads, a wreath told of them next)
OF_THE_COUNTRIES = [
    ("uz-latn", "Prezident 5 aprel kuni Anqaraga keldi.\n\nAnqarada mehmonni rasmiy kutib olish marosimi "
                "boʻlib oʻtdi.",
     " Soʻngra Qirgʻiziston va Turkiya rahbarlari faxriy qorovul safi oldidan oʻtdi.",
     " Soʻngra Qirgʻiziston va Turkiya rahbarlari Otaturk maqbarasiga gulchambar qoʻydi."),
    ("ru", "Президент 5 апреля прибыл в Анкару.\n\nВ Анкаре состоялась церемония официальной встречи гостя.",
     " Затем прозвучали гимны, главы Кыргызстана и Турции прошли вдоль строя почетного караула.",
     " Затем главы Кыргызстана и Турции возложили венок к мавзолею Ататюрка."),
    ("en", "The president arrived in Ankara on April 5.\n\nAn official welcome ceremony for the guest was held "
           "in Ankara.",
     " Then the anthems were played and the heads of Kyrgyzstan and Turkey walked along the guard of honour.",
     " Then the heads of Kyrgyzstan and Turkey laid a wreath at the mausoleum of Ataturk."),
]


@pytest.mark.parametrize(("welcome", "honours", "rite"), [c[1:] for c in OF_THE_COUNTRIES],
                         ids=[c[0] for c in OF_THE_COUNTRIES])
def test_a_country_named_in_the_honours_is_no_other_place(welcome: str, honours: str, rite: str) -> None:
    assert [k for k, _ in happened(welcome + honours)] == ["arrival", "ceremony"]
    assert [k for k, _ in happened(welcome + rite)] == ["arrival", "ceremony", "ceremony"]


def told(text: str) -> list[tuple[str, str]]:
    frame = extract_events(text, DAY)
    return list(zip(frame["kind"], frame["status"], strict=True))


# (id, an arrival at a residence, the welcome there announced: still the arrival; the honours told: the
#  arrival was the welcome)
AT_A_RESIDENCE = [
    ("uz-latn", "Prezident 5 aprel kuni «Ala-Archa» davlat qarorgohiga yetib keldi.",
     " Bu yerda mehmonni rasmiy kutib olish marosimi boʻlib oʻtadi.",
     " Qarorgoh oldida faxriy qorovul saf tortdi, davlat madhiyalari yangradi."),
    ("uz-cyrl", "Ўзбекистон Президенти 5 апрель куни «Ала-Арча» давлат қароргоҳига етиб келди.",
     " Бу ерда меҳмонни расмий кутиб олиш маросими бўлиб ўтади.",
     " Қароргоҳ олдида фахрий қоровул саф тортди, давлат мадҳиялари янгради."),
    ("ru", "Президент 5 апреля прибыл в госрезиденцию «Ала-Арча».",
     " Здесь пройдет церемония официальной встречи гостя.",
     " У входа выстроен почетный караул, прозвучали гимны двух стран."),
    ("en", "The president arrived at the Ala-Archa state residence on April 5.",
     " The official welcome ceremony will be held here.",
     " A guard of honour lined up and the anthems were played."),
]


@pytest.mark.parametrize(("arrived", "announced", "honours"), [c[1:] for c in AT_A_RESIDENCE],
                         ids=[c[0] for c in AT_A_RESIDENCE])
def test_an_arrival_at_a_residence_is_its_welcome_only_when_told(arrived: str, announced: str,
                                                                   honours: str) -> None:
    assert told(arrived + announced) == [("arrival", "happened"), ("ceremony", "planned")]
    assert told(arrived + honours) == [("ceremony", "happened")]


# (id, a landing at an airport, a sentence naming the welcome ceremony held there: an event of its own;
#  a sentence telling only the honours there: the arrival's scene)
AIRPORT_CEREMONY = [
    ("uz-latn", "Prezident 5 aprel kuni Samarqand xalqaro aeroportiga yetib keldi.",
     " Samarqand xalqaro aeroportida mehmonni rasmiy kutib olish marosimi boʻlib oʻtdi.",
     " Samarqand xalqaro aeroportida ikki davlat bayroqlari koʻtarildi, faxriy qorovul saf tortdi."),
    ("uz-cyrl", "Ўзбекистон Президенти 5 апрель куни Самарқанд халқаро аэропортига етиб келди.",
     " Самарқанд халқаро аэропортида меҳмонни расмий кутиб олиш маросими бўлиб ўтди.",
     " Самарқанд халқаро аэропортида икки давлат байроқлари кўтарилди, фахрий қоровул саф тортди."),
    ("ru", "Президент 5 апреля прибыл в международный аэропорт Самарканда.",
     " В международном аэропорту Самарканда состоялась церемония официальной встречи.",
     " В международном аэропорту Самарканда подняты флаги двух стран, выстроен почетный караул."),
    ("en", "The president arrived at the Samarkand International Airport on April 5.",
     " An official welcome ceremony was held at the Samarkand International Airport.",
     " At the Samarkand International Airport the national flags were raised and a guard of honour lined up."),
]


@pytest.mark.parametrize(("landed", "ceremony", "honours"), [c[1:] for c in AIRPORT_CEREMONY],
                         ids=[c[0] for c in AIRPORT_CEREMONY])
def test_a_welcome_ceremony_named_at_the_airport_is_its_own_event(landed: str, ceremony: str,
                                                                   honours: str) -> None:
    assert happened(landed + ceremony) == [("arrival", "airport"), ("ceremony", "airport")]
    assert happened(landed + honours) == [("arrival", "airport")]


def test_decorated_with_flags_is_no_award() -> None:
    assert happened("The airport of Samarkand was decorated with flags and portraits on April 5.") == []
    assert [k for k, _ in happened("In Samarkand on April 5 the guest was decorated with the Order of "
                                   "Friendship.")] == ["ceremony"]
