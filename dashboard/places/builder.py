"""What the index builder works on: the places collected so far, their name keys, and the build rules."""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import DataFileError
from dashboard.places.declension import Declension
from dashboard.places.tokens import WORD
from dashboard.text import fold, normalize

RULES_FILE = "build_rules.json"
CITY_DISTRICTS_FILE = "city_districts.csv"
RULE_KEYS: dict[str, type] = {"district_countries": list, "settlement_type_words": list, "romanisation": dict,
                              "display_letters": dict, "airport_name_words": list, "airport_words": list,
                              "not_alternate_names": list}


@dataclass(frozen=True, slots=True)
class Rules:
    """The language knowledge of build_rules.json (see its "_doc")."""

    district_countries: frozenset[str]
    type_words: frozenset[str]
    romanisation: dict[str, str]
    display_letters: dict[str, str]
    airport_name_words: re.Pattern[str]
    airport_words: tuple[str, ...]
    not_alternates: frozenset[str]      # fold keys

    @classmethod
    def load(cls, path: Path) -> Rules:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataFileError(f"cannot read {path}: {exc}") from exc
        missing = [k for k in RULE_KEYS if not isinstance(data.get(k), RULE_KEYS[k])]
        if missing:
            raise DataFileError(f"{path}: missing or mistyped keys {', '.join(missing)}")
        words = "|".join(re.escape(w) for w in data["airport_name_words"])
        return cls(frozenset(data["district_countries"]), frozenset(data["settlement_type_words"]),
                   data["romanisation"], data["display_letters"], re.compile(rf"\b({words})\b", re.I),
                   tuple(data["airport_words"]), frozenset(fold(n) for n in data["not_alternate_names"]))

    def keys(self, key: str) -> set[str]:
        """Fold keys of a geonames Uzbek name as media spell it ("uchqŭrghon shahri" -> "uchqorgon")."""
        head, _, last = key.rpartition(" ")
        base = head if head and last in self.type_words else key
        std = base
        for a, b in self.romanisation.items():
            std = std.replace(a, b)
        return {k for k in (key, base, std) if len(k) >= 3}

    def display(self, name: str) -> str:
        """"Uchqŭrghon Shahri" -> "Uchqurghon": no settlement-type word, no breve."""
        head, _, last = name.rpartition(" ")
        if head and fold(last) in self.type_words:
            name = head
        for a, b in self.display_letters.items():
            name = name.replace(a, b)
        return name


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
        self.rules = Rules.load(places_dir / RULES_FILE)

    def add(self, rec: list) -> int:
        self.ids[rec[0]] = len(self.places)
        self.places.append(rec)
        return len(self.places) - 1

    def forms(self, name: str) -> list[str]:
        """Oblique cases of ``name`` in every language with a declension table."""
        return [f for d in self.declensions for f in d.forms(name)]

    def key(self, name: str, cyrillic_uz: bool = False) -> str:
        text = normalize(name, self.cyrl).text if cyrillic_uz else normalize(name).text
        return " ".join(fold(w) for w in WORD.findall(text))    # the words the matcher reads, no dots

    def name(self, idx: int, name: str, cyrillic_uz: bool = False) -> None:
        k = self.key(name, cyrillic_uz)
        if len(k) >= 2:
            self.names[k].add(idx)


def find_city(b: Builder, name: str, country: str) -> int | None:
    best = None
    for idx in b.names.get(b.key(name), ()):
        rec = b.places[idx]
        if rec[2] == "city" and rec[5] == country and (best is None or rec[9] > b.places[best][9]):
            best = idx
    return best


def load_city_districts(b: Builder) -> None:
    """Districts of a city that no settlement of geonames stands for (Tashkent's Chilonzor, Yangihayot), from
    city_districts.csv: a point of their own, named in each script; "X tumani" means this district."""
    for row in read_csv(b.dir / CITY_DISTRICTS_FILE):
        city = find_city(b, row["city"], row["country"])
        if city is None:
            raise SystemExit(f"{CITY_DISTRICTS_FILE}: city {row['city']!r} not found")
        rec = b.places[city]
        slug = b.key(row["district"]).replace(" ", "-")
        idx = b.add([f"{rec[0]}-{slug}", row["district"], "city", float(row["lat"]), float(row["lon"]),
                     row["country"], "city", rec[7], rec[8], 0])
        for name in filter(None, row["names"].split("|")):     # Uzbek Cyrillic is read in Latin letters
            b.name(idx, name)
            for key in b.rules.keys(b.key(name)):
                b.district_heads[key] = idx


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
