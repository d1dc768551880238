"""The lock screen after idle minutes: the data is hidden until a password is typed again.

Any keyboard or mouse input in the application counts as activity. The same account unlocks
with its password; another account's password reopens the window as that person (with their
role). Failed attempts share the login's growing delays.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from desktop.ui.login import PasswordGate

if TYPE_CHECKING:
    from desktop.db.keyfile import Unlocked

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.InputMethod,
}  # fmt: skip


class IdleWatcher(QObject):
    """Emits `idle` after `ms` milliseconds without input anywhere in the application."""

    idle = Signal()

    def __init__(self, ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=ms)
        self.timer.timeout.connect(self.idle)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    def set_interval(self, ms: int) -> None:
        self.timer.setInterval(ms)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()  # restart the countdown
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockScreen(QWidget):
    """Đã khóa: who was working, and the password to come back (or another account)."""

    unlocked = Signal(str)  # username

    def __init__(self, db_path: Path, accounts):
        super().__init__(objectName="lockScreen")
        self.db_path = db_path
        self.title = QLabel(objectName="lockTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.gate = PasswordGate(db_path, accounts, self._opened, "lock", self.tr("Mở khóa"))
        self.gate.password.setObjectName("lockPassword")
        self.gate.button.setObjectName("unlockButton")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Sổ trẻ em đã khóa vì không dùng một lúc. Nhập mật khẩu để tiếp tục, hoặc "
                    "chọn tài khoản khác."
                ),
                wordWrap=True,
            )
        )
        layout.addWidget(self.gate)
        layout.addStretch(2)
        self.expected_key: bytes | None = None
        self.opened_slot: Unlocked | None = None  # what the last good password opened

    def lock_for(self, username: str, name: str) -> None:
        self.gate.user.select(username)
        self.title.setText(self.tr("Đã khóa — {name}").format(name=name))
        self.gate.password.clear()
        self.gate.password.setFocus()

    def _opened(self, username: str, opened) -> None:
        key = opened.data_key if opened is not None else None
        if key != self.expected_key:  # a key file from another register cannot unlock this one
            self.gate.error.setText(self.tr("Tên đăng nhập hoặc mật khẩu không đúng."))
            return
        self.opened_slot = opened
        self.unlocked.emit(username)
