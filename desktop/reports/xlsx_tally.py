"""The tally report as Excel: the PDF's sections, one sheet each, with the same numbers, the
"Cộng" rows, and a sheet of the counting rules; an area's report adds one row per commune.

Each sheet prints on A4 like the PDF (`xlsx.print_setup`). The report holds figures only, no
child's name: it carries no personal-data notice.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain import categories as cat
from desktop.reports import xlsx_injuries
from desktop.reports.figures import COUNTING_RULES
from desktop.reports.pdf_tally import BANDS, communes_in_order
from desktop.reports.xlsx import _sheet, safe, save, streaming_workbook, wrapped_height

_BOLD = Font(bold=True)
_MONEY = "#,##0"
_WRAP = Alignment(wrap_text=True, vertical="top")


def export_tally(figures: dict, path: Path | IO[bytes]) -> None:
    """The commune's (or one area's) report workbook."""
    with streaming_workbook() as wb:
        tally_sheets(wb, figures)
        save(wb, path)


def export_area(tallies: dict, path: Path | IO[bytes]) -> None:
    """The area's report: its tally sheets with one sheet of every commune and the total."""
    with streaming_workbook() as wb:
        tally_sheets(wb, tallies["area"], tallies)
        save(wb, path)


def _block(figures: dict) -> list[str]:
    period, area = figures["period"], figures["area"]
    start, end = (date.fromisoformat(period[k]) for k in ("start", "end"))
    return [
        f"SỐ LIỆU TRẺ EM {period['label'].upper()} — {area['name'].upper()}",
        f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}; số liệu cuối kỳ tính đến ngày {end:%d/%m/%Y} "
        "(cách tính: trang “Cách tính”). Chỉ có số liệu tổng hợp, không có thông tin cá nhân.",
    ]


def _row(ws: Worksheet, values: list[Any], bold: bool = False) -> None:
    cells = []
    for v in values:
        style: dict[str, Any] = {"font": _BOLD} if bold else {}
        if isinstance(v, int) and not isinstance(v, bool) and v >= 1000:
            style["number_format"] = _MONEY
        cells.append(safe(ws, v, **style))
    ws.append(cells)


def _group(g: dict) -> list[Any]:
    return [g["total"], g["male"], g["female"], *[g["by_age"][b] for b in BANDS],
            g["ethnic_minority"]]  # fmt: skip


