"""Qt objects left in reference cycles are freed on the GUI thread, never by a worker.

A worker that allocates (a save on the database thread) used to trigger Python's collector,
which freed a dialog of an earlier screen there: a segmentation fault in the middle of a save.
"""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QDialog

from desktop.ui import gui_thread_gc
from desktop.ui.app import application
from desktop.ui.taskman import TaskManager


class Screen:
    """A dialog and the Python object that holds it, pointing at each other (a closure does)."""

    def __init__(self) -> None:
        self.dialog = QDialog()
        self.dialog.setProperty("owner", id(self))
        self.me = self


def test_a_workers_allocations_never_free_qt_objects(qtbot):
    application()  # the program's own set-up, as `sotreem` runs it
    assert gui_thread_gc.installed()
    threads: list[threading.Thread] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            threads.append(threading.current_thread())

    tasks = TaskManager()
    gc.callbacks.append(note)
    try:
        screen = Screen()
        left = weakref.ref(screen)
        del screen

        def allocate_like_a_save() -> None:
            for _ in range(50_000):
                cycle: list = []
                cycle.append(cycle)

        future = tasks.run_db(allocate_like_a_save)
        qtbot.waitUntil(future.done)
        qtbot.waitUntil(lambda: left() is None)  # the GUI thread's timer collects it
    finally:
        gc.callbacks.remove(note)
        tasks.shutdown()
    assert threads and set(threads) == {threading.main_thread()}, "a worker collected"


def test_the_timer_collects_the_oldest_generation_python_would_have(qapp):
    """Between two ticks the counts pile up: enough new objects for a full collection get one,
    so garbage holding a database connection is freed about as soon as without the timer."""
    assert gui_thread_gc.installed()
    generations: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            generations.append(info["generation"])

    gc.collect()
    t0, t1, t2 = gc.get_threshold()
    kept = [[] for _ in range(t0 * t1 * t2 + t0)]  # a busy half-second's worth of objects
    gc.callbacks.append(note)
    try:
        gui_thread_gc.collect_if_due()
        assert generations == [2]
        generations.clear()
        gui_thread_gc.collect_if_due()  # nothing new since: nothing to do
        assert generations == []
    finally:
        gc.callbacks.remove(note)
    del kept
