"""The children table: a cache over the database that holds only the ordered rowids.

Rows are fetched a page at a time when the view asks for them and a few pages are kept, so
100,000 children scroll smoothly with bounded memory (Calibre-style: the view only queries).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop import reference
from desktop.db.child_queries import ChildListRow
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.ui import i18n

PAGE_SIZE = 100
MAX_PAGES = 20

Index = QModelIndex | QPersistentModelIndex


class ChildTableModel(QAbstractTableModel):
    COLUMNS = (
        "STT", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Thôn/bản",
        "Hoàn cảnh đặc biệt", "Nguy cơ", "Người chăm sóc", "Tình trạng",
    )  # fmt: skip

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register
        self.today = date.today()
        self._rowids: list[int] = []
        self._pages: OrderedDict[int, dict[int, ChildListRow]] = OrderedDict()
        self._ethnic = {code: g.name for code, g in reference.ethnic_groups().items()}

    def set_rowids(self, rowids: list[int]) -> None:
        self.beginResetModel()
        self._rowids = rowids
        self._pages.clear()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Forget cached pages (after an edit) without changing which rows are listed."""
        self._pages.clear()
        if self._rowids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rowids) - 1, len(self.COLUMNS) - 1)
            )

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rowids)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.tr(self.COLUMNS[section])
            return None
        return None

    def child_row(self, row: int) -> ChildListRow | None:
        if not 0 <= row < len(self._rowids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._rowids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
            page = self.register.child_page(ids, self.today)
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._rowids[row])

    def child_id(self, row: int) -> str | None:
        child = self.child_row(row)
        return child.id if child else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 2, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        child = self.child_row(index.row())
        if child is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 6 and child.special_groups:
                return "\n".join(
                    i18n.label(cat.SPECIAL_GROUPS, c) for c in child.special_groups.split(", ")
                )
            if column == 7 and child.risk_groups:
                return "\n".join(
                    i18n.label(cat.DEFAULT_RISK_GROUPS, c) for c in child.risk_groups.split(", ")
                )
            return None
        return (
            str(index.row() + 1),
            child.full_name,
            i18n.label(cat.SEXES, child.sex),
            child.birth.display(),
            self._ethnic.get(child.ethnic_code or "", ""),
            child.village,
            child.special_groups,
            child.risk_groups,
            child.caregiver_name,
            i18n.label(cat.CHILD_STATUSES, child.status),
        )[column]

    def cached_pages(self) -> int:
        return len(self._pages)
