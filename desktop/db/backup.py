"""Backups with SQLite's online backup API: consistent copies while the register is open.

A backup is a complete database file, checked with `PRAGMA integrity_check` before it is
trusted. Restoring keeps a copy of the current database first, so a wrong restore can itself
be undone. Automatic backups rotate in the data folder (the newest `KEEP` are kept).

An encrypted register gives encrypted backups: the online backup API runs between two
SQLCipher connections with the same data key, and the key file (the key slots) is copied
beside each backup (`X.db` → `X.keys.json`), so a backup on a USB stick opens on another PC
with an account's password or the recovery code, and with nothing else.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.db import incarnation
from desktop.db.errors import DiskFull, is_disk_full, sqlite_errors

KEEP = 10
_PREFIX = "sotreem-"


class BackupError(RuntimeError):
    """A backup that cannot be made or trusted; the message is Vietnamese."""


class BackupDiskFull(BackupError, DiskFull):
    """No room for the copy on the target disk; the database itself is untouched."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    commune_code: str | None
    children: int
    cases: int
    unsent_changes: int


def _connect(path: Path | str, key: bytes | None, **kwargs: Any) -> sqlite3.Connection:
    """A plain sqlite3 connection, or a SQLCipher one opened with `key`."""
    if key is None:
        conn: sqlite3.Connection = sqlite3.connect(path, **kwargs)
        return conn
    from desktop.db.engine import connect_encrypted

    return connect_encrypted(path, key, **kwargs)


def keys_beside(db_file: Path) -> Path:
    from desktop.db.keyfile import path_for

    return path_for(db_file)


def _copy_keys(source_db: Path, target_db: Path) -> None:
    source, target = keys_beside(source_db), keys_beside(target_db)
    if source.exists():
        tmp = target.with_name(f".{target.name}.partial")
        tmp.write_bytes(source.read_bytes())
        os.replace(tmp, target)


def _copy(
    source: Path,
    target: Path,
    key: bytes | None = None,
    replacing_database: bool = False,
    prepare: Callable[[sqlite3.Connection], None] | None = None,
) -> None:
    """Copy into a temporary file, check it, then rename it over `target` in one step.

    When `target` is a live database, its WAL and shared-memory files go just before the
    rename: a copy that fails (full disk) leaves the database exactly as it was. `prepare`
    writes to the copy before the rename (a restore's new incarnation).
    """
    tmp = target.with_name(f".{target.name}.partial")
    _remove_with_journals(tmp)  # what a copy killed half-way left behind
    try:
        src = _connect(source, key, timeout=30)
        try:
            dst = _connect(tmp, key)
            try:
                src.backup(dst, pages=4096)
                dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
                if prepare is not None:
                    prepare(dst)
                if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError(f"Bản sao “{target.name}” bị lỗi khi kiểm tra.")
            finally:
                dst.close()
        finally:
            src.close()
        if replacing_database:
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, target)
    except sqlite_errors() as exc:
        if is_disk_full(exc, target):
            raise BackupDiskFull(str(target)) from exc
        raise BackupError(f"Không sao lưu được vào “{target}”: {exc}") from exc
    finally:
        _remove_with_journals(tmp)


def _remove_with_journals(path: Path) -> None:
    for name in (path.name, f"{path.name}-journal", f"{path.name}-wal", f"{path.name}-shm"):
        path.with_name(name).unlink(missing_ok=True)


