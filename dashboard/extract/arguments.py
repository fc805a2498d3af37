"""Places that are the predicate's arguments: a place the sentence names only inside a clause about
something else, or as someone's nationality, is not where the sentence's event happens.

- A relative or appositive clause ("..., a neighbour that Beijing has long called a friend",
  ", который ...": the lexicon's ``subordinate`` patterns, which already keep such clauses' kinds and
  dates out of the event) describes another thing; a place named only there is that thing's.
- A town's name that closes a person's name ("Vice President Nanda Bahadur Pun", "the late President
  Ho Chi Minh"): two capitalised words that are no place, or a person's title, stand right before it and
  no case ending governs it. The gazetteer already drops small towns so; this holds for big cities too.
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
NAME_WORDS = 2      # capitalised words before a town that make it the last word of a person's name
# a capitalised word right after a position: the name goes on
_NAME_GOES_ON = re.compile(r" [^\W\d_a-zа-яёўқғҳ][\w'’ʼ.-]*")
# capitalised words (a name's, a title's) each followed by one space, right before a position
_CAPITALISED = re.compile(r"(?:(?<![\w'’ʼ-])[^\W\d_a-zа-яёўқғҳ][\w'’ʼ-]* )+$")


def aside(cues: Cues, gazetteer: Gazetteer, text: str, key: str, m: Mention) -> bool:
    """True when ``m`` (a place ``text`` names; ``key`` is fold(text)) is not an argument of the
    sentence's predicate: named only inside a subordinate clause, or as a titled person's country."""
    clause = bool(_clauses(cues.subordinate, key)) and inside_clause(cues.subordinate, key, fold(m.surface))
    return clause or titled(gazetteer, text, m) or person_named(gazetteer, text, m)


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
    before = text[max(0, m.start - 60):m.start].split()
    if not before or before[-1].lower() not in _last_words(titles):
        return False                 # most names: no title word right before them (no fold needed)
    words = fold(" ".join(before)).split()[-TITLE_WORDS:]
    return any(" ".join(words[-n:]) in titles for n in range(1, len(words) + 1))


def story_start(sentences: list[Sentence]) -> int:
    """The index of the first sentence of prose: the headings after it (a teaser of another story
    below the text) say nothing of where this story is."""
    return next((s.index + 1 for s in sentences if s.role in ("lead", "body")), len(sentences) + 1)


@lru_cache(maxsize=4)
def _last_words(titles: frozenset[str]) -> frozenset[str]:
    return frozenset(t.rsplit(" ", 1)[-1] for t in titles)


def person_named(gazetteer: Gazetteer, text: str, m: Mention) -> bool:
    """``m`` (a town) is a word of a person's name: right after two capitalised words that name no place,
    or after one with the name going on ("Jose Santiago Sta. Romana"), or right after a person's title
    ("President"); and with no case ending or head word of its own."""
    before = text[max(0, m.start - 40):m.start].split()[-1:] if text[m.start - 1:m.start] == " " else []
    if m.place.kind not in ("city", "district") or not before or not before[0][:1].isupper():
        return False                 # most towns: no capitalised word right before them
    run = _CAPITALISED.search(text, max(0, m.start - 80), m.start)
    if run is None or any(w[:1].islower() for w in m.surface.split()):
        return False                 # no capitalised word before it; "Jizzax shahri": a head word
    surface = fold(m.surface)
    morph = gazetteer.morph
    if surface != fold(m.place.name) and surface.endswith(morph.case_endings):
        return False                 # "Samarqandga", "Москве": a place the predicate governs
    words = run.group().split()
    if fold(words[-1]) in morph.post_titles.table:
        return True                  # "President Ho Chi Minh"
    names = [w for w in words if fold(w) not in morph.post_titles.table]
    if len(names) >= NAME_WORDS and not gazetteer.find(" ".join(names[-NAME_WORDS:])):
        return True
    return bool(names) and _NAME_GOES_ON.match(text, m.end) is not None \
        and not gazetteer.find(names[-1])        # "to China Jose Santiago Sta. Romana"


def headed_first(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> list[Mention]:
    """A sentence that names a city with its head word ("the city of Hanoi", "Toshkent shahri", "город
    Ташкент") and another city of the same country bare (no head, no preposition, no case ending:
    "President of Vietnam, Ho Chi Minh in the city of Hanoi") names the place once: the bare name is
    someone's or something's."""
    headed = [m for m in mentions if m.place.kind == "city" and _has_head(m)]
    if not headed:
        return mentions
    return [m for m in mentions if m in headed or m.place.kind != "city"
            or all(h.place.country != m.place.country for h in headed)
            or _governed(gazetteer, text, m)]


def _has_head(m: Mention) -> bool:
    return any(w[:1].islower() for w in m.surface.split())


def _governed(gazetteer: Gazetteer, text: str, m: Mention) -> bool:
    morph = gazetteer.morph
    surface = fold(m.surface)
    if surface != fold(m.place.name) and surface.endswith(tuple(e for e in morph.case_endings if len(e) > 1)):
        return True                  # "Toshkentga"; a one-letter ending ("Навои") is also how names end
    before = fold(text[max(0, m.start - 20):m.start]).split()[-1:]
    return bool(before) and before[0] in morph.governing
