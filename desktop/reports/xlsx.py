"""Excel exports: the register and the tallies, streamed with openpyxl's write-only mode.

Every file has a title block, Vietnamese headers, a frozen header row, an autofilter, dates as
real dates, sensible widths, and text that can never turn into a formula (cells starting with
= + - @ are written as quoted text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Connection

from desktop import reference
from desktop.domain import categories as cat
from desktop.reports import xlsx_injuries
from desktop.reports.notice import PERSONAL_DATA_NOTE

Progress = Callable[[float, str], None]
_RISKY_START = ("=", "+", "-", "@")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_NOTE = Font(bold=True, color="C00000")


def _noop(_fraction: float, _message: str) -> None:
    return None


def safe(ws: Worksheet, value: Any, **style: Any) -> Any:
    """A cell for `value`; text that Excel could read as a formula stays plain text."""
    cell = WriteOnlyCell(ws, value)
    if isinstance(value, str) and value.startswith(_RISKY_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    for key, v in style.items():
        setattr(cell, key, v)
    return cell


def _sheet(
    wb: Workbook, title: str, headers: Sequence[tuple[str, float]], block: list[str]
) -> Worksheet:
    """A sheet with widths, frozen header and autofilter set before any row is streamed.

    `block` is the title block above the header: the title, then lines in italics; the
    line with the personal-data notice stands out in bold red.
    """
    ws = wb.create_sheet(title)
    for i, (_name, width) in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    header_row = len(block) + 2
    ws.freeze_panes = f"C{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{header_row}"
    for i, line in enumerate(block):
        font = _TITLE if i == 0 else _NOTE if PERSONAL_DATA_NOTE in line else Font(italic=True)
        ws.append([safe(ws, line, font=font)])
    ws.append([])
    ws.append(
        [
            safe(ws, name, font=_BOLD, fill=_HEAD_FILL,
                 alignment=Alignment(wrap_text=True, vertical="center"))
            for name, _w in headers
        ]
    )  # fmt: skip
    return ws


REGISTER_HEADERS: list[tuple[str, float]] = [
    ("STT", 6), ("Họ và tên", 26), ("Giới tính", 9), ("Ngày sinh", 12), ("Dân tộc", 10),
    ("Thôn/bản", 16), ("Số định danh cá nhân", 16), ("Đã đăng ký khai sinh", 10),
    ("Thẻ BHYT", 9), ("Học tập", 14), ("Hộ nghèo/cận nghèo", 14), ("Người chăm sóc", 24),
    ("Quan hệ", 9), ("Điện thoại", 13), ("Tình trạng", 13), ("Hoàn cảnh đặc biệt", 40),
    ("Nguy cơ", 32), ("Số lượt trợ giúp", 10), ("Tổng tiền trợ giúp (đồng)", 16), ("Ghi chú", 30),
]  # fmt: skip


def _yes_no(value: int | None) -> str:
    return "" if value is None else ("Có" if value else "Không")


@contextmanager
def streaming_workbook() -> Iterator[Workbook]:
    """A write-only workbook whose half-written sheets are closed quietly when the work fails
    (full disk, cancel); left open, openpyxl complains about them whenever they are collected."""
    wb = Workbook(write_only=True)
    try:
        yield wb
    except BaseException:
        for ws in wb.worksheets:
            writer = getattr(ws, "_writer", None)
            for stream in (getattr(ws, "_rows", None), getattr(writer, "xf", None)):
                with suppress(Exception):
                    if stream is not None:
                        stream.close()
        raise


def save(wb: Workbook, path: Path) -> None:
    """`Workbook.save`, but the file is let go even when writing fails (a full disk): a file
    left open cannot be deleted on Windows, and complains whenever it is collected."""
    from openpyxl.writer.excel import ExcelWriter

    if not wb.worksheets:
        wb.create_sheet()
    wb.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(wb, archive).save()
    except BaseException:
        handle, archive.fp = archive.fp, None  # nothing more is written to a failed file
        if handle is not None:
            with suppress(OSError):
                handle.close()
        raise


def export_register(
    conn: Connection, commune: str, path: Path, today: date, progress: Progress = _noop
) -> int:
    """Every child of the commune with groups, supports, village and caregiver; rows written."""
    with streaming_workbook() as wb:
        written = register_sheet(wb, conn, commune, today, progress)
        progress(1.0, "Đang lưu tệp…")
        save(wb, path)
    return written


def register_sheet(
    wb: Workbook, conn: Connection, commune: str, today: date, progress: Progress = _noop
) -> int:
    unit = reference.unit(commune)
    ethnic = {c: g.name for c, g in reference.ethnic_groups().items()}
    cursor = conn.connection.cursor()
    total = cursor.execute(
        "SELECT COUNT(*) FROM child WHERE commune_code = ? AND deleted = 0", (commune,)
    ).fetchone()[0]
    ws = _sheet(
        wb, "Trẻ em", REGISTER_HEADERS,
        [f"DANH SÁCH TRẺ EM — {unit.name.upper() if unit else commune}",
         f"Xuất ngày {today:%d/%m/%Y}. {PERSONAL_DATA_NOTE}"],
    )  # fmt: skip
    groups = (
        "(SELECT group_concat(k.group_code, ', ') FROM circumstance k WHERE k.child_id = c.id "
        "AND k.deleted = 0 AND k.kind = '{kind}' AND k.start_date <= :today "
        "AND (k.end_date IS NULL OR k.end_date >= :today))"
    )
    rows = cursor.execute(
        f"""SELECT c.full_name, c.sex, c.birth_year, c.birth_month, c.birth_day, c.ethnic_code,
               COALESCE(v.name, ''), c.personal_id, c.birth_registered, c.health_insurance,
               c.schooling, c.poverty, c.caregiver_name, c.caregiver_relation, c.contact_phone,
               c.status, {groups.format(kind="special")}, {groups.format(kind="risk")},
               (SELECT COUNT(*) FROM support s WHERE s.child_id = c.id AND s.deleted = 0),
               (SELECT COALESCE(SUM(amount_vnd), 0) FROM support s
                 WHERE s.child_id = c.id AND s.deleted = 0),
               c.notes
        FROM child c INDEXED BY ix_child_list_order LEFT JOIN village v ON v.id = c.village_id
        WHERE c.commune_code = :commune AND c.deleted = 0 ORDER BY c.sort_key""",
        {"commune": commune, "today": today.isoformat()},
    )
    written = 0
    for r in rows:
        written += 1
        year, month, day = r[2], r[3], r[4]
        if day and month:
            birth: Any = safe(ws, date(year, month, day), number_format="DD/MM/YYYY")
        else:
            birth = f"{month:02d}/{year}" if month else str(year)
        special = "; ".join(
            f"{code} – {cat.label(cat.SPECIAL_GROUPS, code)}" for code in (r[16] or "").split(", ")
            if code
        )  # fmt: skip
        risk = "; ".join(
            cat.label(cat.DEFAULT_RISK_GROUPS, code) for code in (r[17] or "").split(", ") if code
        )
        values = [
            written, r[0], cat.label(cat.SEXES, r[1]), birth, ethnic.get(r[5] or "", ""), r[6],
            r[7] or "", _yes_no(r[8]), _yes_no(r[9]), cat.label(cat.SCHOOLING, r[10]),
            cat.label(cat.POVERTY, r[11]), r[12], r[13], r[14],
            cat.label(cat.CHILD_STATUSES, r[15]), special, risk, r[18],
        ]  # fmt: skip
        ws.append(
            [
                safe(ws, v) if isinstance(v, str) and v.startswith(_RISKY_START) else v
                for v in values
            ]
            + [safe(ws, r[19], number_format="#,##0"), safe(ws, r[20])]
        )
        if written % 2000 == 0:
            progress(
                written / max(total, 1), f"Đã ghi {written:,} / {total:,} trẻ em".replace(",", ".")
            )
    return written


def export_tally(figures: dict, path: Path) -> None:
    """The tally's tables, one sheet each, with the same numbers as the PDF and the JSON."""
    with streaming_workbook() as wb:
        tally_sheets(wb, figures)
        save(wb, path)


