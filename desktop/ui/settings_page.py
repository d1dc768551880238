"""Cài đặt: language, the commune this register belongs to, where the data lives."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop import __version__, config, reference
from desktop.db.register import Register

LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))


class SettingsPage(QWidget):
    language_changed = Signal(str)

    def __init__(self, register: Register):
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
        form.addRow(self.tr("Mã thiết bị"), QLabel(register.device_id))
        form.addRow(self.tr("Phiên bản"), QLabel(__version__))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)

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
