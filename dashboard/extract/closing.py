"""What the story's words say of the order: the departure that closes a visit comes last; what was done
"before the talks" came before them.

A report of a visit often opens with its end ("Completing his state visit, the President left Tashkent
airport; he was seen off by ...") and then tells what happened before it that day (the summit, the talks,
a breakfast). A departure told with the words that close a visit (the lexicons' ``closing``: completing
the visit, at its end, seen off) from a named place ends that place's day: the events of the same day told
after it, at that place or at none of their own, happened before it. It goes after them, together with the
arrival home told right after it; an arrival or an event elsewhere ends the search (the next leg of a
trip). A departure from home ("left for Moscow") names no closing and stays where it is told.

A sentence opening with "before the talks" ("До начала встречи ...", "Muzokaralardan oldin ...": the
lexicons' ``prior``) tells an act that preceded the conversation just told: it goes before the event told
right before it, the same day, unless that is an arrival or a departure (no conversation: the talks it
preceded are told later or not at all). Structural: the same in every language, the words are data.
"""
from __future__ import annotations

import re

from dashboard.extract.cues import Cues
from dashboard.extract.drafts import PLACE_DETAIL, Draft, compatible, specificity
from dashboard.extract.nonword import found
from dashboard.extract.precedence import arrivals_first

DEPARTURE, ARRIVAL = "departure", "arrival"
OPENING = 40      # "before the talks" this close to a sentence's start tells what it preceded


def told_order(drafts: list[Draft], cues: Cues) -> list[Draft]:
    """``drafts`` (timeline order) as the arrival in a city, the closing and "before the talks" words
    correct it."""
    return prior_first(closing_last(arrivals_first(drafts), cues.closing), cues.prior)


def prior_first(drafts: list[Draft], prior: re.Pattern[str] | None) -> list[Draft]:
    """Each event told as "before the talks" goes before the event told right before it, the same day."""
    out = list(drafts)
    if prior is None:
        return out
    for k in range(1, len(out)):
        d, prev = out[k], out[k - 1]
        if prev.kind in (ARRIVAL, DEPARTURE):     # the talks it preceded are told later: the landing stays
            continue
        if prev.date == d.date and d.sentences and found(prior, d.sentences[0].key, 0, OPENING) \
                and prev.sentences and prev.sentences[-1].index < d.sentences[0].index:
            out[k - 1], out[k] = d, prev
    return out


def closing_last(drafts: list[Draft], closing: re.Pattern[str] | None) -> list[Draft]:
    """``drafts`` (timeline order) with each closing departure moved after the events of its day and place
    told after it."""
    if closing is None:
        return drafts
    out = list(drafts)
    for d in drafts:
        if not _closes(d, closing):
            continue
        start = out.index(d)
        block = [d]
        for x in out[start + 1:]:         # the arrival home, told right after the leaving
            if x.kind != ARRIVAL or x.date != d.date or compatible(d.mention, x.mention):
                break
            block.append(x)
        end = start + len(block)
        while end < len(out) and _before_it(out[end], d):
            end += 1
        if end > start + len(block):
            out[start:end] = out[start + len(block):end] + block
    return out


def _closes(d: Draft, closing: re.Pattern[str]) -> bool:
    """A departure from a named place (a city or finer) told as the end of the visit."""
    return d.kind == DEPARTURE and specificity(d.mention) >= PLACE_DETAIL["city"] and d.date is not None \
        and any(found(closing, s.key) for s in d.sentences)


def _before_it(x: Draft, d: Draft) -> bool:
    """An event of the departure's day at its place (or at none of its own), neither arrival nor departure."""
    return x.date == d.date and x.kind not in (ARRIVAL, DEPARTURE) and compatible(d.mention, x.mention)
