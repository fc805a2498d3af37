#!/usr/bin/env python3
"""Set up and run Visit Timeline with nothing but python3 (stdlib only).

    python3 dev.py run     install what is missing, then open the dashboard on the seed
    python3 dev.py test    install what is missing, then run ruff, mypy and every test
    python3 dev.py test --fast   the same without the browser and packaging tests (quick loops)
    python3 dev.py setup   only install

Setup is idempotent: a virtual environment in .venv, the project with its
test, bench and build-index extras at the versions of constraints.txt,
Debian's chromium for the browser tests and Debian's postgresql for the
store's tests on PostgreSQL (apt-get, as root).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".dev-stamp"
CONSTRAINTS = ROOT / "constraints.txt"    # the versions tested together: every install is reproducible
EXTRAS = "test,bench,build-index"
CHROMIUM = Path("/usr/bin/chromium")


def sh(*cmd: str | Path, **kw) -> None:
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def ensure_venv() -> None:
    if not PY.exists():
        try:
            sh(sys.executable, "-m", "venv", VENV)
        except subprocess.CalledProcessError:
            apt_install("python3-venv")
            shutil.rmtree(VENV, ignore_errors=True)
            sh(sys.executable, "-m", "venv", VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    sh(PY, "-m", "pip", "install", "-q", "-c", CONSTRAINTS, "--upgrade", "pip")
    sh(PY, "-m", "pip", "install", "-q", "-c", CONSTRAINTS, "-e", f"{ROOT}[{EXTRAS}]")
    STAMP.write_text(want)


def apt_install(*packages: str) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"please install {' '.join(packages)} (needs root and apt-get)", file=sys.stderr)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    sh("apt-get", "update", "-qq", env=env)
    sh("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def ensure_chromium() -> None:
    if not CHROMIUM.exists():
        apt_install("chromium", "fonts-dejavu-core")


def ensure_postgresql() -> None:
    """Debian's PostgreSQL server for the store's tests (tests/pg.py starts its own, in a temporary folder)."""
    if not any(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        apt_install("postgresql")


def run(extra: list[str]) -> int:
    """Become the Streamlit server (exec, same PID), so that a signal to ``dev.py run`` stops it."""
    ensure_venv()
    cmd = [str(PY), "-m", "dashboard", "dashboard", "--demo", *extra]   # the sample, in a demo store of its own
    print("+", " ".join(cmd), flush=True)
    os.chdir(ROOT)
    os.execv(cmd[0], cmd)


def test(extra: list[str]) -> int:
    """ruff, mypy, then pytest (``--fast``: not the tests marked browser or slow); the rest goes to pytest."""
    ensure_venv()
    ensure_postgresql()
    fast = "--fast" in extra
    extra = [a for a in extra if a != "--fast"]
    if fast:
        extra = ["-m", "not browser and not slow", *extra]
    else:
        ensure_chromium()
    checks = {"ruff": [PY, "-m", "ruff", "check", "dashboard", "tests", "benchmarks"],
              "mypy": [PY, "-m", "mypy"]}
    failed = [name for name, cmd in checks.items() if subprocess.call([str(c) for c in cmd], cwd=ROOT)]
    tests = subprocess.call([str(PY), "-m", "pytest", *extra], cwd=ROOT)
    for name in failed:
        print(f"{name} found problems (see above)", file=sys.stderr)
    return tests or int(bool(failed))


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__)
        return 2
    action, extra = argv[0], argv[1:]
    try:
        if action == "setup":
            ensure_venv()
            ensure_chromium()
            ensure_postgresql()
            return 0
        return run(extra) if action == "run" else test(extra)
    except subprocess.CalledProcessError as exc:
        print(f"setup step failed (exit {exc.returncode}): {' '.join(map(str, exc.cmd))}", file=sys.stderr)
        return exc.returncode or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
