"""A web address as an article (issue 24): the core fetch-and-read, ``visit-timeline ingest URL`` and the
Articles page's "Web address" box, against a real HTTP server on 127.0.0.1 (a thread, stopped after)
serving a visit report, a sports story, a 404, a slow page and a file that is not HTML. Offline."""
from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import cli, feeds, service, webpage
from dashboard.errors import InputError
from dashboard.settings import Settings
from tests.conftest import http_server

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = str(ROOT / "dashboard" / "views" / "articles.py")
REPORT = ROOT / "tests" / "fixtures" / "corpus" / "tashkent_aliyev_2025-08-21.txt"
SPORTS = ("The town's volleyball team lost its away game in five sets on Sunday. The captain blamed "
          "the long bus ride, and the coach promised more training before the cup.")
SLOW_S, TIMEOUT_S = 1.5, 0.4


def page(title: str, body: str, published: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<meta property='article:published_time' content='{published}'></head>"
            f"<body><article><h1>{escape(title)}</h1>{paragraphs}</article></body></html>").encode()


PAGES: dict[str, tuple[str, bytes]] = {
    "/news/visit": ("text/html; charset=utf-8", page("Visit", REPORT.read_text(encoding="utf-8"), "2025-08-21")),
    "/news/volleyball": ("text/html", page("Volleyball", SPORTS, "2025-08-21")),
    "/news/slow": ("text/html", page("Slow", SPORTS, "2025-08-21")),
    "/files/visit.json": ("application/json", b'{"title": "a visit", "text": "not a web page"}'),
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path not in PAGES:
                self.send_error(404)
                return
            if self.path == "/news/slow":
                time.sleep(SLOW_S)
            kind, body = PAGES[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):     # the client gave up on the slow page
                self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    with http_server(Handler) as url:
        yield url


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setattr(webpage, "TIMEOUT_S", TIMEOUT_S)
    path = tmp_path / "web.sqlite3"
    monkeypatch.setenv("VISIT_TIMELINE_DB_PATH", str(path))
    return Settings.from_env(db_path=path)


def closed_port() -> int:
    """A port nothing listens on (no network there): bound, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


FAILURES = [  # path (or a whole address), words of the one line
    pytest.param("/missing", "HTTP 404", id="not-found"),
    pytest.param("/news/slow", "timed out", id="time-out"),
    pytest.param("/files/visit.json", "not HTML", id="not-html"),
    pytest.param("/news/volleyball", feeds.NOT_A_VISIT, id="not-a-visit-report"),
    pytest.param("ftp://127.0.0.1/news/visit", "not a web address", id="not-http"),
    pytest.param("http://127.0.0.1:{port}/news/visit", "cannot fetch", id="no-server"),
]


def address(site: str, what: str) -> str:
    return what.format(port=closed_port()) if "://" in what else site + what


def test_a_visit_report_is_stored_with_its_url(site, settings):
    url = f"{site}/news/visit"
    report = feeds.ingest_url(url, settings)
    assert report.ok and report.n_events > 0, report.message
    stored = service.articles(settings)
    assert list(stored["url"]) == [url] and list(stored["published"]) == ["2025-08-21"]
    again = feeds.ingest_url(f" {url} ", settings)
    assert again.duplicate and len(service.articles(settings)) == 1


@pytest.mark.parametrize(("path", "stored"), [("/news/visit", 1), ("/news/volleyball", 0)],
                         ids=["visit-report", "not-a-visit-report"])
def test_a_web_address_is_extracted_once(site, settings, monkeypatch, path, stored):
    """Deciding whether the page reports a visit and storing it share one extraction."""
    import dashboard.extract as engine

    calls: list[str] = []
    real = engine.extract
    monkeypatch.setattr(engine, "extract", lambda text, *a, **k: calls.append(text) or real(text, *a, **k))
    report = feeds.ingest_url(f"{site}{path}", settings)
    assert len(calls) == 1, report.message
    assert len(service.articles(settings)) == stored and report.ok == bool(stored), report.message
    assert feeds.is_not_a_visit(report) != bool(stored)


@pytest.mark.parametrize(("what", "words"), FAILURES)
def test_a_failure_is_one_line_and_stores_nothing(site, settings, what, words):
    report = feeds.ingest_url(address(site, what), settings)
    assert report.error is not None and words in report.error, report.error
    assert "\n" not in report.message and "Traceback" not in report.message
    assert service.articles(settings).empty


def test_a_page_over_the_size_cap_is_refused(site):
    with pytest.raises(webpage.FetchError, match="byte page limit"):
        webpage.fetch(f"{site}/news/visit", max_bytes=100)


def test_read_url_keeps_the_address_as_the_articles_url(site, settings):
    doc = webpage.read_url(f"{site}/news/visit", settings)
    assert doc.url == f"{site}/news/visit" and doc.media_type == "text/html"
    with pytest.raises(InputError, match="not a web page"):
        webpage.read_url(f"{site}/files/visit.json", settings)


def test_cli_ingest_takes_web_addresses_beside_files(site, settings, capsys):
    db = str(settings.db_path)
    code = cli.main(["ingest", f"{site}/news/visit", f"{site}/missing", "--db", db])
    out, err = capsys.readouterr()
    assert code == 1                                        # one failed; the good one is still stored
    assert "/news/visit" in out and "HTTP 404" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert list(service.articles(settings)["url"]) == [f"{site}/news/visit"]


def test_cli_ingest_of_a_good_address_succeeds(site, settings, capsys):
    assert cli.main(["ingest", f"{site}/news/visit", "--db", str(settings.db_path)]) == 0
    assert "/news/visit" in capsys.readouterr().out


def page_with(url: str) -> AppTest:
    at = AppTest.from_file(ARTICLES, default_timeout=60)
    at.run()
    at.text_input(key="url_address").set_value(url)
    at.button(key="url_add").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_articles_page_stores_a_web_address(site, settings):
    url = f"{site}/news/visit"
    at = page_with(url)
    assert any(url in s.value for s in at.success), [s.value for s in at.success]
    stored = service.articles(settings)
    assert url in set(stored["url"])


@pytest.mark.parametrize(("what", "words"), [FAILURES[0], FAILURES[1], FAILURES[2], FAILURES[3]])
def test_the_articles_page_tells_a_failure_in_one_line(site, settings, what, words):
    before = len(service.articles(settings))
    at = page_with(address(site, what))
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and words in errors[0] and "\n" not in errors[0], errors
    assert len(service.articles(settings)) == before
