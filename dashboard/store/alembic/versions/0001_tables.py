"""1: articles, merged events and the links between them (SQLite schema version 1)."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("source", sa.Text, nullable=False, server_default=""),
        sa.Column("published", sa.Text),
        sa.Column("language", sa.Text, nullable=False, server_default="und"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.Text, nullable=False))
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("date", sa.Text),
        sa.Column("time", sa.Text),
        sa.Column("date_precision", sa.Text, nullable=False, server_default="unknown"),
        *(sa.Column(name, sa.Text) for name in ("place", "place_kind", "place_precision", "place_id", "city",
                                                "region")),
        sa.Column("lat", sa.Float), sa.Column("lon", sa.Float), sa.Column("country", sa.Text),
        sqlite_autoincrement=True)
    op.create_index("events_position", "events", ["position"])
    op.create_table(
        "event_sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("place_surface", sa.Text),
        sa.Column("participants", sa.Text, nullable=False, server_default=""),
        sa.Column("evidence", sa.Text, nullable=False, server_default=""),
        sa.Column("evidence_start", sa.Integer, nullable=False, server_default="0"),
        sa.Column("evidence_end", sa.Integer, nullable=False, server_default="0"),
        sa.Column("confidence", sa.Float, nullable=False, server_default="0"),
        sqlite_autoincrement=True)
    op.create_index("event_sources_article", "event_sources", ["article_id", "seq"])
    op.create_index("event_sources_event", "event_sources", ["event_id"])