def tally_sheets(wb: Workbook, figures: dict) -> None:
    period, area = figures["period"], figures["area"]
    start, end = (date.fromisoformat(period[k]) for k in ("start", "end"))
    block = [
        f"SỐ LIỆU TRẺ EM {period['label'].upper()} — {area['name'].upper()}",
        f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}; tính theo lịch sử đến cuối kỳ.",
    ]
    bands = [b.code for b in cat.AGE_BANDS]
    ws = _sheet(wb, "Chỉ tiêu", [("STT", 6), ("Chỉ tiêu", 60), ("Giá trị", 14)], block)
    for i, ind in enumerate(figures["indicators"], start=1):
        ws.append([i, safe(ws, ind["name"]), ind["value"]])
    ws = _sheet(
        wb, "Trẻ em HCĐB",
        [("STT", 6), ("Nhóm", 60), ("Tổng", 8), ("Nam", 8), ("Nữ", 8),
         *[(f"{b} tuổi", 9) for b in bands], ("Dân tộc thiểu số", 10)],
        block,
    )  # fmt: skip
    for i, (code, g) in enumerate(figures["special"]["by_group"].items(), start=1):
        ws.append([i, safe(ws, f"{code} – {cat.label(cat.SPECIAL_GROUPS, code)}"), g["total"],
                   g["male"], g["female"], *[g["by_age"][b] for b in bands],
                   g["ethnic_minority"]])  # fmt: skip
    ws = _sheet(wb, "Nguy cơ", [("STT", 6), ("Nhóm nguy cơ", 60), ("Tổng", 8), ("Nam", 8),
                                 ("Nữ", 8)], block)  # fmt: skip
    for i, (code, g) in enumerate(figures["risk"]["by_group"].items(), start=1):
        ws.append([i, safe(ws, cat.label(cat.DEFAULT_RISK_GROUPS, code)), g["total"], g["male"],
                   g["female"]])  # fmt: skip
    ws = _sheet(wb, "Trợ giúp", [("STT", 6), ("Hình thức", 50), ("Lượt", 8),
                                  ("Số tiền (đồng)", 16)], block)  # fmt: skip
    for i, (kind, v) in enumerate(figures["support"]["by_type"].items(), start=1):
        ws.append([i, safe(ws, cat.label(cat.SUPPORT_TYPES, kind)), v["count"],
                   safe(ws, v["amount_vnd"], number_format="#,##0")])  # fmt: skip
    xlsx_injuries.tally_sheets(wb, figures, block, _sheet, safe)  # injuries, hazard spots


