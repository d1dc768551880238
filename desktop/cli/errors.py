"""Exit codes and the one mapping from what can go wrong to what the officer reads.

0 done; 1 done with a warning, or the server could not be reached (try again later); 2 refused
(wrong arguments, password, file); 3 the disk is full. Messages start with "Lỗi:" on stderr.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

OK, FAILED, REFUSED, DISK_FULL = 0, 1, 2, 3


class PasswordUnavailable(Exception):
    """The password for a file could not be had (unreadable file, two entries differ)."""


def fail(message: object, code: int = REFUSED) -> int:
    """Say what went wrong on stderr and give the exit code to return."""
    print(f"Lỗi: {message}", file=sys.stderr)
    return code


def guarded(
    command: Callable[[argparse.Namespace, Path], int], args: argparse.Namespace, db_path: Path
) -> int:
    """Run one subcommand; every failure the officer can meet ends as a message and a code."""
    from sqlalchemy.exc import DBAPIError  # not needed for the GUI's start

    from desktop.db.errors import DiskFull, is_disk_full, sqlite_errors
    from desktop.domain.validation import ValidationError
    from desktop.reports.protect import PasswordError

    try:
        return command(args, db_path)
    except (PasswordUnavailable, PasswordError) as exc:
        return fail(exc)
    except ValidationError as exc:
        for problem in exc.problems:
            fail(problem)
        return REFUSED
    except DiskFull as exc:
        return fail(exc, DISK_FULL)
    except RuntimeError as exc:
        return fail(exc)
    except OSError as exc:
        if is_disk_full(exc):
            return fail(DiskFull(exc.filename or ""), DISK_FULL)
        return fail(os_problem(exc))
    except Exception as exc:
        # SQLCipher's error classes exist only once it is loaded: looked up after the failure.
        if not isinstance(exc, (DBAPIError, *sqlite_errors())):
            raise
        if is_disk_full(exc, db_path):
            return fail(DiskFull(str(db_path)), DISK_FULL)
        return fail(
            f"không mở được tệp dữ liệu “{db_path}”: không phải tệp Sổ Trẻ Em, đang bị "
            "khóa hoặc đã hỏng (xem “sotreem check”, khôi phục bằng “sotreem restore”)."
        )


_OS_REASONS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền đọc/ghi",
    errno.EPERM: "không có quyền đọc/ghi",
    errno.EISDIR: "đây là một thư mục, cần một tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EEXIST: "tệp đã có",
}


def output_problem(path: Path, may_create_folder: bool = False) -> str | None:
    """Why a file cannot be written at `path`, checked before any work starts; None if it can."""
    if path.is_dir():
        return f"“{path}” là một thư mục; hãy ghi cả tên tệp."
    folder = path.parent
    while may_create_folder and not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.exists():
        return f"thư mục “{folder}” không có."
    if not folder.is_dir():
        return f"“{folder}” không phải là thư mục."
    if not os.access(folder, os.W_OK):
        return f"không có quyền ghi vào thư mục “{folder}”."
    return None


def os_problem(exc: OSError) -> str:
    """A file-system failure worded for the officer, naming the path."""
    reason = _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    where = exc.filename if exc.filename is not None else ""
    return f"“{where}”: {reason}." if where else f"{reason}."
