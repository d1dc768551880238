"""Hybrid logical clock: timestamps that sort by cause and effect across devices.

A value is text "PPPPPPPPPPPPP-CCCC-node": 13 digits of physical milliseconds, a 4-digit
counter and the node id, so plain string comparison orders two values. Both parts are fixed
width for good: when the counter would pass 9999 (10,000 writes while the PC's clock stands
still or lags behind a time stamp already made), it carries into the milliseconds, the way a
logical clock borrows from physical time; and physical time is capped at the last millisecond
13 digits can hold (20 November 2286). No value can grow a digit and sort out of place.

Older desktops let the counter grow to 5 digits (“…-10000-…”, sorting before “…-9999-…”):
`canonical` re-writes such a value with the carry, so it sorts where it belongs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MILLIS_DIGITS, COUNTER_DIGITS = 13, 4
MAX_MILLIS: int = 10**MILLIS_DIGITS - 1
MAX_COUNTER = 10**COUNTER_DIGITS - 1
NODE_MAX = 40
# Any value we ever wrote, in the old format too: digits, digits, a printable node id.
_TEXT = re.compile(r"^(\d{1,13})-(\d{1,18})-([\x21-\x7e]{1,40})$")


@dataclass(frozen=True, order=True)
class Timestamp:
    millis: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.millis:013d}-{self.counter:04d}-{self.node}"

    @classmethod
    def parse(cls, text: object) -> Timestamp:
        """Read a value (old 5-digit counters included, carried); ValueError if it is none."""
        found = _TEXT.match(text) if isinstance(text, str) else None
        if found is None:
            raise ValueError(f"not a clock value: {text!r}")
        millis, counter, node = int(found[1]), int(found[2]), found[3]
        return _carried(millis, counter, node)


def _carried(millis: int, counter: int, node: str) -> Timestamp:
    """A counter past 9999 moves into the milliseconds; nothing passes the 13-digit cap."""
    millis, counter = millis + counter // (MAX_COUNTER + 1), counter % (MAX_COUNTER + 1)
    if millis > MAX_MILLIS:
        return Timestamp(MAX_MILLIS, MAX_COUNTER, node)
    return Timestamp(millis, counter, node)


def canonical(text: str) -> str:
    """The fixed-width form of a clock value; ValueError if `text` is not one."""
    return str(Timestamp.parse(text))


def is_canonical(text: str) -> bool:
    try:
        return canonical(text) == text
    except ValueError:
        return False


class HybridClock:
    def __init__(self, node: str, wall_millis: Callable[[], int], last: Timestamp | None = None):
        self.node = node
        self._wall = wall_millis
        self._last = last or Timestamp(0, 0, node)

    @property
    def last(self) -> Timestamp:
        return self._last

    def wall(self) -> int:
        """The PC's clock as this clock reads it (milliseconds, within the 13-digit range)."""
        return self._physical()

    def _physical(self) -> int:
        return max(0, min(self._wall(), MAX_MILLIS))

    def now(self) -> Timestamp:
        wall = self._physical()
        if wall > self._last.millis:
            self._last = Timestamp(wall, 0, self.node)
        else:
            self._last = _carried(self._last.millis, self._last.counter + 1, self.node)
        return self._last

    def receive(self, remote: Timestamp) -> Timestamp:
        """Advance past a timestamp seen from another device (or the server's time)."""
        wall = self._physical()
        remote_millis = min(remote.millis, MAX_MILLIS)
        top = max(wall, self._last.millis, remote_millis)
        if top == self._last.millis == remote_millis:
            counter = max(self._last.counter, remote.counter) + 1
        elif top == self._last.millis:
            counter = self._last.counter + 1
        elif top == remote_millis:
            counter = remote.counter + 1
        else:
            counter = 0
        self._last = _carried(top, counter, self.node)
        return self._last
