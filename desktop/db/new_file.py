"""A new register file is built under a temporary name and renamed into place when whole.

`sotreem init` and `sotreem demo` make a new encrypted file, its key file and its recovery code,
and the demo then writes thousands of rows. Killed half-way (Ctrl+C, SIGKILL, a power cut, a
full disk), they must leave nothing at the register's name: no half-made file to open, and no
file locked by a recovery code nobody saw. So the files are built as `.NAME.building.db` (and
its key file) beside the final name; the caller shows the recovery code, then `finish` renames
the key file and the database into place (each rename is atomic). A failure removes the
temporary files; a kill leaves them under the temporary name, and the next `recover` clears
them — or, killed between the two renames, completes the second.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.db import keyfile

_JOURNALS = ("", "-journal", "-wal", "-shm")


def building(db_path: Path) -> Path:
    """Where the file for `db_path` is built."""
    return db_path.with_name(f".{db_path.stem}.building{db_path.suffix}")


def recover(db_path: Path) -> None:
    """Tidy what an interrupted build of `db_path` left, before anyone looks at the name."""
    tmp = building(db_path)
    keys = keyfile.path_for(db_path)
    moved_keys = keys.exists() and not keyfile.path_for(tmp).exists()
    if moved_keys and tmp.exists() and not db_path.exists():
        os.replace(tmp, db_path)  # killed between the two renames: the code was shown
    discard(tmp)


def start(db_path: Path) -> Path:
    """The temporary path to build at, cleared of what an interrupted build left."""
    recover(db_path)
    return building(db_path)


def discard(tmp: Path) -> None:
    """Remove a temporary build: the database, its journals and its key file."""
    for suffix in _JOURNALS:
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    keyfile.path_for(tmp).unlink(missing_ok=True)


def finish(tmp: Path, db_path: Path) -> None:
    """Put a built file (closed: no write-ahead log left) and its key file in place.

    The key file goes first: killed between the two renames, `recover` completes the second.
    """
    for suffix in ("-wal", "-journal"):
        if Path(f"{tmp}{suffix}").exists():
            raise RuntimeError(f"{tmp.name} is still open")
    keys = keyfile.path_for(tmp)
    if keys.exists():
        os.replace(keys, keyfile.path_for(db_path))
    os.replace(tmp, db_path)
    Path(f"{tmp}-shm").unlink(missing_ok=True)
