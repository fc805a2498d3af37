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


def _store_reaches(path: Path) -> set[str]:
    """Imports of ``dashboard.store``, calls of ``store_for`` and of ``service.*`` (the use-cases the
    Timeline façade wraps) in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {f"import {a.name}" for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
             if a.name.startswith("dashboard.store")}
    found |= {f"from {n.module}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
              if (n.module or "").startswith("dashboard.store")
              or (n.module == "dashboard" and any(a.name == "store" for a in n.names))}
    found |= {f"call {getattr(n.func, 'attr', getattr(n.func, 'id', ''))}" for n in ast.walk(tree)
              if isinstance(n, ast.Call) and "store_for" in {getattr(n.func, "attr", ""), getattr(n.func, "id", "")}}
    found |= {f"call service.{n.func.attr}" for n in ast.walk(tree) if isinstance(n, ast.Call)
              and isinstance(n.func, ast.Attribute) and getattr(n.func.value, "id", "") == "service"}
    return found


PAGES_AND_CLI = [*sorted((PACKAGE / "views").glob("*.py")), PACKAGE / "cli.py"]


@pytest.mark.parametrize("path", PAGES_AND_CLI, ids=_name)
def test_pages_and_cli_reach_the_store_only_through_the_timeline(path):
    assert not _store_reaches(path)


@pytest.mark.parametrize("source, found", [
    ("from dashboard.store import Store\n", {"from dashboard.store"}),
    ("from dashboard import store\n", {"from dashboard"}),
    ("import dashboard.store.sql\n", {"import dashboard.store.sql"}),
    ("service.store_for(cfg)\n", {"call store_for", "call service.store_for"}),
    ("service.articles(cfg)\n", {"call service.articles"}),
    ("Timeline(cfg).undo(1)\n", set()),
], ids=["from-store", "from-package", "import", "store_for", "service-call", "facade"])
def test_the_store_check_sees_each_way_in(tmp_path, source, found):
    module = tmp_path / "page.py"
    module.write_text(source, encoding="utf-8")
    assert _store_reaches(module) == found
