"""`sotreem audit`: read or export the audit trail."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from desktop.cli.access import file_password, open_register
from desktop.cli.errors import fail
from desktop.db.audit import AuditFilter
from desktop.domain import audit as vocab
from desktop.domain import categories as cat
from desktop.domain.dates import DateTextError
from desktop.domain.programme import parse_day
from desktop.reports import service


def run(args: argparse.Namespace, db_path: Path) -> int:
    if args.action and args.action not in cat.codes(vocab.ACTIONS):
        codes = ", ".join(c.code for c in vocab.ACTIONS)
        return fail(f"--action “{args.action}” không có; dùng một trong: {codes}.")
    days = {}
    for name in ("since", "until"):
        text = getattr(args, name)
        try:
            days[name] = parse_day(text, today=date.today()) if text else None
        except DateTextError as exc:
            return fail(f"--{name}: {exc}.")
    if args.export and args.export.suffix.lower() != ".xlsx":
        return fail("tệp xuất phải có đuôi .xlsx.")
    if not db_path.exists():
        return fail(f"không có tệp {db_path}.")
    flt = AuditFilter(args.by, args.action, days["since"], days["until"], args.search)
    password = file_password(args)
    with open_register(db_path, args) as register:
        if args.export:
            count = service.export_audit(register, flt, args.export, password=password)
            print(f"Đã xuất {count} dòng nhật ký: {args.export}")
            return 0
        rows = list(register.audit_entries(flt))
        for r in rows:
            print(
                f"{r.local_time}  {r.username:<12} {cat.label(vocab.ACTIONS, r.action):<12} "
                f"{cat.label(vocab.ENTITIES, r.entity):<20} {r.label}"
                + (f" — {r.detail}" if r.detail else "")
            )
        print(f"{len(rows)} dòng nhật ký.")
    return 0
