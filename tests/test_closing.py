"""The departure that closes a visit comes last (dashboard/extract/closing.py; the lexicons' ``closing``),
per language, on sentences of our own: the leaving told first with the words that close a visit, then the
talks of that day. Each row has a twin without those words (a leaving as the story tells it), which keeps
the order told, so every row can fail both ways."""
from __future__ import annotations

import json

import pytest

from dashboard import extract_events
from dashboard.extract.cues import load_cues
from dashboard.settings import DEFAULT

DAY = "2024-04-08"


def kinds(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, the leaving told as the visit's end, the same leaving told plainly, the talks of that day)
CLOSING = [
    ("uz-latn", "Qirgʻiziston Prezidenti 6 aprel kuni davlat tashrifini yakunlab, Astana aeroportidan joʻnab ketdi.",
     "Qirgʻiziston Prezidenti 6 aprel kuni Astana aeroportidan joʻnab ketdi.",
     " Shu kuni prezidentlar muzokaralar oʻtkazdi."),
    ("uz-cyrl", "Қирғизистон Президенти 6 апрель куни давлат ташрифини якунлаб, Остона аэропортидан жўнаб кетди.",
     "Қирғизистон Президенти 6 апрель куни Остона аэропортидан жўнаб кетди.",
     " Шу куни президентлар музокаралар ўтказди."),
    ("ru", "6 апреля по завершении государственного визита Президент Кыргызстана вылетел из аэропорта Астаны, "
           "где его проводил премьер-министр.",
     "6 апреля Президент Кыргызстана вылетел из аэропорта Астаны.",
     " В тот же день президенты провели переговоры."),
    ("en", "On April 6 the President of Kyrgyzstan departed from Astana airport, where he was seen off by the "
           "Prime Minister.",
     "On April 6 the President of Kyrgyzstan departed from Astana airport.",
     " On the same day the presidents held talks."),
]


@pytest.mark.parametrize(("closing", "plain", "talks"), [c[1:] for c in CLOSING], ids=[c[0] for c in CLOSING])
def test_the_departure_that_closes_the_visit_comes_after_that_days_events(closing: str, plain: str,
                                                                            talks: str) -> None:
    assert kinds(closing + talks) == ["talks", "departure"]
    assert kinds(plain + talks) == ["departure", "talks"]


def test_the_arrival_home_told_after_the_leaving_moves_with_it() -> None:
    text = ("On April 6, completing his state visit, the President of Kyrgyzstan departed from Astana airport. "
            "He returned to Bishkek. On the same day the presidents held talks.")
    assert kinds(text) == ["talks", "departure", "arrival"]


def test_an_event_in_another_city_keeps_the_leaving_before_it() -> None:
    text = ("On April 6, completing his state visit, the President of Kyrgyzstan departed from Astana airport. "
            "On the same day he held talks in Tashkent.")
    assert kinds(text) == ["departure", "talks"]


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_every_lexicon_tells_the_close_of_a_visit(lang: str) -> None:
    lexicon = json.loads((DEFAULT.lexicon_dir / f"{lang}.json").read_text(encoding="utf-8"))
    assert lexicon["closing"]
    assert load_cues(DEFAULT.lexicon_dir, lang).closing is not None
