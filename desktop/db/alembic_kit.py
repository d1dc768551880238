"""What the desktop's and the server's Alembic set-ups share: the constraint naming
convention, finding the head and current revisions, upgrading on one handed-over connection,
and the body of each `migrations/env.py`.

Both schemas live in SQLite (the server also in PostgreSQL), where batch mode rebuilds a table
to change it and must find every constraint again by name: hence one naming convention. The
server may import this module (it imports nothing of the desktop but SQLAlchemy and Alembic).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, create_engine

# Constraint names that Alembic batch mode on SQLite can find again.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
DEFAULT_VERSION_TABLE = "alembic_version"


def alembic_config(script_location: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def head_revision(script_location: Path) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine, version_table: str = DEFAULT_VERSION_TABLE) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(
            conn, opts={"version_table": version_table}
        ).get_current_revision()


def upgrade(engine: Engine, script_location: Path, revision: str = "head") -> None:
    """Run the migrations in one transaction, on a connection handed to `env.py`."""
    config = alembic_config(script_location)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def run_env(
    metadata: MetaData,
    *,
    dev_url: str,
    version_table: str = DEFAULT_VERSION_TABLE,
    include_name: Callable[[str | None, str, Any], bool] | None = None,
) -> None:
    """The body of a `migrations/env.py`: on the connection handed over by `upgrade`, or, for
    the `alembic` command line during development, on `-x url=…` (default `dev_url`)."""

    def configure_and_run(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,
            compare_type=True,
            version_table=version_table,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()

    connection = context.config.attributes.get("connection")
    if connection is not None:
        configure_and_run(connection)
    else:
        url = context.get_x_argument(as_dictionary=True).get("url", dev_url)
        with create_engine(url).connect() as conn:
            configure_and_run(conn)
