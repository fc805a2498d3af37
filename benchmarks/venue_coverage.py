"""Coverage of the place index on a gold corpus: how many gold places have an entry the article names.

Run:  .venv/bin/python benchmarks/venue_coverage.py [CORPUS ...] [--misses]

A gold event's place is *covered* when the index holds a place within the event's ``within_km`` of the
gold point and one of that place's names (a fold key, its last word allowed the endings of
morphology.json) occurs in the article as the extractor reads it (normalised, Uzbek Cyrillic in Latin).
It measures the data, not the resolver: a covered place can still be resolved wrongly. Prints the share
over gold events and over distinct gold places (article, place); ``--misses`` lists the uncovered ones.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.places import load_gazetteer  # noqa: E402
from dashboard.places.model import km  # noqa: E402
from dashboard.settings import Settings  # noqa: E402
from dashboard.text import fold, prepare  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+(?:['’`][^\W\d_]+)*")


def _keys_by_place(names: dict[str, list[int]]) -> dict[int, list[list[str]]]:
    out: dict[int, list[list[str]]] = defaultdict(list)
    for key, ids in names.items():
        for i in ids:
            out[i].append(key.split(" "))
    return out


def _names_in(words: list[str], key: list[str], stems) -> bool:
    n = len(key)
    for i in range(len(words) - n + 1):
        if words[i:i + n - 1] == key[:-1] and key[-1] in stems(words[i + n - 1], n > 1):
            return True
    return False


def coverage(corpus: Path, settings: Settings) -> tuple[int, int, int, int, list[str]]:
    gaz = load_gazetteer(settings.places_dir)
    index, morph = gaz.index, gaz.morph
    keys = _keys_by_place(index.names)
    covered_events = events = 0
    places: dict[tuple[str, str], bool] = {}
    misses: list[str] = []
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (gold_path.parent / gold["article"]).read_text(encoding="utf-8")
        words = [fold(w) for w in _WORD.findall(prepare(text, settings.lexicon_dir).norm.text)]
        for ev in gold["events"]:
            near = [i for i, r in enumerate(index.rows)
                    if km(ev["lat"], ev["lon"], float(r[3]), float(r[4])) <= ev["within_km"]]
            hit = any(_names_in(words, k, morph.stems) for i in near for k in keys.get(i, ()))
            events += 1
            covered_events += hit
            places[(gold["article"], ev["place"])] = hit
            if not hit:
                misses.append(f"{gold['article']}: {ev['place']}")
    return covered_events, events, sum(places.values()), len(places), sorted(set(misses))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=[ROOT.parent / "shared" / "realnews"])
    parser.add_argument("--misses", action="store_true", help="list the gold places without an entry")
    args = parser.parse_args(argv)
    for corpus in args.corpora:
        ce, e, cp, p, misses = coverage(corpus, Settings())
        print(f"{corpus}: gold events covered {ce}/{e} ({ce / max(e, 1):.0%}), "
              f"distinct gold places covered {cp}/{p} ({cp / max(p, 1):.0%})")
        if args.misses:
            for m in misses:
                print(f"  - {m}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
