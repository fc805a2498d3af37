"""Has the store changed since the page read it? A cheap fingerprint that any process's write changes."""
from __future__ import annotations

from pathlib import Path

from dashboard import service
from dashboard.settings import Settings


def data_version(settings: Settings) -> tuple[int, ...]:
    """A cheap fingerprint of the store, for a page to notice a write by any process (the CLI, another
    tab): on SQLite the size and modification time (ns) of the file and of its write-ahead log (two
    ``stat`` calls, no connection; a store not created yet is all zeros); on a database server the id
    of the latest write in its audit log (one query)."""
    path = settings.db_file
    if path is None:
        return (service.store_for(settings).last_write(),)
    found: list[int] = []
    for suffix in ("", "-wal"):
        try:
            info = Path(f"{path}{suffix}").stat()
        except OSError:
            found += [0, 0]
        else:
            found += [info.st_mtime_ns, info.st_size]
    return tuple(found)


def settled_version(settings: Settings) -> tuple[int, ...]:
    """:func:`data_version` after the store's own upkeep that the next read would do (regrouping visits
    marked stale by a write), so reading the store does not change the version it was read at."""
    service.settle(settings)
    return data_version(settings)
