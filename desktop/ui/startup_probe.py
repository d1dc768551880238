"""For the start-up benchmark: report when the main window was first painted, then quit."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstPaint(QObject):
    def __init__(self, started: float):
        super().__init__()
        self.started = started
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"first-paint-seconds {time.perf_counter() - self.started:.4f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def exit_after_first_paint(window: QWidget, started: float) -> None:
    probe = _FirstPaint(started)
    window._first_paint_probe = probe  # type: ignore[attr-defined]
    window.installEventFilter(probe)
