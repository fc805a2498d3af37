"""Where an event with no place of its own happens, from the event told just before it."""
from __future__ import annotations

from dashboard.extract.drafts import Draft


def airport_ceremony(previous: Draft | None, d: Draft) -> bool:
    """A ceremony with no place of its own told right after a landing at an airport, the same day, is held
    at that airport (the guard of honour and the flags at the foot of the plane), not in the city."""
    return (previous is not None and d.mention is None and d.kind == "ceremony" and previous.kind == "arrival"
            and previous.mention is not None and previous.mention.place.kind == "airport"
            and previous.date == d.date)
