"""The demo: the bundled sample (``data/seed``) in a store of its own, never in the user's store.
``visit-timeline dashboard --demo`` (and ``python3 dev.py run``) open it; the page says it is a demo."""
from __future__ import annotations

import json
import logging
import tempfile
from dataclasses import replace
from pathlib import Path

from dashboard import reading, service
from dashboard.errors import DataFileError, InputError, VisitTimelineError
from dashboard.ingest.dates import FROM_METADATA
from dashboard.service import IngestReport
from dashboard.settings import Settings
from dashboard.store import Store

log = logging.getLogger(__name__)
DEMO_NAME = "demo.sqlite3"


def demo_settings(settings: Settings, folder: Path | None = None) -> Settings:
    """``settings`` on the demo store: ``demo.sqlite3`` in ``folder`` (default: the system's temporary
    folder, ``visit-timeline-demo``), so the sample never enters the user's own store."""
    where = folder if folder is not None else Path(tempfile.gettempdir()) / "visit-timeline-demo"
    return replace(settings, db_path=str(where / DEMO_NAME))


def open_demo(settings: Settings, folder: Path | None = None) -> Settings:
    """The demo store, with the sample (``data/seed``) loaded into it when it is empty."""
    demo = demo_settings(settings, folder)
    ensure_seed(demo)
    return demo


def is_demo(settings: Settings) -> bool:
    """Whether ``settings`` point at a demo store (the page says so)."""
    return settings.db_file is not None and settings.db_file.name == DEMO_NAME


# -- the seed: the bundled sample articles (data/seed) into an empty store ------------------------------

def ensure_seed(settings: Settings, *, store: Store | None = None) -> IngestReport | None:
    """First run: load ``data/seed/*.txt`` (with each file's ``.json`` metadata) into an empty store.

    Returns None when the store already has articles (or there is no seed), else the report of the
    first seed file (the project ships one); every seed file is loaded.
    """
    store = store or service.store_for(settings)
    if store.stats()["articles"]:
        return None
    reports = [_ingest_seed(path, settings, store) for path in sorted(settings.seed_dir.glob("*.txt"))]
    for report in reports:
        (log.info if report.ok else log.warning)("seed: %s", report.message)
    return reports[0] if reports else None


def _ingest_seed(path: Path, settings: Settings, store: Store) -> IngestReport:
    try:
        meta = _seed_meta(path)
        doc = reading.read_input(path, settings)
        published, where = (meta["published"], FROM_METADATA) if meta.get("published") else doc.publication()
        if published is None:
            raise InputError(reading.NO_DATE)
        return service.ingest_prepared(doc, store, settings, str(published), title=meta.get("title"),
                       language=meta.get("language"), found_in=where)
    except VisitTimelineError as exc:
        return service.failure(path.name, exc)


def _seed_meta(path: Path) -> dict[str, str]:
    meta_path = path.with_suffix(".json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"seed metadata {meta_path.name} is unreadable: {exc}") from exc
    if not isinstance(meta, dict):
        raise DataFileError(f"seed metadata {meta_path.name} is not a JSON object")
    return {k: str(v) for k, v in meta.items() if v is not None}
