"""4: corrections: each link's ``key``, the ``anchors`` that name an article's event across
re-extraction, and the ``edits`` log; links written before get their keys."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dashboard.store.db import Conn
from dashboard.store.migrations import backfill_keys

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.add_column("event_sources", sa.Column("key", sa.Text))
    op.create_index("event_sources_key", "event_sources", ["article_id", "key"])
    op.create_table(
        "anchors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("manual", sa.Integer, nullable=False, server_default="0"),
        sa.Column("kind", sa.Text),
        sa.Column("evidence", sa.Text, nullable=False, server_default=""),
        sa.Column("evidence_start", sa.Integer, nullable=False, server_default="0"),
        sa.Column("evidence_end", sa.Integer, nullable=False, server_default="0"),
        sqlite_autoincrement=True)
    op.create_index("anchors_link", "anchors", ["article_id", "key"])
    op.create_table(
        "edits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("anchor_id", sa.Integer, sa.ForeignKey("anchors.id"), nullable=False),
        sa.Column("edited_at", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False, server_default=""),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("old_value", sa.Text, nullable=False, server_default="{}"),
        sa.Column("new_value", sa.Text, nullable=False, server_default="{}"),
        sa.Column("undone_at", sa.Text),
        sa.Column("undone_by", sa.Text),
        sqlite_autoincrement=True)
    op.create_index("edits_anchor", "edits", ["anchor_id"])
    backfill_keys(Conn(op.get_bind()))
