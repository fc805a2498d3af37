"""The benchmark scripts still run: each at a tiny size, exit 0, and prints the figures it promises.

No timing is asserted here (benchmarks measure; tests check behaviour). Each script runs in a
subprocess exactly as BENCHMARKS.md says, with ``--smoke``.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"

CASES = [
    ("bench_extract.py", ["--smoke"], ["extract throughput (one core):", "extract per article median:",
                                       "extract per article p90:", "peer per article median:",
                                       "ratio ours/peer (total time):", "pinned to CPU 0",
                                       "ours: extract(...).records"]),
    ("bench_extract.py", ["--smoke", "--frame"], ["ours: extract_events (the frame)", "ratio ours/peer (total time):"]),
    ("bench_cold.py", ["--smoke"], ["cold CLI extract wall:", "cold CLI extract peak RSS:",
                                    "cold peer search_dates wall:", "cold ratio ours/peer wall:"]),
    ("bench_cold.py", ["--smoke", "--fallback"], ["getrusage", "cold CLI extract peak RSS:"]),
    ("bench_ingest.py", ["--smoke"], ["ingest articles: 20", "ingest total time:", "ingest throughput:",
                                      "store events:", "store size on disk:"]),
    ("bench_ingest_cpu.py", ["--smoke"], ["extract CPU per article median:", "ingest CPU per article median:",
                                          "ingest over extract CPU:",
                                          "store CPU per article within ingest median:",
                                          "store over extraction within ingest:"]),
    ("bench_dashboard.py", ["--smoke"], ["rerun functions, narrow (one kind):", "rerun functions, all",
                                         "timeline figure JSON", "map figure JSON",
                                         "apptest rerun after filter change, narrow:",
                                         "allocators: the page server's (quiet.lean_allocators)"]),
    ("bench_batch.py", ["--smoke", "--writes", "--baseline", "HEAD"],
     ["store writes: 22 articles", "the same store: yes", "store writes SQLite this checkout:",
      "store writes SQLite baseline HEAD:"]),
    ("extract_instructions.py", ["--smoke", "--corpus", "tests/fixtures/heldout"],
     ["phase imports and warm-up: 3 articles", "phase synthetic articles: 3 articles",
      "phase corpus articles: 3 articles"]),
    ("corpus.py", ["--n", "3", "--show"], ["articles: 3 from", "=== 000000_"]),
    ("venue_coverage.py", ["tests/fixtures/heldout"], ["gold events covered", "distinct gold places covered"]),
]


@pytest.mark.parametrize(("script", "args", "labels"), CASES,
                         ids=[f"{c[0]} {' '.join(c[1])}" for c in CASES])
def test_benchmark_runs(script: str, args: list[str], labels: list[str]) -> None:
    out = subprocess.run([sys.executable, str(BENCH / script), *args], cwd=ROOT, capture_output=True,
                         text=True, timeout=180, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    for label in labels:
        assert label in out.stdout, f"{label!r} missing from the output of {script}:\n{out.stdout[-3000:]}"


@pytest.mark.parametrize("script", ["bench_extract.py", "bench_cold.py", "bench_ingest.py",
                                    "bench_ingest_cpu.py", "bench_dashboard.py", "corpus.py",
                                    "extract_instructions.py"])
def test_benchmark_says_how_to_run_it(script: str) -> None:
    out = subprocess.run([sys.executable, str(BENCH / script), "--help"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    assert "Run:" in out.stdout and f"benchmarks/{script}" in out.stdout


def test_corpus_is_deterministic_and_varied() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import generate

    first, again = generate(30, seed=7, unique=True), generate(30, seed=7, unique=True)
    assert [a.text for a in first] == [a.text for a in again]
    assert len({a.text for a in first}) == 30
    assert [a.text for a in generate(30, seed=8)] != [a.text for a in first]


def test_bench_dashboard_writes_its_ratios(tmp_path: Path) -> None:
    out = tmp_path / "ratios.json"
    run = subprocess.run([sys.executable, str(BENCH / "bench_dashboard.py"), "--smoke", "--mode", "apptest",
                          "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=240, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    (entry,) = data["sizes"]
    page, floor = entry["page"], entry["minimal_app"]
    assert entry["events"] == 200 and len(entry["load_average"]) == 3
    assert entry["first_load_after_write_ratio"] == pytest.approx(
        page["first_load_after_write_ms"] / floor["first_run_ms"])
    assert entry["rerun_narrow_ratio"] == pytest.approx(page["rerun_narrow_ms"] / floor["rerun_ms"])
    assert entry["first_load_after_write_cpu_ratio"] == pytest.approx(
        page["first_load_after_write_cpu_ms"] / floor["first_run_cpu_ms"])
    assert entry["first_load_after_write_fresh_ratio"] == pytest.approx(
        page["first_load_after_write_fresh_ms"] / floor["first_run_ms"])
    assert data["first_load_after_write_fresh_cpu_ratio"] == pytest.approx(
        page["first_load_after_write_fresh_cpu_ms"] / floor["first_run_cpu_ms"])
    assert min(page.values()) > 0 and min(floor.values()) > 0
    assert data["rerun_narrow_ratio"] == entry["rerun_narrow_ratio"]
    assert "minimal app first run:" in run.stdout and "first run after an ingest:" in run.stdout
    assert "first run after an ingest, fresh page:" in run.stdout
