"""The visit list of a gold corpus against its real visits: how many found, how many rows invented.

Every article of the corpus is ingested into one fresh store (as the dashboard does, so events of
several articles merge) and the store's visit list is compared with the real visits of the gold files:
a real visit is a group of articles that ``same_visit_as`` joins (each with at least one gold event),
spanning the days of their gold events, in the country where most of its gold events are (the country
of the gazetteer's city nearest each gold point). A row of the visit list is *right* when one of its
articles belongs to a real visit, its host is that visit's country and its days overlap the visit's
days (a day either side allowed); a real visit is *found* when some right row matches it; a row
matching none is *invented* (a trip home, the host's own movement, a plan or background read as a
visit). A real visit matched by several rows counts its extra rows as *split*. Run from the
project root:

    .venv/bin/python benchmarks/visit_list.py ../shared/realnews [--list]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

try:
    from benchmarks import common
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]  # noqa: F401

from dashboard.places.index import PlaceIndex
from dashboard.places.model import km
from dashboard.service import ingest_text, store_for
from dashboard.settings import DEFAULT

DAY = dt.timedelta(days=1)


@dataclass(slots=True)
class RealVisit:
    files: set[str]
    first: dt.date | None
    last: dt.date | None
    host: str | None

    def overlaps(self, start: str, end: str) -> bool:
        if self.first is None or self.last is None:
            return True
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        return first <= self.last + DAY and last >= self.first - DAY


def country_of(index: PlaceIndex, lat: float, lon: float) -> str:
    """The country of the city nearest a point."""
    cities = (r for r in index.rows if r[2] == "city")
    return str(min(cities, key=lambda r: km(lat, lon, r[3], r[4]))[5])


def real_visits(golds: dict[str, dict], index: PlaceIndex) -> list[RealVisit]:
    """Articles with gold events, joined by ``same_visit_as`` (either direction, transitively)."""
    parent = {name: name for name, g in golds.items() if g["events"]}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for name in parent:
        for other in golds[name].get("same_visit_as", []):
            if other in parent:
                parent[root(other)] = root(name)
    groups: dict[str, set[str]] = {}
    for name in parent:
        groups.setdefault(root(name), set()).add(name)
    out = []
    for files in groups.values():
        events = [e for f in files for e in golds[f]["events"]]
        days = sorted(dt.date.fromisoformat(e["date"]) for e in events if e.get("date"))
        hosts = Counter(country_of(index, e["lat"], e["lon"]) for e in events
                        if e.get("lat") is not None and e.get("lon") is not None)
        out.append(RealVisit(files, days[0] if days else None, days[-1] if days else None,
                             hosts.most_common(1)[0][0] if hosts else None))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--list", action="store_true", help="list every row and every real visit missed")
    args = parser.parse_args(argv)
    golds = {g["article"]: g for g in (json.loads(p.read_text(encoding="utf-8"))
                                       for p in sorted(args.corpus.glob("*.gold.json")))}
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(DEFAULT, db_path=Path(tmp) / "visits.sqlite")
        store = store_for(settings)
        for name, gold in golds.items():
            text = (args.corpus / name).read_text(encoding="utf-8")
            ingest_text(text, settings, name=name, published=gold["published"], store=store)
        files = dict(zip(store.articles()["id"].astype(str), store.articles()["source"].astype(str),
                         strict=True))
        rows = store.visits()[0]
    real = real_visits(golds, PlaceIndex.load(DEFAULT.places_dir))
    matched: Counter[int] = Counter()
    invented = 0
    for v in rows:
        names = {files.get(a, a) for a in v.articles}
        hits = [i for i, r in enumerate(real)
                if r.files & names and r.host in (None, v.host) and r.overlaps(v.start, v.end)]
        matched.update(hits)
        invented += not hits
        if args.list:
            print(f"{'ok ' if hits else 'NEW'} {v.title} {v.start}..{v.end} {sorted(names)}")
    if args.list:
        for i, r in enumerate(real):
            if i not in matched:
                print(f"MISSED {r.host} {sorted(r.files)} {r.first}..{r.last}")
    found, split = len(matched), sum(n - 1 for n in matched.values())
    print(f"{args.corpus}: {len(real)} real visits, {found} found ({found / max(len(real), 1):.0%}); "
          f"{len(rows)} rows, {invented} invented ({invented / max(len(rows), 1):.0%}), {split} split")
    return 0


if __name__ == "__main__":
    sys.exit(main())
