"""Cold start: wall time and peak RSS of ``python -m dashboard extract`` on one article, vs a peer.

Each run is a fresh interpreter (the OS file cache is warm: this is "cold process", not "cold disk").
Commands, all with the project's .venv python and the seed article (data/seed, 2.7 KB):

* ours:     ``python -m dashboard extract data/seed/khiva_visit_2024-04-05.txt --published 2024-04-05
  --format jsonl`` (the issue's cold path: no pandas)
* peer:     ``python -c "import dateparser.search; ...search_dates(text, languages=['uz','ru','en'],
  settings={'RELATIVE_BASE': ...})"`` on the same text
* baseline: ``python -c pass`` (the interpreter alone)

Peak RSS comes from ``/usr/bin/time -v`` ("Maximum resident set size", Debian package ``time``) when it
is installed; otherwise from ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a one-child wrapper
process (``--fallback`` forces this). Wall time is ``time.perf_counter`` around the run. Runs of the
commands are interleaved (ours, peer, baseline, ours, ...); the figures are medians over ``--runs``.
The target (issue 25): ours <= 1.5x the peer's wall time, <= 100 MiB peak.
``--checkout DIR`` runs another checkout's ``dashboard`` (e.g. an export of main, for a before figure);
``--against DIR`` runs it as a fourth command, "theirs", interleaved with ours in the same run, and prints
ours/theirs (a before/after figure under the same load).

Run:
    .venv/bin/python benchmarks/bench_cold.py              # 7 runs each
    .venv/bin/python benchmarks/bench_cold.py --runs 3 --fallback
    .venv/bin/python benchmarks/bench_cold.py --smoke      # 1 run each (for tests)
    .venv/bin/python benchmarks/bench_cold.py --checkout /tmp/main-export   # a before figure
    .venv/bin/python benchmarks/bench_cold.py --against /work/main          # ours vs main, same run
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

try:
    from benchmarks import common
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]

SEED_ARTICLE = common.ROOT / "data" / "seed" / "khiva_visit_2024-04-05.txt"
PUBLISHED = "2024-04-05"
TIME = Path("/usr/bin/time")
TARGET_RATIO, TARGET_MIB = 1.5, 100.0
_RSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")

# Runs ``sys.argv[1:]`` as its only child and prints that child's peak RSS in KiB (Linux: ru_maxrss is KiB).
_WRAPPER = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; "
            "print('maxrss_kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r)")


def commands(article: Path) -> dict[str, list[str]]:
    py = common.python()
    peer = ("import datetime, sys; import dateparser.search as s; "
            "text = open(sys.argv[1], encoding='utf-8').read(); "
            "found = s.search_dates(text, languages=['uz', 'ru', 'en'], "
            f"settings={{'RELATIVE_BASE': datetime.datetime.fromisoformat('{PUBLISHED}')}}); "
            "print(len(found or []), 'dates')")
    return {
        "ours": [py, "-m", "dashboard", "extract", str(article), "--published", PUBLISHED,
                 "--format", "jsonl"],
        "peer": [py, "-c", peer, str(article)],
        "baseline": [py, "-c", "pass"],
    }


def measure(cmd: list[str], use_time: bool, env: dict[str, str],
            cwd: Path = common.ROOT) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of one run in ``cwd`` (``-m`` imports from there first)."""
    wrapped = [str(TIME), "-v", *cmd] if use_time else [sys.executable, "-c", _WRAPPER, *cmd]
    start = time.perf_counter()
    out = subprocess.run(wrapped, cwd=cwd, env=env, capture_output=True, text=True,
                         timeout=300, check=False)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    if use_time:
        found = _RSS.search(out.stderr)
        rss_kib = int(found.group(1)) if found else 0
    else:
        found = re.search(r"maxrss_kib (\d+)", out.stderr)
        rss_kib = int(found.group(1)) if found else 0
    return wall, rss_kib / 1024, out.stdout


