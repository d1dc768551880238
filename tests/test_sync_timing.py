from datetime import UTC, datetime, timedelta
from itertools import pairwise

from desktop.domain.sync_timing import EVERY, LONGEST_WAIT, ago, next_attempt

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def test_regular_schedule_while_the_server_answers():
    assert next_attempt(0) == EVERY


def test_waits_double_after_each_failure_up_to_an_hour():
    waits = [next_attempt(n) for n in range(1, 10)]
    assert waits[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert all(a <= b for a, b in pairwise(waits))
    assert waits[-1] == LONGEST_WAIT


def test_ago_speaks_like_an_officer():
    assert ago(None, NOW) == "chưa bao giờ"
    assert ago(NOW - timedelta(seconds=20), NOW) == "vừa xong"
    assert ago(NOW - timedelta(minutes=5), NOW) == "5 phút trước"
    assert ago(NOW - timedelta(hours=3, minutes=10), NOW) == "3 giờ trước"
    assert ago(NOW - timedelta(days=2), NOW) == "2 ngày trước"
    assert ago(datetime(2026, 9, 1, tzinfo=UTC), NOW) == "ngày 01/09/2026"
