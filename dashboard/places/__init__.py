"""Offline gazetteer and geocoder: place names in visit news to points on the map.

``load_gazetteer(Settings().places_dir)`` reads the compact index shipped in data/places
(built by ``python -m dashboard.places.build``); nothing is fetched at run time.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from dashboard.places.gazetteer import Gazetteer
from dashboard.places.model import Mention, Place, PlaceContext

__all__ = ["Gazetteer", "Mention", "Place", "PlaceContext", "load_gazetteer"]


@lru_cache(maxsize=4)
def load_gazetteer(places_dir: Path) -> Gazetteer:
    """The gazetteer for ``places_dir``, loaded once per process."""
    return Gazetteer.load(Path(places_dir))
