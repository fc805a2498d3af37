"""10: ``visit_dirty`` becomes a change log read by several readers: each row gets an increasing ``id``,
and the rows stay after a read. The kept visits remember the last row they digested
(``visit_cache.seen``); a page that holds the timeline remembers its own, and after a write reads only
the events changed since (:mod:`dashboard.store.patch`). Old rows are pruned; ``visit_cache.floor`` is
the last pruned id, so a reader older than it reads everything again. ``visit_cache.generation`` counts
the refreshes of the kept visits, so a process that made the last refresh needs not read them back.
``visit_cache.token`` tells this store from another one made at the same place (a reader's marks mean
nothing there). Starts with one row without an event id: every reader's first read is a whole one."""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.drop_table("visit_dirty")
    op.create_table(
        "visit_dirty",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.BigInteger),
        sqlite_autoincrement=True)      # ids never reused: a reader's mark stays meaningful after a prune
    op.execute("INSERT INTO visit_dirty (event_id) VALUES (NULL)")
    with op.batch_alter_table("visit_cache") as batch:
        batch.add_column(sa.Column("seen", sa.BigInteger, nullable=False, server_default="0"))
        batch.add_column(sa.Column("floor", sa.BigInteger, nullable=False, server_default="0"))
        batch.add_column(sa.Column("generation", sa.BigInteger, nullable=False, server_default="0"))
        batch.add_column(sa.Column("token", sa.Text, nullable=False, server_default=""))
    op.execute(sa.text("UPDATE visit_cache SET valid = 0, token = :token").bindparams(token=uuid.uuid4().hex))
