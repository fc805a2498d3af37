"""Publication dates: ISO strings from metadata, a dateline near the top of the text, a date in the
file name, the text's own full dates; and :func:`publication`, which says where the date came from.

A dateline needs a year: "14.10.2026, 18:20" -> 2026-10-14; "Samarqand, 15 sentyabr" -> None.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache

from dashboard.errors import DataFileError
from dashboard.settings import DEFAULT

_APOSTROPHES = dict.fromkeys(map(ord, "'ʻʼ’‘`ьЬ"))
_WORD = r"[^\W\d_][^\W\d_'ʻʼ’‘`]*"
_PATTERNS = (
    # 2026-10-14
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),
    # 14.10.2026
    (re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"), ("d", "m", "y")),
    # 15 sentyabr 2022 / 15-sentyabr, 2022-yil / 15 октября 2022 г.
    (re.compile(rf"(?<!\d)(\d{{1,2}})[\s\-]+({_WORD})[\s,]+(\d{{4}})(?!\d)"), ("d", "mn", "y")),
    # 2022 yil 15 sentyabr / 2022-йил 15-сентябр
    (re.compile(rf"(?<!\d)(\d{{4}})[\s\-]*(?:{_WORD}\.?)?[\s,]+(\d{{1,2}})[\s\-]+({_WORD})"),
     ("y", "d", "mn")),
    # October 15, 2022
    (re.compile(rf"({_WORD})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)"), ("mn", "d", "y")),
)
_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
FROM_METADATA, FROM_DATELINE, FROM_GIVEN = "page metadata", "dateline", "given"
FROM_FILE_NAME, FROM_TEXT, FROM_NOWHERE = "file name", "text (its latest full date)", "not found"
DATELINE_CHARS = 600   # a dateline sits near the top
DATELINE_LINE = 120    # in a short line, or at the start of a paragraph
DATELINE_LEAD = 40


@lru_cache(maxsize=1)
def month_stems() -> dict[str, int]:
    """Month-name stem -> month, from ``data/ingest/datelines.json`` (one table for every language)."""
    path = DEFAULT.data_dir / "ingest" / "datelines.json"
    try:
        table = json.loads(path.read_text(encoding="utf-8"))["month_stems"]
        return {stem: int(month) for month, stems in table.items() for stem in stems}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"cannot read data file {path}: {exc}") from exc


def month_number(word: str) -> int | None:
    stems = month_stems()
    key = word.lower().translate(_APOSTROPHES).rstrip(".")
    best = max((stem for stem in stems if key.startswith(stem)), key=len, default=None)
    if best is None or len(key) > len(best) + 7:
        return None
    return stems[best]


def iso_date(value: object) -> str | None:
    """'2026-10-14T18:20:00+05:00' or a date/datetime -> '2026-10-14'; anything else -> None."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    return _make(*map(int, match.groups())) if match else None


def find_dateline(text: str) -> str | None:
    """The first full date (with a year) in a short line or paragraph opening near the top of ``text``."""
    for line in text[:DATELINE_CHARS].split("\n"):
        window = line if len(line) <= DATELINE_LINE else line[:DATELINE_LEAD]
        found = _date_in(window)
        if found:
            return found
    return None


def _date_in(text: str) -> str | None:
    for pattern, fields in _PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(fields, match.groups(), strict=True))
            month = month_number(parts["mn"]) if "mn" in parts else int(parts["m"])
            if month is None:
                continue
            found = _make(int(parts["y"]), month, int(parts["d"]))
            if found:
                return found
    return None


def _make(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def file_name_date(name: str) -> str | None:
    """A YYYY-MM-DD in a file name ("khiva_visit_2024-04-05.txt" -> 2024-04-05), else None."""
    for match in _FILE_DATE.finditer(name):
        found = _make(*map(int, match.groups()))
        if found:
            return found
    return None


def latest_full_date(text: str) -> str | None:
    """The latest full date (day, month and year) the text states anywhere, else None: an article is
    published on or after the days it tells of."""
    found = [d for pattern, fields in _PATTERNS for match in pattern.finditer(text)
             if (d := _from_parts(dict(zip(fields, match.groups(), strict=True)))) is not None]
    return max(found, default=None)


def _from_parts(parts: dict[str, str]) -> str | None:
    month = month_number(parts["mn"]) if "mn" in parts else int(parts["m"])
    return _make(int(parts["y"]), month, int(parts["d"])) if month is not None else None


def publication(name: str, text: str, published: str | None = None, found_in: str | None = None,
                given: str | None = None) -> tuple[str | None, str]:
    """A document's publication date and where it comes from, first found wins: the page's metadata or
    its dateline (``published``/``found_in``, from the reader), then ``given`` (e.g. the CLI's
    --published), then a YYYY-MM-DD in the file name, then the latest full date in the text. Never
    today: (None, FROM_NOWHERE) when there is none, and the caller asks for one."""
    if published:
        return published, found_in or FROM_METADATA
    if given:
        return given, FROM_GIVEN
    if found := file_name_date(name):
        return found, FROM_FILE_NAME
    if found := latest_full_date(text):
        return found, FROM_TEXT
    return None, FROM_NOWHERE
