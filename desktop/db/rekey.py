"""Re-encrypting a register under a new data key, with progress, then swapping it in.

`sqlcipher_export` copies every table, index, trigger and the FTS index into a new file under
the new key; SQLite's progress handler reports how far the new file has grown against the old
one and lets the officer cancel. Nothing changes until `swap_in`: a failure, a cancel or a
power cut before it leaves the register as it was (the half-made copy is removed next time).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from desktop import privacy
from desktop.db.engine import connect_encrypted

Progress = Callable[[float, str], None]


class RekeyError(RuntimeError):
    """The new copy could not be made or did not check out; the register is unchanged."""


def _quiet(_fraction: float, _message: str) -> None:
    return None


def temp_for(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.rekey")


def _remove_with_journals(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def export(
    db_path: Path, old_key: bytes, new_key: bytes, progress: Progress = _quiet,
    tmp: Path | None = None,
) -> Path:  # fmt: skip
    """A checked copy of the register under `new_key` (at `tmp`, by default beside it)."""
    tmp = tmp or temp_for(db_path)
    _remove_with_journals(tmp)
    privacy.create_private(tmp)
    wal = Path(f"{db_path}-wal")
    total = db_path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    stopped: list[BaseException] = []

    def tick() -> int:
        try:
            size = tmp.stat().st_size if tmp.exists() else 0
            progress(min(0.95, 0.95 * size / max(total, 1)), "Đang mã hóa lại dữ liệu…")
        except BaseException as exc:  # the officer's Cancel, raised by `progress`
            stopped.append(exc)
            return 1  # SQLite stops the statement
        return 0

    try:
        _export(db_path, tmp, old_key, new_key, tick, stopped)
        progress(0.96, "Đang kiểm tra bản mã hóa mới…")
        check = connect_encrypted(tmp, new_key)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            check.close()
        if not ok:
            raise RekeyError("Bản mã hóa mới không qua được kiểm tra; dữ liệu giữ nguyên.")
    except BaseException:
        _remove_with_journals(tmp)
        raise
    return tmp


def _export(
    db_path: Path, tmp: Path, old_key: bytes, new_key: bytes, tick: Callable[[], int],
    stopped: list[BaseException],
) -> None:  # fmt: skip
    conn = connect_encrypted(db_path, old_key, timeout=30)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{new_key.hex()}'\"", (str(tmp),))
        conn.set_progress_handler(tick, 20_000)
        try:
            conn.execute("SELECT sqlcipher_export('rekeyed')")
        except Exception as exc:
            if stopped:
                raise stopped[0] from None
            raise RekeyError(f"Không mã hóa lại được dữ liệu: {exc}") from exc
        finally:
            conn.set_progress_handler(None, 0)
        conn.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        conn.execute("DETACH DATABASE rekeyed")
    finally:
        conn.close()


def swap_in(tmp: Path, db_path: Path) -> None:
    """Put the re-encrypted copy in place of the register (whose connections are closed)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, db_path)


def discard(db_path: Path) -> None:
    """Remove a copy that a cancel or a crash left behind."""
    _remove_with_journals(temp_for(db_path))
