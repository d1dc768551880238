"""`sotreem demo`: fictitious data of a mountain commune, in a new encrypted file."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.access import open_register, print_recovery_code
from desktop.cli.errors import fail
from desktop.db import new_file, vault
from desktop.db.register import Register
from desktop.demo import DEMO_ACCOUNT, DEMO_COMMUNE, DEMO_PASSWORD, fill_demo


def run(args: argparse.Namespace, db_path: Path) -> int:
    if args.children < 0:
        return fail("--children phải ≥ 0.")

    new_file.recover(db_path)  # what an interrupted init or demo left
    if db_path.exists() and db_path.stat().st_size:
        with open_register(db_path, args) as register:  # one transaction: all rows or none
            return _fill(args, register, db_path)
    # A new demo register is encrypted like a real one, with the demo account. It is built
    # under a temporary name and put in place only once whole, after its recovery code was
    # shown: an interrupted demo leaves nothing at `db_path`.
    tmp = new_file.start(db_path)
    try:
        register, code = vault.setup(
            tmp, args.commune or DEMO_COMMUNE, *DEMO_ACCOUNT, DEMO_PASSWORD
        )
        with register:
            status = _fill(args, register, db_path)
        if status:
            new_file.discard(tmp)
            return status
        print(f"Tài khoản mẫu: {DEMO_ACCOUNT[0]} / mật khẩu {DEMO_PASSWORD}")
        print_recovery_code(code)
        new_file.finish(tmp, db_path)
    except BaseException:
        new_file.discard(tmp)
        raise
    return 0


def _fill(args: argparse.Namespace, register: Register, db_path: Path) -> int:
    if not register.commune_code:
        register.init_commune(args.commune or DEMO_COMMUNE)
    elif args.commune and args.commune != register.commune_code:
        return fail(f"CSDL đã thuộc xã {register.commune_code}.")
    if register.child_count():
        return fail(
            "cơ sở dữ liệu này đã có trẻ em; dữ liệu mẫu chỉ tạo vào tệp mới "
            "(dùng --db TỆP_MỚI)."
        )
    fill_demo(register, args.children, seed=args.seed)
    print(f"Đã tạo {args.children} trẻ em mẫu cho {register.commune_name} — {db_path}")
    if not register.users():
        register.create_user(*DEMO_ACCOUNT, "officer", DEMO_PASSWORD)
        print(f"Tài khoản mẫu: {DEMO_ACCOUNT[0]} / mật khẩu {DEMO_PASSWORD}")
    return 0
