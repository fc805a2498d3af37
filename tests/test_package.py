"""The wheel is a real package: installed (not editable) into a fresh environment, it works from any folder.

The wheel is built once, offline, from this checkout. The fresh environment has no pip of its own and
borrows the already-installed dependencies of the test environment through a ``.pth`` line (the
editable install of the checkout is not activated that way: ``.pth`` files are read only in site
directories), so the ``dashboard`` it imports is the installed wheel's, with the wheel's data.
"""
from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port, wait_healthy

pytestmark = pytest.mark.slow

SEED = ROOT / "data" / "seed" / "khiva_visit_2024-04-05.txt"
SEED_KINDS = ["arrival", "tour", "talks", "visit", "departure"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    shutil.copytree(ROOT, build / "src", ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "artifacts", "*.egg-info", "__pycache__", ".pytest_cache", ".mypy_cache",
        ".ruff_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(out), str(build / "src")], check=True, capture_output=True)
    (found,) = out.glob("visit_timeline-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh environment with the wheel installed, and the test environment's dependencies."""
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    purelib = Path(subprocess.check_output(
        [str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        text=True).strip())
    deps = [p for p in {*site.getsitepackages(), sysconfig.get_path("purelib")} if Path(p).is_dir()]
    (purelib / "_test_deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    return env


@pytest.fixture
def elsewhere(tmp_path) -> tuple[Path, dict[str, str]]:
    """Another folder to run in, and an environment that does not point back at the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VISIT_TIMELINE_"))}
    env["VISIT_TIMELINE_DB_PATH"] = str(tmp_path / "timeline.sqlite3")
    return tmp_path, env


def run(venv: Path, *args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / args[0]), *args[1:]], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=300)


def test_the_wheel_holds_every_package_the_data_and_the_static_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "dashboard").rglob("__init__.py")}
    assert {f"{p}/__init__.py" for p in packages} <= names
    data = {f"dashboard/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / "data").rglob("*") if p.is_file()}
    static = {p.relative_to(ROOT).as_posix() for p in (ROOT / "dashboard" / "static").rglob("*") if p.is_file()}
    missing = sorted((data | static) - names)
    assert data and static and not missing, (
        f"not in the wheel: {missing}; list their folder under [tool.setuptools] packages and package-data "
        "in pyproject.toml")


def test_installed_package_extracts_the_seed_from_another_folder(venv, elsewhere):
    cwd, env = elsewhere
    seed = shutil.copy(SEED, cwd / "article.txt")
    done = run(venv, "python", "-m", "dashboard", "extract", str(seed), "--published", "2024-04-05",
               "--format", "jsonl", cwd=cwd, env=env)
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert [e["kind"] for e in events] == SEED_KINDS
    where = run(venv, "python", "-c", "import dashboard, dashboard.settings as s; "
                "print(dashboard.__file__); print(s.DEFAULT.data_dir)", cwd=cwd, env=env)
    module, data_dir = where.stdout.split()
    assert Path(module).is_relative_to(venv) and Path(data_dir).is_relative_to(venv), where.stdout


def test_console_script_answers_and_ingests(venv, elsewhere):
    cwd, env = elsewhere
    helped = run(venv, "visit-timeline", "--help", cwd=cwd, env=env)
    assert helped.returncode == 0 and "dashboard" in helped.stdout and "extract" in helped.stdout
    ingested = run(venv, "visit-timeline", "ingest", str(SEED), "--published", "2024-04-05", cwd=cwd, env=env)
    assert ingested.returncode == 0, ingested.stderr
    assert "5 events added" in ingested.stdout


def test_console_script_serves_the_page_and_its_static_files(venv, elsewhere):
    cwd, env = elsewhere
    port = free_port()
    proc = subprocess.Popen([str(venv / "bin" / "visit-timeline"), "dashboard", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        with urllib.request.urlopen(f"{url}/app/static/topojson/world_110m.json", timeout=10) as response:
            assert json.loads(response.read())["type"] == "Topology"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
