"""Alembic environment: always online, on the connection the runner hands over.

``desktop.storage.migrate`` opens the transaction (BEGIN IMMEDIATE, foreign keys
off) before Alembic starts, so every migration step runs inside that one
transaction and a failure leaves the database as it was.
"""

from alembic import context

from desktop.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters most things by copying the table
    transactional_ddl=True,  # our driver setup makes SQLite DDL transactional
)
with context.begin_transaction():
    context.run_migrations()
