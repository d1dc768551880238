"""The register's file before it is opened: its commune, and whether SQLite finds it whole.

Both run before the login screen paints (no SQLAlchemy, no SQLCipher unless the file is
encrypted and the key is known), for the start-up path and for the window that opens later.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def commune_of(db_path: Path) -> str | None:
    """The commune code of a set-up register, read without opening it; None otherwise."""
    from desktop.db.keyfile import KeyFile

    keys = KeyFile.for_db(db_path)
    if keys is not None:
        return keys.commune_code
    if not db_path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = 'commune_code'").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def check_file(db_path: Path, key: bytes | None = None) -> None:
    """Raise a DatabaseError unless SQLite's quick check passes (with the key if encrypted)."""
    if key is None:
        conn = sqlite3.connect(db_path, timeout=5)
    else:
        from desktop.db.engine import connect_encrypted

        conn = connect_encrypted(db_path, key, timeout=5)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()
    if result != "ok":
        raise sqlite3.DatabaseError(result)
