"""The articles page asks for each upload's publication date before storing (AppTest, stand-in engine).

A stand-in engine turns lines ``@kind City [YYYYMMDD]`` into events dated the given day, else the
publication date (a day written so that no dateline reader takes it for the publication date): the tests are about the page's date plumbing, not the extraction rules.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import dashboard.extract as extract_module
from dashboard.extract import Extraction
from dashboard.schema import Event, to_frame
from dashboard.store import ArticleRow, Store

ARTICLES = str(Path(__file__).resolve().parent.parent / "dashboard" / "views" / "articles.py")
TIMEOUT = 60
UNDATED = b"Visit notes\n@arrival Khiva\n@talks Khiva\n"     # no date anywhere: '26 yanvar' has no year
LATE = b"Report\n@talks Khiva 20240501\n"


def stand_in_extract(text: str, published: str | None = None, article: str = "", settings=None) -> Extraction:
    events = []
    for line in text.splitlines():
        if line.startswith("@"):
            kind, city, *day = line[1:].split()
            events.append(Event(article=article, seq=len(events), kind=kind, title=f"{kind} in {city}",
                                date=f"{day[0][:4]}-{day[0][4:6]}-{day[0][6:]}" if day else published, date_precision="day", place=city,
                                city=city, evidence=line))
    return Extraction(events=to_frame(events), language="en", title="")


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "timeline.sqlite3"
    monkeypatch.setenv("VISIT_TIMELINE_DB_PATH", str(path))
    monkeypatch.setattr(extract_module, "extract", stand_in_extract)
    Store(path).add_article(ArticleRow(id="x", text="x", title="other"), to_frame([]))   # no seed here
    return path


def stored(db: Path) -> list[tuple[str, str]]:
    articles = Store(db).articles()
    return [(str(r.source), str(r.published)) for r in articles.itertuples() if r.id != "x"]


def page() -> AppTest:
    at = AppTest.from_file(ARTICLES, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def pending_date(at: AppTest, index: int = 0):
    return [w for w in at.date_input if (w.key or "").startswith("pub_")][index]


def texts(at: AppTest, kind: str) -> list[str]:
    return [m.value for m in getattr(at, kind)]


def test_an_upload_with_no_findable_date_asks_for_it_and_stores_nothing_until_given(db):
    at = page()
    at.file_uploader[0].set_value([("notes.txt", UNDATED, "text/plain")])
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert pending_date(at).value is None                      # never today
    assert any("No date found" in w for w in texts(at, "warning"))
    assert stored(db) == []                                    # shown, not stored
    at.button(key="store_pending").click().run(timeout=TIMEOUT)
    assert any("Give the publication date of notes.txt" in e for e in texts(at, "error"))
    assert stored(db) == []
    pending_date(at).set_value("2023-01-26")
    at.button(key="store_pending").click().run(timeout=TIMEOUT)
    assert texts(at, "success") == ["notes.txt: 2 events added"]
    assert stored(db) == [("notes.txt", "2023-01-26")]
    assert Store(db).articles()["published_from"].tolist()[1:] == ["given"]
    assert set(Store(db).timeline()["date"].dropna()) == {"2023-01-26"}


def test_the_found_date_is_shown_with_its_source_and_can_be_changed(db):
    at = page()
    at.file_uploader[0].set_value([("visit_2024-04-05.txt", UNDATED, "text/plain"),
                                   ("dateline.txt", b"14.10.2025, 18:20\nTitle\n@talks Khiva\n", "text/plain")])
    at.run(timeout=TIMEOUT)
    assert [str(pending_date(at, i).value) for i in range(2)] == ["2024-04-05", "2025-10-14"]
    captions = " ".join(c.value for c in at.caption)
    assert "found in the file name" in captions and "found in the dateline" in captions
    pending_date(at, 0).set_value("2024-04-06")
    at.button(key="store_pending").click().run(timeout=TIMEOUT)
    assert stored(db) == [("visit_2024-04-05.txt", "2024-04-06"), ("dateline.txt", "2025-10-14")]
    assert Store(db).articles()["published_from"].tolist()[1:] == ["given", "dateline"]   # changed: given
    listed = " ".join(t.value for t in at.text)
    assert "14 Oct 2025 dateline" in listed and "6 Apr 2024 given" in listed   # date, then where found


def test_cancel_stores_nothing(db):
    at = page()
    at.file_uploader[0].set_value([("visit_2024-04-05.txt", UNDATED, "text/plain")])
    at.run(timeout=TIMEOUT)
    at.button(key="cancel_pending").click().run(timeout=TIMEOUT)
    assert stored(db) == [] and not [w for w in at.date_input if (w.key or "").startswith("pub_")]


def test_a_paste_without_a_date_is_not_stored(db):
    at = page()
    at.text_area(key="paste_text").input(UNDATED.decode())
    at.button(key="paste_add").click().run(timeout=TIMEOUT)
    assert any("No publication date found" in w for w in texts(at, "warning"))
    assert stored(db) == []
    at.date_input(key="published").set_value("2023-01-26")
    at.button(key="paste_add").click().run(timeout=TIMEOUT)
    assert stored(db) == [("pasted article", "2023-01-26")]


def test_an_event_after_the_publication_date_is_warned_of(db):
    at = page()
    at.file_uploader[0].set_value([("report_2024-04-05.txt", LATE, "text/plain")])
    at.run(timeout=TIMEOUT)
    at.button(key="store_pending").click().run(timeout=TIMEOUT)
    assert texts(at, "warning") == ["report_2024-04-05.txt: 1 event added; 1 event dated after the publication "
                                    "date 2024-04-05: check the date"]
