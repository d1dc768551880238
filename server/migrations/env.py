"""Alembic environment of the server: runs on the connection handed over by `server.db.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from server.db import VERSION_TABLE
from server.schema import metadata


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        version_table=VERSION_TABLE,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _configure_and_run(connection)
else:  # `alembic` command line during development: -x url=sqlite:///server-dev.db
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///server-dev.db")
    with create_engine(url).connect() as conn:
        _configure_and_run(conn)
