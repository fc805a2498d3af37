"""Shared helpers of the benchmark scripts: paths, the machine, CPU pinning, statistics, printing.

Not a benchmark itself. Every script imports it first, which puts the repository root on ``sys.path``
so ``dashboard`` imports without installing the package.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = 20240405          # default random seed of the synthetic corpus
PEER_LANGUAGES = ["uz", "ru", "en"]


def parser(doc: str | None) -> argparse.ArgumentParser:
    """An argument parser whose --help shows the script's docstring (how to run it)."""
    return argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


def pin_one_core() -> str:
    """Pin this process to CPU 0 (``os.sched_setaffinity(0, {0})``); returns what was done, for the report."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (os.sched_setaffinity unavailable)"
    try:
        os.sched_setaffinity(0, {0})
    except OSError as exc:
        return f"not pinned ({exc})"
    return "pinned to CPU 0 with os.sched_setaffinity(0, {0})"


def machine() -> dict[str, str]:
    """Cores, memory, CPU model and versions, as the report quotes them."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except (OSError, ValueError):
        pass
    return {"cpu": model, "cores": str(os.cpu_count()), "memory": memory,
            "python": platform.python_version(), "platform": platform.platform()}


def print_machine() -> None:
    info = machine()
    print(f"machine: {info['cpu']} · {info['cores']} cores · {info['memory']} RAM · "
          f"Python {info['python']} · {info['platform']}")


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), nearest-rank on the sorted values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def figure(label: str, value: float | str, unit: str = "", note: str = "") -> None:
    """One figure per line, ``label: value unit  (note)``; the smoke test looks for the labels."""
    shown = f"{value:,.3f}" if isinstance(value, float) else str(value)
    text = f"{label}: {shown}{' ' + unit if unit else ''}"
    print(text + (f"  ({note})" if note else ""), flush=True)


def python() -> str:
    """The interpreter to run subprocesses with: the project's .venv when it exists."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def child_env() -> dict[str, str]:
    """Environment for subprocesses: the repository root importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def git_revision() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10, check=False)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"
