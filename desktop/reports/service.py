"""Report use cases shared by the CLI and the GUI: compute the tally, write PDF/Excel/JSON."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from desktop import reference
from desktop.db.audit import AuditFilter
from desktop.db.errors import disk_full_as_error
from desktop.db.register import Register
from desktop.domain.periods import Period, PeriodError, kind_matches, parse_period
from desktop.reports import (
    audit_export,
    excel_import,
    pdf,
    pdf_lists,
    pdf_tally,
    protect,
    xlsx,
    xlsx_tally,
)
from desktop.reports import figures as figures_module
from desktop.reports.figures import Area
from desktop.reports.notice import PERSONAL_DATA_NOTE

REPORT_KINDS = {"monthly": "tháng", "semiannual": "6 tháng", "annual": "năm"}
FORMATS = ("pdf", "xlsx", "json")


def area_of(register: Register, commune: str | None = None) -> Area:
    """The commune of the register; for a district/province reader, its whole area or the
    one `commune` chosen."""
    if commune is None and register.is_reader:
        unit = reference.unit(register.reader_unit or "")
        return Area(tuple(sorted(register.area_codes())), unit.name if unit else "")
    code = commune or register.commune_code or ""
    unit = reference.unit(code)
    return Area((code,), unit.name if unit else "")


# Report settings (stored in the register, set in Cài đặt › Chung or by `sotreem report`).
SIGNER_NAME = "report.signer_name"
SIGNER_POSITION = "report.signer_position"
SIGNER_AUTHORITY = "report.signer_authority"
SIGNER_KEYS = (SIGNER_NAME, SIGNER_POSITION, SIGNER_AUTHORITY)


def signer(register: Register) -> dict[str, str]:
    """The signature block's lines as stored: {key: text}, a missing key left out."""
    return {k: v for k in SIGNER_KEYS if (v := register.setting(k)) is not None}


def set_signer(register: Register, name: str | None = None, position: str | None = None,
               authority: str | None = None) -> None:  # fmt: skip
    """Store the signer's full name, position and authority line; None keeps a line as it is,
    "" clears it (back to the default)."""
    given = {SIGNER_NAME: name, SIGNER_POSITION: position, SIGNER_AUTHORITY: authority}
    register.set_settings({k: (v.strip() or None) for k, v in given.items() if v is not None})


def _lower_first(name: str) -> str:
    return f"{name[:1].lower()}{name[1:]}"


def document_info(
    register: Register, on: date | None = None, commune: str | None = None
) -> pdf.DocumentInfo:
    """The header and closing of a report: the commune's People's Committee signs a commune's
    report and sends it to the province; a reader's whole area is the province's."""
    code = commune or register.commune_code or register.reader_unit or ""
    unit = reference.unit(code)
    stored = signer(register)
    if unit is not None and unit.level == "province":
        info = pdf.DocumentInfo(
            body_lines=("ỦY BAN NHÂN DÂN", unit.name.upper()),
            place=unit.short_name,
            number="Số:       /BC-UBND",
            on=on or date.today(),
            recipients=("Bộ Y tế (Cục Bà mẹ và Trẻ em)", "Lưu: VT"),
        )
    else:
        province = reference.unit(unit.parent_code or "") if unit else None
        recipients = (f"UBND {_lower_first(province.name)}",) if province else ()
        info = pdf.DocumentInfo(
            body_lines=("ỦY BAN NHÂN DÂN", unit.name.upper() if unit else ""),
            place=unit.short_name if unit else "",
            on=on or date.today(),
            recipients=(*recipients, "Lưu: VT"),
        )
    info.signer = stored.get(SIGNER_NAME, "")
    info.position = stored.get(SIGNER_POSITION, info.position).upper()
    info.authority = stored.get(SIGNER_AUTHORITY, info.authority).upper()
    return info


def tally(
    register: Register, period: Period, now: datetime | None = None, commune: str | None = None
) -> dict:
    area = area_of(register, commune)
    with register.engine.connect() as conn:
        return figures_module.compute(conn, area, period, now or datetime.now(UTC))


