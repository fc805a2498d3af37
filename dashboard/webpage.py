"""One web page fetched and read as an article: the fetch ``watch`` uses (a timeout, a size cap), and the
checks that make a web address an article (an HTML page, read by :mod:`dashboard.ingest`, its address
kept as the article's URL)."""
from __future__ import annotations

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, replace

from dashboard.errors import InputError, VisitTimelineError
from dashboard.ingest import Document, read_bytes
from dashboard.settings import Settings

log = logging.getLogger(__name__)

MAX_PAGE_BYTES = 5_000_000
TIMEOUT_S = 20.0          # a page typed into the Articles page or given to ``ingest``
USER_AGENT = "visit-timeline (+https://github.com/visit-timeline; a newsroom's feed reader)"
SCHEMES = ("http://", "https://")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class FetchError(VisitTimelineError):
    """A feed or page that could not be fetched (time-out, HTTP error, too large)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    body: bytes
    content_type: str       # the media type the server declared ("" when none), lower case


def is_web_address(value: str) -> bool:
    return value.strip().lower().startswith(SCHEMES)


def fetch(url: str, *, timeout: float = 20.0, max_bytes: int = MAX_PAGE_BYTES) -> Fetched:
    """The body at ``url`` (at most ``max_bytes``) and its declared type; ``FetchError`` otherwise."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read(max_bytes + 1)
            declared = response.headers.get("Content-Type")
            kind = response.headers.get_content_type().lower() if declared else ""
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise FetchError(f"cannot fetch ({reason})") from None
    if len(body) > max_bytes:
        raise FetchError(f"over the {max_bytes} byte page limit")
    return Fetched(body, kind)


def read_url(url: str, settings: Settings, *, timeout: float = 20.0,
             max_bytes: int = MAX_PAGE_BYTES) -> Document:
    """The web page at ``url`` as an article whose URL is ``url``; raises ``VisitTimelineError``."""
    url = url.strip()
    if not is_web_address(url):
        raise InputError(f"not a web address (give one starting with http:// or https://): {url!r}")
    page = fetch(url, timeout=timeout, max_bytes=max_bytes)
    if page.content_type and page.content_type not in HTML_TYPES:
        raise InputError(f"not a web page (the server sent {page.content_type}, not HTML)")
    doc = read_bytes(page.body, url, settings)
    if doc.media_type not in HTML_TYPES:
        raise InputError(f"not a web page (read as {doc.media_type}, not HTML)")
    return replace(doc, url=url)
