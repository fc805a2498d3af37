"""The ingest front door: a file, some bytes or a paste -> one ``Document`` (or an ``InputError``).

Where the text stops: newlines become ``\\n``, trailing whitespace is stripped from every line and
from the end, leading blank lines go. Nothing else is normalised here (no NFC, no apostrophe folding,
no reflow: that is dashboard.text.normalize's job), so the article keeps its own words. Plain text
stays text: ``<script>`` in a .txt is kept verbatim. Extracted formats (HTML, .docx, .pdf) are
rebuilt as: the title, a blank line, then the paragraphs separated by blank lines.
"""
from __future__ import annotations

import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import InputError
from dashboard.ingest import decode as dec
from dashboard.ingest.dates import FROM_DATELINE, FROM_METADATA, find_dateline, publication
from dashboard.ingest.sniff import looks_like_html, sniff
from dashboard.settings import Settings, env_var

log = logging.getLogger(__name__)

TEXT = "text/plain"
HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
_TEXT_SUFFIXES = (".txt", ".md")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
RAW_TEXT_FACTOR = 4      # raw text/HTML may be this many times max_text_bytes before decoding
TITLE_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    title: str | None
    published: str | None
    media_type: str
    published_from: str | None = None    # where ``published`` was found: FROM_METADATA or FROM_DATELINE
    url: str | None = None               # a web page's own address (its canonical link or og:url)

    def publication(self, fallback: str | None = None) -> tuple[str | None, str]:
        """The publication date and where it comes from (:func:`dashboard.ingest.dates.publication`)."""
        return publication(self.name, self.text, self.published, self.published_from, fallback)


def read_path(path: Path | str, settings: Settings) -> Document:
    """Read a file from disk. Missing, unreadable or special files -> InputError."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot open ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a pipe, socket or device)")
    cap = raw_limit(path.name, settings)
    if info.st_size > cap:
        raise InputError(f"file is {human(info.st_size)}, over the {human(cap)} input limit "
                         f"({_limit_env(path.name)})")
    try:
        with open(path, "rb", opener=_nonblocking) as handle:
            data = handle.read(cap + 1)
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})") from None
    return read_bytes(data, path.name, settings)


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read_text(text: str, settings: Settings, name: str = "pasted text") -> Document:
    """The paste box: same limits and checks as a file. A paste that is an HTML document is extracted."""
    _check_text_size(text, settings)
    if looks_like_html(text):
        return _html_document(text, name, settings)
    return _text_document(text, name, settings)


def read_bytes(data: bytes, name: str, settings: Settings) -> Document:
    """Dispatch on what the bytes are (magic numbers) and on the file name's suffix."""
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise InputError("empty file")
    cap = raw_limit(name, settings)
    if len(data) > cap:
        raise InputError(f"file is {human(len(data))}, over the {human(cap)} input limit "
                         f"({_limit_env(name)})")
    kind, what = sniff(data)
    if kind == "binary":
        raise InputError(f"binary file (looks like {what}), not text")
    if kind == "pdf":
        from dashboard.ingest.office import read_pdf  # heavy optional import: pypdf, only for a PDF
        return _finish(name, *read_pdf(data, settings), PDF, settings)
    if kind == "zip":
        from dashboard.ingest.office import read_docx  # heavy optional import: python-docx, only for a .docx
        return _finish(name, *read_docx(data, settings, suffix), DOCX, settings)
    if suffix == ".docx":
        raise InputError("not a real .docx (not a zip archive)")
    if suffix == ".pdf":
        raise InputError("not a real PDF (no %PDF header)")
    if suffix in _HTML_SUFFIXES:
        from dashboard.ingest.html import declared_charset  # heavy optional import: trafilatura and lxml
        text, _ = dec.decode(data, declared_charset(data))
        dec.check_printable(text)
        return _html_document(text, name, settings)
    text, codec = dec.decode(data)
    dec.check_printable(text)
    log.info("%s: decoded as %s", name, codec)
    if suffix not in _TEXT_SUFFIXES and looks_like_html(text):
        return _html_document(text, name, settings)
    return read_text_decoded(text, name, settings)


def read_text_decoded(text: str, name: str, settings: Settings) -> Document:
    _check_text_size(text, settings)
    return _text_document(text, name, settings)


def _text_document(text: str, name: str, settings: Settings) -> Document:
    text = tidy(text)
    if not text:
        raise InputError("empty file" if name != "pasted text" else "empty text")
    dec.check_printable(text)
    first = text.split("\n", 1)[0].strip()
    title = first.lstrip("#").strip() if len(first) <= TITLE_MAX_CHARS else None
    found = find_dateline(text)
    return Document(name, text, title or None, found, TEXT, FROM_DATELINE if found else None)


def _html_document(html: str, name: str, settings: Settings) -> Document:
    from dashboard.ingest.html import read_html  # heavy optional import: trafilatura and lxml, only for HTML

    page = read_html(html)
    return _finish(name, page.title, page.paragraphs, page.published, HTML, settings, url=page.url)


def _finish(name: str, title: str | None, paragraphs: list[str], published: str | None,
            media_type: str, settings: Settings, url: str | None = None) -> Document:
    paragraphs = [p for p in (tidy(p) for p in paragraphs) if p]
    if not paragraphs and not title:
        raise InputError("no text found in the document")
    title = " ".join(title.split()) if title else None
    if title and not (paragraphs and _same(paragraphs[0], title)):
        paragraphs.insert(0, title)
    elif title is None:  # a short first line is the title; it becomes its own paragraph (PDF pages)
        first, _, rest = paragraphs[0].partition("\n")
        if len(first) <= TITLE_MAX_CHARS:
            title = first
            paragraphs[0:1] = [first, rest] if rest.strip() else [first]
    text = "\n\n".join(paragraphs)
    _check_text_size(text, settings)
    dec.check_printable(text)
    dateline = find_dateline(text)
    found_in = (FROM_DATELINE if published == dateline else FROM_METADATA) if published else \
        (FROM_DATELINE if dateline else None)
    return Document(name, text, title, published or dateline, media_type, found_in, url)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_TRAILING = re.compile(r"[ \t\f\v\u00a0\u3000]+$", re.M)


def tidy(text: str) -> str:
    """Newlines to \\n, trailing whitespace off every line and the end, leading blank lines off."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _TRAILING.sub("", text).rstrip()
    return text.lstrip("\n").lstrip("\ufeff")


def _check_text_size(text: str, settings: Settings) -> None:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > settings.max_text_bytes:
        limit = human(settings.max_text_bytes)
        raise InputError(f"text is {human(size)}, over the {limit} limit ({env_var('max_text_bytes')})")


def raw_limit(name: str, settings: Settings) -> int:
    """Bytes accepted before decoding: generous for text/HTML, the unpack limit for .docx/.pdf."""
    if Path(name).suffix.lower() in (".docx", ".pdf"):
        return settings.max_unpacked_bytes
    return max(RAW_TEXT_FACTOR * settings.max_text_bytes, 1)


def _limit_env(name: str) -> str:
    unpacked = Path(name).suffix.lower() in (".docx", ".pdf")
    return env_var("max_unpacked_bytes" if unpacked else "max_text_bytes")


def human(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} KB"
    return f"{size} bytes"
