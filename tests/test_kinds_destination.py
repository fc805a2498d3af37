"""The kind of an act by what it is done to, per language, on sentences of our own.

"Visited X": a cemetery or an academy visited is a visit or a tour of the place, a country visited is the
arrival there. Uzbek tells a country by its ending ("-ston", "-iya") before "-ga tashrif buyurdi"; a
cemetery ("qabriston") and an academy ("akademiya") end so too and are no country. "The opening of X": of
a forum or a council's session, that gathering; of a building, an opening. A meeting by who takes part: of
the heads of state, talks."""
from __future__ import annotations

import pytest

from dashboard.extract.cues import load_cues
from dashboard.extract.kinds import classify, masked
from dashboard.settings import DEFAULT
from dashboard.text import fold, prepare


def kind(tag: str, sentence: str) -> str | None:
    prepared = prepare(sentence, DEFAULT.lexicon_dir)
    assert prepared.tag == tag
    cues = load_cues(DEFAULT.lexicon_dir, tag.split("-")[0])
    return classify(masked(fold(prepared.norm.text), cues), cues).kind


# (id, language tag, a place visited that is no country, its kind, a country visited: the arrival)
DESTINATIONS = [
    ("uz-latn-qabriston", "uz-Latn", "Prezident 17 dekabr kuni Seuldagi milliy qabristonga tashrif buyurdi.",
     "visit", "Prezident 17 dekabr kuni Qozogʻistonga tashrif buyurdi."),
    ("uz-latn-akademiya", "uz-Latn", "Prezident 17 dekabr kuni yangi akademiyaga tashrif buyurdi.",
     "visit", "Prezident 17 dekabr kuni Indoneziyaga rasmiy tashrif buyurdi."),
    ("uz-cyrl-qabriston", "uz-Cyrl", "Ўзбекистон Президенти 17 декабрь куни Сеулдаги миллий қабристонга ҳурмат "
                                     "учун ташриф буюрди.", "visit",
     "Ўзбекистон Президенти 17 декабрь куни ҳамкорлик учун Қирғизистонга ташриф буюрди."),
    ("ru-kladbishche", "ru-Cyrl", "Президент посетил национальное кладбище в Сеуле.", "visit",
     "Президент прибыл в Казахстан с государственным визитом."),
    ("en-cemetery", "en-Latn", "The president visited the national cemetery in Seoul.", "visit",
     "The president arrived in Kazakhstan on a state visit."),
]


@pytest.mark.parametrize(("tag", "place", "place_kind", "country"), [c[1:] for c in DESTINATIONS],
                         ids=[c[0] for c in DESTINATIONS])
def test_a_place_visited_is_no_country(tag: str, place: str, place_kind: str, country: str) -> None:
    assert kind(tag, place) == place_kind
    assert kind(tag, country) == "arrival"


# (id, language tag, the opening of a gathering: that gathering's kind; the opening of a building: opening)
OPENING_OF = [
    ("uz-latn", "uz-Latn", "Prezident xalqaro investitsiya forumining ochilish marosimida ishtirok etdi.",
     "Prezident yangi maktabning ochilish marosimida ishtirok etdi."),
    ("uz-cyrl", "uz-Cyrl", "Ўзбекистон Президенти халқаро инвестиция форумининг очилиш маросимида иштирок этди.",
     "Ўзбекистон Президенти шаҳардаги янги мактабнинг очилиш маросимида иштирок этди."),
    ("ru", "ru-Cyrl", "В столице состоялось открытие первого заседания Высшего межгосударственного совета.",
     "Президент принял участие в открытии новой школы."),
    ("en", "en-Latn", "The opening of the first session of the interstate council took place in the capital.",
     "The president attended the opening ceremony of the new school."),
]


@pytest.mark.parametrize(("tag", "gathering", "building"), [c[1:] for c in OPENING_OF],
                         ids=[c[0] for c in OPENING_OF])
def test_the_opening_of_a_gathering_is_the_gathering(tag: str, gathering: str, building: str) -> None:
    assert kind(tag, gathering) == "summit"
    assert kind(tag, building) == "opening"


