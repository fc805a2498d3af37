"""An earlier visit recalled ("he last visited Uzbekistan in March") is background, no event of the story
(the lexicons' ``background``), per language, on sentences of our own. Each row has a twin telling a visit of
the story (the next day's trip), which stays an event, so every row can fail both ways."""
from __future__ import annotations

import pytest

from dashboard import extract_events

DAY = "2024-04-08"


def kinds(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, the arrival, an earlier visit recalled, a visit of the story)
RECALLED = [
    ("uz-latn", "Qozogʻiston Prezidenti 6 aprel kuni davlat tashrifi bilan Toshkentga keldi.",
     " U oxirgi marta Samarqandga mart oyida tashrif buyurdi.", " U 7 aprel kuni Samarqandga tashrif buyurdi."),
    ("uz-cyrl", "Қозоғистон Президенти 6 апрель куни давлат ташрифи билан Тошкентга келди.",
     " У охирги марта Самарқандга март ойида ташриф буюрди.", " У 7 апрель куни Самарқандга ташриф буюрди."),
    ("ru", "6 апреля Президент Казахстана прибыл в Ташкент с государственным визитом.",
     " В последний раз он посетил Самарканд в марте.", " 7 апреля он посетил Самарканд."),
    ("en", "On April 6 the President of Kazakhstan arrived in Tashkent on a state visit.",
     " He last visited Samarkand in March.", " On April 7 he visited Samarkand."),
]


@pytest.mark.parametrize(("arrival", "recalled", "visit"), [c[1:] for c in RECALLED], ids=[c[0] for c in RECALLED])
def test_an_earlier_visit_recalled_is_no_event(arrival: str, recalled: str, visit: str) -> None:
    assert kinds(arrival + recalled) == ["arrival"]
    assert len(kinds(arrival + visit)) == 2
