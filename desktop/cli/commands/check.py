"""`sotreem check`: the integrity check (schema, search index, change log)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.access import open_register
from desktop.cli.errors import fail
from desktop.db.integrity import check_register


def run(args: argparse.Namespace, db_path: Path) -> int:
    if not db_path.exists():
        return fail(f"không có tệp {db_path}.")
    with open_register(db_path, args) as register:
        problems = check_register(register)
        count = register.child_count() if register.commune_code else 0
    for problem in problems:
        print(f"LỖI: {problem}")
    if problems:
        return 1
    print(f"Dữ liệu toàn vẹn: {count} trẻ em, không phát hiện lỗi.")
    return 0
