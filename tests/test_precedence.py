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


# (id, the leaving told first, the two activities of that day told as a recap in one sentence, the same two
#  told plainly: they follow the leaving as told)
RECAP = [
    ("uz-latn", "Oʻzbekiston Prezidenti 6 aprel kuni ishchi tashrif bilan Moskvaga joʻnab ketdi.",
     " Bundan oldin u Toshkentdagi yodgorlikka gul qoʻydi va sanatoriyda faxriylar bilan uchrashdi.",
     " Shu kuni u Toshkentdagi yodgorlikka gul qoʻydi va sanatoriyda faxriylar bilan uchrashdi."),
    ("uz-cyrl", "Ўзбекистон Президенти 6 апрель куни ишчи ташриф билан Москвага жўнаб кетди.",
     " Бундан олдин у Тошкентдаги ёдгорликка гул қўйди ва санаторийда фахрийлар билан учрашди.",
     " Шу куни у Тошкентдаги ёдгорликка гул қўйди ва санаторийда фахрийлар билан учрашди."),
    ("ru", "6 апреля Президент Узбекистана отбыл в Москву с рабочим визитом.",
     " Ранее в тот же день он возложил цветы к мемориалу в Ташкенте и навестил ветеранов в санатории.",
     " В тот же день он возложил цветы к мемориалу в Ташкенте и навестил ветеранов в санатории."),
    ("en", "On April 6 the President of Uzbekistan left for Moscow on a working visit.",
     " Earlier that day he laid flowers at a memorial in Tashkent and held a meeting with war veterans at a "
     "sanatorium.",
     " That day he laid flowers at a memorial in Tashkent and held a meeting with war veterans at a sanatorium."),
]


@pytest.mark.parametrize(("leaving", "recap", "plain"), [r[1:] for r in RECAP], ids=[r[0] for r in RECAP])
def test_every_activity_of_a_recap_sentence_comes_before_what_was_told_first(leaving: str, recap: str,
                                                                             plain: str) -> None:
    told = kinds(leaving + recap)
    assert len(told) == 3 and told[-1] == "departure"
    told = kinds(leaving + plain)
    assert len(told) == 3 and told[0] == "departure"


# (id, the concert told first, a recap of the welcome and its sequel "after that" the talks, the same without
#  "earlier": the welcome and the talks follow the concert as told)
SEQUEL = [
    ("uz-latn", "Prezidentlar 6 aprel kuni “Astana Opera” teatrida xalq musiqasi kontsertini tomosha qildi.",
     " Avvalroq Oqoʻrdada mehmonni rasmiy kutib olish marosimi boʻlib oʻtdi.",
     " Oqoʻrdada mehmonni rasmiy kutib olish marosimi boʻlib oʻtdi.",
     " Shundan soʻng prezidentlar tor doirada muzokara oʻtkazdi."),
    ("uz-cyrl", "Президентлар 6 апрель куни “Astana Opera” театрида халқ мусиқаси концертини томоша қилди.",
     " Аввалроқ Оқўрдада меҳмонни расмий кутиб олиш маросими бўлиб ўтди.",
     " Оқўрдада меҳмонни расмий кутиб олиш маросими бўлиб ўтди.",
     " Шундан сўнг президентлар тор доирада музокара ўтказди."),
    ("ru", "6 апреля президенты посетили концерт народной музыки в театре «Астана Опера».",
     " Ранее в Акорде состоялась церемония официальной встречи гостя.",
     " В Акорде состоялась церемония официальной встречи гостя.",
     " После этого президенты провели переговоры в узком формате."),
    ("en", "On April 6 the presidents attended a concert of folk music at the Astana Opera theatre.",
     " Earlier, an official welcome ceremony for the guest was held at the Akorda palace.",
     " An official welcome ceremony for the guest was held at the Akorda palace.",
     " After that, the presidents held talks in a narrow format."),
]


@pytest.mark.parametrize(("concert", "recap", "plain", "sequel"), [r[1:] for r in SEQUEL],
                         ids=[r[0] for r in SEQUEL])
def test_the_sequel_of_a_recap_comes_before_what_was_told_first(concert: str, recap: str, plain: str,
                                                                sequel: str) -> None:
    assert kinds(concert + recap + sequel) == ["ceremony", "talks", "other"]
    assert kinds(concert + plain + sequel) == ["other", "ceremony", "talks"]


# (id, a meeting in the capital told first, the same meeting in a town of the region, the arrival in the
#  region that day: the capital's meeting came before the trip, the town's after the arrival)
REGION = [
    ("uz-latn", "Oʻzbekiston Prezidenti 6 aprel kuni Toshkentda tadbirkorlar bilan uchrashdi.",
     "Oʻzbekiston Prezidenti 6 aprel kuni Urgutda tadbirkorlar bilan uchrashdi.",
     " Shu kuni Prezident Samarqand viloyatiga keldi."),
    ("uz-cyrl", "Ўзбекистон Президенти 6 апрель куни Тошкентда тадбиркорлар билан учрашди.",
     "Ўзбекистон Президенти 6 апрель куни Ургутда тадбиркорлар билан учрашди.",
     " Шу куни Президент Самарқанд вилоятига келди."),
    ("ru", "6 апреля Президент Узбекистана встретился с предпринимателями в Ташкенте.",
     "6 апреля Президент Узбекистана встретился с предпринимателями в Ургуте.",
     " В тот же день Президент прибыл в Самаркандскую область."),
    ("en", "On April 6 the President of Uzbekistan held a meeting with entrepreneurs in Tashkent.",
     "On April 6 the President of Uzbekistan held a meeting with entrepreneurs in Urgut.",
     " The President of Uzbekistan arrived in the Samarkand region that day."),
]


@pytest.mark.parametrize(("capital", "town", "arrival"), [r[1:] for r in REGION], ids=[r[0] for r in REGION])
def test_the_arrival_in_a_region_goes_before_that_days_events_in_the_region_only(capital: str, town: str,
                                                                                 arrival: str) -> None:
    assert kinds(capital + arrival)[-1] == "arrival"
    assert kinds(town + arrival)[0] == "arrival"
