"""Date spans and clock times: each form, per language, normalised through dateparser."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from dashboard.extract import dates
from dashboard.extract.cues import load_cues
from dashboard.extract.dates import DateReader
from dashboard.settings import DEFAULT
from dashboard.text import fold, load_lexicons, normalize

SCRIPTS = json.loads((DEFAULT.lexicon_dir / "scripts.json").read_text(encoding="utf-8"))
PUBLISHED = dt.date(2024, 4, 5)      # a Friday
RUNNING = dt.date(2024, 4, 5)


def first_date(lang: str, text: str, table: dict | None = None, published: dt.date = PUBLISHED):
    reader = DateReader(load_cues(DEFAULT.lexicon_dir, lang), published)
    hits = reader.dates(fold(normalize(text, table).text), RUNNING)
    return (hits[0].date.isoformat(), hits[0].precision) if hits else None


DATES = [
    ("uz-day-month-kuni", "uz", "Toqaev 5 aprel kuni keldi", None, ("2024-04-05", "day")),
    ("uz-soft-sign", "uz", "5 aprelʻ kuni tashrif bilan keldi", None, ("2024-04-05", "day")),
    ("uz-hyphen", "uz", "5-aprel kuni", None, ("2024-04-05", "day")),
    ("uz-suffixed", "uz", "prezident 5-aprelda keldi", None, ("2024-04-05", "day")),
    ("uz-year-first", "uz", "2024-yil 5-aprel kuni", None, ("2024-04-05", "day")),
    ("uz-year-suffixed", "uz", "2023-yilning 12-martida", None, ("2023-03-12", "day")),
    ("uz-sentyabr-spelling", "uz", "Samarqand, 15 sentyabr.", None, ("2024-09-15", "day")),  # nearest year
    ("uz-numeric", "uz", "14.10.2026, 18:20", None, ("2026-10-14", "day")),
    ("uz-cyrillic", "uz", "5 апрель куни", SCRIPTS["uz"]["Cyrl"], ("2024-04-05", "day")),
    ("uz-new-latin", "uz", "14 oktyabr kuni Özbekistonga keldi", SCRIPTS["uz"]["Latn2026"], ("2023-10-14", "day")),
    ("uz-bugun", "uz", "bugun Samarqandga keldi", None, ("2024-04-05", "day")),
    ("uz-kecha", "uz", "kecha Toshkentga keldi", None, ("2024-04-04", "day")),
    ("uz-ertaga", "uz", "ertaga keladi", None, ("2024-04-06", "day")),
    ("uz-ertasi-kuni", "uz", "Ertasi kuni sammitda ishtirok etdi", None, ("2024-04-06", "day")),
    ("uz-shu-kuni", "uz", "Shu kuni kechqurun kuzatib qoʻydi", None, ("2024-04-05", "day")),
    ("uz-weekday", "uz", "dushanba kuni muzokaralar boʻldi", None, ("2024-04-01", "day")),
    ("uz-month-only", "uz", "2024-yil mart oyida", None, ("2024-03-01", "month")),
    ("uz-range-first-day", "ru", "14-15 сентября 2022 года", None, ("2022-09-14", "day")),
    ("ru-genitive", "ru", "5 апреля 2024 года президент прибыл", None, ("2024-04-05", "day")),
    ("ru-no-year", "ru", "Ташкент, 20 мая.", None, ("2024-05-20", "day")),
    ("ru-vchera", "ru", "вчера прибыл", None, ("2024-04-04", "day")),
    ("ru-next-day", "ru", "На следующий день посетил", None, ("2024-04-06", "day")),
    ("en-month-day", "en", "On April 5, the president arrived", None, ("2024-04-05", "day")),
    ("en-day-of-month", "en", "on the 5th of April 2024", None, ("2024-04-05", "day")),
    ("en-yesterday", "en", "arrived yesterday", None, ("2024-04-04", "day")),
    ("en-next-day", "en", "The next day, he toured", None, ("2024-04-06", "day")),
    ("year-end-wraps-back", "uz", "28 dekabr kuni keldi", None, ("2023-12-28", "day")),
]


@pytest.mark.parametrize(("lang", "text", "table", "want"), [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_date_forms(lang: str, text: str, table: dict | None, want: tuple[str, str]) -> None:
    assert first_date(lang, text, table) == want


NOT_DATES = [
    ("uz-until-year", "uz", "2034 yilgacha boʻlgan strategik sheriklik dasturi"),
    ("uz-until-year-hyphen", "uz", "2034-yilgacha moʻljallangan dastur"),
    ("uz-ordinal-meeting", "uz", "navbatdagi 6-maslahat uchrashuviga tayyorgarlik"),
    ("uz-martaba-is-not-march", "uz", "Oliy martabali mehmonni kuzatib qoʻydi"),
    ("en-mayor-is-not-may", "en", "the mayor of 5 districts met"),
    ("en-until-year", "en", "a programme until 2030"),
    ("ru-year-only", "ru", "до 2030 года"),
]


@pytest.mark.parametrize(("lang", "text"), [c[1:] for c in NOT_DATES], ids=[c[0] for c in NOT_DATES])
def test_years_and_lookalikes_are_not_dates(lang: str, text: str) -> None:
    assert first_date(lang, text) is None


TIMES = [
    ("uz-soat", "uz", "soat 9:30 da muzokaralar boshlandi", "09:30"),
    ("uz-soat-dot", "uz", "soat 10.00 da", "10:00"),
    ("uz-colon", "uz", "15:00 da matbuot anjumani", "15:00"),
    ("ru-v", "ru", "в 11:00 начались переговоры", "11:00"),
    ("en-at", "en", "at 10:30 the talks began", "10:30"),
    ("en-pm", "en", "at 4:15 p.m. he left", "16:15"),
    ("uz-date-is-not-time", "uz", "14.10.2026 kuni", None),
    ("uz-none", "uz", "kechqurun kuzatib qoʻydi", None),
]


@pytest.mark.parametrize(("lang", "text", "want"), [c[1:] for c in TIMES], ids=[c[0] for c in TIMES])
def test_clock_times(lang: str, text: str, want: str | None) -> None:
    reader = DateReader(load_cues(DEFAULT.lexicon_dir, lang), PUBLISHED)
    assert reader.clock(fold(normalize(text).text)) == want


def test_part_of_day_orders_but_is_not_a_time() -> None:
    reader = DateReader(load_cues(DEFAULT.lexicon_dir, "uz"), PUBLISHED)
    key = fold("Kechqurun kuzatib qoʻydi")
    assert reader.clock(key) is None
    assert reader.part_of_day(key) > reader.part_of_day(fold("Ertalab keldi"))


# -- the shortcuts around dateparser give exactly what dateparser gives ---------------------------------

LEXICONS = load_lexicons(DEFAULT.lexicon_dir)
LANGS = sorted(LEXICONS)
DAYS = (0, 1, 2, 15, 28, 29, 30, 31, 32)
YEARS = ("2023", "2024", "2100", "1899", "0024")
NO_YEAR_BASES = (dt.date(2023, 6, 15), dt.date(2024, 12, 31), dt.date(2025, 3, 1))
RELATIVE_BASES = [dt.date(2023, 12, 20) + dt.timedelta(days=k) for k in range(75)]   # year end, leap February


def _dateparser(span: str, language: str, base: dt.date, prefer: str = "current_period") -> dt.date | None:
    return dates._parse.__wrapped__(span, language, base, prefer)


def _months(lang: str) -> list[str]:
    return sorted(set(load_cues(DEFAULT.lexicon_dir, lang).months.values()))


@pytest.mark.parametrize("lang", LANGS, ids=LANGS)
def test_day_month_shortcut_reads_as_dateparser(lang: str) -> None:
    language = load_cues(DEFAULT.lexicon_dir, lang).dateparser
    base = dt.date(2024, 4, 5)
    for month in _months(lang):
        for day in DAYS:
            for year in YEARS:
                span = f"{day} {month} {year}"
                assert dates.day_month(day, month, year, language, base) == _dateparser(span, language, base), span
            for base in NO_YEAR_BASES:
                span = f"{day} {month}"
                assert dates.day_month(day, month, None, language, base) == _dateparser(span, language, base), \
                    (span, base)


@pytest.mark.parametrize("lang", LANGS, ids=LANGS)
def test_month_year_shortcut_reads_as_dateparser(lang: str) -> None:
    language = load_cues(DEFAULT.lexicon_dir, lang).dateparser
    for month in _months(lang):
        for year in YEARS:
            for base in (dt.date(2024, 1, 31), dt.date(2023, 6, 30)):
                span = f"{month} {year}"
                assert dates.month_year(month, year, language, base) == _dateparser(span, language, base), span


def _says(relative: dict) -> list[str]:
    """The phrases a lexicon's relative date asks dateparser, with every weekday it can name."""
    group = re.search(r"\(\?P<(\w+)>([^()]*)\)", relative["pattern"])
    if "{" not in relative["say"] or group is None:
        return [relative["say"]]
    name, alternatives = group.groups()
    return [relative["say"].format(**{name: word}) for word in alternatives.split("|")]


