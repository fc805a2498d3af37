"""Others as the subject tell no event of the visit; others as the object do (the lexicons' ``others_acting``,
read by dashboard/extract/events.py), per language, on sentences of our own: "participants of the event laid
flowers" is theirs, "the head of state met with residents" is his (Russian tells them apart by case, Uzbek by
the comitative "bilan"). Each row has both, so every row can fail both ways. English has no case: "met with
residents" still reads as others acting (see the report of branch eng-extras)."""
from __future__ import annotations

import pytest

from dashboard import extract_events

DAY = "2024-04-08"


def kinds(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, the arrival, others as the subject, others as the object of the principal's act)
OTHERS = [
    ("uz-latn", "Prezident 6 aprel kuni Namangan viloyatiga keldi.",
     " Tadbir ishtirokchilari yodgorlik poyiga gul qoʻydi.", " Davlat rahbari mahalla aholisi bilan muloqot qildi."),
    ("uz-cyrl", "Президент 6 апрель куни Наманган вилоятига келди.",
     " Тадбир иштирокчилари ёдгорлик пойига гул қўйди.", " Давлат раҳбари маҳалла аҳолиси билан мулоқот қилди."),
    ("ru", "6 апреля Президент прибыл в Наманганскую область.",
     " Участники мероприятия возложили цветы к памятнику.", " Глава государства встретился с жителями махалли."),
]


@pytest.mark.parametrize(("arrival", "subject", "obj"), [c[1:] for c in OTHERS], ids=[c[0] for c in OTHERS])
def test_others_as_subject_are_no_event_others_as_object_are(arrival: str, subject: str, obj: str) -> None:
    assert kinds(arrival + subject) == ["arrival"]
    assert kinds(arrival + obj) == ["arrival", "meeting"]


# (id, the arrival, the ministers' own talks, the principal receiving the ministers)
MINISTERS = [
    ("uz-latn", "Qozogʻiston Prezidenti 6 aprel kuni Toshkentga keldi.",
     " Ikki mamlakat tashqi ishlar vazirlari ham muzokaralar oʻtkazdi.",
     " Davlat rahbari ShHT davlatlari tashqi ishlar vazirlarini qabul qildi."),
    ("uz-cyrl", "Қозоғистон Президенти 6 апрель куни Тошкентга келди.",
     " Икки мамлакат ташқи ишлар вазирлари ҳам музокаралар ўтказди.",
     " Давлат раҳбари ШҲТ давлатлари ташқи ишлар вазирларини қабул қилди."),
    ("ru", "6 апреля Президент Казахстана прибыл в Ташкент.",
     " Министры иностранных дел двух стран также провели переговоры.",
     " Глава государства принял министров иностранных дел стран ШОС."),
]


@pytest.mark.parametrize(("arrival", "theirs", "his"), [c[1:] for c in MINISTERS], ids=[c[0] for c in MINISTERS])
def test_the_ministers_side_talks_are_theirs(arrival: str, theirs: str, his: str) -> None:
    assert kinds(arrival + theirs) == ["arrival"]
    assert kinds(arrival + his) == ["arrival", "meeting"]


def test_english_ministers_opening_the_sentence_act_on_their_own() -> None:
    arrival = "On April 6 the President of Kazakhstan arrived in Tashkent."
    assert kinds(arrival + " The foreign ministers of the two countries also held talks.") == ["arrival"]
    assert kinds(arrival + " The presidents of the two countries also held talks.") == ["arrival", "talks"]
