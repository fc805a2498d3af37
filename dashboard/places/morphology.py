"""Suffix stripping, head words and title words: one engine over data/places/morphology.json."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.errors import DataFileError
from dashboard.places.adjectival import Adjectival
from dashboard.places.lexical import Dictionary
from dashboard.places.tokens import fold_word
from dashboard.text import fold

MORPHOLOGY_FILE = "morphology.json"
ORIGIN_WINDOW = 20      # characters before a name where "from" / "из" is looked for


def _any(patterns: list[str]) -> re.Pattern[str] | None:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    except re.error as exc:
        raise DataFileError(f"{MORPHOLOGY_FILE}: bad pattern: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Phrases:
    """A table of phrases (fold keys) with the first words of the multi-word ones, for quick rejection."""

    table: dict[str, str]
    firsts: frozenset[str]
    longest: int
    single: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)   # lookup() memo

    @classmethod
    def of(cls, table: dict[str, str]) -> Phrases:
        return cls(table, frozenset(k.split(" ", 1)[0] for k in table if " " in k),
                   max((k.count(" ") + 1 for k in table), default=1))


@dataclass(slots=True)
class Morphology:
    """Every language's endings and word lists, merged (the text's language need not be known)."""

    rules: list[tuple[str, str]]
    post_heads: Phrases
    pre_heads: Phrases
    post_titles: Phrases
    pre_titles: frozenset[str]
    generic_airport: Phrases
    not_places: frozenset[str]
    blockers: Phrases
    person_endings: tuple[str, ...]
    origin_before: re.Pattern[str] | None = None   # "from", "из" just before a name: where someone came from
    origin_surface: re.Pattern[str] | None = None  # a name in the ablative ("Bokudan")
    capital: Phrases = field(default_factory=lambda: Phrases.of({}))   # "poytaxt", "столица", "capital"
    sets_out: re.Pattern[str] | None = None     # "left on a visit to": one sets out from home
    governing: frozenset[str] = frozenset()     # prepositions that make the next name a place: "в", "in"
    dictionaries: tuple[Dictionary, ...] = ()   # analysers that tell a common word from a place's name
    case_endings: tuple[str, ...] = ()          # endings that mark a name's case: "-da", "-ga", "-е"
    back_reference: re.Pattern[str] | None = None   # "mazkur qabristonda", "at this memorial"
    visit_ended: re.Pattern[str] | None = None      # after a name: "[Rossiyaga] tashrifini yakunlab"
    adjectival: Adjectival = field(default_factory=Adjectival)   # "Ургутском [районе]" -> "ургут"
    min_stem: int = 3
    max_depth: int = 3
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _by_last: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for end, repl in self.rules:
            if end:
                self._by_last.setdefault(end[-1], []).append((end, repl))

    @classmethod
    def load(cls, places_dir: Path) -> Morphology:
        path = places_dir / MORPHOLOGY_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            langs = data["languages"].values()
        except (OSError, ValueError, KeyError, AttributeError) as exc:
            raise DataFileError(f"cannot read {path}: {exc}") from exc
        rules: set[tuple[str, str]] = set()
        post: dict[str, str] = {}
        pre: dict[str, str] = {}
        titles_post: set[str] = set()
        titles_pre: set[str] = set()
        generic: set[str] = set()
        stop: set[str] = set()
        blockers: dict[str, str] = {}
        before: list[str] = []
        capital: set[str] = set()
        sets_out: list[str] = []
        governing: set[str] = set()
        dictionaries: list[Dictionary] = []
        cases: set[str] = set()
        surface: list[str] = []
        back: list[str] = []
        ended: list[str] = []
        for lang in langs:
            back += [lang["back_reference"]] if lang.get("back_reference") else []
            before += [lang["origin"]["before"]] if lang.get("origin", {}).get("before") else []
            surface += [lang["origin"]["surface"]] if lang.get("origin", {}).get("surface") else []
            for rule in lang.get("suffixes", []):
                end, _, repl = rule.partition(">")
                rules.add((fold(end), fold(repl)))
            post.update({fold(k): v for k, v in lang.get("heads", {}).get("post", {}).items()})
            pre.update({fold(k): v for k, v in lang.get("heads", {}).get("pre", {}).items()})
            titles_post.update(fold(t) for t in lang.get("titles", {}).get("post", []))
            titles_pre.update(fold(t) for t in lang.get("titles", {}).get("pre", []))
            generic.update(fold(t) for t in lang.get("generic_airport", []))
            stop.update(fold(t) for t in lang.get("not_places", []))
            blockers.update((fold(t), "skip") for t in lang.get("not_place_phrases", []))
            capital.update(fold(t) for t in lang.get("capital", []))
            governing.update(fold(t) for t in lang.get("prepositions", []))
            dictionaries += [Dictionary(lang["dictionary"])] if lang.get("dictionary") else []
            cases.update(fold(e) for e in lang.get("case_endings", []))
            sets_out += [lang["origin"]["sets_out"]] if lang.get("origin", {}).get("sets_out") else []
            ended += [lang["origin"]["visit_ended"]] if lang.get("origin", {}).get("visit_ended") else []
        ordered = sorted(rules, key=lambda r: (-len(r[0]), r))
        endings = tuple(fold(e) for e in data.get("person_endings", []))
        titles = Phrases.of(dict.fromkeys(titles_post, "title"))
        return cls(ordered, Phrases.of(post), Phrases.of(pre), titles,
                   frozenset(titles_pre), Phrases.of(dict.fromkeys(generic, "airport")),
                   frozenset(stop), Phrases.of(blockers), endings, _any(before), _any(surface),
                   Phrases.of(dict.fromkeys(capital, "capital")), _any(sets_out), frozenset(governing),
                   tuple(dictionaries), tuple(sorted(cases)), _any(back), _any(ended),
                   Adjectival.of([lang["adjectival"] for lang in langs if lang.get("adjectival")]),
                   int(data.get("min_stem", 3)), int(data.get("max_depth", 3)))

    def stems(self, word: str, short: bool = False) -> tuple[str, ...]:
        """``word`` (a fold key) and every stem the endings give, longest (least stripped) first.

        ``short`` allows two-letter stems (the last word of a longer name: "Oq uyda").
        """
        ckey = "\x00" + word if short else word
        hit = self._cache.get(ckey)
        if hit is not None:
            return hit
        floor = 2 if short else self.min_stem
        seen = {word}
        frontier = [word]
        for _ in range(self.max_depth):
            nxt = []
            for cur in frontier:
                for end, repl in self._by_last.get(cur[-1:], ()):
                    if cur.endswith(end) and len(cur) - len(end) >= floor:
                        stem = cur[: len(cur) - len(end)] + repl
                        if stem not in seen:
                            seen.add(stem)
                            nxt.append(stem)
            frontier = nxt
        out = (word, *sorted(seen - {word}, key=lambda s: (-len(s), s)))
        if len(self._cache) < 50_000:
            self._cache[ckey] = out
        return out

    def lookup(self, word: str, phrases: Phrases) -> str | None:
        """The value of the first of ``word``'s stems that is a one-word phrase of ``phrases`` (memoised)."""
        memo = phrases.single
        if word in memo:
            return memo[word]
        value = next((phrases.table[s] for s in self.stems(word) if s in phrases.table), None)
        if len(memo) < 50_000:
            memo[word] = value
        return value

    def is_origin(self, text: str, start: int, surface: str, name: str) -> bool:
        """A place written as where someone comes from ("the delegation from Baku", "из Баку", "Bokudan"):
        not where the event is (a departure's own place is read apart). ``name``: the place's own name,
        whose ending is no case ("Sudan")."""
        before = text[max(0, start - ORIGIN_WINDOW):start].lower()
        if self.origin_before and self.origin_before.search(before):
            return True
        case = self.origin_surface
        return bool(case and case.search(fold_word(surface)) and not case.search(fold_word(name)))

    def ends_visit(self, text: str, end: int) -> bool:
        """The name ending at ``end`` is the place of a visit the text says ends ("Rossiyaga tashrifini
        yakunlab"): where one leaves from, though its case says "to"."""
        return bool(self.visit_ended and self.visit_ended.search(fold(text[end:end + ORIGIN_WINDOW * 3])))

    def is_person(self, word: str) -> bool:
        """A capitalised word with a surname ending (``Mirziyoyev``, ``Токаев``)."""
        return len(word) > 4 and word.endswith(self.person_endings)
