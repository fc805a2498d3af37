"""The pages in Russian and Uzbek (AppTest): the language comes from the URL (``?lang=``) or the
sidebar's picker, every label of the sidebar, the page and the table follows it, dates and kinds are
written in it, and a change of language keeps the selected visit and the filters (in the URL too).
Hand-made articles about two visits (tests/test_visit_pages)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_pages import table
from tests.test_visit_pages import TIMEOUT, page, two_visits, visit_ids

__all__ = ["two_visits"]     # the fixture shared with test_visit_pages

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
COUNTERPARTS = str(Path(__file__).resolve().parent.parent / "dashboard" / "views" / "counterparts.py")

# lang: the sidebar's heading, the page's title, the search box, the kinds of Tokayev's visit, its first
# day's heading in the itinerary, the picker's label
WORDS = {
    "ru": ("Фильтры", "Хронология визитов", "Поиск", ["прибытие", "переговоры", "отъезд"],
           "**21 дек\\. 2022** · 1 событие", "Язык страницы"),
    "uz": ("Filtrlar", "Tashriflar xronologiyasi", "Qidiruv", ["kelish", "muzokaralar", "joʻnab ketish"],
           "**21\\-dek, 2022** · 1 ta voqea", "Sahifa tili"),
}


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


@pytest.mark.parametrize("lang", WORDS, ids=list(WORDS))
def test_the_url_language_labels_the_sidebar_and_the_page(two_visits, lang):
    heading, title, search, _kinds, _day, picker = WORDS[lang]
    at = page(lang=lang)
    assert at.sidebar.selectbox(key="ui_lang").value == lang and at.sidebar.selectbox(key="ui_lang").label == picker
    assert at.sidebar.header[0].value == heading and at.title[0].value == title
    assert at.sidebar.text_input(key="f_find").label == search
    assert "Filters" not in [h.value for h in at.sidebar.header]
    assert not any(c.startswith("The files hold") for c in _captions(at))
    assert dict(at.query_params).get("lang") in (lang, [lang])


@pytest.mark.parametrize("lang", WORDS, ids=list(WORDS))
def test_switching_language_keeps_the_visit_and_speaks_the_language(two_visits, lang):
    _heading, _title, _search, kinds, day, _picker = WORDS[lang]
    _erdogan, tokayev = visit_ids(two_visits)
    at = page()
    at.sidebar.selectbox(key="f_visit").set_value(tokayev).run(timeout=TIMEOUT)
    assert list(table(at)["kind"]) == ["arrival", "talks", "departure"]
    at.sidebar.selectbox(key="ui_lang").set_value(lang).run(timeout=TIMEOUT)
    assert not at.exception, [e.message for e in at.exception]
    assert at.sidebar.selectbox(key="f_visit").value == tokayev            # the visit stays selected
    params = dict(at.query_params)
    assert params.get("visit") in (tokayev, [tokayev]) and params.get("lang") in (lang, [lang])
    assert list(table(at)["kind"]) == kinds                                 # kinds named in the language
    assert day in [m.value for m in at.markdown]                            # the itinerary's day heading
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in spec["data"]} == set(kinds)                  # the timeline's legend
    at.sidebar.selectbox(key="ui_lang").set_value("en").run(timeout=TIMEOUT)
    assert at.sidebar.selectbox(key="f_visit").value == tokayev and "lang" not in at.query_params
    assert list(table(at)["kind"]) == ["arrival", "talks", "departure"]


def test_a_filter_chosen_in_russian_stays_when_the_language_changes(two_visits):
    at = page(lang="ru")
    at.sidebar.multiselect(key="f_loc").set_value(["city:Khiva"]).run(timeout=TIMEOUT)
    assert len(table(at)) == 1
    assert "Khiva (город)" in at.sidebar.multiselect(key="f_loc").format_func("city:Khiva")
    at.sidebar.selectbox(key="ui_lang").set_value("uz").run(timeout=TIMEOUT)
    assert len(table(at)) == 1 and at.sidebar.multiselect(key="f_loc").value == ["city:Khiva"]
    assert dict(at.query_params).get("loc") in ("city:Khiva", ["city:Khiva"])


def test_the_counterparts_page_keeps_the_language_in_its_url(two_visits):
    at = AppTest.from_file(COUNTERPARTS, default_timeout=TIMEOUT)
    at.query_params["lang"] = "uz"
    at.run()
    assert not at.exception and at.title[0].value == "Suhbatdoshlar"
    assert dict(at.query_params).get("lang") in ("uz", ["uz"]) and "leader" in at.query_params


def test_the_app_draws_one_picker_before_the_page(two_visits):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "ru"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.key for s in at.sidebar.selectbox if s.key == "ui_lang"] == ["ui_lang"]
    assert at.title[0].value == "Хронология визитов"


def test_the_language_setting_is_the_default_without_a_url(two_visits, monkeypatch):
    monkeypatch.setenv("VISIT_TIMELINE_LANGUAGE", "uz")
    at = page()
    assert at.sidebar.selectbox(key="ui_lang").value == "uz" and at.title[0].value == "Tashriflar xronologiyasi"
    assert "lang" not in at.query_params                # the default needs no parameter
    at.sidebar.selectbox(key="ui_lang").set_value("en").run(timeout=TIMEOUT)
    assert at.title[0].value == "Visit Timeline" and dict(at.query_params).get("lang") in ("en", ["en"])


@pytest.mark.parametrize("setting, browser, lang", [
    ("auto", "ru-RU", "ru"), ("auto", "uz-UZ", "uz"), ("auto", "de-DE", "en"), ("auto", None, "en"),
    ("uz", "ru-RU", "uz"), ("de", "ru-RU", "en"),
], ids=["auto-ru", "auto-uz", "auto-unknown", "auto-no-browser", "setting-wins", "bad-setting"])
def test_the_default_language_is_the_setting_then_the_browsers(monkeypatch, setting, browser, lang):
    from types import SimpleNamespace

    from dashboard.settings import Settings
    from dashboard.views import language

    monkeypatch.setattr(language.st, "context", SimpleNamespace(locale=browser))
    assert language.default(Settings(language=setting)) == lang
