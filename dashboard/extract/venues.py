"""Where an event happens: a place without one from the event told just before it; a place written as
where someone came from is none."""
from __future__ import annotations

import re

from dashboard.extract.drafts import Draft
from dashboard.places import Gazetteer, Mention

# a capitalised word that does not open a sentence
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<=\s)[^\W\d_a-zа-яёўқғҳ][^\W\d_]+")


def airport_ceremony(previous: Draft | None, d: Draft, gazetteer: Gazetteer) -> bool:
    """A ceremony with no place of its own told right after a landing at an airport, the same day, is held
    at that airport (the guard of honour and the flags at the foot of the plane), not in the city; unless
    its sentence names a venue the gazetteer does not know ("wreaths at the Eternal Flame on Victory
    Square": capitalised words past the first that are no known place)."""
    return (previous is not None and d.mention is None and d.kind == "ceremony" and previous.kind == "arrival"
            and previous.mention is not None and previous.mention.place.kind == "airport"
            and previous.date == d.date and not _unknown_name(d.sentences[0].text, gazetteer))


def _unknown_name(text: str, gazetteer: Gazetteer) -> bool:
    known = [(m.start, m.end) for m in gazetteer.find(text)]
    return any(not any(a <= w.start() < b for a, b in known) for w in _CAPITAL.finditer(text, 1))


def origin(gazetteer: Gazetteer, text: str, m: Mention) -> bool:
    """"The delegation from Baku", "из Баку", "Bokudan": where someone came from, not where the event is.
    An airport one drives away from stays (the landing there is the event: "from the airport the motorcade
    went to the palace")."""
    return m.place.kind != "airport" and gazetteer.morph.is_origin(text, m.start, m.surface, m.place.name)


def abroad(gazetteer: Gazetteer, text: str, m: Mention, going: list[Mention]) -> bool:
    """A place inside the country a departure goes to ("left on a visit to Kazakhstan, where he was invited
    to the opening of the Astana EXPO"): where he is going, not where he leaves from; unless it is written
    as where he leaves ("completing his visit to Uzbekistan, he left from Tashkent airport")."""
    return any(c.place.kind == "country" and c.start < m.start and c.place.country == m.place.country
               for c in going) and not gazetteer.morph.is_origin(text, m.start, m.surface, m.place.name)
