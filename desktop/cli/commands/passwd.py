"""`sotreem passwd`: change one's password (the officer also resets others')."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.access import new_password, open_register


def run(args: argparse.Namespace, db_path: Path) -> int:
    with open_register(db_path, args) as register:
        target = (args.target or register.user).strip().lower()
        register.set_password(target, new_password(args, "SOTREEM_NEW_PASSWORD"))
    print(f"Đã đổi mật khẩu của {target}.")
    return 0
