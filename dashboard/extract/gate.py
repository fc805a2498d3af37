"""The relevance gate: does an article report a visit at all?

A visit is a party of state (a head of state or government, a minister, a delegation) that went
somewhere and did something there, told as having happened. An article that tells none of this yields
no events: a telephone call or a video summit (the leaders stayed home), an announcement of a visit
still to come (only plans), a ministry's statement, an accident, a rescue, a match, the weather (no
party of state: "the rescuers arrived", "the team arrived" are no visit).

The gate reads the structure the assembler already found (the drafts that happened and those planned,
the leaders the article is about, the lexicon's irrealis cues) and three cue lists per language, data in
``data/lexicons/<lang>.json`` under ``relevance``. Not a visit, in this order: a title or lead telling a
remote contact, or every event that happened told as remote ("... was held by videoconference");
plans only; a title or lead telling a plan, no more events than plans told and no
arrival or departure (an announcement, perhaps after a preparatory meeting); every event that happened
recalled as earlier ("Earlier, the President raised the issue at his meeting with ...", "Ранее ...",
"Avvalroq ...": a statement's or a report's reminder, the lexicons' ``recap``); every event that happened
told of others and of no party of state ("the rescuers arrived", "the team returned"); a title or lead
about others, no leader known and no party of state named.

* ``party``: words that name a party of state ("president", "delegation", "bosh vazir");
* ``others``: people no visit is about (a team, fans, rescuers, the police): a happened event told of
  them and of no party of state is not a visit's;
* ``topics``: what such pages are about (a match, an accident, the forecast, a ministry's statement):
  with ``others``, read in the title and the lead: a page about them that names no leader nor party of
  state reports no visit;
* ``remote``: words that make a contact remote ("by telephone", "в формате видеоконференции"),
  read in the title and the lead only (a visit's body may recall an earlier call).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dashboard.errors import DataFileError
from dashboard.extract.cues import _alternation
from dashboard.extract.drafts import Draft
from dashboard.extract.nonword import found
from dashboard.extract.segments import Sentence
from dashboard.text.language import load_lexicons

log = logging.getLogger(__name__)
HEAD_ROLES = ("title", "lead")
HEAD_SENTENCES = 1       # with no lead, the first prose sentence stands for it
MOVED = frozenset({"arrival", "departure"})    # kinds that tell the party has set off or come


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str          # "visit" | "no-visit" | "empty" (no event found, nothing to judge)
    reason: str = ""     # why not, in a few words

    @property
    def visit(self) -> bool:
        return self.status != "no-visit"


VISIT = Verdict("visit")
EMPTY = Verdict("empty", "no event found")


@dataclass(frozen=True, slots=True)
class Relevance:
    """A language's gate cues, compiled (folded text, whole words)."""

    party: re.Pattern[str] | None
    others: re.Pattern[str] | None
    topics: re.Pattern[str] | None
    remote: re.Pattern[str] | None


@lru_cache(maxsize=16)
def relevance(lexicon_dir: Path, language: str) -> Relevance:
    lex = load_lexicons(Path(lexicon_dir)).get(language, {}).get("relevance", {})
    try:
        return Relevance(*(_words(lex.get(k, [])) for k in ("party", "others", "topics", "remote")))
    except re.error as exc:
        raise DataFileError(f"lexicon {language!r}: relevance is malformed: {exc}") from exc


def _words(patterns: Sequence[str]) -> re.Pattern[str] | None:
    r"""Whole words: ``(?<!\w)(?:a|b|…)(?!\w)``, written as the cues' alternations are (``_words`` of cues.py:
    the letter first, so ``re`` skips to the cues' first letters); the same sentences match."""
    return re.compile(f"(?:{_alternation(list(patterns)).pattern})" + r"(?!\w)") if patterns else None


def judge(drafts: Sequence[Draft], sentences: Sequence[Sentence], principals: Sequence[str],
          cues: Relevance, irrealis: re.Pattern[str] | None = None) -> Verdict:
    """Whether the article reports a visit, and if not, why."""
    head = _head(sentences)
    if _any(cues.remote, head):
        return Verdict("no-visit", "a telephone or video contact")
    if not drafts:
        return EMPTY
    happened = [d for d in drafts if d.status != "planned"]
    if not happened:
        return Verdict("no-visit", "only plans or announcements")
    if _any(irrealis, head) and not any(d.kind in MOVED for d in happened) \
            and _told_done(happened) <= _plans(irrealis, sentences):    # counted only when asked
        return Verdict("no-visit", "an announcement: the visit is still to come")
    if all(d.recap for d in happened):
        return Verdict("no-visit", "only earlier events recalled")
    if all(_any(cues.remote, d.sentences + d.extra) for d in happened):
        return Verdict("no-visit", "a telephone or video contact")
    if all(_any(cues.others, d.sentences) and not _any(cues.party, d.sentences) for d in happened):
        return Verdict("no-visit", "what happened was done by others than a party of state")
    if principals or not (_any(cues.others, head) or _any(cues.topics, head)):
        return VISIT
    told = head + [s for d in happened for s in d.sentences + d.extra]
    if cues.party is not None and any(cues.party.search(s.key) for s in told):
        return VISIT
    return Verdict("no-visit", "no head of state, government or delegation")


def _plans(irrealis: re.Pattern[str] | None, sentences: Sequence[Sentence]) -> int:
    """How many sentences of prose tell a plan."""
    return sum(1 for s in sentences if s.role in ("lead", "body") and _any(irrealis, [s]))


def _told_done(happened: Sequence[Draft]) -> int:
    """Sentences, not drafts: a welcome told in three."""
    return sum(len(d.sentences) for d in happened)


def _any(pattern: re.Pattern[str] | None, sentences: Sequence[Sentence]) -> bool:
    return pattern is not None and any(found(pattern, s.key) for s in sentences)


def _head(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The title and the lead; with no lead, the first prose sentence."""
    head = [s for s in sentences if s.role in HEAD_ROLES]
    if not any(s.role == "lead" for s in head):
        head += [s for s in sentences if s.role == "body"][:HEAD_SENTENCES]
    return head
