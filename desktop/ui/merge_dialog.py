"""Gộp hồ sơ trùng: the same child entered twice is merged into the record on screen.

The officer finds the second record (likely duplicates are offered first: same name, birth
year and village), reads what will happen, and confirms; the second record's history,
supports and cases follow the kept one (`Register.merge_children`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from desktop.db.child_queries import ChildRow
from desktop.db.register import Register
from desktop.domain.validation import Problem
from desktop.ui.form_dialog import FormDialog


class MergeDialog(FormDialog):
    def __init__(
        self, parent: QWidget | None, register: Register, keep_id: str, keep_name: str, **kw: Any
    ):
        super().__init__(parent, self.tr("Gộp hồ sơ trùng"), **kw)
        self.setObjectName("mergeDialog")
        self.register, self.keep_id = register, keep_id
        intro = QLabel(
            self.tr(
                "Chọn hồ sơ trùng của {name}. Hoàn cảnh, trợ giúp và vụ việc của hồ sơ đó chuyển "
                "sang hồ sơ đang mở; những thông tin hồ sơ đang mở còn trống được lấy từ hồ sơ "
                "đó; hồ sơ đó được đánh dấu đã gộp (vẫn lưu trong nhật ký)."
            ).format(name=keep_name)
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.search = QLineEdit(objectName="mergeSearch")
        self.search.setPlaceholderText(self.tr("Tìm theo tên (không dấu cũng được)"))
        self.search.textChanged.connect(self._find)
        self.candidates = QListWidget(objectName="mergeCandidates")
        self.candidates.setMinimumHeight(160)
        self.add_row("search", self.tr("Tìm hồ sơ"), self.search)
        self.add_row("other_id", self.tr("Hồ sơ trùng *"), self.candidates)
        self.finish()
        self.save_button.setText(self.tr("Gộp vào hồ sơ đang mở"))
        self.setMinimumWidth(560)
        self._show(self._likely(keep_name))

    def _likely(self, name: str) -> list[ChildRow]:
        return [row for row in self.register.find(name, limit=20) if row.id != self.keep_id]

    def _find(self, text: str) -> None:
        rows = self.register.find(text, limit=30) if text.strip() else []
        self._show([row for row in rows if row.id != self.keep_id])

    def _show(self, rows: list[ChildRow]) -> None:
        self.candidates.clear()
        for row in rows:
            text = self.tr("{name} — sinh {birth}, {village}").format(
                name=row.full_name, birth=row.birth.display(), village=row.village or "—"
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.candidates.addItem(item)
        if rows:
            self.candidates.setCurrentRow(0)

    def value(self) -> str | None:
        row = self.candidates.currentRow()
        if row < 0:
            return None
        return self.candidates.item(row).data(Qt.ItemDataRole.UserRole)

    def check(self) -> list[Problem]:
        if self.value() is None:
            return [Problem("other_id", "tìm và chọn hồ sơ trùng.")]
        return []
