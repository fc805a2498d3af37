"""The page process's memory at N events: its peak resident size (VmHWM) over a first load, a write and
the first load after it, as a person's browser makes them.

A synthetic store of N events (bench_dashboard.fill_store, ``--people`` as there) is served by
``python -m dashboard dashboard --db STORE`` (the ``visit-timeline dashboard`` command: it execs into
Streamlit, so its process is the server's; the script checks that no second process is left). Headless
Chromium (Playwright, /usr/bin/chromium) opens the page and waits until Streamlit's status widget has
been gone for 3 s; one small article is ingested by the command line; the page is reloaded and waited
for again. Printed: VmHWM and VmRSS of the server's process from /proc (MiB), the times and the load
average (figures on a loaded machine are only comparable within one session). The peak is reset after
the first load (/proc/PID/clear_refs), so each load's own peak is printed, and the process's peak is
the larger of the two.

``--settled``: the store's visits grouped (``freshness.settled_version``) in a process of its own before the
server starts, as a store read before keeps them: the page's first load then reads the saved visits
instead of grouping all N events (a store filled by ``fill_store`` has none saved).

``--split`` runs no server: in this process, the peak resident size each stage of a first load adds
(VmHWM reset between stages through /proc/self/clear_refs): importing the page, the store's upkeep
(``freshness.settled_version``: the read and the regroup it hands on), the page's own read
(``views.common._read``: the frame in timeline order, labels, options), the search box's index (made
when someone searches), dropping them; then one article ingested and the same again. It tells the
store's share of the peak from the page's. That process gets the allocator settings the ``dashboard``
command gives the server (``dashboard.quiet.LEAN_ENV``).

Run from the project root:
    PYTHONPATH=. .venv/bin/python benchmarks/page_memory.py --events 100000
    PYTHONPATH=. .venv/bin/python benchmarks/page_memory.py --events 100000 --settled
    PYTHONPATH=. .venv/bin/python benchmarks/page_memory.py --events 100000 --split
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

try:
    from benchmarks import bench_dashboard, floor
except ImportError:   # run as a script
    import bench_dashboard  # type: ignore[no-redef]
    import floor  # type: ignore[no-redef]

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
SETTLE = ("import sys; from pathlib import Path; from dashboard import freshness; "
          "from dashboard.settings import Settings; "
          "freshness.settled_version(Settings.from_env(db_path=Path(sys.argv[1])))")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status(pid: int) -> dict[str, float]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(value.split()[0]) / 1024
    return found


def _reset_peak(pid: int) -> None:
    """Reset a process's VmHWM to its present size (/proc/PID/clear_refs; the process's own user)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def _healthy(url: str, proc: subprocess.Popen, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit("the server stopped")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not become healthy")


def _settled(page, timeout: float) -> float:
    """Seconds until the page has run: the status widget gone for 3 s in a row."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    start = time.monotonic()
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=timeout * 1000)
    with contextlib.suppress(PlaywrightTimeout):   # a run shows the status widget (a quick one may not)
        page.wait_for_selector('[data-testid="stStatusWidget"]', timeout=15000)
    quiet = None
    while time.monotonic() - start < timeout:
        if page.locator('[data-testid="stStatusWidget"]').count() == 0:
            quiet = quiet or time.monotonic()
            if time.monotonic() - quiet >= 3:
                return quiet - start
        else:
            quiet = None
        time.sleep(0.25)
    raise SystemExit("the page did not finish running")


class _Stages:
    """Each stage's peak resident size in this process (MiB), the peak reset between stages."""

    def __init__(self) -> None:
        self.rss = 0.0

    def __call__(self, label: str) -> None:
        now = _status(os.getpid())
        print(f"{label:56s} peak {now['VmHWM']:6.0f} MiB (+{now['VmHWM'] - self.rss:4.0f}), "
              f"after {now['VmRSS']:6.0f} MiB", flush=True)
        Path("/proc/self/clear_refs").write_text("5")      # resets VmHWM to the current size
        self.rss = now["VmRSS"]


def split(db: Path) -> None:
    """The first load's stages in this process, before and after one write (see the docstring)."""
    import gc

    stage = _Stages()
    os.environ["VISIT_TIMELINE_DB_PATH"] = str(db)
    from dashboard import freshness
    from dashboard.timeline import Timeline
    from dashboard.views import common, find

    stage("imports (the page's modules)")
    cfg = common.settings()
    for when in ("first load", "load after a write"):
        if when != "first load":
            Timeline(cfg).ingest_text(floor.WRITE_TEXT.format(day=10, r=1), name="write.txt",
                                      published="2025-03-10")
            stage("one article ingested")
        version = freshness.settled_version(cfg)
        stage(f"{when}: the store's upkeep (read, regroup)")
        data = common._read(cfg, version)
        stage(f"{when}: the page's read ({len(data.frame)} events)")
        search = find._finder(cfg, version, data)
        stage(f"{when}: the search box's index")
        del data, search
        find._finder.clear()
        gc.collect()
        stage(f"{when}: the read dropped")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--events", type=int, default=100000)
    p.add_argument("--people", choices=("visits", "one"), default="visits")
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--split", action="store_true", help="no server: each stage's peak in this process")
    p.add_argument("--settled", action="store_true",
                   help="the store's visits grouped in a process of its own before the server starts")
    p.add_argument("--store", type=Path, help=argparse.SUPPRESS)    # --split's own process: this store
    args = p.parse_args()
    if args.split and args.store:
        split(args.store)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="vt-bench-mem-"))
    db = folder / "timeline.sqlite3"
    bench_dashboard.fill_store(db, args.events, people=args.people)
    if args.split:      # in a process of its own: the fill's memory is not the page's
        try:
            from dashboard.quiet import LEAN_ENV  # the allocators the server gets from the wrapper

            subprocess.run([sys.executable, __file__, "--split", "--store", str(db)], check=True,
                           env={**LEAN_ENV, **os.environ})
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return 0
    from playwright.sync_api import sync_playwright

    port = _port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    if args.settled:
        subprocess.run([sys.executable, "-c", SETTLE, str(db)], check=True, capture_output=True, env=env)
    with (folder / "server.log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "dashboard", "dashboard", "--db", str(db),
                                 "--server.port", str(port), "--server.address", "127.0.0.1",
                                 "--server.headless", "true"], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        _healthy(url, proc, args.timeout)
        print(f"server started: {_status(proc.pid)}")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page()
            page.goto(url)
            first = _settled(page, args.timeout)
            at_first = _status(proc.pid)
            print(f"first load {first:.1f} s: {at_first}")
            _reset_peak(proc.pid)       # the load after a write: a peak of its own
            note = folder / "write.txt"
            note.write_text(floor.WRITE_TEXT.format(day=10, r=1), encoding="utf-8")
            subprocess.run([sys.executable, "-m", "dashboard", "ingest", str(note), "--published",
                            "2025-03-10", "--db", str(db)], check=True, capture_output=True, env=env)
            page.reload()
            after = _settled(page, args.timeout)
            at_after = _status(proc.pid)
            print(f"first load after a write {after:.1f} s: {at_after} (VmHWM: this load's own peak)")
            browser.close()
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                  text=True).stdout.split()
        peak = max(at_first["VmHWM"], at_after["VmHWM"])
        print(f"peak resident size of the page's process at {args.events} events: "
              f"{peak:.0f} MiB (first load {at_first['VmHWM']:.0f}, load after a write "
              f"{at_after['VmHWM']:.0f}; pid {proc.pid}, child processes: {len(children)}); "
              "load average " + " / ".join(f"{x:.2f}" for x in os.getloadavg()))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
