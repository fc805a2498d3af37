"""Word (.docx, through python-docx) and PDF (through pypdf) files -> title and paragraphs.

A .docx is a zip: its declared sizes are checked against ``max_unpacked_bytes`` and then every member
is stream-read with the same cap (declared sizes can lie) before python-docx sees it.
"""
from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from typing import Any

from dashboard.errors import InputError
from dashboard.settings import Settings, env_var

log = logging.getLogger(__name__)

MAX_ZIP_ENTRIES = 5_000
CHUNK = 1 << 16
TITLE_MAX_CHARS = 200

Parts = tuple[str | None, list[str], str | None]   # title, paragraphs, published


def read_docx(data: bytes, settings: Settings, suffix: str = ".docx") -> Parts:
    check_zip(data, settings, suffix)
    import docx  # python-docx; imported here so text-only use does not pay for it

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = list(_docx_blocks(document))
        core_title = (document.core_properties.title or "").strip() or None
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds; none may escape
        raise InputError(f"not a readable .docx ({type(exc).__name__}: {_short(exc)})") from None
    paragraphs = [p for p in paragraphs if p.strip()]
    first = paragraphs[0] if paragraphs else ""
    title = first if first and len(first) <= TITLE_MAX_CHARS and "\n" not in first else core_title
    if not paragraphs and not core_title:
        raise InputError(".docx has no text")
    return title, paragraphs, None


def _docx_blocks(document: Any) -> Iterator[str]:   # a docx Document (imported lazily)
    from docx.table import Table  # heavy optional import, as in read_docx

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                yield " | ".join(dict.fromkeys(c for c in cells if c))  # merged cells repeat
        else:
            yield block.text


def check_zip(data: bytes, settings: Settings, suffix: str) -> None:
    """Refuse a zip that is not a .docx or that unpacks to more than ``settings.max_unpacked_bytes``."""
    limit = settings.max_unpacked_bytes
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError("not a real .docx (not a zip archive)" if suffix == ".docx"
                         else "corrupt zip archive") from None
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if "word/document.xml" not in names:
            raise InputError("not a real .docx (no word/document.xml)" if suffix == ".docx"
                             else "binary file (looks like a zip archive but not a .docx), not text")
        if len(infos) > MAX_ZIP_ENTRIES:
            raise InputError(f"zip has {len(infos)} entries, over the {MAX_ZIP_ENTRIES} limit")
        declared = sum(info.file_size for info in infos)
        if declared > limit:
            raise InputError(f"unpacks to {_mb(declared)}, over the {_mb(limit)} limit "
                             f"({env_var('max_unpacked_bytes')})")
        if any(info.flag_bits & 0x1 for info in infos):
            raise InputError(".docx is encrypted (password protected)")
        _stream_check(archive, infos, limit)


def _stream_check(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limit: int) -> None:
    total = 0
    for info in infos:
        try:
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise InputError(f"unpacks to more than {_mb(limit)}, over the limit "
                                         f"({env_var('max_unpacked_bytes')})")
        except InputError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise InputError(f"corrupt .docx ({info.filename}: {_short(exc)})") from None


def read_pdf(data: bytes, settings: Settings) -> Parts:
    from pypdf import PdfReader  # heavy optional import: only a PDF pays for it

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypt(reader):
            raise InputError("PDF is encrypted (password protected)")
        pages = list(reader.pages)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError... on broken files
        raise InputError(f"corrupt PDF ({type(exc).__name__}: {_short(exc)})") from None
    paragraphs: list[str] = []
    size = 0
    for number, page in enumerate(pages, 1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:
            log.warning("PDF page %d unreadable: %s", number, exc)
            continue
        size += len(text.encode("utf-8", "replace"))
        if size > settings.max_text_bytes:
            raise InputError(f"PDF text is over the {_mb(settings.max_text_bytes)} limit "
                             f"({env_var('max_text_bytes')})")
        paragraphs.extend(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())
    if not paragraphs:
        raise InputError("PDF has no text layer (scanned?)")
    return None, paragraphs, None


def _decrypt(reader: Any) -> bool:   # a pypdf PdfReader (imported lazily)
    try:
        return bool(reader.decrypt(""))
    except Exception as exc:  # missing AES support, wrong password...
        log.info("PDF decrypt with empty password failed: %s", exc)
        return False


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 10_000_000 else f"{size / 1_000_000:.1f} MB"


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:120] or "no detail"
