"""Capitals and nationalities: "the capital's airport" is the airport of the capital of the country the story
is in; "the President of Turkmenistan" names whose, not where (a traveller's home)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.errors import DataFileError
from dashboard.places.model import Mention, Place, km
from dashboard.text import fold

if TYPE_CHECKING:
    from dashboard.places.gazetteer import Gazetteer
    from dashboard.places.index import PlaceIndex
    from dashboard.places.tokens import Tok

@dataclass(frozen=True, slots=True)
class Home(Mention):
    """A traveller's home read from his title, not a place the text names: the story is not there."""


NATIONALITIES_FILE = "nationalities.csv"
AT_CAPITAL_KM = 1.0    # the build puts a country at its capital's point: the city this close is the capital
CAPITAL_WINDOW = 3     # words between an airport word and "capital" ("в аэропорту турецкой столицы")


def capital(index: PlaceIndex, country: str) -> Place | None:
    """The capital of ``country`` (ISO2): the most populous city at the country's own point."""
    memo = _memo(index)
    if country not in memo:
        at = index.by_id.get(f"country:{country}")
        memo[country] = None if at is None else _city_at(index, index.place(at))
    return memo[country]


def _memo(index: PlaceIndex) -> dict[str, Place | None]:
    memo: dict[str, Place | None] | None = _CAPITALS.get(id(index))
    if memo is None:
        memo = _CAPITALS[id(index)] = {}
    return memo


_CAPITALS: dict[int, dict[str, Place | None]] = {}
_CITIES: dict[int, dict[str, list[int]]] = {}


def _city_at(index: PlaceIndex, point: Place) -> Place | None:
    best: tuple[int, int] | None = None
    rows = index.rows
    for i in _cities(index).get(point.country, ()):
        row = rows[i]
        if km(float(row[3]), float(row[4]), point.lat, point.lon) < AT_CAPITAL_KM:
            best = max(best or (index.pops[i], i), (index.pops[i], i))
    return index.place(best[1]) if best is not None else None


def _cities(index: PlaceIndex) -> dict[str, list[int]]:
    """The rows of each country's cities, in order: made with the first capital looked up, one pass over
    the index's rows instead of one for each country an article names (~1 ms each)."""
    found = _CITIES.get(id(index))
    if found is None:
        found = _CITIES[id(index)] = {}
        for i, row in enumerate(index.rows):
            if row[2] == "city":
                found.setdefault(row[5], []).append(i)
    return found


def capital_near(gazetteer: Gazetteer, keys: list[str], where: Place | None,
                 country: str | None) -> Place | None:
    """The capital meant by a "capital" word among ``keys`` (the words around an airport word with no name):
    that of the nationality named with it, else of the country of the story's current city, else of its
    host country."""
    morph, adjectives = gazetteer.morph, gazetteer.nationalities
    if not any(morph.lookup(k, morph.capital) for k in keys):
        return None
    named = next((adjectives[s] for k in keys for s in morph.stems(k) if s in adjectives), None)
    home = named or (where.country if where is not None else country)   # "турецкой столицы": Türkiye's
    return capital(gazetteer.index, home) if home else None


def capital_of_country(gazetteer: Gazetteer, toks: list[Tok], start: int, end: int, country: Place) -> Place:
    """A country named with a "capital" word next to it ("Qozogʻiston poytaxtiga", "в столицу Казахстана",
    "the capital of Kazakhstan") is its capital city; else the country."""
    near = [t.key for t in toks[max(0, start - 2):start]] + [t.key for t in toks[end:end + 1]]
    morph = gazetteer.morph
    if not any(morph.lookup(k, morph.capital) for k in near):
        return country
    return capital(gazetteer.index, country.country) or country


def nationality_capitals(gazetteer: Gazetteer, text: str, toks: list[Tok],
                         taken: list[Mention]) -> list[Mention]:
    """"The Kazakh capital", "турецкой столицы", "turk poytaxti": a nationality adjective next to a
    "capital" word names that country's capital (nationalities.csv); words already read as a place stay."""
    morph, adjectives = gazetteer.morph, gazetteer.nationalities
    out: list[Mention] = []
    for k, tok in enumerate(toks):
        if not morph.lookup(tok.key, morph.capital):
            continue
        for j in (k - 1, k + 1):
            if not 0 <= j < len(toks):
                continue
            country = next((adjectives[s] for s in morph.stems(toks[j].key) if s in adjectives), None)
            city = capital(gazetteer.index, country) if country else None
            a, b = min(toks[j].start, tok.start), max(toks[j].end, tok.end)
            if city is not None and not any(m.start < b and a < m.end for m in taken):
                out.append(Mention(a, b, text[a:b], city))
                break
    return out


def load_nationalities(places_dir: Path) -> dict[str, str]:
    """Folded nationality adjective -> country (data/places/nationalities.csv)."""
    path = places_dir / NATIONALITIES_FILE
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return {fold(a): row["country"] for row in csv.DictReader(fh)
                    for a in row["adjectives"].split("|") if a}
    except (OSError, KeyError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}") from exc


def home_of(gazetteer: Gazetteer, text: str, going: list[Mention]) -> Home | None:
    """Where a traveller sets out from when the sentence names only where he goes ("the President of
    Turkmenistan left on a visit to Kazakhstan", "to the Balkan velayat"): the capital of the country his
    title names, unless he is going home (to that country or its capital), the sentence names no
    destination, or does not say he sets out on a visit ("having completed his visit to X, he left"
    leaves from X)."""
    sets_out = gazetteer.morph.sets_out
    if not going or sets_out is None or not sets_out.search(text.lower()):
        return None
    for whose in gazetteer.nationals(text):
        city = capital(gazetteer.index, whose.place.country)
        if city is None or any((m.place.kind == "country" and m.place.country == city.country)
                               or m.place.id == city.id for m in going):
            return None     # going home ("returned to Turkmenistan", "to Ashgabat")
        return Home(whose.start, whose.end, whose.surface, city)
    return None
