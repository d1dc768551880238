"""When to try syncing again, and how to say when the last sync was.

Links in the mountains are metered and come and go: the desktop syncs on a schedule, backs
off after failures (so a dead link costs nothing) and tells the officer in plain words how
fresh the district's copy is.
"""

from __future__ import annotations

from datetime import datetime, timedelta

EVERY = timedelta(minutes=15)  # the regular schedule while the server answers
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)


def next_attempt(failures: int) -> timedelta:
    """The wait before the next automatic sync after `failures` failed attempts in a row.

    0 failures: the regular schedule; then 1, 2, 4, 8 … minutes, never more than an hour.
    """
    if failures <= 0:
        return EVERY
    wait: timedelta = FIRST_RETRY * 2 ** (failures - 1)
    return min(wait, LONGEST_WAIT)


def elapsed(then: datetime | None, now: datetime) -> tuple[str, int]:
    """How long ago `then` was, as (unit, count): ("never", 0), ("just_now", 0), ("minutes",
    5), ("hours", 2), ("days", 3), or ("date", 0) for a month or more (show the date). The
    interface words it in its language; `ago` words it in Vietnamese."""
    if then is None:
        return "never", 0
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return "just_now", 0
    minutes = int(seconds // 60)
    if minutes < 60:
        return "minutes", minutes
    hours = minutes // 60
    if hours < 24:
        return "hours", hours
    days = hours // 24
    if days < 30:
        return "days", days
    return "date", 0


def ago(then: datetime | None, now: datetime) -> str:
    """'5 phút trước' — how long ago `then` was, in the words an officer uses."""
    unit, count = elapsed(then, now)
    if unit == "date":
        assert then is not None
        return f"ngày {then.day:02d}/{then.month:02d}/{then.year}"
    return {
        "never": "chưa bao giờ",
        "just_now": "vừa xong",
        "minutes": f"{count} phút trước",
        "hours": f"{count} giờ trước",
        "days": f"{count} ngày trước",
    }[unit]
