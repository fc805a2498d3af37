"""Sentences that tell more of an event already told (dashboard/extract/elaboration.py), per language, on
sentences of our own: a frame pointing back ("At the meeting, ...") and the speaker's words in a quotation
of several sentences. Each row has a twin that must still be an event, so every row can fail both ways."""
from __future__ import annotations

import json

import pytest

from dashboard import extract_events
from dashboard.extract.cues import load_cues
from dashboard.extract.elaboration import Quotation, framed_in, introduced, opening
from dashboard.extract.kinds import classify
from dashboard.extract.segments import Sentence
from dashboard.settings import DEFAULT
from dashboard.text import fold
from dashboard.vocab import EVENT_KINDS

DAY = "2024-04-05"


def happened(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, an event told, a sentence framed by it naming another activity, the event's kind, the framed
#  sentence's own kind when nothing was told before it: the frame then introduces its event, a conversation
#  with the frame's kind (what was said in it is its topic), an event the noun gives no kind ("tadbir") not)
FRAMED = [
    ("uz-latn-uchrashuvda", "Prezident 5 aprel kuni Pekinda Xitoy raisi bilan uchrashdi.",
     " Uchrashuvda Xitoy rahbari mehmonni xalqaro forumga tashrifi bilan qutladi.", "talks", "talks"),
    ("uz-cyrl-tadbirda", "Президентлар 5 апрель куни Остонада тантанали концертда иштирок этди.",
     " Тадбирда Қирғизистон ва Тожикистон президентлари ҳамда саммит меҳмонлари қатнашди.", "other", "summit"),
    ("ru-v-hode-peregovorov", "5 апреля президенты провели переговоры в Ташкенте.",
     " В ходе переговоров глава государства пригласил коллегу на международный форум в Самарканде.",
     "talks", "talks"),
    ("en-during-the-talks", "The president held talks with the chancellor in Berlin on April 5.",
     " During the talks, the chancellor invited him to the economic forum in Munich.", "talks", "talks"),
]


@pytest.mark.parametrize(("told", "framed", "kind", "alone"), [c[1:] for c in FRAMED], ids=[c[0] for c in FRAMED])
def test_a_frame_pointing_back_tells_more_of_the_event(told: str, framed: str, kind: str, alone: str) -> None:
    assert happened(told + framed) == [kind]
    assert happened(framed.strip()) == [alone]


# (id, talks told, documents signed "during the talks": an event of its own)
SIGNED_WITHIN = [
    ("uz-latn", "Prezidentlar 5 aprel kuni Toshkentda muzokaralar oʻtkazdi.",
     " Muzokaralar chogʻida hamkorlik toʻgʻrisidagi bitim imzolandi."),
    ("uz-cyrl", "Президентлар 5 апрель куни Тошкентда музокаралар ўтказди.",
     " Музокаралар чоғида ҳамкорлик тўғрисидаги битим имзоланди."),
    ("ru", "5 апреля президенты провели переговоры в Ташкенте.",
     " В ходе переговоров стороны подписали соглашение о сотрудничестве."),
    ("en", "The president held talks with the chancellor in Berlin on April 5.",
     " During the talks, the leaders signed an agreement on energy."),
]


@pytest.mark.parametrize(("told", "signed"), [c[1:] for c in SIGNED_WITHIN], ids=[c[0] for c in SIGNED_WITHIN])
def test_a_signing_inside_the_talks_is_its_own_event(told: str, signed: str) -> None:
    assert happened(told + signed) == ["talks", "signing"]


# (id, an event told, then someone's words in a quotation of two sentences, first or second person; the
#  same two sentences quoted from a press release in the third person: the story's own narration)
QUOTED = [
    ("uz-latn", "Prezident 5 aprel kuni Pekinda Xitoy raisi bilan uchrashdi.",
     ' "Hurmatli Prezident, Sizni xalqaro forumda koʻrganimdan xursandman. Forumdagi ishtirokingiz '
     'hamkorligimiz ramzidir", - dedi Xitoy rahbari.',
     ' "Prezident Shanxayga keldi. Shu kuni u xalqaro forumda ishtirok etdi", - deyiladi xabarda.'),
    ("uz-cyrl", "Ўзбекистон Президенти 5 апрель куни Пекинда Хитой раҳбари билан қисқа учрашув ўтказди.",
     ' «Ҳурматли Президент, Сизни халқаро форумда кўрганимдан хурсандман. Форумдаги иштирокингиз '
     'ҳамкорлигимиз рамзидир», - деди Хитой раҳбари.',
     ' «Президент Шанхайга келди. Шу куни у халқаро форумда иштирок этди», - дейилади хабарда.'),
    ("ru", "Президент 5 апреля провел переговоры в Пекине.",
     ' «Уважаемый господин президент, я рад видеть вас на форуме. Ваше участие в форуме подтверждает '
     'наше партнерство», - сказал председатель.',
     ' «Президент прибыл в Шанхай. Затем он принял участие в форуме», - говорится в сообщении.'),
    ("en", "The president held talks in Beijing on April 5.",
     ' "Dear President, I am glad to see you at the forum. Your presence at the summit shows our '
     'partnership," the chairman said.',
     ' "The President arrived in Shanghai. He then took part in the forum," the ministry said.'),
]


@pytest.mark.parametrize(("told", "speech", "release"), [c[1:] for c in QUOTED], ids=[c[0] for c in QUOTED])
def test_the_speakers_words_are_no_event_a_quoted_release_is(told: str, speech: str, release: str) -> None:
    first = happened(told)
    assert first and happened(told + speech) == first
    assert happened(told + release) == [*first, "arrival", "summit"]


def _sentence(text: str, paragraph: int = 0) -> Sentence:
    return Sentence(0, 0, len(text), text, fold(text), paragraph, "body")


def test_a_quotation_left_open_ends_with_its_paragraph() -> None:
    quotation = Quotation(load_cues(DEFAULT.lexicon_dir, "en").speech)
    assert quotation.inside(_sentence('"We are glad to see you here.'))
    assert quotation.inside(_sentence("The forum opened a new page."))
    assert not quotation.inside(_sentence("The president laid a wreath at the memorial.", paragraph=1))


def test_a_name_in_quotes_opens_no_quotation() -> None:
    quotation = Quotation(load_cues(DEFAULT.lexicon_dir, "ru").speech)
    assert not quotation.inside(_sentence("«Манас» встретил нас и вас флагами."))
    assert not quotation.inside(_sentence("Затем президент посетил музей."))


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_every_lexicon_has_frames_speech_and_statements(lang: str) -> None:
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    assert cues.frames is not None and cues.speech is not None and cues.statements is not None


def test_frame_kinds_are_the_vocabulary() -> None:
    """The kinds named in kinds.json's frames are kinds of the vocabulary (data/kinds.csv)."""
    frames = json.loads((DEFAULT.lexicon_dir / "kinds.json").read_text(encoding="utf-8"))["frames"]
    named = set(frames["own_kinds"]) | {k for group in frames["gatherings"] for k in group}
    assert named and named <= set(EVENT_KINDS)


@pytest.mark.parametrize(("lang", "frame", "kind"), [
    pytest.param("uz", "uchrashuvda", "talks", id="uz"),
    pytest.param("ru", "в ходе переговоров", "talks", id="ru"),
    pytest.param("en", "at the summit", "summit", id="en"),
])
def test_a_frame_names_the_kind_it_points_back_to(lang: str, frame: str, kind: str) -> None:
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    assert cues.frames is not None and cues.frames.match(frame) is not None
    assert classify(frame, cues).kind == kind


# (id, an event told, a sentence whose main predicate is a verb of saying about another activity: no
#  event of its own; the activity told as done: an event)
SAID = [
    ("uz-latn", "Prezident 5 aprel kuni Toshkentda yangi zavodni ishga tushirdi.",
     " Prezident Samarqanddagi xalqaro sammitni mintaqa uchun muhim voqea deb atadi.",
     " Shundan soʻng Prezident xalqaro sammitda ishtirok etdi."),
    ("uz-cyrl", "Ўзбекистон Президенти 5 апрель куни Тошкентда янги заводни ишга туширди.",
     " Президент Самарқанддаги халқаро саммитни минтақа учун муҳим воқеа деб атади.",
     " Шундан сўнг Президент халқаро саммитда иштирок этди."),
    ("ru", "Президент 5 апреля открыл новый завод в Ташкенте.",
     " Президент заявил, что международный саммит стал важным событием для региона.",
     " Затем президент принял участие в международном саммите."),
    ("en", "The president opened a new plant in Tashkent on April 5.",
     " The president noted that the international summit had become an important event for the region.",
     " Then the president took part in the international summit."),
]


@pytest.mark.parametrize(("told", "said", "done"), [c[1:] for c in SAID], ids=[c[0] for c in SAID])
def test_what_someone_says_is_no_event_of_its_own(told: str, said: str, done: str) -> None:
    assert happened(told + said) == ["opening"]
    assert happened(told + done) == ["opening", "summit"]


def dated(text: str) -> list[tuple[str, str]]:
    frame = extract_events(text, "2022-10-14")
    frame = frame[frame["status"] == "happened"]
    return list(zip(frame["kind"], frame["date"], strict=True))


# (id, a visit told over a span of days: the whole visit, no event; the same told of one day: an event)
WHOLE_VISIT = [
    ("uz-latn", "Prezident 12-14-oktabr kunlari Ostonaga ishchi tashrif bilan keldi.",
     "Prezident 12-oktabr kuni Ostonaga ishchi tashrif bilan keldi.", "arrival"),
    ("uz-cyrl", "Ўзбекистон Президенти 12-14 октябрь кунлари Қозоғистонга ташриф буюрди.",
     "Ўзбекистон Президенти 12 октябрь куни Қозоғистонга ташриф буюрди.", "arrival"),
    ("ru", "Президент 12-14 октября посетил Астану с рабочим визитом.",
     "Президент 12 октября посетил Астану с рабочим визитом.", "visit"),
    ("en", "The president visited Astana on October 12-14.", "The president visited Astana on October 12.", "visit"),
]


@pytest.mark.parametrize(("span", "day", "kind"), [c[1:] for c in WHOLE_VISIT], ids=[c[0] for c in WHOLE_VISIT])
def test_a_visit_over_a_span_of_days_is_the_whole_visit(span: str, day: str, kind: str) -> None:
    assert dated(span) == []
    assert dated(day) == [(kind, "2022-10-12")]


def test_a_count_is_no_span_of_days() -> None:
    assert dated("The president visited 2-3 factories in Astana on October 12.") == [("visit", "2022-10-12")]


@pytest.mark.parametrize(("lang", "key", "kind", "framed"), [
    ("en", "during the talks, the presidents signed an agreement", "signing", True),
    ("en", "at the meeting, the sides discussed trade", "talks", True),
    ("ru", "в ходе переговоров стороны обсудили торговлю", "talks", True),
    ("en", "the president laid a wreath", "wreath", False),
    ("en", "at the meeting, the sides discussed trade", None, False),
], ids=["en-during", "en-at-the-meeting", "ru-during", "en-no-frame", "en-no-kind"])
def test_a_frame_looked_for_once_answers_as_looking_again(lang: str, key: str, kind: str | None,
                                                        framed: bool) -> None:
    """The assembler looks for a sentence's frame once (opening) and hands it on: the same answers."""
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    frame = opening(key, kind, cues)
    assert (frame is not None) == framed
    assert introduced(key, kind, cues, frame) == introduced(key, kind, cues)
    assert framed_in([], key, kind, None, cues, frame) is framed_in([], key, kind, None, cues)
