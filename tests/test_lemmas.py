"""Event cues by lemma (dashboard/extract/lemmas.py): unseen inflections and word orders of a known verb
or noun count, per language, and the lexicons' lemma sections agree with the engine's tables."""
from __future__ import annotations

import pytest

from dashboard.errors import DataFileError
from dashboard.extract.cues import load_cues
from dashboard.extract.kinds import classify, masked
from dashboard.extract.lemmas import ENGINES, build
from dashboard.settings import DEFAULT
from dashboard.text import fold, prepare
from dashboard.text.language import load_lexicons
from dashboard.vocab import EVENT_KINDS

LEXICONS = load_lexicons(DEFAULT.lexicon_dir)
KINDS = set(EVENT_KINDS)


def kind_of(lang: str, sentence: str) -> str | None:
    """The kind of a sentence as the extractor reads it (Cyrillic Uzbek in its Latin form)."""
    prepared = prepare(sentence, DEFAULT.lexicon_dir)
    assert prepared.tag.startswith(lang)
    cues = load_cues(DEFAULT.lexicon_dir, lang.split("-")[0])
    return classify(masked(fold(prepared.norm.text), cues), cues).kind


def lemma_of(lang: str, word: str) -> str:
    lemmas = load_cues(DEFAULT.lexicon_dir, lang).lemmas
    assert lemmas is not None
    return lemmas.lemmatiser.lemma(fold(word))


FORMS = [
    ("ru", "переговорах", "переговоры"),
    ("ru", "открытии", "открытие"),
    ("ru", "возложили", "возложить"),
    ("ru", "саженцы", "саженец"),
    ("ru", "прилетели", "прилететь"),
    ("ru", "прибывший", ""),              # a full participle describes a noun: no cue
    ("ru", "открыли", "открыть"),
    ("ru", "открывать", ""),              # another infinitive: a purpose or a plan, no cue
    ("en", "negotiated", "negotiate"),
    ("en", "inaugurating", "inaugurate"),
    ("en", "paid", "pay"),
    ("en", "saplings", "sapling"),
    ("en", "unveils", "unveil"),
    ("uz", "tushlikda", "tushlik"),
    ("uz", "koʻchatlarni", "kochat"),
    ("uz", "qabristonga", "qabriston"),
    ("uz", "qatnashdilar", "qatnash"),
    ("uz", "tushunarli", "tushunarli"),      # not a cue's stem plus suffixes: left as it is
]


@pytest.mark.parametrize(("lang", "word", "lemma"), FORMS, ids=[f"{lang}-{w}" for lang, w, _ in FORMS])
def test_a_word_form_gets_its_lemma(lang: str, word: str, lemma: str) -> None:
    assert lemma_of(lang, word) == lemma


SENTENCES = [
    # Latin Uzbek
    ("uz-Latn", "lunch", "Davlat rahbarlari birgalikda tushlik qilishdi.", "other"),
    ("uz-Latn", "saplings", "Mehmonlar mahalla aholisi bilan koʻchatlar oʻtqazdi.", "other"),
    ("uz-Latn", "watched-games", "Prezidentlar sport musobaqalarini tomosha qildilar.", "other"),
    ("uz-Latn", "took-part-in-opening", "Prezident yangi kasalxona ochilishida qatnashdi.", "opening"),
    # Cyrillic Uzbek (read in its Latin form)
    ("uz-Cyrl", "lunch", "Давлат раҳбарлари биргаликда тушлик қилишди.", "other"),
    ("uz-Cyrl", "saplings", "Меҳмонлар маҳалла аҳолиси билан кўчатлар ўтқазди.", "other"),
    ("uz-Cyrl", "took-part-in-opening", "Ўзбекистон Президенти янги шифохонанинг очилишида қатнашди.", "opening"),
    # Russian: other cases, tenses and word orders than the patterns know
    ("ru", "opening-prepositional", "Президенты приняли участие в открытии новой больницы.", "opening"),
    ("ru", "talks-prepositional", "Главы государств перешли к переговорам в узком кругу.", "talks"),
    ("ru", "wreath-participle", "Возложив венок к монументу, гость осмотрел парк.", "ceremony"),
    ("ru", "saplings", "Лидеры вместе с жителями высадили саженцы у школы.", "other"),
    ("ru", "saplings-alone-no-event", "В питомнике выращивают саженцы яблонь.", None),
    ("ru", "lunch", "Затем состоялся совместный обед президентов.", "other"),
    ("ru", "dined", "Вечером лидеры вместе поужинали в резиденции.", "other"),
    ("ru", "watched-games", "Президенты посмотрели игры национальной сборной.", "other"),
    ("ru", "order-reversed", "Встречу с премьер-министром президент провел в резиденции.", "talks"),
    ("ru", "participation-alone", "Министры участвовали в голосовании.", None),
    # English
    ("en", "paid-a-call", "The President paid a courtesy call on the Prime Minister.", "talks"),
    ("en", "joint-lunch", "The two leaders then had a joint lunch.", "other"),
    ("en", "dined", "In the evening the leaders dined at the residence.", "other"),
    ("en", "inauguration", "The presidents inaugurated a monument to the poet.", "opening"),
    ("en", "ceremonial-welcome", "A ceremonial welcome was accorded to the guest.", "ceremony"),
    ("en", "saplings", "The guests planted saplings together with residents.", "other"),
    ("en", "saplings-alone-no-event", "The nursery grows apple saplings.", None),
    ("en", "watched-games", "The leaders watched the games of the national teams.", "other"),
    ("en", "took-part-in-opening", "The president took part in the opening of a new hospital.", "opening"),
]


