"""One arrival told twice is one event (dashboard/extract/twins.py), per language, on sentences of our own:
the arrival told, an event in the city, then the arrival retold (a closing summary). Each row has a twin
where the second arrival gives another day of its own (the guest came back): two arrivals, so every row can
fail both ways."""
from __future__ import annotations

import datetime as dt

import pytest

from dashboard import extract_events
from dashboard.extract.drafts import Draft
from dashboard.extract.twins import arrivals_joined
from dashboard.places import load_gazetteer
from dashboard.settings import DEFAULT

DAY = "2024-04-08"


def happened(text: str) -> list[tuple[str, str]]:
    frame = extract_events(text, DAY)
    frame = frame[frame["status"] == "happened"]
    return list(zip(frame["kind"], frame["date"], strict=True))


# (id, the arrival and the talks in the city, the arrival retold, an arrival in the same city another day)
RETOLD = [
    ("uz-latn", "Qirgʻiziston Prezidenti 6 aprel kuni ishchi tashrif bilan Astanaga keldi. Prezidentlar "
                "Oqoʻrdada muzokaralar oʻtkazdi.",
     " Sadir Japarov Astanaga Qozogʻiston Prezidentining taklifiga binoan keldi.",
     " 7 aprel kuni Qirgʻiziston Prezidenti yana Astanaga keldi."),
    ("uz-cyrl", "Қирғизистон Президенти 6 апрель куни ишчи ташриф билан Остонага келди. Президентлар "
                "Оқўрдада музокаралар ўтказди.",
     " Садир Жапаров Остонага Қозоғистон Президентининг таклифига биноан келди.",
     " 7 апрель куни Қирғизистон Президенти яна Остонага келди."),
    ("ru", "6 апреля Президент Кыргызстана прибыл в Астану с рабочим визитом. Президенты провели переговоры "
           "в Акорде.",
     " Садыр Жапаров прибыл в Астану по приглашению Президента Казахстана.",
     " 7 апреля Президент Кыргызстана снова прибыл в Астану."),
    ("en", "On April 6 the President of Kyrgyzstan arrived in Astana on a working visit. The presidents held "
           "talks at the Akorda palace.",
     " Sadyr Japarov arrived in Astana at the invitation of the President of Kazakhstan.",
     " On April 7 the President of Kyrgyzstan arrived in Astana again."),
]


@pytest.mark.parametrize(("told", "retold", "again"), [c[1:] for c in RETOLD], ids=[c[0] for c in RETOLD])
def test_an_arrival_retold_in_the_same_city_is_one(told: str, retold: str, again: str) -> None:
    first = [("arrival", "2024-04-06"), ("talks", "2024-04-06")]
    assert happened(told + retold) == first
    assert happened(told + again) == [*first, ("arrival", "2024-04-07")]


# (id, the lead: arrived "the day before"; the body: met at the airport, then the talks)
LEAD_AND_BODY = [
    ("ru", "Жапаров в Астане\n\nПрезидент Кыргызстана Садыр Жапаров накануне прибыл в Астану с рабочим визитом, "
           "сообщила его пресс-служба.\n\nВ аэропорту столицы его встретил премьер-министр Казахстана. Был "
           "выстроен почетный караул.\n\nЗатем лидеры провели переговоры в Акорде."),
]


@pytest.mark.parametrize("text", [c[1] for c in LEAD_AND_BODY], ids=[c[0] for c in LEAD_AND_BODY])
def test_the_lead_and_the_body_tell_one_arrival(text: str) -> None:
    frame = extract_events(text, DAY)
    arrivals = frame[frame["kind"] == "arrival"]
    assert list(arrivals["date"]) == ["2024-04-07"]              # the lead's own day, not the running day
    assert list(arrivals["place_kind"]) == ["airport"]           # the body's finer place


