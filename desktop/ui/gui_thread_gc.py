"""Cyclic garbage is collected on the GUI thread only (Anki's main-window collector does the same).

Python's collector runs in whichever thread allocates when a threshold is crossed. On a worker
thread (a save on the database thread) it may free a dialog or model left in a reference cycle,
and a Qt object destroyed off the GUI thread crashes the program: a segmentation fault in the
middle of a save. So automatic collection is switched off once the application exists, and a
timer on the GUI thread collects whenever Python would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500

_collector: QObject | None = None


def install(app: QCoreApplication) -> None:
    """Collect on `app`'s thread from now on (again: nothing more happens)."""
    global _collector
    if _collector is not None:
        return
    gc.disable()
    timer = QTimer(app)
    timer.setObjectName("gui-thread-gc")
    timer.timeout.connect(collect_if_due)
    timer.start(INTERVAL_MS)
    _collector = timer


def installed() -> bool:
    return _collector is not None


def collect_if_due() -> int:
    """Collect the generation Python would have collected by now; the objects freed.

    Python collects generation 0 every `t0` new objects, generation 1 every `t1` of those and
    generation 2 every `t2` of those. The counts pile up between two ticks, so they are read
    as that many collections missed: the oldest generation due is collected, and resources
    held by garbage (a database connection in a cycle) are freed about as soon as before.
    """
    t0, t1, t2 = gc.get_threshold()
    c0, c1, c2 = gc.get_count()
    missed1 = c1 + c0 // t0
    if c2 + missed1 // t1 >= t2:
        return gc.collect(2)
    if missed1 >= t1:
        return gc.collect(1)
    if c0 >= t0:
        return gc.collect(0)
    return 0
