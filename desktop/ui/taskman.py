"""Run work off the GUI thread and bring results back by queued signal (Anki's taskman).

Database work goes to one worker thread (SQLite has one writer, and the `Register` is not meant
to be entered from two threads at once); file and network work goes to a small pool. Long jobs
receive a `Job` with a cancel event and a `progress(fraction, message)` callback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from desktop.db.changes import Changes
from desktop.ui import errors


class Cancelled(Exception):
    """Raised inside a job when the officer pressed Cancel."""


@dataclass
class Job:
    cancel: threading.Event = field(default_factory=threading.Event)
    _progress: Callable[[float, str], None] | None = None

    def progress(self, fraction: float, message: str = "") -> None:
        if self.cancel.is_set():
            raise Cancelled
        if self._progress:
            self._progress(fraction, message)


class TaskManager(QObject):
    _finished = Signal(object)  # a zero-argument callable to run on the GUI thread
    progressed = Signal(object, float, str)  # job, fraction, message
    changed = Signal(object)  # the `Changes` of every finished write, for views to refresh

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sotreem-db")
        self._io = ThreadPoolExecutor(max_workers=3, thread_name_prefix="sotreem-io")
        self._finished.connect(self._run_on_gui, Qt.ConnectionType.QueuedConnection)
        self.pending = 0
        self.closed = False

    def run_db(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future:
        return self._submit(self._db, work, on_done, on_error)

    def run_io(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future:
        return self._submit(self._io, work, on_done, on_error)

    def run_job(
        self,
        work: Callable[[Job], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        database: bool = True,
    ) -> Job:
        job = Job()
        job._progress = lambda fraction, message: self.progressed.emit(job, fraction, message)
        self._submit(self._db if database else self._io, lambda: work(job), on_done, on_error)
        return job

    def _submit(self, pool, work, on_done, on_error) -> Future:
        if self.closed:  # the window is gone; late refreshes have nobody to show results to
            future: Future = Future()
            future.cancel()
            return future
        self.pending += 1
        future = pool.submit(work)

        def finished(f: Future) -> None:
            def deliver() -> None:
                self.pending -= 1
                error = f.exception()
                if error is None:
                    result = f.result()
                    if on_done:
                        on_done(result)
                    if isinstance(result, Changes) and result:
                        self.changed.emit(result)
                elif on_error:
                    on_error(error)
                else:  # one default for every job: a Vietnamese message, details in the log
                    errors.report(self.error_parent(), error)

            self._finished.emit(deliver)

        future.add_done_callback(finished)
        return future

    def error_parent(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    def _run_on_gui(self, deliver: Callable[[], None]) -> None:
        deliver()

    def shutdown(self) -> None:
        """Finish the work already queued (saves included), then accept no more."""
        self.closed = True
        self._db.shutdown(wait=True)
        self._io.shutdown(wait=True)


class LatestQuery:
    """A list query on the database thread, one at a time: while one runs, only the newest
    request waits (typing fast costs one query per pause, not one per key)."""

    def __init__(
        self,
        tasks: TaskManager,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ):
        self.tasks, self.on_done, self.on_error = tasks, on_done, on_error
        self.running = False
        self._waiting: Callable[[], Any] | None = None

    def run(self, query: Callable[[], Any]) -> None:
        if self.running:
            self._waiting = query
            return
        self._start(query)

    def _start(self, query: Callable[[], Any]) -> None:
        self.running = True
        self.tasks.run_db(query, self._done, self._failed)

    def _done(self, result: Any) -> None:
        self.running = False
        if self._waiting is not None:
            query, self._waiting = self._waiting, None
            self._start(query)
            return
        self.on_done(result)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.on_error(error)
