"""Event cues by lemma: a known verb or noun counts in any inflection and word order.

Each lexicon's ``lemmas`` section names an analyser and lists, per kind, the lemmas (or groups of
lemmas that must stand near each other, in any order) that are strong or weak cues, and the lemmas of
activity verbs whose object decides the kind ("visit", "take part"). One engine reads them all:

* ``morphology``: a dictionary analyser (pymorphy3 for Russian) gives each word's normal form;
* ``suffixes``: a word is a cue's lemma when it is that lemma followed by a chain of the lexicon's
  suffixes (an agglutinative language: "uchrash" + "di", "uchrash" + "uv" + "lar" + "da"), with the
  lexicon's irregular forms ("met" -> "meet") and its final letters that drop before a suffix
  ("arrive" -> "arriv" + "ing").

Only words whose first letters start some cue lemma are analysed, each word form once per process.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dashboard.errors import DataFileError

log = logging.getLogger(__name__)

PREFIX = 4            # a word is analysed only when its first letters start some cue lemma
_WORD = re.compile(r"\w+")
_CACHE_LIMIT = 100_000
Counts = tuple[dict[tuple[bool, str], int], bool, bool]


@dataclass(frozen=True, slots=True)
class LemmaCue:
    kind: str | None          # None: an activity verb whose object decides the kind; "": taking part in
    strong: bool
    lemmas: tuple[str, ...]   # all of them within ``window`` words of the first, in any order


@dataclass(slots=True)
class Lemmatiser:
    """A word form's lemma, by the language's analyser (cached per word form)."""

    analyse: Callable[[str], str]
    cache: dict[str, str] = field(default_factory=dict)

    def lemma(self, word: str) -> str:
        found = self.cache.get(word)
        if found is None:
            found = self.analyse(word)
            if len(self.cache) < _CACHE_LIMIT:
                self.cache[word] = found
        return found


@dataclass(frozen=True, slots=True)
class LemmaCues:
    lemmatiser: Lemmatiser
    cues: tuple[LemmaCue, ...]
    candidates: re.Pattern[str]     # where a word that may be a cue's lemma starts
    window: int
    object_before: bool = False     # the object of a verb of taking part stands before it
    object_window: int = 5          # ... at most this many words from it
    memo: dict[str, Counts] = field(default_factory=dict)   # a sentence is read several times
    by_first: dict[str, tuple[LemmaCue, ...]] = field(default_factory=dict)   # the cues by their first lemma
    used: set[str] = field(default_factory=set)     # every lemma some cue names

    def __post_init__(self) -> None:
        index: dict[str, list[LemmaCue]] = {}
        for cue in self.cues:
            index.setdefault(cue.lemmas[0], []).append(cue)
        self.by_first.update({k: tuple(v) for k, v in index.items()})
        self.used.update(w for cue in self.cues for w in cue.lemmas)

    def counts(self, key: str, others: Sequence[int] = ()) -> Counts:
        """How many times each (strong?, kind) cue matches a folded sentence, whether an activity verb
        (whose object decides the kind) does, and whether a verb of taking part has an object that some
        cue names (a lemma cue's word, or one of ``others``: where the patterns' cues start)."""
        found = self.memo.get(key)
        if found is None:
            found = self._counts(key, others)
            if len(self.memo) < _CACHE_LIMIT:
                self.memo[key] = found
        return found

    def _counts(self, key: str, others: Sequence[int]) -> Counts:
        where = self.lemmas_of(key)
        counts: dict[tuple[bool, str], int] = {}
        generic = False
        parts: list[int] = []       # where verbs of taking part stand
        objects: list[int] = []      # where the cues that may name what one takes part in stand
        if not where:
            return counts, generic, False
        for cue in (c for lemma in where for c in self.by_first.get(lemma, ())):
            n = _matches(cue.lemmas, where, self.window)
            if not n:
                continue
            if cue.kind is None:
                generic = True
            elif not cue.kind:
                parts += where[cue.lemmas[0]]
            else:
                counts[(cue.strong, cue.kind)] = counts.get((cue.strong, cue.kind), 0) + n
                objects += where[cue.lemmas[0]]
        if not parts:
            return counts, generic, False
        objects += [key.count(" ", 0, pos) for pos in others]
        step = -1 if self.object_before else 1      # Uzbek: "ochilishida qatnashdi", the object first
        taking_part = any(0 < (o - p) * step <= self.object_window for p in parts for o in objects)
        return counts, generic, taking_part

    def lemmas_of(self, key: str) -> dict[str, list[int]]:
        """Each cue lemma of the candidate words of ``key`` with the positions (word numbers) of its words
        (a word whose lemma no cue uses is left out; positions are counted on from the last word found)."""
        where: dict[str, list[int]] = {}
        used = self.used
        position = counted = 0
        m = self.candidates.search(key)
        while m is not None:
            word = _WORD.match(key, m.start())
            end = word.end() if word is not None else m.end()
            lemma = self.lemmatiser.lemma(key[m.start():end])
            if lemma in used:
                position += key.count(" ", counted, m.start())
                counted = m.start()
                where.setdefault(lemma, []).append(position)
            m = self.candidates.search(key, end)
        return where


def _matches(lemmas: tuple[str, ...], where: dict[str, list[int]], window: int) -> int:
    first = where.get(lemmas[0])
    if not first:
        return 0
    if len(lemmas) == 1:
        return len(first)
    return sum(1 for i in first
               if all(any(abs(j - i) <= window for j in where.get(other, ())) for other in lemmas[1:]))


def build(section: dict[str, Any] | None) -> LemmaCues | None:
    """A lexicon's ``lemmas`` section compiled (None when it has none)."""
    if not section:
        return None
    analyser = section.get("analyser", {})
    engine = ENGINES.get(analyser.get("engine", ""))
    if engine is None:
        raise DataFileError(f"unknown lemma analyser {analyser.get('engine')!r}")
    cues: list[LemmaCue] = []
    for kind, v in section.get("kinds", {}).items():
        if kind.startswith("_"):
            continue
        for strength in ("strong", "weak"):
            cues += [LemmaCue(kind, strength == "strong", tuple(c.split())) for c in v.get(strength, [])]
    cues += [LemmaCue(None, False, tuple(c.split())) for c in section.get("generic", [])]
    cues += [LemmaCue("", False, tuple(c.split())) for c in section.get("participation", [])]
    lemmatiser = Lemmatiser(engine(analyser, {w for c in cues for w in c.lemmas}))
    heads = {_head(w) for c in cues for w in c.lemmas} | {
        _head(f) for f in analyser.get("irregular", {}) if not f.startswith("_")}
    candidates = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, heads))) + ")") if heads \
        else re.compile(r"(?!)")
    return LemmaCues(lemmatiser, tuple(cues), candidates, int(section.get("window", 3)),
                     section.get("object", "after") == "before", int(section.get("object_window", 5)))


