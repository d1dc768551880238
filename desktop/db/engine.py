"""Opening the SQLite file: durable pragmas, explicit transactions and automatic migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event

from desktop.db import alembic_kit

MIGRATIONS = Path(__file__).parent / "migrations"
ENCRYPTED_CACHE_KIB = 65536
BUSY_TIMEOUT_MS = 30_000
_WRITING = "sotreem_writing"  # execution option: this transaction will write


def connect_encrypted(path: Path | str, key: bytes, **kwargs: Any) -> sqlite3.Connection:
    """A SQLCipher connection with its raw key set; raises if the key does not open the file."""
    import sqlcipher3

    from desktop.db.keyfile import sqlcipher_key_pragma

    # sqlcipher3 is sqlite3's API built on SQLCipher (untyped): typed as sqlite3 here.
    conn: sqlite3.Connection = sqlcipher3.connect(str(path), **kwargs)
    conn.execute(sqlcipher_key_pragma(key))
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # wrong key fails here
    return conn


def make_engine(path: Path | str, key: bytes | None = None) -> Engine:
    """An engine whose every connection is in WAL mode with FULL sync and foreign keys on.

    `synchronous=FULL` makes every commit survive a power cut; WAL lets the GUI read while a
    worker writes. With a `key` the file is a SQLCipher database (AES-256, encrypted pages,
    WAL included); without one it is plain SQLite (tests and throw-away files).
    """
    if key is None:
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
    else:
        import sqlcipher3

        engine = create_engine(
            f"sqlite:///{path}",
            module=sqlcipher3,  # its errors map to SQLAlchemy's like sqlite3's do
            creator=lambda: connect_encrypted(
                path, key, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            ),
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if key is not None:
            # SQLCipher decrypts and checks every page it reads into its cache; a larger cache
            # (64 MiB, default 2 MiB) keeps the name and search indexes decrypted in memory.
            cursor.execute(f"PRAGMA cache_size=-{ENCRYPTED_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # pysqlite's implicit transactions skip SELECTs and break SAVEPOINTs; be explicit.
        # A write transaction takes the write lock at BEGIN, waiting its turn behind another
        # writer (the busy timeout): a deferred one that reads first and then writes fails at
        # once with "database is locked" when another process (a sync) wrote meanwhile, since
        # its snapshot is stale and waiting cannot help. Reads stay deferred and never wait.
        writing = connection.get_execution_options().get(_WRITING, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
        # Foreign keys are checked at COMMIT: one use case may add a parent and its children in
        # any order, and a half-valid transaction still never lands.
        connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")

    return engine


def for_writing(engine: Engine) -> Engine:
    """The same engine (and pool) whose transactions begin with the write lock
    (`BEGIN IMMEDIATE`): every transaction that may write uses it."""
    return engine.execution_options(**{_WRITING: True})


def alembic_config() -> Config:
    return alembic_kit.alembic_config(MIGRATIONS)


def head_revision() -> str:
    return alembic_kit.head_revision(MIGRATIONS)


def current_revision(engine: Engine) -> str | None:
    return alembic_kit.current_revision(engine)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (the newest by default); a no-op when already there.

    Only a file that needs it is migrated (with the write lock): opening an up-to-date file
    never waits for another process's write."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    alembic_kit.upgrade(for_writing(engine), MIGRATIONS, revision)
