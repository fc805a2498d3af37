"""The relevance gate: an article that reports no visit yields no events; every visit passes."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dashboard.extract import extract
from dashboard.extract.gate import relevance
from dashboard.settings import DEFAULT
from dashboard.text import fold, load_lexicons

FIXTURES = Path(__file__).parent / "fixtures"
NONVISIT = sorted((FIXTURES / "nonvisit").glob("*.txt"))
DATED = re.compile(r"(\d{4}-\d{2}-\d{2})\.txt$")


def published_of(path: Path) -> str:
    m = DATED.search(path.name)
    assert m, path.name
    return m.group(1)


@pytest.mark.parametrize("path", NONVISIT, ids=[p.stem for p in NONVISIT])
def test_a_page_that_reports_no_visit_yields_no_events(path: Path) -> None:
    result = extract(path.read_text(encoding="utf-8"), published=published_of(path), article=path.name)
    assert result.events.empty
    assert result.status in ("no-visit", "empty")


def test_the_nonvisit_pages_cover_every_language() -> None:
    names = " ".join(p.stem for p in NONVISIT)
    assert all(f"_{tag}_" in names for tag in ("uz", "cyrl", "ru", "en"))


GATED = [   # (id, text, reason): pages of my own writing, one per kind of non-visit and language
    ("uz-Latn-phone", "Prezidentlar telefon orqali muloqot qildi\n\nPrezident Shavkat Mirziyoyev bugun Tojikiston "
     "Prezidenti Emomali Rahmon bilan telefon orqali suhbatlashdi. Davlat rahbarlari savdo va energetika "
     "sohasidagi hamkorlikni muhokama qildi.", "a telephone or video contact"),
    ("uz-Cyrl-video", "Саммит видеоконференция шаклида ўтди\n\nБугун Марказий Осиё давлат раҳбарларининг саммити "
     "видеоконференция шаклида бўлиб ўтди. Президент Шавкат Мирзиёев нутқ сўзлади.", "a telephone or video contact"),
    ("ru-phone", "Телефонный разговор президентов\n\nПрезидент Казахстана Касым-Жомарт Токаев провел телефонный "
     "разговор с Президентом Узбекистана Шавкатом Мирзиёевым. Стороны обсудили сотрудничество в энергетике.",
     "a telephone or video contact"),
    ("en-rescue", "Rescuers free climbers in the mountains\n\nRescuers arrived at the scene on Monday morning and "
     "brought four climbers down to the village. The climbers were taken to a hospital in Tashkent.",
     "what happened was done by others than a party of state"),
    ("ru-sport", "Сборная вернулась домой\n\nСборная Узбекистана по боксу прибыла в Ташкент после чемпионата мира. "
     "В аэропорту спортсменов встретили родные и болельщики.", "what happened was done by others than a party of state"),
    ("ru-announced-after-a-preparatory-meeting", "Визит президента Казахстана\n\nВ пресс-службе сообщили, что "
     "12-13 мая Президент Казахстана посетит Ташкент с государственным визитом. Накануне министры иностранных дел "
     "провели встречу в Ташкенте. В ходе визита планируется подписание соглашений.",
     "only plans or announcements"),     # the ministers' meeting is theirs (others_acting): no event at all
    ("en-announced-after-a-preparatory-meeting", "Visit of the Turkish President\n\nThe President of Turkey is "
     "expected to arrive in Samarkand on May 20. On Monday the foreign ministers held talks in Tashkent. "
     "The leaders will sign a strategic partnership treaty.", "an announcement: the visit is still to come"),
    ("en-rescuers-sent-by-a-president", "President sends condolences\n\nPresident Shavkat Mirziyoyev sent "
     "condolences to President Recep Tayyip Erdogan over the earthquake. A team of rescuers arrived in Adana on "
     "Tuesday.", "what happened was done by others than a party of state"),
    ("ru-team-congratulated-by-a-president", "Президент поздравил сборную\n\nПрезидент Шавкат Мирзиёев "
     "поздравил сборную по футболу с выходом на чемпионат мира. Команда прибыла в Ташкент в среду вечером.",
     "what happened was done by others than a party of state"),
    ("uz-Latn-team-congratulated-by-a-president", "Prezident terma jamoani tabrikladi\n\nPrezident Shavkat "
     "Mirziyoyev futbol bo‘yicha terma jamoani jahon chempionatiga yo‘llanma olgani bilan tabrikladi. Terma jamoa "
     "chorshanba kuni kechqurun Toshkentga qaytib keldi.", "what happened was done by others than a party of state"),
    ("ru-summit-held-by-video", "Президент принял участие в саммите\n\nПрезидент Узбекистана Шавкат Мирзиёев "
     "принял участие в заседании Совета глав государств. Мероприятие прошло в формате видеоконференции.",
     "a telephone or video contact"),
    ("en-summit-held-by-video", "President attends summit\n\nPresident Shavkat Mirziyoyev took part in the "
     "meeting of the Council of Heads of State on Friday. The summit was held via videoconference.",
     "a telephone or video contact"),
    ("uz-Latn-summit-held-by-video", "Prezident sammitda ishtirok etdi\n\nPrezident Shavkat Mirziyoyev davlat "
     "rahbarlari kengashi majlisida ishtirok etdi. Tadbir videokonferensaloqa tarzida oʻtdi.",
     "a telephone or video contact"),
    ("ru-virtual-summit", "Виртуальный саммит глав государств завершился\n\nВ среду завершился саммит "
     "глав государств Центральной Азии. Участники приняли итоговую декларацию. Президент Узбекистана выступил "
     "с речью.", "a telephone or video contact"),
    ("en-virtual-summit", "Leaders hold a virtual summit\n\nThe leaders of the five states met virtually on "
     "Wednesday and adopted a joint declaration. President Shavkat Mirziyoyev delivered a speech.",
     "a telephone or video contact"),
    ("uz-Latn-virtual-summit", "Davlat rahbarlarining virtual sammiti bo‘lib o‘tdi\n\nChorshanba kuni Markaziy "
     "Osiyo davlat rahbarlarining sammiti bo‘lib o‘tdi. Prezident Shavkat Mirziyoyev nutq so‘zladi.",
     "a telephone or video contact"),
    ("uz-Cyrl-virtual-summit", "Давлат раҳбарларининг виртуал саммити бўлиб ўтди\n\nЧоршанба куни Марказий "
     "Осиё давлат раҳбарларининг саммити бўлиб ўтди. Президент Шавкат Мирзиёев нутқ сўзлади.",
     "a telephone or video contact"),
    ("uz-Latn-plans", "Prezident Xitoyga boradi\n\nPrezident Shavkat Mirziyoyev 20-21 may kunlari Xitoyga davlat "
     "tashrifi bilan boradi. Pekinda muzokaralar o‘tkaziladi.", "only plans or announcements"),
]


@pytest.mark.parametrize(("text", "reason"), [c[1:] for c in GATED], ids=[c[0] for c in GATED])
def test_the_gate_says_why(text: str, reason: str) -> None:
    result = extract(text, published="2025-05-12")
    assert (result.status, result.reason) == ("no-visit", reason)
    assert result.events.empty


VISITS = [   # the same languages, a visit told in the past: the gate lets it through
    ("uz-Latn", "Prezident Tojikiston Prezidentini kutib oldi\n\nTojikiston Prezidenti Emomali Rahmon bugun "
     "davlat tashrifi bilan Toshkentga keldi. Ko‘ksaroyda muzokaralar bo‘lib o‘tdi."),
    ("uz-Cyrl", "Президент Самарқандга келди\n\nҚозоғистон Президенти Қосим-Жомарт Тоқаев бугун Самарқандга "
     "келди. Меҳмонлар Регистон ансамблини томоша қилди."),
    ("ru", "Визит в Бишкек\n\nПрезидент Узбекистана Шавкат Мирзиёев прибыл в Бишкек с государственным визитом. "
     "В аэропорту его встретил Президент Кыргызстана Садыр Жапаров."),
    ("en", "Delegation in Khiva\n\nA government delegation of Azerbaijan arrived in Khiva on Monday and toured "
     "the Ichan-Qala museum."),
    ("uz-Latn-the-public-is-no-team", "Prezident Samarqandga keldi. Davlatimiz rahbari jamoatchilik vakillari "
     "bilan uchrashdi."),
    ("ru-a-business-trip-is-no-team", "Президент в командировке посетил завод в Навои."),
    ("en-a-tourist-complex-is-no-tourist", "The guest toured the tourist complex in Khiva."),
]


@pytest.mark.parametrize("text", [c[1] for c in VISITS], ids=[c[0] for c in VISITS])
def test_a_visit_passes_the_gate(text: str) -> None:
    result = extract(text, published="2025-05-12")
    assert result.status == "visit" and result.reason == ""
    assert not result.events.empty


GOLD = [p for name in ("corpus", "heldout", "realistic") for p in sorted((FIXTURES / name).glob("*.gold.json"))
        if json.loads(p.read_text(encoding="utf-8"))["events"]]


@pytest.mark.parametrize("gold", GOLD, ids=[f"{p.parent.name}/{p.stem}" for p in GOLD])
def test_every_corpus_article_with_events_passes_the_gate(gold: Path) -> None:
    g = json.loads(gold.read_text(encoding="utf-8"))
    result = extract((gold.parent / g["article"]).read_text(encoding="utf-8"), published=g["published"])
    assert result.status == "visit", result.reason


@pytest.mark.parametrize("lang", sorted(load_lexicons(DEFAULT.lexicon_dir)))
def test_every_lexicon_has_gate_cues(lang: str) -> None:
    cues = relevance(DEFAULT.lexicon_dir, lang)
    assert cues.party is not None and cues.remote is not None
    words = load_lexicons(DEFAULT.lexicon_dir)[lang]["relevance"]
    assert set(words) == {"party", "others", "topics", "remote"}
    assert cues.others is not None and cues.topics is not None


FIXTURE_SENTENCES = [fold(s) for p in sorted(Path("tests/fixtures/corpus").glob("*.txt"))
                     for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8")) if s.strip()]


@pytest.mark.parametrize("lang", sorted(load_lexicons(DEFAULT.lexicon_dir)))
def test_gate_cues_match_the_sentences_their_plain_alternation_does(lang: str) -> None:
    """The gate's whole-word patterns are written letter first (re skips to the cues' first letters): each
    list matches exactly the fixture sentences that ``(?<!\\w)(?:a|b|...)(?!\\w)`` of it matches."""
    cues = relevance(DEFAULT.lexicon_dir, lang)
    words = load_lexicons(DEFAULT.lexicon_dir)[lang]["relevance"]
    matched = 0
    for name in ("party", "others", "topics", "remote"):
        plain = re.compile(r"(?<!\w)(?:" + "|".join(words[name]) + r")(?!\w)")
        ours = getattr(cues, name)
        assert ours.pattern != plain.pattern
        found = [bool(ours.search(t)) for t in FIXTURE_SENTENCES]
        assert found == [bool(plain.search(t)) for t in FIXTURE_SENTENCES], name
        matched += sum(found)
    assert 0 < matched < 4 * len(FIXTURE_SENTENCES)
