"""What must come before what, whatever order the story tells it in: one arrives in a city before doing
anything there that day.

A report often opens with the scene it likes best (a photo caption of the welcome ceremony, "Before the
talks, the President laid a wreath at the mausoleum") and tells the landing only after it. A guest cannot
lay a wreath in Ankara before arriving in Ankara: an arrival in a city (or at its airport) goes before the
events of the same day in that city told right before it; an arrival in a region or a country, before those
in that region or country. An arrival at a venue (a palace, a residence) is
another scene: the guest may have been welcomed at the airport first, so it moves nothing. Departures and
other arrivals stop the search (the next leg of a trip), and so does an event elsewhere, on another day, or
with a clock time of its own before the arrival's. The rule is structural: the same in every language, and
it asks nothing of the words.
"""
from __future__ import annotations

from dashboard.extract.drafts import NEAR_KM, PLACE_DETAIL, Draft, specificity
from dashboard.places import Mention
from dashboard.places.model import km

ARRIVAL, DEPARTURE = "arrival", "departure"


def arrivals_first(drafts: list[Draft]) -> list[Draft]:
    """``drafts`` (timeline order) with each arrival in a city moved before the events of its day in that
    city told right before it."""
    out = list(drafts)
    for d in drafts:
        if not _lands(d):
            continue
        at = out.index(d)
        start = at
        while start > 0 and _there_before(out[start - 1], d):
            start -= 1
        if start < at:
            out[start:at + 1] = [d, *out[start:at]]
    return out


def _lands(d: Draft) -> bool:
    """An arrival in a country, a city or at an airport (not at a venue of a city), on a known day."""
    return d.kind == ARRIVAL and d.date is not None and d.mention is not None \
        and d.mention.place.kind != "landmark"


def _there_before(x: Draft, arrival: Draft) -> bool:
    """An event of the arrival's day in its city, no arrival or departure, not timed before it."""
    if x.kind in (ARRIVAL, DEPARTURE) or x.date != arrival.date:
        return False
    if x.time and arrival.time and x.time < arrival.time:
        return False
    return _there(x.mention, arrival.mention)


def _there(a: Mention | None, b: Mention | None) -> bool:
    """A place of the city arrived in (a venue, its airport), of the region or of the country arrived in (a
    trip from the capital to a region stays as told: the capital's events came first). An event with no
    place of its own yet (a scene of honours, a meeting during the visit) may be the landing's own scene or
    the last one abroad: it stays where it is told."""
    if a is None or b is None:
        return False
    if specificity(b) == PLACE_DETAIL["region"]:       # a region arrived in: a place of that region
        return a.place.country == b.place.country and a.place.region == b.place.region
    if min(specificity(a), specificity(b)) < PLACE_DETAIL["city"]:
        return a.place.country == b.place.country
    return km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= NEAR_KM
