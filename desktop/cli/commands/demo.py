"""`sotreem demo`: fictitious data of a mountain commune, in a new encrypted file."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.access import open_register, print_recovery_code
from desktop.cli.errors import fail
from desktop.db import vault
from desktop.demo import DEMO_ACCOUNT, DEMO_COMMUNE, DEMO_PASSWORD, fill_demo


def run(args: argparse.Namespace, db_path: Path) -> int:
    if args.children < 0:
        return fail("--children phải ≥ 0.")

    code = None
    if db_path.exists() and db_path.stat().st_size:
        register = open_register(db_path, args)
    else:  # a new demo register is encrypted like a real one, with the demo account
        register, code = vault.setup(
            db_path, args.commune or DEMO_COMMUNE, *DEMO_ACCOUNT, DEMO_PASSWORD
        )
        print(f"Tài khoản mẫu: {DEMO_ACCOUNT[0]} / mật khẩu {DEMO_PASSWORD}")
    with register:
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
    if code:
        print_recovery_code(code)
    return 0
