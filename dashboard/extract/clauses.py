"""Clauses: what of a sentence tells its activity, and where one sentence tells two.

``kinds.masked`` blanks what the lexicon says is no activity of the sentence's own ("in order to ...",
"after the talks", "..., which opened the day before"); ``split_coordinated`` cuts a sentence that tells
two activities of different kinds ("laid a wreath and held talks") into one clause each.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from dashboard.extract.cues import Cues
from dashboard.extract.drafts import APART_KM
from dashboard.extract.kinds import Reading, classify, masked
from dashboard.extract.leaders import load_people
from dashboard.extract.people import participants
from dashboard.extract.segments import Sentence
from dashboard.places.model import Place, km
from dashboard.text.normalize import fold


def split_coordinated(s: Sentence, cues: Cues, venue: Callable[[str], Place | None] | None = None,
                      read: Callable[[str], Reading] | None = None) -> list[Sentence]:
    """One sentence telling activities of different kinds, joined by "and"/"then", as one clause each.
    Kinds that one activity passes between ("visited the memorial and laid flowers") stay one clause,
    unless ``venue`` (the venue a text names, if any) tells two venues apart ("visited the museum, and
    laid a wreath at the monument"; not a monument inside the park just visited). ``read``: the reading of
    a folded text (the assembler's, which reads each text of an article once)."""
    pattern = cues.coordinators
    cuts = [(m.start(), m.end()) for m in pattern.finditer(s.text)] if pattern is not None else []
    if not cuts:
        return [s]
    bounds = [0, *[c for cut in cuts for c in cut], len(s.text)]
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    parts: list[tuple[int, int]] = [pieces[0]]
    read = read or (lambda key: classify(masked(key, cues), cues))
    for a, b in pieces[1:]:
        left = read(fold(s.text[parts[-1][0]:parts[-1][1]]))
        right = read(fold(s.text[a:b]))
        if _distinct(left, right, cues) or (venue is not None and _two_venues(
                left, right, venue(s.text[parts[-1][0]:parts[-1][1]]), venue(s.text[a:b]), cues)):
            parts.append((a, b))
        else:
            parts[-1] = (parts[-1][0], b)
    if len(parts) == 1:
        return [s]
    return [_part(s, a, b, k) for k, (a, b) in enumerate(parts)]


def split_counterparts(s: Sentence, cues: Cues, visitor: Sequence[str] = (),
                       on: dt.date | None = None) -> list[tuple[Sentence, str | None]]:
    """"Met with A, B and C": one meeting with each person of the list, as one clause each, with its
    kind by whom (talks with a leader in office, a meeting with anyone else). Items that name nobody
    ("the business community") or only the visitor (the subject) do not count."""
    pattern, separators = cues.counterparts, cues.list_separators
    found = pattern.search(s.text) if pattern is not None and separators is not None else None
    if found is None or separators is None:
        return [(s, None)]
    a, b = found.span("list")
    items, pos = [], a
    for sep in separators.finditer(s.text, a, b):
        items.append((pos, sep.start()))
        pos = sep.end()
    items.append((pos, b))
    named = [(x, names) for x, y in items
             if (names := set(participants([_part(s, x, y, 1)], cues, (), on)) - set(visitor))]
    if len(named) == 1:      # one person met: a meeting unless a leader in office (the verb's talks stay)
        kind = _counterpart_kind(named[0][1], cues, on)
        return [(s, kind if kind == cues.counterpart_kinds.get("other") else None)]
    if len(named) < 2:
        return [(s, None)]
    bounds = [0, *(x for x, _ in named[1:]), len(s.text)]
    return [(_part(s, bounds[k], bounds[k + 1], k), _counterpart_kind(names, cues, on))
            for k, (_, names) in enumerate(named)]


def _counterpart_kind(names: set[str], cues: Cues, on: dt.date | None) -> str | None:
    people = load_people()
    leaders = [who for n in names if (who := people.by_name(n)) is not None]
    in_office = any(on is None or who.in_office(on.year) for who in leaders)
    return cues.counterpart_kinds.get("leader" if in_office else "other")


def _distinct(left: Reading, right: Reading, cues: Cues) -> bool:
    if not (left.kind and right.kind and left.starts and right.starts) or left.kind == right.kind:
        return False
    return {left.kind, right.kind} not in cues.continuing


def _two_venues(left: Reading, right: Reading, here: Place | None, there: Place | None, cues: Cues) -> bool:
    """A pair of kinds one activity passes between, told of two venues apart: two activities."""
    if not (left.kind and right.kind and left.starts and right.starts) or here is None or there is None:
        return False
    apart = km(here.lat, here.lon, there.lat, there.lon) > APART_KM
    return {left.kind, right.kind} in cues.continuing and apart


def _part(s: Sentence, a: int, b: int, k: int) -> Sentence:
    text = s.text[a:b]
    clause = s.clause or k > 0
    return Sentence(s.index, s.start + a, s.start + b, text, fold(text), s.paragraph, s.role, clause)
