"""An arrival told at a city or a country lands at the airport named right after it (in its own further
sentences or in the next event's first sentence, the same day); not at an airport of another city.
Sentences of the project's own writing."""
from __future__ import annotations

import pytest

from dashboard import extract_events

HUMO = "Tashkent-Humo International Airport"


def arrival_place(text: str) -> str:
    frame = extract_events(text, published="2025-11-14")
    rows = frame[frame["kind"] == "arrival"]
    assert not rows.empty
    return str(rows.iloc[0]["place"])


LANDS = [
    ("uz-Latn", "Qozogʻiston Prezidenti bugun davlat tashrifi bilan Oʻzbekistonga keldi. “Toshkent-Humo” "
                "xalqaro aeroportida ikki davlat rahbarlari qisqa uchrashuv oʻtkazdi."),
    ("uz-Cyrl", "Қозоғистон Президенти бугун давлат ташрифи билан Ўзбекистонга келди. “Тошкент-Ҳумо” халқаро "
                "аэропортида икки давлат раҳбарлари қисқа учрашув ўтказди."),
    ("ru", "Президент Казахстана сегодня прибыл с государственным визитом в Узбекистан. В аэропорту "
           "Ташкент-Хумо лидеры провели короткую беседу."),
    ("en", "Today the President of Kazakhstan arrived in Tashkent on a state visit. He became the first guest "
           "to land at the new Tashkent-Humo International Airport."),
]

# an airport of another city told the same day is a visit there, not where the plane landed
ELSEWHERE = [
    ("uz-Latn", "Qozogʻiston Prezidenti bugun davlat tashrifi bilan Toshkentga keldi. Soʻng rahbarlar Samarqand "
                "xalqaro aeroportining yangi terminalini koʻzdan kechirdi.", "Tashkent"),
    ("en", "Today the President of Kazakhstan arrived in Tashkent on a state visit. The leaders then visited "
           "the new terminal of Samarkand airport.", "Tashkent"),
]


@pytest.mark.parametrize(("lang", "text"), LANDS, ids=[r[0] for r in LANDS])
def test_arrival_lands_at_the_airport_told_next(lang: str, text: str) -> None:
    assert arrival_place(text) == HUMO


@pytest.mark.parametrize(("lang", "text", "city"), ELSEWHERE, ids=[r[0] for r in ELSEWHERE])
def test_an_airport_of_another_city_is_not_the_landing(lang: str, text: str, city: str) -> None:
    assert arrival_place(text) == city


# "after his participation in the summit in X": X is where something earlier happened, not where the
# sentence's own event is (it stays where the story is)
EARLIER = [
    ("ru", "ДУШАНБЕ, 4 июля. Президент Китая прибыл в Душанбе с государственным визитом. После участия в "
           "саммите в Астане он провел переговоры с президентом Таджикистана."),
    ("en", "DUSHANBE, July 4. The President of China arrived in Dushanbe on a state visit. After his "
           "participation in the summit in Astana, he held talks with the President of Tajikistan."),
]


@pytest.mark.parametrize(("lang", "text"), EARLIER, ids=[r[0] for r in EARLIER])
def test_a_place_of_something_earlier_is_not_the_events(lang: str, text: str) -> None:
    frame = extract_events(text, published="2025-07-04")
    assert list(frame["place"]) == ["Dushanbe", "Dushanbe"]
