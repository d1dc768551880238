"""Files the application writes are the user's alone: 0600 files in 0700 folders on Linux.

The database, its key file, backups, the settings file, the sync state and the error log hold
children's data or what opens it. On Linux other accounts of the PC must not read them, so
they are created private (and made private again when an older version left them readable). On
Windows they live under the user's profile (`%LOCALAPPDATA%`), whose ACL already keeps other
users out; `chmod` there only toggles read-only, so nothing is changed.

Standard library only: the login screen uses it before anything heavy loads.
"""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
POSIX = os.name == "posix"


def private_folder(path: Path, tighten: bool = True) -> Path:
    """Create `path` (and missing parents) as 0700; with `tighten`, an existing folder too."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True)
    if POSIX:
        for created in missing:
            with suppress(OSError):
                os.chmod(created, FOLDER_MODE)
        if tighten:
            make_private(path)
    return path


def make_private(path: Path) -> None:
    """0600 for a file, 0700 for a folder, if it is ours and looser; silent otherwise."""
    if not POSIX:
        return
    with suppress(OSError):
        info = os.stat(path)
        if info.st_uid != os.getuid():
            return
        mode = FOLDER_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE
        if stat.S_IMODE(info.st_mode) != mode:
            os.chmod(path, mode)


def create_private(path: Path) -> None:
    """Make sure `path` exists as a private file before SQLite opens it: SQLite gives its WAL
    and shared-memory files the database file's permissions."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(fd)
    make_private(path)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (old or new file after a power cut) as a 0600 file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    with suppress(FileNotFoundError):
        os.unlink(tmp)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
