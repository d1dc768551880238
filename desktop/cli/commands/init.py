"""`sotreem init`: set a database up for a commune (encrypted, with the officer's account)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop import reference
from desktop.cli.access import new_password, open_register, print_recovery_code
from desktop.cli.errors import fail
from desktop.db import new_file, vault
from desktop.db.accounts import MIN_PASSWORD_LENGTH


def run(args: argparse.Namespace, db_path: Path) -> int:
    unit = reference.unit(args.commune)
    if unit is None or unit.level != "commune":
        return fail(f"Mã xã: mã “{args.commune}” không phải mã xã/phường hợp lệ.")
    code = None
    new_file.recover(db_path)  # what an interrupted init or demo left
    tmp = None
    if vault.is_encrypted(db_path) or vault.accounts(db_path):
        register = open_register(db_path, args)
        register.require_officer("Chỉ cán bộ phụ trách được thiết lập xã và thôn/bản (init).")
        if register.commune_code != args.commune:
            register.init_commune(args.commune)
    else:
        password = new_password(args)
        if len(password) < MIN_PASSWORD_LENGTH:
            return fail(f"mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
        # A new file is built under a temporary name and put in place only once whole, after
        # its recovery code was shown (an older plain file is encrypted where it is).
        fresh = not db_path.exists() or db_path.stat().st_size == 0
        tmp = new_file.start(db_path) if fresh else None
        register, code = vault.setup(
            tmp or db_path, args.commune, args.officer, args.full_name, password
        )
    try:
        with register:
            for name in args.village:
                register.add_village(name)
        if code:
            print(f"Tài khoản cán bộ: {args.officer.strip().lower()}. Dữ liệu được mã hóa.")
            print_recovery_code(code)
        if tmp is not None:
            new_file.finish(tmp, db_path)
    except BaseException:
        if tmp is not None:
            new_file.discard(tmp)
        raise
    province = reference.unit(unit.parent_code or "")
    print(f"Đã thiết lập {unit.name}, {province.name if province else ''} — {db_path}")
    return 0
