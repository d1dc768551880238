"""The audit table: a cache over the database holding only the ordered rowids of the entries.

Rows come a page at a time when the view asks (as in `child_model`), so a trail of years of
work scrolls with bounded memory.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.db.audit import AuditRow
from desktop.db.register import Register
from desktop.domain import audit as vocab
from desktop.ui import i18n

PAGE_SIZE = 100
MAX_PAGES = 20

Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    COLUMNS = ("Thời điểm", "Người dùng", "Thao tác", "Đối tượng", "Nội dung", "Chi tiết")

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register
        self._rowids: list[int] = []
        self._pages: OrderedDict[int, dict[int, AuditRow]] = OrderedDict()

    def set_rowids(self, rowids: list[int]) -> None:
        self.beginResetModel()
        self._rowids = rowids
        self._pages.clear()
        self.endResetModel()

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rowids)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.COLUMNS[section])
        return None

    def entry(self, row: int) -> AuditRow | None:
        if not 0 <= row < len(self._rowids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self.register.audit_page(
                self._rowids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
            )
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._rowids[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self.entry(index.row())
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

    def cached_pages(self) -> int:
        return len(self._pages)
