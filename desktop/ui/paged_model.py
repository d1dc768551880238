"""A table over the database that holds only the ordered rowids of what it lists.

Rows are fetched a page at a time when the view asks for them and a few pages are kept, so
100,000 rows scroll smoothly with bounded memory (Calibre-style: the view only queries).
Subclasses name their `COLUMNS` and say how one page of rows is read (`load_page`).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

PAGE_SIZE = 100
MAX_PAGES = 20

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class PagedRowidModel(QAbstractTableModel, Generic[Row]):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rowids: list[int] = []
        self._pages: OrderedDict[int, dict[int, Row]] = OrderedDict()

    def load_page(self, rowids: list[int]) -> dict[int, Row]:
        raise NotImplementedError

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
            # The subclass's own context: the headers are translated under its name.
            return QCoreApplication.translate(type(self).__name__, self.COLUMNS[section])
        return None

    def row_at(self, row: int) -> Row | None:
        """The listed row `row`, reading its page if it is not cached (oldest page dropped)."""
        if not 0 <= row < len(self._rowids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self.load_page(self._rowids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE])
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._rowids[row])

    def cached_pages(self) -> int:
        return len(self._pages)
