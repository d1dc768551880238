"""Tài khoản (Settings page): the accounts list, add an account, reset a password, disable,
enable or remove an account, rotate the keys (officer), and change one's own password.

On an encrypted register each change rewrites that account's key slot. Resetting, disabling or
removing an account rotates the keys and re-encrypts the database (a job with progress), so a
copy of the old key file opens nothing written from then on.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.db import accounts
from desktop.db.register import NotAllowed, Register
from desktop.domain.validation import ValidationError
from desktop.ui import dialogs
from desktop.ui.i18n import label, tr_label
from desktop.ui.login import password_edit
from desktop.ui.taskman import Job, TaskManager


class AccountsBox(QGroupBox):
    def __init__(self, register: Register, tasks: TaskManager | None):
        super().__init__()
        self.setTitle(self.tr("Tài khoản và mật khẩu"))
        self.register, self.tasks = register, tasks
        self.job: Job | None = None  # the rotation under way, if any
        self.officer = register.role == "officer"
        self.message = QLabel(objectName="accountsMessage", wordWrap=True)
        layout = QVBoxLayout(self)
        own = QFormLayout()
        self.own_password = password_edit("ownPassword")
        self.own_again = password_edit("ownPasswordAgain")
        self.change_button = QPushButton(self.tr("Đổi mật khẩu của tôi"),
                                         objectName="changePasswordButton")  # fmt: skip
        self.change_button.clicked.connect(self._change_own)
        own.addRow(self.tr("Mật khẩu mới"), self.own_password)
        own.addRow(self.tr("Nhập lại"), self.own_again)
        own.addRow(self.change_button)
        layout.addLayout(own)
        self.table = QTableWidget(0, 4, objectName="accountsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tên đăng nhập"), self.tr("Họ và tên"), self.tr("Vai trò"),
             self.tr("Trạng thái")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        if self.officer:
            layout.addWidget(self.table)
            reset = QHBoxLayout()
            self.reset_password = password_edit("resetPassword")
            self.reset_password.setPlaceholderText(self.tr("mật khẩu mới cho tài khoản đã chọn"))
            self.reset_button = QPushButton(self.tr("Đặt lại mật khẩu"),
                                            objectName="resetPasswordButton")  # fmt: skip
            self.reset_button.clicked.connect(self._reset)
            reset.addWidget(self.reset_password, 1)
            reset.addWidget(self.reset_button)
            layout.addLayout(reset)
            manage = QHBoxLayout()
            self.disable_button = QPushButton(self.tr("Khóa tài khoản"),
                                              objectName="disableAccountButton")  # fmt: skip
            self.enable_button = QPushButton(self.tr("Mở lại"), objectName="enableAccountButton")
            self.remove_button = QPushButton(self.tr("Xóa tài khoản"),
                                             objectName="removeAccountButton")  # fmt: skip
            self.rekey_button = QPushButton(self.tr("Đổi khóa mã hóa"), objectName="rekeyButton")
            self.disable_button.clicked.connect(self._disable)
            self.enable_button.clicked.connect(self._enable)
            self.remove_button.clicked.connect(self._remove)
            self.rekey_button.clicked.connect(self._rekey)
            for button in (self.disable_button, self.enable_button, self.remove_button,
                           self.rekey_button):  # fmt: skip
                manage.addWidget(button)
            layout.addLayout(manage)
            self.progress = QProgressBar(objectName="accountsProgress")
            self.progress.setRange(0, 100)
            self.progress.hide()
            layout.addWidget(self.progress)
            if tasks is not None:
                tasks.progressed.connect(self._on_progress)
            add = QFormLayout()
            self.new_user = QLineEdit(objectName="newAccountUser")
            self.new_name = QLineEdit(objectName="newAccountName")
            self.new_role = QComboBox(objectName="newAccountRole")
            for role in accounts.ROLES:
                if role.code != "officer":
                    self.new_role.addItem(tr_label(role.label), role.code)
            self.new_password = password_edit("newAccountPassword")
            self.add_button = QPushButton(self.tr("Thêm tài khoản"), objectName="addAccountButton")
            self.add_button.clicked.connect(self._add)
            add.addRow(self.tr("Tên đăng nhập"), self.new_user)
            add.addRow(self.tr("Họ và tên"), self.new_name)
            add.addRow(self.tr("Vai trò"), self.new_role)
            add.addRow(
                self.tr("Mật khẩu (ít nhất {n} ký tự)").format(n=accounts.MIN_PASSWORD_LENGTH),
                self.new_password,
            )
            add.addRow(self.add_button)
            layout.addLayout(add)
            self.refresh()
        layout.addWidget(self.message)

    def refresh(self) -> None:
        views = self.register.account_views()
        status = {"đã khóa": self.tr("đã khóa"), "cần đặt lại mật khẩu":
                  self.tr("cần đặt lại mật khẩu"), "đang dùng": self.tr("đang dùng")}  # fmt: skip
        self.table.setRowCount(len(views))
        for row, view in enumerate(views):
            for col, text in enumerate(
                (view.username, view.full_name, label(accounts.ROLES, view.role),
                 status.get(view.status, view.status))
            ):  # fmt: skip
                self.table.setItem(row, col, QTableWidgetItem(text))

    def _run(self, work, done_text: str, after=None) -> None:
        """Argon2 takes a moment: the work runs on the database worker when there is one."""

        def done(_result) -> None:
            self.message.setText(done_text)
            if after is not None:
                after()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.message.setText("\n".join(str(p) for p in exc.problems))
            elif isinstance(exc, NotAllowed | RuntimeError):
                self.message.setText(str(exc))
            else:
                raise exc

        if self.tasks is None:
            try:
                done(work())
            except Exception as exc:  # shown like the worker's errors
                failed(exc)
        else:
            self.tasks.run_db(work, done, failed)

    def _run_rotating(self, work, done_text: str) -> None:
        """A change that rotates the keys: a job with progress (re-encrypting takes a while)."""
        self.progress.setValue(0)
        self.progress.show()
        buttons = (self.reset_button, self.disable_button, self.enable_button,
                   self.remove_button, self.rekey_button, self.add_button)  # fmt: skip
        for button in buttons:
            button.setEnabled(False)

        def finish() -> None:
            self.progress.hide()
            for button in buttons:
                button.setEnabled(True)
            self.refresh()

        def done(result) -> None:
            finish()
            text = done_text
            if isinstance(result, list) and result:  # accounts dropped by the rotation
                text += " " + self.tr("Cần đặt lại mật khẩu: {names}.").format(
                    names=", ".join(result)
                )
            self.message.setText(text)

        def failed(exc: BaseException) -> None:
            finish()
            if isinstance(exc, ValidationError):
                self.message.setText("\n".join(str(p) for p in exc.problems))
            elif isinstance(exc, NotAllowed | RuntimeError):
                self.message.setText(str(exc))
            else:
                raise exc

        if self.tasks is None:
            try:
                done(work(lambda fraction, message: None))
            except Exception as exc:  # shown like the worker's errors
                failed(exc)
            return

        self.job = self.tasks.run_job(lambda job: work(job.progress), done, failed)

    def _on_progress(self, job: Job, fraction: float, message: str) -> None:
        if job is self.job:
            self.progress.setValue(int(fraction * 100))
            self.progress.setFormat(f"%p% — {message}")

    def _selected_or_say(self) -> str | None:
        username = self.selected_username()
        if username is None:
            self.message.setText(self.tr("Chọn một tài khoản trong danh sách."))
        return username

    def _confirm(self, text: str) -> bool:
        answer = dialogs.ask(self, self.tr("Tài khoản"), text,
                             dialogs.Button.Yes | dialogs.Button.No, dialogs.Button.No)  # fmt: skip
        return answer == dialogs.Button.Yes

    def _disable(self) -> None:
        username = self._selected_or_say()
        if username is None or not self._confirm(self.tr(
            "Khóa tài khoản {u}? Mật khẩu của tài khoản này sẽ không mở được sổ nữa cho đến khi "
            "mở lại; khóa mã hóa được đổi và dữ liệu được mã hóa lại (có thể mất một lúc)."
        ).format(u=username)):  # fmt: skip
            return
        self._run_rotating(
            lambda progress: self.register.disable_user(username, progress),
            self.tr("Đã khóa tài khoản {u} và đổi khóa mã hóa.").format(u=username),
        )

    def _enable(self) -> None:
        username = self._selected_or_say()
        if username is None:
            return
        self._run(lambda: self.register.enable_user(username),
                  self.tr("Đã mở lại tài khoản {u}.").format(u=username), self.refresh)  # fmt: skip

    def _remove(self) -> None:
        username = self._selected_or_say()
        if username is None or not self._confirm(self.tr(
            "Xóa tài khoản {u}? Nhật ký truy cập của tài khoản này vẫn được giữ; khóa mã hóa "
            "được đổi và dữ liệu được mã hóa lại (có thể mất một lúc)."
        ).format(u=username)):  # fmt: skip
            return
        self._run_rotating(
            lambda progress: self.register.remove_user(username, progress),
            self.tr("Đã xóa tài khoản {u} và đổi khóa mã hóa.").format(u=username),
        )

    def _rekey(self) -> None:
        if not self._confirm(self.tr(
            "Đổi khóa mã hóa ngay? Dữ liệu được mã hóa lại bằng khóa mới (có thể mất một lúc); "
            "bản sao cũ của tệp khóa không mở được dữ liệu mới nữa."
        )):  # fmt: skip
            return
        self._run_rotating(self.register.rotate_keys, self.tr("Đã đổi khóa mã hóa."))

    def _change_own(self) -> None:
        password, again = self.own_password.text(), self.own_again.text()
        self.own_password.clear()
        self.own_again.clear()
        if password != again:
            self.message.setText(self.tr("Hai lần nhập mật khẩu không giống nhau."))
            return
        user = self.register.user
        self._run(lambda: self.register.set_password(user, password),
                  self.tr("Đã đổi mật khẩu của {u}.").format(u=user))  # fmt: skip

    def selected_username(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def _reset(self) -> None:
        username = self.selected_username()
        if username is None:
            self.message.setText(self.tr("Chọn một tài khoản trong danh sách."))
            return
        password = self.reset_password.text()
        self.reset_password.clear()
        self._run_rotating(
            lambda progress: self.register.set_password(username, password, progress),
            self.tr("Đã đặt lại mật khẩu của {u}.").format(u=username),
        )

    def _add(self) -> None:
        values = (self.new_user.text(), self.new_name.text(), self.new_role.currentData(),
                  self.new_password.text())  # fmt: skip
        self.new_password.clear()

        def added() -> None:
            self.new_user.clear()
            self.new_name.clear()
            self.refresh()

        self._run(lambda: self.register.create_user(*values),
                  self.tr("Đã thêm tài khoản {u}.").format(u=values[0].strip().lower()),
                  added)  # fmt: skip
