"""One clock: moments are typed and shown in Vietnam time (UTC+7), whatever the PC's zone.

A protection case's deadlines run in hours from the moment the information was received, so
a PC set to another time zone (a second-hand machine, a Windows install left on UTC) must not
shift them; and a PC whose clock is plainly wrong is pointed out to the officer.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

from desktop.domain.dates import DateTextError, Precision, parse_partial_date

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")
VIETNAM_OFFSET = timedelta(hours=7)

_TIME = r"(\d{1,2})\s*(?:[:hg]\s*(\d{2})?|giờ\s*(\d{2})?)\s*(?:phút)?"
_TIME_FIRST = re.compile(rf"^\s*{_TIME}\s*,?\s+(.+?)\s*$", re.IGNORECASE)
_TIME_LAST = re.compile(rf"^\s*(.+?)\s*,?\s+{_TIME}\s*$", re.IGNORECASE)
_TIME_ONLY = re.compile(rf"^\s*{_TIME}\s*$", re.IGNORECASE)


def _clock(hours: str, minutes: str | None, text: str) -> time:
    h, m = int(hours), int(minutes or 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise DateTextError(f"“{text.strip()}”: giờ {h:02d}:{m:02d} không có thật")
    return time(h, m)


def parse_moment(text: str, *, now: datetime) -> datetime:
    """ "14:30 05/06/2026", "05/06/2026 14:30", "5/6/26 14h30", "8g15 5/6/2026", or only
    "14:30" (today) → an aware datetime in Vietnam time. Raises DateTextError otherwise."""
    today = now.astimezone(VIETNAM_TZ).date()
    if m := _TIME_ONLY.match(text):
        return datetime.combine(today, _clock(m[1], m[2] or m[3], text), VIETNAM_TZ)
    m = _TIME_FIRST.match(text)
    if m:
        clock, day_text = _clock(m[1], m[2] or m[3], text), m[4]
    elif m := _TIME_LAST.match(text):
        day_text, clock = m[1], _clock(m[2], m[3] or m[4], text)
    else:
        raise DateTextError(
            f"“{text.strip()}” không phải là giờ và ngày (nhập ví dụ 14:30 05/06/2026)"
        )
    day = parse_partial_date(day_text, today=today)
    if day.precision is not Precision.DAY:
        raise DateTextError(f"“{text.strip()}” thiếu ngày hoặc tháng (nhập ví dụ 14:30 05/06/2026)")
    assert day.month is not None and day.day is not None
    return datetime.combine(date(day.year, day.month, day.day), clock, VIETNAM_TZ)


def format_moment(moment: datetime | None) -> str:
    """ "14:30 05/06/2026" in Vietnam time; a naive value is taken as UTC (as stored)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VIETNAM_TZ).strftime("%H:%M %d/%m/%Y")


def clock_problems(
    now: datetime,
    pc_offset: timedelta | None,
    *,
    released: date,
    newest_known: datetime | None = None,
) -> list[str]:
    """Why the PC's clock or time zone looks wrong, in Vietnamese; [] when it looks right.

    `now` is the PC's clock (aware); `pc_offset` its time zone's offset from UTC;
    `released` the day this version was made (no right clock reads earlier); `newest_known`
    the latest moment already written in the register or told by the server.
    """
    problems = []
    if pc_offset is not None and pc_offset != VIETNAM_OFFSET:
        hours = pc_offset.total_seconds() / 3600
        zone = f"UTC{hours:+g}".replace(".", ",")
        problems.append(
            f"Múi giờ của máy là {zone}, không phải giờ Việt Nam (UTC+7). Sổ vẫn ghi và hiện "
            "giờ Việt Nam, nhưng nên chỉnh múi giờ của máy (Windows: Cài đặt › Thời gian và "
            "ngôn ngữ › (UTC+07:00) Bangkok, Hà Nội, Jakarta)."
        )
    local_day = now.astimezone(VIETNAM_TZ).date()
    if local_day < released:
        problems.append(
            f"Đồng hồ của máy chỉ ngày {local_day:%d/%m/%Y}, trước cả ngày phát hành phần mềm "
            f"({released:%d/%m/%Y}): hãy chỉnh lại ngày giờ của máy."
        )
    elif newest_known is not None and now < newest_known - timedelta(minutes=10):
        problems.append(
            f"Đồng hồ của máy ({format_moment(now)}) chậm hơn lần ghi gần nhất trong sổ "
            f"({format_moment(newest_known)}): hãy chỉnh lại ngày giờ của máy."
        )
    return problems
