"""2: ``events.position`` orders events within their day (the old global positions stay valid)."""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.drop_index("events_position", "events")
    op.create_index("events_day", "events", ["date", "position"])
