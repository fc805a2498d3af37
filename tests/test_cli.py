"""The command line's own behaviour: the dashboard command, info, articles, the shared flags."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard import cli


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
