"""Places that are the predicate's arguments: a place the sentence names only inside a clause about
something else, or as someone's nationality, is not where the sentence's event happens.

- A relative or appositive clause ("..., a neighbour that Beijing has long called a friend",
  ", который ...": the lexicon's ``subordinate`` patterns, which already keep such clauses' kinds and
  dates out of the event) describes another thing; a place named only there is that thing's.
- A name right after a title ("Президент Бразилии", "President of Brazil") is the person's country,
  whatever the name also reads as (Russian "Бразилии" is also a case of the city Brasília): the
  gazetteer already drops such countries, this drops the other readings too.

Both hold for the sentence that sets the story's place (its locus) and for each event's sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from dashboard.extract.cues import Cues
from dashboard.extract.segments import Sentence
from dashboard.places import Gazetteer, Mention
from dashboard.text.normalize import fold

TITLE_WORDS = 4     # a title phrase is at most this many words ("prime minister of the republic of")


def aside(cues: Cues, gazetteer: Gazetteer, text: str, key: str, m: Mention) -> bool:
    """True when ``m`` (a place ``text`` names; ``key`` is fold(text)) is not an argument of the
    sentence's predicate: named only inside a subordinate clause, or as a titled person's country."""
    return titled(gazetteer, text, m) or inside_clause(cues.subordinate, key, fold(m.surface))


def inside_clause(patterns: tuple[re.Pattern[str], ...], key: str, surface: str) -> bool:
    """Every occurrence of ``surface`` in ``key`` lies inside a subordinate clause."""
    if not surface or not patterns:
        return False
    spans = _clauses(patterns, key)
    if not spans:
        return False
    at = [i.start() for i in re.finditer(re.escape(surface), key)]
    return bool(at) and all(any(a <= p < b for a, b in spans) for p in at)


@lru_cache(maxsize=4096)
def _clauses(patterns: tuple[re.Pattern[str], ...], key: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for p in patterns for m in p.finditer(key))


def titled(gazetteer: Gazetteer, text: str, m: Mention) -> bool:
    """The words right before ``m`` are a title written before a country ("президент", "president of"):
    the name is that person's country, not a place of the event."""
    titles = gazetteer.morph.pre_titles
    if not titles:
        return False
    words = fold(text[max(0, m.start - 60):m.start]).split()[-TITLE_WORDS:]
    return any(" ".join(words[-n:]) in titles for n in range(1, len(words) + 1))


def story_start(sentences: list[Sentence]) -> int:
    """The index of the first sentence of prose: the headings after it (a teaser of another story
    below the text) say nothing of where this story is."""
    return next((s.index + 1 for s in sentences if s.role in ("lead", "body")), len(sentences) + 1)
