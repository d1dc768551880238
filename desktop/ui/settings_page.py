"""Cài đặt: language, the commune this register belongs to, where the data lives."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from desktop import __version__, config, reference
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
        self.lock_minutes.setValue(int(config.load_settings().get("lock_minutes", 10)))  # type: ignore[arg-type]
        self.lock_minutes.valueChanged.connect(self._lock_minutes_chosen)
        form.addRow(self.tr("Khóa màn hình khi không dùng"), self.lock_minutes)
        form.addRow(self.tr("Mã thiết bị"), QLabel(register.device_id))
        form.addRow(self.tr("Phiên bản"), QLabel(__version__))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        from desktop.ui.accounts_box import AccountsBox

        self.accounts = AccountsBox(register, tasks)
        layout.addWidget(self.accounts)
        if tasks is not None:
            from desktop.ui.backup_box import BackupBox

            self.backup = BackupBox(register, tasks)
            layout.addWidget(self.backup)
        layout.addStretch(1)

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
