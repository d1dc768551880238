"""The register's refusals: not set up, not allowed, read-only, and a full disk.

A full disk is said once in Vietnamese: SQLite's SQLITE_FULL and the OS's ENOSPC look alike.
Register writes, backups and exports translate both into `DiskFull`, so the CLI and the GUI
show one clear message instead of "database or disk is full" or a traceback. The transaction
that hit the full disk is rolled back; everything committed before it stays.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_NEARLY_FULL = 1 << 20  # bytes free below which an I/O error is taken for a full disk
DISK_FULL_MESSAGE = (
    "Ổ đĩa đã đầy nên chưa ghi được. Dữ liệu đã lưu trước đó vẫn còn nguyên. "
    "Hãy xóa bớt tệp không cần (hoặc chọn ổ/USB khác) rồi thử lại."
)


class NotSetUp(RuntimeError):
    """The database has no commune yet: run `sotreem init --commune CODE` or the wizard."""


class NotAllowed(RuntimeError):
    """The logged-in role may not do this (viewer writing, assistant opening cases)."""


class ReadOnlyRegister(RuntimeError):
    """A district/province reader's database: data comes only from the server."""


class DiskFull(RuntimeError):
    """The disk (or the USB stick) has no room left; nothing of the failed write was kept."""

    def __init__(self, where: str = ""):
        self.where = where
        super().__init__(DISK_FULL_MESSAGE + (f" ({where})" if where else ""))


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
        if isinstance(orig, BaseException):
            yield orig
        current = current.__cause__ or current.__context__


def sqlite_errors() -> tuple[type[Exception], ...]:
    """sqlite3's and (when loaded) SQLCipher's error classes, which are separate classes."""
    cipher = sys.modules.get("sqlcipher3.dbapi2") or sys.modules.get("sqlcipher3")
    return (sqlite3.Error, cipher.Error) if cipher is not None else (sqlite3.Error,)


def is_disk_full(exc: BaseException, path: str | Path | None = None) -> bool:
    """True for SQLite's "database or disk is full" and the OS's "no space left on device".

    With a completely full disk SQLite cannot even size its shared-memory file and reports a
    plain "disk I/O error"; given the file's `path`, such an error counts as a full disk when
    the disk holding it has (almost) no room left.
    """
    io_error = False
    for current in _chain(exc):
        if isinstance(current, DiskFull):
            return True
        if isinstance(current, sqlite_errors()):
            code = getattr(current, "sqlite_errorcode", None) or 0
            if code == sqlite3.SQLITE_FULL or "database or disk is full" in str(current):
                return True
            io_error = io_error or code & 0xFF == sqlite3.SQLITE_IOERR
            io_error = io_error or "disk I/O error" in str(current)
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
    return io_error and path is not None and _no_room(Path(path))


def _no_room(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


@contextmanager
def disk_full_as_error(where: str = "") -> Iterator[None]:
    """Turn a full-disk failure inside the block into `DiskFull`; other errors pass through."""
    try:
        yield
    except DiskFull:
        raise
    except Exception as exc:
        if is_disk_full(exc, where or None):
            raise DiskFull(where) from exc
        raise
