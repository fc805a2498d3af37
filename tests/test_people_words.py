"""Participants are people: a capitalised run that holds a body's word ("Parliament", "Meeting", "Парламента",
"Правительства") or an adverb ("Faqat", only) names nobody, or the name after it (languages.json's
not_in_names). Every sentence here is written for these tests."""
from __future__ import annotations

import pytest

from dashboard.extract.cues import load_cues
from dashboard.extract.people import participants
from dashboard.extract.segments import segment
from dashboard.settings import DEFAULT
from dashboard.text import prepare


def names(text: str) -> tuple[str, list[str]]:
    prepared = prepare(text, DEFAULT.lexicon_dir)
    cues = load_cues(DEFAULT.lexicon_dir, prepared.language)
    return prepared.tag, participants(segment(prepared.norm, cues.page, cues.clause_split), cues)


NOBODY = [
    ("en-parliament", "The guests were received by the Chairman of the Mazhilis of Parliament Rustam Karimov.",
     "en-Latn", ["Rustam Karimov"]),
    ("en-meeting", "The President left for Dushanbe to take part in the Consultative Meeting of the Heads of State "
                   "of Central Asia.", "en-Latn", []),
    ("ru-parliament", "Гостей встретил Председатель Парламента Рустам Каримов.", "ru-Cyrl", ["Рустам Каримов"]),
    ("ru-government", "Президент Правительства Рустам Каримов встретил гостей.", "ru-Cyrl", ["Рустам Каримов"]),
    ("uz-Latn-only", "Prezident Olmaliq kon-metallurgiya kombinatiga tashrif buyurdi. Faqat Olmaliqdagi konlarda "
                     "oʻn ming kishi ishlaydi.", "uz-Latn", []),
    ("uz-Cyrl-only", "Давлатимиз раҳбари ҳудуд фаоллари билан учрашди. Фақат Олмалиқдаги конларда ўн минг киши "
                     "ишлайди.", "uz-Cyrl", []),
]


@pytest.mark.parametrize(("text", "tag", "expected"), [c[1:] for c in NOBODY], ids=[c[0] for c in NOBODY])
def test_a_bodys_word_or_an_adverb_is_no_name(text: str, tag: str, expected: list[str]) -> None:
    assert names(text) == (tag, expected)
