"""The store (the only package that talks to a database, through SQLAlchemy): SQLite or PostgreSQL,
see :mod:`dashboard.store.core`."""
from dashboard.store.core import Store
from dashboard.store.edits import HISTORY_COLUMNS, LOG_COLUMNS
from dashboard.store.evidence import EVIDENCE_COLUMNS
from dashboard.store.migrations import MIGRATIONS, SCHEMA_VERSION
from dashboard.store.model import (
    ARTICLE_COLUMNS,
    AddResult,
    ArticleRow,
    DeleteResult,
    ReplaceResult,
    RestoreResult,
)
from dashboard.store.rows import EVENT_COLUMNS, LINK_COLUMNS
from dashboard.store.trash import DELETED_COLUMNS

__all__ = ["ARTICLE_COLUMNS", "DELETED_COLUMNS", "EVENT_COLUMNS", "EVIDENCE_COLUMNS", "HISTORY_COLUMNS",
           "LINK_COLUMNS", "LOG_COLUMNS", "MIGRATIONS", "SCHEMA_VERSION", "AddResult", "ArticleRow",
           "DeleteResult", "ReplaceResult", "RestoreResult", "Store"]
