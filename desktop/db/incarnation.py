"""Which copy of a register this is: an incarnation id, new at every restore.

A desktop restored from a backup (or a file copied over by hand) numbers its next edits from
an old change-log seq again, with clocks that may say anything. The server must not take those
for replays of what it already has, nor drop them. So every copy of a database gets its own
incarnation id, each change-log entry records the incarnation that wrote it, and the server
knows a change by (device, incarnation, seq): a restored copy's new edits are new, and the
entries it carries from before the backup are recognised by their old incarnation.

A new id is written:
- at the first open of a database (`init`, a reader's copy, an older file upgraded);
- by `backup.restore`, into the copy before it replaces the register (`mark_restored`), with
  a note the Đồng bộ page and the next sync show to the officer;
- at open, when the file is not the one the id was given to (another inode: a backup copied
  over the register by hand, a register copied to another PC). A new incarnation is always
  safe; a missed one is what loses data.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from uuid6 import uuid7

INCARNATION_KEY = "sync.incarnation"
FILE_ID_KEY = "sync.file_id"  # the file the incarnation was given to
RESTORED_KEY = "sync.restored"  # JSON note of a restore not yet synced


def new_id() -> str:
    return str(uuid7())


def file_identity(path: Path) -> str | None:
    """The file's identity on its disk (inode / NTFS file index), None when unknown."""
    try:
        inode = os.stat(path).st_ino
    except OSError:
        return None
    return str(inode) if inode else None


def settle(settings: dict[str, str], path: Path) -> tuple[str, dict[str, str | None]]:
    """The incarnation of the database at `path` and the settings to store for it."""
    current = settings.get(INCARNATION_KEY)
    here = file_identity(path)
    recorded = settings.get(FILE_ID_KEY)
    if current is None:
        return _fresh(here)
    if here is not None and recorded is not None and here != recorded:
        # Another file than the one the id was given to: a copy (or the register rewritten
        # whole, as encrypting an old plain file does). A new id costs nothing; no note, since
        # it need not have been a restore.
        return _fresh(here)
    if here is not None and recorded is None:
        return current, {FILE_ID_KEY: here}
    return current, {}


def _fresh(here: str | None) -> tuple[str, dict[str, str | None]]:
    value = new_id()
    return value, {INCARNATION_KEY: value, FILE_ID_KEY: here}


def mark_restored(conn: sqlite3.Connection, source: Path, made: datetime) -> None:
    """In the restored copy, before it replaces the register: a new incarnation (its file id
    is taken at the next open) and the note of what happened."""
    note = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "how": "restored",
            "file": source.name, "made": made.isoformat(timespec="minutes")}  # fmt: skip
    with conn:
        conn.execute("DELETE FROM setting WHERE key = ?", (FILE_ID_KEY,))
        conn.executemany(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
            [(INCARNATION_KEY, new_id()), (RESTORED_KEY, json.dumps(note, ensure_ascii=False))],
        )


def restored_note(settings: dict[str, str]) -> dict[str, Any] | None:
    raw = settings.get(RESTORED_KEY)
    if not raw:
        return None
    try:
        note = json.loads(raw)
    except ValueError:
        return None
    return note if isinstance(note, dict) else None
