"""`sotreem recover`: a forgotten officer password, reset with the printed recovery code."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.access import login_name, new_password, print_recovery_code
from desktop.db import vault


def run(args: argparse.Namespace, db_path: Path) -> int:
    officer = args.officer or login_name(args, db_path)
    code = vault.recover(db_path, args.code, officer, new_password(args, "SOTREEM_NEW_PASSWORD"))
    print(f"Đã đặt mật khẩu mới cho cán bộ {officer}. Mã khôi phục cũ không dùng được nữa.")
    print_recovery_code(code)
    return 0
