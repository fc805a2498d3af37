"""Date spans and clock times: each form, per language, normalised through dateparser."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard.extract import dates, extract, reftime
from dashboard.extract.cues import load_cues
from dashboard.extract.dates import DateReader
from dashboard.extract.starts import matches_at, positions
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
def test_month_numbers_from_the_data_are_dateparsers(lang: str) -> None:
    """The month table (data/ingest/datelines.json) gives every lexicon month name the number dateparser
    reads it as: the shortcut asks the data, not dateparser."""
    language = load_cues(DEFAULT.lexicon_dir, lang).dateparser
    for month in _months(lang):
        parsed = _dateparser(f"15 {month} 2001", language, dt.date(2001, 1, 1))
        assert parsed is not None, month
        assert dates._month_number(month, language) == parsed.month, month


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


NUMERIC_DAYS = (0, 1, 9, 10, 12, 13, 28, 29, 30, 31, 32)


@pytest.mark.parametrize("lang", LANGS, ids=LANGS)
def test_numeric_date_shortcut_reads_as_dateparser(lang: str) -> None:
    language = load_cues(DEFAULT.lexicon_dir, lang).dateparser
    base = dt.date(2024, 4, 5)
    for year in ("2024", "2023", "1899", "0024"):
        for mon in range(0, 14):
            for day in NUMERIC_DAYS:
                for d, m in ((str(day), str(mon)), (f"{day:02d}", f"{mon:02d}")):
                    span = f"{d}.{m}.{year}"
                    assert dates.numeric(d, m, year, language, base) == _dateparser(span, language, base), span


def test_the_day_first_languages_are_the_ones_dateparser_reads_day_first() -> None:
    """A language missing from data/dates/numeric_dates.json only costs time; one listed wrongly would
    change dates: each listed one reads 5.4.2024 as 5 April, each other lexicon's does not."""
    languages = {load_cues(DEFAULT.lexicon_dir, lang).dateparser for lang in LANGS}
    first = {language for language in languages
             if _dateparser("5.4.2024", language, dt.date(2024, 1, 1)) == dt.date(2024, 4, 5)}
    assert dates._day_first() == first


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
    return dates.lexicon_says(relative)


@pytest.mark.parametrize("lang", LANGS, ids=LANGS)
def test_relative_shortcut_reads_as_dateparser(lang: str) -> None:
    language = load_cues(DEFAULT.lexicon_dir, lang).dateparser
    for rel in LEXICONS[lang].get("relative_dates", []):
        prefer = "past" if rel["anchor"] == "published" else "current_period"
        for say in _says(rel):
            for base in RELATIVE_BASES:
                assert dates.relative(say, language, base, prefer) == _dateparser(say, language, base, prefer), \
                    (say, base)


def test_the_written_shifts_are_dateparsers(tmp_path) -> None:
    """data/dates/relative_shifts.json holds what dateparser reads every lexicon phrase as, and only that:
    after a change to a lexicon's relative dates or to dateparser, remake it with write_shifts."""
    fresh = dates.write_shifts(LEXICONS, tmp_path)
    written = DEFAULT.data_dir / dates.SHIFTS_FILE
    assert json.loads(written.read_text(encoding="utf-8")) == json.loads(fresh.read_text(encoding="utf-8"))
    assert dates._known_shifts()["uz|past|kecha"] == [-1] * 7


def test_a_phrase_missing_from_the_table_asks_dateparser() -> None:
    assert "en|current_period|the day after tomorrow" not in dates._known_shifts()
    assert dates._shift("the day after tomorrow", "en", 2, "current_period") == 2


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


