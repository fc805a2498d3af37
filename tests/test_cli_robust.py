"""One bad file never costs another, and dates never come from the clock (CLI and service).

A reader or an engine that raises something nobody raised on purpose (monkeypatched here) must turn
into that file's one-line refusal; the other files of the same call are stored. ``extract`` finds a
file's publication date as ``ingest`` does, and refuses a file with none.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import dashboard.extract as engine
import dashboard.service as service
from dashboard import cli, reading
from dashboard.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed" / "khiva_visit_2024-04-05.txt"
# Our own sentences: no date anywhere, so only --published can date them
UNDATED = ("Prezident Xivaga keldi\n\nPrezident Shavkat Mirziyoyev Xiva shahrida mehmonni kutib oldi. "
           "Soʻngra muzokaralar boʻlib oʻtdi.\n")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_path=tmp_path / "db" / "timeline.sqlite3")


def _failing(real, bad_name: str, exc: Exception):
    def reader(*args, **kwargs):       # read_path(path, settings) or read_bytes(data, name, settings)
        if any(isinstance(a, str | Path) and Path(a).name == bad_name for a in args):
            raise exc
        return real(*args, **kwargs)
    return reader


UNEXPECTED = [RuntimeError("reader bug"), KeyError("missing"), ZeroDivisionError("division by zero"),
              UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")]
IDS = ["runtime", "key", "zero-division", "unicode"]


@pytest.mark.parametrize("exc", UNEXPECTED, ids=IDS)
def test_cli_ingest_a_reader_that_raises_costs_only_its_file(tmp_path, settings, monkeypatch, capsys, exc):
    bad = tmp_path / "bad.txt"
    bad.write_text(UNDATED, encoding="utf-8")
    monkeypatch.setattr(reading, "read_path", _failing(reading.read_path, "bad.txt", exc))
    code = cli.main(["ingest", str(bad), str(SEED), "--db", str(settings.db_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [f"bad.txt: refused: could not be read ({type(exc).__name__}: "
                                f"{' '.join(str(exc).split())})"]
    assert "Traceback" not in out + err
    assert "khiva_visit_2024-04-05.txt: 5 events added" in out
    assert service.articles(settings)["source"].tolist() == ["khiva_visit_2024-04-05.txt"]


@pytest.mark.parametrize("exc", UNEXPECTED, ids=IDS)
def test_upload_through_the_service_a_reader_that_raises_costs_only_its_file(settings, monkeypatch, exc):
    monkeypatch.setattr(reading, "read_bytes", _failing(reading.read_bytes, "bad.html", exc))
    reports = service.ingest_many([("bad.html", b"<html><p>x</p></html>"), ("seed.txt", SEED.read_bytes())],
                                  settings, published="2024-04-05")
    assert [r.ok for r in reports] == [False, True]
    assert reports[0].message.startswith(f"bad.html: refused: could not be read ({type(exc).__name__}")
    assert "\n" not in reports[0].message
    assert service.articles(settings)["source"].tolist() == ["seed.txt"]


def test_an_engine_that_raises_costs_only_its_article(settings, monkeypatch):
    real = engine.extract

    def broken(text, *args, **kwargs):
        if "Xiva shahrida mehmonni" in text:
            raise IndexError("list index out of range")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(engine, "extract", broken)
    reports = service.ingest_many([("undated.txt", UNDATED.encode()), ("seed.txt", SEED.read_bytes())],
                                  settings, published="2024-04-05")
    assert reports[0].message == ("undated.txt: failed: could not extract events "
                                  "(IndexError: list index out of range)")
    assert reports[1].ok and reports[1].added == 5


def test_a_store_that_raises_costs_only_its_article(settings, monkeypatch):
    real = service.ingest_prepared

    def flaky(doc, *args, **kwargs):
        if doc.name == "undated.txt":
            raise OSError("disk went away")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(service, "ingest_prepared", flaky)
    reports = service.ingest_many([("undated.txt", UNDATED.encode()), ("seed.txt", SEED.read_bytes())],
                                  settings, published="2024-04-05")
    assert reports[0].message == "undated.txt: failed: could not be stored (OSError: disk went away)"
    assert reports[1].ok and reports[1].added == 5


# -- extract: the publication date as ingest finds it, never today ------------------------------------

def _extract(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = cli.main(["extract", *args, "--format", "jsonl"])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("khiva_2024-04-05.txt", UNDATED, "2024-04-05"),
    ("khiva.txt", "Prezident Xivaga keldi\n\n12.03.2025 kuni Prezident Shavkat Mirziyoyev Xiva shahrida "
                  "mehmonni kutib oldi.\n", "2025-03-12"),
], ids=["file-name", "text-latest-date"])
def test_extract_dates_events_from_the_file_without_published(tmp_path, capsys, name, text, expected):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, events, err = _extract(capsys, str(path))
    assert code == 0, err
    assert events and {e["date"] for e in events} == {expected}


def test_extract_refuses_a_file_with_no_date_in_one_line(tmp_path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    code, events, err = _extract(capsys, str(path))
    assert code == 1 and events == []
    assert err.splitlines() == [f"{path}: {service.NO_DATE} with --published"]
    code, events, err = _extract(capsys, str(path), "--published", "2024-04-05")
    assert code == 0 and events and {e["date"] for e in events} == {"2024-04-05"}, err


def test_the_engine_never_dates_events_today():
    with pytest.raises(engine.InputError, match="no publication date"):
        engine.extract(UNDATED)


@pytest.mark.parametrize("argv", [["extract", str(SEED)], ["extract"], ["timeline"]],
                         ids=["extract-file", "extract-nothing", "timeline"])
def test_a_data_folder_that_does_not_exist_fails_in_one_line(monkeypatch, capsys, argv):
    monkeypatch.setenv("VISIT_TIMELINE_DATA_DIR", "/nonexistent")
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.splitlines() == ["error: VISIT_TIMELINE_DATA_DIR: no such folder: /nonexistent"]


@pytest.mark.parametrize("verbose", [False, True], ids=["quiet", "verbose"])
def test_a_real_process_prints_one_line_for_the_bad_file_and_the_traceback_only_with_v(tmp_path, verbose):
    """Through a real interpreter (its own logging set-up): no traceback unless -v asks for the log."""
    bad = tmp_path / "bad.txt"
    bad.write_text(UNDATED, encoding="utf-8")
    code = ("import sys, dashboard.reading as s\n"
            "real = s.read_path\n"
            "def broken(path, settings):\n"
            "    if str(path).endswith('bad.txt'): raise RuntimeError('reader bug')\n"
            "    return real(path, settings)\n"
            "s.read_path = broken\n"
            "from dashboard.cli import main; sys.exit(main(sys.argv[1:]))")
    argv = [*(["-v"] if verbose else []), "ingest", str(bad), str(SEED), "--db", str(tmp_path / "t.sqlite3")]
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 1
    assert "khiva_visit_2024-04-05.txt: 5 events added" in done.stdout
    refusal = "bad.txt: refused: could not be read (RuntimeError: reader bug)"
    if verbose:
        assert refusal in done.stderr.splitlines() and "Traceback" in done.stderr
    else:
        assert done.stderr.splitlines() == [refusal]
