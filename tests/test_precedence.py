"""One arrives in a city before doing anything there that day (dashboard/extract/precedence.py), per
language, on sentences of our own: a wreath laid at a monument of the city told first, the landing at the
city's airport told after it. Each row has a twin whose landing is in another city (the next leg of a trip),
which keeps the order told, so every row can fail both ways."""
from __future__ import annotations

import pytest

from dashboard import extract_events

DAY = "2024-04-08"


def kinds(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, the wreath laid in the city, the landing at its airport that day, a landing in another city that day)
LANDINGS = [
    ("uz-latn", "Qirgʻiziston Prezidenti 6 aprel kuni Toshkentdagi Mustaqillik monumentiga gulchambar qoʻydi.",
     " Shu kuni Qirgʻiziston Prezidenti davlat tashrifi bilan Toshkent xalqaro aeroportiga keldi.",
     " Shu kuni Qirgʻiziston Prezidenti davlat tashrifi bilan Samarqandga keldi."),
    ("uz-cyrl", "Қирғизистон Президенти 6 апрель куни Тошкентдаги Мустақиллик монументига гулчамбар қўйди.",
     " Шу куни Қирғизистон Президенти давлат ташрифи билан Тошкент халқаро аэропортига келди.",
     " Шу куни Қирғизистон Президенти давлат ташрифи билан Самарқандга келди."),
    ("ru", "6 апреля Президент Кыргызстана возложил венок к Монументу независимости в Ташкенте.",
     " В тот же день Президент Кыргызстана прибыл в аэропорт Ташкента с государственным визитом.",
     " В тот же день Президент Кыргызстана прибыл в Самарканд с государственным визитом."),
    ("en", "On April 6 the President of Kyrgyzstan laid a wreath at the Independence Monument in Tashkent.",
     " The President of Kyrgyzstan arrived at Tashkent airport on a state visit that day.",
     " The President of Kyrgyzstan arrived in Samarkand on a state visit that day."),
]


@pytest.mark.parametrize(("wreath", "landing", "elsewhere"), [r[1:] for r in LANDINGS],
                         ids=[r[0] for r in LANDINGS])
def test_the_landing_in_a_city_comes_before_that_days_events_there(wreath: str, landing: str,
                                                                   elsewhere: str) -> None:
    assert kinds(wreath + landing) == ["arrival", "ceremony"]
    assert kinds(wreath + elsewhere) == ["ceremony", "arrival"]


def test_an_event_of_another_day_keeps_its_place_before_the_landing() -> None:
    text = ("On April 5 the President of Kyrgyzstan laid a wreath at the Independence Monument in Tashkent. "
            "On April 6 the President of Kyrgyzstan arrived at Tashkent airport again.")
    assert kinds(text) == ["ceremony", "arrival"]
