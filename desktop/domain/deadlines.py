"""When reports are due. Provinces set their own dates, so the calendar is data.

Known dates (FACTS.md): Lào Cai asks for the six-month report before 15/5 and the annual one
before 10/10; Lạng Sơn and An Lão before 20/5 and 15/11. Other provinces use the latter until
they say otherwise. Monthly tallies are due by the 20th of the next month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

DEFAULT_CALENDAR = {"semiannual": (5, 20), "annual": (11, 15), "monthly_day": 20}
PROVINCE_CALENDARS: dict[str, dict[str, Any]] = {
    "15": {"semiannual": (5, 15), "annual": (10, 10), "monthly_day": 20},  # Lào Cai
    "20": {"semiannual": (5, 20), "annual": (11, 15), "monthly_day": 20},  # Lạng Sơn
}


@dataclass(frozen=True)
class Due:
    kind: str  # monthly | semiannual | annual
    period: str  # the period code the report covers, e.g. 2026-10, 2026-H1, 2026
    due: date


def upcoming(
    today: date, province_code: str | None, calendar: dict[str, Any] | None = None
) -> list[Due]:
    """The next due date of each kind of report, soonest first.

    `calendar` (from the settings file, key "report_calendar") overrides the province's dates,
    e.g. {"semiannual": [5, 15], "annual": [10, 10], "monthly_day": 20}.
    """
    cal = {**PROVINCE_CALENDARS.get(province_code or "", DEFAULT_CALENDAR), **(calendar or {})}
    year = today.year
    month_due = date(year, today.month, cal["monthly_day"])
    prev_month = (year, today.month - 1) if today.month > 1 else (year - 1, 12)
    monthly = Due("monthly", f"{prev_month[0]}-{prev_month[1]:02d}", month_due)
    if today > month_due:
        nxt = date(year + (today.month == 12), today.month % 12 + 1, cal["monthly_day"])
        monthly = Due("monthly", f"{year}-{today.month:02d}", nxt)
    semi = date(year, *cal["semiannual"])  # lists from a JSON file unpack like tuples
    semiannual = (
        Due("semiannual", f"{year}-H1", semi)
        if today <= semi
        else Due("semiannual", f"{year + 1}-H1", date(year + 1, *cal["semiannual"]))
    )
    annual_day = date(year, *cal["annual"])
    annual = (
        Due("annual", str(year), annual_day)
        if today <= annual_day
        else Due("annual", str(year + 1), date(year + 1, *cal["annual"]))
    )
    return sorted([monthly, semiannual, annual], key=lambda d: d.due)
