"""`sotreem report`: the monthly, half-year and annual tallies as PDF, Excel or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.access import file_password, open_register
from desktop.cli.errors import fail
from desktop.domain.periods import PeriodError
from desktop.reports import service


def run(args: argparse.Namespace, db_path: Path) -> int:
    try:
        period = service.period_for(args.kind, args.period)
    except PeriodError as exc:
        return fail(exc)
    password = file_password(args)
    with open_register(db_path, args) as register:
        if args.signer is not None or args.signer_title is not None or (
            args.signer_authority is not None
        ):
            service.set_signer(register, args.signer, args.signer_title, args.signer_authority)
        if args.area:
            if not register.area_codes():
                return fail("CSDL chưa có dữ liệu xã nào: chạy “sotreem sync” trước.")
            tallies = service.write_area_report(
                register, args.kind, period, args.format, args.output, password
            )
            print(
                f"Đã ghi báo cáo {period.label} của {service.area_name(register)} "
                f"({len(tallies['communes'])} xã): {args.output}"
            )
            return 0
        register.require_commune()
        service.write_report(register, args.kind, period, args.format, args.output, password)
    print(f"Đã ghi báo cáo {period.label}: {args.output}")
    return 0
