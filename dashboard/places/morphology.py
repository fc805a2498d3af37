"""Suffix stripping, head words and title words: one engine over data/places/morphology.json."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.errors import DataFileError
from dashboard.text import fold

MORPHOLOGY_FILE = "morphology.json"


@dataclass(slots=True)
class Morphology:
    """Every language's endings and word lists, merged (the text's language need not be known)."""

    rules: list[tuple[str, str]]
    post_heads: dict[str, str]
    pre_heads: dict[str, str]
    post_titles: frozenset[str]
    pre_titles: frozenset[str]
    generic_airport: frozenset[str]
    not_places: frozenset[str]
    blockers: dict[str, str]
    person_endings: tuple[str, ...]
    min_stem: int = 3
    max_depth: int = 3
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
        for lang in langs:
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
        ordered = sorted(rules, key=lambda r: (-len(r[0]), r))
        return cls(ordered, post, pre, frozenset(titles_post), frozenset(titles_pre), frozenset(generic),
                   frozenset(stop), blockers, tuple(fold(e) for e in data.get("person_endings", [])),
                   int(data.get("min_stem", 3)), int(data.get("max_depth", 3)))

    def stems(self, word: str) -> tuple[str, ...]:
        """``word`` (a fold key) and every stem the endings give, longest (least stripped) first."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        seen = {word}
        frontier = [word]
        for _ in range(self.max_depth):
            nxt = []
            for cur in frontier:
                for end, repl in self.rules:
                    if end and cur.endswith(end) and len(cur) - len(end) >= self.min_stem:
                        stem = cur[: len(cur) - len(end)] + repl
                        if stem not in seen:
                            seen.add(stem)
                            nxt.append(stem)
            frontier = nxt
        out = (word, *sorted(seen - {word}, key=lambda s: (-len(s), s)))
        if len(self._cache) < 50_000:
            self._cache[word] = out
        return out

    def is_person(self, word: str) -> bool:
        """A capitalised word with a surname ending (``Mirziyoyev``, ``Токаев``)."""
        return len(word) > 4 and word.endswith(self.person_endings)
