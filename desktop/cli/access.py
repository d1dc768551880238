"""Who runs the command and with which password: logging in to an encrypted register, new
passwords, the password of a file the command writes, and the device token for sync.

Secrets come from a file (--password-file, --token-file), the environment (SOTREEM_PASSWORD,
SOTREEM_NEW_PASSWORD, SOTREEM_TOKEN, for scripts) or the keyboard without echo — never need
the command line itself, where `ps` and the shell's history would show them. With none of
these and no terminal to type in, the command says so and ends with exit status 2.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.errors import PasswordUnavailable

if TYPE_CHECKING:
    from desktop.db.keyfile import Unlocked
    from desktop.db.register import Register

NO_TERMINAL = (
    "chưa có mật khẩu: không có cửa sổ dòng lệnh để gõ. Khi chạy bằng script, đặt biến môi "
    "trường SOTREEM_PASSWORD (mật khẩu mới: SOTREEM_NEW_PASSWORD hoặc --password-file TỆP)."
)


def typed(prompt: str) -> str:
    """A secret typed at the terminal without echo; refused clearly when there is none."""
    if not sys.stdin or not sys.stdin.isatty():
        raise PasswordUnavailable(NO_TERMINAL)
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt) as exc:
        raise PasswordUnavailable("không nhập mật khẩu; không làm gì cả.") from exc


def _first_line(path: Path, what: str) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PasswordUnavailable(f"không đọc được {what} trong “{path}”: {exc}") from exc
    return lines[0] if lines else ""


def password(prompt: str) -> str:
    """The password from SOTREEM_PASSWORD (scripts) or typed without echo."""
    from_env = os.environ.get("SOTREEM_PASSWORD")
    return from_env if from_env is not None else typed(prompt)


def new_password(args: argparse.Namespace, env: str = "SOTREEM_PASSWORD") -> str:
    """A new password: --password-file, the environment, or typed twice."""
    if getattr(args, "password_file", None):
        return _first_line(args.password_file, "mật khẩu")
    if os.environ.get(env) is not None:
        return os.environ[env]
    first = typed("Mật khẩu mới: ")
    if typed("Nhập lại mật khẩu mới: ") != first:
        raise PasswordUnavailable("hai lần nhập mật khẩu không giống nhau.")
    return first


def file_password(args: argparse.Namespace) -> str | None:
    """The password asked for by --password (typed twice) or --password-file; else None."""
    if getattr(args, "password_file", None):
        return _first_line(args.password_file, "mật khẩu")
    if getattr(args, "password", False):
        first = typed("Mật khẩu cho tệp: ")
        if typed("Nhập lại mật khẩu: ") != first:
            raise PasswordUnavailable("hai lần nhập mật khẩu không khớp.")
        return first
    return None


def token(args: argparse.Namespace) -> str | None:
    """The device token: --token-file, SOTREEM_TOKEN, or (discouraged: `ps` shows it) --token;
    None when none is given (the one remembered in the register is used)."""
    if getattr(args, "token_file", None):
        value = _first_line(args.token_file, "token").strip()
        if not value:
            raise PasswordUnavailable(f"tệp token “{args.token_file}” rỗng.")
        return value
    return os.environ.get("SOTREEM_TOKEN") or getattr(args, "token", None) or None


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


def session(args: argparse.Namespace, db_path: Path) -> Unlocked | None:
    """What --user's password opens in an encrypted register (role and keys); None for a
    plain one."""
    from desktop.db import vault

    if not vault.is_encrypted(db_path):
        return None
    user = login_name(args, db_path)
    opened = vault.open_slot(db_path, user, password(f"Mật khẩu của {user}: "))
    _show_new_code(opened)
    return opened


def data_key(args: argparse.Namespace, db_path: Path) -> bytes | None:
    """The data key of an encrypted register (asks for the password); None for a plain one."""
    opened = session(args, db_path)
    return opened.data_key if opened is not None else None


def open_register(db_path: Path, args: argparse.Namespace | None = None) -> Register:
    """Open the register as the account of --user, with its password and role (a plain file
    of an older version checks the password against its own table; a throw-away file with
    no accounts opens as is)."""
    from desktop.db import vault
    from desktop.db.register import Register

    if args is None or not (vault.is_encrypted(db_path) or vault.accounts(db_path)):
        return Register.open(db_path)
    user = login_name(args, db_path)
    opened = vault.open_slot(db_path, user, password(f"Mật khẩu của {user}: "))
    _show_new_code(opened)
    return vault.enter(db_path, opened, user)


def _show_new_code(opened: Unlocked | None) -> None:
    if opened is not None and opened.new_recovery_code:
        print(
            "Tệp khóa đã được nâng cấp (khóa riêng cho vụ việc bảo vệ trẻ em); mã khôi phục cũ "
            "không dùng được nữa.",
            file=sys.stderr,
        )
        print_recovery_code(opened.new_recovery_code)


def print_recovery_code(code: str) -> None:
    print(
        "MÃ KHÔI PHỤC (chỉ hiện một lần — in hoặc chép ra giấy, cất trong tủ khóa của cơ quan; "
        f"dùng khi quên mật khẩu cán bộ):\n    {code}"
    )
