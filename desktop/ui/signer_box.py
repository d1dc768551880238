"""Người ký báo cáo (Cài đặt › Chung): the signature block of every printed report — who signs,
in what position, on whose behalf — kept in the register, so the PDF carries the full name
instead of a blank to fill by hand."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from desktop.db.register import Register
from desktop.reports import service
from desktop.ui.taskman import TaskManager

POSITIONS = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH")
AUTHORITIES = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")


class SignerBox(QGroupBox):
    def __init__(self, register: Register, tasks: TaskManager, read_only: bool = False):
        super().__init__(self.tr("Người ký báo cáo"))
        self.register, self.tasks = register, tasks
        self.name = QLineEdit(objectName="signerName")
        self.name.setPlaceholderText(self.tr("Họ và tên, ví dụ Lò Văn Pá"))
        self.position = QComboBox(objectName="signerPosition", editable=True)
        self.position.addItems(POSITIONS)
        self.authority = QComboBox(objectName="signerAuthority", editable=True)
        self.authority.addItems(AUTHORITIES)
        self.save_button = QPushButton(self.tr("Lưu người ký"), objectName="saveSigner")
        self.save_button.clicked.connect(self.save)
        self.result = QLabel(objectName="signerSaved")
        for widget in (self.name, self.position, self.authority, self.save_button):
            widget.setEnabled(not read_only)
        form = QFormLayout(self)
        form.addRow(self.tr("Thẩm quyền ký"), self.authority)
        form.addRow(self.tr("Chức vụ"), self.position)
        form.addRow(self.tr("Họ và tên người ký"), self.name)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.result, 1)
        form.addRow(row)
        tasks.run_db(lambda: service.document_info(register), self._fill)

    def _fill(self, info) -> None:
        """What the next report will print: the stored lines, or the defaults."""
        self.name.setText(info.signer)
        self.position.setCurrentText(info.position)
        self.authority.setCurrentText(info.authority)

    def save(self) -> None:
        name, position = self.name.text(), self.position.currentText()
        authority = self.authority.currentText()
        self.tasks.run_db(
            lambda: service.set_signer(self.register, name, position, authority),
            lambda _r: self.result.setText(self.tr("Đã lưu: báo cáo in từ nay ghi người ký này.")),
        )
