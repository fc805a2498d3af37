"""Batch ingest: articles per second for one ``ingest`` process, ``batch --workers 2`` (a LocalCluster)
and ``batch --scheduler`` on an external cluster (``dask scheduler`` and two ``dask worker --nthreads 1``
started here on 127.0.0.1 and stopped after), with the ratios; memory per worker; the per-core
extraction rate and the store's write rate, and from them a projection for one million articles.

The corpus: every ``.txt`` of SOURCE (default ``../shared/realnews``, the development set) copied
``--copies`` times, each copy with its own closing line, so every copy is a distinct article to the
store (and merges into the events of the others, as reports of one visit do). Each run starts from an
empty store; the three commands run alternating within a round, and each run's load average (1 min)
is printed with it. Every store's ``timeline`` must equal the one-process ``ingest``'s.

Commands timed (the project's .venv python, this checkout on PYTHONPATH for the workers too):

* ingest:   ``python -m dashboard ingest DIR/* --db A``
* local 2:   ``python -m dashboard batch DIR --workers 2 --db B``
* external: ``python -m dashboard batch DIR --scheduler tcp://127.0.0.1:PORT --db C`` (the cluster is
  started before the clock starts; its workers are fresh each round)

``--writes`` times the store's write path alone, the way a batch's client writes (partitions of 16,
one transaction each) on the same extracted partitions: this checkout, and with ``--baseline REV`` the
``dashboard`` package of another git revision (``git archive``, beside this checkout's data) in
alternating subprocesses, each into an empty SQLite store; the stores must come out the same. With
``--pg`` the same on PostgreSQL too (a server started as tests/pg.py starts it: fsync off).

Run:
    .venv/bin/python benchmarks/bench_batch.py                 # 8 copies (944 articles), 2 rounds
    .venv/bin/python benchmarks/bench_batch.py --rounds 3
    .venv/bin/python benchmarks/bench_batch.py --smoke         # the seed and fixtures, 2 copies, 1 round
    .venv/bin/python benchmarks/bench_batch.py --writes --baseline 9c71a6a --rounds 3 [--pg]
"""
from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

try:
    from benchmarks import common
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]

DEFAULT_SOURCE = common.ROOT.parent / "shared" / "realnews"
SMOKE_SOURCES = [common.ROOT / "tests" / "fixtures" / "corpus"]     # dated file names, offline
MILLION = 1_000_000


def corpus(sources: list[Path], copies: int, into: Path) -> int:
    """Copy every .txt of ``sources`` ``copies`` times into ``into``, each copy with its own last line."""
    into.mkdir(parents=True)
    texts = sorted(p for s in sources for p in s.glob("*.txt"))
    for k in range(1, copies + 1):
        for path in texts:
            body = path.read_text(encoding="utf-8").rstrip("\n")
            (into / f"c{k}_{path.name}").write_text(f"{body}\n\nArchive copy {k} of this report.\n",
                                                     encoding="utf-8")
    return len(texts) * copies


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(common.ROOT)}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=common.ROOT, env=_env(), capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"failed ({out.returncode}): {' '.join(cmd[:6])} ...\n{out.stderr[-2000:]}")
    return took


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def external_cluster(workers: int = 2):
    """``dask scheduler`` and ``workers`` one-thread ``dask worker`` processes on 127.0.0.1; stopped after."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(common.python()).parent / "dask")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": common.ROOT, "env": _env()}
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], **quiet)]   # type: ignore[call-overload]
    try:
        procs += [subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                                    "--host", "127.0.0.1", "--no-dashboard"], **quiet)   # type: ignore[call-overload]
                  for _ in range(workers)]
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def worker_memory(address: str) -> list[float]:
    """Peak RSS (MiB) of each worker process, read on the workers after the batch."""
    from distributed import Client

    def peak() -> float:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    with Client(address, timeout="30s") as client:
        return sorted(client.run(peak).values())


def timeline(db: Path) -> str:
    out = subprocess.run([common.python(), "-m", "dashboard", "timeline", "--db", str(db)], cwd=common.ROOT,
                         env=_env(), capture_output=True, text=True, check=True)
    return out.stdout


def in_process_rates(folder: Path, db: Path) -> tuple[float, float]:
    """One core: articles per second of read+extract alone, and of the store's partition writes alone."""
    from dashboard.archive import store_partition, writing
    from dashboard.batch import PARTITION, Known, process
    from dashboard.settings import Settings
    from dashboard.sources import items

    settings = Settings.from_env(db_path=db)
    found = list(items([folder], settings.max_unpacked_bytes))
    start = time.perf_counter()
    prepared = [o.prepared for o in process(found, settings, Known(frozenset())) if o.prepared]
    extract = len(found) / (time.perf_counter() - start)
    start = time.perf_counter()
    with writing(settings) as store:
        for i in range(0, len(prepared), PARTITION):
            store_partition(settings, prepared[i:i + PARTITION], store)
    return extract, len(prepared) / (time.perf_counter() - start)


