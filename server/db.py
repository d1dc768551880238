"""Engines for SQLite (the default) and PostgreSQL, and the schema brought up to date at start.

The SQLite file holds children's records and case summaries: it is created readable by the
server's user alone (0600, in a 0700 folder); SQLite gives its -wal and -shm files the same
mode. On PostgreSQL the cluster's own data directory is already 0700 (see the README for
encryption at rest).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, make_url

from desktop.db import alembic_kit
from server.bundle_keys import private_folder

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "server_alembic_version"  # apart from the desktop's, should both share a file
SQLITE_BUSY_MS = 30_000
_READ_ONLY = "sotreem_read_only"


def default_database_url() -> str:
    folder = Path(platformdirs.user_data_dir("sotreem-server", appauthor=False))
    private_folder(folder)
    return f"sqlite:///{folder / 'server.db'}"


def _private_sqlite_file(url: str) -> None:
    """Create the SQLite file 0600 before SQLite does (it would follow the umask, often 0644)
    and tighten one of ours made before that."""
    database = make_url(url).database
    if not database or database == ":memory:" or os.name != "posix":
        return
    path = Path(database)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    elif path.stat().st_uid == os.geteuid() and path.stat().st_mode & 0o077:
        path.chmod(0o600)


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
        _private_sqlite_file(url)
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
