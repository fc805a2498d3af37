"""The page's catalogues (dashboard.i18n, data/locale): every marked string is translated into each
language, the translations keep their placeholders, the template is current, and dates, numbers and
the vocabularies' names come out in the chosen language."""
from __future__ import annotations

import string

import pytest

from dashboard import catalogues, i18n
from dashboard.figures.base import day_label, hover, kind_name, nth_of
from dashboard.settings import Settings

TEMPLATE = catalogues.extract()
TRANSLATED = [lang for lang in i18n.languages() if lang != i18n.SOURCE]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _pairs(message) -> list[tuple[str, str]]:
    """(English, translation) of each form of a message (a plural's every form against its plural)."""
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return [(ids[min(i, len(ids) - 1)], s) for i, s in enumerate(strings)]


def test_the_page_has_its_three_languages():
    assert i18n.languages() == ("en", "ru", "uz")
    assert [i18n.language_name(lang) for lang in i18n.languages()] == ["English", "Русский", "O‘zbek"]


def test_every_marked_string_is_found_by_the_extraction():
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in TEMPLATE if m.id}
    assert {"Filters", "Visit Timeline", "Language of the page", "d MMM y", "{n} event"} <= ids
    assert "Location" in ids, "the filters' labels (N_ in dashboard/filters.py) are extracted"


@pytest.mark.parametrize("lang", TRANSLATED, ids=TRANSLATED)
def test_every_marked_string_has_a_translation(lang):
    catalog = catalogues.read(i18n.locale_dir() / f"{lang}.po", lang)
    assert catalogues.untranslated(catalog, TEMPLATE) == []


@pytest.mark.parametrize("lang", TRANSLATED, ids=TRANSLATED)
def test_a_missing_or_fuzzy_translation_is_found(lang):
    catalog = catalogues.read(i18n.locale_dir() / f"{lang}.po", lang)
    catalog["Filters"].string = ""
    catalog["Map"].flags.add("fuzzy")
    assert sorted(catalogues.untranslated(catalog, TEMPLATE)) == ["Filters", "Map"]


@pytest.mark.parametrize("lang", TRANSLATED, ids=TRANSLATED)
def test_translations_keep_the_placeholders(lang):
    catalog = catalogues.read(i18n.locale_dir() / f"{lang}.po", lang)
    wrong = []
    for message in catalog:
        for english, translated in _pairs(message):
            fields = _fields(english) - {"nth"}          # "2nd" is English's; others write {n}
            if message.id and translated and not fields <= _fields(translated) <= fields | {"n"}:
                wrong.append(english)
    assert wrong == []


@pytest.mark.parametrize("lang", TRANSLATED, ids=TRANSLATED)
def test_the_catalogue_holds_no_message_the_code_lost(lang):
    catalog = catalogues.read(i18n.locale_dir() / f"{lang}.po", lang)
    assert {m.id for m in catalog if m.id} == {m.id for m in TEMPLATE if m.id}, \
        "run `python -m dashboard.catalogues` and translate what it adds"


def test_the_template_in_the_repository_is_current():
    written = catalogues.read(i18n.locale_dir() / "messages.pot")
    assert {m.id for m in written if m.id} == {m.id for m in TEMPLATE if m.id}


@pytest.mark.parametrize("lang", TRANSLATED, ids=TRANSLATED)
def test_the_compiled_catalogue_is_the_po_file(lang):
    catalog = catalogues.read(i18n.locale_dir() / f"{lang}.po", lang)
    with i18n.using(lang):
        for message in catalog:
            if message.id and isinstance(message.id, str):
                assert i18n._(message.id) == message.string


DATES = [   # lang, a day, a month, the 2nd of 5 events of a day, 12345
    ("en", "5 Apr 2024", "Apr 2024", "2nd of 5", "12,345"),
    ("ru", "5 апр. 2024", "апр. 2024", "2-е из 5", "12\xa0345"),
    ("uz", "5-apr, 2024", "apr, 2024", "5 tadan 2-si", "12\xa0345"),
]