def main() -> int:
    p = common.parser(__doc__)
    p.add_argument("--runs", type=int, default=7, help="runs of each command (default 7)")
    p.add_argument("--article", type=Path, default=SEED_ARTICLE, help="the article (default: the seed)")
    p.add_argument("--fallback", action="store_true", help="use getrusage even if /usr/bin/time exists")
    p.add_argument("--smoke", action="store_true", help="1 run each (for the smoke test)")
    p.add_argument("--checkout", type=Path, help="run this checkout's dashboard (default: this one)")
    p.add_argument("--against", type=Path, help="also run this checkout's dashboard, interleaved: theirs")
    args = p.parse_args()
    if args.smoke:
        args.runs = 1
    use_time = TIME.exists() and not args.fallback and shutil.which(str(TIME)) is not None
    how = "/usr/bin/time -v" if use_time else "getrusage(RUSAGE_CHILDREN) of a wrapper (fallback)"
    common.print_machine()
    size = args.article.stat().st_size
    art = args.article
    shown = art.relative_to(common.ROOT) if art.is_relative_to(common.ROOT) else art
    print(f"article: {shown} ({size:,} bytes); peak RSS by {how}; {args.runs} runs each, interleaved")
    cmds = commands(args.article.resolve())
    env, cwd = common.child_env(), common.ROOT
    if args.checkout:
        cwd = args.checkout.resolve()
        env["PYTHONPATH"] = str(cwd)
        print(f"checkout: {args.checkout} (its dashboard package runs)")
    where = {name: (env, cwd) for name in cmds}
    if args.against:
        theirs = args.against.resolve()
        cmds["theirs"] = cmds["ours"]
        where["theirs"] = ({**env, "PYTHONPATH": str(theirs)}, theirs)
        print(f"theirs: the same command in {args.against} (its dashboard package runs)")
    for name in ("ours", "theirs"):     # one untimed run each: .pyc files written, file cache warm
        if name in cmds:
            measure(cmds[name], use_time, *where[name])
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    events_line = ""
    for _ in range(args.runs):
        for name, cmd in cmds.items():
            wall, rss, stdout = measure(cmd, use_time, *where[name])
            results[name].append((wall, rss))
            if name == "ours":
                events_line = f"{len(stdout.strip().splitlines())} events printed"

    def med(name: str, i: int) -> float:
        return common.median([r[i] for r in results[name]])

    print(f"ours: {' '.join(cmds['ours'][1:])}  -> {events_line}")
    common.figure("cold CLI extract wall", med("ours", 0), "s")
    common.figure("cold CLI extract peak RSS", med("ours", 1), "MiB", f"target <= {TARGET_MIB:.0f} MiB")
    common.figure("cold peer search_dates wall", med("peer", 0), "s")
    common.figure("cold peer search_dates peak RSS", med("peer", 1), "MiB")
    common.figure("cold python baseline wall", med("baseline", 0), "s", "python -c pass")
    common.figure("cold python baseline peak RSS", med("baseline", 1), "MiB")
    common.figure("cold ratio ours/peer wall", med("ours", 0) / med("peer", 0), "x",
                  f"target <= {TARGET_RATIO}x, median of {args.runs} alternating")
    common.figure("cold ratio ours/peer RSS", med("ours", 1) / max(med("peer", 1), 1e-9), "x")
    if "theirs" in results:
        common.figure("cold theirs extract wall", med("theirs", 0), "s", str(args.against))
        common.figure("cold theirs extract peak RSS", med("theirs", 1), "MiB")
        common.figure("cold theirs ratio theirs/peer wall", med("theirs", 0) / med("peer", 0), "x")
        common.figure("cold ratio ours/theirs wall", med("ours", 0) / med("theirs", 0), "x")
        common.figure("cold ratio ours/theirs peak RSS", med("ours", 1) / max(med("theirs", 1), 1e-9), "x")
    common.figure("load average (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
