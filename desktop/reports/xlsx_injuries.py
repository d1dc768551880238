"""The injuries and hazard-spot sheets of the Excel tally (the same figures as the PDF and JSON).

`xlsx.tally_sheets` calls `tally_sheets` with its own sheet and cell makers, so this module
needs nothing of `xlsx` (which imports it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain import categories as cat

SheetMaker = Callable[[Workbook, str, Sequence[tuple[str, float]], list[str]], Worksheet]
CellMaker = Callable[..., Any]  # xlsx.safe(ws, value, **style)


def tally_sheets(
    wb: Workbook, figures: dict, block: list[str], sheet: SheetMaker, safe: CellMaker
) -> None:
    """"Tai nạn thương tích": one row per cause × severity with its counts by sex and age band
    (the whole cross table), then the totals; "Điểm nguy cơ đuối nước": the hazard spots."""
    injuries, spots = figures.get("injuries"), figures.get("hazard_spots")
    if injuries is None or spots is None:
        return
    bands = [b.code for b in cat.AGE_BANDS]
    headers = [("STT", 6), ("Nguyên nhân", 26), ("Mức độ", 11), ("Tổng", 8), ("Nam", 8),
               ("Nữ", 8), *[(f"Nam {b} tuổi", 10) for b in bands],
               *[(f"Nữ {b} tuổi", 10) for b in bands]]  # fmt: skip
    ws = sheet(wb, "Tai nạn thương tích", headers, [*block, injuries["tt13_note"]])
    number = 0
    for cause, c in injuries["by_cause"].items():
        for severity in cat.INJURY_SEVERITIES:
            cells = c["by_severity"][severity.code]
            male = [cells["male"][b] for b in bands]
            female = [cells["female"][b] for b in bands]
            number += 1
            ws.append(
                [number, safe(ws, cat.label(cat.INJURY_CAUSES, cause)), safe(ws, severity.label),
                 c[severity.code], sum(male), sum(female), *male, *female]
            )  # fmt: skip
    deaths, drowning = injuries["deaths"], injuries["drowning"]
    totals: list[tuple[str, int, int | None, int | None]] = [
        ("Cộng", injuries["incidents"], injuries["male"], injuries["female"]),
        ("Trong đó tử vong", deaths["total"], deaths["male"], deaths["female"]),
        ("Trong đó đuối nước", drowning["incidents"], drowning["male"], drowning["female"]),
        ("Đuối nước tử vong", drowning["deaths"], None, None),
    ]
    for label, total, boys, girls in totals:
        ws.append([None, safe(ws, label), None, total, boys, girls])
    ws = sheet(
        wb, "Điểm nguy cơ đuối nước",
        [("STT", 6), ("Thôn/bản", 40), ("Số điểm", 10), ("Chưa có biện pháp", 12)],
        [*block, f"Tổng {spots['total']} điểm; có biển cảnh báo {spots['with_sign']}, có rào "
                 f"chắn {spots['with_fence']}, chưa có biện pháp {spots['without_measures']}; "
                 f"kiểm tra trong kỳ {spots['checked_in_period']}."],
    )  # fmt: skip
    for i, (village, v) in enumerate(spots["by_village"].items(), start=1):
        ws.append([i, safe(ws, village), v["total"], v["without_measures"]])
