"""The compact place index built by :mod:`dashboard.places.build` (data/places/index.json.gz)."""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import DataFileError
from dashboard.places.model import Place, km

INDEX_FILE = "index.json.gz"


@dataclass(slots=True)
class PlaceIndex:
    rows: list[list]
    pops: list[int]
    names: dict[str, tuple[int, ...]]
    first_words: frozenset[str]
    max_words: int
    serves: dict[int, int]           # city index -> index of the airport that serves it
    region_heads: dict[str, str]     # fold key of "X" in "X viloyati" -> region id
    district_heads: dict[str, int]   # fold key of "X" in "X tumani" -> row of the district's centre
    head_only: dict[str, frozenset[int]]   # bare airport names -> airports they mean only next to "airport"
    by_id: dict[str, int]
    airports_by_country: dict[str, list[int]]
    _cache: dict[int, Place]

    @classmethod
    def load(cls, places_dir: Path) -> PlaceIndex:
        path = places_dir / INDEX_FILE
        try:
            data = json.loads(gzip.decompress(path.read_bytes()))
        except (OSError, ValueError) as exc:
            raise DataFileError(f"cannot read the place index {path}: {exc}; "
                                "build it with `python -m dashboard.places.build`") from exc
        rows = data["places"]
        names = data["names"]
        airports: dict[str, list[int]] = {}
        for i, r in enumerate(rows):
            if r[2] == "airport":
                airports.setdefault(r[5], []).append(i)
        return cls(
            rows=rows,
            pops=[r[9] for r in rows],
            names=names,
            first_words=frozenset(k.split(" ", 1)[0] for k in names if " " in k),
            max_words=data.get("max_words", 6),
            serves={int(k): v for k, v in data["serves"].items()},
            region_heads=data["region_heads"],
            district_heads=data.get("district_heads", {}),
            head_only={k: frozenset(v) for k, v in data.get("head_only", {}).items()},
            by_id={r[0]: i for i, r in enumerate(rows)},
            airports_by_country=airports,
            _cache={},
        )

    def place(self, i: int) -> Place:
        """The place at row ``i`` (built on first use)."""
        p = self._cache.get(i)
        if p is None:
            r = self.rows[i]
            p = self._cache[i] = Place(r[0], r[1], r[2], float(r[3]), float(r[4]), r[5], r[6], r[7], r[8])
        return p

    def airport_for(self, place: Place) -> Place | None:
        """The airport serving a city-level place (its own airport if it is one); for a venue, the nearest
        airport that serves a city (Kuksaroy, east of Tashkent: Tashkent's, not the newer one nearer it)."""
        if place.kind == "airport":
            return place
        idx = self.by_id.get(place.id)
        if idx is not None and idx in self.serves:
            return self.place(self.serves[idx])
        serving = set(self.serves.values())   # a venue's airport is its city's: the one serving a city first
        best, best_key = None, (True, 60.0)
        for i in self.airports_by_country.get(place.country, ()):
            a = self.place(i)
            d = km(place.lat, place.lon, a.lat, a.lon)
            key = (i not in serving, d)
            if d < 60.0 and key < best_key:
                best, best_key = a, key
        return best


def name_prefixes(names: dict[str, tuple[int, ...]]) -> frozenset[str]:
    """The first two words or more (never all) of every name of the index: where a longer name may go on."""
    out: set[str] = set()
    for key in names:
        head = key.rpartition(" ")[0]
        while " " in head and head not in out:
            out.add(head)
            head = head.rpartition(" ")[0]
    return frozenset(out)
