"""Alembic environment: runs on the connection handed over by `desktop.db.engine.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desktop.db.models import SQLModel

# Tables Alembic must not compare: the FTS5 index and its shadow tables live outside the models.
_UNMANAGED_PREFIXES = ("child_fts",)


def _include_name(name: str | None, type_: str, parent_names: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(_UNMANAGED_PREFIXES))


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        include_name=_include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _configure_and_run(connection)
else:  # `alembic` command line during development: -x url=sqlite:///file.db
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///dev.db")
    with create_engine(url).connect() as conn:
        _configure_and_run(conn)
