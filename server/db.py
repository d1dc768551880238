"""Engines for SQLite (the default) and PostgreSQL, and the schema brought up to date at start."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event

from desktop.db import alembic_kit

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "server_alembic_version"  # apart from the desktop's, should both share a file
SQLITE_BUSY_MS = 30_000
_READ_ONLY = "sotreem_read_only"


def default_database_url() -> str:
    folder = Path(platformdirs.user_data_dir("sotreem-server", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.db'}"


def normalize_url(url: str) -> str:
    """`postgresql://…` (what people type) means the psycopg 3 driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False}
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection) -> None:
            # One writer at a time, decided at BEGIN: no lock upgrade can fail half-way.
            # Readers (`reading`) take a plain BEGIN and never wait for writers (WAL).
            read = connection.get_execution_options().get(_READ_ONLY, False)
            connection.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_size=20, max_overflow=100, pool_pre_ping=True)


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction: one consistent snapshot, never blocking writers."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{_READ_ONLY: True})
        with conn.begin():
            yield conn


def alembic_config() -> Config:
    return alembic_kit.alembic_config(MIGRATIONS)


def head_revision() -> str:
    return alembic_kit.head_revision(MIGRATIONS)


def current_revision(engine: Engine) -> str | None:
    return alembic_kit.current_revision(engine, VERSION_TABLE)


def migrate(engine: Engine) -> None:
    """Bring the server schema to the newest revision; a no-op when already there."""
    if current_revision(engine) != head_revision():
        alembic_kit.upgrade(engine, MIGRATIONS)
