"""`sotreem import`: a list of children from an Excel file, checked before anything is written."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from desktop.cli.access import open_register
from desktop.cli.errors import FAILED, fail
from desktop.domain import categories as cat
from desktop.domain.dates import DateTextError
from desktop.domain.programme import parse_day
from desktop.reports import excel_import, service
from desktop.reports.excel_import import ImportPlan


def run(args: argparse.Namespace, db_path: Path) -> int:
    mapping = {}
    for item in args.map:
        text, _, code = item.rpartition("=")
        if not text or code not in cat.SPECIAL_GROUP_CODES:
            return fail(f"--map “{item}”: cần dạng “chữ trong tệp=mã nhóm a…o”.")
        mapping[text.strip()] = code
    since = None
    if args.since:
        try:
            since = parse_day(args.since, today=date.today())
        except DateTextError as exc:
            return fail(f"--since: {exc}.")
        if since > date.today():
            return fail(f"--since: {args.since} là sau ngày hôm nay.")
    if not args.file.exists():
        return fail(f"không có tệp {args.file}.")
    with open_register(db_path, args) as register:
        register.require_commune()
        try:
            plan = excel_import.read_plan(register, args.file, mapping, since=since)
        except excel_import.ImportFileError as exc:
            return fail(exc)
        if args.problems:
            service.export_import_problems(register, plan, args.problems)
        _print_plan(plan, as_json=args.json)
        if args.dry_run:
            return 1 if plan.problems else 0
        try:
            added = excel_import.commit(register, plan, skip_invalid=args.skip_invalid)
        except excel_import.ImportFileError as exc:
            return fail(f"{exc} Không có dòng nào được ghi.", FAILED)
    if not args.json:
        print(f"Đã nhập {added} trẻ em.")
    return 0


def _print_plan(plan: ImportPlan, *, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {
                    "file": plan.path.name,
                    "sheet": plan.sheet,
                    "columns": plan.columns,
                    "rows": len(plan.rows),
                    "valid_rows": len(plan.valid_rows),
                    "groups": plan.group_texts,
                    "since": plan.since.isoformat(),
                    "since_column": plan.since_column,
                    "start_rule": plan.start_rule(),
                    "new_villages": plan.new_villages,
                    "problems": [{"row": row, "problem": p} for row, p in plan.problems],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    print(
        f"Tệp {plan.path.name}, trang “{plan.sheet}”: {len(plan.rows)} dòng, "
        f"{len(plan.valid_rows)} dòng hợp lệ."
    )
    print("Ghép hoàn cảnh với nhóm luật (sửa bằng --map “chữ=mã”):")
    for text, code in plan.group_texts.items():
        shown = f"{code} – {cat.label(cat.SPECIAL_GROUPS, code)}" if code else "CHƯA XÁC ĐỊNH"
        print(f"  “{text}” → {shown}")
    print(plan.start_rule() + " (đổi bằng --since dd/mm/yyyy)")
    if plan.new_villages:
        print("Thôn/bản mới sẽ được thêm: " + ", ".join(plan.new_villages))
    for row, problem in plan.problems:
        print(f"  Dòng {row}: {problem}")
