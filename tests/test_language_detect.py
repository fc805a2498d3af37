"""Which language and script an article is read in (text/language.py): the letters a language alone writes
make its conversion a candidate, the lexicons' marker words decide between candidates."""
from __future__ import annotations

import pytest

from dashboard.settings import Settings
from dashboard.text.language import prepare

LEXICONS = Settings().lexicon_dir

DETECTED = [   # (id, text, tag): short news sentences of my own writing
    ("uz-Cyrl-one-letter", "Президент бугун Тошкентга давлат ташрифи билан келди. Меҳмонни вазир кутиб олди.",
     "uz-Cyrl"),
    ("uz-Cyrl-many-letters", "Қозоғистон Президенти Самарқандга келди ва Регистон ансамблини томоша қилди.", "uz-Cyrl"),
    ("ru-plain", "Президент прибыл в Ташкент с государственным визитом и провел переговоры.", "ru-Cyrl"),
    ("ru-with-a-kazakh-name", "Президент Казахстана прибыл в Ташкент, его встретил посол Ғалымжан Жакиянов.",
     "ru-Cyrl"),
    ("uz-Latn", "Prezident bugun Toshkentga davlat tashrifi bilan keldi.", "uz-Latn"),
    ("en", "The President arrived in Tashkent on a state visit and held talks.", "en-Latn"),
]


@pytest.mark.parametrize(("text", "tag"), [r[1:] for r in DETECTED], ids=[r[0] for r in DETECTED])
def test_the_language_of_a_short_article(text: str, tag: str) -> None:
    assert prepare(text, LEXICONS).tag == tag
