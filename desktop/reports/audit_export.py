"""The audit trail as an Excel workbook, in the house style of `xlsx` (title block with the
personal-data notice — entries name children —, frozen header, formula-proof text)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO

from openpyxl import Workbook

from desktop import reference
from desktop.db.audit import AuditFilter, AuditRow
from desktop.domain import audit as vocab
from desktop.domain import categories as cat
from desktop.reports.notice import PERSONAL_DATA_NOTE
from desktop.reports.xlsx import Progress, _noop, _sheet, safe
from desktop.reports.xlsx import save as xlsx_save

HEADERS: list[tuple[str, float]] = [
    ("STT", 7), ("Thời điểm", 20), ("Người dùng", 16), ("Thao tác", 18), ("Đối tượng", 22),
    ("Nội dung", 40), ("Chi tiết", 50), ("Mã bản ghi", 38),
]  # fmt: skip


def describe_filter(flt: AuditFilter) -> str:
    parts = []
    if flt.username:
        parts.append(f"người dùng {flt.username}")
    if flt.action:
        parts.append(f"thao tác “{cat.label(vocab.ACTIONS, flt.action)}”")
    if flt.since:
        parts.append(f"từ {flt.since:%d/%m/%Y}")
    if flt.until:
        parts.append(f"đến {flt.until:%d/%m/%Y}")
    if flt.search.strip():
        parts.append(f"tìm “{flt.search.strip()}”")
    return "Lọc: " + ", ".join(parts) + "." if parts else "Toàn bộ nhật ký."


def write_audit(
    rows: Iterable[AuditRow],
    total: int,
    commune: str,
    flt: AuditFilter,
    path: Path | IO[bytes],
    today: date,
    progress: Progress = _noop,
) -> int:
    """Write the entries (newest first) to `path`; returns how many were written."""
    unit = reference.unit(commune)
    wb = Workbook(write_only=True)
    ws = _sheet(
        wb, "Nhật ký truy cập", HEADERS,
        [f"NHẬT KÝ TRUY CẬP — {unit.name.upper() if unit else commune}",
         f"Xuất ngày {today:%d/%m/%Y}. {describe_filter(flt)}", PERSONAL_DATA_NOTE],
    )  # fmt: skip
    written = 0
    for row in rows:
        written += 1
        ws.append(
            [written, safe(ws, row.local_time), safe(ws, row.username),
             safe(ws, cat.label(vocab.ACTIONS, row.action)),
             safe(ws, cat.label(vocab.ENTITIES, row.entity)), safe(ws, row.label),
             safe(ws, row.detail), safe(ws, row.row_id)]
        )  # fmt: skip
        if written % 500 == 0:
            progress(written / max(total, 1), f"Đã ghi {written} / {total} dòng")
    progress(1.0, "Đang lưu tệp…")
    xlsx_save(wb, path)
    return written