def backup(db_path: Path, target: Path, key: bytes | None = None) -> BackupInfo:
    """Copy the register to `target` (an .db file, plus its key file) and describe the copy."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy(db_path, target, key)
        _copy_keys(db_path, target)
    except OSError as exc:  # full disk, USB stick pulled out, no permission
        if is_disk_full(exc, target):
            raise BackupDiskFull(str(target)) from exc
        raise BackupError(f"Không ghi được “{target}”: {exc.strerror or exc}.") from exc
    return describe(target, key)


def describe(path: Path, key: bytes | None = None) -> BackupInfo:
    """What a backup holds, read before restoring it; refuses files that are not registers.

    An encrypted backup needs the data key; without it (or with another) it is refused.
    """
    if not path.is_file():
        raise BackupError(f"Không có tệp “{path}”.")
    try:
        uri = f"file:{path}?mode=ro"
        with _connect(uri, key, uri=True) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"“{path.name}” bị hỏng, không dùng để khôi phục được.")

            def one(sql: str) -> object:
                row = conn.execute(sql).fetchone()
                return row[0] if row else None

            if one("SELECT version_num FROM alembic_version") is None:
                raise BackupError(f"“{path.name}” không phải bản sao lưu Sổ Trẻ Em.")
            commune = one("SELECT value FROM setting WHERE key = 'commune_code'")
            children = one("SELECT COUNT(*) FROM child WHERE deleted = 0") or 0
            cases = one("SELECT COUNT(*) FROM protectioncase WHERE deleted = 0") or 0
            unsent = one("SELECT COUNT(*) FROM change_log WHERE sent_at IS NULL") or 0
    except sqlite_errors() as exc:
        if is_disk_full(exc, path):  # SQLite could not even open its shared-memory file
            raise BackupDiskFull(str(path)) from exc
        if key is not None:
            raise BackupError(
                f"“{path.name}” không mở được bằng khóa của sổ này (bị hỏng, không phải bản sao "
                f"lưu Sổ Trẻ Em hoặc của một sổ khác) ({exc})."
            ) from exc
        raise BackupError(f"“{path.name}” không phải bản sao lưu Sổ Trẻ Em ({exc}).") from exc
    made = datetime.fromtimestamp(path.stat().st_mtime)
    return BackupInfo(path, made, str(commune) if commune else None, _count(children),
                      _count(cases), _count(unsent))  # fmt: skip


def _count(value: object) -> int:
    assert isinstance(value, int), value
    return value


def restore(backup_file: Path, db_path: Path, safety_dir: Path,
            key: bytes | None = None) -> Path | None:  # fmt: skip
    """Replace the register with a backup; returns the safety copy of what was replaced.

    The register must be closed (no `Register` open on `db_path` in this process). The current
    key file stays (it opens the same data key, with today's passwords); the backup's key file
    is used only when there is none. The restored copy is a new incarnation for sync
    (`desktop.db.incarnation`): its new edits are never taken for replays of old ones.
    """
    info = describe(backup_file, key)
    safety = None
    if db_path.exists():
        safety = safety_dir / f"truoc-khoi-phuc-{datetime.now():%Y%m%d-%H%M%S}.db"
        backup(db_path, safety, key)
    try:
        _copy(backup_file, db_path, key, replacing_database=True,
              prepare=lambda conn: incarnation.mark_restored(conn, backup_file, info.made_at))
    except OSError as exc:
        if is_disk_full(exc, db_path):
            raise BackupDiskFull(str(db_path)) from exc
        raise
    if not keys_beside(db_path).exists():
        _copy_keys(backup_file, db_path)
    return safety


def automatic(db_path: Path, folder: Path, keep: int = KEEP,
              key: bytes | None = None) -> BackupInfo:  # fmt: skip
    """A dated backup in `folder`, keeping the newest `keep` automatic ones."""
    info = backup(db_path, folder / f"{_PREFIX}{datetime.now():%Y%m%d-%H%M%S-%f}.db", key)
    for old in sorted(folder.glob(f"{_PREFIX}*.db"))[:-keep]:
        old.unlink(missing_ok=True)
        keys_beside(old).unlink(missing_ok=True)
    return info


def folder_for(db_path: Path) -> Path:
    """Automatic backups live beside the database, in `backups/`."""
    return db_path.parent / "backups"


def daily(db_path: Path, now: datetime | None = None,
          key: bytes | None = None) -> BackupInfo | None:  # fmt: skip
    """Make today's automatic backup unless one was made in the last 24 hours."""
    folder = folder_for(db_path)
    newest = latest(folder)
    now = now or datetime.now()
    if newest is not None and (now - datetime.fromtimestamp(newest.stat().st_mtime)).days < 1:
        return None
    return automatic(db_path, folder, key=key)


def latest(folder: Path) -> Path | None:
    found = sorted(folder.glob(f"{_PREFIX}*.db"))
    return found[-1] if found else None
