"""Report use cases shared by the CLI and the GUI: compute the tally, write PDF/Excel/JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from desktop import reference
from desktop.db.register import Register
from desktop.domain.periods import Period, PeriodError, kind_matches, parse_period
from desktop.reports import figures as figures_module
from desktop.reports import pdf, xlsx
from desktop.reports.figures import Area

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


def document_info(
    register: Register, on: date | None = None, commune: str | None = None
) -> pdf.DocumentInfo:
    commune = reference.unit(commune or register.commune_code or register.reader_unit or "")
    province = reference.unit(commune.parent_code or "") if commune else None
    recipients = (f"UBND {province.name[0].lower()}{province.name[1:]}",) if province else ()
    return pdf.DocumentInfo(
        body_lines=("ỦY BAN NHÂN DÂN", commune.name.upper() if commune else ""),
        place=commune.short_name if commune else "",
        on=on or date.today(),
        recipients=(*recipients, "Lưu: VT"),
    )


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
    """Write beside `path` and rename at the end: a cancel or a crash leaves no half file."""
    tmp = path.with_name(f".{path.name}.partial")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_report(
    register: Register, kind: str, period: Period, fmt: str, path: Path, commune: str | None = None
) -> dict:
    figures = tally(register, period, commune=commune)
    with atomic_file(path) as tmp:
        if fmt == "json":
            tmp.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
        elif fmt == "xlsx":
            xlsx.export_tally(figures, tmp)
        else:
            summary = f"Kết quả công tác bảo vệ, chăm sóc trẻ em {period.label}"
            # A reader's area has no report of its own to correct: the communes send theirs.
            corrections = None if register.is_reader else corrections_to_previous(
                register, kind, period
            )
            body = pdf.tally_body(figures) + pdf.corrections_body(corrections)
            pdf.build(tmp, document_info(register, commune=commune), "BÁO CÁO", summary, body)
    return figures


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


def export_register(register: Register, path: Path, progress: xlsx.Progress = xlsx._noop) -> int:
    with register.engine.connect() as conn, atomic_file(path) as tmp:
        return xlsx.export_register(conn, register.commune_code or "", tmp, date.today(), progress)


EXPORTS = ("register", "activities", "trainings", "all")


def export(register: Register, what: str, path: Path, progress: xlsx.Progress = xlsx._noop) -> int:
    """One workbook: the register, activities, trainings, or all of them with this year's tally."""
    if what == "register":
        return export_register(register, path, progress)
    today = date.today()
    commune = register.commune_code or ""
    wb = xlsx.Workbook(write_only=True)
    with register.engine.connect() as conn, atomic_file(path) as tmp:
        rows = 0
        if what == "all":
            rows += xlsx.register_sheet(wb, conn, commune, today, progress)
        if what in ("activities", "all"):
            rows += xlsx.activities_sheet(wb, conn, commune, today)
        if what in ("trainings", "all"):
            rows += xlsx.trainings_sheet(wb, conn, commune, today)
        if what == "all":
            year = parse_period(str(today.year))
            xlsx.tally_sheets(wb, figures_module.compute(conn, area_of(register), year))
        progress(1.0, "Đang lưu tệp…")
        wb.save(tmp)
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
