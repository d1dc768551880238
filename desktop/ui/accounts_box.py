"""Tài khoản (Settings page): the accounts list, add an account, reset a password (officer), and
change one's own password. On an encrypted register each change rewrites that account's key
slot: the officer has the data key open, so an assistant's forgotten password is simply reset.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.db import accounts
from desktop.db.register import NotAllowed, Register
from desktop.domain.validation import ValidationError
from desktop.ui.i18n import label, tr_label
from desktop.ui.login import password_edit
from desktop.ui.taskman import TaskManager


class AccountsBox(QGroupBox):
    def __init__(self, register: Register, tasks: TaskManager | None):
        super().__init__()
        self.setTitle(self.tr("Tài khoản và mật khẩu"))
        self.register, self.tasks = register, tasks
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
        self.table = QTableWidget(0, 3, objectName="accountsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tên đăng nhập"), self.tr("Họ và tên"), self.tr("Vai trò")]
        )
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
        users = self.register.users()
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            for col, text in enumerate(
                (user.username, user.full_name, label(accounts.ROLES, user.role))
            ):
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
        self._run(lambda: self.register.set_password(username, password),
                  self.tr("Đã đặt lại mật khẩu của {u}.").format(u=username))  # fmt: skip

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
