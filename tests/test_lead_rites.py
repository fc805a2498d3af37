"""The lead retells the body, but the honours of a welcome told in the lead (flags raised, a guard of honour
lined up) are no retelling of another rite told in the body (a wreath laid at a monument): two ceremonies
(dashboard/extract/drafts.py, drop_retold_lead). Per language, on sentences of our own; each row has a twin
whose body tells the honours again, at the monument: the lead retells it, one ceremony."""
from __future__ import annotations

import pytest

from dashboard import extract_events

DAY = "2024-04-08"


def kinds(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, the lead: arrival and honours, the body: a wreath, the body: the honours again at the monument)
RITES = [
    ("uz-latn", "Qirgʻiziston Prezidenti 6 aprel kuni davlat tashrifi bilan Toshkentga keldi. Oliy martabali "
                "mehmon sharafiga davlat bayroqlari koʻtarildi va faxriy qorovul saf tortdi.\n\n",
     "Prezidentlar \"Yangi Oʻzbekiston\" bogʻidagi Mustaqillik monumentiga gulchambar qoʻydi.",
     "\"Yangi Oʻzbekiston\" bogʻidagi Mustaqillik monumenti oldida prezidentlar sharafiga yana faxriy qorovul "
     "saf tortdi."),
    ("uz-cyrl", "Қирғизистон Президенти 6 апрель куни давлат ташрифи билан Тошкентга келди. Олий мартабали "
                "меҳмон шарафига давлат байроқлари кўтарилди ва фахрий қоровул саф тортди.\n\n",
     "Президентлар \"Янги Ўзбекистон\" боғидаги Мустақиллик монументига гулчамбар қўйди.",
     "\"Янги Ўзбекистон\" боғидаги Мустақиллик монументи олдида президентлар шарафига яна фахрий қоровул "
     "саф тортди."),
    ("ru", "6 апреля Президент Кыргызстана прибыл в Ташкент с государственным визитом. В честь гостя были "
           "подняты государственные флаги и выстроен почетный караул.\n\n",
     "Президенты возложили венок к Монументу независимости в парке «Новый Узбекистан».",
     "У Монумента независимости в парке «Новый Узбекистан» президентов снова приветствовал почетный караул."),
    ("en", "On April 6 the President of Kyrgyzstan arrived in Tashkent on a state visit. The national flags "
           "were raised and a guard of honour lined up in honour of the guest.\n\n",
     "The two presidents laid a wreath at the Independence Monument in New Uzbekistan park.",
     "At the Independence Monument in New Uzbekistan park the guard of honour lined up again for the two "
     "presidents."),
]


@pytest.mark.parametrize(("lead", "wreath", "honours"), [r[1:] for r in RITES], ids=[r[0] for r in RITES])
def test_the_leads_honours_are_no_retelling_of_a_wreath_laid(lead: str, wreath: str, honours: str) -> None:
    assert kinds(lead + wreath) == ["arrival", "ceremony", "ceremony"]
    assert kinds(lead + honours) == ["arrival", "ceremony"]
