"""One record section: a list of records with its filters, and New / Edit / Remove.

Activities, courses, plan targets, fund entries, a child's circumstances and supports, a case's
steps: each page used to carry its own copy of the dialog-with-a-save-closure, the selection,
the removal question and the error box. A page now says what its records are — the columns of
a row, the dialog that records or corrects one, how one is removed — and this class does the
rest the same way everywhere.

Removal is a correction, not an erasure: the officer gives a reason ("nhập nhầm" …), the
record is marked removed with it, the audit trail says who did it, and the mark syncs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.validation import Problem
from desktop.ui.flow import FlowRow
from desktop.ui.form_dialog import FormDialog
from desktop.ui.page_parts import fill_row, make_table, selected_key
from desktop.ui.taskman import TaskManager

R = TypeVar("R")

REASONS = ("Nhập nhầm", "Nhập trùng", "Không diễn ra")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordSection", text)


class RemoveDialog(FormDialog):
    """Why a record is being removed; the reason stays with it and in the audit trail."""

    def __init__(self, parent: QWidget | None, title: str, question: str, **kw: Any):
        super().__init__(parent, title, **kw)
        self.setObjectName("removeDialog")
        text = QLabel(question, objectName="removeQuestion")
        text.setWordWrap(True)
        self.layout_.insertWidget(0, text)
        self.reason = QComboBox(objectName="removeReason")
        self.reason.setEditable(True)
        for reason in REASONS:
            self.reason.addItem(_tr(reason))
        self.add_row("reason", _tr("Lý do *"), self.reason)
        self.finish()
        self.save_button.setText(_tr("Xóa"))
        self.setMinimumWidth(440)

    def value(self) -> str:
        return self.reason.currentText().strip()

    def check(self) -> list[Problem]:
        if not self.value():
            return [Problem("reason", "cho biết vì sao xóa.")]
        return []


class RecordSection(QWidget, Generic[R]):
    """A table of records of one kind with the buttons that change them.

    `dialog(record)` builds the dialog that records a new one (None) or corrects `record`;
    it saves on the database worker before it closes. `remove(record, reason)` marks one
    removed. `row(record)` gives the cells; `describe(record)` names it in the question.
    """

    selection_changed = Signal()
    saved = Signal()  # a dialog of this section saved (new, corrected or removed record)

    def __init__(
        self,
        *,
        name: str,
        headers: Sequence[str],
        new_label: str,
        tasks: TaskManager,
        row: Callable[[R], Sequence[Any]],
        describe: Callable[[R], str],
        dialog: Callable[[R | None], QDialog] | None = None,
        remove: Callable[[R, str], Any] | None = None,
        key: Callable[[R], str] = lambda record: record.id,  # type: ignore[attr-defined]
        read_only: bool = False,
        stretch: int = -1,
        remove_title: str = "",
        table_name: str = "",
    ):
        super().__init__(objectName=f"{name[0].lower()}{name[1:]}Section")
        self.tasks, self.read_only = tasks, read_only
        self._row, self._describe, self._dialog, self._remove = row, describe, dialog, remove
        self._key = key
        self.remove_title = remove_title or _tr("Xóa bản ghi nhập nhầm")
        self.records: list[R] = []

        self.new_button = QPushButton(new_label, objectName=f"new{name}Button")
        self.edit_button = QPushButton(_tr("Sửa…"), objectName=f"edit{name}Button")
        self.remove_button = QPushButton(_tr("Xóa…"), objectName=f"delete{name}Button")
        self.remove_button.setToolTip(_tr("Xóa bản ghi nhập nhầm (ghi lý do; vẫn lưu vết)"))
        for button, slot in ((self.new_button, self.new), (self.edit_button, self.edit),
                             (self.remove_button, self.remove)):  # fmt: skip
            button.clicked.connect(slot)
            button.setEnabled(not read_only)
        self.edit_button.setVisible(dialog is not None)
        self.new_button.setVisible(dialog is not None)
        self.remove_button.setVisible(remove is not None)

        self.toolbar = FlowRow()
        self._filters_end = 0  # filters go before the stretch, buttons after it
        self.toolbar.addStretch()
        for button in (self.new_button, self.edit_button, self.remove_button):
            self.toolbar.addWidget(button)
        table_name = table_name or f"{name[0].lower()}{name[1:]}Table"
        self.table: QTableWidget = make_table(headers, table_name, stretch=stretch)
        self.table.cellDoubleClicked.connect(lambda *_: self.edit())
        self.table.itemSelectionChanged.connect(self.selection_changed)
        self.summary = QLabel(objectName=f"{name[0].lower()}{name[1:]}Summary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    # ---- building ----------------------------------------------------------------------------

    def add_filter(self, widget: QWidget) -> None:
        """A filter (or its label) on the left of the toolbar, in the order added."""
        self.toolbar.insertWidget(self._filters_end, widget)
        self._filters_end += 1

    def add_action(self, button: QPushButton) -> None:
        """Another button after Remove (e.g. "Kết thúc hoàn cảnh…")."""
        button.setEnabled(button.isEnabled() and not self.read_only)
        self.toolbar.addWidget(button)

    # ---- showing -----------------------------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        """Show `records`, keeping the selected one selected if it is still there."""
        chosen = selected_key(self.table)
        self.records = list(records)
        self.table.setRowCount(len(self.records))
        for number, record in enumerate(self.records):
            fill_row(self.table, number, self._row(record), key=self._key(record))
        keys = [self._key(r) for r in self.records]
        if chosen in keys:
            self.table.selectRow(keys.index(chosen))
        elif self.records:
            self.table.selectRow(0)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.setVisible(bool(text))

    def selected(self) -> R | None:
        key = selected_key(self.table)
        return next((r for r in self.records if self._key(r) == key), None)

    # ---- changing ----------------------------------------------------------------------------

    def new(self) -> None:
        if self._dialog is not None and not self.read_only:
            self._run(self._dialog(None))

    def edit(self) -> None:
        record = self.selected()
        if record is not None and self._dialog is not None and not self.read_only:
            self._run(self._dialog(record))

    def remove(self) -> None:
        record = self.selected()
        if record is None or self._remove is None or self.read_only:
            return
        remove = self._remove
        question = _tr("Xóa {what}? Bản ghi được đánh dấu đã xóa kèm lý do, vẫn lưu trong nhật "
                       "ký và được đồng bộ; số liệu tính lại.").format(what=self._describe(record))
        self._run(
            RemoveDialog(
                self, self.remove_title, question, tasks=self.tasks,
                save=lambda reason: remove(record, reason),
            )
        )  # fmt: skip

    def _run(self, dialog: QDialog) -> None:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.saved.emit()
