"""The floor bench_dashboard.py divides by: benchmarks/minimal_app.py (one filter, three Plotly charts)
through ``streamlit.testing.v1.AppTest``, the page's first run after a write, and the ``--json`` file of
the ratios."""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

try:
    from benchmarks import common
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]

MINIMAL_APP = Path(__file__).resolve().parent / "minimal_app.py"
# an article of our own for the after-write figure (round r makes it a new article)
WRITE_TEXT = ("Toshkent, {day} mart. Prezident Shavkat Mirziyoyev bugun Samarqandga tashrif buyurdi va "
              "Samarqand xalqaro aeroportida mehmonni kutib oldi. Muzokaralar {r}-raundi boʻlib oʻtdi.")


def _timed(fn: Callable[[], object]) -> float:
    return _clocked(fn)[0]


def _clocked(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn``: the CPU time of the whole process (AppTest runs the script in a
    thread of it), which the other engineers' load on the machine inflates much less than wall time."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def _page_after_write(at, timeout: float, floor: MinimalApp | None, runs: list[float],
                      cpus: list[float]) -> None:
    """One page run after a write, its wall and CPU seconds appended; ``floor``'s first run after it."""
    elapsed, cpu = _clocked(lambda: at.run(timeout=timeout))
    if at.exception:
        raise SystemExit(f"the page failed after a write: {at.exception[0].message}")
    runs.append(elapsed)
    cpus.append(cpu)
    if floor is not None:
        floor.first_run()


class MinimalApp:
    """The minimal app, run between the page's runs (same load): fresh first runs and filter reruns."""

    def __init__(self, timeout: float) -> None:
        from streamlit.testing.v1 import AppTest

        self._new = lambda: AppTest.from_file(str(MINIMAL_APP), default_timeout=timeout)
        self.timeout = timeout
        self.at = self._check(self._new())      # untimed: its imports and first figures done once
        self.kinds = list(self.at.sidebar.multiselect(key="kind").options)
        self.firsts: list[float] = []
        self.firsts_cpu: list[float] = []
        self.reruns: list[float] = []

    def _check(self, at):
        if not at.run(timeout=self.timeout) or at.exception:
            raise SystemExit(f"the minimal app failed: {at.exception[0].message if at.exception else ''}")
        return at

    def first_run(self) -> None:
        """One first run of a new session of the app."""
        at = self._new()
        wall, cpu = _clocked(lambda: at.run(timeout=self.timeout))
        self.firsts.append(wall)
        self.firsts_cpu.append(cpu)

    def rerun(self) -> None:
        """One rerun after a filter change (the next kind)."""
        kind = self.kinds[len(self.reruns) % len(self.kinds)]
        box = self.at.sidebar.multiselect(key="kind")
        self.reruns.append(_timed(lambda: box.set_value([kind]).run(timeout=self.timeout)))

    def figures(self, size: int) -> dict[str, float]:
        """The medians (ms), printed."""
        out = {"first_run_ms": common.median(self.firsts) * 1000,
               "first_run_cpu_ms": common.median(self.firsts_cpu) * 1000,
               "rerun_ms": common.median(self.reruns) * 1000}
        common.figure(f"[{size}] minimal app first run", out["first_run_ms"], "ms",
                      f"median of {len(self.firsts)}, each next to a page run after an ingest")
        common.figure(f"[{size}] minimal app first run, CPU", out["first_run_cpu_ms"], "ms",
                      "the process's CPU time over the same runs")
        common.figure(f"[{size}] minimal app rerun after filter change", out["rerun_ms"], "ms",
                      f"median of {len(self.reruns)}, each next to a narrowing page rerun")
        return out