def happened(text: str) -> list[str]:
    from dashboard import extract_events
    frame = extract_events(text, "2024-04-05")
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, a meeting of the heads of state: talks; the same meeting of ministers: no talks of the visit)
WHO_MEETS = [
    ("uz-latn", "Ikki davlat prezidentlari 5 aprel kuni Ashxobodda uchrashdi.",
     "Ikki davlat vazirlari 5 aprel kuni Ashxobodda uchrashdi."),
    ("uz-cyrl", "Ўзбекистон ва Қозоғистон президентлари 5 апрель куни Ашхободда ўзаро учрашди.",
     "Ўзбекистон ва Қозоғистон вазирлари 5 апрель куни Ашхободда ўзаро учрашди."),
    ("ru", "5 апреля в Ашхабаде началась встреча двух президентов.",
     "5 апреля в Ашхабаде началась встреча двух министров."),
    ("en", "The presidents of the two countries held a meeting in Ashgabat on April 5.",
     "The ministers of the two countries held a meeting in Ashgabat on April 5."),
]


@pytest.mark.parametrize(("leaders", "ministers"), [c[1:] for c in WHO_MEETS], ids=[c[0] for c in WHO_MEETS])
def test_a_meeting_of_the_heads_of_state_is_talks(leaders: str, ministers: str) -> None:
    assert happened(leaders) == ["talks"]
    assert happened(ministers) == []


@pytest.mark.parametrize(("planned", "done"), [
    pytest.param("Prezidentlar navbatdagi uchrashuvni kelgusi yil Ashxobodda oʻtkazishadi.",
                 "Prezidentlar 5 aprel kuni Ashxobodda uchrashuv oʻtkazishdi.", id="uz-latn"),
    pytest.param("Ўзбекистон ва Қозоғистон президентлари навбатдаги учрашувни келгуси йил Ашхободда ўтказишади.",
                 "Ўзбекистон ва Қозоғистон президентлари 5 апрель куни Ашхободда учрашув ўтказишди.", id="uz-cyrl"),
])
def test_the_uzbek_future_of_a_plural_subject_is_a_plan(planned: str, done: str) -> None:
    assert happened(planned) == []
    assert happened(done) == ["talks"]


@pytest.mark.parametrize(("tag", "contacts", "came"), [
    pytest.param("uz-Latn", "Ikki xalq azaldan bordi-keldi qilib, bir-birining madaniyatini boyitgan.",
                 "Prezident 5 aprel kuni Xivaga keldi.", id="uz-latn"),
    pytest.param("uz-Cyrl", "Икки халқ азалдан борди-келди қилиб, бир-бирининг маданиятини бойитган.",
                 "Ўзбекистон Президенти 5 апрель куни Хивага қисқа ташриф билан келди.", id="uz-cyrl"),
])
def test_coming_and_going_as_one_noun_is_no_arrival(tag: str, contacts: str, came: str) -> None:
    """Uzbek "bordi-keldi" (went-came) is a noun of contacts between peoples, not someone's arrival."""
    assert kind(tag, contacts) is None
    assert kind(tag, came) == "arrival"


@pytest.mark.parametrize(("planned", "done", "kind"), [
    pytest.param("The two presidents are to lay a wreath at the Independence Monument in Tashkent today.",
                 "The two presidents laid a wreath at the Independence Monument in Tashkent on April 5.",
                 "ceremony", id="en-are-to-lay"),
    pytest.param("The president is to inaugurate a new school in Tashkent today.",
                 "The president inaugurated a new school in Tashkent on April 5.", "opening", id="en-is-to-inaugurate"),
])
def test_the_english_be_to_future_is_a_plan(planned: str, done: str, kind: str) -> None:
    """"Is to" / "are to" with a verb tells what is planned (any verb, not a list of them)."""
    assert happened(planned) == []
    assert happened(done) == [kind]


@pytest.mark.parametrize("sentence", [
    "A meeting was then held between the two leaders.",
    "The two presidents held a meeting in the capital.",
], ids=["en-meeting-was-held", "en-held-a-meeting"])
def test_a_meeting_held_by_the_leaders_after_an_arrival_is_talks(sentence: str) -> None:
    assert happened(f"Tokayev arrived in Tashkent on April 5. {sentence}") == ["arrival", "talks"]
