"""Alembic's environment for the store: always run by ``sandbox.store.migrate`` on a connection it
opened (and holds a transaction on), never from the command line with an alembic.ini."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
# The caller holds the transaction; on SQLite too the whole upgrade is one transaction (our
# connections emit BEGIN themselves), so a failed upgrade leaves the old schema as it was.
context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
