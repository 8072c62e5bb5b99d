"""Alembic environment. Runs only in-process: storage.migrate passes the connection in
`config.attributes["connection"]`, so there is no alembic.ini and no URL to configure."""

from __future__ import annotations

from alembic import context

from tryggapp.domain import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a bare `alembic` command
    raise RuntimeError("Run migrations through tryggapp.storage.migrate, not the alembic CLI.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables.
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
