"""Bounded input: control characters taken out with a notice, one article's events without repeats
and capped, the uploader's shown limit the enforced one, refusals without configuration names, and no
Store button when every file was refused (dashboard.bounded, service ingest, the Articles page)."""
from __future__ import annotations

import tomllib

import pytest

from dashboard import bounded, service
from dashboard.schema import Event
from dashboard.settings import Settings
from dashboard.store import Store
from tests.test_pages import ARTICLES, ROOT, TIMEOUT, db, messages, run, stand_in, upload

__all__ = ["db", "stand_in"]     # fixtures shared with test_pages

# Our own article: a dateline, then four events (the stand-in engine reads the @ lines).
ARTICLE = "Urganch, 5-aprel 2024. Tashrif dasturi.\n@arrival Urgench\n@tour Khiva\n@talks Khiva\n@departure Urgench\n"


@pytest.mark.parametrize("text, clean, removed", [
    ("Xiva\x00da uchrashuv", "Xivada uchrashuv", 1),
    ("Tashkent \u202egnidliub\u202c talks", "Tashkent gnidliub talks", 2),
    ("Самарканд \u2066isolate\u2069", "Самарканд isolate", 2),
    ("bell\x07 and escape\x1b[31m", "bell and escape[31m", 2),
    ("line one\nline two\ttabbed\r\n", "line one\nline two\ttabbed\r\n", 0),
    ("Oʻzbekiston — Qozogʻiston", "Oʻzbekiston — Qozogʻiston", 0),
], ids=["nul", "bidi-override", "bidi-isolate", "c0-controls", "whitespace-kept", "uz-letters-kept"])
def test_control_characters_are_taken_out(text, clean, removed):
    assert bounded.without_controls(text) == (clean, removed)


def events(n: int, copies: int = 1) -> list[Event]:
    return [Event(article="a", seq=k, kind="talks", title="t", date="2024-04-05", place=f"Place {k % n}",
                  evidence=f"Sentence {k % n}.") for k in range(n * copies)]


def test_repeats_of_one_event_are_one_event():
    kept, left = bounded.bounded_records(events(4, copies=50))
    assert len(kept) == 4 and left == 196


def test_one_article_brings_at_most_the_cap():
    kept, left = bounded.bounded_records(events(bounded.MAX_EVENTS_PER_ARTICLE + 30))
    assert len(kept) == bounded.MAX_EVENTS_PER_ARTICLE and left == 30
    assert bounded.bounded_records(events(3))[1] == 0


def test_a_text_pasted_fifty_times_is_one_articles_events(db, stand_in):
    report = service.ingest_text(ARTICLE * 50, Settings(db_path=db), published="2024-04-05")
    assert report.ok and report.n_events == 4 and report.left_out == 196
    assert "196 more events left out" in report.message
    assert Store(db).stats()["events"] == 4


def test_a_pasted_text_is_stored_without_control_characters(db, stand_in):
    at = run(ARTICLES)
    at.text_area(key="paste_text").set_value(ARTICLE.replace("Tashrif", "Tash\x00rif\u202e")).run()
    at.date_input(key="published").set_value("2024-04-05")
    at.button(key="paste_add").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert any("2 control characters removed" in w for w in messages(at)["warning"])
    stored = Store(db)
    text = stored.article_text(str(stored.articles()["id"].iloc[0]))
    assert "\x00" not in text and "\u202e" not in text and "Tashrif dasturi" in text


def test_the_uploader_shows_the_limit_the_readers_enforce(db):
    at = run(ARTICLES)
    limits = service.upload_limits(Settings())
    shown = at.file_uploader[0].proto.max_upload_size_mb
    assert shown * 1_000_000 == max(limits["text_file"], limits["office_file"])
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == shown
    assert f"up to {int(limits['text'] / 1_000_000)} MB" in at.file_uploader[0].proto.help


def test_refusals_name_no_setting_and_no_store_button_when_all_are_refused(db, monkeypatch):
    monkeypatch.setenv("VISIT_TIMELINE_MAX_TEXT_BYTES", "100")
    at = run(ARTICLES)
    at.file_uploader[0].set_value([("long.txt", ("word " * 500).encode(), "text/plain"),
                                   ("empty.txt", b"", "text/plain")]).run(timeout=TIMEOUT)
    errors = messages(at)["error"]
    assert len(errors) == 2 and errors[0].startswith("long.txt: refused: ")
    assert all("VISIT_TIMELINE" not in e for e in errors)
    assert not [b for b in at.button if b.key == "store_pending"]
    assert "None of these files can be stored." in messages(at)["info"]


def test_a_store_button_when_some_files_can_be_stored(db, stand_in):
    at = upload(run(ARTICLES), [("visit.txt", ARTICLE.encode(), "text/plain"), ("empty.txt", b"", "text/plain")])
    assert not at.exception
    assert Store(db).stats()["events"] == 4


def test_the_uploader_never_shows_more_than_the_server_accepts(db, monkeypatch):
    import streamlit as st

    real = st.get_option
    monkeypatch.setattr(st, "get_option", lambda name: 20 if name == "server.maxUploadSize" else real(name))
    at = run(ARTICLES)
    assert at.file_uploader[0].proto.max_upload_size_mb == 20          # e.g. a --server.maxUploadSize 20
    assert ".docx and .pdf up to 20 MB" in at.file_uploader[0].proto.help
