"""For the start-up benchmark: report when the first window was painted, then quit.

`SOTREEM_EXIT_AFTER_PAINT=1` stops at the first paint (the login screen of a set-up register).
`SOTREEM_EXIT_AFTER_PAINT=list` also logs in (as `SOTREEM_USER` or the first account, with
`SOTREEM_PASSWORD`) and reports the time from the click to the children list painted.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstPaint(QObject):
    def __init__(self, started: float, then):
        super().__init__()
        self.started = started
        self.then = then
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"first-paint-seconds {time.perf_counter() - self.started:.4f}", flush=True)
            packages = sorted({name.split(".")[0] for name in sys.modules})
            print(f"first-paint-packages {','.join(packages)}", flush=True)
            QTimer.singleShot(0, self.then)
        return False


def exit_after_first_paint(window: QWidget, started: float) -> None:
    probe = _FirstPaint(started, QApplication.quit)
    window._first_paint_probe = probe  # type: ignore[attr-defined]
    window.installEventFilter(probe)


_clicked: list[float] = []


def on_login_dialog(dialog, started: float, mode: str) -> None:
    if mode != "list":  # closing the login screen ends the program
        probe = _FirstPaint(started, dialog.reject)
        dialog._first_paint_probe = probe
        dialog.installEventFilter(probe)
        return

    def log_in() -> None:
        gate = dialog.gate
        if os.environ.get("SOTREEM_USER"):
            gate.user.select(os.environ["SOTREEM_USER"])
        gate.password.setText(os.environ.get("SOTREEM_PASSWORD", ""))
        _clicked.append(time.perf_counter())
        gate.button.click()

    probe = _FirstPaint(started, log_in)
    dialog._first_paint_probe = probe
    dialog.installEventFilter(probe)


def on_main_window(window, started: float, mode: str) -> None:
    """After the login: wait for the children list to be filled and painted, then quit."""
    if mode != "list":
        exit_after_first_paint(window, started)
        return
    table_painted: list[float] = []

    class _TablePaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            page = getattr(window, "children_page", None)
            if (event.type() == QEvent.Type.Paint and page is not None and not table_painted
                    and page.model.rowCount() > 0):  # fmt: skip
                table_painted.append(time.perf_counter())
                print(f"login-to-list-seconds {table_painted[0] - _clicked[0]:.4f}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    probe = _TablePaint()
    window._list_probe = probe

    def watch() -> None:
        page = getattr(window, "children_page", None)
        if page is None:
            QTimer.singleShot(5, watch)
            return
        page.table.viewport().installEventFilter(probe)
        page.table.viewport().update()

    watch()