@pytest.mark.parametrize("lang", LANGS, ids=LANGS)
def test_relative_shortcut_reads_as_dateparser(lang: str) -> None:
    language = load_cues(DEFAULT.lexicon_dir, lang).dateparser
    for rel in LEXICONS[lang].get("relative_dates", []):
        prefer = "past" if rel["anchor"] == "published" else "current_period"
        for say in _says(rel):
            for base in RELATIVE_BASES:
                assert dates.relative(say, language, base, prefer) == _dateparser(say, language, base, prefer), \
                    (say, base)


def test_month_sized_phrases_are_not_shortcut() -> None:
    """A shift that depends on the month's length is left to dateparser."""
    assert dates._shift("next month", "en", 0, "current_period") is None
    assert dates.relative("next month", "en", dt.date(2024, 1, 31), "current_period") == \
        _dateparser("next month", "en", dt.date(2024, 1, 31))


SAME_SPAN = [
    ("uz-no-year", "uz", "5 aprel kuni keldi", dt.date(2024, 4, 5), dt.date(2025, 4, 5), "2024-04-05", "2025-04-05"),
    ("uz-kecha", "uz", "kecha keldi", dt.date(2024, 4, 5), dt.date(2024, 3, 1), "2024-04-04", "2024-02-29"),
    ("en-weekday", "en", "arrived on monday", dt.date(2024, 4, 5), dt.date(2024, 4, 12), "2024-04-01", "2024-04-08"),
    ("ru-month-no-year", "ru", "20 мая прибыл", dt.date(2023, 5, 1), dt.date(2026, 5, 1), "2023-05-20", "2026-05-20"),
]


@pytest.mark.parametrize(("lang", "text", "first", "second", "want_first", "want_second"),
                         [c[1:] for c in SAME_SPAN], ids=[c[0] for c in SAME_SPAN])
def test_same_span_on_two_publication_dates(lang: str, text: str, first: dt.date, second: dt.date,
                                            want_first: str, want_second: str) -> None:
    """Cached readings never leak from one article to the next: the base date is part of the answer."""
    assert first_date(lang, text, published=first) == (want_first, "day")
    assert first_date(lang, text, published=second) == (want_second, "day")
    assert first_date(lang, text, published=first) == (want_first, "day")


@pytest.mark.parametrize(("lang", "text", "table", "want"), [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_first_date_search_is_at_or_before_every_date(lang: str, text: str, table: dict | None,
                                                     want: tuple[str, str]) -> None:
    """The combined search that lets sentences without a date skip the per-pattern scans never misses one."""
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    key = fold(normalize(text, table).text)
    first = cues.any_date.search(key)
    every = [m.start() for p in (*cues.date_patterns, *cues.month_patterns, *(r.pattern for r in cues.relative))
             for m in p.finditer(key)]
    assert every and first is not None and first.start() <= min(every)
