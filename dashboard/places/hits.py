"""What the gazetteer's first reading of a text finds, before any place is chosen: the name or phrase at
each word (a ``Hit``, read from the words alone), and the small rules on a hit and a place that the
resolving step asks (a forced kind, a town that is an ordinary word, a district named after its centre)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from dashboard.places.model import Place, PlaceContext
from dashboard.places.tokens import Tok


@dataclass(slots=True)
class Hit:
    start: int          # token range [start, end)
    end: int
    ids: tuple[int, ...]
    kind: str | None     # kind forced by a head word, if any
    key: str


class Scan(NamedTuple):
    """A text's words, its quoted titles and the hits in it, in order: what does not depend on the story's
    place (the context), so a text found again in another context is not read again."""

    toks: list[Tok]
    titles: list[tuple[int, int]]
    hits: list[Hit]


def ordinary(hit: Hit, toks: list[Tok], place: Place, ctx: PlaceContext) -> bool:
    """A town named by one bare word the story's language uses as an ordinary word ("Juma" is Friday,
    "Kunduzi" in the daytime) is that word, not the town."""
    return (hit.kind is None and hit.end - hit.start == 1 and place.kind in ("city", "district")
            and toks[hit.start].key in ctx.ordinary)


def fits(kind: str, forced: str | None) -> bool:
    if forced is None:
        return True
    if forced == "district":
        return kind == "city"
    return kind == ("landmark" if forced == "venue" else forced)   # "X Square": a venue, never the town X


def district(city: Place) -> Place:
    return Place(id="district:" + city.id.split(":", 1)[1], name=f"{city.name} District", kind="district",
                 lat=city.lat, lon=city.lon, country=city.country, precision="district", city=city.name,
                 region=city.region)


def sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'«“„(")
    return not before or before[-1] in ".!?\n:;…"
