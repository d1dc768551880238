"""`sotreem accounts`: list, add, remove, disable and enable accounts, and rotate the keys.

Officer only (the register refuses the others). Removing, disabling or resetting an account
rotates the keys and re-encrypts the database; the progress is shown on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.access import new_password, open_register
from desktop.cli.errors import fail
from desktop.db import accounts
from desktop.domain import categories as cat


def _progress(fraction: float, message: str) -> None:
    print(f"{fraction:4.0%} {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace, db_path: Path) -> int:
    if not db_path.exists():
        return fail(f"không có tệp {db_path}.")
    action = args.action or "list"
    with open_register(db_path, args) as register:
        if action == "list":
            for view in register.account_views():
                role = cat.label(accounts.ROLES, view.role)
                print(f"{view.username:<14} {view.full_name:<26} {role:<42} {view.status}")
            return 0
        if action == "rekey":
            dropped = register.rotate_keys(_progress)
            print("Đã đổi khóa mã hóa: khóa dữ liệu, khóa vụ việc và khóa ký mới.")
            _tell_dropped(dropped)
            return 0
        name = (args.name or "").strip().lower()
        if not name:
            return fail(f"“accounts {action}” cần TÊN tài khoản.")
        if action == "add":
            password = new_password(args, "SOTREEM_NEW_PASSWORD")
            register.create_user(name, args.full_name or name, args.role, password)
            print(f"Đã thêm tài khoản {name} ({cat.label(accounts.ROLES, args.role)}).")
        elif action == "remove":
            register.remove_user(name, _progress)
            print(f"Đã xóa tài khoản {name} và đổi khóa mã hóa.")
        elif action == "disable":
            register.disable_user(name, _progress)
            print(f"Đã khóa tài khoản {name} và đổi khóa mã hóa.")
        elif action == "enable":
            register.enable_user(name)
            print(f"Đã mở lại tài khoản {name}.")
    return 0


def _tell_dropped(dropped: list[str]) -> None:
    if dropped:
        print(
            "Các tài khoản cần được đặt lại mật khẩu (ô khóa kiểu cũ): " + ", ".join(dropped)
            + " — sotreem passwd --for TÊN."
        )
