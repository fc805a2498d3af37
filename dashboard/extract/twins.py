"""One arrival told twice is one event.

A story often tells the guest's arrival twice: in the opening paragraph ("arrived in Paris yesterday") and
again in the body with the scene at the airport ("at the capital's airport he was met by the minister"),
or once more in a closing summary ("returned to Ashgabat after a one-day visit"). One traveller lands in
one city once: a later arrival in the same place (the city or its airport; an arrival at a palace is
another scene), with nothing told between them in another city and no departure from a place between them,
is the first one retold. It lends the
first what it knows better (the airport, a clock time, its date when only it gives one) and is no event of
its own. Two arrivals that each give a different date of their own are two (a guest who comes back another
day), unless one of them is the lead's: the body tells the day, the lead its summary ("returned home after
a one-day visit, the paper reported today"). Arrivals in two cities (a trip from the capital to the
regions) stay two. A departure told with no place of its own ("set off for Ankara") is the journey the
arrival ends, not a leaving in between. The rule is structural: the same in every language, and it asks
nothing of the words.

The honours at the foot of the plane told before the landing ("a guard of honour lined up by the plane. At
the airport the guest was met by ...") are that landing's scene, as they are when told after it: a
ceremony with no venue of its own (or only the city) that tells only the honours, right before an arrival
at an airport the same day, joins the arrival. A ceremony its sentence names ("a welcome ceremony was held
at the airport") stays an event beside it.
"""
from __future__ import annotations

import re

from dashboard.extract.cues import Cues
from dashboard.extract.drafts import NEAR_KM, PLACE_DETAIL, Draft, compatible, specificity
from dashboard.extract.elaboration import ceremony_named
from dashboard.places import Mention
from dashboard.places.model import km

ARRIVAL = "arrival"
DEPARTURE = "departure"
LEAD = "lead"


def arrivals_joined(drafts: list[Draft]) -> list[Draft]:
    """``drafts`` (timeline order) with every arrival that retells an earlier one folded into it."""
    out: list[Draft] = []
    for d in drafts:
        first = _told_before(out, d) if d.kind == ARRIVAL else None
        if first is None:
            out.append(d)
        elif first.role == LEAD and d.role != LEAD:
            _fold(d, first)              # the body's telling stays where the body puts it
            out[out.index(first)] = d
        else:
            _fold(first, d)
    return out


def honours_before_landing(drafts: list[Draft], cues: Cues) -> list[Draft]:
    """``drafts`` with each ceremony of honours told right before an airport arrival joined to it."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and _honours_of(prev, d, cues.honours) and not ceremony_named(d, prev, cues):
            d.sentences[:0] = prev.sentences
            d.extra[:0] = prev.extra
            out[-1] = d
            continue
        out.append(d)
    return out


def _honours_of(c: Draft, arrival: Draft, honours: re.Pattern[str] | None) -> bool:
    """A ceremony at no venue of its own, telling the honours, right before a landing at an airport."""
    return (c.kind == "ceremony" and arrival.kind == ARRIVAL and c.date == arrival.date
            and arrival.mention is not None and arrival.mention.place.kind == "airport"
            and specificity(c.mention) <= PLACE_DETAIL["city"] and compatible(c.mention, arrival.mention)
            and honours is not None and any(honours.search(s.key) for s in c.sentences))


def _told_before(out: list[Draft], d: Draft) -> Draft | None:
    """The earlier arrival that ``d`` retells, if any: the latest arrival, in a compatible place, with no
    departure and no event elsewhere told between them, and no other date of its own."""
    for k in range(len(out) - 1, -1, -1):
        prev = out[k]
        if prev.kind == DEPARTURE and (prev.mention is not None or prev.dated):
            return None
        if prev.kind != ARRIVAL:
            continue
        between = out[k + 1:]
        if not compatible(prev.mention, d.mention) or _venue(d) or any(not _same_city(prev.mention, x.mention)
                                                                        for x in between):
            return None
        if prev.dated and d.dated and prev.date != d.date and LEAD not in (prev.role, d.role):
            return None
        return prev
    return None


def _venue(d: Draft) -> bool:
    """An arrival at a palace or a residence (not an airport): another scene than the landing."""
    return d.mention is not None and d.mention.place.kind == "landmark"


def _same_city(a: Mention | None, b: Mention | None) -> bool:
    """Places of one city (two venues of it too): an event there is no trip elsewhere."""
    if a is None or b is None or min(specificity(a), specificity(b)) < PLACE_DETAIL["city"]:
        return compatible(a, b)
    return km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= NEAR_KM


def _fold(first: Draft, d: Draft) -> None:
    """``first`` takes from its retelling ``d`` what ``d`` tells better: the finer place, a clock time, the
    date when only ``d`` gives one of its own (a body's date over a lead's)."""
    if specificity(d.mention) > specificity(first.mention):
        first.mention, first.inherited = d.mention, d.inherited
    if d.dated and (not first.dated or (first.role == LEAD and d.role != LEAD)):
        first.date, first.precision, first.dated = d.date, d.precision, True
    first.time = first.time or d.time
    first.extra += d.sentences + d.extra
