"""Who came on a visit, said of the subject, is no arrival (the lexicons' ``subordinate``), per language, on
sentences of our own: "the Prime Minister, who came on an official visit, laid flowers" tells the flowers;
the arrival is background the reader knows. Each row has a twin telling the arrival as its own sentence,
which stays an arrival, so every row can fail both ways. Likewise what a guest is invited to at the place a
departure goes to ("left for Kazakhstan, where he was invited to the opening ceremony") tells no opening."""
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


# (id, a departure to a country described by what its guest is invited to there, the same ceremony told as
#  the guest's own act that day)
INVITED_TO = [
    ("uz-latn", "Turkmaniston Prezidenti 6 aprel kuni faxriy mehmon sifatida xalqaro koʻrgazmaning ochilish "
                "marosimiga taklif etilgan Qozogʻistonga joʻnab ketdi.",
     "Turkmaniston Prezidenti 6 aprel kuni xalqaro koʻrgazmaning ochilish marosimida ishtirok etdi."),
    ("uz-cyrl", "Туркманистон Президенти 6 апрель куни фахрий меҳмон сифатида халқаро кўргазманинг очилиш "
                "маросимига таклиф этилган Қозоғистонга жўнаб кетди.",
     "Туркманистон Президенти 6 апрель куни халқаро кўргазманинг очилиш маросимида иштирок этди."),
    ("ru", "6 апреля Президент Туркменистана отбыл в Казахстан, куда приглашён в качестве почётного гостя на "
           "церемонию открытия международной выставки.",
     "6 апреля Президент Туркменистана принял участие в церемонии открытия международной выставки."),
    ("en", "On April 6 the President of Turkmenistan left Ashgabat for Kazakhstan, where he was invited as a "
           "guest of honour to the opening ceremony of the international exhibition.",
     "On April 6 the President of Turkmenistan took part in the opening ceremony of the international "
     "exhibition."),
]


@pytest.mark.parametrize(("invited", "told"), [c[1:] for c in INVITED_TO], ids=[c[0] for c in INVITED_TO])
def test_what_one_is_invited_to_at_the_destination_is_no_act_of_the_journey(invited: str, told: str) -> None:
    assert kinds(invited) == ["departure"]
    assert kinds(told) == ["opening"]
