"""The values the gazetteer hands out: places, mentions of them, and the story context."""
from __future__ import annotations

import math
from dataclasses import dataclass

PRECISIONS: tuple[str, ...] = ("exact", "district", "city", "region", "country")


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place; ``lat``/``lon`` are never a made-up 0,0."""

    id: str            # "airport:UGC", "landmark:ichan-qala", "city:1484843", "region:UZ-XO", "country:UZ"
    name: str          # English display name
    kind: str          # landmark|airport|city|district|region|country
    lat: float
    lon: float
    country: str       # ISO 3166-1 alpha-2
    precision: str     # exact|city|district|region|country
    city: str | None = None     # English city name it belongs to (the city itself for a city)
    region: str | None = None   # English region name


@dataclass(frozen=True, slots=True)
class Mention:
    """A place as written in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    place: Place


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What the story already says about where it is."""

    city: Place | None = None        # the story's current city-level place
    country: str | None = None       # the host country of the story, ISO2, if known
    ordinary: frozenset[str] = frozenset()   # folded words the story's language uses as ordinary words


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))