def period_for(kind: str, text: str) -> Period:
    period = parse_period(text)
    if not kind_matches(kind, period):
        raise PeriodError(
            f"báo cáo {REPORT_KINDS[kind]} cần kỳ kiểu "
            + {"monthly": "2026-10", "semiannual": "2026-H1", "annual": "2026"}[kind]
            + f", không phải “{text}”."
        )
    return period


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Write beside `path` and rename at the end: a cancel or a crash leaves no half file.

    A full disk while writing becomes `DiskFull`; the earlier file at `path`, if any, stays.
    """
    tmp = path.with_name(f".{path.name}.partial")
    try:
        with disk_full_as_error(str(path)):
            tmp.open("wb").close()  # the folder takes files: known before anything else is done
            yield tmp
            with open(tmp, "rb+") as written:  # on the disk before it takes the name
                os.fsync(written.fileno())
            os.replace(tmp, path)
    except OSError as exc:  # name the file the officer chose, not the temporary one beside it
        if exc.filename is not None and os.fsdecode(exc.filename) == str(tmp):
            exc.filename = str(path)
        raise
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def workbook_target(tmp: Path, password: str | None) -> Iterator[Path | IO[bytes]]:
    """Where a workbook is written: the temporary file beside the target or, with a password,
    memory — encrypted there (`protect.encrypt_bytes`), only ciphertext ever reaches a disk."""
    if password is None:
        yield tmp
        return
    buffer = io.BytesIO()
    yield buffer
    locked = protect.encrypt_bytes(buffer.getvalue(), password)
    buffer.close()
    tmp.write_bytes(locked)


@contextmanager
def export_file(
    register: Register, what: str, path: Path, children: int | None = None, *,
    label: str = "", detail: str = "",
) -> Iterator[Path]:  # fmt: skip
    """The one way a file leaves the register. The role may write this kind of file (refused
    before anything exists on the disk: `accounts.EXPORTS`); the temporary file beside the
    target can be made; then the audit trail says so, before the first byte; then the bytes,
    renamed into place. A failure after the entry adds one saying the file was not written."""
    register.require_export(what)
    with ExitStack() as files:
        tmp = files.enter_context(atomic_file(path))
        with register.exporting(what, path.name, children, label=label, detail=detail):
            yield tmp
            files.close()  # the rename, inside the trail's watch


def report_label(kind: str, period: Period) -> str:
    return f"Báo cáo {REPORT_KINDS[kind]} {period.label}"


def write_report(
    register: Register,
    kind: str,
    period: Period,
    fmt: str,
    path: Path,
    password: str | None = None,
    commune: str | None = None,
) -> dict:
    """Write the report file (a password encrypts an Excel file) and record the export."""
    if register.is_reader and commune is None:
        return write_area_report(register, kind, period, fmt, path, password)["area"]
    _check_password(fmt, password)
    with export_file(
        register, "report", path, label=report_label(kind, period), detail=_locked_note(password)
    ) as tmp:
        figures = tally(register, period, commune=commune)
        if fmt == "json":
            tmp.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
        elif fmt == "xlsx":
            with workbook_target(tmp, password) as target:
                xlsx_tally.export_tally(figures, target)
        else:
            # A reader's commune has no report of its own to correct: the commune sends its own.
            corrections = (
                None if register.is_reader else corrections_to_previous(register, kind, period)
            )
            body = pdf_tally.tally_body(figures) + pdf_tally.corrections_body(corrections)
            pdf.build(tmp, document_info(register, commune=commune), "BÁO CÁO",
                      summary_line(figures, period), body, pdf_tally.rules_notes())  # fmt: skip
    return figures


def write_area_report(
    register: Register,
    kind: str,
    period: Period,
    fmt: str,
    path: Path,
    password: str | None = None,
) -> dict:
    """A district/province reader's report of its whole area: the area's tally and one row per
    commune with the area total (PDF, Excel); JSON holds the area and every commune."""
    _check_password(fmt, password)
    label = f"Báo cáo toàn vùng {period.label}"
    with export_file(register, "report", path, label=label, detail=_locked_note(password)) as tmp:
        tallies = area_tallies(register, period)
        if fmt == "json":
            tmp.write_text(json.dumps(tallies, ensure_ascii=False, indent=1), encoding="utf-8")
        elif fmt == "xlsx":
            with workbook_target(tmp, password) as target:
                xlsx_tally.export_area(tallies, target)
        else:
            pdf.build(tmp, document_info(register), "BÁO CÁO",
                      summary_line(tallies["area"], period), pdf_tally.area_body(tallies),
                      pdf_tally.rules_notes())  # fmt: skip
    return tallies


def _check_password(fmt: str, password: str | None) -> None:
    if password is not None:
        if fmt != "xlsx":
            raise protect.PasswordError("Chỉ tệp Excel (.xlsx) mới đặt được mật khẩu.")
        protect.check_password(password)


def summary_line(figures: dict, period: Period) -> str:
    area = figures["area"]["name"]
    where = f" trên địa bàn {_lower_first(area)}" if len(figures["area"]["codes"]) > 1 else ""
    return f"Kết quả công tác bảo vệ, chăm sóc trẻ em {period.label}{where}"


def area_name(register: Register) -> str:
    unit = reference.unit(register.reader_unit or register.commune_code or "")
    return unit.name if unit else ""


def area_tallies(register: Register, period: Period, now: datetime | None = None) -> dict:
    """{"area": figures of every commune together, "communes": {code: figures}}."""
    now = now or datetime.now(UTC)
    codes = sorted(register.area_codes())
    with register.engine.connect() as conn:
        total = figures_module.compute(conn, area_of(register), period, now)
        communes = {}
        for code in codes:
            unit = reference.unit(code)
            area = Area((code,), unit.name if unit else code)
            communes[code] = figures_module.compute(conn, area, period, now)
    return {"area": total, "communes": communes}


def record_print(register: Register, kind: str, period: Period) -> None:
    """The report's figures go to a printer: the same gate and trail as a file."""
    register.require_export("report")
    register.record_export("report", "", printed=True, label=report_label(kind, period))


