"""The ingest service and the ingest/timeline commands.

The plumbing tests run a tiny stand-in engine (lines ``@kind City`` become events) so they do not
depend on the extraction rules; the end-to-end tests at the bottom run the real engine.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import dashboard.extract as extract_module
from dashboard import cli
from dashboard.demo import ensure_seed
from dashboard.errors import ExtractionError
from dashboard.extract import Extraction
from dashboard.ingest import read_path
from dashboard.merge import article_id
from dashboard.schema import Event, to_frame
from dashboard.service import (
    IngestReport,
    ingest_bytes,
    ingest_document,
    ingest_many,
    ingest_text,
    store_for,
)
from dashboard.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = Path(__file__).parent.parent / "data" / "seed"
SEED = SEED_DIR / "khiva_visit_2024-04-05.txt"
RETELLING = FIXTURES / "khiva_retelling_cyrl.txt"
SAMARKAND = FIXTURES / "samarkand_visit.txt"
CITIES = {"Khiva": (41.3783, 60.3636), "Urgench": (41.5843, 60.6417), "Samarkand": (39.6542, 66.9597)}


def stand_in_extract(text: str, published: str | None = None, article: str = "", settings=None) -> Extraction:
    """``@kind City`` lines are events dated ``published``; ``@boom`` raises like a broken engine."""
    events = []
    for line in text.splitlines():
        if line.startswith("@boom"):
            raise KeyError("engine bug")
        if line.startswith("@nodate"):
            raise ExtractionError("no date anywhere")
        if line.startswith("@"):
            kind, city = line[1:].split()
            lat, lon = CITIES[city]
            events.append(Event(article=article, seq=len(events), kind=kind, title=f"{kind} in {city}",
                                date=published, place=city, city=city, lat=lat, lon=lon, evidence=line))
    return Extraction(events=to_frame(events), language="uz-Latn", title="")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_path=tmp_path / "db" / "timeline.sqlite3")


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(extract_module, "extract", stand_in_extract)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


VISIT = "Visit\n@arrival Urgench\n@tour Khiva\n@talks Khiva\n@departure Urgench\n"
RETOLD = "Retold\n@tour Khiva\n@talks Khiva\n@press Khiva\n"


@pytest.mark.parametrize(("report", "message"), [
    (IngestReport("khiva.txt", "a", added=5, n_events=5), "khiva.txt: 5 events added"),
    (IngestReport("one.txt", "a", added=1, n_events=1), "one.txt: 1 event added"),
    (IngestReport("retelling.txt", "a", merged=4, n_events=4), "retelling.txt: 0 added, 4 merged"),
    (IngestReport("khiva.txt", "a", duplicate=True), "khiva.txt: already in the timeline (no change)"),
    (IngestReport("notes.txt", "a"), "notes.txt: stored; no events found"),
    (IngestReport("photo.png", error="binary file (looks like a PNG image), not text"),
     "photo.png: refused: binary file (looks like a PNG image), not text"),
    (IngestReport("x.txt", error="could not extract events", refused=False),
     "x.txt: failed: could not extract events"),
], ids=["added", "added-one", "merged", "duplicate", "no-events", "refused", "failed"])
def test_report_messages(report, message):
    assert report.message == message


def test_ingest_paths_mixed_good_and_bad(tmp_path, settings, stand_in):
    visit, retold = write(tmp_path, "visit.txt", VISIT), write(tmp_path, "retold.txt", RETOLD)
    paths = [visit, FIXTURES / "photo.png", tmp_path / "missing.txt", retold, FIXTURES / "notes.txt"]
    reports = ingest_many(paths, settings, published="2024-04-05")
    assert [r.message for r in reports] == [
        "visit.txt: 4 events added",
        "photo.png: refused: binary file (looks like a PNG image), not text",
        "missing.txt: refused: no such file",
        "retold.txt: 1 added, 2 merged",
        "notes.txt: stored; no events found",
    ]
    store = store_for(settings)
    assert store.articles()["source"].tolist() == ["visit.txt", "retold.txt", "notes.txt"]
    timeline = store.timeline()
    assert timeline["kind"].tolist() == ["arrival", "tour", "talks", "press", "departure"]
    assert timeline["n_sources"].tolist() == [1, 2, 2, 1, 1]


def test_ingest_many_takes_uploads_and_paths_in_one_loop_with_progress(tmp_path, settings, stand_in):
    heard: list[tuple[float, str]] = []
    inputs = [("visit.txt", VISIT.encode("utf-8")), ("photo.png", (FIXTURES / "photo.png").read_bytes()),
              write(tmp_path, "retold.txt", RETOLD)]
    reports = ingest_many(inputs, settings, published="2024-04-05", progress=lambda x, m: heard.append((x, m)))
    assert [r.message for r in reports] == [
        "visit.txt: 4 events added",
        "photo.png: refused: binary file (looks like a PNG image), not text",
        "retold.txt: 1 added, 2 merged",
    ]
    assert heard == [(0.0, "Reading visit.txt (1 of 3)…"), (1 / 3, "Reading photo.png (2 of 3)…"),
                     (2 / 3, "Reading retold.txt (3 of 3)…"), (1.0, "Done: 3 files")]


def test_same_text_twice_is_a_duplicate(tmp_path, settings, stand_in):
    first = ingest_text(VISIT, settings, name="a.txt", published="2024-04-05")
    again = ingest_text(VISIT.replace("\n@", "  \n@"), settings, name="b.txt", published="2024-04-05")
    assert again.duplicate and again.article_id == first.article_id
    assert again.message == "b.txt: already in the timeline (no change)"
    assert len(store_for(settings).timeline()) == 4


@pytest.mark.parametrize(("text", "error"), [
    ("@boom\n", "failed: could not extract events (KeyError"),
    ("@nodate\n", "failed: no date anywhere"),
], ids=["engine-bug", "extraction-error"])
def test_extraction_failures_store_nothing(settings, stand_in, text, error):
    report = ingest_text(text, settings, name="bad.txt", published="2024-04-05")
    assert not report.ok and error in report.message
    assert store_for(settings).stats()["articles"] == 0


def test_refused_bytes_store_nothing(settings):
    report = ingest_bytes((FIXTURES / "photo.png").read_bytes(), "photo.png", settings)
    assert report.message == "photo.png: refused: binary file (looks like a PNG image), not text"
    assert store_for(settings).stats()["articles"] == 0


def test_empty_paste_is_refused(settings):
    report = ingest_text("   \n ", settings)
    assert report.error and report.message.startswith("pasted text: refused:")
    assert store_for(settings).stats()["articles"] == 0


def _doc(text: str, published: str | None, name: str = "d.txt"):
    from dashboard.ingest import Document

    return Document(name=name, text=text, title=None, published=published, media_type="text/plain")


@pytest.mark.parametrize(("found", "given", "name", "text", "expected"), [
    ("2024-04-05", "2023-01-01", "d.txt", "@talks Khiva\n", "2024-04-05"),
    (None, "2023-01-01", "d_2022-02-02.txt", "@talks Khiva\n", "2023-01-01"),
    (None, None, "d_2022-02-02.txt", "@talks Khiva\n", "2022-02-02"),
    (None, None, "d.txt", "On 3 March 2021 and 4 March 2021.\n@talks Khiva\n", "2021-03-04"),
], ids=["document-wins", "argument", "file-name", "text-dates"])
def test_publication_date(settings, stand_in, found, given, name, text, expected):
    report = ingest_document(_doc(text, found, name), settings, published=given)
    store = store_for(settings)
    assert report.added == 1
    assert store.articles()["published"].tolist() == [expected]
    assert store.timeline()["date"].tolist() == [expected]


def test_no_publication_date_is_refused_never_today(settings, stand_in):
    report = ingest_document(_doc("@talks Khiva\n", None), settings)
    assert report.message.startswith("d.txt: refused: no publication date found")
    assert store_for(settings).stats()["articles"] == 0
    assert ingest_document(_doc("@talks Khiva\n", None), settings, confirmed="2024-04-05").added == 1


def test_events_after_the_publication_date_are_warned_of(settings, stand_in):
    report = ingest_document(_doc("@talks Khiva\n", "2024-04-05"), settings, confirmed="2024-04-04")
    assert report.late == 0      # the stand-in dates events on the publication date: none late
    from dashboard.preparing import late_records

    events = [Event(article="a", seq=0, kind="talks", title="t", date="2024-04-06"),
              Event(article="a", seq=1, kind="talks", title="t", date="2024-04-07", status="planned"),
              Event(article="a", seq=2, kind="talks", title="t", date="2024-04-05")]
    assert late_records(events, "2024-04-05") == 1
    message = IngestReport(name="a.txt", added=3, n_events=3, published="2024-04-05", late=1).message
    assert message == "a.txt: 3 events added; 1 event dated after the publication date 2024-04-05: check the date"


def test_titles_fall_back_to_the_name(settings, stand_in):
    ingest_document(_doc("@talks Khiva\n", "2024-04-05"), settings)
    assert store_for(settings).articles()["title"].tolist() == ["d.txt"]


def test_ensure_seed_loads_once(settings):
    report = ensure_seed(settings)
    assert report is not None and report.ok and report.name == SEED.name
    arts = store_for(settings).articles()
    meta = json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8"))
    assert arts[["title", "published", "language"]].values.tolist() == [
        [meta["title"], "2024-04-05", "uz-Latn"]]
    assert ensure_seed(settings) is None
    assert len(store_for(settings).articles()) == 1


def test_ensure_seed_skips_a_store_with_articles(settings, stand_in):
    ingest_text(VISIT, settings, published="2024-04-05")
    assert ensure_seed(settings) is None
    assert store_for(settings).articles()["source"].tolist() == ["pasted text"]


def test_cli_ingest_and_timeline(tmp_path, settings, stand_in, capsys):
    visit = write(tmp_path, "visit.txt", VISIT)
    db = str(settings.db_path)
    code = cli.main(["ingest", str(visit), str(FIXTURES / "photo.png"), "--db", db,
                     "--published", "2024-04-05"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == "visit.txt: 4 events added\n"
    assert err == "photo.png: refused: binary file (looks like a PNG image), not text\n"
    assert cli.main(["timeline", "--db", db]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["kind"] for r in rows] == ["arrival", "tour", "talks", "departure"]
    aid = store_for(settings).articles()["id"].tolist()
    assert all(r["sources"] == aid and r["n_sources"] == 1 for r in rows)
    assert cli.main(["timeline", "--db", db, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and f'"[""{aid[0]}""]"' in lines[1]


def test_cli_ingest_all_good_exits_zero(tmp_path, settings, stand_in, capsys):
    code = cli.main(["ingest", str(write(tmp_path, "v_2024-04-05.txt", VISIT)), "--db", str(settings.db_path)])
    assert code == 0 and capsys.readouterr().out == "v_2024-04-05.txt: 4 events added\n"


def test_cli_ingest_refuses_a_file_without_a_date_in_one_line(tmp_path, settings, stand_in, capsys):
    undated, dated = write(tmp_path, "v.txt", VISIT), write(tmp_path, "w_2024-04-05.txt", "W\n@talks Khiva\n")
    code = cli.main(["ingest", str(undated), str(dated), "--db", str(settings.db_path)])
    out, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1 and err.startswith("v.txt: refused: no publication date found")
    assert out == "w_2024-04-05.txt: 1 event added\n"
    assert store_for(settings).articles()["source"].tolist() == ["w_2024-04-05.txt"]
    assert cli.main(["ingest", str(undated), "--published", "2024-04-05", "--db", str(settings.db_path)]) == 0


def test_cli_unopenable_store_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = cli.main(["timeline", "--db", str(blocker / "sub" / "db.sqlite3")])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: cannot open the store") and err.count("\n") == 1


# -- end to end with the real engine ---------------------------------------------------------------

KHIVA_KINDS = ["arrival", "tour", "talks", "visit", "departure"]


def _ids(*paths: Path) -> list[str]:
    return [article_id(read_path(p, Settings()).text) for p in paths]


@pytest.fixture
def with_seed(settings) -> Settings:
    report = ensure_seed(settings)
    assert report is not None and report.message == f"{SEED.name}: 5 events added"
    return settings


def test_seed_gives_the_five_events(with_seed):
    timeline = store_for(with_seed).timeline()
    assert timeline["kind"].tolist() == KHIVA_KINDS
    assert timeline["date"].tolist() == ["2024-04-05"] * 5
    assert timeline["sources"].tolist() == [_ids(SEED)] * 5


def test_cyrillic_retelling_merges_into_the_seed(with_seed):
    report = ingest_many([RETELLING], with_seed, published="2024-04-05")[0]
    assert report.message == f"{RETELLING.name}: 0 added, 4 merged"
    store = store_for(with_seed)
    timeline = store.timeline()
    seed_id, retell_id = _ids(SEED, RETELLING)
    assert timeline["kind"].tolist() == KHIVA_KINDS
    assert timeline["sources"].tolist() == [[seed_id]] + [[seed_id, retell_id]] * 4
    assert timeline["n_sources"].tolist() == [1, 2, 2, 2, 2]
    assert store.articles()["language"].tolist() == ["uz-Latn", "uz-Cyrl"]


def test_the_same_article_twice_is_a_no_op(with_seed):
    before = store_for(with_seed).timeline()
    report = ingest_many([SEED], with_seed)[0]
    assert report.message == f"{SEED.name}: already in the timeline (no change)"
    assert store_for(with_seed).timeline().equals(before)


def test_a_different_visit_adds_its_events(with_seed):
    report = ingest_many([SAMARKAND], with_seed, published="2024-03-14")[0]
    assert report.ok and report.merged == 0 and report.added >= 3
    timeline = store_for(with_seed).timeline()
    assert len(timeline) == 5 + report.added
    assert timeline["date"].is_monotonic_increasing
    assert timeline["kind"].tolist()[-5:] == KHIVA_KINDS
    assert (timeline["n_sources"] == 1).all()


def test_deleting_the_retelling_restores_single_sources(with_seed):
    ingest_many([RETELLING], with_seed, published="2024-04-05")
    seed_id, retell_id = _ids(SEED, RETELLING)
    result = store_for(with_seed).delete_article(retell_id)
    assert (result.found, result.removed, result.kept) == (True, 0, 4)
    timeline = store_for(with_seed).timeline()
    assert timeline["kind"].tolist() == KHIVA_KINDS
    assert timeline["sources"].tolist() == [[seed_id]] * 5


def test_deleting_the_seed_falls_back_to_the_retelling(with_seed):
    ingest_many([RETELLING], with_seed, published="2024-04-05")
    seed_id, retell_id = _ids(SEED, RETELLING)
    result = store_for(with_seed).delete_article(seed_id)
    assert (result.removed, result.kept) == (1, 4)          # the arrival goes with the seed
    timeline = store_for(with_seed).timeline()
    assert timeline["kind"].tolist() == KHIVA_KINDS[1:]
    assert timeline["sources"].tolist() == [[retell_id]] * 4
    retelling = read_path(RETELLING, Settings()).text
    for row in timeline.itertuples():
        assert row.article == retell_id
        assert " ".join(retelling[row.evidence_start:row.evidence_end].split()) == row.evidence
    assert "Урганч халқаро аэропортида" in timeline["evidence"].iloc[-1]


def test_an_ingested_article_is_normalised_once(monkeypatch, settings):
    """Its id and its extraction read the same cleaned text (the real engine, not the stand-in)."""
    import importlib

    norm = importlib.import_module("dashboard.text.normalize")   # the package's ``normalize`` is the function
    calls: list[int] = []
    real = norm.clean
    monkeypatch.setattr(norm, "clean", lambda text: calls.append(len(text)) or real(text))
    norm.clean_and_reflow.cache_clear()
    text = (ROOT / "data" / "seed" / "khiva_visit_2024-04-05.txt").read_text(encoding="utf-8")
    report = ingest_text(text, settings, name="seed.txt", published="2024-04-05")
    assert report.added == 5
    assert calls == [len(text)]
