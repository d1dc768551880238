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
    """The oldest generation whose count passed its threshold, collected; the objects freed."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            return gc.collect(generation)
    return 0