@pytest.mark.parametrize(("lang", "text", "table", "want"), [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_each_date_pattern_tried_at_the_combined_starts_finds_what_its_scan_does(
        lang: str, text: str, table: dict | None, want: tuple[str, str]) -> None:
    """The reader tries each date, month and relative pattern only where the combined search matches (every
    such position, found once per sentence): the same matches as the pattern's own scan, for a sentence with
    one date and for one with the same date told twice."""
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    once = fold(normalize(text, table).text)
    for key in (once, f"{once}, {once}"):
        starts = positions(cues.any_date, key)
        patterns = (*cues.date_patterns, *cues.month_patterns, *(r.pattern for r in cues.relative))
        spans = [[m.span() for m in p.finditer(key)] for p in patterns]
        assert any(spans)
        assert [[m.span() for m in matches_at(p, key, starts)] for p in patterns] == spans


# -- the story's reference time (dashboard.extract.reftime) ---------------------------------------------

def story_dates(lang: str, texts: list[str], table: dict | None = None, published: dt.date = PUBLISHED,
                first_day: dt.date | None = None) -> list[str | None]:
    """The first date of each sentence, read in order by one reader, the running day moving as in a story."""
    clock = reftime.StoryClock(published)
    if first_day is not None:
        clock.move(first_day, "day")
    reader = DateReader(load_cues(DEFAULT.lexicon_dir, lang), published, clock,
                        reftime.visit_days(DEFAULT.lexicon_dir, lang))
    out: list[str | None] = []
    for text in texts:
        hits = reader.dates(fold(normalize(text, table).text), clock.running)
        out.append(hits[0].date.isoformat() if hits else None)
        if hits and hits[0].sticky:
            clock.move(hits[0].date, hits[0].precision)
    return out


STORY = [    # the running day and the visit's first day, as a story advances (published 2024-04-05, a Friday)
    ("uz-visit-day", "uz", ["3 aprel kuni Toshkentga keldi.", "5 aprel kuni muzokaralar boʻldi.",
                            "Tashrifning ikkinchi kuni mehmon Samarqandga bordi."], None,
     ["2024-04-03", "2024-04-05", "2024-04-04"]),
    ("uz-cyrl-visit-day", "uz", ["3 апрель куни Тошкентга келди.", "Ташрифнинг учинчи куни музейни кўрди."],
     SCRIPTS["uz"]["Cyrl"], ["2024-04-03", "2024-04-05"]),
    ("ru-visit-day", "ru", ["3 апреля президент прибыл в Ташкент.", "Во второй день визита он посетил Хиву."],
     None, ["2024-04-03", "2024-04-04"]),
    ("en-visit-day", "en", ["The president arrived on April 3.", "On the third day of his state visit he toured Bukhara."],
     None, ["2024-04-03", "2024-04-05"]),
    ("uz-a-day-earlier", "uz", ["4 aprel kuni muzokaralar boʻldi.", "Bir kun oldin mehmon Xivada edi."], None,
     ["2024-04-04", "2024-04-03"]),
    ("ru-a-day-earlier", "ru", ["4 апреля прошли переговоры.", "Днем ранее гость побывал в Хиве."], None,
     ["2024-04-04", "2024-04-03"]),
    ("en-a-day-earlier", "en", ["Talks were held on April 4.", "A day earlier, the guest toured Khiva."], None,
     ["2024-04-04", "2024-04-03"]),
    ("en-a-day-later", "en", ["He arrived on April 2.", "A day later, the leaders signed an agreement."], None,
     ["2024-04-02", "2024-04-03"]),
    ("uz-okt-abbreviation", "uz", ["TOSHKENT, 14 okt."], None, ["2023-10-14"]),
]


@pytest.mark.parametrize(("lang", "texts", "table", "want"), [c[1:] for c in STORY], ids=[c[0] for c in STORY])
def test_running_day_and_visit_days(lang: str, texts: list[str], table: dict | None, want: list[str]) -> None:
    assert story_dates(lang, texts, table) == want


def test_visit_day_needs_a_first_day() -> None:
    """Before the story dates anything, "the second day of the visit" is read as the lexicon's
    relative phrase ("the second day" after the running day), never counted from nothing."""
    assert story_dates("ru", ["Во второй день визита он посетил Хиву."]) == [None]


ROUNDUP_WEEKDAYS = [     # a round-up published on Saturday 20 April about a visit on Friday 5 April
    ("uz", "payshanba kuni Xivaga keldi"),
    ("ru", "в четверг прибыл в Хиву"),
    ("en", "arrived in Khiva on thursday"),
]


@pytest.mark.parametrize(("lang", "text"), ROUNDUP_WEEKDAYS, ids=[c[0] for c in ROUNDUP_WEEKDAYS])
def test_weekday_is_on_or_before_the_story_day(lang: str, text: str) -> None:
    clock = reftime.StoryClock(dt.date(2024, 4, 20))
    reader = DateReader(load_cues(DEFAULT.lexicon_dir, lang), clock.published, clock)
    key = fold(normalize(text).text)
    assert reader.dates(key, None)[0].date == dt.date(2024, 4, 18)     # publication: the Thursday before it
    clock.anchor([dt.date(2024, 4, 5)])
    assert reader.dates(key, None)[0].date == dt.date(2024, 4, 4)      # the story's own Friday: its Thursday


STORY_DAYS = [   # (lead date, published) -> the story day, and whether the lead's day happened
    ("news-item", dt.date(2024, 4, 5), dt.date(2024, 4, 5), dt.date(2024, 4, 5), "happened"),
    ("a-few-days-late", dt.date(2024, 4, 1), dt.date(2024, 4, 5), dt.date(2024, 4, 5), "happened"),
    ("weekly-round-up", dt.date(2024, 4, 5), dt.date(2024, 4, 20), dt.date(2024, 4, 5), "happened"),
    ("years-old-background", dt.date(2019, 4, 5), dt.date(2024, 4, 20), dt.date(2024, 4, 20), "background"),
    ("after-publication", dt.date(2024, 5, 5), dt.date(2024, 4, 20), dt.date(2024, 4, 20), "planned"),
]


@pytest.mark.parametrize(("lead", "published", "want", "status"), [c[1:] for c in STORY_DAYS],
                         ids=[c[0] for c in STORY_DAYS])
def test_story_day(lead: dt.date, published: dt.date, want: dt.date, status: str) -> None:
    clock = reftime.StoryClock(published)
    clock.anchor([lead])
    assert clock.story == want
    assert clock.in_story(lead, "day") == status


def test_round_up_keeps_its_own_dates() -> None:
    """The seed visit of 5 April, published two weeks later, stays on 5 April."""
    text = (DEFAULT.seed_dir / "khiva_visit_2024-04-05.txt").read_text(encoding="utf-8")
    on_time = extract(text, published="2024-04-05").events
    late = extract(text, published="2024-04-20").events
    assert len(late) == len(on_time) > 0
    assert late["date"].tolist() == on_time["date"].tolist()
    assert set(late["date"]) == {"2024-04-05"}


@pytest.mark.parametrize("lang", LANGS, ids=LANGS)
def test_visit_days_data(lang: str) -> None:
    """Every visit-day pattern names its ordinal with {nth}; ordinals are days 1.. in folded spelling."""
    lex = LEXICONS[lang]
    assert all("{nth}" in p for p in lex.get("visit_days", []))
    assert all(isinstance(n, int) and n >= 1 and fold(word) == word for word, n in lex.get("ordinals", {}).items())
    assert bool(lex.get("visit_days")) == bool(lex.get("ordinals"))


UNDATED = [      # a news item that gives no date tells the day it is published
    ("uz-Latn", "Prezident Samarqandga keldi. Mehmonlar Registon ansamblini tomosha qildi."),
    ("uz-Cyrl", "Президент Самарқандга келди. Меҳмонлар Регистон ансамблини томоша қилди."),
    ("ru", "Президент прибыл в Самарканд. Гости осмотрели ансамбль Регистан."),
    ("en", "The President arrived in Samarkand. The guests toured the Registan ensemble."),
]


@pytest.mark.parametrize(("lang", "text"), UNDATED, ids=[c[0] for c in UNDATED])
def test_undated_story_is_on_its_publication_day(lang: str, text: str) -> None:
    events = extract(text, published="2024-04-05").events
    assert len(events) > 0
    assert set(events["date"]) == {"2024-04-05"} and set(events["date_precision"]) == {"day"}


DATELINES = [    # a dateline above the text dates what it tells (published two days later)
    ("en-date-then-city", "en", "May 27, 2024, Tashkent\n\nThe President of Kyrgyzstan arrived in Tashkent. "
     "The leaders held talks at the Kuksaroy residence.", "2024-05-29", "2024-05-27"),
    ("en-city-then-date", "en", "TASHKENT, May 27 (Agency) - The President of Kyrgyzstan arrived in Tashkent. "
     "The leaders held talks at the Kuksaroy residence.", "2024-05-29", "2024-05-27"),
    ("uz-Latn-abbreviated-month", "uz", "TOSHKENT, 14 okt – Qirgʻiziston Prezidenti Toshkentga keldi. "
     "Koʻksaroy qarorgohida muzokaralar boʻlib oʻtdi.", "2024-10-16", "2024-10-14"),
    ("uz-Latn-hyphenated-day", "uz", "TOSHKENT, 14-oktabr. Qirgʻiziston Prezidenti Toshkentga keldi. "
     "Koʻksaroy qarorgohida muzokaralar boʻlib oʻtdi.", "2024-10-16", "2024-10-14"),
    ("uz-Cyrl-date-then-city", "uz", "14 октябрь, Тошкент.\n\nҚирғизистон Президенти Тошкентга келди. "
     "Кўксарой қароргоҳида музокаралар бўлиб ўтди.", "2024-10-16", "2024-10-14"),
    ("ru-city-then-date", "ru", "ТАШКЕНТ, 8 мая. /Агентство/. Президент Кыргызстана прибыл в Ташкент. "
     "Лидеры провели переговоры в резиденции Куксарой.", "2024-05-10", "2024-05-08"),
    ("ru-yesterday-from-the-dateline", "ru", "ТАШКЕНТ, 8 мая. /Агентство/. Вчера президент Кыргызстана "
     "прибыл в Ташкент.", "2024-05-10", "2024-05-07"),
]


@pytest.mark.parametrize(("text", "published", "want"), [c[2:] for c in DATELINES], ids=[c[0] for c in DATELINES])
def test_a_dateline_dates_the_story(text: str, published: str, want: str) -> None:
    events = extract(text, published=published).events
    assert len(events) > 0 and set(events["date"]) == {want}


APPOSITIONS = [    # "today, 22 June": the day said twice is the day named in full
    ("uz-Latn-bugun", "uz", "Bugun, 22-iyun kuni mehmon Xivaga keldi.", None, ("2024-06-22", "day")),
    ("uz-Cyrl-bugun", "uz", "Бугун, 22 июнь куни меҳмон Хивага келди.", SCRIPTS["uz"]["Cyrl"], ("2024-06-22", "day")),
    ("ru-segodnya", "ru", "Сегодня, 22 июня, гость прибыл в Хиву.", None, ("2024-06-22", "day")),
    ("en-today", "en", "Today, June 22, the guest arrived in Khiva.", None, ("2024-06-22", "day")),
]


@pytest.mark.parametrize(("lang", "text", "table", "want"), [c[1:] for c in APPOSITIONS],
                         ids=[c[0] for c in APPOSITIONS])
def test_today_with_its_date_is_that_date(lang: str, text: str, table: dict | None, want: tuple[str, str]) -> None:
    assert first_date(lang, text, table, published=dt.date(2024, 6, 23)) == want


def test_tomorrow_with_its_date_is_still_a_plan() -> None:
    text = "Ertaga, 24-iyun kuni Prezident Toshkentda yigʻilish oʻtkazadi. Bugun mehmon Xivaga keldi."
    events = extract(text, published="2024-06-23").events
    assert set(events.loc[events["status"] == "happened", "date"]) == {"2024-06-23"}


DAY_BEFORE_FIRST = [    # "the day before" as the story's first date is yesterday: it dates the sentences after it
    ("en", "The President of Kazakhstan arrived in Tashkent the day before. "
           "Later, the guest laid a wreath at the Independence Monument."),
    ("ru", "Президент Казахстана накануне прибыл в Ташкент. Затем гость возложил венок к Монументу независимости."),
    ("uz-Latn", "Qozogʻiston Prezidenti bir kun oldin Toshkentga keldi. "
                "Soʻng mehmon Mustaqillik monumenti poyiga gulchambar qoʻydi."),
    ("uz-Cyrl", "Қозоғистон Президенти бир кун олдин Тошкентга келди. "
                "Сўнг меҳмон Мустақиллик монументи пойига гулчамбар қўйди."),
]


@pytest.mark.parametrize(("lang", "text"), DAY_BEFORE_FIRST, ids=[c[0] for c in DAY_BEFORE_FIRST])
def test_the_day_before_with_no_day_told_dates_the_story(lang: str, text: str) -> None:
    events = extract(text, published="2024-06-23").events
    assert list(events["kind"]) == ["arrival", "ceremony"]
    assert set(events["date"]) == {"2024-06-22"}


def test_the_day_before_beside_another_date_dates_its_own_event_only() -> None:
    """"Arrived the day before; the talks were on Wednesday": the weekday moves the story, not the eve."""
    clock = reftime.StoryClock(PUBLISHED)
    reader = DateReader(load_cues(DEFAULT.lexicon_dir, "ru"), PUBLISHED, clock)
    hits = reader.dates(fold(normalize("Гость прибыл еще накануне, а переговоры прошли в среду.").text), None)
    assert [h.sticky for h in hits] == [False, True]
    alone = reader.dates(fold(normalize("Днем ранее гость побывал в Хиве.").text), RUNNING)
    assert [h.sticky for h in alone] == [False]      # a running day told: "a day earlier" than it


RETURN_BOUNDS = [    # the trip's undated events told before a dated return home are on its day at the latest
    ("en", "The President held talks with the Chancellor in Berlin. He then visited a car factory. "
           "He returned to Tashkent on June 21."),
    ("ru", "Президент провел переговоры с канцлером в Берлине. Затем он посетил автомобильный завод. "
           "21 июня президент вернулся в Ташкент."),
    ("uz-Latn", "Prezident Berlinda kansler bilan muzokaralar oʻtkazdi. Soʻng avtomobil zavodiga tashrif buyurdi. "
                "21 iyun kuni Prezident Toshkentga qaytib keldi."),
    ("uz-Cyrl", "Президент Берлинда канцлер билан музокаралар ўтказди. Сўнг автомобиль заводига ташриф буюрди. "
                "21 июнь куни Президент Тошкентга қайтиб келди."),
]


@pytest.mark.parametrize(("lang", "text"), RETURN_BOUNDS, ids=[c[0] for c in RETURN_BOUNDS])
def test_a_dated_return_bounds_the_trip_told_before_it(lang: str, text: str) -> None:
    events = extract(text, published="2024-06-23").events
    assert list(events["kind"]) == ["talks", "tour", "arrival"]
    assert set(events["date"]) == {"2024-06-21"}


ARRIVAL_TOLD_LATER = [    # the visit's own arrival told after today's events: they stay today's
    ("en", "The President held talks with the Chancellor in Berlin today. He arrived in Berlin on June 21."),
    ("ru", "Сегодня президент провел переговоры с канцлером в Берлине. Он прибыл в Берлин 21 июня."),
    ("uz-Latn", "Prezident bugun Berlinda kansler bilan muzokaralar oʻtkazdi. U 21 iyun kuni Berlinga keldi."),
]


@pytest.mark.parametrize(("lang", "text"), ARRIVAL_TOLD_LATER, ids=[c[0] for c in ARRIVAL_TOLD_LATER])
def test_an_arrival_in_the_same_country_bounds_nothing(lang: str, text: str) -> None:
    events = extract(text, published="2024-06-23").events
    assert list(zip(events["kind"], events["date"], strict=True)) == [("arrival", "2024-06-21"),
                                                                      ("talks", "2024-06-23")]


NEXT_DAY_FIRST = [    # "the next day" / "the second day of the visit" before any day is told: the story's day,
    # never the day after publication (a told event has happened)
    ("en-second-day", "en", "On the second day of the visit, the guest toured the old city of Bukhara."),
    ("en-next-day", "en", "The next day, the guest toured the old city of Bukhara."),
    ("ru-second-day", "ru", "На второй день визита гость посетил старый город Бухары."),
    ("ru-next-day", "ru", "На следующий день гость посетил старый город Бухары."),
    ("uz-Latn-second-day", "uz", "Tashrifning ikkinchi kuni mehmon Buxoro shahridagi Ark qalʼasini tomosha qildi."),
    ("uz-Latn-next-day", "uz", "Ertasi kuni mehmon Buxoro shahridagi Ark qalʼasini tomosha qildi."),
    ("uz-Cyrl-second-day", "uz", "Ташрифнинг иккинчи куни меҳмон Бухоро шаҳридаги Арк қалъасини томоша қилди."),
]


@pytest.mark.parametrize(("lang", "text"), [c[1:] for c in NEXT_DAY_FIRST], ids=[c[0] for c in NEXT_DAY_FIRST])
def test_the_next_day_with_no_day_told_is_the_story_day(lang: str, text: str) -> None:
    events = extract(text, published="2024-06-24").events
    assert list(events["kind"]) == ["visit"] and list(events["date"]) == ["2024-06-24"]


def test_the_next_day_after_a_told_day_is_the_day_after_it() -> None:
    events = extract("The guest arrived in Tashkent on June 20. The next day, he toured the old city of Bukhara.",
                     published="2024-06-24").events
    assert list(zip(events["kind"], events["date"], strict=True)) == [("arrival", "2024-06-20"),
                                                                      ("visit", "2024-06-21")]