# The write path alone, in a subprocess on a given ``dashboard`` package (argv: prepared pickle, store).
# A revision without ``archive.writing`` opened the store per partition, as its batch did.
WRITES = """
import pickle, sys, time
from contextlib import nullcontext
from pathlib import Path
from dashboard import archive
from dashboard.batch import PARTITION
from dashboard.settings import Settings
prepared = pickle.loads(Path(sys.argv[1]).read_bytes())
settings = Settings.from_env(db_path=sys.argv[2])
archive.stored_ids(settings)
start, cpu = time.perf_counter(), time.process_time()
with getattr(archive, "writing", lambda _: nullcontext())(settings) as store:
    for i in range(0, len(prepared), PARTITION):
        part = prepared[i:i + PARTITION]
        archive.store_partition(settings, part, store) if store else archive.store_partition(settings, part)
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def baseline_package(rev: str, into: Path) -> Path:
    """The ``dashboard`` package of git revision ``rev`` in ``into``, beside this checkout's data."""
    into.mkdir(parents=True)
    tar = subprocess.run(["git", "-C", str(common.ROOT), "archive", rev, "dashboard"],
                         capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=tar, check=True)
    (into / "data").symlink_to(common.ROOT / "data")
    return into


def store_rows(db: Path) -> list[list[tuple]]:
    """What a store holds, but the times of writing: events, links, articles, audit."""
    import sqlite3

    wanted = ["SELECT * FROM events ORDER BY id", "SELECT * FROM event_sources ORDER BY id",
              "SELECT id, title, source, published, language, published_from, url, arrival FROM articles"
              " ORDER BY id", "SELECT author, action, article_id, detail FROM audit ORDER BY id"]
    with sqlite3.connect(db) as conn:
        return [conn.execute(sql).fetchall() for sql in wanted]


def timed_writes(package: Path, prepared: Path, db: str) -> tuple[float, float]:
    """Wall and CPU seconds of writing the prepared partitions with ``package``'s write path."""
    env = {**os.environ, "PYTHONPATH": str(package)}
    out = subprocess.run([common.python(), "-c", WRITES, str(prepared), db], cwd=prepared.parent, env=env,
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"writes with {package} failed:\n{out.stderr[-2000:]}")
    wall, cpu = out.stdout.split()[-2:]
    return float(wall), float(cpu)


def per_article(n: int, wall: float, cpu: float) -> str:
    return (f"{n / wall:6.1f} articles/s, {1000 * wall / n:5.2f} ms per article "
            f"(CPU {1000 * cpu / n:5.2f} ms)")


@contextmanager
def postgres():
    """Make empty PostgreSQL databases on a server started as the tests start theirs (tests/pg.py)."""
    sys.path.insert(0, str(common.ROOT / "tests"))
    import pg

    binaries = pg.pg_bin()
    if binaries is None:
        sys.exit("PostgreSQL is not installed (apt-get install postgresql)")
    made = iter(range(10**6))
    with pg.server(binaries) as url:
        def fresh(_: str) -> str:
            database = f"writes_{os.getpid()}_{next(made)}"
            pg._admin(url, f'CREATE DATABASE "{database}"')
            return f"{url}/{database}"

        yield fresh


def write_rates(folder: Path, work: Path, baseline: str | None, rounds: int, on_pg: bool) -> None:
    """The write path alone on the same extracted partitions: this checkout and ``baseline``, alternating;
    on SQLite, and with ``on_pg`` on PostgreSQL too."""
    import pickle

    from dashboard.batch import Known, process
    from dashboard.settings import Settings
    from dashboard.sources import items

    settings = Settings.from_env(db_path=work / "extract.sqlite3")
    found = list(items([folder], settings.max_unpacked_bytes))
    prepared = [o.prepared for o in process(found, settings, Known(frozenset())) if o.prepared]
    (work / "prepared.pkl").write_bytes(pickle.dumps(prepared))
    packages = {"this checkout": common.ROOT}
    if baseline:
        packages[f"baseline {baseline}"] = baseline_package(baseline, work / "baseline")
    writes_on("SQLite", lambda name: str(work / f"{name}.sqlite3"), packages, work / "prepared.pkl",
              len(prepared), rounds)
    if on_pg:
        with postgres() as fresh:
            writes_on("PostgreSQL", fresh, packages, work / "prepared.pkl", len(prepared), rounds)


