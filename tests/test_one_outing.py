"""Touring a site and talking with the people there is one outing (``continuing_kinds`` in the lexicons,
read by dashboard/extract/events.py), per language, on sentences of our own. Each row has a twin told as
what came next ("then ..."), which stays two events, so every row can fail both ways."""
from __future__ import annotations

import json

import pytest

from dashboard import extract_events
from dashboard.settings import DEFAULT
from dashboard.vocab import EVENT_KINDS

DAY = "2024-04-08"


def kinds(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, a tour of a site, a talk with the people there, the same told as what came next)
AT_THE_SITE = [
    ("uz-latn", "Prezident 6 aprel kuni Navoiy shahridagi toʻqimachilik korxonasi faoliyati bilan tanishdi.",
     " Davlat rahbari ishchilar bilan muloqot qildi.", " Soʻngra davlat rahbari ishchilar bilan muloqot qildi."),
    ("uz-cyrl", "Президент 6 апрель куни Навоий шаҳридаги тўқимачилик корхонаси фаолияти билан танишди.",
     " Давлат раҳбари ишчилар билан мулоқот қилди.", " Сўнгра давлат раҳбари ишчилар билан мулоқот қилди."),
]


@pytest.mark.parametrize(("tour", "talk", "then"), [c[1:] for c in AT_THE_SITE], ids=[c[0] for c in AT_THE_SITE])
def test_a_talk_with_the_people_at_the_site_is_part_of_the_tour(tour: str, talk: str, then: str) -> None:
    first = kinds(tour)
    assert first in (["tour"], ["meeting"])
    assert kinds(tour + talk) == first
    assert len(kinds(tour + then)) == 2


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_every_lexicon_joins_a_tour_and_a_meeting(lang: str) -> None:
    lexicon = json.loads((DEFAULT.lexicon_dir / f"{lang}.json").read_text(encoding="utf-8"))
    pairs = [frozenset(p) for p in lexicon["continuing_kinds"]]
    assert frozenset({"tour", "meeting"}) in pairs
    assert all(p <= set(EVENT_KINDS) and len(p) == 2 for p in pairs)
