"""The children table: only the ordered rowids, a page of rows read when shown
(`paged_model`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from desktop import reference
from desktop.db.child_queries import ChildRow
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.ui import i18n
from desktop.ui.paged_model import MAX_PAGES, PAGE_SIZE, Index, PagedRowidModel

__all__ = ["MAX_PAGES", "PAGE_SIZE", "ChildTableModel"]


class ChildTableModel(PagedRowidModel[ChildRow]):
    COLUMNS = (
        "STT", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Thôn/bản",
        "Hoàn cảnh đặc biệt", "Nguy cơ", "Người chăm sóc", "Tình trạng",
    )  # fmt: skip

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register
        self.today = date.today()
        self._ethnic = {c: i18n.tr_label(g.name) for c, g in reference.ethnic_groups().items()}

    def load_page(self, rowids: list[int]) -> dict[int, ChildRow]:
        return self.register.child_page(rowids, self.today)

    def child_id(self, row: int) -> str | None:
        child = self.row_at(row)
        return child.id if child else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 2, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        child = self.row_at(index.row())
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
