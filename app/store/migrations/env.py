"""Alembic environment: always run programmatically by ``app.store.migrate`` on an open connection."""

from alembic import context

from app.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only ALTER by rebuilding tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
