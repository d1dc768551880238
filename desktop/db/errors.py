"""A full disk, said once in Vietnamese: SQLite's SQLITE_FULL and the OS's ENOSPC look alike.

Register writes, backups and exports translate both into `DiskFull`, so the CLI and the GUI
show one clear message instead of "database or disk is full" or a traceback. The transaction
that hit the full disk is rolled back; everything committed before it stays.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

DISK_FULL_MESSAGE = (
    "Ổ đĩa đã đầy nên chưa ghi được. Dữ liệu đã lưu trước đó vẫn còn nguyên. "
    "Hãy xóa bớt tệp không cần (hoặc chọn ổ/USB khác) rồi thử lại."
)


class DiskFull(RuntimeError):
    """The disk (or the USB stick) has no room left; nothing of the failed write was kept."""

    def __init__(self, where: str = ""):
        self.where = where
        super().__init__(DISK_FULL_MESSAGE + (f" ({where})" if where else ""))


def is_disk_full(exc: BaseException) -> bool:
    """True for SQLite's "database or disk is full" and the OS's "no space left on device"."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DiskFull):
            return True
        if isinstance(current, DBAPIError) and current.orig is not None:
            current = current.orig
            continue
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorcode", None)
            if code == sqlite3.SQLITE_FULL or "database or disk is full" in str(current):
                return True
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        current = current.__cause__ or current.__context__
    return False


@contextmanager
def disk_full_as_error(where: str = "") -> Iterator[None]:
    """Turn a full-disk failure inside the block into `DiskFull`; other errors pass through."""
    try:
        yield
    except DiskFull:
        raise
    except Exception as exc:
        if is_disk_full(exc):
            raise DiskFull(where) from exc
        raise
