"""Where an event happens: a place without one from the event told just before it; a place written as
where someone came from is none."""
from __future__ import annotations

import re

from dashboard.extract.drafts import Draft, compatible, specificity
from dashboard.extract.segments import Sentence
from dashboard.places import Gazetteer, Mention, Place, PlaceContext
from dashboard.places.capitals import capital

CITY_DETAIL = 3     # specificity() of a city: an arrival placed no finer may be refined to its airport
BACK_SENTENCES = 3  # how far back "this memorial" looks for the venue it means
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


def here(drafts: list[Draft], found: Mention | None) -> Mention | None:
    """"Here" / "shu yerda" / "там же" sends an event to the place of the scene just told (the latest event
    with a place): unless the sentence names a place of its own that is not merely around it ("Shu yerda
    Xorazm viloyatidagi korxonalar ishga tushirildi": the region is where the enterprises are, the
    ceremony is here)."""
    scene = next((d.mention for d in reversed(drafts) if d.mention is not None), None)
    if scene is None or found is None:
        return scene
    where, there = found.place, scene.place
    around = specificity(found) < specificity(scene) and where.country == there.country and (
        where.kind == "country" or where.name in (there.region, there.city))
    return scene if around else None


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


def landings(drafts: list[Draft], gazetteer: Gazetteer, context: PlaceContext) -> None:
    """An arrival placed only at a city or a country lands at the airport told right after it, in its own
    further sentences or in the next event's first sentence the same day ("arrived in Uzbekistan. At
    Tashkent-Humo airport the leaders held a short talk"): one arrives where the plane lands. A departure
    so placed leaves from the airport its own further sentences tell ("completed his visit to Russia. At
    the airport he was seen off by ..."). An airport with no name is the city's; in a story that names only
    the country, its capital's."""
    for k, d in enumerate(drafts):
        if d.kind not in ("arrival", "departure") or specificity(d.mention) > CITY_DETAIL:
            continue
        own = d.sentences[1:] if d.kind == "arrival" else d.sentences    # its first: where it lands
        told = [s.text for s in own + d.extra]
        nxt = drafts[k + 1] if k + 1 < len(drafts) and d.kind == "arrival" else None
        if nxt is not None and nxt.date == d.date:
            told.append(nxt.sentences[0].text)
        here = PlaceContext(city=_near(d.mention, gazetteer, context),
                            country=d.mention.place.country if d.mention else context.country)
        airport = next((m for text in told for m in gazetteer.find(text, here)
                        if m.place.kind == "airport" and compatible(d.mention, m) and (
                            d.kind == "arrival" or m.place.country in (here.country, None))), None)
        if airport is not None:
            d.mention = airport


def _near(m: Mention | None, gazetteer: Gazetteer, context: PlaceContext) -> Place | None:
    """The city whose airport "the airport" means: the event's city, else the story's city in the same
    country, else (the event names only a country) that country's capital."""
    if m is not None and m.place.kind == "city":
        return m.place
    country = m.place.country if m is not None and m.place.kind == "country" else None
    if context.city is not None and (m is None or country in (None, context.city.country)):
        return context.city
    home = country or (context.country if m is None else None)
    return capital(gazetteer.index, home) if home else None


def told_before(drafts: list[Draft], sentences: list[Sentence], gazetteer: Gazetteer,
                context: PlaceContext) -> None:
    """"Mazkur qabristondagi yodgorlik poyiga gul qoʻydi", "возложил венок к подножию этого мемориала", "laid
    a wreath at this memorial": an event placed no finer than a city that points back at a venue (a
    demonstrative and a venue's noun, morphology.json's back_reference) is at the venue named in the few
    sentences before it, events or not ("visited the National Cemetery in Seoul. ... At this cemetery")."""
    pattern = gazetteer.morph.back_reference
    if pattern is None:
        return
    for d in drafts:
        first = d.sentences[0]
        if specificity(d.mention) > CITY_DETAIL or not pattern.search(first.key):
            continue
        before = [s for s in sentences if first.index - BACK_SENTENCES <= s.index < first.index]
        venue = next((m for s in reversed(before) for m in reversed(gazetteer.find(s.text, context))
                      if m.place.kind == "landmark" and compatible(d.mention, m)), None)
        if venue is not None:
            d.mention = venue
