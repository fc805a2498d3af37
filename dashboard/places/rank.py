"""Choosing among namesakes: kind, population, a per-country prior and closeness to the story."""
from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from pathlib import Path

from dashboard.errors import DataFileError
from dashboard.places.model import Place, km
from dashboard.vocab import PLACE_TRUST
from dashboard.vocab import SPECIFICITY as PLACE_SPECIFICITY

PRIORS_FILE = "country_priors.csv"

# how much a kind of place is trusted when its name is written bare (data/place_kinds.csv)
KIND_BASE: dict[str, float] = PLACE_TRUST


def load_priors(places_dir: Path) -> dict[str, float]:
    """How likely each country is in Central Asian visit news (data/places/country_priors.csv); others 0."""
    path = Path(places_dir) / PRIORS_FILE
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return {row["country"]: float(row["prior"]) for row in csv.DictReader(fh)}
    except (OSError, KeyError, ValueError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}") from exc

# most specific first: the order locate() prefers (data/place_kinds.csv)
SPECIFICITY: dict[str, int] = PLACE_SPECIFICITY


def score(place: Place, pop: int, country: str | None, near: Place | None,
          prior: Mapping[str, float]) -> float:
    """Higher is likelier. ``country`` and ``near`` come from the story's context, ``prior`` from data."""
    s = KIND_BASE.get(place.kind, 0.0) + prior.get(place.country, 0.0)
    if place.kind == "city":
        s += math.log10(max(pop, 10))
    if country and place.country == country:
        s += 2.0
    if near is not None and place.kind != "country":
        d = km(place.lat, place.lon, near.lat, near.lon)
        s += 3.0 if d < 100 else 1.5 if d < 600 else 0.0
    return s

# a one-word town farther than FAR_KM from the story's current place, smaller than SMALL_POP and outside the
# home country (prior HOME_PRIOR) is taken for a namesake, not the place ("в Александровском саду" in Moscow)
FAR_KM = 1000.0
ABROAD_KM = 300.0         # ... or farther than this abroad, with no case or preposition making it a place
SMALL_POP = 50_000
HOME_PRIOR = 3.0
# a bare one-word town outside the story's country needs a country at least this likely in visit news
REGION_PRIOR = 1.0
BIG_POP = 1_000_000       # ... unless it is a city this large
