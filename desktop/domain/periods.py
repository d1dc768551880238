"""Reporting periods: a month ("2026-10"), a half year ("2026-H1", "2026-H2") or a year ("2026")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


class PeriodError(ValueError):
    """Text that names no period; the message is Vietnamese."""


@dataclass(frozen=True)
class Period:
    kind: str  # month | half | year
    start: date
    end: date  # inclusive
    code: str

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"tháng {self.start.month:02d} năm {self.start.year}"
        if self.kind == "half":
            half = "6 tháng đầu năm" if self.start.month == 1 else "6 tháng cuối năm"
            return f"{half} {self.start.year}"
        return f"năm {self.start.year}"

    @property
    def report_kind(self) -> str:
        return {"month": "monthly", "half": "semiannual", "year": "annual"}[self.kind]

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_HALF = re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


def parse_period(text: str) -> Period:
    text = text.strip()
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"kỳ “{text}”: tháng {month} không hợp lệ.")
        last = calendar.monthrange(year, month)[1]
        return Period("month", date(year, month, 1), date(year, month, last), f"{year}-{month:02d}")
    if m := _HALF.match(text):
        year, half = int(m[1]), int(m[2])
        start, end = (
            (date(year, 1, 1), date(year, 6, 30))
            if half == 1
            else (date(year, 7, 1), date(year, 12, 31))
        )
        return Period("half", start, end, f"{year}-H{half}")
    if m := _YEAR.match(text):
        year = int(m[1])
        return Period("year", date(year, 1, 1), date(year, 12, 31), str(year))
    raise PeriodError(
        f"kỳ “{text}” không hợp lệ: dùng 2026-10 (tháng), 2026-H1 / 2026-H2 (6 tháng) "
        "hoặc 2026 (năm)."
    )


def kind_matches(report: str, period: Period) -> bool:
    """`sotreem report monthly --period 2026-H1` is a mistake worth a clear message."""
    return report == period.report_kind
