"""Event assembly rules, end to end through extract(): one table row per rule, per language."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard import COLUMNS, extract_events
from dashboard.extract import extract
from dashboard.extract.cues import load_cues
from dashboard.extract.kinds import _counts, cue_starts, matches
from dashboard.extract.segments import segment
from dashboard.settings import DEFAULT
from dashboard.text import prepare


def happened(text: str, published: str):
    frame = extract_events(text, published)
    return frame[frame["status"] == "happened"]


def timeline(text: str, published: str) -> list[tuple]:
    frame = happened(text, published)
    return list(zip(frame["kind"], frame["date"], frame["time"].fillna(""), frame["place"].fillna(""), strict=True))


def kinds(text: str, published: str) -> list[str]:
    return list(happened(text, published)["kind"])


RULES = [
    ("uz-lead-retold-by-body",
     "Prezident keldi\n\nPrezident 5 aprel kuni Samarqandga keldi. Samarqandda muzokaralar oʻtkazildi.\n\n"
     "Samarqand xalqaro aeroportida mehmonni Bosh vazir kutib oldi.\n\nSoʻngra Samarqandda muzokaralar boʻlib oʻtdi.",
     "2024-04-05", ["arrival", "talks"]),
    ("uz-title-is-no-event",
     "Turkiya Prezidenti Samarqandga keldi\n\nShundan soʻng prezidentlar Registon ansamblini ziyorat qildi.",
     "2024-04-05", ["visit"]),
    ("uz-statements-attach",
     "Prezidentlar muzokaralar oʻtkazdi. Toqaev hamkorlik muhimligini taʼkidladi. Vazirlarga koʻrsatma berildi.",
     "2024-04-05", ["talks"]),
    ("uz-one-activity-one-event",
     "Prezidentlar kombinatga bordi. Ular ishlab chiqarish bilan tanishdilar. Koʻrgazmani koʻzdan kechirdilar.",
     "2024-04-05", ["tour"]),
    ("uz-then-opens-new-event",
     "Prezidentlar Registonni ziyorat qildi. Soʻngra Goʻri Amir maqbarasini ziyorat qildi.",
     "2024-04-05", ["visit", "visit"]),
    ("en-after-which-splits",
     "An official welcome ceremony was held at the Kuksaroy residence, after which the two leaders held talks.",
     "2024-06-10", ["ceremony", "talks"]),
    ("ru-purpose-is-not-summit",
     "Президент прибыл в Самарканд для участия в саммите ШОС. Затем президент посетил Регистан.",
     "2022-09-15", ["arrival", "visit"]),
    ("uz-future-is-not-an-event",
     "Prezidentning kelasi oyda Toshkentga tashrif buyurishi, yangi kelishuvlar imzolanishi kutilmoqda.",
     "2024-04-05", []),
    ("en-future-is-not-an-event",
     "The president held talks in Dushanbe. The next CIS summit is due to be held in Turkmenistan in 2026.",
     "2025-10-10", ["talks"]),
    ("ru-future-is-not-an-event",
     "Президенты провели переговоры. Следующий саммит состоится в Бишкеке.", "2025-10-10", ["talks"]),
    ("uz-topic-nouns-start-nothing",
     "Prezidentlar muzokaralar oʻtkazdi. Unda Andijon – Oʻsh yoʻlini qurilish loyihasi muhokama qilindi. "
     "Korxona mahsulotining 70 foizi Rossiyaga eksport qilinadi.",
     "2024-04-05", ["talks"]),
    ("ru-narrow-then-expanded-is-one-talks",
     "Президенты провели переговоры сначала в узком, а затем в расширенном составе.", "2025-09-05", ["talks"]),
    ("uz-visitor-country-is-no-second-arrival",
     "Toshkent, 21 avgust. Ozarbayjon Respublikasi Prezidenti bugun mamlakatimizga davlat tashrifi bilan keldi. "
     "Toshkent xalqaro aeroportida mehmonni Prezidentimiz kutib oldi.",
     "2025-08-21", ["arrival"]),
    ("no-events-in-opinion",
     "Iqtisodchilar fikricha, savdo hajmi 2030-yilgacha ikki baravar oshadi. Bu muhim koʻrsatkich.",
     "2024-04-05", []),
]


@pytest.mark.parametrize(("text", "published", "want"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_assembly_rules(text: str, published: str, want: list[str]) -> None:
    assert kinds(text, published) == want


def test_next_day_and_same_day_follow_the_running_date() -> None:
    text = ("Samarqand, 15 sentyabr. Prezident bugun Samarqandga keldi.\n\n"
            "Ertasi kuni prezident sammitda ishtirok etdi.\n\nShu kuni kechqurun prezident joʻnab ketdi.")
    assert [(k, d) for k, d, *_ in timeline(text, "2022-09-15")] == [
        ("arrival", "2022-09-15"), ("summit", "2022-09-16"), ("departure", "2022-09-16")]


def test_a_clock_time_flashback_moves_only_its_own_event() -> None:
    text = ("Soat 15:00 da Akordada muzokaralar boshlandi.\n\n"
            "Undan oldin, soat 11:30 da, Prezident monumentga gulchambar qoʻydi.\n\n"
            "Muzokaralar yakunida hujjatlar imzolandi.")
    got = timeline(text, "2025-03-12")
    assert [(k, t) for k, _, t, _ in got] == [("ceremony", "11:30"), ("talks", "15:00"), ("signing", "")]


def test_weekday_is_on_or_before_publication() -> None:
    text = "On Monday the president arrived in Tashkent. On Tuesday he visited the Registan ensemble."
    got = timeline(text, "2024-06-11")       # a Tuesday
    assert [d for _, d, _, _ in got] == ["2024-06-10", "2024-06-11"]


@pytest.mark.parametrize(("lang", "text", "place"), [
    ("uz", "Kechqurun Prezident Ostonada muzokaralar oʻtkazdi. Shu kuni Prezident Ostonadan Toshkentga qaytib ketdi.",
     "Astana"),
    ("en", "The president held talks in Astana. He left for Tashkent later that day.", "Astana"),
    ("ru", "Президент провел переговоры в Астане. Вечером президент вылетел в Ташкент.", "Astana"),
], ids=["uz-ablative-vs-dative", "en-left-for", "ru-vyletel-v"])
def test_departure_is_placed_where_one_leaves_from(lang: str, text: str, place: str) -> None:
    frame = extract_events(text, "2025-03-12")
    assert list(frame["kind"]) == ["talks", "departure"]
    assert "Tashkent" not in str(frame["place"].iloc[1])
    assert str(frame["city"].iloc[1]) == place


def test_evidence_offsets_point_into_the_original_text() -> None:
    text = "Sarlavha\n\nPrezident 5 aprelʻ kuni Urganch\nxalqaro aeroportida kutib olindi. Bu muhim."
    frame = extract_events(text, "2024-04-05")
    row = frame.iloc[0]
    assert text[row["evidence_start"]:row["evidence_end"]].startswith("Prezident 5 aprelʻ kuni Urganch\nxalqaro")
    assert row["evidence"].startswith("Prezident 5 aprelʻ kuni Urganch xalqaro")


def test_empty_text_gives_an_empty_frame_with_the_schema() -> None:
    result = extract("", "2024-04-05")
    assert result.events.empty
    assert "date_precision" in result.events.columns


def test_bad_publication_date_is_an_input_error() -> None:
    from dashboard.errors import InputError

    with pytest.raises(InputError, match="YYYY-MM-DD"):
        extract("Prezident keldi.", "5 April")


def test_topic_places_do_not_move_an_event() -> None:
    text = ("Shundan soʻng Fargʻona shahrida muzokaralar boʻlib oʻtdi. "
            "Tomonlar Xoʻjand – Qoʻqon yoʻlini rekonstruksiya qilish masalalarini muhokama qildi.")
    frame = extract_events(text, "2026-06-09")
    assert list(frame["kind"]) == ["talks"]
    assert frame["city"].iloc[0] == "Fergana"


def test_shu_yerda_is_the_previous_venue() -> None:
    text = ("Koʻksaroy qarorgohida rasmiy kutib olish marosimi boʻlib oʻtdi. "
            "Shundan soʻng shu yerda tor doiradagi muzokaralar boshlandi.")
    frame = extract_events(text, "2025-08-21")
    assert list(frame["kind"]) == ["ceremony", "talks"]
    assert frame["place_id"].iloc[0] == frame["place_id"].iloc[1]


def test_on_the_eve_dates_only_its_own_event() -> None:
    text = ("President Mirziyoyev took part yesterday in the CIS summit in Dushanbe.\n\n"
            "He arrived in Dushanbe on the eve of the summit.\n\nThe council met in a narrow format.")
    got = timeline(text, "2025-10-11")
    assert [(k, d) for k, d, _, _ in got] == [("arrival", "2025-10-09"), ("summit", "2025-10-10")]


def test_a_dateline_dates_the_paper_not_the_event() -> None:
    text = ("TASHKENT, October 21 — The president arrived in Tashkent on Monday evening.\n\n"
            "The next day an official welcome ceremony was held.")
    got = timeline(text, "2025-10-21")
    assert [(k, d) for k, d, _, _ in got] == [("arrival", "2025-10-20"), ("ceremony", "2025-10-21")]


def test_each_empty_frame_is_a_new_one() -> None:
    """Empty results are copies of one cached frame: changing one must not change the next."""
    first = extract("", "2024-04-05").events
    first["kind"] = pd.Series(["changed"], dtype="string")
    first.loc[0, "seq"] = 7
    second = extract("", "2024-04-05").events
    assert second.empty and list(second.columns) == list(COLUMNS)
    assert {name: str(dtype) for name, dtype in second.dtypes.items()} == COLUMNS


def test_frame_columns_keep_the_schema_dtypes_and_missing_values() -> None:
    frame = extract_events("Prezident 5 aprel kuni Samarqandga keldi. Keyin muzokaralar oʻtkazildi.", "2024-04-05")
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == COLUMNS
    assert frame["time"].isna().all() and frame["seq"].tolist() == list(range(1, len(frame) + 1))


FIXTURE_ARTICLES = sorted((Path(__file__).parent / "fixtures" / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", FIXTURE_ARTICLES, ids=[p.stem for p in FIXTURE_ARTICLES])
def test_every_kind_cue_starts_where_the_any_kind_pattern_matches(path: Path) -> None:
    """Kinds try their cues only where the pattern of all cues matches: every cue must start there."""
    prepared = prepare(path.read_text(encoding="utf-8"), DEFAULT.lexicon_dir)
    cues = load_cues(DEFAULT.lexicon_dir, prepared.language)
    checked = 0
    for sentence in segment(prepared.norm, cues.page, cues.clause_split):
        starts = {m.start() for p in (*cues.strong.values(), *cues.weak.values()) for m in p.finditer(sentence.key)}
        found = cue_starts(sentence.key, cues.any_kind)
        assert starts <= set(found), sentence.key
        for p in (*cues.strong.values(), *cues.weak.values()):
            if found:
                assert [m.span() for m in matches(p, sentence.key, found)] == \
                    [m.span() for m in p.finditer(sentence.key)], sentence.key
        counts = {(strong, kind): len(p.findall(sentence.key)) for strong, table in ((True, cues.strong),
                  (False, cues.weak)) for kind, p in table.items() if p.search(sentence.key)}
        assert (_counts(sentence.key, cues, found) if found else {}) == counts, sentence.key
        checked += bool(starts)
    assert checked or "noevents" in path.stem
