"""`sotreem find`: children by name, ID, caregiver or village (diacritics optional)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop import reference
from desktop.cli.access import open_register
from desktop.domain import categories as cat


def run(args: argparse.Namespace, db_path: Path) -> int:
    with open_register(db_path, args) as register:
        rows = register.find(" ".join(args.text), limit=args.limit)
    groups = reference.ethnic_groups()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "full_name": r.full_name,
                        "sex": r.sex,
                        "birth": r.birth.display(),
                        "ethnic_code": r.ethnic_code,
                        "village": r.village,
                        "caregiver_name": r.caregiver_name,
                        "personal_id": r.personal_id,
                        "status": r.status,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    if not rows:
        print("Không tìm thấy trẻ em nào.")
        return 0
    for r in rows:
        ethnic = groups[r.ethnic_code].name if r.ethnic_code in groups else ""
        print(
            f"{r.full_name:<28} {cat.label(cat.SEXES, r.sex):<4} {r.birth.display():<10} "
            f"{ethnic:<8} {r.village:<16} {r.caregiver_name}"
        )
    return 0
