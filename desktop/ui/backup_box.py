"""Sao lưu và khôi phục on the Settings page: a copy to a folder or USB stick, and a restore
that first shows what the backup holds (and what would be lost)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop.db.accounts import may_back_up
from desktop.db.register import Register
from desktop.ui import dialogs, file_dialogs, saved_notice
from desktop.ui.taskman import TaskManager


def describe(info) -> str:
    """One line an officer can compare: when, how many children and cases, what is unsent."""
    return (
        f"{info.made_at:%H:%M %d/%m/%Y}: {info.children:,} trẻ em, {info.cases:,} vụ việc, "
        f"{info.unsent_changes:,} thay đổi chưa gửi"
    ).replace(",", ".")


class BackupBox(QGroupBox):
    restore_chosen = Signal(object)  # the backup file: the main window restores and reopens

    def __init__(self, register: Register, tasks: TaskManager):
        super().__init__(self.tr("Sao lưu và khôi phục"))
        self.register, self.tasks = register, tasks
        self.backup_button = QPushButton(self.tr("Sao lưu ra thư mục/USB…"), objectName="backupTo")
        self.backup_button.clicked.connect(self._ask_folder)
        self.backup_button.setEnabled(may_back_up(register.role))
        self.restore_button = QPushButton(
            self.tr("Khôi phục từ bản sao lưu…"), objectName="restoreFrom"
        )
        self.restore_button.clicked.connect(self._ask_file)
        self.restore_button.setEnabled(register.role == "officer")
        self.last = QLabel(objectName="backupResult")
        self.last.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Ứng dụng tự sao lưu khi đóng và mỗi ngày (thư mục backups cạnh tệp dữ liệu). "
                "Bản sao được mã hóa như dữ liệu; tệp .keys.json đi kèm phải được chép cùng."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.last)

    # ---- backup -------------------------------------------------------------------------

    def _ask_folder(self) -> None:
        folder = file_dialogs.ask_folder(self, self.tr("Chọn thư mục hoặc USB"), "backup")
        if folder:
            self.back_up_to(folder)

    def back_up_to(self, folder: Path) -> None:
        target = folder / f"sotreem-{datetime.now():%Y%m%d-%H%M}.db"
        self.backup_button.setEnabled(False)
        self.last.setText(self.tr("Đang sao lưu…"))
        self.tasks.run_io(lambda: self.register.back_up(target), self._backed_up, self._failed)

    def _backed_up(self, info) -> None:
        self.backup_button.setEnabled(may_back_up(self.register.role))
        self.last.setText(
            self.tr("Đã sao lưu vào {path} ({what}).").format(path=info.path, what=describe(info))
        )
        path = Path(info.path)
        detail = self.tr("Bản sao lưu lúc {what}.").format(what=describe(info))
        keys = path.with_suffix(".keys.json")
        if keys.exists():  # an encrypted register: the copy opens only with its key file
            detail += " " + self.tr("Khi chép sang nơi khác, chép cả tệp {keys} đi kèm.").format(
                keys=keys.name
            )
        saved_notice.show_saved(
            self, self.tr("Sao lưu và khôi phục"), path, folder_only=True, detail=detail
        )

    def _failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(may_back_up(self.register.role))
        self.restore_button.setEnabled(self.register.role == "officer")
        self.last.setText(str(error))
        dialogs.error(self, self.tr("Sao lưu và khôi phục"), str(error))

    # ---- restore ------------------------------------------------------------------------

    def _ask_file(self) -> None:
        path = file_dialogs.ask_open_file(
            self, self.tr("Chọn bản sao lưu"), self.tr("Bản sao lưu Sổ Trẻ Em (*.db)"), "backup"
        )
        if path:
            self.preview(path)

    def preview(self, path: Path) -> None:
        """Read the backup and today's data off the GUI thread, then ask with both in view."""
        from desktop.db import backup

        def read():
            return (
                backup.describe(path, self.register.key, self.register.past_data_keys),
                self.register.sync_state().unsent,
            )

        self.restore_button.setEnabled(False)
        self.tasks.run_io(read, lambda result: self._confirm(path, *result), self._failed)

    def _confirm(self, path: Path, info, unsent_now: int) -> None:
        self.restore_button.setEnabled(True)
        text = self.tr(
            "Bản sao lưu {name} — {what}.\nDữ liệu hiện tại sẽ được thay bằng bản này (một bản "
            "của dữ liệu hiện tại vẫn được giữ trong thư mục backups)."
        ).format(name=path.name, what=describe(info))
        if unsent_now:
            text += "\n" + self.tr(
                "CẢNH BÁO: dữ liệu hiện tại còn {n} thay đổi chưa gửi lên máy chủ; sau khi khôi "
                "phục chúng chỉ còn trong bản giữ lại."
            ).format(n=unsent_now)
        answer = dialogs.ask(
            self,
            self.tr("Khôi phục bản sao lưu?"),
            text,
            dialogs.Button.Yes | dialogs.Button.No,
            dialogs.Button.No,
        )
        if answer == dialogs.Button.Yes:
            self.restore_chosen.emit(path)