def _locked_note(password: str | None) -> str:
    return "có mật khẩu" if password is not None else ""


def corrections_to_previous(
    register: Register, kind: str, period: Period
) -> tuple[str, list[tuple[str, object, object]]] | None:
    """If the previous report was sent and its figures changed since, what to correct."""
    previous = previous_period(period)
    result = compare_with_sent(register, kind, previous, tally(register, previous))
    if result is None or not result[1]:
        return None
    indicator_names = set(figures_module.INDICATORS.values())
    return previous.label, [c for c in result[1] if c[0] in indicator_names]


def previous_period(period: Period) -> Period:
    start = period.start
    if period.kind == "month":
        year, month = (start.year, start.month - 1) if start.month > 1 else (start.year - 1, 12)
        return parse_period(f"{year}-{month:02d}")
    if period.kind == "half":
        return parse_period(f"{start.year}-H1" if start.month == 7 else f"{start.year - 1}-H2")
    return parse_period(str(start.year - 1))


def export_import_problems(
    register: Register, plan: excel_import.ImportPlan, path: Path, password: str | None = None
) -> int:
    """The problems found in a file to import, as Excel (a password encrypts it): the officer
    fixes the source file from it. Returns how many rows have problems."""
    if password is not None:
        protect.check_password(password)
    rows = len({row for row, _problem in plan.problems})
    with (
        export_file(register, "import_problems", path, rows, detail=_locked_note(password)) as tmp,
        workbook_target(tmp, password) as target,
    ):
        excel_import.write_problems(plan, target)
    return rows


def export_register(
    register: Register,
    path: Path,
    progress: xlsx.Progress = xlsx._noop,
    password: str | None = None,
) -> int:
    """The register as Excel (a password encrypts it) or, for a .pdf path, a printable list."""
    if path.suffix.lower() == ".pdf":
        if password is not None:
            raise protect.PasswordError("Chỉ tệp Excel (.xlsx) mới đặt được mật khẩu.")
        return export_register_pdf(register, path, progress)
    if password is not None:
        protect.check_password(password)
    children = register.child_count()
    with (
        export_file(register, "register", path, children, detail=_locked_note(password)) as tmp,
        register.engine.connect() as conn,
        workbook_target(tmp, password) as target,
    ):
        return xlsx.export_register(
            conn, register.commune_code or "", target, date.today(), progress
        )


