"""Load on one shared store: readers on the timeline page and writers ingesting, all at once, on SQLite
and on PostgreSQL (issue 23, item 6).

Run: .venv/bin/python benchmarks/bench_shared.py [--backend both] [--readers 20] [--writers 4]
     [--events 1000] [--reruns 5] [--articles 40]

The store is filled with ``--events`` synthetic events (bench_dashboard.fill_store). Then, started
together, ``--readers`` processes each open the timeline page (streamlit.testing.v1.AppTest on
dashboard/views/timeline.py) and time ``--reruns`` reruns after a filter change (one kind, another,
none), while ``--writers`` processes ingest ``--articles`` distinct synthetic articles between them
(benchmarks/corpus.py, through the service, each in its own transaction). Reported per backend:
rerun p50/p95 under that load, ingest throughput (articles/s over the writers' wall time), and the
errors (page exceptions, failed ingests, a store left unsound). PostgreSQL: Debian's server, started
in a temporary folder as the tests do (tests/pg.py), or ``--url`` of a server you run.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common  # first: puts the repository root on sys.path

READER = """
import json, os, sys, time
from pathlib import Path
from streamlit.testing.v1 import AppTest
go, page, reruns = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
at = AppTest.from_file(page, default_timeout=600)
at.run()
kinds = list(at.sidebar.multiselect(key="f_kind").options)
while not go.exists():
    time.sleep(0.01)
times, errors = [], len(at.exception)
for r in range(reruns):
    value = [kinds[r % len(kinds)]] if kinds and r % 3 != 2 else []
    t0 = time.perf_counter()
    at.sidebar.multiselect(key="f_kind").set_value(value).run(timeout=600)
    times.append(time.perf_counter() - t0)
    errors += len(at.exception)
print(json.dumps({"times": times, "errors": errors}))
"""

WRITER = """
import json, sys, time
from pathlib import Path
from benchmarks.corpus import generate
from dashboard.service import ingest_text
from dashboard.settings import Settings
go, db, share, of, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
articles = generate(n, 7, unique=True)[share::of]
settings = Settings(db_path=db)
while not go.exists():
    time.sleep(0.01)
start, errors = time.perf_counter(), []
for a in articles:
    report = ingest_text(a.text, settings, name=a.name, published=a.published)
    if report.error is not None:
        errors.append(report.message)
print(json.dumps({"articles": len(articles), "seconds": time.perf_counter() - start, "errors": len(errors),
                  "messages": errors}))
"""


def run_load(db: str, args) -> None:
    """Readers and writers on ``db`` at once; prints the figures."""
    from bench_dashboard import PAGE

    from dashboard.store import Store

    go = Path(tempfile.mkdtemp(prefix="vt-bench-shared-")) / "go"
    env = {**common.child_env(), "VISIT_TIMELINE_DB_PATH": db}
    spawn = [[sys.executable, "-c", READER, str(go), str(PAGE), str(args.reruns)]
             for _ in range(args.readers)]
    spawn += [[sys.executable, "-c", WRITER, str(go), db, str(k), str(args.writers), str(args.articles)]
              for k in range(args.writers)]
    procs = [subprocess.Popen(cmd, cwd=common.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for cmd in spawn]
    time.sleep(args.settle)            # every reader has its page open (a cold run takes seconds)
    go.touch()
    start = time.perf_counter()
    outs = [p.communicate() for p in procs]
    wall = time.perf_counter() - start
    failed = [err[-500:] for p, (_, err) in zip(procs, outs, strict=True) if p.returncode != 0]
    found = [json.loads(out.strip().splitlines()[-1]) for p, (out, _) in zip(procs, outs, strict=True)
             if p.returncode == 0 and out.strip()]
    reads = [r for r in found if "times" in r]
    writes = [r for r in found if "articles" in r]
    times = [t for r in reads for t in r["times"]]
    label = f"[{args.backend_now}]"
    if times:
        common.figure(f"{label} rerun under load p50", common.median(times) * 1000, "ms",
                      f"{len(times)} reruns by {len(reads)} readers while {args.writers} writers ingest")
        common.figure(f"{label} rerun under load p95", common.percentile(times, 95) * 1000, "ms")
    stored = sum(w["articles"] for w in writes)
    slowest = max((w["seconds"] for w in writes), default=0.0)
    common.figure(f"{label} ingest throughput", stored / slowest if slowest else 0.0, "articles/s",
                  f"{stored} articles by {len(writes)} writers in {slowest:.1f} s (wall {wall:.1f} s)")
    store = Store(db)
    errors = len(failed) + sum(r["errors"] for r in found) + (store.integrity_check() != "ok")
    messages = [m for w in writes for m in w.get("messages", [])]
    common.figure(f"{label} errors", str(errors), "", "; ".join(failed + messages)[:800])
    common.figure(f"{label} store after", json.dumps(store.stats()))


def main() -> int:
    p = common.parser(__doc__)
    p.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    p.add_argument("--url", help="a PostgreSQL server URL (no database part) instead of starting one")
    p.add_argument("--readers", type=int, default=20)
    p.add_argument("--writers", type=int, default=4)
    p.add_argument("--events", type=int, default=1000, help="events in the store before the load")
    p.add_argument("--reruns", type=int, default=5, help="timed reruns per reader")
    p.add_argument("--articles", type=int, default=40, help="articles ingested by the writers together")
    p.add_argument("--settle", type=float, default=30.0, help="seconds for the readers' first run")
    p.add_argument("--smoke", action="store_true", help="2 readers, 1 writer, 200 events, SQLite")
    args = p.parse_args()
    if args.smoke:
        args.backend, args.readers, args.writers, args.events, args.reruns, args.articles = \
            "sqlite", 2, 1, 200, 2, 4
    common.print_machine()
    print(f"git {common.git_revision()}; {args.readers} readers, {args.writers} writers, "
          f"{args.events} events")
    from bench_dashboard import fill_store

    from dashboard.store import Store

    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        args.backend_now = backend
        if backend == "sqlite":
            db = str(Path(tempfile.mkdtemp(prefix="vt-bench-shared-")) / "timeline.sqlite3")
            fill_store(db, args.events)        # type: ignore[arg-type]
            run_load(db, args)
            continue
        sys.path.insert(0, str(common.ROOT / "tests"))
        from contextlib import nullcontext

        import pg

        binaries = pg.pg_bin()
        if args.url is None and binaries is None:
            raise SystemExit("PostgreSQL is not installed (apt-get install postgresql), or give --url")
        with nullcontext(args.url) if args.url else pg.server(binaries) as url:
            database = f"bench_{os.getpid()}"
            pg._admin(url, f'CREATE DATABASE "{database}"')
            fill_store(f"{url}/{database}", args.events)     # type: ignore[arg-type]
            with Store(f"{url}/{database}").connect() as conn:   # the bulk loader wrote the ids itself
                conn.execute("SELECT setval(pg_get_serial_sequence('events', 'id'),"
                             " (SELECT MAX(id) FROM events))")
            run_load(f"{url}/{database}", args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
