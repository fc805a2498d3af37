"""Publication dates: ISO strings from metadata, and a dateline near the top of the text.

A dateline needs a year: "14.10.2026, 18:20" -> 2026-10-14; "Samarqand, 15 sentyabr" -> None.
"""
from __future__ import annotations

import datetime as dt
import re

# Month-name stems (lower-case, apostrophes and soft signs removed) -> month. Uzbek Latin, Uzbek
# Cyrillic, Russian and English share one table; a token names a month when it starts with a stem.
MONTH_STEMS: dict[str, int] = {
    "yanv": 1, "январ": 1, "jan": 1,
    "fevr": 2, "феврал": 2, "февр": 2, "feb": 2,
    "mart": 3, "март": 3, "mar": 3,
    "aprel": 4, "апрел": 4, "apr": 4,
    "may": 5, "май": 5, "мая": 5, "mai": 5,
    "iyun": 6, "июн": 6, "jun": 6,
    "iyul": 7, "июл": 7, "jul": 7,
    "avg": 8, "авг": 8, "aug": 8,
    "sent": 9, "сент": 9, "sep": 9,
    "okt": 10, "окт": 10, "oct": 10,
    "noy": 11, "нояб": 11, "nov": 11,
    "dek": 12, "дек": 12, "dec": 12,
}
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
DATELINE_CHARS = 600   # a dateline sits near the top
DATELINE_LINE = 120    # in a short line, or at the start of a paragraph
DATELINE_LEAD = 40


def month_number(word: str) -> int | None:
    key = word.lower().translate(_APOSTROPHES).rstrip(".")
    best = max((stem for stem in MONTH_STEMS if key.startswith(stem)), key=len, default=None)
    if best is None or len(key) > len(best) + 7:
        return None
    return MONTH_STEMS[best]


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
