"""The server's clock, as every answer tells it: the desktop's sync clock follows it forward.

`observe` is called with the ``now`` of each answer (network or USB reply): the hybrid clock
receives the server's time, so it never stays behind it (and never goes back). `remember`
keeps the clock and the last reading in the settings once a sync ends (not at every answer),
so the Đồng bộ page can say the PC's clock is wrong even after a restart.
"""

from __future__ import annotations

import json

from desktop.db.register import Register
from desktop.db.write_path import CLOCK_KEY
from desktop.domain.clock_skew import ClockReading
from desktop.domain.hlc import MAX_MILLIS, Timestamp

READING_KEY = "sync.clock_reading"  # {"server_ms", "pc_ms", "exact"} of the last answer


def observe(
    register: Register, server_ms: object, *, exact: bool = True, pc_ms: int | None = None
) -> ClockReading | None:
    """Take the server's clock from an answer; returns the reading (None if there was none)."""
    if isinstance(server_ms, bool) or not isinstance(server_ms, int):
        return None
    if not 0 < server_ms <= MAX_MILLIS:
        return None
    reading = ClockReading(server_ms, pc_ms if pc_ms is not None else register.clock.wall(), exact)
    register.clock.receive(Timestamp(server_ms, 0, "server"))
    return reading


def remember(register: Register, reading: ClockReading | None) -> None:
    """Keep the clock (it survives a restart) and the reading, in one small write."""
    if reading is None:
        return
    register.set_settings({
        CLOCK_KEY: str(register.clock.now()),
        READING_KEY: json.dumps({"server_ms": reading.server_ms, "pc_ms": reading.pc_ms,
                                 "exact": reading.exact}),
    })  # fmt: skip


def last_reading(register: Register) -> ClockReading | None:
    """The last comparison of the two clocks (for the Đồng bộ page and the status bar)."""
    raw = register.setting(READING_KEY)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return ClockReading(int(data["server_ms"]), int(data["pc_ms"]), bool(data["exact"]))
    except (ValueError, KeyError, TypeError):
        return None
