"""The SQLite store (the only package that imports sqlite3): see :mod:`dashboard.store.core`."""
from dashboard.store.core import (
    ARTICLE_COLUMNS,
    AddResult,
    ArticleRow,
    DeleteResult,
    ReplaceResult,
    RestoreResult,
    Store,
)
from dashboard.store.edits import LOG_COLUMNS
from dashboard.store.evidence import EVIDENCE_COLUMNS
from dashboard.store.migrations import MIGRATIONS
from dashboard.store.rows import EVENT_COLUMNS, LINK_COLUMNS
from dashboard.store.trash import DELETED_COLUMNS

__all__ = ["ARTICLE_COLUMNS", "DELETED_COLUMNS", "EVENT_COLUMNS", "EVIDENCE_COLUMNS", "LINK_COLUMNS",
           "LOG_COLUMNS", "MIGRATIONS", "AddResult", "ArticleRow", "DeleteResult", "ReplaceResult",
           "RestoreResult", "Store"]
