"""The region's heads of state and government, read from ``data/people``.

``leaders.csv`` holds one leader a row: canonical English name, country, years in office, the year of
death, whether a bare surname may stand for them, cue words, and the spellings of given name and
surname per language and script (``|`` between variants). ``languages.json`` holds what each language
does to a name. A spelling is normalised as article text is (Uzbek Cyrillic converted to Latin by
``data/lexicons/scripts.json``, then folded), so data and text meet in one form.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from dashboard.errors import DataFileError
from dashboard.settings import DEFAULT
from dashboard.text.language import load_scripts
from dashboard.text.normalize import clean, convert_chars, fold

SPELLING_PREFIXES = ("given_", "surname_")
OPEN = 9999


@dataclass(frozen=True, slots=True)
class Leader:
    id: str
    name: str                 # canonical English name
    country: str              # ISO 3166-1 alpha-2
    terms: tuple[tuple[int, int, bool], ...]   # (first year, last year, head of state?)
    died: int | None
    alone: str                # a bare surname counts: "yes", "title" (after a title only), "no"
    cues: tuple[str, ...]     # folded words that single this leader out among namesakes

    def in_office(self, year: int) -> bool:
        return any(a <= year <= b for a, b, _ in self.terms)

    def alive(self, day: dt.date | None) -> bool:
        return self.died is None if day is None else self.died is None or day.year <= self.died

    def recency(self) -> tuple[bool, int, bool]:
        """The default namesake of a bare surname: living, in office last, head of state."""
        last = max(self.terms, key=lambda t: (t[1], t[2]), default=(0, 0, False))
        return self.died is None, last[1], last[2]


@dataclass(frozen=True, slots=True)
class Grammar:
    language: str = ""
    suffixes: tuple[str, ...] = ()
    stem_drop: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    memorial_before: tuple[str, ...] = ()
    memorial_after: tuple[str, ...] = ()
    host_before: tuple[str, ...] = ()
    host_after: tuple[str, ...] = ()
    not_given_endings: tuple[str, ...] = ()
    not_in_names: tuple[str, ...] = ()     # words no personal name holds: states, bodies, regions, months
    honorific_endings: tuple[str, ...] = ()   # "-xon" of a woman's given name ("Ziroatxon")
    feminine_endings: tuple[str, ...] = ()    # a woman's surname ("Mirziyoyeva"): the honorific is hers
    credit_words: tuple[str, ...] = ()        # "Photo", "Фото": a name after one signs the picture
    barriers: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Pattern:
    leaders: tuple[int, ...]  # indexes into People.leaders; several for a shared bare surname
    full: bool
    stems: tuple[str, ...]
    given: tuple[frozenset[str], ...] = ()   # per leader: stems of given names (for initials)


@dataclass(frozen=True, slots=True, eq=False)
class People:
    leaders: tuple[Leader, ...]
    patterns: dict[str, tuple[Pattern, ...]]   # first stem -> patterns starting with it
    grammars: dict[str, Grammar]
    forms: dict[str, dict[str, tuple[str, ...]]]   # language -> a word as written -> the name stems it may be
    not_in_names: tuple[str, ...] = ()   # every language's words no personal name holds (pages mix them)

    def by_name(self, name: str) -> Leader | None:
        return next((p for p in self.leaders if p.name == name), None)


def _years(value: str, head_of_state: bool) -> list[tuple[int, int, bool]]:
    out = []
    for span in filter(None, (s.strip() for s in value.split(";"))):
        a, _, b = span.partition("-")
        out.append((int(a), int(b) if b else (OPEN if "-" in span else int(a)), head_of_state))
    return out


def _variants(value: str, table: dict | None) -> set[str]:
    out = set()
    for v in filter(None, (s.strip() for s in value.split("|"))):
        out.add(fold(v))
        if table:
            out.add(fold(convert_chars(clean(v), table).text))
    return out


def _leader(row: dict[str, str]) -> Leader:
    terms = _years(row["head_of_state"], True) + _years(row["head_of_government"], False)
    return Leader(row["id"], row["name"], row["country"], tuple(terms),
                  int(row["died"]) if row["died"] else None, row["alone"] or "yes",
                  tuple(fold(c) for c in row["cues"].split("|") if c.strip()))


def _names(row: dict[str, str], scripts: dict) -> tuple[set[str], set[str]]:
    """Folded given names and surnames over every script column (``given_uz_cyrl`` is converted too)."""
    given: set[str] = set()
    surnames: set[str] = set()
    for column, value in row.items():
        for prefix, bucket in zip(SPELLING_PREFIXES, (given, surnames), strict=True):
            if column.startswith(prefix):
                lang, _, script = column[len(prefix):].partition("_")
                bucket |= _variants(value, scripts.get(lang, {}).get(script.title()))
    return given, surnames


@lru_cache(maxsize=4)
def load_people(data_dir: Path = DEFAULT.data_dir) -> People:
    """Leaders and per-language name grammar from ``data_dir/people`` (cached)."""
    folder = Path(data_dir) / "people"
    try:
        with (folder / "leaders.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        raw = json.loads((folder / "languages.json").read_text(encoding="utf-8"))
        scripts = load_scripts(Path(data_dir) / "lexicons")
        leaders = tuple(_leader(r) for r in rows)
        names = [_names(r, scripts) for r in rows]
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"cannot read the leaders in {folder}: {exc}") from exc
    grammars = {lang: _grammar(g, lang) for lang, g in raw.items() if not lang.startswith("_")}
    patterns = _patterns(names)
    stems = {stem for ps in patterns.values() for p in ps for stem in p.stems}
    forms = {lang: _forms(stems, g) for lang, g in [*grammars.items(), ("", Grammar())]}
    words = tuple(sorted({w for g in grammars.values() for w in g.not_in_names}))
    return People(leaders, patterns, grammars, forms, words)


def _forms(stems: set[str], g: Grammar) -> dict[str, tuple[str, ...]]:
    """Every inflected form of every name stem (Путин -> Путина, Путину...; Дмитрий -> Дмитрия)."""
    out: dict[str, set[str]] = {}
    for stem in stems:
        out.setdefault(stem, set()).add(stem)
        bases = [stem] + [stem[:-1] for d in g.stem_drop if stem.endswith(d) and len(stem) > 2]
        for base, suf in product(bases, g.suffixes):
            out.setdefault(base + suf, set()).add(stem)
    return {form: tuple(sorted(v)) for form, v in out.items()}


def _grammar(g: dict, language: str) -> Grammar:
    words = {k: tuple(fold(w) for w in g.get(k, [])) for k in
             ("suffixes", "stem_drop", "titles", "memorial_before", "memorial_after",
              "host_before", "host_after", "not_given_endings", "not_in_names", "honorific_endings",
              "feminine_endings", "credit_words")}
    return Grammar(language, **words, barriers=frozenset(fold(w) for w in g.get("barriers", [])))


def _patterns(names: list[tuple[set[str], set[str]]]) -> dict[str, tuple[Pattern, ...]]:
    bare: dict[tuple[str, ...], list[int]] = {}
    out: list[Pattern] = []
    for i, (given, surnames) in enumerate(names):
        for s in surnames:
            bare.setdefault(tuple(s.split()), []).append(i)
            for g in given:
                out.append(Pattern((i,), True, tuple(g.split()) + tuple(s.split())))
                out.append(Pattern((i,), True, tuple(s.split()) + tuple(g.split())))
    for stems, ids in bare.items():
        initials = tuple(frozenset(g.split()[0] for g in names[i][0]) for i in ids)
        out.append(Pattern(tuple(ids), False, stems, initials))
    index: dict[str, list[Pattern]] = {}
    for p in out:
        index.setdefault(p.stems[0], []).append(p)
    return {k: tuple(sorted(v, key=lambda p: (-len(p.stems), not p.full))) for k, v in index.items()}
