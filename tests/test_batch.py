"""``visit-timeline batch`` on a real Dask cluster: sources (folder, zip, JSON lines), the report, resuming
after a kill, one transaction per partition, the same timeline as one-by-one ingest, and the article
export/import. Offline: the articles are the project's own fixtures."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from dashboard import batch, cli, service
from dashboard.schema import records
from dashboard.settings import Settings
from dashboard.sources import Item, items
from dashboard.store import ArticleRow, Store
from dashboard.store.bulk import add_articles

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture(scope="module")
def client():
    """A real LocalCluster (threads, one worker) and its client; closed after the module."""
    with batch.dask_client(workers=1, processes=False) as found:
        yield found


def archive(folder: Path, copies: int = 1) -> Path:
    """The fixture articles, each copy with its own closing line (so its own content hash)."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(1, copies + 1):
        for path in TEXTS:
            body = path.read_text(encoding="utf-8").rstrip("\n")
            (folder / f"c{k}_{path.name}").write_text(f"{body}\n\nKept in the archive, copy {k}.\n",
                                                      encoding="utf-8")
    return folder


def settings_for(db: Path) -> Settings:
    return Settings.from_env(db_path=db)


def one_by_one(folder: Path, db: Path) -> Store:
    settings = settings_for(db)
    reports = service.ingest_many(sorted(folder.iterdir()), settings)
    assert all(r.ok for r in reports), [r.message for r in reports if not r.ok]
    return service.store_for(settings)


def same_store(a: Store, b: Store) -> None:
    assert records(a.timeline()) == records(b.timeline())
    columns = ["id", "title", "source", "published", "language", "published_from", "url", "n_events"]
    assert records(a.articles()[columns]) == records(b.articles()[columns])
    assert a.visits()[0] == b.visits()[0]


def test_batch_gives_the_timeline_of_one_by_one_ingest(tmp_path, client):
    folder = archive(tmp_path / "in", copies=2)
    settings = settings_for(tmp_path / "batch.sqlite3")
    tally = batch.run([folder], settings, client, partition=3)
    assert (tally.stored, tally.skipped, tally.refused, tally.failed) == (2 * len(TEXTS), 0, 0, 0)
    assert tally.merged > 0      # the second copies merge into the first ones
    same_store(service.store_for(settings), one_by_one(folder, tmp_path / "ingest.sqlite3"))


def test_a_second_batch_skips_what_is_stored(tmp_path, client):
    folder = archive(tmp_path / "in")
    settings = settings_for(tmp_path / "db.sqlite3")
    batch.run([folder], settings, client)
    before = records(service.timeline(settings))
    tally = batch.run([folder], settings, client)
    assert (tally.stored, tally.skipped) == (0, len(TEXTS))
    assert records(service.timeline(settings)) == before


def test_a_zip_with_files_that_are_not_articles(tmp_path, client):
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for text in TEXTS[:3]:
            zf.writestr(f"news/{text.name}", text.read_bytes())
        zf.writestr("news/logo.png", PNG)
        zf.writestr("news/empty.txt", b"")
        zf.writestr("news/undated.txt", "A short note about a meeting, with no date at all.")
        zf.writestr("news/sub/", b"")
    failures: list[tuple[str, str]] = []
    tally = batch.run([path], settings_for(tmp_path / "db.sqlite3"), client,
                      on_failure=lambda name, reason: failures.append((name, reason)))
    assert (tally.stored, tally.refused, tally.failed) == (3, 3, 0)
    reasons = dict(failures)
    assert set(reasons) == {"news/logo.png", "news/empty.txt", "news/undated.txt"}
    assert "binary" in reasons["news/logo.png"] and "empty" in reasons["news/empty.txt"]
    assert "no publication date" in reasons["news/undated.txt"]


BAD_LINES = [
    ("not json", "{text: 1", "not JSON"),
    ("not an object", "[1, 2]", "not a JSON object"),
    ("no text", json.dumps({"url": "https://example.org/a"}), "no text or html"),
    ("text not a string", json.dumps({"text": 5}), "not text: text"),
]


@pytest.mark.parametrize(("line", "reason"), [(b[1], b[2]) for b in BAD_LINES], ids=[b[0] for b in BAD_LINES])
def test_a_json_line_that_is_not_an_article_is_one_report_line(tmp_path, line, reason):
    path = tmp_path / "a.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    [item] = items([path], 10_000)
    assert item.error is not None and reason in item.error and item.name == "a.jsonl:1"


