"""The one door: ``Timeline(settings)`` runs every use-case on one store, opened on first use."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.errors import InputError
from dashboard.settings import Settings
from dashboard.timeline import Timeline

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed" / "khiva_visit_2024-04-05.txt"


@pytest.fixture
def tl(tmp_path) -> Timeline:
    return Timeline(Settings(db_path=tmp_path / "db" / "timeline.sqlite3"))


def test_reading_dates_extracting_and_info_store_nothing(tl):
    (dated,) = tl.dates([SEED])
    assert (dated.published, dated.found_in) == ("2024-04-05", "file name")
    extraction = tl.extract(SEED)
    events = extraction.events
    assert extraction.status == "visit"
    assert len(events) and set(events["date"].dropna()) <= {"2024-04-05"}
    assert tl.info().db_bytes is None and not tl.settings.db_file.exists()


def test_ingest_then_read_the_timeline_visits_articles_and_sources(tl):
    (report,) = tl.ingest([SEED])
    assert report.ok and report.added > 0
    frame = tl.timeline()
    assert len(frame) == report.added
    articles = tl.articles()
    assert articles["id"].tolist() == [report.article_id]
    assert tl.find_article(str(report.article_id)[:8]) == report.article_id
    assert tl.article_text(str(report.article_id)) == SEED.read_text(encoding="utf-8").rstrip()
    assert {a for v in tl.visits() for a in v.articles} == {report.article_id}
    assert tl.sources(int(frame["event_id"].iloc[0]))["article"].tolist() == [report.article_id]
    assert tl.info().db_bytes


def test_edit_delete_and_undo_go_through_the_edit_log(tl):
    tl.ingest([SEED])
    first = tl.timeline().iloc[0]
    eid, kind = int(first["event_id"]), first["kind"]
    new_kind = "meeting" if kind != "meeting" else "talks"
    edit_id = tl.edit(eid, {"kind": new_kind}, "tester")
    assert tl.timeline().set_index("event_id").loc[eid, "kind"] == new_kind
    assert tl.edits(eid)["edit_id"].tolist() == [edit_id]
    tl.undo(edit_id)
    assert tl.timeline().set_index("event_id").loc[eid, "kind"] == kind
    gone = tl.delete(eid, "tester")
    assert eid not in tl.timeline()["event_id"].tolist()
    tl.undo(gone)
    assert eid in tl.timeline()["event_id"].tolist()
    with pytest.raises(InputError):
        tl.undo(gone)


def test_place_by_name_and_by_coordinates(tl):
    assert tl.place("Xiva")["place"] and tl.place(lat=41.38, lon=60.36)["lat"] == pytest.approx(41.38)
    with pytest.raises(InputError):
        tl.place("Nowhereabad")


def test_delete_restore_reextract_and_export(tl):
    (report,) = tl.ingest([SEED])
    aid = str(report.article_id)
    n = len(tl.timeline())
    assert tl.export("csv").events == n
    assert tl.delete_article(aid).found and tl.timeline().empty
    assert tl.restore_article(aid).found and len(tl.timeline()) == n
    assert tl.reextract().articles == 1
    assert tl.reextract_article(aid, "2024-04-06").article_id == aid
    with pytest.raises(InputError, match="no visit or article"):
        tl.export("csv", visit="zzzzzzzz")


def test_writes_are_signed_with_the_timelines_author_in_the_audit_log(tmp_path):
    settings = Settings(db_path=tmp_path / "db" / "timeline.sqlite3")
    (report,) = Timeline(settings, author="Dilnoza").ingest([SEED])
    Timeline(settings, author="Erkin").delete_article(report.article_id)
    Timeline(settings).restore_article(report.article_id)
    history = Timeline(settings).edits(every_write=True)
    signed = list(zip(history["action"], history["author"], strict=True))
    assert signed[:2] == [("ingest", "Dilnoza"), ("delete", "Erkin")]
    assert signed[2][0] == "restore" and signed[2][1] not in ("Dilnoza", "Erkin")
