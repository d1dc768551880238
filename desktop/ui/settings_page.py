"""Cài đặt: language, the commune and its villages, accounts, backups — one tab each, so the
page fits a small screen instead of running off its bottom."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__, config, reference
from desktop.db.changes import Changes
from desktop.db.register import Register
from desktop.ui.taskman import TaskManager

LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))


class SettingsPage(QWidget):
    language_changed = Signal(str)
    lock_minutes_changed = Signal(int)

    def __init__(self, register: Register, tasks: TaskManager | None = None):
        super().__init__()
        self.language = QComboBox(objectName="languageCombo")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        current = str(config.load_settings().get("language", "vi"))
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        commune = reference.unit(register.commune_code or "")
        province = reference.unit(commune.parent_code or "") if commune else None
        self.note = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("Ngôn ngữ giao diện"), self.language)
        form.addRow(self.tr("Xã/phường"), QLabel(commune.name if commune else "—"))
        form.addRow(self.tr("Tỉnh/thành phố"), QLabel(province.name if province else "—"))
        if commune and commune.former_district:
            form.addRow(self.tr("Huyện cũ (trước 01/7/2025)"), QLabel(commune.former_district))
        form.addRow(self.tr("Tệp dữ liệu"), QLabel(str(register.path)))
        form.addRow(
            self.tr("Mã hóa dữ liệu"),
            QLabel(
                self.tr("Có (SQLCipher, AES-256)")
                if register.key is not None
                else self.tr("Không — tệp đọc được nếu bị lấy mất")
            ),
        )
        self.lock_minutes = QSpinBox(objectName="lockMinutes", minimum=0, maximum=240)
        self.lock_minutes.setSuffix(self.tr(" phút (0: không khóa)"))
        self.lock_minutes.setValue(int(str(config.load_settings().get("lock_minutes", 10))))
        self.lock_minutes.valueChanged.connect(self._lock_minutes_chosen)
        form.addRow(self.tr("Khóa màn hình khi không dùng"), self.lock_minutes)
        form.addRow(self.tr("Mã thiết bị"), QLabel(register.device_id))
        form.addRow(self.tr("Phiên bản"), QLabel(__version__))
        self.note.setWordWrap(True)
        general = QWidget(objectName="settingsGeneral")
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        general_layout.addWidget(self.note)
        self.signer = None
        if tasks is not None:
            from desktop.ui.signer_box import SignerBox

            self.signer = SignerBox(
                register, tasks, read_only=not (register.role == "officer" or register.is_reader)
            )
            general_layout.addWidget(self.signer)
        general_layout.addStretch(1)
        self.tabs = QTabWidget(objectName="settingsTabs")
        self.tabs.addTab(general, self.tr("Chung"))
        from desktop.ui.accounts_box import AccountsBox

        self.villages = None
        if tasks is not None and not register.is_reader:
            from desktop.db import accounts
            from desktop.ui.villages_box import VillagesBox

            self.villages = VillagesBox(
                register, tasks, read_only=not accounts.may_edit(register.role)
            )
            self.tabs.addTab(self.villages, self.tr("Thôn/bản"))
        self.accounts = AccountsBox(register, tasks)
        self.tabs.addTab(self.accounts, self.tr("Tài khoản"))
        if tasks is not None:
            from desktop.ui.backup_box import BackupBox

            self.backup = BackupBox(register, tasks)
            self.tabs.addTab(self.backup, self.tr("Sao lưu và khôi phục"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)

    def on_changes(self, changes: Changes) -> None:
        if self.villages is not None:
            self.villages.on_changes(changes)

    def _lock_minutes_chosen(self, minutes: int) -> None:
        settings = config.load_settings()
        settings["lock_minutes"] = minutes
        config.save_settings(settings)
        self.lock_minutes_changed.emit(minutes)

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        settings = config.load_settings()
        settings["language"] = code
        config.save_settings(settings)
        self.note.setText(
            self.tr("Đã lưu. Ngôn ngữ mới có hiệu lực khi mở lại ứng dụng.")
            + " / Saved: the new language applies when the app is restarted."
        )
        self.language_changed.emit(code)