def _head(lemma: str) -> str:
    """The letters every form of a word starts with, short of the last two (a fleeting vowel, an ending:
    "венок" -> "венка", "игра" -> "игры")."""
    return lemma[:min(PREFIX, max(2, len(lemma) - 2))]


def _morphology(settings: dict[str, Any], lemmas: set[str]) -> Callable[[str], str]:
    """Every form of each cue lemma, as a dictionary analyser (pymorphy3 and its dictionary package)
    generates its paradigm, less the forms whose tags are no predicates (an attributive participle:
    "the president, who arrived, held talks"; an infinitive: a purpose or a plan). Worked out once, when
    the cues are compiled; reading a word is then a look-up (a word of no cue's paradigm: "")."""
    try:
        import pymorphy3
    except ImportError as exc:
        raise DataFileError(f"the lemma analyser needs pymorphy3: {exc}") from exc
    analyser = pymorphy3.MorphAnalyzer(lang=settings.get("language", "ru"))
    skip = frozenset(settings.get("not_predicates", []))
    forms: dict[str, str] = {}
    for lemma in sorted(lemmas):
        for parse in analyser.parse(lemma):
            if _plain(parse.normal_form) != lemma:
                continue
            for form in parse.lexeme:
                if not any(tag in form.tag for tag in skip):
                    forms.setdefault(_plain(form.word), lemma)
    forms.update(_irregular(settings))

    def analyse(word: str) -> str:
        return forms.get(word, "")
    return analyse


def _plain(word: str) -> str:
    return str(word).replace("ё", "е")


def _irregular(settings: dict[str, Any]) -> dict[str, str]:
    return {k: v for k, v in settings.get("irregular", {}).items() if not k.startswith("_")}


def _suffixes(settings: dict[str, Any], lemmas: set[str]) -> Callable[[str], str]:
    """A word is a cue lemma when it is that lemma (or the lemma less a final letter that drops, or with
    its last letter doubled) and a chain of at most ``max_suffixes`` of the suffixes."""
    suffixes = frozenset(settings.get("suffixes", []))
    drops = tuple(settings.get("drop_final", []))
    double = bool(settings.get("double_final", False))
    most = int(settings.get("max_suffixes", 4))
    irregular = _irregular(settings)
    longest = max(map(len, suffixes), default=0)
    stems: dict[str, str] = {}          # a stem a lemma may take before a suffix -> the lemma
    for lemma in sorted(lemmas, key=len):
        stems.setdefault(lemma, lemma)
        stems.update({lemma[:-len(d)]: lemma for d in drops if lemma.endswith(d) and len(lemma) > len(d) + 2})
        if double:
            stems.setdefault(lemma + lemma[-1], lemma)

    @lru_cache(maxsize=4096)
    def chain(rest: str, left: int) -> bool:
        if not rest:
            return True
        if left == 0:
            return False
        ends = range(1, min(longest, len(rest)) + 1)
        return any(rest[:n] in suffixes and chain(rest[n:], left - 1) for n in ends)

    def analyse(word: str) -> str:
        if word in irregular:
            return irregular[word]
        for n in range(len(word), 0, -1):        # the longest stem first
            lemma = stems.get(word[:n])
            if lemma is not None and chain(word[n:], most):
                return lemma
        return word
    return analyse


ENGINES: dict[str, Callable[[dict[str, Any], set[str]], Callable[[str], str]]] = {
    "morphology": _morphology,
    "suffixes": _suffixes,
}
