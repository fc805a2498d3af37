"""Search across scripts and spellings: the page's visit, place and person search.

Every name and every query becomes a *skeleton*: folded (:func:`dashboard.text.normalize.fold`),
Cyrillic written in Latin letters with the Uzbek Cyrillic table of ``data/lexicons/scripts.json`` (the
2026 Latin letters too), marks dropped, and the spelling differences that the scripts and the English
transcriptions disagree on made equal (``kh``/``x``, ``q``/``k``, ``y`` dropped, as in Mirziyoyev /
Mirziyoev / Мирзиёев). So "Хива", "Xiva" and "Khiva" are one skeleton, and "Казах" starts "Kazakhstan".

An option (a visit, a location key, a person) is found by its own label and by its aliases: every name
the gazetteer (``data/places``) gives its place, and every spelling ``data/people/leaders.csv`` gives a
leader. Ranking: a whole name equal to the query first, then a word of a name starting with it, then
a name containing it (three letters or more). Nothing else: no fuzzy matching, so "Khiva" never finds
Ashgabat.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.errors import DataFileError
from dashboard.text.normalize import fold
from dashboard.visits import Visit

if TYPE_CHECKING:
    from dashboard.places.index import PlaceIndex

EXACT, WORD, INSIDE = 0, 1, 2              # how an option matched: the rank, best first
MIN_INSIDE = 3                             # the shortest query matched inside a word
_SAME = (("dzh", "j"), ("dj", "j"), ("kh", "x"), ("q", "k"), ("y", ""), ("w", "v"))
_NOT_WORD = re.compile(r"[^\w ]+")


@lru_cache(maxsize=4)
def _letters(lexicon_dir: Path) -> dict[str, str]:
    """Cyrillic and 2026-Latin letters -> Latin, from the script tables (lower case)."""
    try:
        tables = json.loads((lexicon_dir / "scripts.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read the script tables in {lexicon_dir}: {exc}") from exc
    out: dict[str, str] = {}
    for lang, scripts in tables.items():
        if lang.startswith("_"):
            continue
        for table in scripts.values():
            out.update({k: str(v) for k, v in table.get("map", {}).items()})
    return out


def skeleton(text: str, letters: Mapping[str, str]) -> str:
    """The matching form of a name or a query (see the module doc)."""
    folded = "".join(letters.get(c, c) for c in fold(text))
    plain = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    plain = " ".join(_NOT_WORD.sub(" ", plain).split())
    for spelled, same in _SAME:
        plain = plain.replace(spelled, same)
    return plain


@dataclass(frozen=True, slots=True)
class Finder:
    """Options with their skeletons (their label's and their aliases'), ready to search."""

    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    letters: Mapping[str, str] = field(default_factory=dict)

    def rank(self, query: str, options: Iterable[str]) -> list[str]:
        """The options matching ``query``, best first (then in their given order); all for no query."""
        options = list(options)
        q = skeleton(query, self.letters)
        if not q:
            return options
        found = [(how, i, o) for i, o in enumerate(options) if (how := self.how(q, o)) is not None]
        return [o for _, _, o in sorted(found)]

    def how(self, q: str, option: str) -> int | None:
        """How ``option`` matches the query skeleton ``q``: EXACT, WORD, INSIDE or None."""
        best = None
        for key in self.keys.get(option, ()):
            if key == q:
                return EXACT
            if key.startswith(q) or f" {q}" in key:
                best = WORD
            elif best is None and len(q) >= MIN_INSIDE and q in key:
                best = INSIDE
        return best


def finder(labels: Mapping[str, str], aliases: Mapping[str, Iterable[str]], lexicon_dir: Path) -> Finder:
    """A :class:`Finder` over ``labels`` (option -> what the page shows) and their ``aliases``."""
    letters = _letters(lexicon_dir)
    keys = {}
    shared: dict[str, str] = {}     # one string per distinct skeleton: 14k visits of a few leaders, hosts
    made: dict[str, str] = {}       # and cities repeat them (~1M keys at 100k events: 83 -> 11 MiB); each
    tuples: dict[tuple[str, ...], tuple[str, ...]] = {}     # name's made once, one tuple per distinct keys
    for option, label in labels.items():      # a label is an option's own: its skeleton is not kept by name
        names = (made[n] if n in made else made.setdefault(n, _shared(skeleton(n, letters), shared))
                 for n in aliases.get(option, ()))
        found = tuple(dict.fromkeys(n for n in (_shared(skeleton(label, letters), shared), *names) if n))
        keys[option] = tuples.setdefault(found, found)
    return Finder(keys, letters)


def _shared(text: str, shared: dict[str, str]) -> str:
    return shared.setdefault(text, text)


class _Found(Mapping[str, Sequence[str]]):
    """Each option's aliases: the locations' and people's as given, each visit's worked out when
    :func:`finder` asks for it (14k visits' lists were held at once, ~6 MiB at the search's peak)."""

    def __init__(self, given: dict[str, list[str]], visits: Mapping[str, Visit], aliases: Aliases) -> None:
        self.given, self.visits, self.aliases = given, visits, aliases

    def __getitem__(self, option: str) -> Sequence[str]:
        visit = self.visits.get(option)
        if visit is None:
            return self.given[option]
        return visit_aliases(visit.principals, visit.host, visit.cities, self.aliases)

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self.given), **dict.fromkeys(self.visits)})

    def __len__(self) -> int:
        return len(self.given.keys() | self.visits.keys())


# -- aliases from the data ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Aliases:
    """Every name of each gazetteer place (by kind and English name, and countries by code) and every
    spelling of each leader (by canonical name)."""

    places: dict[tuple[str, str], tuple[str, ...]]
    people: dict[str, tuple[str, ...]]
    regions: dict[str, str] = field(default_factory=dict)    # city -> region (of its most populous namesake)

    def of_location(self, key: str) -> tuple[str, ...]:
        """Aliases of a location key (``"city:Khiva"``, ``"region:Khorezm"``, ``"country:UZ"``)."""
        level, _, name = key.partition(":")
        found = self.places.get((level, name), ())
        if level == "region" and not found:
            found = self.places.get(("region", f"{name} Region"), ())
        return found or self.places.get(("", name), ())

    def of_person(self, name: str) -> tuple[str, ...]:
        return self.people.get(name, ())


@lru_cache(maxsize=2)
def load_aliases(data_dir: Path) -> Aliases:
    """The aliases of ``data_dir`` (the place index and the leaders' file), read once."""
    from dashboard.places.index import PlaceIndex

    index = PlaceIndex.load(data_dir / "places")
    regions: dict[str, str] = {}
    for row in index.rows:              # most populous first
        if row[2] == "city" and row[8]:
            regions.setdefault(str(row[1]), str(row[8]))
    return Aliases(_place_names(index), _leader_names(data_dir / "people"), regions)


def _place_names(index: PlaceIndex) -> dict[tuple[str, str], tuple[str, ...]]:
    names: dict[int, list[str]] = {}
    for name, rows in index.names.items():
        for at in rows:
            names.setdefault(at, []).append(name)
    out: dict[tuple[str, str], list[str]] = {}
    for i, row in enumerate(index.rows):
        kind, shown = str(row[2]), str(row[1])
        code = str(row[0]).partition(":")[2] if kind == "country" else shown
        for key in ((kind, code), ("", shown)):
            out.setdefault(key, []).extend(names.get(i, ()))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def _leader_names(people_dir: Path) -> dict[str, tuple[str, ...]]:
    try:
        with (people_dir / "leaders.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, csv.Error) as exc:
        raise DataFileError(f"cannot read the leaders in {people_dir}: {exc}") from exc
    out: dict[str, tuple[str, ...]] = {}
    for row in rows:
        spellings = [part.strip() for column, value in row.items() if column and value
                     and column.startswith(("given_", "surname_")) for part in value.split("|")]
        out[row["name"]] = tuple(dict.fromkeys(s for s in spellings if s))
    return out


def visit_aliases(principals: Sequence[str], host: str | None, cities: Sequence[str],
                  aliases: Aliases) -> list[str]:
    """What a visit is also found by: its people's spellings, its host country's and cities' names."""
    found = [a for p in principals for a in (p, *aliases.of_person(p))]
    if host:
        found += aliases.of_location(f"country:{host}")
    regions = dict.fromkeys(aliases.regions[c] for c in cities if c in aliases.regions)
    found += [a for r in regions for a in (r, *aliases.of_location(f"region:{r}"))]
    return found + [a for c in cities for a in (c, *aliases.of_location(f"city:{c}"))]


def page_finder(data_dir: Path, locations: Sequence[str], people: Sequence[str], visits: Sequence[Visit],
                visit_labels: Mapping[str, str], location_label: Callable[[str], str]) -> Finder:
    """One search over the page's visits (by id), locations (by key) and people (by name), each found
    by its label and by its aliases in the gazetteer and the leaders' file of ``data_dir``."""
    aliases = load_aliases(data_dir)
    labels: dict[str, str] = {key: location_label(key) for key in locations}
    found: dict[str, list[str]] = {key: [*aliases.of_location(key), key.partition(":")[2]]
                                   for key in locations}
    labels.update({name: name for name in people})
    found.update({name: list(aliases.of_person(name)) for name in people})
    listed = {visit.id: visit for visit in visits if visit.id in visit_labels}
    every = _Labels(labels, listed, visit_labels)
    return finder(every, _Found(found, listed, aliases), data_dir / "lexicons")


class _Labels(Mapping[str, str]):
    """The locations' and people's labels as given, then each listed visit's, asked of ``visit_labels``
    when the index reaches it: the 13.8k visit labels of a 100k-event store (~4 MiB) are never all held."""

    def __init__(self, given: dict[str, str], visits: Mapping[str, Visit],
                 visit_labels: Mapping[str, str]) -> None:
        self.given, self.visits, self.visit_labels = given, visits, visit_labels

    def __getitem__(self, option: str) -> str:
        if option in self.given:
            return self.given[option]
        if option in self.visits:
            return self.visit_labels[option]
        raise KeyError(option)

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self.given), **dict.fromkeys(self.visits)})

    def __len__(self) -> int:
        return len(self.given.keys() | self.visits.keys())


def to_latin(text: str, lexicon_dir: Path) -> str:
    """Cyrillic letters written in Latin with the script tables ("Тошкент" -> "Toshkent"): another
    spelling to look a typed place up by."""
    letters = _letters(lexicon_dir)
    out = []
    for c in text:
        latin = letters.get(c.lower())
        out.append(c if latin is None else (latin[:1].upper() + latin[1:] if c.isupper() else latin))
    return "".join(out)