def test_json_lines_with_text_and_html(tmp_path, client):
    text = TEXTS[0].read_text(encoding="utf-8")
    html = (f"<html><head><title>A visit</title></head><body><article><p>"
            f"{TEXTS[1].read_text(encoding='utf-8')}</p></article></body></html>")
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": text, "url": "https://example.org/one", "published": "2025-03-12"}),
        json.dumps({"html": html, "url": "https://example.org/two", "published": "2025-09-05", "name": "two"}),
        "oops",
        json.dumps({"text": text + " Once more.", "published": "last week"}),
    ]) + "\n", encoding="utf-8")
    settings = settings_for(tmp_path / "db.sqlite3")
    failures: list[tuple[str, str]] = []
    tally = batch.run([path], settings, client, on_failure=lambda name, reason: failures.append((name, reason)))
    assert (tally.stored, tally.refused) == (2, 2)
    assert failures[0][0] == "a.jsonl:3" and "not JSON" in failures[0][1]
    assert failures[1][0] == "a.jsonl:4" and "published is not a date" in failures[1][1]
    stored = service.articles(settings)
    assert list(stored["url"]) == ["https://example.org/one", "https://example.org/two"]
    assert list(stored["published"]) == ["2025-03-12", "2025-09-05"]
    assert stored["n_events"].min() > 0


def test_export_then_import_moves_the_archive(tmp_path, client, capsys):
    folder = archive(tmp_path / "in")
    first = tmp_path / "first.sqlite3"
    batch.run([folder], settings_for(first), client)
    dump = tmp_path / "articles.jsonl"
    assert cli.main(["export-articles", str(dump), "--db", str(first)]) == 0
    rows = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(TEXTS) and {"text", "title", "url", "published", "language", "name"} <= set(rows[0])
    second = tmp_path / "second.sqlite3"
    address = client.scheduler.address
    assert cli.main(["import-articles", str(dump), "--db", str(second), "--scheduler", address,
                     "--no-progress"]) == 0
    assert f"{len(TEXTS)} stored" in capsys.readouterr().out
    same_store(Store(first), Store(second))


def test_cli_batch_on_a_running_scheduler_writes_the_report(tmp_path, client, capsys):
    folder = archive(tmp_path / "in")
    (folder / "broken.docx").write_bytes(b"not a zip at all")
    report = tmp_path / "report.tsv"
    code = cli.main(["batch", str(folder), "--db", str(tmp_path / "db.sqlite3"), "--scheduler",
                     client.scheduler.address, "--report", str(report), "--no-progress"])
    assert code == 1                   # something was refused
    assert f"{len(TEXTS)} stored" in capsys.readouterr().out
    [line] = report.read_text(encoding="utf-8").splitlines()
    name, reason = line.split("\t")
    assert name == "broken.docx" and reason.startswith("refused: not a real .docx")


def test_one_article_the_store_refuses_is_rolled_back_alone(tmp_path, monkeypatch):
    store = Store(tmp_path / "db.sqlite3")
    merge_in = store._merge_in

    def refusing(conn, article_id, events, *rest):     # fails after the article's row is written
        if article_id == "f" * 64:
            raise ValueError("the store refuses this one")
        return merge_in(conn, article_id, events, *rest)

    monkeypatch.setattr(store, "_merge_in", refusing)
    settings = settings_for(store.path)
    good = [batch.process([Item(p.name, data=p.read_bytes())], settings, batch.Known(frozenset()))[0].prepared
            for p in TEXTS[:2]]
    assert all(good)
    bad_rows = [dict(good[0].events[0], date="2001-02-03")]
    bad = ArticleRow(id="f" * 64, text="a broken article", published="2025-01-01")
    results = add_articles(store, [(good[0].article, good[0].events), (bad, bad_rows),
                                   (good[1].article, good[1].events)])
    assert isinstance(results[1], str) and "not stored" in results[1]
    assert [r.article_id for r in (results[0], results[2])] == [good[0].article.id, good[1].article.id]
    assert not store.has_article(bad.id)
    assert store.stats()["articles"] == 2 and store.integrity_check() == "ok"


def test_a_batch_killed_halfway_restarts_where_it_stopped(tmp_path, client):
    folder = archive(tmp_path / "in", copies=6)
    total = 6 * len(TEXTS)
    db = tmp_path / "db.sqlite3"
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "batch", str(folder), "--workers", "1",
                             "--partition", "1", "--no-progress", "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists() and Store(db).stats()["articles"] >= 3:
                break
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)    # the batch and its cluster's processes
        proc.wait()
    stored = Store(db).stats()["articles"]
    assert 3 <= stored < total, "the batch was not stopped halfway"
    settings = settings_for(db)
    tally = batch.run([folder], settings, client)
    assert (tally.skipped, tally.stored) == (stored, total - stored)
    assert Store(db).integrity_check() == "ok"
    same_store(Store(db), one_by_one(folder, tmp_path / "ingest.sqlite3"))


def test_the_benchmark_runs(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_batch.py"), "--smoke"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    for label in ("batch same events as ingest: yes", "batch ratio external 2 / ingest:",
                  "worker peak RSS (MiB):", "projection 1M articles on 64 cores:"):
        assert label in out.stdout
