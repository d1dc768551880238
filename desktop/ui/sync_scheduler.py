"""Background sync: on a schedule while the server answers, backing off while it does not.

No connection is held open (links are metered): one `sync_once` runs on the I/O pool, so the
window never waits for the network; SQLite's locking lets it write beside the DB worker.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.db.changes import Changes
from desktop.db.register import Register
from desktop.domain.sync_timing import next_attempt
from desktop.ui.taskman import Cancelled, Job, TaskManager

# A sync touches whatever the server sent: every page refreshes after one.
EVERYTHING = frozenset(
    {
        "child", "circumstance", "support", "protection_case", "case_step", "activity",
        "training_course", "training_participant", "plan_target", "fund_entry", "village",
        "sync_conflict",
    }
)  # fmt: skip


def server_settings(register: Register) -> tuple[str | None, str | None]:
    """The server address and device token remembered after the first successful sync."""
    from desktop.sync.connection import SERVER_KEY, TOKEN_KEY

    return register.setting(SERVER_KEY), register.setting(TOKEN_KEY)


class SyncScheduler(QObject):
    started = Signal()
    finished = Signal(object)  # the SyncReport
    failed = Signal(str)  # the Vietnamese message
    progressed = Signal(float, str)

    def __init__(self, register: Register, tasks: TaskManager, parent: QObject | None = None):
        super().__init__(parent)
        self.register, self.tasks = register, tasks
        self.failures = 0
        self.job: Job | None = None
        self.last_error = ""
        self.next_at: datetime | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(lambda: self.run(manual=False))
        tasks.progressed.connect(self._progressed)

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, first_delay_ms: int = 30_000) -> None:
        """Begin the schedule once the officer is at work, not competing with start-up."""
        self._timer.start(first_delay_ms)

    def stop(self) -> None:
        self._timer.stop()
        if self.job is not None:
            self.job.cancel.set()

    def run(self, manual: bool = True) -> bool:
        """Sync now; False when there is nothing to do (no server set, or already running)."""
        if self.job is not None:
            return False
        server, token = server_settings(self.register)
        if not server or not token:
            self.next_at = None
            if manual:
                self.failed.emit(
                    self.tr("Chưa đặt máy chủ: nhập địa chỉ máy chủ và mã thiết bị trước.")
                )
            return False

        def work(job: Job):
            from desktop.sync.client import SyncClient

            with SyncClient(self.register, server, token) as client:
                return client.sync_once(progress=job.progress, cancel=job.cancel)

        self.started.emit()
        self.job = self.tasks.run_job(work, self._done, self._error, database=False)
        return True

    def _progressed(self, job: Job, fraction: float, message: str) -> None:
        if job is self.job:
            self.progressed.emit(fraction, message)

    def _done(self, report) -> None:
        self.job = None
        self.failures = 0
        self.last_error = ""
        self._schedule()
        self.tasks.changed.emit(Changes(EVERYTHING))
        self.finished.emit(report)

    def _error(self, error: BaseException) -> None:
        self.job = None
        if isinstance(error, Cancelled) or getattr(error, "kind", "") == "cancelled":
            self.last_error = self.tr("Đã dừng đồng bộ.")
        else:
            self.failures += 1
            self.last_error = str(error)
        self._schedule()
        self.tasks.changed.emit(Changes(EVERYTHING))  # a cut push may still have acked some
        self.failed.emit(self.last_error)

    def _schedule(self) -> None:
        if self.tasks.closed:
            return
        wait = next_attempt(self.failures)
        self.next_at = datetime.now(UTC) + wait
        self._timer.start(int(wait.total_seconds() * 1000))
