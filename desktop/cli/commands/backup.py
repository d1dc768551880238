"""`sotreem backup`: a consistent copy of the database (by default into the backups folder)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.access import session
from desktop.cli.errors import FAILED, fail
from desktop.db import accounts, backup
from desktop.db.backup import BackupInfo


def run(args: argparse.Namespace, db_path: Path) -> int:
    if not db_path.exists():
        return fail(f"không có tệp {db_path}.")
    opened = session(args, db_path)
    if opened is not None and not accounts.may_back_up(opened.role):
        return fail(accounts.BACKUP_REFUSED)
    key = opened.data_key if opened is not None else None
    try:
        if args.output:
            info = backup.backup(db_path, args.output, key)
        else:
            info = backup.automatic(db_path, backup.folder_for(db_path), key=key)
    except backup.BackupDiskFull:
        raise  # said like every full disk, exit status 3
    except backup.BackupError as exc:
        return fail(exc, FAILED)
    print(f"Đã sao lưu: {describe(info)}")
    return 0


def describe(info: BackupInfo) -> str:
    """What a backup (or the current database) holds, in one line."""
    return (
        f"{info.path} — lúc {info.made_at:%H:%M %d/%m/%Y}, xã {info.commune_code or '?'}, "
        f"{info.children} trẻ em, {info.cases} vụ việc, {info.unsent_changes} thay đổi chưa gửi"
    )
