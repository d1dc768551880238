"""Who runs the command and with which password: logging in to an encrypted register, new
passwords, and the password of a file the command writes.

Passwords come from a file (--password-file), the environment (SOTREEM_PASSWORD for scripts)
or the keyboard without echo, never from the command line itself.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.errors import PasswordUnavailable

if TYPE_CHECKING:
    from desktop.db.register import Register


def password(prompt: str) -> str:
    """The password from SOTREEM_PASSWORD (scripts) or typed without echo."""
    from_env = os.environ.get("SOTREEM_PASSWORD")
    return from_env if from_env is not None else getpass.getpass(prompt)


def new_password(args: argparse.Namespace, env: str = "SOTREEM_PASSWORD") -> str:
    """A new password: --password-file, the environment, or typed twice."""
    if getattr(args, "password_file", None):
        lines = args.password_file.read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    if os.environ.get(env) is not None:
        return os.environ[env]
    first = getpass.getpass("Mật khẩu mới: ")
    if getpass.getpass("Nhập lại mật khẩu mới: ") != first:
        raise RuntimeError("Hai lần nhập mật khẩu không giống nhau.")
    return first


def file_password(args: argparse.Namespace) -> str | None:
    """The password asked for by --password (typed twice) or --password-file; else None."""
    if getattr(args, "password_file", None):
        try:
            lines = args.password_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise PasswordUnavailable(f"không đọc được {args.password_file}: {exc}") from exc
        return lines[0] if lines else ""
    if getattr(args, "password", False):
        first = getpass.getpass("Mật khẩu cho tệp: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != first:
            raise PasswordUnavailable("hai lần nhập mật khẩu không khớp.")
        return first
    return None


def login_name(args: argparse.Namespace, db_path: Path) -> str:
    """--user, else the register's officer (or a district/province copy's one reader)."""
    from desktop.db import vault

    if args.user:
        return str(args.user)
    every = vault.accounts(db_path)
    officers = [a for a in every if a.role == "officer"]
    if officers:
        return officers[0].username
    if len(every) == 1:  # a district/province copy has its reader's account only
        return every[0].username
    raise RuntimeError("Chưa có tài khoản nào: dùng --user TÊN.")


def data_key(args: argparse.Namespace, db_path: Path) -> bytes | None:
    """The data key of an encrypted register (asks for the password); None for a plain one."""
    from desktop.db import vault

    if not vault.is_encrypted(db_path):
        return None
    user = login_name(args, db_path)
    return vault.unlock(db_path, user, password(f"Mật khẩu của {user}: "))


def open_register(db_path: Path, args: argparse.Namespace | None = None) -> Register:
    """Open the register; an encrypted one as the account of --user, with its password."""
    from desktop.db import vault
    from desktop.db.register import Register

    if args is None or not vault.is_encrypted(db_path):
        return Register.open(db_path)  # a plain file: older version or throw-away database
    user = login_name(args, db_path)
    return vault.login(db_path, user, password(f"Mật khẩu của {user}: "))


def print_recovery_code(code: str) -> None:
    print(
        "MÃ KHÔI PHỤC (chỉ hiện một lần — in hoặc chép ra giấy, cất trong tủ khóa của cơ quan; "
        f"dùng khi quên mật khẩu cán bộ):\n    {code}"
    )
