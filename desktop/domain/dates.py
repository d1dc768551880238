"""Partial birth dates, ages and Vietnamese date text.

In remote villages often only the birth year (or month and year) is known. Ages are computed
from the *latest* birth date the partial date allows: a child stays a child (under 16) until
it is certain that the 16th birthday has passed, so nobody drops off the register early.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

CHILD_AGE_LIMIT = 16  # Luật Trẻ em 2016, Điều 1: a child is a person under 16.


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def problem(self) -> str | None:
        """Why this is not a real date at its precision, in Vietnamese; None when fine."""
        if self.day is not None and self.month is None:
            return "có ngày nhưng thiếu tháng"
        if not 1900 <= self.year <= 2200:
            return f"năm {self.year} không hợp lệ"
        if self.month is not None and not 1 <= self.month <= 12:
            return f"tháng {self.month} không hợp lệ"
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                return f"ngày {self.day:02d}/{self.month:02d}/{self.year} không có thật"
        return None

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def display(self) -> str:
        """dd/mm/yyyy, mm/yyyy or yyyy."""
        if self.day is not None and self.month is not None:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        if self.month is not None:
            return f"{self.month:02d}/{self.year}"
        return str(self.year)


def age_on(birth: PartialDate, on: date) -> int:
    """Completed years on `on`, counting from the latest possible birth date."""
    born = birth.latest()
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return max(years, 0)


def is_child_on(birth: PartialDate, on: date) -> bool:
    return age_on(birth, on) < CHILD_AGE_LIMIT


def sixteenth_birthday(birth: PartialDate) -> date:
    """The first day on which the person is certainly 16 (no longer a child)."""
    born = birth.latest()
    try:
        return born.replace(year=born.year + CHILD_AGE_LIMIT)
    except ValueError:  # 29 February
        return date(born.year + CHILD_AGE_LIMIT, 3, 1)


_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")
_MY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_Y = re.compile(r"^\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


class DateTextError(ValueError):
    """Text that is not a date; the message is Vietnamese and shown to the officer."""


def parse_partial_date(text: str, *, today: date | None = None) -> PartialDate:
    """Read "25/02/2016", "5/3/16", "02/2016", "2016" or ISO "2016-02-25".

    Two-digit years are taken in the century that puts the date not after `today`.
    Raises DateTextError with a Vietnamese message when the text is not a date.
    """
    today = today or date.today()
    if m := _ISO.match(text):
        result = PartialDate(int(m[1]), int(m[2]), int(m[3]))
    elif m := _DMY.match(text):
        year = int(m[3])
        if len(m[3]) == 2:
            year += 2000 if 2000 + year <= today.year else 1900
        result = PartialDate(year, int(m[2]), int(m[1]))
    elif m := _MY.match(text):
        result = PartialDate(int(m[2]), int(m[1]))
    elif m := _Y.match(text):
        result = PartialDate(int(m[1]))
    else:
        raise DateTextError(
            f"“{text.strip()}” không phải là ngày (nhập dd/mm/yyyy, mm/yyyy hoặc yyyy)"
        )
    if problem := result.problem():
        raise DateTextError(problem)
    return result


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
