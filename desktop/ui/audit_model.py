"""The audit table: only the ordered rowids of the entries, a page read when shown
(`paged_model`), so a trail of years of work scrolls with bounded memory."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.db.audit import AuditRow
from desktop.db.register import Register
from desktop.domain import audit as vocab
from desktop.ui import i18n
from desktop.ui.paged_model import Index, PagedRowidModel


class AuditTableModel(PagedRowidModel[AuditRow]):
    COLUMNS = ("Thời điểm", "Người dùng", "Thao tác", "Đối tượng", "Nội dung", "Chi tiết")

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register

    def load_page(self, rowids: list[int]) -> dict[int, AuditRow]:
        return self.register.audit_page(rowids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self.row_at(index.row())
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.row_id or None if column == 4 else None
        return (
            entry.local_time,
            entry.username,
            i18n.label(vocab.ACTIONS, entry.action),
            i18n.label(vocab.ENTITIES, entry.entity),
            entry.label,
            entry.detail,
        )[column]
