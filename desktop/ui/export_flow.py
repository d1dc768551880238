"""Saving a file that may name children: where to, an optional password, and the job.

The password dialog is optional (empty fields: no password) and asks twice; the file is then
encrypted with real Office encryption (`desktop.reports.protect`), so Excel and LibreOffice
ask for the password before showing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QWidget,
)

from desktop.reports.protect import MIN_PASSWORD_LENGTH
from desktop.ui import dialogs, file_dialogs
from desktop.ui.taskman import Cancelled, Job, TaskManager
from desktop.ui.widgets import ErrorLabel


class FilePasswordDialog(QDialog):
    """Asks for an optional password for an Excel file, typed twice, saying what the file
    holds: children's personal data, or (a report) figures only."""

    def __init__(self, parent: QWidget | None, file_name: str, personal: bool = True):
        super().__init__(parent)
        self.setObjectName("filePasswordDialog")
        self.setWindowTitle(self.tr("Mật khẩu cho tệp Excel"))
        intro = QLabel(
            (
                self.tr(
                    "Tệp “{name}” có thông tin cá nhân của trẻ em. Đặt mật khẩu để Excel và "
                    "LibreOffice hỏi mật khẩu trước khi mở tệp (để trống nếu không cần)."
                )
                if personal
                else self.tr(
                    "Tệp “{name}” chỉ có số liệu tổng hợp, không có tên hay thông tin cá nhân "
                    "của trẻ em. Có thể đặt mật khẩu để Excel và LibreOffice hỏi mật khẩu trước "
                    "khi mở tệp (để trống nếu không cần)."
                )
            ).format(name=file_name)
        )
        intro.setWordWrap(True)
        self.first = QLineEdit(objectName="filePassword")
        self.second = QLineEdit(objectName="filePasswordAgain")
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = ErrorLabel("filePassword")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Lưu tệp"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(self.tr("Mật khẩu"), self.first)
        form.addRow(self.tr("Nhập lại mật khẩu"), self.second)
        form.addRow(self.message)
        form.addRow(buttons)

    def problem(self) -> str:
        first, second = self.first.text(), self.second.text()
        if not first and not second:
            return ""
        if len(first) < MIN_PASSWORD_LENGTH:
            return self.tr("Mật khẩu cần ít nhất {n} ký tự.").format(n=MIN_PASSWORD_LENGTH)
        if first != second:
            return self.tr("Hai lần nhập mật khẩu không khớp.")
        return ""

    def accept(self) -> None:
        problem = self.problem()
        self.message.show_message(problem)
        if not problem:
            super().accept()

    def password(self) -> str | None:
        return self.first.text() or None


def ask_export_file(
    parent: QWidget,
    title: str,
    suggested: str,
    filters: str = "Excel (*.xlsx)",
    purpose: str = "exports",
    personal: bool = True,
) -> tuple[Path, str | None] | None:
    """Where to save, and for an Excel file an optional password; None when cancelled.
    `personal`: the file names children (False for a report of figures only)."""
    path = file_dialogs.ask_save_file(parent, title, suggested, filters, purpose)
    if path is None:
        return None
    if path.suffix.lower() != ".xlsx":
        return path, None
    dialog = FilePasswordDialog(parent, path.name, personal)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return path, dialog.password()


def _tr(text: str) -> str:
    return QCoreApplication.translate("JobRunner", text)


class JobRunner:
    """Runs one long job at a time with a progress dialog and a Cancel button."""

    def __init__(self, parent: QWidget, tasks: TaskManager):
        self.parent = parent
        self.tasks = tasks
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self._cancelled: Callable[[], None] | None = None

    def start(
        self,
        work: Callable[[Job], Any],
        done: Callable[[Any], None],
        title: str,
        cancelled: Callable[[], None] | None = None,
    ) -> Job:
        """Run `work` with a progress dialog; `done` gets its result, `cancelled` (if given) is
        told when the officer pressed Cancel."""
        self._cancelled = cancelled
        self.progress = QProgressDialog(title, _tr("Hủy"), 0, 100, self.parent)
        self.progress.setObjectName("jobProgress")
        self.progress.setMinimumDuration(300)
        self.progress.setValue(0)
        self.job = self.tasks.run_job(work, lambda result: self._finish(done, result), self._fail)
        self.progress.canceled.connect(self.job.cancel.set)
        self.tasks.progressed.connect(self._progressed)
        return self.job

    def _progressed(self, job: Job, fraction: float, message: str) -> None:
        if job is self.job and self.progress is not None:
            self.progress.setValue(int(fraction * 100))
            self.progress.setLabelText(message)

    def _finish(self, done: Callable[[Any], None], result: Any) -> None:
        self._close()
        done(result)

    def _fail(self, error: BaseException) -> None:
        self._close()
        if not isinstance(error, Cancelled):
            dialogs.error(self.parent, _tr("Không lưu được"), str(error))
        elif self._cancelled is not None:
            self._cancelled()

    def _close(self) -> None:
        if self.progress is not None:
            self.tasks.progressed.disconnect(self._progressed)
            self.progress.reset()
            self.progress = None
        self.job = None
