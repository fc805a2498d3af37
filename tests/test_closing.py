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


# (id, the talks told, a ceremony told as held "before the talks", a ceremony told as what came next)
PRIOR = [
    ("uz-latn", "Prezidentlar 6 aprel kuni Oqoʻrdada muzokaralar oʻtkazdi.",
     " Muzokaralardan oldin mehmonni rasmiy kutib olish marosimi boʻlib oʻtdi.",
     " Soʻngra davlat mukofotlarini topshirish marosimi boʻlib oʻtdi."),
    ("uz-cyrl", "Президентлар 6 апрель куни Оқўрдада музокаралар ўтказди.",
     " Музокаралардан олдин меҳмонни расмий кутиб олиш маросими бўлиб ўтди.",
     " Сўнгра давлат мукофотларини топшириш маросими бўлиб ўтди."),
    ("ru", "6 апреля в Акорде прошли переговоры президентов.",
     " До начала встречи состоялась церемония официальной встречи.",
     " Затем состоялась церемония вручения государственных наград."),
    ("en", "On April 6 the presidents held talks at the Akorda palace.",
     " Before the talks, an official welcome ceremony was held.", " After that, an award ceremony was held."),
]


@pytest.mark.parametrize(("talks", "before", "after"), [c[1:] for c in PRIOR], ids=[c[0] for c in PRIOR])
def test_what_was_done_before_the_talks_comes_before_them(talks: str, before: str, after: str) -> None:
    assert kinds(talks + before) == ["ceremony", "talks"]
    assert kinds(talks + after) == ["talks", "ceremony"]


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_every_lexicon_tells_what_came_before_the_talks(lang: str) -> None:
    assert load_cues(DEFAULT.lexicon_dir, lang).prior is not None


# (id, the talks told, a wreath told as laid "before starting the talks", a landing told instead of the talks)
PRIOR_STARTING = [
    ("uz-latn", "Prezidentlar 6 aprel kuni Oqoʻrdada muzokaralar oʻtkazdi.",
     " Muzokaralarni boshlashdan oldin mehmon Vatan himoyachilari monumentiga gulchambar qoʻydi.",
     "Mehmon 6 aprel kuni Astana xalqaro aeroportiga keldi."),
    ("uz-cyrl", "Президентлар 6 апрель куни Оқўрдада музокаралар ўтказди.",
     " Музокараларни бошлашдан олдин меҳмон Ватан ҳимоячилари монументига гулчамбар қўйди.",
     "Меҳмон 6 апрель куни Астана халқаро аэропортига келди."),
    ("ru", "6 апреля в Акорде прошли переговоры президентов.",
     " Перед тем как начать переговоры, гость возложил венок к монументу «Защитникам Отечества».",
     "6 апреля гость прибыл в международный аэропорт Астаны."),
    ("en", "On April 6 the presidents held talks at the Akorda palace.",
     " Before starting the talks, the guest laid a wreath at the Defenders of the Fatherland monument.",
     "On April 6 the guest arrived at Astana International Airport."),
]


@pytest.mark.parametrize(("talks", "before", "landing"), [c[1:] for c in PRIOR_STARTING],
                         ids=[c[0] for c in PRIOR_STARTING])
def test_what_was_done_before_starting_the_talks_comes_before_them_not_before_the_landing(
        talks: str, before: str, landing: str) -> None:
    assert kinds(talks + before) == ["ceremony", "talks"]
    assert kinds(landing + before) == ["arrival", "ceremony"]
