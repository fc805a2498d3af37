"""3: ``events.status``: "planned" for announced or future events, else "happened"."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.add_column("events", sa.Column("status", sa.Text, nullable=False, server_default="happened"))
