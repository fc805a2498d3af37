"""Who: leaders by one canonical name across scripts and cases, other names as written.

Every sentence here is written for these tests.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from itertools import product
from pathlib import Path

import pytest

from dashboard import extract_events
from dashboard.extract.cues import load_cues
from dashboard.extract.leaders import SPELLING_PREFIXES, load_people
from dashboard.extract.people import SentenceReads, leader, participants, principals_of, principals_of_text
from dashboard.extract.segments import segment
from dashboard.settings import DEFAULT
from dashboard.text import prepare
from dashboard.text.normalize import fold

LEADERS_CSV = DEFAULT.data_dir / "people" / "leaders.csv"
SCRIPTS = {"en": "Latn", "ru": "Cyrl", "uz_latn": "Latn", "uz_cyrl": "Cyrl"}
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")


def names(text: str, **kw) -> tuple[str, list[str]]:
    prepared = prepare(text, DEFAULT.lexicon_dir)
    cues = load_cues(DEFAULT.lexicon_dir, prepared.language)
    return prepared.tag, participants(segment(prepared.norm, cues.page, cues.clause_split), cues, **kw)


def rows() -> list[dict[str, str]]:
    with LEADERS_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- the data file ---------------------------------------------------------------------------------

def test_every_row_has_every_script_and_a_source():
    for row in rows():
        for prefix, (column, script) in product(SPELLING_PREFIXES, SCRIPTS.items()):
            value = row[prefix + column]
            assert value.strip(), f"{row['id']}: {prefix}{column} is empty"
            wrong = LATIN if script == "Cyrl" else CYRILLIC
            assert not wrong.search(value), f"{row['id']}: {prefix}{column} {value!r} is not {script}"
        assert re.fullmatch(r"[A-Z]{2}", row["country"]), row["id"]
        assert row["source"].startswith("https://"), row["id"]
        assert row["head_of_state"] or row["head_of_government"], f"{row['id']}: no term in office"
        assert row["alone"] in {"yes", "title", "no"}, row["id"]


def test_ids_and_names_are_unique():
    ids = [r["id"] for r in rows()]
    canon = [r["name"] for r in rows()]
    assert len(set(ids)) == len(ids)
    assert len(set(canon)) == len(canon)


def test_no_full_spelling_points_at_two_people():
    people = load_people()
    full = [p for ps in people.patterns.values() for p in ps if p.full]
    owners: dict[tuple[str, ...], set[int]] = {}
    for p in full:
        owners.setdefault(p.stems, set()).update(p.leaders)
    shared = {stems: ids for stems, ids in owners.items() if len(ids) > 1}
    assert not shared, {" ".join(s): [people.leaders[i].name for i in ids] for s, ids in shared.items()}


def test_a_shared_surname_is_disambiguated():
    """Namesakes (Berdimuhamedov, Aliyev, Japarov, Sharif) differ by given name and one is the default."""
    people = load_people()
    bare = [p for ps in people.patterns.values() for p in ps if not p.full and len(p.leaders) > 1]
    assert bare, "the data has no namesakes: the father/son case is gone"
    for p in bare:
        givens = [people.leaders[i] for i in p.leaders]
        assert all(not (a & b) for k, a in enumerate(p.given) for b in p.given[k + 1:]), givens
        ranks = sorted((people.leaders[i].recency() for i in p.leaders), reverse=True)
        assert ranks[0] != ranks[1], f"no default among {[g.name for g in givens]}"


@pytest.mark.parametrize("row", rows(), ids=lambda r: r["id"])
def test_every_spelling_reads_as_its_leader(row):
    on = dt.date(int(re.split(r"[-;]", row["head_of_state"] or row["head_of_government"])[0]), 6, 1)
    for column in SCRIPTS:
        for given, surname in product(row["given_" + column].split("|"), row["surname_" + column].split("|")):
            text = f"{given} {surname} 2 iyun kuni Toshkentga keldi."
            assert names(text, on=on)[1][:1] == [row["name"]], text


# --- the engine, per language -----------------------------------------------------------------------

CASES = [
    # uz Latin
    ("uz-latn-genitive", "Prezident Shavkat Mirziyoyevning Samarqandga tashrifi boshlandi, mehmonlar "
     "oʻz taassurotlari bilan oʻrtoqlashdi.", "uz-Latn", ["Shavkat Mirziyoyev"]),
    ("uz-latn-variant-dative", "Mehmonlar Mirziyoevga oʻz minnatdorligini bildirdi va yangi loyihalar bilan "
     "tanishdi.", "uz-Latn", ["Shavkat Mirziyoyev"]),
    ("uz-latn-accusative", "Prezident Mirziyoyev Qosim-Joʻmart Toqayevni aeroportda kutib oldi va u bilan "
     "suhbatlashdi.", "uz-Latn", ["Shavkat Mirziyoyev", "Kassym-Jomart Tokayev"]),
    ("uz-latn-ablative", "Mirziyoyev Vladimir Putindan tabriknoma oldi va unga oʻz minnatdorligini "
     "bildirdi.", "uz-Latn", ["Shavkat Mirziyoyev", "Vladimir Putin"]),
    ("uz-latn-initial", "Sh.Mirziyoyev Toshkentdagi yangi zavodni koʻzdan kechirdi va ishchilar bilan "
     "suhbatlashdi.", "uz-Latn", ["Shavkat Mirziyoyev"]),
    ("uz-latn-apostrophe-quote", "Rajab Toyyib Erdo‘g‘an va Shavkat Mirziyoyev muzokaralar o‘tkazdi.",
     "uz-Latn", ["Recep Tayyip Erdoğan", "Shavkat Mirziyoyev"]),
    ("uz-latn-apostrophe-backtick", "Rajab Toyyib Erdo`g`an bilan Erdog'anning maslahatchilari ham "
     "uchrashdi.", "uz-Latn", ["Recep Tayyip Erdoğan"]),
    ("uz-latn-japarov-not-japan", "Sadir Japarov Yaponiyaga rasmiy tashrif bilan yetib keldi va "
     "mehmonlar bilan suhbatlashdi.", "uz-Latn", ["Sadyr Japarov"]),
    ("uz-latn-japarov-bare", "Japarovni Yaponiya bosh vaziri aeroportda kutib oldi va u bilan "
     "suhbatlashdi.", "uz-Latn", ["Sadyr Japarov"]),
    ("uz-latn-other-asadov", "Sherzod Asadov tadbirda soʻzga chiqdi va mehmonlar bilan suhbatlashdi.",
     "uz-Latn", ["Sherzod Asadov"]),
    ("uz-latn-variant-toqaev", "Shavkat Mirziyoyev Qasim-Jomart Toqaevni aeroportda kutib oldi va "
     "suhbatlashdi.", "uz-Latn", ["Shavkat Mirziyoyev", "Kassym-Jomart Tokayev"]),
    ("uz-latn-other-once", "Sherzod Asadov soʻzga chiqdi, soʻng Sherzod Asadovni mehmonlar tabrikladi.",
     "uz-Latn", ["Sherzod Asadov"]),
    ("uz-latn-wife-one-spelling", "Shavkat Mirziyoyev rafiqasi Ziroatxon Mirziyoyeva bilan Bokuga keldi va "
     "mehmonlar bilan suhbatlashdi.", "uz-Latn", ["Shavkat Mirziyoyev", "Ziroat Mirziyoyeva"]),
    ("uz-latn-heydar-grave", "Mirziyoyev Haydar Aliyev qabrini ziyorat qildi va gul qoʻydi.", "uz-Latn",
     ["Shavkat Mirziyoyev"]),
    ("uz-latn-airport-named", "Nursulton Nazarboyev nomidagi aeroportda Sadir Japarovni kutib olishdi va "
     "suhbatlashdi.", "uz-Latn", ["Sadyr Japarov"]),
    # uz Cyrillic (converted to Latin before extraction)
    ("uz-cyrl-accusative", "Ўзбекистон Президенти Шавкат Мирзиёев Қосим-Жўмарт Тоқаевни аэропортда кутиб "
     "олди ва суҳбатлашди.", "uz-Cyrl", ["Shavkat Mirziyoyev", "Kassym-Jomart Tokayev"]),
    ("uz-cyrl-genitive", "Тожикистон Президенти Эмомали Раҳмоннинг ташрифи якунланди ва меҳмонлар "
     "қайтишди.", "uz-Cyrl", ["Emomali Rahmon"]),
    ("uz-cyrl-dative", "Мирзиёевга Садир Жапаров ўз ташаккурини билдирди ва суҳбат бўлиб ўтди.", "uz-Cyrl",
     ["Shavkat Mirziyoyev", "Sadyr Japarov"]),
    ("uz-cyrl-bare-first", "Тоқаевни Мирзиёев кутиб олди, сўнг улар боғни айланиб чиқишди.", "uz-Cyrl",
     ["Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"]),
    ("uz-cyrl-karimov-airport", "Президент Ислом Каримов номидаги аэропортда Илҳом Алиевни кутиб олди ва "
     "суҳбатлашди.", "uz-Cyrl", ["Ilham Aliyev"]),
    ("uz-cyrl-father-and-son", "Туркманистон Президенти Сердар Бердимуҳамедов ва Гурбангули Бердимуҳамедов "
     "ўзбек меҳмонлари билан учрашди.", "uz-Cyrl",
     ["Serdar Berdimuhamedov", "Gurbanguly Berdimuhamedov"]),
    # Russian
    ("ru-genitive", "Президента Узбекистана Шавката Мирзиёева встретил Садыр Жапаров.", "ru-Cyrl",
     ["Shavkat Mirziyoyev", "Sadyr Japarov"]),
    ("ru-instrumental", "Переговоры с Владимиром Путиным и Дмитрием Медведевым прошли в Кремле.", "ru-Cyrl",
     ["Vladimir Putin", "Dmitry Medvedev"]),
    ("ru-hyphenated-given", "Мирзиёев встретился с Касымом-Жомартом Токаевым в Астане.", "ru-Cyrl",
     ["Shavkat Mirziyoyev", "Kassym-Jomart Tokayev"]),
    ("ru-dative", "Токаеву вручили орден, а Путину подарили книгу.", "ru-Cyrl",
     ["Kassym-Jomart Tokayev", "Vladimir Putin"]),
    ("ru-wife-one-spelling", "Супруга президента Зироатхон Мирзиёева посетила школу.", "ru-Cyrl",
     ["Зироат Мирзиёева"]),
    ("ru-sentence-start-adverb", "Затем Мирзиёев посетил музей истории.", "ru-Cyrl", ["Shavkat Mirziyoyev"]),
    ("ru-monument", "Жапаров возложил венок к памятнику Гейдару Алиеву.", "ru-Cyrl", ["Sadyr Japarov"]),
    ("ru-airport-named", "В аэропорту имени Гейдара Алиева гостя встретил Ильхам Алиев.", "ru-Cyrl",
     ["Ilham Aliyev"]),
    ("ru-japarov-not-japan", "Жапаров прибыл в Японию с официальным визитом.", "ru-Cyrl", ["Sadyr Japarov"]),
    ("ru-akylbek-by-given-name", "Премьер-министр Акылбек Жапаров провёл встречу с делегацией.", "ru-Cyrl",
     ["Akylbek Japarov"]),
    # English
    ("en-possessive", "Kazakhstan's Tokayev met Mirziyoyev's delegation at the airport on Monday.", "en-Latn",
     ["Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"]),
    ("en-title-khan", "PM Khan welcomed President Mirziyoyev at the residence.", "en-Latn",
     ["Imran Khan", "Shavkat Mirziyoyev"]),
    ("en-khan-needs-a-title", "The delegation admired the view of Khan Tengri from the plane.", "en-Latn", []),
    ("en-memorial-named-after", "The guests visited the memorial complex named after Islam Karimov.",
     "en-Latn", []),
    ("en-tomb-of-a-namesake", "President Mirziyoyev laid flowers at the tomb of outstanding statesman "
     "Aziz Aliyev.", "en-Latn", ["Shavkat Mirziyoyev"]),
    ("en-center", "President Ilham Aliyev showed the guest the Heydar Aliyev Center.", "en-Latn",
     ["Ilham Aliyev"]),
    ("en-title-is-no-name", "Tajikistan's Prime Minister Kokhir Rasulzoda met the delegation.", "en-Latn",
     ["Kokhir Rasulzoda"]),
    ("en-surname-first", "Tokayev received Xi Jinping and Shehbaz Sharif in Astana.", "en-Latn",
     ["Kassym-Jomart Tokayev", "Xi Jinping", "Shehbaz Sharif"]),
]


@pytest.mark.parametrize(("text", "tag", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_participants(text, tag, expected):
    got_tag, got = names(text)
    assert got_tag == tag
    assert got == expected


FATHER_AND_SON = [
    ("ru-full-father", "Гурбангулы Бердымухамедов прибыл в Ташкент.", {}, ["Gurbanguly Berdimuhamedov"]),
    ("en-full-son", "President Serdar Berdimuhamedov arrived in Tashkent.", {}, ["Serdar Berdimuhamedov"]),
    ("en-bare-with-cue", "Arkadag Berdimuhamedov visited the stud farm.", {}, ["Gurbanguly Berdimuhamedov"]),
    ("uz-bare-chairman", "Xalq Maslahati Raisi Berdimuhamedov Samarqandga keldi va shaharni aylandi.", {},
     ["Gurbanguly Berdimuhamedov"]),
    ("en-bare-after-full", "Gurbanguly Berdimuhamedov arrived. Berdimuhamedov then visited the museum.", {},
     ["Gurbanguly Berdimuhamedov"]),
    ("en-bare-article-principal", "Berdimuhamedov laid flowers at the monument.",
     {"principals": ["Gurbanguly Berdimuhamedov"]}, ["Gurbanguly Berdimuhamedov"]),
    ("en-bare-2019", "President Berdimuhamedov arrived.", {"on": dt.date(2019, 5, 1)},
     ["Gurbanguly Berdimuhamedov"]),
    ("en-bare-2024", "President Berdimuhamedov arrived.", {"on": dt.date(2024, 5, 1)}, ["Serdar Berdimuhamedov"]),
    ("en-bare-undated", "President Berdimuhamedov arrived.", {}, ["Serdar Berdimuhamedov"]),
    ("en-bare-aliyev", "President Aliyev welcomed the guests.", {}, ["Ilham Aliyev"]),
    ("en-heydar-historical", "Heydar Aliyev received Islam Karimov in Baku.", {}, []),
    ("en-heydar-in-2001", "Heydar Aliyev received Islam Karimov in Baku.", {"on": dt.date(2001, 5, 1)},
     ["Heydar Aliyev", "Islam Karimov"]),
]


@pytest.mark.parametrize(("text", "kw", "expected"), [c[1:] for c in FATHER_AND_SON],
                         ids=[c[0] for c in FATHER_AND_SON])
def test_namesakes(text, kw, expected):
    assert names(text, **kw)[1] == expected


SUBJECT = [
    ("uz-our-head-of-state", "Davlatimiz rahbari muzeyni koʻzdan kechirdi va mehmonlar bilan suhbatlashdi.",
     ["Shavkat Mirziyoyev"], ["Shavkat Mirziyoyev"]),
    ("uz-met-by-the-host", "Aeroportda uni Prezident Shavkat Mirziyoyev kutib oldi va suhbat boʻlib oʻtdi.",
     ["Emomali Rahmon", "Shavkat Mirziyoyev"], ["Emomali Rahmon", "Shavkat Mirziyoyev"]),
    ("ru-named-visitor", "Садыр Жапаров посетил мемориальный комплекс.", ["Sadyr Japarov", "Kassym-Jomart Tokayev"],
     ["Sadyr Japarov"]),
    ("en-host-named-as-such", "Later Tokayev and Japarov held talks.", ["Sadyr Japarov", "Kassym-Jomart Tokayev"],
     ["Kassym-Jomart Tokayev", "Sadyr Japarov"]),
]


@pytest.mark.parametrize(("text", "principals", "expected"), [c[1:] for c in SUBJECT],
                         ids=[c[0] for c in SUBJECT])
def test_the_articles_subject_stands_in(text, principals, expected):
    assert names(text, principals=principals)[1] == expected


ARTICLES = [
    ("uz-latn", "Serdar Berdimuhamedov Toshkentga keldi\n\nOʻzbekiston Prezidenti Shavkat Mirziyoyevning "
     "taklifiga binoan Turkmaniston Prezidenti Serdar Berdimuhamedov 3-mart kuni rasmiy tashrif bilan "
     "Toshkentga keldi.\n\nMehmonlar shaharni aylanishdi.",
     ["Serdar Berdimuhamedov", "Shavkat Mirziyoyev"]),
    ("uz-cyrl", "Эмомали Раҳмон Тошкентда\n\nТожикистон Президенти Эмомали Раҳмонни аэропортда Шавкат "
     "Мирзиёев кутиб олди.\n\nСўнг меҳмон боғга борди.", ["Emomali Rahmon", "Shavkat Mirziyoyev"]),
    ("ru", "Жапаров прибыл в Астану\n\nПо приглашению Президента Казахстана Касым-Жомарта Токаева Президент "
     "Кыргызстана Садыр Жапаров прибыл в Астану.\n\nГостя встретили в аэропорту.",
     ["Sadyr Japarov", "Kassym-Jomart Tokayev"]),
    ("en", "Mirziyoyev arrives in Baku\n\nAt the invitation of President Ilham Aliyev, President Shavkat "
     "Mirziyoyev arrived in Baku on a state visit.\n\nHe was met at the airport.",
     ["Shavkat Mirziyoyev", "Ilham Aliyev"]),
    ("en-no-leader-in-lead", "Visit news\n\nA delegation arrived on Monday morning.\n\nLater President "
     "Lukashenko met the guests.", ["Alexander Lukashenko"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ARTICLES], ids=[c[0] for c in ARTICLES])
def test_principals_of_text_visitor_first(text, expected):
    assert principals_of_text(text) == expected


def test_leader_gives_the_country():
    assert leader("Sadyr Japarov").country == "KG"
    assert leader("Akylbek Japarov").country == "KG"
    assert leader("Somebody Else") is None


def test_extracted_events_carry_canonical_names():
    text = ("Шавкат Мирзиёев Остонага етиб келди\n\n2025 йил 12 март куни Ўзбекистон Президенти Шавкат "
            "Мирзиёев Остона шаҳрига етиб келди. Аэропортда уни Қосим-Жўмарт Тоқаев кутиб олди.")
    frame = extract_events(text, published="2025-03-12")
    assert len(frame) >= 1
    everyone = "; ".join(frame["participants"])
    assert "Shavkat Mirziyoyev" in everyone
    assert "Мирзиёев" not in everyone and "Mirziyoyev;" not in fold(everyone)


# runs of capitalised words that are no person (a state, a body, a region, a month) and names written
# with a place before them or a case ending after them
NOT_PEOPLE = [
    ("uz-Latn-parliament", "Mehmonlar Oliy Majlis binosida Jamshid Qosimov bilan uchrashdi.", "uz-Latn",
     ["Jamshid Qosimov"]),
    ("uz-Latn-republic", "Xitoy Xalq Respublikasi delegatsiyasini 5-noyabr kuni aeroportda Jamshid Qosimov "
     "kutib oldi va ular bilan suhbatlashdi.", "uz-Latn",
     ["Jamshid Qosimov"]),
    ("uz-Latn-case-ending", "Mehmonlar 5-noyabr kuni Jamshid Qosimovning hamrohligida muzeyni koʻzdan "
     "kechirishdi va suhbatlashdi.", "uz-Latn",
     ["Jamshid Qosimov"]),
    ("uz-Cyrl-place-before", "Тошкентда Жамшид Қосимов меҳмонларни кутиб олди ва уларга шаҳарни кўрсатди.",
     "uz-Cyrl", ["Jamshid Qosimov"]),
    ("ru-holding", "Делегацию принял глава компании Рустам Каримов, представитель Финанс Холдинг.", "ru-Cyrl",
     ["Рустам Каримов"]),
    ("en-region", "The Central Asian leaders were met by Governor Rustam Karimov.", "en-Latn",
     ["Rustam Karimov"]),
    ("en-month", "On November 5 the guests were met by Rustam Karimov at the station.", "en-Latn",
     ["Rustam Karimov"]),
    ("en-state", "The delegation of the Kyrgyz Republic was met by Rustam Karimov.", "en-Latn",
     ["Rustam Karimov"]),
    ("en-rank", "The guard of honour was commanded by Major-General Anvar Saidov.", "en-Latn", ["Anvar Saidov"]),
    ("ru-rank", "Почетным караулом командовал генерал-майор Анвар Саидов.", "ru-Cyrl", ["Анвар Саидов"]),
]


@pytest.mark.parametrize(("text", "tag", "expected"), [c[1:] for c in NOT_PEOPLE], ids=[c[0] for c in NOT_PEOPLE])
def test_participants_are_people(text, tag, expected):
    assert names(text) == (tag, expected)


# a leader's name inside a venue's or an airport's name the gazetteer knows is the venue, not the leader
VENUE_NAMES = [
    ("uz-Latn", "Mehmonni 5-noyabr kuni Nursulton Nazarboyev nomidagi xalqaro aeroportda vazir kutib oldi va "
                "ular suhbatlashdi.", []),
    ("uz-Cyrl", "Меҳмонни 5 ноябрь куни Нурсултон Назарбоев номидаги халқаро аэропортда вазир кутиб олди ва улар "
                "суҳбатлашди.", []),
    ("ru", "Гостя встретили в международном аэропорту Нурсултан Назарбаев.", []),
    ("en", "The guest was met at Nursultan Nazarbayev International Airport by Kassym-Jomart Tokayev.",
     ["Kassym-Jomart Tokayev"]),
    ("ru-at-the-airport", "В аэропорту его встретил Касым-Жомарт Токаев.", ["Kassym-Jomart Tokayev"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), VENUE_NAMES, ids=[c[0] for c in VENUE_NAMES])
def test_a_venue_named_after_a_leader_is_not_the_leader(lang, text, expected):
    assert names(text)[1] == expected


MEMO_ARTICLES = sorted((Path(__file__).parent / "fixtures" / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", MEMO_ARTICLES, ids=[p.stem for p in MEMO_ARTICLES])
def test_sentences_read_once_give_the_names_read_each_time(path: Path) -> None:
    """An article's sentences read through one SentenceReads (the principals, then every window of
    sentences, in reading order, twice) give the names a fresh read of each window gives."""
    prepared = prepare(path.read_text(encoding="utf-8"), DEFAULT.lexicon_dir)
    cues = load_cues(DEFAULT.lexicon_dir, prepared.language)
    sentences = segment(prepared.norm, cues.page, cues.clause_split)
    memo = SentenceReads()
    on = dt.date(2024, 4, 5)
    principals = principals_of(sentences, cues, on, memo=memo)
    assert principals == principals_of(sentences, cues, on)
    windows = [sentences[i:i + 3] for i in range(len(sentences))] * 2
    with_memo = [participants(w, cues, principals, on, memo) for w in windows]
    assert with_memo == [participants(w, cues, principals, on) for w in windows]
    assert set(memo.names) == {s.text for s in sentences}      # each sentence kept, read once
