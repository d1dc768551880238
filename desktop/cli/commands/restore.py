"""`sotreem restore`: put a backup back, after showing what it holds and what would be replaced."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.access import open_register, session
from desktop.cli.commands.backup import describe
from desktop.cli.errors import fail
from desktop.db import accounts, backup, vault


def run(args: argparse.Namespace, db_path: Path) -> int:
    # The current key file opens the data key; on a new PC, the one copied with the backup.
    keys_of = db_path if vault.is_encrypted(db_path) or not args.file.exists() else args.file
    opened = session(args, keys_of)
    if opened is not None and opened.role != "officer":
        return fail(accounts.RESTORE_REFUSED)
    key = opened.data_key if opened is not None else None
    past = opened.keys.past_data_keys if opened is not None else ()
    try:
        info = backup.describe(args.file, key, past)
        current = backup.describe(db_path, key) if db_path.exists() else None
    except backup.BackupDiskFull:
        raise  # said like every full disk, exit status 3
    except backup.BackupError as exc:
        return fail(exc)
    print(f"Bản sao lưu: {describe(info)}")
    if current is not None:
        print(f"Dữ liệu hiện tại: {describe(current)}")
        if current.unsent_changes:
            print(
                f"CẢNH BÁO: dữ liệu hiện tại có {current.unsent_changes} thay đổi chưa gửi lên "
                "máy chủ; khôi phục sẽ thay chúng bằng bản sao lưu (một bản sao của dữ liệu hiện "
                "tại vẫn được giữ lại)."
            )
    if not args.yes:
        print("Chưa khôi phục. Chạy lại với --yes để khôi phục.")
        return 1
    safety = backup.restore(args.file, db_path, backup.folder_for(db_path), key, past)
    with open_register(db_path, args) as register:
        register.record_event("restored", "database", label=args.file.name, detail=describe(info))
        notice = register.sync_state().notice  # what the next sync will do about it
    print("Đã khôi phục." + (f" Dữ liệu cũ được giữ tại {safety}." if safety else ""))
    if notice:
        print(notice)
    return 0
