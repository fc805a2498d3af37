"""Coordinated clauses (dashboard/extract/clauses.py, the lexicons' ``coordinators``), on sentences of our
own: Uzbek puts the verb last, so a finite verb followed by a comma ends a clause ("... imzoladi, Japarov esa
... topshirdi"): each clause with its own activity is its own event. Russian and English already cut at
", а" and ", and"; a row of each checks that the two readings agree."""
from __future__ import annotations

import pytest

from dashboard import extract_events

DAY = "2025-11-21"


def kinds(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, a signing and an award told in two clauses of one sentence)
FINITE_VERB = [
    ("uz-latn", "Prezidentlar 21 noyabr kuni chegara boʻyicha bayonnomani imzoladi, Qirgʻiziston Prezidenti esa "
                "mehmonga “Manas” ordenini topshirdi."),
    ("uz-cyrl", "Президентлар 21 ноябрь куни чегара бўйича баённомани имзолади, Қирғизистон Президенти эса "
                "меҳмонга “Манас” орденини топширди."),
    ("ru", "21 ноября президенты подписали протокол о границе, а Президент Кыргызстана вручил гостю орден «Манас»."),
    ("en", "On November 21 the presidents signed a protocol on the border, and the President of Kyrgyzstan "
           "presented the guest with the Order of Manas."),
]


@pytest.mark.parametrize("text", [r[1] for r in FINITE_VERB], ids=[r[0] for r in FINITE_VERB])
def test_each_clause_of_its_own_tells_its_own_event(text: str) -> None:
    assert kinds(text) == ["signing", "ceremony"]
