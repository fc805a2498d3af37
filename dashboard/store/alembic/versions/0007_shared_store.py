"""7: a store shared by several writers: each link keeps the event its article gave (``own``, JSON of
the event columns) so a day can be merged again in the canonical order of its articles; unique keys
for links and anchors; the order articles arrived in (``arrival``, for backends without rowid); and the
``audit`` log of every write (ingests, deletes, restores, re-extractions, corrections, undos)."""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from dashboard.schema import EVENT_COLUMNS
from dashboard.store.db import Conn

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.add_column("articles", sa.Column("arrival", sa.Integer))
    op.add_column("deleted_articles", sa.Column("arrival", sa.Integer))
    op.add_column("event_sources", sa.Column("own", sa.Text))
    conn = Conn(op.get_bind())
    if conn.is_sqlite:      # stores of former releases: the order they kept is their rowid
        conn.execute("UPDATE articles SET arrival = rowid")
        conn.execute("UPDATE deleted_articles SET arrival = rowid")
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    rows = conn.execute(f"SELECT s.id, {cols} FROM event_sources s JOIN events e ON e.id = s.event_id"
                        " ORDER BY s.id").fetchall()
    conn.executemany("UPDATE event_sources SET own = ? WHERE id = ?",
                     [(json.dumps(dict(zip(EVENT_COLUMNS, r[1:], strict=True)), ensure_ascii=False), r[0])
                      for r in rows])
    op.drop_index("event_sources_key", "event_sources")
    op.create_index("event_sources_link", "event_sources", ["article_id", "key"], unique=True)
    op.drop_index("anchors_link", "anchors")
    op.create_index("anchors_key", "anchors", ["article_id", "key"], unique=True)
    op.create_index("articles_arrival", "articles", ["arrival"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False, server_default=""),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
        sa.Column("edit_id", sa.Integer),          # a correction or an undo: its edit
        sqlite_autoincrement=True)
    op.create_index("audit_at", "audit", ["at"])
    # the corrections made so far open the audit log
    conn.execute("INSERT INTO audit (at, author, action, article_id, detail, edit_id)"
                 " SELECT e.edited_at, e.author, e.action, a.article_id, e.new_value, e.id"
                 " FROM edits e JOIN anchors a ON a.id = e.anchor_id ORDER BY e.id")
