"""The login screen before the main window, and the recovery of a forgotten officer password.

The accounts come from the key file beside the database (or an older plain database), so the
screen paints before anything heavy loads; the password is checked by opening the account's key
slot (Argon2id + AES-GCM). Failed logins make the next attempt wait 0, 1, 2, 4, 8 … seconds,
counted in the key file so restarting the program does not reset the wait.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.db.keyfile import Unlocked

MIN_PASSWORD_LENGTH = 8  # desktop.db.accounts' rule, without importing argon2 before the paint


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class AccountCombo(QComboBox):
    """The accounts by name and role; `username()` is the chosen one."""

    def __init__(self, accounts, name: str, parent: QWidget | None = None):
        super().__init__(parent, objectName=name)
        self.accounts = list(accounts)
        names = {"officer": self.tr("cán bộ phụ trách"), "assistant": self.tr("người hỗ trợ"),
                 "viewer": self.tr("chỉ xem")}  # fmt: skip
        for account in self.accounts:
            role = names.get(account.role, account.role)
            label = f"{account.full_name or account.username} ({account.username}, {role})"
            self.addItem(label, account.username)

    def username(self) -> str:
        return str(self.currentData() or "")

    def select(self, username: str) -> None:
        self.setCurrentIndex(max(0, self.findData(username)))

    def account(self):
        return next((a for a in self.accounts if a.username == self.username()), None)


class PasswordGate(QWidget):
    """Account, password and the button, with the wait after failures; shared by login and lock.

    `opened(username, unlocked)` is called once a slot opens (`desktop.db.keyfile.Unlocked`:
    the account's role and keys); None for an older plain file.
    """

    def __init__(self, db_path: Path, accounts, opened, prefix: str, button_text: str):
        super().__init__()
        self.db_path = db_path
        self.opened = opened
        self.user = AccountCombo(accounts, f"{prefix}User")
        self.password = password_edit(f"{prefix}Password")
        self.button = QPushButton(button_text, objectName=f"{prefix}Button")
        self.button.setDefault(True)
        self.error = QLabel(objectName=f"{prefix}Error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self._wait_until = 0.0
        self._keep_error = ""
        self.last_password = ""
        self._ticker = QTimer(self, interval=250)
        self._ticker.timeout.connect(self._tick)
        self.button.clicked.connect(self.attempt)
        self.password.returnPressed.connect(self.attempt)
        form = QFormLayout(self)
        form.addRow(self.tr("Tài khoản"), self.user)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow(self.error)
        form.addRow(self.button)
        self._show_wait_from_file()

    def _show_wait_from_file(self) -> None:
        from desktop.db.keyfile import KeyFile

        keys = KeyFile.for_db(self.db_path)
        if keys is not None and keys.wait_seconds() > 0:
            if keys.tampered_at is not None:
                self._tampered_counter(keys.wait_seconds())
            else:
                self._start_wait(keys.wait_seconds())

    def _tampered_counter(self, seconds: float) -> None:
        self.error.setText(
            self.tr(
                "Số lần đăng nhập sai ghi trong tệp khóa đã bị sửa bằng tay, nên được tính như "
                "sau rất nhiều lần sai."
            )
        )
        self._start_wait(seconds, keep_error=True)

    def attempt(self) -> None:
        """Open the chosen account's slot; `opened(username, what it opened)` on success
        (`Unlocked`, or None for an older plain file whose password is right)."""
        from desktop.db import vault
        from desktop.db.keyfile import KeyFile, TooSoon

        if time.monotonic() < self._wait_until:
            return
        username = self.user.username()
        try:
            opened = vault.open_slot(self.db_path, username, self.password.text())
        except TooSoon as exc:
            keys = KeyFile.for_db(self.db_path)
            if keys is not None and keys.tampered_at is not None:
                self._tampered_counter(exc.seconds)
            else:
                self._start_wait(exc.seconds)
            return
        except (vault.Tampered, vault.Disabled) as exc:  # the password was right: say why
            self.password.clear()
            self.error.setText(str(exc))
            return
        except vault.SlotError:
            self.password.clear()
            self.error.setText(self.tr("Tên đăng nhập hoặc mật khẩu không đúng."))
            keys = KeyFile.for_db(self.db_path)
            if keys is not None and keys.wait_seconds() > 0:
                self._start_wait(keys.wait_seconds(), keep_error=True)
            return
        self.last_password = self.password.text()  # an older plain file is encrypted with it
        self.password.clear()
        self.error.clear()
        self.opened(username, opened)

    def _start_wait(self, seconds: float, keep_error: bool = False) -> None:
        self._wait_until = time.monotonic() + seconds
        self._keep_error = self.error.text() if keep_error else ""
        self.button.setEnabled(False)
        self._tick()
        self._ticker.start()

    def _tick(self) -> None:
        left = self._wait_until - time.monotonic()
        if left <= 0:
            self._ticker.stop()
            self.button.setEnabled(True)
            self.error.setText(self._keep_error)
            return
        wait = self.tr("Đăng nhập sai nhiều lần: chờ {n} giây rồi thử lại.").format(
            n=int(left + 0.999)
        )
        self.error.setText(f"{self._keep_error}\n{wait}".strip())

    def waiting(self) -> float:
        """Seconds until the next attempt is allowed (0 when it is)."""
        return max(0.0, self._wait_until - time.monotonic())


class LoginDialog(QDialog):
    """Đăng nhập: choose the account, type the password; on success `key`, `username`, `role`."""

    def __init__(self, db_path: Path, accounts, commune_code: str | None = None):
        super().__init__()
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sổ Trẻ Em — đăng nhập"))
        self.db_path = db_path
        self.key: bytes | None = None
        self.unlocked: Unlocked | None = None  # what the password opened; None for a plain file
        self.username = ""
        self.role = ""
        self.full_name = ""
        self.title = title = QLabel(self.tr("Sổ Trẻ Em"), objectName="loginTitle")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        if commune_code:  # the official names load after the first paint
            QTimer.singleShot(0, lambda: self._show_commune(commune_code))
        self.gate = PasswordGate(db_path, accounts, self._opened, "login", self.tr("Đăng nhập"))
        self.forgot = QLabel(
            f"<a href='#'>{self.tr('Quên mật khẩu cán bộ?')}</a>", objectName="forgotLink"
        )
        self.forgot.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.forgot.linkActivated.connect(lambda _l: self.recover())
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.gate)
        layout.addWidget(self.forgot)
        self.resize(460, 240)

    def _show_commune(self, commune_code: str) -> None:
        from desktop import reference

        unit = reference.unit(commune_code)
        if unit is not None:
            self.title.setText(f"{self.tr('Sổ Trẻ Em')} — {unit.name}")

    def _opened(self, username: str, unlocked) -> None:
        account = next(a for a in self.gate.user.accounts if a.username == username)
        self.unlocked, self.username = unlocked, username
        self.key = unlocked.data_key if unlocked is not None else None
        # The role is the slot's (signed by the officer), not what the list shows.
        self.role = unlocked.role if unlocked is not None else account.role
        self.full_name = account.full_name
        self.accept()

    def recover(self) -> RecoveryDialog:
        """Open the recovery dialog (modal); tests drive the returned dialog."""
        dialog = RecoveryDialog(self.db_path, self.gate.user.accounts, self)
        dialog.setModal(True)
        dialog.finished.connect(lambda _r: self._recovered(dialog))
        dialog.show()
        self.recovery_dialog = dialog
        return dialog

    def _recovered(self, dialog: RecoveryDialog) -> None:
        if dialog.result() == QDialog.DialogCode.Accepted:
            self.gate.user.select(dialog.officer.username())
            self.gate.error.setText(self.tr("Đã đặt mật khẩu mới. Hãy đăng nhập."))


class RecoveryDialog(QDialog):
    """Quên mật khẩu cán bộ: the recovery code from the office safe sets a new password."""

    def __init__(self, db_path: Path, accounts, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Đặt lại mật khẩu cán bộ bằng mã khôi phục"))
        self.db_path = db_path
        officers = [a for a in accounts if a.role == "officer"]
        self.officer = AccountCombo(officers, "recoveryOfficer")
        self.code = QLineEdit(objectName="recoveryCodeInput")
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.password = password_edit("recoveryPassword")
        self.again = password_edit("recoveryPasswordAgain")
        self.error = QLabel(objectName="recoveryError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("recoveryOk")
        self.ok.setText(self.tr("Đặt mật khẩu mới"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                self.tr(
                    "Mã khôi phục được in ra khi thiết lập lần đầu và cất trong tủ khóa của cơ "
                    "quan (hoặc do cấp trên giữ). Không có mã này thì không ai mở được dữ liệu."
                ),
                wordWrap=True,
            )
        )
        form.addRow(self.tr("Cán bộ"), self.officer)
        form.addRow(self.tr("Mã khôi phục"), self.code)
        form.addRow(
            self.tr("Mật khẩu mới (ít nhất {n} ký tự)").format(n=MIN_PASSWORD_LENGTH), self.password
        )
        form.addRow(self.tr("Nhập lại mật khẩu mới"), self.again)
        form.addRow(self.error)
        form.addRow(buttons)

    def attempt(self) -> None:
        from desktop.db import vault
        from desktop.db.keyfile import TooSoon

        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            self.error.setText(
                self.tr("Mật khẩu cần ít nhất {n} ký tự.").format(n=MIN_PASSWORD_LENGTH)
            )
            return
        if self.password.text() != self.again.text():
            self.error.setText(self.tr("Hai lần nhập mật khẩu không giống nhau."))
            return
        try:
            code = vault.recover(self.db_path, self.code.text(), self.officer.username(),
                                 self.password.text())  # fmt: skip
        except TooSoon as exc:
            self.error.setText(
                self.tr("Nhập sai nhiều lần: chờ {n} giây rồi thử lại.").format(
                    n=int(exc.seconds + 0.999)
                )
            )
            return
        except vault.SlotError:
            self.error.setText(self.tr("Mã khôi phục không đúng."))
            return
        # The used code opens nothing any more: the new one is shown once, to be kept again.
        from desktop.ui import recovery_code

        recovery_code.show_recovery_code(recovery_code.RecoveryCodeDialog(code, parent=self))
        self.accept()
