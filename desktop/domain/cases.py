"""The protection-case procedure of Nghị định 56/2017/NĐ-CP, Chương III, and its deadlines.

The time limits are data (`ProcedureRules`) because provinces apply them with local practice
(e.g. "7 working days in total" for the plan).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop.domain.categories import Category
from desktop.domain.vntime import VIETNAM_TZ
from desktop.domain.workdays import add_working_days

CASE_STEPS: tuple[Category, ...] = (
    Category("intake", "Tiếp nhận thông tin (Mẫu số 01)"),
    Category("risk_assessment", "Đánh giá nguy cơ ban đầu (Mẫu số 02)"),
    Category("detailed_assessment", "Đánh giá chi tiết (Mẫu số 03)"),
    Category("plan", "Lập kế hoạch hỗ trợ, can thiệp (Mẫu số 04, 05)"),
    Category("implementation", "Thực hiện kế hoạch"),
    Category("closure", "Theo dõi, đánh giá, đóng hồ sơ"),
)
STEP_CODES = tuple(s.code for s in CASE_STEPS)
# The forms of Nghị định 56/2017/NĐ-CP's annex that each step fills in.
STEP_FORMS: dict[str, str] = {
    "intake": "Mẫu số 01",
    "risk_assessment": "Mẫu số 02",
    "detailed_assessment": "Mẫu số 03",
    "plan": "Mẫu số 04, 05",
}

# Working days and "end of day" are counted on the commune's clock, not UTC.

CASE_STATUSES: tuple[Category, ...] = (
    Category("open", "Đang xử lý"),
    Category("closed", "Đã đóng"),
)


@dataclass(frozen=True)
class ProcedureRules:
    # Điều 26 khoản 3: emergency intervention within 12 hours of receiving the information.
    risk_assessment_hours: int = 12
    # Điều 28: plan drafted within 5 working days (local procedures quote 7 in total).
    plan_working_days: int = 7


def step_deadlines(
    received_at: datetime,
    done: Mapping[str, datetime],
    rules: ProcedureRules = ProcedureRules(),
    holidays: Collection[date] = (),
) -> dict[str, datetime | None]:
    """The due time of each step (aware datetimes), or None where the law sets no deadline."""
    local_day = received_at.astimezone(VIETNAM_TZ).date()
    plan_due_day = add_working_days(local_day, rules.plan_working_days, holidays)
    return {
        "intake": None,  # the receipt itself: recorded when the case is opened
        "risk_assessment": received_at + timedelta(hours=rules.risk_assessment_hours),
        "detailed_assessment": None,
        "plan": datetime.combine(plan_due_day, time(23, 59, 59), VIETNAM_TZ),
        "implementation": None,
        "closure": None,
    }


def overdue_steps(
    received_at: datetime,
    done: Mapping[str, datetime],
    now: datetime,
    rules: ProcedureRules = ProcedureRules(),
    holidays: Collection[date] = (),
) -> list[str]:
    """Steps whose deadline has passed without being done (or done late), in procedure order."""
    deadlines = step_deadlines(received_at, done, rules, holidays)
    late = []
    for code in STEP_CODES:
        due = deadlines[code]
        if due is None:
            continue
        finished = done.get(code)
        if (finished is None and now > due) or (finished is not None and finished > due):
            late.append(code)
    return late