ACTIVITY_HEADERS: list[tuple[str, float]] = [
    ("STT", 6), ("Tên hoạt động", 36), ("Loại", 24), ("Từ ngày", 12), ("Đến ngày", 12),
    ("Địa điểm", 18), ("Thôn/bản", 14), ("Đơn vị tổ chức", 18), ("Phối hợp", 18),
    ("Người lớn nam", 9), ("Người lớn nữ", 9), ("Trẻ em nam", 9), ("Trẻ em nữ", 9),
    ("Tổng người tham gia", 10), ("Trẻ em HCĐB", 9), ("Kinh phí (đồng)", 14),
    ("Nguồn kinh phí", 18), ("Ghi chú", 30),
]  # fmt: skip


def _date_cell(ws: Worksheet, iso: str | None) -> Any:
    return safe(ws, date.fromisoformat(iso), number_format="DD/MM/YYYY") if iso else None


def activities_sheet(wb: Workbook, conn: Connection, commune: str, today: date) -> int:
    unit = reference.unit(commune)
    ws = _sheet(
        wb, "Hoạt động", ACTIVITY_HEADERS,
        [f"DANH SÁCH HOẠT ĐỘNG — {unit.name.upper() if unit else commune}",
         f"Xuất ngày {today:%d/%m/%Y}."],
    )  # fmt: skip
    rows = (
        conn.connection.cursor()
        .execute(
            """SELECT a.title, a.activity_type, a.start_date, a.end_date, a.place,
                  COALESCE(v.name, ''), a.organiser, a.partners, a.adult_male, a.adult_female,
                  a.child_male, a.child_female, a.special_children, a.cost_vnd,
                  a.funding_source, a.notes
           FROM activity a LEFT JOIN village v ON v.id = a.village_id
           WHERE a.commune_code = ? AND a.deleted = 0 ORDER BY a.start_date""",
            (commune,),
        )
        .fetchall()
    )
    for i, r in enumerate(rows, start=1):
        ws.append(
            [i, safe(ws, r[0]), safe(ws, cat.label(cat.ACTIVITY_TYPES, r[1])), _date_cell(ws, r[2]),
             _date_cell(ws, r[3]), safe(ws, r[4]), safe(ws, r[5]), safe(ws, r[6]), safe(ws, r[7]),
             r[8], r[9], r[10], r[11], r[8] + r[9] + r[10] + r[11], r[12],
             safe(ws, r[13], number_format="#,##0"),
             safe(ws, cat.label(cat.FUNDING_SOURCES, r[14])), safe(ws, r[15])]
        )  # fmt: skip
    return len(rows)


