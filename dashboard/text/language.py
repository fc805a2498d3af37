"""Which language and script an article is in, and the text normalised for it.

Everything language-specific comes from ``data/lexicons``: each ``<lang>.json``
names its native script and its marker words; ``scripts.json`` holds the
conversions (Uzbek Cyrillic, the 2026 Latin alphabet) to the lexicon's form.
The engine scores every (language, conversion) candidate by marker words.
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dashboard.errors import DataFileError
from dashboard.text.normalize import NormText, clean_and_reflow, convert_chars, fold, pack_chars

log = logging.getLogger(__name__)
_WORD = re.compile(r"\w+")
_CYRILLIC_LEADS = bytes(range(0xD0, 0xD4))
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
MIN_DETECT_SHARE = 0.002
MIN_DETECT_LETTERS = 1    # one letter Russian never writes (ҳ, қ, ғ, ў) makes Uzbek Cyrillic worth trying
MARKER_CHAR_BONUS = 0.05   # a letter only this language writes (Uzbek oʻ/gʻ) outweighs a few function words


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article's normalised text with the language it was read as."""

    norm: NormText
    language: str            # lexicon code: "uz", "ru", "en"
    tag: str                 # e.g. "uz-Latn", "uz-Cyrl", "uz-Latn-2026", "ru-Cyrl"


@lru_cache(maxsize=8)
def load_lexicons(lexicon_dir: Path) -> dict[str, dict[str, Any]]:
    """Every ``<lang>.json`` lexicon, keyed by its language code."""
    lexicons: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(lexicon_dir).glob("*.json")):
        data = _read_json(path)
        if "language" in data:
            lexicons[data["language"]] = data
    if not lexicons:
        raise DataFileError(f"no lexicons found in {lexicon_dir}")
    return lexicons


@lru_cache(maxsize=8)
def load_scripts(lexicon_dir: Path) -> dict[str, dict[str, Any]]:
    path = Path(lexicon_dir) / "scripts.json"
    return {k: v for k, v in _read_json(path).items() if not k.startswith("_")} if path.exists() else {}


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read data file {path}: {exc}") from exc


def script_of(text: str) -> str:
    """"Cyrl" when the text has more Cyrillic (U+0400–U+04FF) than ASCII letters, else "Latn"."""
    # counted on the UTF-8 bytes, in C: U+0400–U+04FF are exactly the characters whose first byte is
    # D0–D3, and a byte below 80 is always an ASCII character
    raw = text.encode("utf-8", "surrogatepass")
    cyr = len(raw) - len(raw.translate(None, _CYRILLIC_LEADS))
    lat = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    return "Cyrl" if cyr > lat else "Latn"


def _candidates(text: str, lexicons: dict, scripts: dict) -> Iterator[tuple[str, str, dict[str, Any] | None]]:
    """(language, script tag, conversion table or None) worth trying on ``text``."""
    base = script_of(text)
    letters = 0      # counted only when a conversion's letters are there at all
    lower = text.lower()
    for lang, lex in lexicons.items():
        native = lex.get("script", "Latn")
        if native == base:
            yield lang, f"{lang}-{native}", None
        for name, table in scripts.get(lang, {}).items():
            if name[:4] != base:
                continue
            hits = sum(lower.count(c) for c in table.get("detect_letters", ""))
            if hits >= MIN_DETECT_LETTERS and not letters:
                letters = max(1, sum(map(str.isalpha, text)))
            if hits >= MIN_DETECT_LETTERS and hits / letters >= MIN_DETECT_SHARE:
                yield lang, f"{lang}-{_tag(name)}", table


def _tag(name: str) -> str:
    return "Latn-2026" if name == "Latn2026" else name


def _words(norm_text: str) -> list[str]:
    """The words languages are scored on (the first 4000 characters)."""
    return _WORD.findall(fold(norm_text[:4000]))


def _score(words: list[str], markers: frozenset[str]) -> float:
    if not words:
        return 0.0
    return sum(map(markers.__contains__, words)) / len(words)


def prepare(original: str, lexicon_dir: Path) -> Prepared:
    """Detect the language and script of ``original`` and normalise it for that lexicon."""
    lexicon_dir = lexicon_dir if isinstance(lexicon_dir, Path) else Path(lexicon_dir)   # made once
    lexicons = load_lexicons(lexicon_dir)
    scripts = load_scripts(lexicon_dir)
    chars = clean_and_reflow(original)   # the same (cached) result ingest computed the article's id from
    cleaned = chars.text
    best: tuple[float, str, str, Any] | None = None
    words = {cleaned: _words(cleaned)}     # languages of the same script score the same words
    for lang, tag, table in _candidates(cleaned, lexicons, scripts):
        converted = convert_chars(chars, table) if table else chars
        text = converted.text
        if text not in words:
            words[text] = _words(text)
        score = _score(words[text], _markers(lexicon_dir, lang)) + (0.01 if table else 0.0)
        if any(c in text for c in lexicons[lang].get("marker_chars", "")):
            score += MARKER_CHAR_BONUS
        if best is None or score > best[0]:
            best = (score, lang, tag, converted)
    if best is None:
        lang = next(iter(lexicons))
        return Prepared(pack_chars(original, chars, script_of(cleaned)), lang, f"{lang}-{script_of(cleaned)}")
    _, lang, tag, converted = best
    log.debug("read as %s", tag)
    return Prepared(pack_chars(original, converted, tag.split("-", 1)[1]), lang, tag)


@lru_cache(maxsize=32)
def _markers(lexicon_dir: Path, lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in load_lexicons(lexicon_dir)[lang].get("markers", []))
