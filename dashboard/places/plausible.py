"""Plausibility by context: a town named by one word must be likely where the story is. Far from it, small,
abroad or in a country visit news seldom goes to, it needs a case ending or a preposition to count."""
from __future__ import annotations

from collections.abc import Mapping

from dashboard.places.capitals import capital
from dashboard.places.index import PlaceIndex
from dashboard.places.model import Place, km
from dashboard.places.morphology import Morphology
from dashboard.places.rank import ABROAD_KM, BIG_POP, FAR_KM, HOME_PRIOR, REGION_PRIOR, SMALL_POP
from dashboard.places.tokens import Tok, joined


def far_namesake(index: PlaceIndex, prior: Mapping[str, float], morph: Morphology, place: Place,
                 span: tuple[int, int, str], toks: list[Tok], text: str, near: Place | None,
                 country: str | None) -> bool:
    """A small town far from where the story is, named by one word (``span``: its first and past-last token
    and its key), is a namesake ("Александровском"); abroad and beyond ABROAD_KM, one that no case ending
    or preposition makes a place is a name's word ("Yavan gidroelektr stansiyasi": the plant's name)."""
    if near is None or place.kind != "city" or span[1] - span[0] != 1:
        return False
    i = index.by_id.get(place.id)
    if i is None or index.pops[i] >= SMALL_POP:
        return False
    d = km(place.lat, place.lon, near.lat, near.lon)
    abroad = place.country != (country or near.country)
    return (prior.get(place.country, 0.0) < HOME_PRIOR and d > FAR_KM) or (
        abroad and d > ABROAD_KM and not governed(morph, span, toks, text))


def governed(morph: Morphology, span: tuple[int, int, str], toks: list[Tok], text: str) -> bool:
    """The name carries a case ending ("Yavanda") or stands after a preposition ("в Яван", "in Yavan")."""
    start, _, key = span
    word = toks[start].key
    if word != key and word.startswith(key[:-1]) and word.endswith(morph.case_endings):
        return True
    return start > 0 and toks[start - 1].key in morph.governing and joined(text, toks, start - 1, start + 1)


def outside_region(index: PlaceIndex, prior: Mapping[str, float], place: Place, words: int,
                   country: str | None) -> bool:
    """One bare word naming a town (not a big city, not a capital: where state visits go, whatever the
    country) of a country visit news seldom goes to, and not the story's, is an ordinary word or a name
    ("Bir" is "one", "Alley" a lane): better no pin."""
    if words != 1 or place.kind != "city" or place.country == country:
        return False
    i = index.by_id.get(place.id)
    return prior.get(place.country, 0.0) < REGION_PRIOR and (i is None or index.pops[i] < BIG_POP) \
        and not _capital(index, place)


def _capital(index: PlaceIndex, place: Place) -> bool:
    found = capital(index, place.country)
    return found is not None and found.id == place.id
