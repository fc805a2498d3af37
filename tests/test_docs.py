"""The README's settings table is the one the code declares (as datasette's test_docs checks its settings)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.errors import InputError
from dashboard.settings import SETTINGS, Settings, env_var, markdown_table

README = Path(__file__).resolve().parents[1] / "README.md"
TABLE = re.compile(r"<!-- settings-table[^>]*-->\n(.*?)\n<!-- /settings-table -->", re.S)


def test_readme_settings_table_is_the_declared_one():
    found = TABLE.search(README.read_text(encoding="utf-8"))
    assert found, "README.md has no <!-- settings-table --> block"
    assert found.group(1) == markdown_table(), (
        "README's settings table is out of date; replace it with:\n" + markdown_table())


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_reads_its_environment_variable(setting):
    raw = {int: "7", float: "2.5"}.get(setting.type, "/tmp")   # a folder setting must name one that exists
    cfg = Settings.from_env({setting.env: raw})
    assert getattr(cfg, setting.name) == setting.type(raw)
    assert env_var(setting.name) == setting.env == "VISIT_TIMELINE_" + setting.name.upper()


def test_a_flag_wins_over_the_environment(tmp_path):
    cfg = Settings.from_env({"VISIT_TIMELINE_DB_PATH": "/tmp/env.sqlite3"}, db_path=tmp_path / "flag.sqlite3")
    assert cfg.db_path == str(tmp_path / "flag.sqlite3") and cfg.db_file == tmp_path / "flag.sqlite3"


def test_a_malformed_value_names_its_variable():
    with pytest.raises(InputError, match="VISIT_TIMELINE_MAX_TEXT_BYTES='lots' is not a valid int"):
        Settings.from_env({"VISIT_TIMELINE_MAX_TEXT_BYTES": "lots"})


def test_the_packaged_data_is_found():
    assert (Settings().lexicon_dir / "en.json").is_file()
    assert sorted(Settings().seed_dir.glob("*.txt"))


@pytest.mark.parametrize(("db", "file"), [
    ("/data/t.sqlite3", "/data/t.sqlite3"),
    ("rel/t.sqlite3", "rel/t.sqlite3"),
    ("sqlite:////data/t.sqlite3", "/data/t.sqlite3"),
    ("sqlite:///rel/t.sqlite3", "rel/t.sqlite3"),
    ("postgresql+psycopg://desk@db.example/timeline", None),
    ("postgresql://desk@127.0.0.1:5433/timeline", None),
], ids=["path", "relative", "sqlite-url-absolute", "sqlite-url-relative", "postgresql-psycopg", "postgresql"])
def test_the_store_file_is_named_only_for_sqlite(db, file):
    cfg = Settings(db_path=db)
    assert cfg.db_file == (None if file is None else Path(file))