@pytest.mark.parametrize("lang, day, month, nth, number", DATES, ids=[d[0] for d in DATES])
def test_dates_and_numbers_are_written_as_the_language_writes_them(lang, day, month, nth, number):
    with i18n.using(lang):
        assert day_label("2024-04-05") == day and day_label("2024-04-05", "month") == month
        assert day_label("2024", "year") == "2024" and nth_of(2, 5) == nth
        assert i18n.number(12345) == number
        assert i18n._("") == ""                 # not the catalogue's header
    assert i18n.current() == "en"          # ``using`` restores the language


@pytest.mark.parametrize("lang", i18n.languages(), ids=list(i18n.languages()))
def test_whole_numbers_are_written_as_babel_writes_them(lang):
    from babel.numbers import format_decimal

    with i18n.using(lang):
        for n in (0, 7, 999, 1234, 12345, 1_234_567, -4321):
            assert i18n.number(n) == format_decimal(n, locale=lang)


KINDS = [("en", "talks", "city"), ("ru", "переговоры", "город"), ("uz", "muzokaralar", "shahar")]


@pytest.mark.parametrize("lang, talks, city", KINDS, ids=[k[0] for k in KINDS])
def test_kinds_and_hovers_speak_the_language(lang, talks, city):
    row = {"number": 1, "title": "Talks", "place": "Khiva", "place_precision": "city", "when": "x",
           "kind": "talks", "n_sources": 3, "evidence": ""}
    with i18n.using(lang):
        assert kind_name("talks") == talks and kind_name("city") == city
        text = hover(row)
    assert f"<i>{talks}</i>" in text and city in text
    assert ("3 sources" in text) == (lang == "en")


@pytest.mark.parametrize("given, lang", [("ru-RU", "ru"), ("uz_Latn", "uz"), ("en-GB", "en"), ("UZ", "uz"),
                                         ("de-DE", None), ("", None), (None, None)],
                         ids=["ru-RU", "uz_Latn", "en-GB", "UZ", "de-DE", "empty", "none"])
def test_a_browser_or_url_language_is_matched_to_the_page_languages(given, lang):
    assert i18n.supported(given) == lang


def test_the_language_setting_defaults_to_english_and_reads_its_variable():
    assert Settings().language == "en"
    assert Settings.from_env({"VISIT_TIMELINE_LANGUAGE": "uz"}).language == "uz"


def _marked_in_fstrings(path) -> list[int]:
    """Lines of ``path`` where _(), n_() or N_() is called on a literal inside an f-string (Babel cannot
    extract it; a name, such as a table's label marked with N_ elsewhere, is fine)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [call.lineno for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
            for call in ast.walk(node) if isinstance(call, ast.Call)
            and getattr(call.func, "id", "") in {"_", "n_", "N_"}
            and call.args and isinstance(call.args[0], ast.Constant)]


def test_no_marked_string_hides_inside_an_f_string(tmp_path):
    from pathlib import Path

    package = Path(i18n.__file__).parent
    found = {p.name: _marked_in_fstrings(p) for p in package.rglob("*.py") if _marked_in_fstrings(p)}
    assert found == {}
    bad = tmp_path / "page.py"
    bad.write_text('x = f"**{_(\'Date:\')}**"\ny = f"**{_(label)}**"\n', encoding="utf-8")
    assert _marked_in_fstrings(bad) == [1]


@pytest.mark.parametrize(("lang", "fields", "expected"), [
    ("en", {"added": 2}, "a.txt: 2 events added"),
    ("ru", {"added": 2}, "a.txt: 2 события добавлено"),
    ("ru", {"added": 5}, "a.txt: 5 событий добавлено"),
    ("uz", {"added": 1}, "a.txt: 1 ta voqea qoʻshildi"),
    ("ru", {"duplicate": True}, "a.txt: уже в хронике (без изменений)"),
    ("uz", {"n_events": 0, "no_visit": "x"}, "a.txt: saqlandi; tashrif haqida xabar yoʻq (x)"),
    ("ru", {"added": 1, "stripped": 3}, "a.txt: 1 событие добавлено; 3 управляющих символа удалено из текста"),
], ids=["en", "ru-few", "ru-many", "uz-one", "ru-duplicate", "uz-no-visit", "ru-stripped"])
def test_an_ingest_report_speaks_the_page_language(lang, fields, expected):
    from dashboard.service import IngestReport

    report = IngestReport(name="a.txt", n_events=fields.pop("n_events", 1), **fields)
    with i18n.using(lang):
        assert report.message == expected