def export_register_pdf(
    register: Register, path: Path, progress: xlsx.Progress = xlsx._noop
) -> int:
    """The children of the commune as a printable A4 list, the personal-data notice on each
    page."""
    commune = reference.unit(register.commune_code or "")
    today = date.today()
    with export_file(register, "register", path, register.child_count()) as tmp:
        with register.engine.connect() as conn:
            rows = pdf_lists.register_rows(conn, register.commune_code or "", today)
        progress(0.5, "Đang dựng trang in…")
        pdf.build_plain(
            tmp,
            f"DANH SÁCH TRẺ EM — {commune.name.upper() if commune else ''}",
            f"Lập ngày {today:%d/%m/%Y}: {len(rows)} trẻ em",
            pdf_lists.register_body(rows),
            notice=PERSONAL_DATA_NOTE,
        )
    return len(rows)


EXPORTS = ("register", "activities", "trainings", "all")


def export(
    register: Register,
    what: str,
    path: Path,
    progress: xlsx.Progress = xlsx._noop,
    password: str | None = None,
) -> int:
    """One workbook: the register, activities, trainings, or all of them with this year's tally.

    A password encrypts the finished file; the export is recorded in the audit trail."""
    if what == "register":
        return export_register(register, path, progress, password)
    if password is not None:
        protect.check_password(password)
    today = date.today()
    commune = register.commune_code or ""
    children = register.child_count() if what == "all" else None
    with (
        export_file(register, what, path, children, detail=_locked_note(password)) as tmp,
        register.engine.connect() as conn,
        workbook_target(tmp, password) as target,
        xlsx.streaming_workbook() as wb,
    ):
        rows = 0
        if what == "all":
            rows += xlsx.register_sheet(wb, conn, commune, today, progress)
        if what in ("activities", "all"):
            rows += xlsx.activities_sheet(wb, conn, commune, today)
        if what in ("trainings", "all"):
            rows += xlsx.trainings_sheet(wb, conn, commune, today)
        if what == "all":
            year = parse_period(str(today.year))
            xlsx_tally.tally_sheets(wb, figures_module.compute(conn, area_of(register), year))
        progress(1.0, "Đang lưu tệp…")
        xlsx.save(wb, target)
    return rows


def mark_sent(register: Register, kind: str, period: Period, figures: dict, on: date) -> None:
    register.mark_report_sent(kind, period.code, json.dumps(figures, ensure_ascii=False), on)


def compare_with_sent(
    register: Register, kind: str, period: Period, figures: dict
) -> tuple[date, list[tuple[str, object, object]]] | None:
    """When the report of this period was sent and what has changed since; None if never sent."""
    sent = register.sent_report(kind, period.code)
    if sent is None:
        return None
    return sent.sent_on, figures_module.differences(json.loads(sent.figures), figures)


def export_audit(
    register: Register,
    flt: AuditFilter,
    path: Path,
    progress: xlsx.Progress = xlsx._noop,
    password: str | None = None,
) -> int:
    """The audit trail (as filtered) to Excel; the export itself is recorded too."""
    if password is not None:
        protect.check_password(password)
    register.require_export("auditentry")
    rowids = register.audit_rowids(flt)
    detail = "; ".join(
        p
        for p in (f"{len(rowids)} dòng", audit_export.describe_filter(flt), _locked_note(password))
        if p
    )

    def rows():
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            page = register.audit_page(chunk)
            yield from (page[r] for r in chunk if r in page)

    with (
        export_file(register, "auditentry", path, detail=detail) as tmp,
        workbook_target(tmp, password) as target,
    ):
        return audit_export.write_audit(
            rows(), len(rowids), register.commune_code or "", flt, target, date.today(), progress
        )