def draft(kind: str, day: int, role: str = "body", dated: bool = True) -> Draft:
    return Draft(kind=kind, sentences=[], role=role, date=dt.date(2024, 4, day), precision="day",
                 strong=True, dated=dated)


def test_a_departure_from_somewhere_keeps_two_arrivals_apart() -> None:
    leave = draft("departure", 6)
    leave.mention = load_gazetteer(DEFAULT.places_dir).find("Bishkek")[0]    # he left from somewhere
    drafts = [draft("arrival", 6), leave, draft("arrival", 6, dated=False)]
    assert [d.kind for d in arrivals_joined(drafts)] == ["arrival", "departure", "arrival"]
    drafts = [draft("arrival", 6), draft("departure", 6, dated=False), draft("arrival", 6, dated=False)]
    assert [d.kind for d in arrivals_joined(drafts)] == ["arrival", "departure"]   # the journey, told again


def test_the_bodys_date_wins_over_the_leads() -> None:
    lead, body = draft("arrival", 8, role="lead"), draft("arrival", 6)
    joined = arrivals_joined([body, lead])
    assert joined == [body] and body.date is not None and body.date.day == 6
    assert [d.kind for d in arrivals_joined([draft("arrival", 8), draft("arrival", 6)])] == ["arrival"] * 2


# (id, the honours at the plane told before the landing, the landing at the airport, a welcome ceremony
#  named in its own sentence instead of the honours: an event beside the arrival)
HONOURS_FIRST = [
    ("uz-latn", "6 aprel kuni Qirgʻiziston Prezidenti samolyoti oldida faxriy qorovul saf tortdi.",
     " Astana aeroportida mehmonni Qozogʻiston Bosh vaziri kutib oldi.",
     "6 aprel kuni Qirgʻiziston Prezidentini rasmiy kutib olish marosimi boʻlib oʻtdi."),
    ("uz-cyrl", "6 апрель куни Қирғизистон Президенти самолёти олдида фахрий қоровул саф тортди.",
     " Астана аэропортида меҳмонни Қозоғистон Бош вазири кутиб олди.",
     "6 апрель куни Қирғизистон Президентини расмий кутиб олиш маросими бўлиб ўтди."),
    ("ru", "6 апреля у трапа самолета Президента Кыргызстана был выстроен почетный караул.",
     " В аэропорту Астаны гостя встретил премьер-министр Казахстана.",
     "6 апреля в аэропорту состоялась торжественная церемония встречи Президента Кыргызстана."),
    ("en", "On April 6 a guard of honour lined up at the plane of the President of Kyrgyzstan.",
     " At Astana airport the guest was welcomed by the Prime Minister of Kazakhstan.",
     "On April 6 an official welcome ceremony for the President of Kyrgyzstan was held."),
]


@pytest.mark.parametrize(("honours", "landing", "named"), [c[1:] for c in HONOURS_FIRST],
                         ids=[c[0] for c in HONOURS_FIRST])
def test_the_honours_told_before_the_landing_are_its_scene(honours: str, landing: str, named: str) -> None:
    assert [k for k, _ in happened(honours + landing)] == ["arrival"]
    # beside the arrival (in either order: a ceremony placed at the airport comes after the landing there)
    assert sorted(k for k, _ in happened(named + landing)) == ["arrival", "ceremony"]


@pytest.mark.parametrize(("retold", "arrivals"), [
    (" Sadyr Japarov arrived in Astana at the invitation of the President of Kazakhstan.", 1),
    (" Sadyr Japarov arrived in Almaty at the invitation of the businessmen.", 2),
], ids=["same-city", "another-city"])
def test_a_venue_of_the_city_between_is_no_trip_elsewhere(retold: str, arrivals: int) -> None:
    told = ("On April 6 the President of Kyrgyzstan arrived at Astana airport. The presidents held talks at the "
            "Akorda palace.")
    assert [k for k, _ in happened(told + retold)].count("arrival") == arrivals
