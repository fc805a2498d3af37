"""``visit-timeline watch``: an RSS feed served from 127.0.0.1 (a real HTTP server in a thread) with two
visit reports, a sports story, an item without a link, a duplicate link and a page that times out."""
from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from dashboard import cli, feeds, service
from dashboard.settings import Settings
from tests.conftest import http_server

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
REPORTS = {"/news/tashkent": CORPUS / "tashkent_aliyev_2025-08-21.txt",
           "/news/moscow": CORPUS / "moscow_mirziyoyev_ru_2025-05-27.txt"}
SPORTS = ("The city's football club won its home match three goals to one on Saturday evening. "
          "The coach praised the young defenders, and the fans sang until the final whistle.")
SLOW_S = 1.5
TIMEOUT_S = 0.5


def page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title></head>"
            f"<body><article><h1>{escape(title)}</h1>{paragraphs}</article></body></html>").encode()


def rss(base: str, links: list[tuple[str, str | None]]) -> bytes:
    when = format_datetime(dt.datetime(2025, 8, 21, 9, 0, tzinfo=dt.UTC))
    entries = "".join(
        f"<item><title>{escape(title)}</title>{f'<link>{base}{path}</link>' if path else ''}"
        f"<pubDate>{when}</pubDate></item>" for title, path in links)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Test outlet</title>"
            f"<link>{base}/</link><description>news</description>{entries}</channel></rss>").encode()


class Site:
    """The pages of the test outlet; ``slow_ok`` makes the slow page answer quickly (the next round)."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {p: page(p.rsplit("/", 1)[1].title(), f.read_text(encoding="utf-8"))
                                        for p, f in REPORTS.items()}
        self.pages["/news/football"] = page("Football", SPORTS)
        self.slow_ok = False
        self.hits: dict[str, int] = {}


@pytest.fixture
def site() -> Iterator[tuple[str, Site]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            base = f"http://{self.headers['Host']}"
            if self.path == "/feed.xml":
                body = rss(base, [("Tashkent", "/news/tashkent"), ("No link", None),
                                  ("Moscow", "/news/moscow"), ("Football", "/news/football"),
                                  ("Tashkent again", "/news/tashkent"), ("Slow", "/news/slow")])
            elif self.path == "/broken.xml":
                self.send_error(500)
                return
            elif self.path == "/news/slow":
                if not state.slow_ok:
                    time.sleep(SLOW_S)
                body = state.pages["/news/moscow"].replace(b"<h1>", b"<h1>Slow ")
            elif self.path in state.pages:
                body = state.pages[self.path]
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml" if self.path.endswith(".xml") else "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):     # the watcher gave up on a slow page
                self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    with http_server(Handler) as url:
        yield url, state


def test_a_round_stores_the_visit_reports_only(tmp_path, site):
    base, _ = site
    settings = Settings.from_env(db_path=tmp_path / "db.sqlite3")
    watcher = feeds.Watcher(settings, timeout=TIMEOUT_S, delay=0)
    done = watcher.round([f"{base}/feed.xml", f"{base}/broken.xml"])
    assert (done.stored, done.skipped, done.seen) == (2, 1, 1)     # the duplicate link is read once
    failed = [line for line in done.lines if line.startswith(feeds.FAILED_MARK)]
    assert len(failed) == done.failed == 3, failed                 # the broken feed, the item, the slow page
    assert any("broken.xml" in f and "500" in f for f in failed)
    assert any("no link" in f for f in failed) and any("/news/slow" in f for f in failed)
    stored = service.articles(settings)
    assert sorted(stored["url"]) == [f"{base}/news/moscow", f"{base}/news/tashkent"]
    assert (stored["n_events"] > 0).all()


def counted(monkeypatch) -> list[str]:
    """The texts the extractor is run on, from now on (a counting wrapper around the real engine)."""
    import dashboard.extract as engine

    texts: list[str] = []
    real = engine.extract

    def counting(text, *args, **kwargs):
        texts.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(engine, "extract", counting)
    return texts


def test_each_page_is_extracted_once(tmp_path, site, monkeypatch):
    """The article prepared for storing decides whether a page is a visit report: two reports stored
    and a sports story skipped cost three extractions, not five."""
    base, _ = site
    settings = Settings.from_env(db_path=tmp_path / "db.sqlite3")
    texts = counted(monkeypatch)
    done = feeds.Watcher(settings, timeout=TIMEOUT_S, delay=0).round([f"{base}/feed.xml"])
    assert (done.stored, done.skipped) == (2, 1)
    assert len(texts) == 3 and len(set(texts)) == 3, [t[:40] for t in texts]


def test_the_next_round_retries_failures_and_skips_what_it_has_seen(tmp_path, site):
    base, state = site
    settings = Settings.from_env(db_path=tmp_path / "db.sqlite3")
    feeds.Watcher(settings, timeout=TIMEOUT_S, delay=0).round([f"{base}/feed.xml"])
    state.slow_ok = True
    hits = dict(state.hits)
    done = feeds.Watcher(settings, timeout=TIMEOUT_S, delay=0).round([f"{base}/feed.xml"])
    assert (done.stored, done.skipped, done.seen, done.failed) == (1, 0, 4, 1)   # the slow page; no link
    for path in ("/news/tashkent", "/news/moscow", "/news/football"):
        assert state.hits[path] == hits[path], f"{path} fetched again"
    assert state.hits["/news/slow"] == hits["/news/slow"] + 1


def test_a_polite_delay_between_two_requests_to_one_host(tmp_path, site):
    base, _ = site
    watcher = feeds.Watcher(Settings.from_env(db_path=tmp_path / "db.sqlite3"), delay=0.4)
    start = time.monotonic()
    for _ in range(3):
        watcher.fetch(f"{base}/news/football")
    assert time.monotonic() - start >= 0.8


def test_a_page_over_the_size_cap_is_refused(tmp_path, site):
    base, _ = site
    watcher = feeds.Watcher(Settings.from_env(db_path=tmp_path / "db.sqlite3"), delay=0, max_bytes=100)
    with pytest.raises(feeds.FetchError, match="100 byte page limit"):
        watcher.fetch(f"{base}/news/football")


def test_cli_watch_once(tmp_path, site, capsys):
    base, _ = site
    code = cli.main(["watch", f"{base}/feed.xml", "--once", "--db", str(tmp_path / "db.sqlite3"),
                     "--timeout", str(TIMEOUT_S), "--delay", "0"])
    out, err = capsys.readouterr()
    assert code == 1                                   # the slow page and the item without a link
    assert "2 stored, 1 not visit reports, 1 seen before, 2 failed" in out
    assert err.count(feeds.FAILED_MARK) == 2


@pytest.mark.parametrize(("flag", "seconds"), [("30s", 30), ("15m", 900), ("2h", 7200), ("90", 90)],
                         ids=["seconds", "minutes", "hours", "bare"])
def test_every_takes_a_unit(flag, seconds):
    args = cli.build_parser().parse_args(["watch", "http://127.0.0.1/feed", "--every", flag])
    assert args.every == seconds
