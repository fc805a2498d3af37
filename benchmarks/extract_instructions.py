"""Instructions extraction executes, phase by phase (callgrind): the figure that separates two trees when
wall-clock pairs on a shared machine cannot (their ratio moves by ±5 % from run to run).

The script runs itself under ``valgrind --tool=callgrind`` (Debian: ``apt-get install valgrind``) with
``PYTHONHASHSEED=0``. Inside, it imports the extractor and warms up on 15 synthetic articles, extracts the
``--n`` synthetic articles (benchmarks/corpus.py, ``--seed``), then every gold-carrying article of
``--corpus``, as ``dashboard.extract.extract(text, published).records``, and has callgrind dump its counts
between the phases (``callgrind_control -d``). Printed: each phase's instructions. Compare two trees by
running it in each (``git archive`` into /tmp with the ``.venv`` linked in); the two runs may go at once.

Run:
    .venv/bin/python benchmarks/extract_instructions.py                 # 300 synthetic + ../shared/realnews
    .venv/bin/python benchmarks/extract_instructions.py --corpus tests/fixtures/heldout
    .venv/bin/python benchmarks/extract_instructions.py --smoke         # no valgrind: the phases, 3 articles
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

try:
    from benchmarks import common
    from benchmarks.corpus import generate
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]
    from corpus import generate  # type: ignore[no-redef]

WARM = 15
PHASES = ("imports and warm-up", "synthetic articles", "corpus articles")


def _gold_articles(corpus: Path) -> list[tuple[str, str]]:
    found = []
    for gold_file in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        found.append(((gold_file.parent / gold["article"]).read_text(encoding="utf-8"), gold["published"]))
    return found


def _phases(n: int, seed: int, corpus: Path, dump: bool, most: int | None = None) -> None:
    """The measured process: each phase's work, callgrind's counts dumped after it."""
    from dashboard.extract import extract

    def done(label: str, count: int) -> None:
        if dump:
            subprocess.run(["callgrind_control", "-d", str(os.getpid())], capture_output=True, check=False)
        print(f"phase {label}: {count} articles", flush=True)

    synthetic = generate(n, seed)
    real = _gold_articles(corpus)[:most]
    warmed = sum(len(extract(a.text, a.published).records) for a in synthetic[:WARM])
    done(PHASES[0], min(WARM, len(synthetic)))
    events = sum(len(extract(a.text, a.published).records) for a in synthetic)
    done(PHASES[1], len(synthetic))
    events += sum(len(extract(text, published).records) for text, published in real)
    done(PHASES[2], len(real))
    print(f"events: {warmed} in the warm-up, {events} after it", flush=True)


def _counted(n: int, seed: int, corpus: Path) -> list[int]:
    """Run the phases under callgrind; the instructions of each (its dump files .1, .2, .3)."""
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        raise SystemExit("valgrind is missing: apt-get install -y valgrind")
    with tempfile.TemporaryDirectory() as out:
        env = {**common.child_env(), "PYTHONHASHSEED": "0"}
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/cg.%p", common.python(),
                   __file__, "--inner", "--n", str(n), "--seed", str(seed), "--corpus", str(corpus)]
        run = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise SystemExit(f"the measured process failed:\n{run.stderr[-3000:]}")
        counts = []
        for k in range(1, len(PHASES) + 1):
            dumped = sorted(Path(out).glob(f"cg.*.{k}"))
            text = dumped[0].read_text(encoding="utf-8", errors="replace") if dumped else ""
            found = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
            if found is None:
                raise SystemExit(f"callgrind wrote no count for the phase {PHASES[k - 1]!r}")
            counts.append(int(found.group(1)))
        return counts


def main() -> int:
    p = common.parser(__doc__)
    p.add_argument("--n", type=int, default=300, help="synthetic articles (default 300)")
    p.add_argument("--seed", type=int, default=common.SEED)
    p.add_argument("--corpus", type=Path, default=common.ROOT.parent / "shared" / "realnews",
                   help="a folder of *.gold.json and their articles (default ../shared/realnews)")
    p.add_argument("--smoke", action="store_true", help="3 articles, no valgrind: the phases run")
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inner or args.smoke:
        _phases(3 if args.smoke else args.n, args.seed, args.corpus, dump=args.inner,
                most=3 if args.smoke else None)
        return 0
    print(f"git {common.git_revision()}; {args.n} synthetic articles (seed {args.seed}); "
          f"corpus {args.corpus}")
    for label, count in zip(PHASES, _counted(args.n, args.seed, args.corpus), strict=True):
        common.figure(f"instructions, {label}", count / 1e9, "G")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
