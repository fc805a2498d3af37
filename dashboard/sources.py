"""Where a batch's articles come from: a folder, a ``.zip`` or a JSON-lines file, as :class:`Item` s.

An item is small and picklable: the raw bytes of one file (read here, in the client, so a cluster's
workers need no shared disk) or one JSON line's fields. Decoding, HTML extraction and the rest of
reading happen on the workers (:func:`dashboard.batch.process`). A source that cannot be opened, or a
JSON line that is not an article, becomes an item with ``error`` set: a line in the batch's report.
"""
from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSONL_FIELDS = ("text", "html", "url", "published", "name", "title", "language", "published_from")


@dataclass(frozen=True, slots=True)
class Item:
    """One article to read: a file's bytes (``data``) or a JSON line's ``text``/``html`` and metadata."""

    name: str
    data: bytes | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    language: str | None = None
    published_from: str | None = None
    error: str | None = None


def items(sources: list[Path], max_bytes: int) -> Iterator[Item]:
    """The items of every source, in order (a folder's files sorted by their path in it)."""
    for source in sources:
        try:
            if source.is_dir():
                yield from _folder(source, max_bytes)
            elif source.suffix.lower() == ".zip":
                yield from _zip(source, max_bytes)
            elif source.suffix.lower() in JSONL_SUFFIXES:
                yield from _jsonl(source)
            elif source.exists():
                yield _file(source, source.name, max_bytes)
            else:
                yield Item(str(source), error="no such file or folder")
        except (OSError, zipfile.BadZipFile) as exc:
            yield Item(str(source), error=f"cannot read ({getattr(exc, 'strerror', None) or exc})")


def count(sources: list[Path]) -> int:
    """How many items :func:`items` will give (for a progress bar); cheap: no file is read whole."""
    total = 0
    for source in sources:
        try:
            if source.is_dir():
                total += sum(1 for p in source.rglob("*") if p.is_file() and not p.name.startswith("."))
            elif source.suffix.lower() == ".zip":
                with zipfile.ZipFile(source) as archive:
                    total += sum(1 for i in archive.infolist()
                                 if not i.is_dir() and not Path(i.filename).name.startswith("."))
            elif source.suffix.lower() in JSONL_SUFFIXES:
                with source.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
        except (OSError, zipfile.BadZipFile):
            total += 1
    return total


def _folder(folder: Path, max_bytes: int) -> Iterator[Item]:
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        yield _file(path, path.relative_to(folder).as_posix(), max_bytes)


def _file(path: Path, name: str, max_bytes: int) -> Item:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return Item(name, error=f"cannot read ({exc.strerror or exc})")
    return _capped(name, data, max_bytes)


def _capped(name: str, data: bytes, max_bytes: int) -> Item:
    if len(data) > max_bytes:
        return Item(name, error=f"over the {max_bytes} byte input limit")
    return Item(name, data=data)


def _zip(path: Path, max_bytes: int) -> Iterator[Item]:
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or Path(info.filename).name.startswith("."):
                continue
            name = info.filename
            if info.file_size > max_bytes:
                yield Item(name, error=f"over the {max_bytes} byte input limit")
                continue
            try:
                yield _capped(name, archive.read(info), max_bytes)
            except (OSError, zipfile.BadZipFile, RuntimeError, ValueError) as exc:
                yield Item(name, error=f"cannot unpack ({exc})")


def _jsonl(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield json_item(line, f"{path.name}:{number}")


def json_item(line: str, where: str) -> Item:
    """One JSON line as an item; a line that is not an article's object is an item with ``error``."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return Item(where, error=f"not JSON ({exc.msg})")
    if not isinstance(row, dict):
        return Item(where, error="not a JSON object")
    fields = {k: row.get(k) for k in JSONL_FIELDS}
    bad = [k for k, v in fields.items() if v is not None and not isinstance(v, str)]
    if bad:
        return Item(where, error=f"not text: {', '.join(bad)}")
    if not (fields["text"] or fields["html"]):
        return Item(where, error="no text or html")
    name = fields.pop("name") or fields["url"] or where
    return Item(name, **fields)
