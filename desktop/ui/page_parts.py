"""Pieces the programme pages share: read-only tables, the year selector, filter combos."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.domain import categories as cat
from desktop.ui.i18n import tr_label

NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_MONEY = re.compile(r"^-?[\d.]+ đ$")


def make_table(headers: Sequence[str], name: str, stretch: int = -1) -> QTableWidget:
    """A read-only, row-selecting table whose `stretch` column (default: the last) takes the
    spare width and the others fit their contents."""
    table = QTableWidget(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(list(headers))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch % len(headers), QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    return table


def fill_row(table: QTableWidget, row: int, values: Sequence[Any], key: str = "") -> None:
    """Text cells; numbers and money right-aligned; the row's record id kept in the first cell."""
    for column, value in enumerate(values):
        number = isinstance(value, int)
        text = f"{value:,}".replace(",", ".") if number else str(value)
        item = QTableWidgetItem(text)
        item.setToolTip(text)  # the whole text, when the column is too narrow for it
        if number or _MONEY.match(text):
            item.setTextAlignment(NUMBER_ALIGN)
        if column == 0:
            item.setData(Qt.ItemDataRole.UserRole, key)
        table.setItem(row, column, item)


def selected_key(table: QTableWidget) -> str | None:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item else None


def year_spin(name: str, today: date | None = None) -> QSpinBox:
    spin = QSpinBox(objectName=name)
    spin.setRange(2015, 2100)
    spin.setValue((today or date.today()).year)
    return spin


def category_filter(name: str, everything: str, categories: Sequence[cat.Category]) -> QComboBox:
    """A filter combo: first "… tất cả" (data None), then the code list's labels."""
    combo = QComboBox(objectName=name)
    combo.addItem(everything, None)
    for c in categories:
        combo.addItem(tr_label(c.label), c.code)
    return compact_combo(combo)


def compact_combo(combo: QComboBox, characters: int = 20) -> QComboBox:
    """A combo as wide as `characters`, whatever its longest item (a village list of 1,000
    names, a legal group's full title); the open list is wider and shows them whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.view().setMinimumWidth(360)
    return combo


def record_buttons(
    name: str, new_label: str, new, edit, delete, *, enabled: bool = True
) -> tuple[QPushButton, QPushButton, QPushButton]:
    """The "new … / Sửa… / Xóa" trio of a list page, named new<Name>Button and so on."""
    buttons = (
        QPushButton(new_label, objectName=f"new{name}Button"),
        QPushButton(
            QCoreApplication.translate("page_parts", "Sửa…"), objectName=f"edit{name}Button"
        ),
        QPushButton(
            QCoreApplication.translate("page_parts", "Xóa"), objectName=f"delete{name}Button"
        ),
    )
    for button, slot in zip(buttons, (new, edit, delete), strict=True):
        button.clicked.connect(slot)
        button.setEnabled(enabled)
    return buttons
