"""Sentences that name an activity but report no event of the story, per language: each beside its
narrated twin, which must still be an event (so every row can fail both ways)."""
from __future__ import annotations

import pytest

from dashboard.extract.cues import load_cues
from dashboard.extract.kinds import Reading, classify, masked
from dashboard.settings import DEFAULT
from dashboard.text import fold, prepare


def reading(tag: str, sentence: str) -> Reading:
    """The reading of ``sentence`` by the lexicon of its language (Cyrillic Uzbek goes through the Latin one)."""
    prepared = prepare(sentence, DEFAULT.lexicon_dir)
    assert prepared.tag == tag
    cues = load_cues(DEFAULT.lexicon_dir, tag.split("-")[0])
    return classify(masked(fold(prepared.norm.text), cues), cues)


# (id, language tag, quoted first person: no event, the same act narrated: an event of that kind)
FIRST_PERSON = [
    ("uz-keldik", "uz-Latn", "Viloyatga yangi loyihalar bilan keldik, dedi Prezident.",
     "Prezident viloyatga yangi loyihalar bilan keldi.", "arrival"),
    ("uz-uchrashdim", "uz-Latn", "Bugun hamkasbim bilan uchrashdim, dedi mehmon.",
     "Mehmon bugun hamkasbi bilan uchrashdi.", "talks"),
    ("uz-cyrl-uchrashdik", "uz-Cyrl", "Пойтахтда қадрдон дугонам билан учрашдик, деб ёзди у ўз саҳифасида.",
     "Пойтахтда президентлар учрашув ўтказди ва масалаларни муҳокама қилди.", "talks"),
    ("ru-my-pribyli", "ru-Cyrl", "Мы прибыли сюда с добрыми намерениями, сказал президент.",
     "Президент прибыл в столицу с добрыми намерениями.", "arrival"),
    ("ru-ya-posetil", "ru-Cyrl", "Я с радостью посетил эту выставку, признался гость.",
     "Гость с радостью посетил выставку ковров.", "tour"),
    ("en-we-arrived", "en-Latn", "We arrived here with many plans, the president told reporters.",
     "The president arrived in the city with many plans.", "arrival"),
    ("en-i-visited", "en-Latn", "I visited this museum as a student, the guest recalled.",
     "The guest visited the history museum in the old town.", "visit"),
]


@pytest.mark.parametrize(("tag", "quoted", "narrated", "kind"), [c[1:] for c in FIRST_PERSON],
                         ids=[c[0] for c in FIRST_PERSON])
def test_a_quote_in_the_first_person_is_not_an_event(tag: str, quoted: str, narrated: str, kind: str) -> None:
    assert reading(tag, quoted).kind is None
    assert reading(tag, narrated).kind == kind


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_our_own_earlier_report_keeps_the_event(lang: str) -> None:
    """"As we reported, the president arrived": the first person reports, the event is the story's."""
    sentence = {"en": "As we reported, the president arrived in the capital.",
                "ru": "Как мы сообщали, президент прибыл в столицу."}[lang]
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    assert classify(fold(sentence), cues).kind == "arrival"


# (id, language tag, told as a plan or the future: planned, told as done: happened)
PLANNED = [
    ("uz-rejalashtirgan", "uz-Latn", "Mehmon ertaga maqbarani ziyorat qilishni rejalashtirgan.",
     "Mehmon bugun maqbarani ziyorat qildi."),
    ("uz-korib-chiqadilar", "uz-Latn", "Muzokaralarda rahbarlar hamkorlik masalalarini ko‘rib chiqadilar.",
     "Muzokaralarda rahbarlar hamkorlik masalalarini ko‘rib chiqdilar."),
    ("uz-cyrl-muhokama-qiladilar", "uz-Cyrl", "Учрашувда раҳбарлар ҳамкорлик масалаларини муҳокама қиладилар.",
     "Учрашувда раҳбарлар ҳамкорлик масалаларини муҳокама қилдилар."),
    ("ru-predusmotreny", "ru-Cyrl", "Программой визита предусмотрены переговоры в узком формате.",
     "Состоялись переговоры в узком формате."),
    ("ru-predusmatrivaetsya", "ru-Cyrl", "В ходе поездки предусматривается посещение завода.",
     "В ходе поездки президент посетил завод."),
    ("en-upcoming", "en-Latn", "The ministers prepared the upcoming summit of the organisation.",
     "The summit of the organisation opened in the capital."),
    ("en-is-to-take-place", "en-Latn", "The forum is to take place next week in the capital.",
     "The forum took place in the capital."),
    ("en-plans-include", "en-Latn", "Plans include signing a package of documents.",
     "The leaders signed a package of documents."),
]


@pytest.mark.parametrize(("tag", "plan", "done"), [c[1:] for c in PLANNED], ids=[c[0] for c in PLANNED])
def test_a_plan_or_the_future_is_not_yet_an_event(tag: str, plan: str, done: str) -> None:
    told = reading(tag, plan)
    assert told.kind is not None and told.planned
    happened = reading(tag, done)
    assert happened.kind is not None and not happened.planned


def test_every_lexicon_has_first_person_cues() -> None:
    for lang in ("en", "ru", "uz"):
        assert load_cues(DEFAULT.lexicon_dir, lang).first_person is not None, lang
