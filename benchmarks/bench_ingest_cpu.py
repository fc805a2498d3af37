"""Ingest's CPU per article against extraction's CPU on the same articles (issue 25: ingest ≤ 1.5×).

Two phases, each in a fresh subprocess so that neither inherits the other's caches, alternating within a
round (extract first in even rounds, ingest first in odd ones):

* **extract**: each article (synthetic, or of a gold corpus folder with ``--corpus``) as an upload
  (its name and bytes) read and run through the engine, nothing stored (``reading.extract_input``, what
  ``visit-timeline extract`` does);
* **ingest**: ``Timeline.ingest`` of the same uploads, one call per article, into a new SQLite store in a
  temporary folder (read, extract, merge, one transaction per article: what an upload on the page does).

The synthetic articles repeat their sources' sentences, which the extractor's per-sentence caches
answer, so their extraction is cheaper than a new real article's: ``--corpus`` measures on real ones.
Each phase first handles ``--warm`` articles (of another seed; with ``--corpus``, the folder's first
ones: place index, lexicons, the store's schema), then times the ``--n`` articles with
``time.process_time`` (CPU of the process, SQLite included, waiting on the disk not), after a
``gc.collect()`` (as bench_extract.py before each round): the full collection the warm-up's long-lived
objects are owed falls before the timing in both phases, not in one of them by chance. Printed: CPU per
article of each phase per round, the medians over rounds, and their ratio.

The two phases run seconds apart, so on a machine others load their ratio moves by ±10 %. Within the
ingest phase the store's own CPU (``Store.add_article`` and ``Store.has_article``) and the extraction's
(``reading.extract_text``) are also timed on the same articles at the same moments: their ratio ("store
over extraction within ingest") is the steadier figure for a change to the store alone.

Run:
    .venv/bin/python benchmarks/bench_ingest_cpu.py                 # 300 articles, 3 rounds
    .venv/bin/python benchmarks/bench_ingest_cpu.py --n 1000 --rounds 5
    .venv/bin/python benchmarks/bench_ingest_cpu.py --corpus ../shared/realnews --warm 10   # real articles
    .venv/bin/python benchmarks/bench_ingest_cpu.py --smoke         # 10 articles, 1 round (for tests)
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

try:
    from benchmarks import common
    from benchmarks.corpus import generate
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]
    from corpus import generate  # type: ignore[no-redef]


class Text(NamedTuple):
    name: str
    text: str
    published: str


def folder_articles(folder: Path) -> list[Text]:
    """The articles of a gold corpus (``*.gold.json`` naming ``article`` and ``published``, as in
    ../shared/realnews), in name order."""
    found = []
    for gold in sorted(folder.glob("*.gold.json")):
        meta = json.loads(gold.read_text(encoding="utf-8"))
        path = folder / meta["article"]
        found.append(Text(path.name, path.read_text(encoding="utf-8"), meta["published"]))
    return found


def articles_of(n: int, seed: int, warm: int, corpus: Path | None) -> tuple[list, list]:
    """The warm-up articles and the timed ones: synthetic (another seed for the warm-up), or the first
    ``warm`` of a corpus folder and ``n`` of the rest."""
    if corpus is None:
        return generate(warm, seed + 1, unique=True), generate(n, seed, unique=True)
    texts = folder_articles(corpus)
    return texts[:warm], texts[warm:warm + n]


def run_phase(phase: str, n: int, seed: int, warm: int, corpus: Path | None = None) -> dict[str, float]:
    """One phase in this process: warm up on another seed, then the CPU seconds of ``n`` articles."""
    from dashboard import reading
    from dashboard.settings import Settings
    from dashboard.timeline import Timeline

    folder = Path(tempfile.mkdtemp(prefix="vt-bench-ingest-cpu-"))
    settings = Settings(db_path=folder / "timeline.sqlite3")
    tl = Timeline(settings)
    spent = _timed_parts() if phase == "ingest" else {}

    def one(article) -> int:
        item = (article.name, article.text.encode())
        if phase == "ingest":
            return sum(r.error is None for r in tl.ingest([item], published=article.published))
        reading.extract_input(item, settings, article.published)
        return 1

    try:
        warm_up, articles = articles_of(n, seed, warm, corpus)
        for article in warm_up:
            one(article)
        gc.collect()    # the warm-up's loads (index, lexicons, the store's schema) collected before timing
        spent.update(dict.fromkeys(spent, 0.0))
        cpu0, wall0 = time.process_time(), time.perf_counter()
        done = sum(one(a) for a in articles)
        return {"cpu": time.process_time() - cpu0, "wall": time.perf_counter() - wall0,
                "articles": len(articles), "done": done, **spent}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _timed_parts() -> dict[str, float]:
    """Time the store's calls and the extraction inside ``Timeline.ingest``: CPU seconds per part, kept
    in the dict returned (the functions wrapped in this benchmark process only)."""
    from dashboard import preparing
    from dashboard.store import Store

    spent = {"store": 0.0, "extraction": 0.0}

    def timed(owner: object, name: str, part: str) -> None:
        inner = getattr(owner, name)

        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - start

        setattr(owner, name, run)

    timed(Store, "add_article", "store")
    timed(Store, "has_article", "store")
    timed(preparing, "extract_text", "extraction")
    return spent


def spawn(phase: str, args) -> dict[str, float]:
    cmd = [common.python(), str(Path(__file__).resolve()), "--phase", phase, "--n", str(args.n),
           "--seed", str(args.seed), "--warm", str(args.warm)]
    cmd += ["--corpus", str(args.corpus)] if args.corpus else []
    env = {**os.environ, "PYTHONPATH": str(common.ROOT)}
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    p = common.parser(__doc__)
    p.add_argument("--n", type=int, default=300, help="articles per phase (default 300)")
    p.add_argument("--rounds", type=int, default=3, help="rounds of the two phases (default 3)")
    p.add_argument("--warm", type=int, default=20, help="warm-up articles of another seed (default 20)")
    p.add_argument("--seed", type=int, default=common.SEED)
    p.add_argument("--corpus", type=Path, help="a gold corpus folder (e.g. ../shared/realnews) instead of "
                   "the synthetic articles, whose repeated sentences the extractor's caches answer")
    p.add_argument("--phase", choices=["extract", "ingest"], help=argparse.SUPPRESS)
    p.add_argument("--smoke", action="store_true", help="10 articles, 1 round (for the smoke test)")
    args = p.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.n, args.seed, args.warm, args.corpus)))
        return 0
    if args.smoke:
        args.n, args.rounds, args.warm = 10, 1, 2
    common.print_machine()
    print(f"git {common.git_revision()}; {args.n} articles per phase ({args.corpus or 'synthetic'}), "
          f"{args.rounds} rounds", flush=True)
    per: dict[str, list[float]] = {"extract": [], "ingest": [], "store": [], "within": []}
    for r in range(args.rounds):
        order = ["extract", "ingest"] if r % 2 == 0 else ["ingest", "extract"]
        for phase in order:
            res = spawn(phase, args)
            n = max(res["articles"], 1)
            ms = res["cpu"] / n * 1000
            per[phase].append(ms)
            inside = ""
            if phase == "ingest":
                per["store"].append(res["store"] / n * 1000)
                per["within"].append(res["store"] / max(res["extraction"], 1e-9))
                inside = (f" (store {per['store'][-1]:.2f} ms, its extraction "
                          f"{res['extraction'] / n * 1000:.2f} ms)")
            print(f"  round {r} {phase}: {ms:.2f} ms CPU per article{inside}, wall {res['wall']:.1f} s, "
                  f"load {os.getloadavg()[0]:.2f}", flush=True)
    ext, ing = common.median(per["extract"]), common.median(per["ingest"])
    common.figure("extract CPU per article median", ext, "ms")
    common.figure("ingest CPU per article median", ing, "ms")
    common.figure("ingest over extract CPU", ing / ext, "×", "target ≤ 1.5×")
    common.figure("store CPU per article within ingest median", common.median(per["store"]), "ms")
    common.figure("store over extraction within ingest", common.median(per["within"]), "×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
