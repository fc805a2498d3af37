"""Sentence ends (dashboard/extract/segments.py): a full stop after an initial or a short abbreviation
before a number ends no sentence, in every language; a real sentence end still does."""
from __future__ import annotations

import re

import pytest

from dashboard.extract.cues import load_cues
from dashboard.extract.segments import _abbreviated, _sentences, segment
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


# The sentence ends as the look-behind form of the pattern finds them (the mark before the position), on
# texts of our own: a closing quote after the mark, a space lost after a full stop, a mark right before
# the paragraph's start (a dateline cut off), several marks in a row
_REFERENCE = re.compile(r"(?<=[.!?…])[\"”»)]*\s+(?=[\"“„«(]?[^\W\d_a-zа-я]|\d)"
                        r"|(?<=[a-zа-яёўқғҳ]{4}\.)(?=[A-ZА-ЯЁЎҚҒҲ][a-zа-яёўқғҳ])")
ENDS = [
    ("plain", "Mehmon keldi. Muzokaralar boshlandi! Nima dedi? Hech narsa.", 4),
    ("quote-after-mark", "U «Xush kelibsiz.» dedi. «Rahmat!» — javob berdi.", 2),
    ("space-lost", "Prezident matbuot xizmati.Shavkat Mirziyoyev keldi.", 2),
    ("marks-in-a-row", "Nahotki?! Ha… Albatta. 12 hujjat imzolandi.", 4),
    ("after-a-dateline", "TOSHKENT, 5 aprel. Prezident keldi. Mehmon kutib olindi.", 3),
]


@pytest.mark.parametrize(("text", "count"), [c[1:] for c in ENDS], ids=[c[0] for c in ENDS])
def test_sentence_ends_are_found_where_the_mark_is(text: str, count: int) -> None:
    assert len(_sentences(text, 0, len(text))) == count
    for start in range(len(text)):      # every start: a paragraph may begin right after a mark
        assert _sentences(text, start, len(text)) == _reference_sentences(text, start), start


def _reference_sentences(text: str, start: int) -> list[tuple[int, int]]:
    """``_sentences`` as it was written with the look-behind pattern."""
    out, cur = [], start
    for m in _REFERENCE.finditer(text, start, len(text)):
        if _abbreviated(text, m.start(), m.end()):
            continue
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]
