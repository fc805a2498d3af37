"""The journey an arrival ends, told again after it, is no departure.

A story that has told the guest's arrival ("The President arrived in Turkey on a state visit") often goes
on with the journey itself ("The head of state left for Ankara at his host's invitation", "Гость
отправился в Анкару", "Prezident Anqaraga jo‘nab ketdi"). Such a sentence reads as a departure, but it
names no place it leaves from, only where it goes, and that is where the arrival already took the
traveller: it is the arrival's journey retold, not a leaving. It joins that arrival (the latest one of its
day, with nothing told between them in another city). A departure bound for somewhere else ("then he left
for Samarkand") stays an event, and so does a departure told *before* the arrival ("left for Kazakhstan",
the traveller's leaving home); so does one bound for a venue (an airport, a palace: one goes to the airport
to leave), and one whose later sentences name where it leaves from ("the visit to Uzbekistan ended. The
guest was seen off at Urgench airport"). The rule is structural: the same in every language; the words of
direction are the lexicons' (``destination``), read by ``Placing.is_destination``.
"""
from __future__ import annotations

from collections.abc import Callable

from dashboard.extract.drafts import PLACE_DETAIL, Draft, compatible
from dashboard.places import Mention

ARRIVAL, DEPARTURE = "arrival", "departure"


def bound_for(found: list[Mention], is_destination: Callable[[Mention], bool]) -> Mention | None:
    """Where a departure that names no place of its own goes: its first destination of a city or a
    country (a venue is where one goes to leave), if any."""
    for m in found:
        if is_destination(m) and PLACE_DETAIL.get(m.place.kind, 0) <= PLACE_DETAIL["city"]:
            return m
    return None


def journeys_joined(drafts: list[Draft], bound: dict[int, Mention]) -> list[Draft]:
    """``drafts`` (timeline order) with each departure that retells the journey of an arrival told before
    it folded into that arrival. ``bound``: where each departure with no place of its own goes, by its
    first sentence's index."""
    out: list[Draft] = []
    for d in drafts:
        going = bound.get(d.sentences[0].index) if d.kind == DEPARTURE and d.mention is None else None
        arrival = _arrival_to(out, d, going) if going is not None else None
        if arrival is None:
            out.append(d)
            continue
        arrival.extra += d.sentences + d.extra
    return out


def _arrival_to(out: list[Draft], d: Draft, going: Mention) -> Draft | None:
    """The latest arrival of ``d``'s day in the place ``d`` goes to, with every event told between them in
    that place too."""
    for k in range(len(out) - 1, -1, -1):
        prev = out[k]
        if prev.date != d.date or prev.kind == DEPARTURE:
            return None
        if not _there(prev.mention, going):
            return None
        if prev.kind == ARRIVAL:
            return prev if prev.mention is not None else None
    return None


def _there(m: Mention | None, going: Mention) -> bool:
    """Whether an event at ``m`` (None: where the story is) lies in the place ``going`` names: its country
    for a country, else near it."""
    if m is None:
        return True
    if going.place.kind == "country":
        return m.place.country == going.place.country
    return PLACE_DETAIL.get(m.place.kind, 0) >= PLACE_DETAIL["city"] and compatible(m, going)
