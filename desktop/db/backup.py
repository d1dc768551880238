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

from desktop import privacy
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
    key: bytes | None = None  # the data key that opened it (an earlier one, before a rotation)


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
        privacy.write_private(target, source.read_bytes())


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
        privacy.create_private(tmp)  # a backup is the register: the user's alone
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
        privacy.private_folder(target.parent, tighten=target.parent == folder_for(db_path))
        _copy(db_path, target, key)
        _copy_keys(db_path, target)
    except OSError as exc:  # full disk, USB stick pulled out, no permission
        if is_disk_full(exc, target):
            raise BackupDiskFull(str(target)) from exc
        raise BackupError(f"Không ghi được “{target}”: {exc.strerror or exc}.") from exc
    return describe(target, key)


def describe(
    path: Path, key: bytes | None = None, past_keys: tuple[bytes, ...] = ()
) -> BackupInfo:
    """What a backup holds, read before restoring it; refuses files that are not registers.

    An encrypted backup needs the data key — today's, or one of the officer's earlier ones
    (`past_keys`: a backup made before the keys were rotated); with none of them it is refused.
    """
    if not path.is_file():
        raise BackupError(f"Không có tệp “{path}”.")
    for earlier in past_keys:
        try:
            return _describe(path, earlier, quiet=True)
        except BackupError:
            continue
    return _describe(path, key)


def _describe(path: Path, key: bytes | None, quiet: bool = False) -> BackupInfo:
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
        if quiet:
            raise BackupError(str(exc)) from exc
        if key is not None:
            raise BackupError(
                f"“{path.name}” không mở được bằng khóa của sổ này (bị hỏng, không phải bản sao "
                f"lưu Sổ Trẻ Em hoặc của một sổ khác) ({exc})."
            ) from exc
        raise BackupError(f"“{path.name}” không phải bản sao lưu Sổ Trẻ Em ({exc}).") from exc
    made = datetime.fromtimestamp(path.stat().st_mtime)
    return BackupInfo(path, made, str(commune) if commune else None, _count(children),
                      _count(cases), _count(unsent), key)  # fmt: skip


def _count(value: object) -> int:
    assert isinstance(value, int), value
    return value


def restore(backup_file: Path, db_path: Path, safety_dir: Path, key: bytes | None = None,
            past_keys: tuple[bytes, ...] = ()) -> Path | None:  # fmt: skip
    """Replace the register with a backup; returns the safety copy of what was replaced.

    The register must be closed (no `Register` open on `db_path` in this process). The current
    key file stays (it opens today's data key, with today's passwords); the backup's key file
    is used only when there is none. A backup made before the keys were rotated (opened by one
    of `past_keys`) is re-encrypted under today's key as it is copied in. The restored copy is
    a new incarnation for sync (`desktop.db.incarnation`): its new edits are never taken for
    replays of old ones.
    """
    info = describe(backup_file, key, past_keys)
    safety = None
    if db_path.exists():
        safety = safety_dir / f"truoc-khoi-phuc-{datetime.now():%Y%m%d-%H%M%S}.db"
        backup(db_path, safety, key)
    try:
        def new_incarnation(conn: sqlite3.Connection) -> None:
            incarnation.mark_restored(conn, backup_file, info.made_at)

        if key is not None and info.key not in (None, key):
            _copy_rekeyed(backup_file, info.key, db_path, key, new_incarnation)
        else:
            _copy(backup_file, db_path, key, replacing_database=True, prepare=new_incarnation)
    except OSError as exc:
        if is_disk_full(exc, db_path):
            raise BackupDiskFull(str(db_path)) from exc
        raise
    if not keys_beside(db_path).exists():
        _copy_keys(backup_file, db_path)
    return safety


def _copy_rekeyed(
    source: Path,
    source_key: bytes | None,
    target: Path,
    key: bytes,
    prepare: Callable[[sqlite3.Connection], None],
) -> None:
    """An older backup, copied over the register under today's data key (`prepare` as in
    `_copy`)."""
    from desktop.db import rekey

    assert source_key is not None
    tmp = target.with_name(f".{target.name}.partial")
    _remove_with_journals(tmp)
    try:
        rekey.export(source, source_key, key, tmp=tmp)
        copy = _connect(tmp, key)
        try:
            prepare(copy)
            copy.commit()
        finally:
            copy.close()
        rekey.swap_in(tmp, target)
    except sqlite_errors() as exc:
        if is_disk_full(exc, target):
            raise BackupDiskFull(str(target)) from exc
        raise BackupError(f"Không khôi phục được vào “{target}”: {exc}") from exc
    finally:
        _remove_with_journals(tmp)


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