def tally_sheets(wb: Workbook, figures: dict, tallies: dict | None = None) -> None:
    """Sheets in the PDF's order: indicators, children by group, risk, support, cases,
    activities, training, (every commune), and how the figures are counted."""
    block = _block(figures)
    special, risk, support, cases = (figures["special"], figures["risk"], figures["support"],
                                     figures["cases"])  # fmt: skip
    kids = figures["children_under_16"]

    ws = _sheet(wb, "Chỉ tiêu", [("STT", 6), ("Chỉ tiêu", 62), ("Giá trị", 14)], block)
    more = [
        ("Trẻ em dưới 16 tuổi: nam", kids["male"]),
        ("Trẻ em dưới 16 tuổi: nữ", kids["female"]),
        ("Trẻ em có nguy cơ rơi vào hoàn cảnh đặc biệt", risk["children"]),
        ("Trẻ em vào danh sách trẻ em có hoàn cảnh đặc biệt trong kỳ", special["children_entered"]),
        ("Trẻ em ra khỏi danh sách trẻ em có hoàn cảnh đặc biệt trong kỳ",
         special["children_left"]),
        ("Trường hợp hoàn cảnh đặc biệt mới bắt đầu trong kỳ", special["entries"]),
        ("Trường hợp hoàn cảnh đặc biệt kết thúc (thôi hưởng) trong kỳ", special["exits"]),
        ("Tổng kinh phí trợ giúp (đồng)", support["total_amount_vnd"]),
    ]  # fmt: skip
    rows = [(i["name"], i["value"]) for i in figures["indicators"]] + more
    for n, (name, value) in enumerate(rows, start=1):
        _row(ws, [n, name, value])

    heads = [("Tổng", 8), ("Nam", 8), ("Nữ", 8), *[(f"{b} tuổi", 9) for b in BANDS],
             ("Dân tộc thiểu số", 10)]  # fmt: skip
    ws = _sheet(wb, "Trẻ em HCĐB", [("STT", 6), ("Nhóm (Điều 10 Luật Trẻ em)", 50), *heads],
                block)  # fmt: skip
    for n, (code, g) in enumerate(special["by_group"].items(), start=1):
        _row(ws, [n, f"{code} – {cat.label(cat.SPECIAL_GROUPS, code)}", *_group(g)])
    _row(ws, ["", "Cộng (mỗi trẻ một lần)", *_group(special["totals"])], bold=True)

    ws = _sheet(wb, "Nguy cơ", [("STT", 6), ("Nhóm nguy cơ", 50), *heads], block)
    for n, (code, g) in enumerate(risk["by_group"].items(), start=1):
        _row(ws, [n, cat.label(cat.DEFAULT_RISK_GROUPS, code), *_group(g)])
    _row(ws, ["", "Cộng (mỗi trẻ một lần)", *_group(risk["totals"])], bold=True)

    ws = _sheet(wb, "Trợ giúp", [("STT", 6), ("Hình thức trợ giúp", 50), ("Lượt", 8),
                                  ("Số tiền (đồng)", 16)], block)  # fmt: skip
    for n, (kind, v) in enumerate(support["by_type"].items(), start=1):
        _row(ws, [n, cat.label(cat.SUPPORT_TYPES, kind), v["count"], v["amount_vnd"]])
    _row(ws, ["", "Cộng", sum(v["count"] for v in support["by_type"].values()),
              support["total_amount_vnd"]], bold=True)  # fmt: skip

    ws = _sheet(wb, "Vụ việc", [("STT", 6), ("Loại vụ việc tiếp nhận trong kỳ", 50),
                                 ("Số vụ việc", 12)], block)  # fmt: skip
    for n, (kind, count) in enumerate(cases["by_type"].items(), start=1):
        _row(ws, [n, cat.label(cat.CASE_TYPES, kind), count])
    _row(ws, ["", "Cộng", cases["received"]], bold=True)
    for name, value in (
        ("Đã đóng trong kỳ", cases["closed"]),
        ("Đang xử lý cuối kỳ", cases["open_at_end"]),
        ("Trong đó quá hạn", cases["overdue_at_end"]),
        ("Số trẻ em bị xâm hại (chỉ tiêu 0101)", cases["abused_children"]),
    ):
        _row(ws, ["", name, value])  # fmt: skip
    xlsx_injuries.tally_sheets(wb, figures, block, _sheet, safe)  # injuries, hazard spots (PDF: II)

    acts = figures["activities"]["by_type"]
    ws = _sheet(wb, "Hoạt động", [("STT", 6), ("Loại hoạt động", 40), ("Số hoạt động", 10),
                                   ("Lượt người tham gia", 12), ("Trẻ em HCĐB", 10),
                                   ("Kinh phí (đồng)", 16)], block)  # fmt: skip
    for n, (kind, v) in enumerate(acts.items(), start=1):
        _row(ws, [n, cat.label(cat.ACTIVITY_TYPES, kind), v["count"], v["participants"],
                  v["special_children"], v["cost_vnd"]])  # fmt: skip
    _row(ws, ["", "Cộng", *[sum(v[k] for v in acts.values())
                            for k in ("count", "participants", "special_children", "cost_vnd")]],
         bold=True)  # fmt: skip

    training = figures["training"]
    people = training["participants"]
    ws = _sheet(wb, "Tập huấn", [("STT", 6), ("Vai trò người tham gia", 40), ("Tổng", 8),
                                  ("Nam", 8), ("Nữ", 8)], block)  # fmt: skip
    for n, (role, v) in enumerate(people["by_role"].items(), start=1):
        _row(ws, [n, cat.label(cat.TRAINING_ROLES, role), v["male"] + v["female"], v["male"],
                  v["female"]])  # fmt: skip
    _row(ws, ["", f"Cộng ({training['courses']} lớp)", people["total"], people["male"],
              people["female"]], bold=True)  # fmt: skip

    if tallies is not None:
        _communes_sheet(wb, tallies, block)

    ws = _sheet(wb, "Cách tính", [("STT", 6), ("Cách tính số liệu", 90)], block)
    first = len(block) + 3
    for n, (_key, text) in enumerate(COUNTING_RULES, start=1):
        ws.row_dimensions[first + n - 1].height = wrapped_height(text, 90)
        ws.append([safe(ws, n, alignment=_WRAP), safe(ws, text, alignment=_WRAP)])


def _communes_sheet(wb: Workbook, tallies: dict, block: list[str]) -> None:
    ws = _sheet(
        wb, "Từng xã",
        [("STT", 6), ("Xã, phường", 28), ("Mã", 8), ("Trẻ em dưới 16 tuổi", 11),
         ("Trẻ em HCĐB", 10), ("Tỷ lệ HCĐB (%)", 10), ("Trẻ HCĐB được trợ giúp", 11),
         ("Trẻ em nguy cơ", 10), ("Vụ việc tiếp nhận", 10), ("Hoạt động", 10),
         ("Lớp tập huấn", 10)],
        block,
    )  # fmt: skip

    def values(f: dict) -> list[Any]:
        return [f["children_under_16"]["total"], f["special"]["children"],
                f["special"]["share_of_children_pct"], f["support"]["special_supported"],
                f["risk"]["children"], f["cases"]["received"], f["activities"]["count"],
                f["training"]["courses"]]  # fmt: skip

    for n, (code, name, f) in enumerate(communes_in_order(tallies), start=1):
        _row(ws, [n, name, code, *values(f)])
    area = tallies["area"]
    _row(ws, ["", f"Toàn địa bàn: {area['area']['name']}", "", *values(area)], bold=True)