def ratios(size: int, page: dict[str, float], floor: dict[str, float]) -> dict[str, object]:
    """The --json entry of one size: the two ratios, then the figures they come from."""
    return {"events": size,
            "first_load_after_write_ratio": page["first_load_after_write_ms"] / floor["first_run_ms"],
            "rerun_narrow_ratio": page["rerun_narrow_ms"] / floor["rerun_ms"],
            "first_load_after_write_cpu_ratio":
                page["first_load_after_write_cpu_ms"] / floor["first_run_cpu_ms"],
            "first_load_after_write_fresh_ratio":
                page["first_load_after_write_fresh_ms"] / floor["first_run_ms"],
            "first_load_after_write_fresh_cpu_ratio":
                page["first_load_after_write_fresh_cpu_ms"] / floor["first_run_cpu_ms"],
            "page": page, "minimal_app": floor, "load_average": list(os.getloadavg())}


def write_json(path: Path, entries: list[dict[str, object]]) -> None:
    out = {"benchmark": "bench_dashboard.py", "git": common.git_revision(),
           "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "machine": common.machine(),
           "sizes": entries, "load_average": list(os.getloadavg())}
    if entries:     # the largest size's ratios at the top
        out.update({k: entries[-1][k] for k in ("first_load_after_write_ratio", "rerun_narrow_ratio",
                                                "first_load_after_write_cpu_ratio",
                                                "first_load_after_write_fresh_ratio",
                                                "first_load_after_write_fresh_cpu_ratio")})
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def after_write_fresh(page: Path, db: Path, rounds: int, size: int, timeout: float, floor: MinimalApp | None
                      ) -> tuple[float, float]:
    """Median ms (wall, CPU) of the first run after an ingest of a page that held nothing before it, as in
    a server started after the write: the process's held reads (``service.forget_held``) and Streamlit's
    caches dropped, a new session (the imports stay warm, as for the minimal app's first runs)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import service
    from dashboard.settings import Settings
    from dashboard.timeline import Timeline

    tl, runs, cpus = Timeline(Settings(db_path=db)), [], []
    for r in range(rounds):
        tl.ingest_text(WRITE_TEXT.format(day=20 + r, r=r + 11), name=f"bench_fresh_{r}.txt",
                       published=f"2025-03-{20 + r:02d}")
        service.forget_held()
        st.cache_resource.clear()
        st.cache_data.clear()
        _page_after_write(AppTest.from_file(str(page), default_timeout=timeout), timeout, floor, runs, cpus)
    common.figure(f"[{size}] apptest first run after an ingest, fresh page", common.median(runs) * 1000, "ms",
                  f"median of {len(runs)}: a new session of a page whose process held nothing before")
    common.figure(f"[{size}] apptest first run after an ingest, fresh page, CPU", common.median(cpus) * 1000,
                  "ms", "the process's CPU time over the same runs")
    return common.median(runs) * 1000, common.median(cpus) * 1000


def after_write(at, db: Path, rounds: int, size: int, timeout: float, floor: MinimalApp | None
                ) -> tuple[float, float]:
    """Median ms of the page's first run after an ingest (a new article each round), wall and the
    process's CPU; ``floor``'s first run after each."""
    from dashboard.settings import Settings
    from dashboard.timeline import Timeline

    tl, runs, cpus = Timeline(Settings(db_path=db)), [], []
    before = tl.stats()["events"]
    for r in range(rounds):
        tl.ingest_text(WRITE_TEXT.format(day=10 + r, r=r + 1), name=f"bench_write_{r}.txt",
                       published=f"2025-03-{10 + r:02d}")
        _page_after_write(at, timeout, floor, runs, cpus)
    added = tl.stats()["events"] - before
    if added <= 0:
        raise SystemExit("the ingests before the after-write runs added no event")
    common.figure(f"[{size}] apptest first run after an ingest", common.median(runs) * 1000, "ms",
                  f"median of {len(runs)} (one article ingested before each; {added} events added)")
    common.figure(f"[{size}] apptest first run after an ingest, CPU", common.median(cpus) * 1000, "ms",
                  "the process's CPU time over the same runs")
    return common.median(runs) * 1000, common.median(cpus) * 1000