@pytest.mark.parametrize(("lang", "sentence", "kind"), [(lang, s, k) for lang, _, s, k in SENTENCES],
                         ids=[f"{lang}-{name}" for lang, name, _, _ in SENTENCES])
def test_cues_by_lemma_give_the_kind(lang: str, sentence: str, kind: str | None) -> None:
    assert kind_of(lang, sentence) == kind


def test_taking_part_starts_the_event_its_object_names() -> None:
    cues = load_cues(DEFAULT.lexicon_dir, "ru")
    reading = classify(fold("Президент принял участие в открытии моста."), cues)
    assert (reading.kind, reading.starts) == ("opening", True)


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Relations are opening up new prospects."),
    ("ru", "Отношения открывают новые перспективы."),
    ("uz", "Munosabatlar yangi imkoniyatlar ochilishiga xizmat qiladi."),
], ids=["en", "ru", "uz"])
def test_a_noun_of_opening_alone_starts_no_event(lang: str, sentence: str) -> None:
    assert not classify(fold(sentence), load_cues(DEFAULT.lexicon_dir, lang)).starts


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "A monument stands to the soldiers who took part in the war."),
    ("ru", "У памятника собрались ветераны, которые участвовали в войне."),
    ("uz", "Yodgorlik urushda qatnashgan askarlar xotirasiga qoʻyilgan."),
], ids=["en", "ru", "uz"])
def test_taking_part_in_what_no_cue_names_starts_no_event(lang: str, sentence: str) -> None:
    assert not classify(fold(sentence), load_cues(DEFAULT.lexicon_dir, lang)).starts


SECTIONS = [(lang, lex["lemmas"]) for lang, lex in LEXICONS.items() if "lemmas" in lex]


@pytest.mark.parametrize(("lang", "section"), SECTIONS, ids=[lang for lang, _ in SECTIONS])
def test_lemma_sections_name_known_kinds_and_engines(lang: str, section: dict) -> None:
    assert section["analyser"]["engine"] in ENGINES
    kinds = {k for k in section["kinds"] if not k.startswith("_")}
    assert kinds <= KINDS, kinds - KINDS
    for v in section["kinds"].values():
        assert set(v) <= {"strong", "weak"}


@pytest.mark.parametrize(("lang", "section"), SECTIONS, ids=[lang for lang, _ in SECTIONS])
def test_every_cue_word_is_its_own_lemma(lang: str, section: dict) -> None:
    """A cue written in another form than the analyser's lemma would never match (read with every
    part of speech: an infinitive cue stands for the verb's other forms)."""
    analyser = {k: v for k, v in section["analyser"].items() if k != "not_predicates"}
    compiled = build({**section, "analyser": analyser})
    assert compiled is not None
    words = {w for cue in compiled.cues for w in cue.lemmas}
    wrong = {w: lemma for w in words if (lemma := compiled.lemmatiser.lemma(w)) != w}
    assert not wrong


def test_an_unknown_engine_is_a_data_error() -> None:
    with pytest.raises(DataFileError):
        build({"analyser": {"engine": "nonesuch"}, "kinds": {"talks": {"strong": ["x"]}}})
