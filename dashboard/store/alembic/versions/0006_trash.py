"""6: ``articles.url``, and ``deleted_articles``: a deleted article kept whole so the delete can be undone."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.add_column("articles", sa.Column("url", sa.Text))
    op.create_table(
        "deleted_articles",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("source", sa.Text, nullable=False, server_default=""),
        sa.Column("published", sa.Text),
        sa.Column("language", sa.Text, nullable=False, server_default="und"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.Text, nullable=False),
        sa.Column("published_from", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("deleted_at", sa.Text, nullable=False),
        sa.Column("events", sa.Text, nullable=False, server_default="[]"))
