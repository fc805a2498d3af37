"""8: what the kept visits were grouped from (``visit_inputs``: per event, the day that places it, its
first article and a digest of the fields the grouping reads), so that the next read after a write
regroups only around the events that changed (:mod:`dashboard.regroup`). Starts empty, the visits
stale: the first read groups the whole timeline once."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_table(
        "visit_inputs",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("day", sa.Integer),
        sa.Column("article", sa.Text, nullable=False, server_default=""),
        sa.Column("digest", sa.BigInteger, nullable=False))
    op.execute("UPDATE visit_cache SET valid = 0")
