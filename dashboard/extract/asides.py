"""Events told aside: a relative clause about the sentence's subject that carries a date of its own tells
an earlier act of that subject ("Hu, who arrived on Monday evening, took the salute"; "Путин, который
прибыл в Баку накануне, провел переговоры"; "the couple, who had visited the ashram yesterday, laid a
wreath"). The lexicon's ``subordinate`` patterns (", which ...", ", который ...") keep such a clause out
of its sentence's event; with its own date it is read as a sentence of its own, subject first, so the
earlier act is an event too. A clause with no date of its own ("who is on a state visit") stays aside.
Uzbek tells the same with a participle before the noun, which its ``subordinate`` patterns hold apart
from the sentence's event; those patterns open with no comma and are not read here.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache

from dashboard.extract.cues import Cues
from dashboard.extract.reftime import StoryClock
from dashboard.extract.segments import Sentence
from dashboard.text.normalize import fold

SUBJECT_MAX = 60      # characters back from the comma to the clause's subject (the previous comma or start)
_CLAUSE_END = re.compile(r"[,;.]")


@lru_cache(maxsize=16)
def _openers(patterns: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], ...]:
    """The subordinate patterns that open with a comma (a relative clause after its noun), on raw text."""
    return tuple(re.compile(p.pattern, re.IGNORECASE) for p in patterns if p.pattern.startswith(","))


def told_aside(s: Sentence, cues: Cues, dates: Callable[[str, dt.date | None], list],
               running: dt.date | None) -> Iterator[Sentence]:
    """The relative clauses of ``s`` between its subject and its predicate that carry their own date, each
    as a sentence "<subject> <clause without its pronoun>" (offsets of ``s``; ``clause`` set)."""
    if ", " not in s.text:
        return                  # no clause after a comma
    for pattern in _openers(cues.subordinate):
        for m in pattern.finditer(s.text):
            body = m.group()
            end = _CLAUSE_END.search(s.text, m.start() + 1)
            if end is None or end.group() != ",":
                continue            # "..., which opened the day before.": no predicate of the subject follows
            body = s.text[m.start():end.start()]
            words = body.lstrip(", ").split(" ", 1)
            if len(words) < 2:
                continue
            subject = re.split(r"[,;]", s.text[max(0, m.start() - SUBJECT_MAX):m.start()])[-1].strip()
            if not subject or subject[:1].islower():
                continue
            text = f"{subject} {words[1]}"
            if dates(fold(words[1]), running):      # the clause's own date, not one before the subject
                yield replace(s, text=text, key=fold(text), clause=True)


@contextmanager
def kept_running(clock: StoryClock) -> Iterator[None]:
    """An earlier act told aside dates itself only: the story's running day stays where it was."""
    running, precision = clock.running, clock.precision
    try:
        yield
    finally:
        clock.running, clock.precision = running, precision