def trainings_sheet(wb: Workbook, conn: Connection, commune: str, today: date) -> int:
    unit = reference.unit(commune)
    roles = [r.code for r in cat.TRAINING_ROLES]
    headers = [("STT", 6), ("Tên lớp", 34), ("Chủ đề", 30), ("Từ ngày", 12), ("Đến ngày", 12),
               ("Địa điểm", 18), ("Giảng viên", 18), ("Tổng", 8), ("Nam", 8), ("Nữ", 8),
               *[(cat.label(cat.TRAINING_ROLES, r), 11) for r in roles],
               ("Kinh phí (đồng)", 14), ("Nguồn kinh phí", 18)]  # fmt: skip
    ws = _sheet(
        wb, "Tập huấn", headers,
        [f"DANH SÁCH LỚP TẬP HUẤN — {unit.name.upper() if unit else commune}",
         f"Xuất ngày {today:%d/%m/%Y}. Số người theo vai trò là tổng nam và nữ."],
    )  # fmt: skip
    cursor = conn.connection.cursor()
    courses = cursor.execute(
        """SELECT id, title, topic, start_date, end_date, place, trainer, cost_vnd,
                  funding_source FROM trainingcourse
           WHERE commune_code = ? AND deleted = 0 ORDER BY start_date""",
        (commune,),
    ).fetchall()
    for i, c in enumerate(courses, start=1):
        people = cursor.execute(
            "SELECT role, sex, SUM(count) FROM trainingparticipant "
            "WHERE course_id = ? AND deleted = 0 GROUP BY role, sex",
            (c[0],),
        ).fetchall()
        by_role = {r: sum(n for role, _s, n in people if role == r) for r in roles}
        male = sum(n for _r, sex, n in people if sex == "M")
        female = sum(n for _r, sex, n in people if sex == "F")
        ws.append(
            [i, safe(ws, c[1]), safe(ws, cat.label(cat.TRAINING_TOPICS, c[2])),
             _date_cell(ws, c[3]), _date_cell(ws, c[4]), safe(ws, c[5]), safe(ws, c[6]),
             male + female, male, female,
             *[by_role[r] for r in roles], safe(ws, c[7], number_format="#,##0"),
             safe(ws, cat.label(cat.FUNDING_SOURCES, c[8]))]
        )  # fmt: skip
    return len(courses)
