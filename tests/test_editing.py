"""Corrections through the service: each kind of edit, undo, the log, and corrections that survive
re-ingest, a merged retelling, a new publication date and a new extractor (a stand-in engine)."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

import dashboard.extract as extract_module
from dashboard import editing, figures
from dashboard.errors import InputError
from dashboard.extract import Extraction
from dashboard.schema import Event, to_frame
from dashboard.service import ingest_text, store_for
from dashboard.settings import Settings
from dashboard.store import MIGRATIONS, Store
from tests.factories_ui import big_frame

CITIES = {"Khiva": (41.3783, 60.3636), "Urgench": (41.5843, 60.6417), "Samarkand": (39.6542, 66.9597)}
VISIT = ("Visit to Khorezm\n@arrival Urgench\n@tour Khiva\n@talks Khiva\n@visit Khiva\n@departure Urgench 1\n")
RETOLD = "Retold\n@tour Khiva\n@talks Khiva\n"
PUBLISHED = "2024-04-05"


def engine(version: int = 1):
    """``@kind City [days]`` lines are events dated ``published`` + days. Version 2 reads talks as a
    meeting; version 3 also glues a word before each tour sentence and no longer sees visits."""
    def extract(text: str, published: str | None = None, article: str = "", settings=None) -> Extraction:
        events, offset = [], 0
        for line in text.splitlines(keepends=True):
            body = line.strip()
            if body.startswith("@"):
                kind, city, *days = body[1:].split()
                kind = "meeting" if version >= 2 and kind == "talks" else kind
                start = offset - (9 if version >= 3 and kind == "tour" else 0)
                if not (version >= 3 and kind == "visit"):
                    day = dt.date.fromisoformat(published) + dt.timedelta(days=int(days[0]) if days else 0)
                    lat, lon = CITIES[city]
                    events.append(Event(
                        article=article, seq=len(events), kind=kind, title=f"{kind} in {city}",
                        date=day.isoformat(), date_precision="day", place=city, place_id=f"city:{city}",
                        city=city, lat=lat, lon=lon, participants="Toqaev; Mirziyoev",
                        evidence=text[max(start, 0):offset + len(body)], evidence_start=max(start, 0),
                        evidence_end=offset + len(body)))
            offset += len(line)
        headline = text.split("\n", 1)[0]     # the real reading gives the page's headline as its title
        return Extraction(events=to_frame(events), language="uz-Latn", title="" if headline.startswith("@") else headline)
    return extract


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setattr(extract_module, "extract", engine(1))
    return Settings(db_path=tmp_path / "timeline.sqlite3")


@pytest.fixture
def store(settings) -> Store:
    assert ingest_text(VISIT, settings, name="visit.txt", published=PUBLISHED).added == 5
    return store_for(settings)


def event_id(store: Store, kind: str) -> int:
    frame = store.timeline()
    return int(frame.loc[frame["kind"] == kind, "event_id"].iloc[0])


def row(store: Store, eid: int) -> dict:
    return editing.event_row(store, eid)


@pytest.mark.parametrize(("changes", "expected"), [
    pytest.param({"kind": "meeting"}, {"kind": "meeting"}, id="kind"),
    pytest.param({"title": "Informal talks"}, {"title": "Informal talks"}, id="title"),
    pytest.param({"time": "15:30"}, {"time": "15:30"}, id="time"),
    pytest.param({"participants": "Toqaev"}, {"participants": "Toqaev"}, id="participants"),
    pytest.param({"date": "2024-04-07"}, {"date": "2024-04-07", "date_precision": "day"}, id="date"),
])
def test_each_field_edit_shows_on_the_timeline(store, changes, expected):
    talks = event_id(store, "talks")
    editing.edit_event(store, talks, changes, "Ann")
    shown = row(store, talks)
    assert {k: shown[k] for k in expected} == expected
    assert shown["edited_by"] == "Ann" and shown["edit_id"] is not None
    assert len(store.timeline()) == 5


def test_a_date_edit_moves_the_event_to_its_day(store):
    editing.edit_event(store, event_id(store, "talks"), {"date": "2024-04-07"}, "Ann")
    assert store.timeline()["kind"].tolist() == ["arrival", "tour", "visit", "departure", "talks"]
    assert store.timeline()["position"].tolist() == list(range(5))


@pytest.mark.parametrize("name", ["Samarqand", "Самарканд", "Samarkand"])
def test_a_place_by_name_in_any_script(store, settings, name):
    talks = event_id(store, "talks")
    editing.edit_event(store, talks, editing.place_fields(settings, name=name), "Ann")
    shown = row(store, talks)
    assert shown["place"] == "Samarkand" and shown["country"] == "UZ"
    assert shown["lat"] == pytest.approx(39.65, abs=0.05) and shown["place_id"].startswith("city:")


def test_a_place_by_coordinates_and_unknown_places(store, settings):
    talks = event_id(store, "talks")
    editing.edit_event(store, talks, editing.place_fields(settings, lat=41.0, lon=61.5), "Ann")
    shown = row(store, talks)
    assert (shown["lat"], shown["lon"], shown["place_id"], shown["city"]) == (41.0, 61.5, None, None)
    with pytest.raises(InputError, match="no place called"):
        editing.place_fields(settings, name="Qwertyuiopgrad")
    with pytest.raises(InputError, match="latitude"):
        editing.place_fields(settings, lat=41.0)


def test_delete_and_undo(store):
    talks = event_id(store, "talks")
    edit = editing.delete_event(store, talks, "Ann")
    assert "talks" not in store.timeline()["kind"].tolist() and len(store.timeline()) == 4
    editing.undo(store, edit, "Bob")
    assert store.timeline()["kind"].tolist() == ["arrival", "tour", "talks", "visit", "departure"]
    with pytest.raises(InputError, match="no edit"):
        editing.undo(store, edit)


def test_undo_of_an_earlier_edit_keeps_the_later_one(store):
    talks = event_id(store, "talks")
    first = editing.edit_event(store, talks, {"kind": "meeting", "title": "Meeting"}, "Ann")
    editing.edit_event(store, talks, {"title": "Informal talks"}, "Bob")
    editing.undo(store, first, "Bob")
    shown = row(store, talks)
    assert (shown["kind"], shown["title"], shown["edited_by"]) == ("talks", "Informal talks", "Bob")


def test_the_edit_log_says_who_when_before_and_after(store):
    talks = event_id(store, "talks")
    first = editing.edit_event(store, talks, {"kind": "meeting"}, "Ann")
    editing.undo(store, first, "Bob")
    editing.edit_event(store, talks, {"time": "10:00"}, "Carol")
    log = store.edit_log(talks)
    assert log["author"].tolist() == ["Ann", "Carol"]
    assert log["old"].tolist() == ['{"kind": "talks", "title": "talks in Khiva"}', '{"time": null}']
    assert log["new"].tolist() == ['{"kind": "meeting", "title": "Meeting in Khiva"}', '{"time": "10:00"}']
    assert log["undone_by"].tolist()[0] == "Bob" and log["undone_by"].isna().tolist()[1]
    assert dt.datetime.fromisoformat(log["edited_at"].iloc[0]).tzinfo is not None
    assert len(store.edit_log()) == 2 and store.edit_log(event_id(store, "tour")).empty


def test_add_an_event_by_hand(store):
    article = row(store, event_id(store, "tour"))["article"]
    new = editing.add_event(store, article, {"kind": "press", "date": "2024-04-05", "title": "Statement"}, "Ann")
    assert new < 0
    frame = store.timeline()
    assert frame["kind"].tolist() == ["arrival", "tour", "talks", "visit", "press", "departure"]
    assert row(store, new)["sources"] == [article] and row(store, new)["edited_by"] == "Ann"
    editing.edit_event(store, new, {"kind": "signing"}, "Bob")
    assert row(store, new)["kind"] == "signing"
    with pytest.raises(InputError, match="needs a kind"):
        editing.add_event(store, article, {"title": "x"})
    with pytest.raises(InputError, match="no article"):
        editing.add_event(store, "nope", {"kind": "press"})


def test_split_one_event_into_two(store):
    talks = event_id(store, "talks")
    new = editing.split_event(store, talks, {"kind": "press", "title": "Statement"}, "Ann")
    frame = store.timeline()
    assert frame["kind"].tolist() == ["arrival", "tour", "talks", "press", "visit", "departure"]
    assert row(store, new)["evidence"] == row(store, talks)["evidence"]


def test_merge_two_events_into_one(store, settings):
    ingest_text("Another\n@talks Samarkand\n", settings, name="other.txt", published=PUBLISHED)
    talks = store.timeline().loc[lambda f: f["kind"] == "talks", "event_id"].astype(int).tolist()
    editing.merge_events(store, talks[0], talks[1], "Ann")
    frame = store.timeline()
    assert frame["kind"].tolist().count("talks") == 1
    kept = row(store, talks[0])
    assert kept["n_sources"] == 2 and len(kept["sources"]) == 2
    with pytest.raises(InputError, match="itself"):
        editing.merge_events(store, talks[0], talks[0])


@pytest.mark.parametrize(("n", "days", "limit"), [(300, 30, editing.MERGE_CHOICES), (300, 3, 12), (5, 2, 40)],
                         ids=["about-ten-a-day", "a-day-holds-more-than-the-limit", "fewer-than-the-limit"])
def test_merge_candidates_are_the_same_day_then_the_nearest_never_every_event(n, days, limit):
    frame = big_frame(n, days=days, seed=5)
    seq = figures.sequence(frame.assign(event_id=range(1000, 1000 + len(frame))))     # ids as the store's
    at = len(seq) // 2
    target = int(seq["event_id"].iloc[at])
    got = editing.merge_candidates(seq, target, limit=limit)
    ids = [int(i) for i in got["event_id"]]
    assert target not in ids and len(ids) == min(limit, len(seq) - 1)
    assert list(got["number"]) == sorted(got["number"])                 # in timeline order
    same_day = [int(i) for i, d in zip(seq["event_id"], seq["date"], strict=True)
                if d == seq["date"].iloc[at] and int(i) != target]
    assert set(ids) >= set(same_day[:limit]) if len(same_day) <= limit else set(ids) <= set(same_day)
    others = [abs(int(k) - (at + 1)) for k, d in zip(got["number"], got["date"], strict=True)
              if d != seq["date"].iloc[at]]
    left_out = [abs(k - (at + 1)) for k, i in zip(seq["number"], seq["event_id"], strict=True)
                if int(i) not in ids and int(i) != target]
    assert not others or not left_out or max(others) <= min(left_out)   # the nearest fill the list
    assert editing.merge_candidates(seq, -1).empty


def test_unknown_event(store):
    with pytest.raises(InputError, match="no event 999"):
        editing.edit_event(store, 999, {"kind": "press"})
    with pytest.raises(InputError, match="nothing to change"):
        editing.edit_event(store, event_id(store, "talks"), {})


# -- corrections last ---------------------------------------------------------------------------------

def corrected(store: Store) -> None:
    editing.edit_event(store, event_id(store, "talks"), {"title": "Informal talks"}, "Ann")
    editing.edit_event(store, event_id(store, "tour"), {"kind": "visit"}, "Ann")
    editing.delete_event(store, event_id(store, "departure"), "Ann")


def summary(store: Store) -> list[tuple]:
    frame = store.timeline()
    return list(zip(frame["kind"], frame["title"], frame["date"], strict=True))


def test_corrections_survive_reingesting_the_same_article(store, settings):
    corrected(store)
    before = summary(store)
    article = row(store, event_id(store, "arrival"))["article"]
    store.delete_article(article)
    assert store.timeline().empty
    assert ingest_text(VISIT, settings, name="again.txt", published=PUBLISHED).added == 5
    assert summary(store) == before
    assert ingest_text(VISIT, settings, name="again.txt").duplicate and summary(store) == before


def test_corrections_survive_merging_in_another_article(store, settings):
    corrected(store)
    report = ingest_text(RETOLD, settings, name="retold.txt", published=PUBLISHED)
    assert report.merged == 2 and report.added == 0
    talks = store.timeline().loc[lambda f: f["title"] == "Informal talks"]
    assert len(talks) == 1 and talks["n_sources"].iloc[0] == 2
    assert store.timeline()["kind"].tolist() == ["arrival", "visit", "talks", "visit"]


def test_corrections_survive_a_new_publication_date(store, settings):
    corrected(store)
    editing.edit_event(store, event_id(store, "arrival"), {"time": "09:00"}, "Ann")
    article = row(store, event_id(store, "arrival"))["article"]
    result = editing.set_published(store, settings, article, "2024-04-06")
    assert (result.added, result.changed, result.dropped) == (0, 5, 0)
    assert summary(store) == [("arrival", "arrival in Urgench", "2024-04-06"),
                              ("visit", "Visit in Khiva", "2024-04-06"),
                              ("talks", "Informal talks", "2024-04-06"), ("visit", "visit in Khiva", "2024-04-06")]
    assert row(store, event_id(store, "arrival"))["time"] == "09:00"
    assert store.articles()["published"].tolist() == ["2024-04-06"]


def test_corrections_survive_a_new_extractor(store, settings, monkeypatch):
    corrected(store)
    monkeypatch.setattr(extract_module, "extract", engine(2))   # now reads the talks as a meeting
    calls = []
    report = editing.reextract(store, settings, progress=lambda *a: calls.append(a))
    assert (report.articles, report.added, report.changed, report.dropped) == (1, 0, 1, 0)
    assert calls == [(1, 1, "Visit to Khorezm")]
    assert summary(store) == [("arrival", "arrival in Urgench", PUBLISHED), ("visit", "Visit in Khiva", PUBLISHED),
                              ("meeting", "Informal talks", PUBLISHED), ("visit", "visit in Khiva", PUBLISHED)]
    monkeypatch.setattr(extract_module, "extract", engine(3))   # tour sentences start earlier; no visits
    report = editing.reextract(store, settings)
    assert (report.added, report.changed, report.dropped) == (0, 1, 1)
    assert [k for k, *_ in summary(store)] == ["arrival", "visit", "meeting"]
    assert row(store, event_id(store, "meeting"))["title"] == "Informal talks"


def test_reextract_reports_failures_and_keeps_the_article(store, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("engine bug")

    monkeypatch.setattr(extract_module, "extract", broken)
    report = editing.reextract(store, settings)
    assert len(report.failed) == 1 and "engine bug" in report.failed[0]
    assert len(store.timeline()) == 5 and report.message.endswith("1 failed")


def test_a_version_3_store_gets_keys_and_can_be_corrected(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:3]:
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('old', 'old text', '2024-01-01')")
    conn.executemany("INSERT INTO events (id, position, kind, date) VALUES (?, ?, ?, '2024-04-05')",
                     [(1, 0, "arrival"), (2, 1, "talks")])
    conn.executemany("INSERT INTO event_sources (event_id, article_id, seq, evidence) VALUES (?, 'old', ?, ?)",
                     [(1, 0, "Keldi."), (2, 1, "Uchrashdi.")])
    conn.close()
    store = Store(path)
    assert store.schema_version() == len(MIGRATIONS) + 4 == 10    # + Alembic revisions 0007 (shared store), 0008, 0009, 0010
    assert store.timeline()["key"].str.startswith(("arrival:", "talks:")).all()
    editing.edit_event(store, 2, {"kind": "meeting"}, "Ann")
    assert store.timeline()["kind"].tolist() == ["arrival", "meeting"]


def test_a_link_written_without_a_key_gets_one_when_its_event_is_edited(tmp_path):
    store = Store(tmp_path / "bulk.sqlite3")
    with store.connect() as conn:     # the way a bulk loader (benchmarks/bench_dashboard.py) writes rows
        conn.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('bulk', 'text', '2024-01-01')")
        conn.execute("INSERT INTO events (id, position, kind, date) VALUES (1, 0, 'talks', '2024-04-05')")
        conn.execute("INSERT INTO event_sources (event_id, article_id, seq, evidence) VALUES (1, 'bulk', 0, 'U.')")
    editing.edit_event(store, 1, {"kind": "meeting"}, "Ann")
    assert store.timeline()["kind"].tolist() == ["meeting"]
    assert store.timeline()["key"].iloc[0].startswith("talks:")


def test_status_can_be_corrected(store):
    talks = event_id(store, "talks")
    editing.edit_event(store, talks, {"status": "planned"}, "Ann")
    assert row(store, talks)["status"] == "planned"
    with pytest.raises(InputError, match="unknown status"):
        editing.edit_event(store, talks, {"status": "maybe"})


@pytest.mark.parametrize(("title", "expected"), [
    pytest.param("talks in Khiva", "Meeting in Khiva", id="extractor-title-no-dot"),
    pytest.param("Talks · Khiva", "Meeting · Khiva", id="extractor-title"),
    pytest.param("Informal dinner", "Informal dinner", id="hand-written"),
])
def test_a_kind_edit_retitles_only_titles_made_from_the_kind(store, title, expected):
    talks = event_id(store, "talks")
    editing.edit_event(store, talks, {"title": title}, "Ann")
    editing.edit_event(store, talks, {"kind": "meeting"}, "Ann")
    assert row(store, talks)["title"] == expected


def test_cli_reextract_one_article_with_a_new_publication_date(store, settings, capsys):
    from dashboard import cli

    editing.edit_event(store, event_id(store, "talks"), {"title": "Informal talks"}, "Ann")
    article = row(store, event_id(store, "talks"))["article"]
    db = str(settings.db_path)
    assert cli.main(["reextract", "--article", article[:10], "--published", "2024-04-08", "--db", db]) == 0
    assert capsys.readouterr().out == "1 article re-extracted: 0 events added, 5 changed, 0 dropped\n"
    assert set(store.timeline()["date"]) == {"2024-04-08", "2024-04-09"}
    assert row(store, event_id(store, "talks"))["title"] == "Informal talks"
    assert cli.main(["reextract", "--published", "2024-04-08", "--db", db]) == 2
    assert cli.main(["reextract", "--article", "zz", "--db", db]) == 2
    assert capsys.readouterr().err.count("\n") == 2


def test_a_new_publication_date_redoes_the_merges_and_keeps_corrections(store, settings):
    retold = ingest_text(RETOLD, settings, name="retold.txt", published=PUBLISHED).article_id
    assert store.timeline()["n_sources"].tolist() == [1, 2, 2, 1, 1]
    editing.edit_event(store, event_id(store, "talks"), {"title": "Informal talks"}, "Ann")
    editing.set_published(store, settings, retold, "2024-04-09")        # another day: its own events
    frame = store.timeline()
    assert frame["n_sources"].tolist() == [1] * 7 and frame["date"].tolist()[-2:] == ["2024-04-09"] * 2
    assert frame["title"].tolist().count("Informal talks") == 1
    editing.set_published(store, settings, retold, PUBLISHED)           # back: merged again
    frame = store.timeline()
    assert frame["n_sources"].tolist() == [1, 2, 2, 1, 1] and "Informal talks" in frame["title"].tolist()
