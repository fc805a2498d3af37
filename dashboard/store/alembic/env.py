"""Alembic's entry point for the store: migrations run on the connection the store hands over
(``config.attributes["connection"]``), inside the store's own transaction."""
from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
