"""Hybrid logical clock: timestamps that sort by cause and effect across devices.

A value is text "PPPPPPPPPPPPP-CCCC-node": 13 digits of physical milliseconds, a 4-digit
counter and the node id, so plain string comparison orders two values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Timestamp:
    millis: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.millis:013d}-{self.counter:04d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        millis, counter, node = text.split("-", 2)
        return cls(int(millis), int(counter), node)


class HybridClock:
    def __init__(self, node: str, wall_millis: Callable[[], int], last: Timestamp | None = None):
        self.node = node
        self._wall = wall_millis
        self._last = last or Timestamp(0, 0, node)

    def now(self) -> Timestamp:
        wall = self._wall()
        if wall > self._last.millis:
            self._last = Timestamp(wall, 0, self.node)
        else:
            self._last = Timestamp(self._last.millis, self._last.counter + 1, self.node)
        return self._last

    def receive(self, remote: Timestamp) -> Timestamp:
        """Advance past a timestamp seen from another device."""
        wall = self._wall()
        top = max(wall, self._last.millis, remote.millis)
        if top == self._last.millis == remote.millis:
            counter = max(self._last.counter, remote.counter) + 1
        elif top == self._last.millis:
            counter = self._last.counter + 1
        elif top == remote.millis:
            counter = remote.counter + 1
        else:
            counter = 0
        self._last = Timestamp(top, counter, self.node)
        return self._last
