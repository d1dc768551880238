"""Moments typed and shown in Vietnam time, whatever the PC's zone; a wrong clock is named."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desktop.domain.dates import DateTextError
from desktop.domain.vntime import VIETNAM_TZ, clock_problems, format_moment, parse_moment

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("14:30 05/06/2026", (2026, 6, 5, 14, 30)),
        ("05/06/2026 14:30", (2026, 6, 5, 14, 30)),
        ("5/6/26 14h30", (2026, 6, 5, 14, 30)),
        ("8g15 5/6/2026", (2026, 6, 5, 8, 15)),
        ("8h 5/6/2026", (2026, 6, 5, 8, 0)),
        ("7 giờ 45 05/06/2026", (2026, 6, 5, 7, 45)),
        ("09:05", (2026, 11, 25, 9, 5)),  # today, in Vietnam
    ],
)
def test_moments_as_officers_type_them_are_vietnam_time(typed, moment):
    parsed = parse_moment(typed, now=NOW)
    assert parsed == datetime(*moment, tzinfo=VIETNAM_TZ)
    assert parsed.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("25:00 05/06/2026", "giờ 25:00 không có thật"),
        ("14:30 06/2026", "thiếu ngày hoặc tháng"),
        ("chiều qua", "không phải là giờ và ngày"),
        ("14:30 31/06/2026", "không có thật"),
    ],
)
def test_moments_that_are_not_are_refused(typed, message):
    with pytest.raises(DateTextError, match=message):
        parse_moment(typed, now=NOW)


def test_moments_are_shown_in_vietnam_time_whatever_their_zone():
    assert format_moment(datetime(2026, 6, 5, 7, 30, tzinfo=UTC)) == "14:30 05/06/2026"
    assert format_moment(datetime(2026, 6, 5, 7, 30)) == "14:30 05/06/2026"  # stored UTC
    berlin = timezone(timedelta(hours=1))
    assert format_moment(datetime(2026, 6, 5, 8, 30, tzinfo=berlin)) == "14:30 05/06/2026"
    assert format_moment(None) == ""


def test_a_right_clock_has_nothing_to_say():
    assert clock_problems(NOW, timedelta(hours=7), released=date(2026, 12, 1) - timedelta(30)) == []


def test_a_pc_on_another_time_zone_is_named():
    [problem] = clock_problems(NOW, timedelta(0), released=date(2026, 1, 1))
    assert problem.startswith("Múi giờ của máy là UTC+0, không phải giờ Việt Nam (UTC+7).")


def test_a_clock_before_the_release_or_behind_the_register_is_named():
    [early] = clock_problems(
        datetime(2020, 1, 1, tzinfo=UTC), timedelta(hours=7), released=date(2026, 12, 1)
    )
    assert early.startswith("Đồng hồ của máy chỉ ngày 01/01/2020, trước cả ngày phát hành")
    newest = NOW + timedelta(days=400)  # written while the clock read next year
    [behind] = clock_problems(NOW, timedelta(hours=7), released=date(2026, 1, 1),
                              newest_known=newest)  # fmt: skip
    assert "chậm hơn lần ghi gần nhất trong sổ" in behind
