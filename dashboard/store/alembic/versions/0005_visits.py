"""5: the visits kept as a cache of the corrected timeline (starts stale), and
``articles.published_from``."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.add_column("articles", sa.Column("published_from", sa.Text))
    op.create_table(
        "visits",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("principals", sa.Text, nullable=False, server_default="[]"),
        sa.Column("host", sa.Text, nullable=False),
        sa.Column("region", sa.Text),
        sa.Column("start", sa.Text, nullable=False),
        sa.Column("end_", sa.Text, nullable=False),
        sa.Column("cities", sa.Text, nullable=False, server_default="[]"),
        sa.Column("articles", sa.Text, nullable=False, server_default="[]"))
    op.create_table(
        "visit_events",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("visit_id", sa.Text, sa.ForeignKey("visits.id", ondelete="CASCADE"), nullable=False),
        sa.Column("rank", sa.Integer, nullable=False))
    op.create_index("visit_events_visit", "visit_events", ["visit_id", "rank"])
    op.create_table("visit_cache", sa.Column("valid", sa.Integer, nullable=False))
    op.execute("INSERT INTO visit_cache (valid) VALUES (0)")
