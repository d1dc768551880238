"""`sotreem export`: the register, activities and trainings as Excel (the register also as PDF)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.access import file_password, open_register
from desktop.cli.errors import fail
from desktop.reports import service


def run(args: argparse.Namespace, db_path: Path) -> int:
    suffix = args.output.suffix.lower()
    if suffix != ".xlsx" and not (suffix == ".pdf" and args.what == "register"):
        return fail("tệp xuất phải có đuôi .xlsx (sổ trẻ em: .xlsx hoặc .pdf).")
    password = file_password(args)
    with open_register(db_path, args) as register:
        register.require_commune()
        count = service.export(
            register,
            args.what,
            args.output,
            lambda f, m: print(f"{f:4.0%} {m}", file=sys.stderr),
            password,
        )
    print(f"Đã xuất {count} dòng: {args.output}" + (" (có mật khẩu)" if password else ""))
    return 0
