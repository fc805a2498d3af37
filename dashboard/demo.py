"""The demo: the bundled sample (``data/seed``) in a store of its own, never in the user's store.
``visit-timeline dashboard --demo`` (and ``python3 dev.py run``) open it; the page says it is a demo."""
from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from dashboard.service import ensure_seed
from dashboard.settings import Settings

DEMO_NAME = "demo.sqlite3"


def demo_settings(settings: Settings, folder: Path | None = None) -> Settings:
    """``settings`` on the demo store: ``demo.sqlite3`` in ``folder`` (default: the system's temporary
    folder, ``visit-timeline-demo``), so the sample never enters the user's own store."""
    where = folder if folder is not None else Path(tempfile.gettempdir()) / "visit-timeline-demo"
    return replace(settings, db_path=where / DEMO_NAME)


def open_demo(settings: Settings, folder: Path | None = None) -> Settings:
    """The demo store, with the sample (``data/seed``) loaded into it when it is empty."""
    demo = demo_settings(settings, folder)
    ensure_seed(demo)
    return demo


def is_demo(settings: Settings) -> bool:
    """Whether ``settings`` point at a demo store (the page says so)."""
    return settings.db_path.name == DEMO_NAME


