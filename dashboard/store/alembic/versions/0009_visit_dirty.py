"""9: what each write touched, for the kept visits (``visit_dirty``: the ids of the events a write may
have changed, written in the write's own transaction; a row without an id: anything may have changed),
so that the next read regroups from those events alone, read by key (:mod:`dashboard.store.dirty`).
Starts with one row without an id: the first read compares the whole timeline once."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.create_table("visit_dirty", sa.Column("event_id", sa.BigInteger))
    op.execute("INSERT INTO visit_dirty (event_id) VALUES (NULL)")