def writes_on(backend: str, fresh: Callable[[str], str], packages: dict[str, Path], prepared: Path, n: int,
              rounds: int) -> None:
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in packages}
    stores: dict[str, set[str]] = {}
    for r in range(rounds):
        for name, package in (list(packages.items()) if r % 2 == 0 else list(packages.items())[::-1]):
            db = fresh(f"writes_{r}_{len(times[name])}_{list(packages).index(name)}")
            load = os.getloadavg()[0]
            times[name].append(timed_writes(package, prepared, db))
            stores.setdefault(name, set()).add(repr(store_rows(Path(db))) if backend == "SQLite" else "")
            print(f"  round {r} {backend} {name:22s} {per_article(n, *times[name][-1])}  (load {load:.2f})")
    same = "yes" if len(set().union(*stores.values())) == 1 else "NO"
    print(f"store writes: {n} articles, partitions of 16, {backend}; the same store: "
          f"{same if backend == 'SQLite' else 'not compared (tests/test_store_bulk.py does)'}")
    for name, found_times in times.items():
        wall, cpu = (statistics.median(t[k] for t in found_times) for k in (0, 1))
        print(f"store writes {backend} {name}: {per_article(n, wall, cpu)} (median of {len(found_times)})")


def run_round(folder: Path, work: Path, n: int, order: list[str], label: int) -> dict[str, tuple[float, str]]:
    py = common.python()
    files = [str(p) for p in sorted(folder.iterdir())]
    done: dict[str, tuple[float, str]] = {}
    for name in order:
        db = work / f"{name}_{label}.sqlite3"
        load = os.getloadavg()[0]
        if name == "ingest":
            took = timed([py, "-m", "dashboard", "ingest", *files, "--db", str(db)])
        elif name == "local 2":
            took = timed([py, "-m", "dashboard", "batch", str(folder), "--workers", "2", "--no-progress",
                          "--db", str(db)])
        else:
            with external_cluster(2) as address:
                load = os.getloadavg()[0]
                took = timed([py, "-m", "dashboard", "batch", str(folder), "--scheduler", address,
                              "--no-progress", "--db", str(db)])
                memory = worker_memory(address)
                print(f"  worker peak RSS (MiB): {', '.join(f'{m:.0f}' for m in memory)}")
        print(f"  round {label} {name:9s} {took:6.1f} s  {n / took:6.1f} articles/s  (load {load:.2f})")
        done[name] = (n / took, timeline(db))
    return done


def main() -> None:
    ap = common.parser(__doc__)
    ap.add_argument("--source", type=Path, action="append", help="folder of .txt articles (repeatable)")
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--writes", action="store_true", help="time the store's write path alone")
    ap.add_argument("--baseline", metavar="REV", help="with --writes: also time this git revision's")
    ap.add_argument("--pg", action="store_true", help="with --writes: on PostgreSQL too (as tests/pg.py)")
    args = ap.parse_args()
    sources = args.source or ([*SMOKE_SOURCES] if args.smoke else [DEFAULT_SOURCE])
    copies, rounds = (2, 1) if args.smoke else (args.copies, args.rounds)
    work = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    try:
        folder = work / "articles"
        n = corpus(sources, copies, folder)
        print(f"articles: {n} ({copies} copies of {n // copies}); machine: {common.machine()}")
        if args.writes:
            write_rates(folder, work, args.baseline, rounds, args.pg)
            return
        rates: dict[str, list[float]] = {}
        same = True
        names = ["ingest", "local 2", "external 2"]
        for r in range(rounds):
            order = names if r % 2 == 0 else names[::-1]
            done = run_round(folder, work, n, order, r)
            same &= done["local 2"][1] == done["ingest"][1] == done["external 2"][1]
            for name, (rate, _) in done.items():
                rates.setdefault(name, []).append(rate)
        report(rates, same, *in_process_rates(folder, work / "rates.sqlite3"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(rates: dict[str, list[float]], same: bool, extract: float, write: float) -> None:
    med = {k: statistics.median(v) for k, v in rates.items()}
    print(f"batch same events as ingest: {'yes' if same else 'NO'}")
    for name in med:
        print(f"batch {name} throughput: {med[name]:.1f} articles/s (median of {len(rates[name])})")
    print(f"batch ratio local 2 / ingest: {med['local 2'] / med['ingest']:.2f}x")
    print(f"batch ratio external 2 / ingest: {med['external 2'] / med['ingest']:.2f}x")
    print(f"one core read+extract: {extract:.1f} articles/s; store writes (SQLite, partitions of 16): "
          f"{write:.1f} articles/s")
    limit = write / extract
    print(f"store becomes the limit past {limit:.1f} extracting cores")
    for cores in (16, 64):
        rate = min(cores * extract, write)
        bound = "store-bound" if cores * extract > write else "extraction-bound"
        alone = MILLION / (cores * extract) / 3600
        print(f"projection 1M articles on {cores} cores: {MILLION / rate / 3600:.1f} h "
              f"({rate:.0f} articles/s, {bound}; extraction alone {alone:.1f} h)")


if __name__ == "__main__":
    main()
