"""Who came on a visit, said of the subject, is no arrival (the lexicons' ``subordinate``), per language, on
sentences of our own: "the Prime Minister, who came on an official visit, laid flowers" tells the flowers;
the arrival is background the reader knows. Each row has a twin telling the arrival as its own sentence,
which stays an arrival, so every row can fail both ways."""
from __future__ import annotations

import pytest

from dashboard import extract_events

DAY = "2024-04-08"


def kinds(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, the arrival as an attribute of the subject, the arrival told as an act of its own)
ATTRIBUTE = [
    ("uz-latn", "Rasmiy tashrif bilan mamlakatimizga kelgan Malayziya Bosh vaziri 6 aprel kuni «Yangi Oʻzbekiston» "
                "bogʻiga tashrif buyurib, Mustaqillik monumenti poyiga gul qoʻydi.",
     "Malayziya Bosh vaziri 6 aprel kuni rasmiy tashrif bilan mamlakatimizga keldi. U «Yangi Oʻzbekiston» "
     "bogʻiga tashrif buyurib, Mustaqillik monumenti poyiga gul qoʻydi."),
    ("uz-cyrl", "Расмий ташриф билан мамлакатимизга келган Малайзия Бош вазири 6 апрель куни «Янги Ўзбекистон» "
                "боғига ташриф буюриб, Мустақиллик монументи пойига гул қўйди.",
     "Малайзия Бош вазири 6 апрель куни расмий ташриф билан мамлакатимизга келди. У «Янги Ўзбекистон» "
     "боғига ташриф буюриб, Мустақиллик монументи пойига гул қўйди."),
    ("ru", "6 апреля прибывший с официальным визитом в Узбекистан премьер-министр Малайзии посетил парк «Новый "
           "Узбекистан» и возложил цветы к Монументу независимости.",
     "6 апреля премьер-министр Малайзии прибыл с официальным визитом в Узбекистан. Он посетил парк «Новый "
     "Узбекистан» и возложил цветы к Монументу независимости."),
    ("en", "On April 6 the Prime Minister of Malaysia, who arrived in Uzbekistan on an official visit, visited the "
           "New Uzbekistan park and laid flowers at the Independence Monument.",
     "On April 6 the Prime Minister of Malaysia arrived in Uzbekistan on an official visit. He visited the New "
     "Uzbekistan park and laid flowers at the Independence Monument."),
]


@pytest.mark.parametrize(("attribute", "told"), [c[1:] for c in ATTRIBUTE], ids=[c[0] for c in ATTRIBUTE])
def test_who_came_on_a_visit_is_no_arrival(attribute: str, told: str) -> None:
    assert kinds(attribute) == ["ceremony"]
    assert kinds(told) == ["arrival", "ceremony"]
