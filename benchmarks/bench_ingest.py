"""Ingest of many articles into a fresh store: total time, articles per second, size on disk.

Each synthetic article (benchmarks/corpus.py, all distinct texts) goes through the same path as the
paste box and the CLI, through the one door: ``Timeline(settings).ingest_text(text, name, published)``
(read, extract, merge into the timeline, one SQLite transaction per article), into a new store in a
temporary folder. Printed: total wall time, articles/s, per-article time in the first and the last
tenth (does adding get slower as the timeline grows?), the store's counts and its size on disk (the
SQLite file plus its -wal/-shm, and the file alone after a WAL checkpoint).

Run:
    .venv/bin/python benchmarks/bench_ingest.py                 # 10,000 articles
    .venv/bin/python benchmarks/bench_ingest.py --n 1000 --keep /tmp/vt.sqlite3
    .venv/bin/python benchmarks/bench_ingest.py --max-seconds 600   # as many of 10,000 as fit in 10 min
    .venv/bin/python benchmarks/bench_ingest.py --smoke         # 20 articles (for tests)
"""
from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

try:
    from benchmarks import common
    from benchmarks.corpus import generate
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]
    from corpus import generate  # type: ignore[no-redef]


def disk_size(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
               if p.exists())


def main() -> int:
    p = common.parser(__doc__)
    p.add_argument("--n", type=int, default=10_000, help="articles to ingest (default 10000)")
    p.add_argument("--seed", type=int, default=common.SEED)
    p.add_argument("--keep", type=Path, help="keep the store at this path (must not exist)")
    p.add_argument("--max-seconds", type=float, default=None,
                   help="stop after this long and report what was ingested (adding slows as the store grows)")
    p.add_argument("--pin", action="store_true", help="pin to CPU 0 (os.sched_setaffinity(0, {0}))")
    p.add_argument("--smoke", action="store_true", help="20 articles (for the smoke test)")
    args = p.parse_args()
    if args.smoke:
        args.n = 20
    from dashboard.settings import Settings
    from dashboard.timeline import Timeline

    pinned = common.pin_one_core() if args.pin else "not pinned"
    common.print_machine()
    print(f"cpu: {pinned}; git {common.git_revision()}")
    articles = generate(args.n, args.seed, unique=True)
    print(f"corpus: {len(articles)} distinct articles, seed {args.seed}", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="vt-bench-ingest-"))
    db = args.keep or folder / "timeline.sqlite3"
    if db.exists():
        raise SystemExit(f"{db} exists; give a new path")
    settings = Settings(db_path=db)
    try:
        tl = Timeline(settings)
        times: list[float] = []
        errors = duplicates = 0
        step = max(1, len(articles) // 10)
        start = time.perf_counter()
        for i, a in enumerate(articles, start=1):
            t0 = time.perf_counter()
            report = tl.ingest_text(a.text, name=a.name, published=a.published)
            times.append(time.perf_counter() - t0)
            errors += report.error is not None
            duplicates += report.duplicate
            if i % step == 0 or i == len(articles):
                elapsed = time.perf_counter() - start
                print(f"  {i} articles, {elapsed:.1f} s, last {times[-1] * 1000:.0f} ms/article", flush=True)
            if args.max_seconds and time.perf_counter() - start > args.max_seconds:
                print(f"  stopped by --max-seconds after {i} of {len(articles)} articles", flush=True)
                break
        total = time.perf_counter() - start
        stats = tl.stats()
        size_wal = disk_size(db)
        with contextlib.closing(sqlite3.connect(db)) as conn:   # the file on disk, as SQLite leaves it
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_file = db.stat().st_size
        tenth = max(1, len(times) // 10)
        done = len(times)
        common.figure("ingest articles", done, "", f"{errors} refused/failed, {duplicates} duplicates")
        common.figure("ingest total time", total, "s")
        common.figure("ingest throughput", done / total, "articles/s")
        common.figure("ingest per article first tenth median", common.median(times[:tenth]) * 1000, "ms")
        common.figure("ingest per article last tenth median", common.median(times[-tenth:]) * 1000, "ms")
        common.figure("store events", stats["events"], "", f"{stats['links']} sources, "
                      f"{stats['merged_events']} events with several sources")
        common.figure("store size on disk", size_wal / 1e6, "MB", "file + wal + shm, as left by ingest")
        common.figure("store size after checkpoint", size_file / 1e6, "MB",
                      f"{size_file / max(done, 1) / 1024:.1f} KiB per article")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
