"""The developers' guide, checked: the core imports neither streamlit nor sqlite3, and modules stay short."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dashboard"
MODULES = sorted(PACKAGE.rglob("*.py"))
EDGES = {"app.py", "views", "store"}             # the pages and the storage
MAX_LINES = 400


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("path", [p for p in MODULES if _name(p).split("/")[0] not in EDGES], ids=_name)
def test_core_imports_neither_streamlit_nor_sqlite3(path):
    assert not _imports(path) & {"streamlit", "sqlite3"}


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_is_under_the_line_limit(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines < MAX_LINES, f"{_name(path)} has {lines} lines"
