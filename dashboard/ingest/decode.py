"""Bytes -> text: BOMs, strict UTF-8, then charset-normalizer checked against a plausibility score.

Short Cyrillic texts are where detectors guess wrong (cp1251 read as KOI8-R gives case-flipped
Cyrillic, read as Latin-1 gives accented-Latin soup). So every candidate decoding is scored and the
most text-like one wins; charset-normalizer's own guess only breaks ties.
"""
from __future__ import annotations

import logging
import unicodedata

from charset_normalizer import from_bytes

from dashboard.errors import InputError
from dashboard.ingest.sniff import utf16_order

log = logging.getLogger(__name__)

_BOM_CODECS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Legacy single-byte codecs our sources use; always tried beside charset-normalizer's guesses.
_FALLBACKS = ("cp1251", "koi8_r", "cp1252", "latin_1")
_WIDE = ("utf_16", "utf_32")
MIN_PRINTABLE = 0.95
# The project's sources are Uzbek, Russian and English: letters of other scripts in a legacy-codec
# decoding are far more likely a wrong guess than real text.
EXPECTED_SCRIPTS = ("LATIN", "CYRILLIC")
_BAD = frozenset({"Cc", "Cs", "Co", "Cn"})  # controls, surrogates, private use, unassigned
_category = unicodedata.category


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, codec)``. ``declared`` (an HTML meta charset) is tried after BOMs and UTF-8."""
    for bom, codec in _BOM_CODECS:
        if data.startswith(bom):
            return _strict(data, codec), codec
    codec16 = utf16_order(data)
    if codec16:
        return _strict(data, codec16), codec16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {}
    for codec in _candidate_codecs(data, declared):
        try:
            candidates.setdefault(codec, data.decode(codec))
        except (UnicodeDecodeError, LookupError):
            continue
    if not candidates:
        raise InputError("cannot tell the text's encoding (not UTF-8 or a known legacy encoding)")
    order = list(candidates)
    best = max(order, key=lambda c: (round(plausibility(candidates[c]), 3), -order.index(c)))
    log.info("decoded as %s (candidates: %s)", best, ", ".join(order))
    return candidates[best], best


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise InputError(f"text claims {codec} by its byte-order mark but is not valid {codec}") from None


def _candidate_codecs(data: bytes, declared: str | None) -> list[str]:
    codecs: list[str] = []
    if declared:
        codecs.append(declared)
    try:
        matches = from_bytes(data[:200_000])
        # BOM-less UTF-16/32 is handled before; as a guess for short single-byte text it is always wrong
        codecs.extend(m.encoding for m in list(matches)[:4] if not m.encoding.startswith(_WIDE))
    except Exception as exc:  # a detector crash must not stop the fixed candidates
        log.warning("charset-normalizer failed: %s", exc)
    codecs.extend(_FALLBACKS)
    return codecs


def plausibility(text: str) -> float:
    """Higher is more like real prose: printable, words in one script (Latin or Cyrillic), case changes
    only at word starts, Latin letters mostly unaccented."""
    sample = text[:20_000]
    if not sample:
        return 0.0
    score = printable_ratio(sample)
    letters = upper = case_flips = mixed = latin = accented = foreign = 0
    for word in sample.split():
        scripts: set[str] = set()
        prev_lower = False
        for ch in word:
            if not ch.isalpha():
                prev_lower = False
                continue
            letters += 1
            name = unicodedata.name(ch, "")
            scripts.add(name.split(" ", 1)[0])
            if name.startswith("LATIN"):
                latin += 1
                accented += ch > "\x7f"
            elif not name.startswith(EXPECTED_SCRIPTS):
                foreign += 1
            if ch.isupper():
                upper += 1
                case_flips += prev_lower
            prev_lower = ch.islower()
        mixed += len(scripts) > 1
    if not letters:
        return score - 0.5
    words = max(1, len(sample.split()))
    score -= 0.5 * max(0.0, upper / letters - 0.3)   # mostly capitals: case-swapped codec
    score -= 2.0 * case_flips / words                  # "пРЕЗИДЕНТ"
    score -= 1.0 * mixed / words                       # "cafй": Latin and Cyrillic in one word
    score -= 1.0 * foreign / letters                   # Thai or Hangul out of Cyrillic bytes
    if latin:
        score -= 0.5 * max(0.0, accented / latin - 0.25)  # "Ïðåçèäåíò"
    return score


def printable_ratio(text: str) -> float:
    if not text:
        return 1.0
    sample = text[:50_000]
    bad = sum(1 for ch in sample if ch not in "\n\r\t" and (ch == "\ufffd" or _category(ch) in _BAD))
    return 1 - bad / len(sample)


def check_printable(text: str) -> None:
    ratio = printable_ratio(text)
    if ratio < MIN_PRINTABLE:
        raise InputError(f"binary file ({100 * (1 - ratio):.0f}% unprintable characters), not text")
