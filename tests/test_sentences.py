"""Sentence ends (dashboard/extract/segments.py): a full stop after an initial or a short abbreviation
before a number ends no sentence, in every language; a real sentence end still does."""
from __future__ import annotations

import pytest

from dashboard.extract.cues import load_cues
from dashboard.extract.segments import segment
from dashboard.settings import DEFAULT
from dashboard.text import prepare

# (id, text, how many sentences)
CASES = [
    ("uz-Latn-initial", "Sh. Mirziyoyev Xivaga keldi. Mehmonni hokim kutib oldi.", 2),
    ("uz-Latn-initial-one-letter", "Prezident E. Rahmon bilan uchrashdi. Keyin ular bogʻni aylanishdi.", 2),
    ("uz-Cyrl-initial", "Ш. Мирзиёев Хивага келди. Меҳмонни ҳоким кутиб олди.", 2),
    ("ru-initial", "Э. Рахмон прибыл в Худжанд. Затем он посетил музей.", 2),
    ("ru-two-initials", "Президент встретился с К. Токаевым в Астане. Переговоры длились час.", 2),
    ("en-month-abbreviation", "The president arrived in Astana on Dec. 11 for a forum. He met the host.", 2),
    ("en-sept-abbreviation", "Talks were held on Sept. 3 in the capital. A dinner followed.", 2),
    ("en-initial", "The guest was met by J. Smith at the airport. Then the talks began.", 2),
    ("en-number-after-a-sentence", "The leaders signed the papers. 12 agreements were signed in all.", 2),
    ("en-name-then-number", "He met the King of Spain. 14 documents followed.", 2),
    ("ru-number-after-a-sentence", "Лидеры подписали документы. 12 соглашений вступят в силу.", 2),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sentence_ends(text: str, want: int) -> None:
    prepared = prepare("Headline of the story\n\n" + text, DEFAULT.lexicon_dir)
    cues = load_cues(DEFAULT.lexicon_dir, prepared.language)
    body = [s for s in segment(prepared.norm, cues.page, None) if s.role not in ("title", "furniture")]
    assert len(body) == want, [s.text for s in body]
