"""A dialog of labelled fields with inline Vietnamese messages that saves before it closes.

The dialog stays open while its save runs on the database worker, so a problem only the
database can see (a fund going negative, a target that already exists) still appears under
its field instead of in a box after the form is gone. Used by the activities, training and
plan pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import categories as cat
from desktop.domain.dates import DateTextError
from desktop.domain.money import MoneyTextError, format_vnd
from desktop.domain.validation import Problem, ValidationError
from desktop.ui import errors
from desktop.ui.fields import CountField, DateField, MoneyField, companions
from desktop.ui.fit import SMALL_SCREEN
from desktop.ui.i18n import tr_label
from desktop.ui.taskman import TaskManager
from desktop.ui.widgets import CodeCombo, ErrorLabel

GENERAL = "general"  # problems that belong to no field of the form


def category_items(categories: Iterable[cat.Category]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.code, tr_label(c.label), ()) for c in categories]


def money_text(amount: int | None) -> str:
    """ "1.500.000" for an entry field (no currency sign: the field's label names the unit)."""
    return "" if amount is None else format_vnd(amount).removesuffix(" đ")


def date_field(value: date | None = None, *, name: str = "") -> DateField:
    return DateField(value, name=name)


def count_field(name: str = "") -> QSpinBox:
    return CountField(name)


class FormDialog(QDialog):
    """Fields in a form, each with an error label; Save checks, then saves, then closes."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        *,
        tasks: TaskManager | None = None,
        save: Callable[[Any], Any] | None = None,
        today: date | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.tasks, self.save, self.today = tasks, save, today or date.today()
        self.errors: dict[str, ErrorLabel] = {}
        self.focus_of: dict[str, QWidget] = {}
        self.saving = False
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Lưu"))
        self.save_button.setObjectName("dialogSaveButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.errors[GENERAL] = ErrorLabel(GENERAL)
        # The fields scroll when the dialog would be taller than the screen; the message and
        # the buttons below them never do.
        self.body = QWidget(objectName="formBody")
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addLayout(self.form)
        self.fields_area = QScrollArea(objectName="formScroll")
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_area.setWidget(self.body)
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(self.fields_area, 1)

    def finish(self) -> None:
        """Call after the fields: the general message and the buttons go last."""
        self.outer.addWidget(self.errors[GENERAL])
        self.outer.addWidget(self.buttons)

    def _chrome(self) -> QSize:
        """What the dialog needs around its fields: margins, message, buttons, scroll bar."""
        margins = self.outer.contentsMargins()
        below = sum(
            w.sizeHint().height() + self.outer.spacing()
            for w in (self.errors[GENERAL], self.buttons)
            if not w.isHidden()
        )
        bar = self.fields_area.verticalScrollBar().sizeHint().width()
        return QSize(
            margins.left() + margins.right() + bar, margins.top() + margins.bottom() + below
        )

    def _screen_room(self) -> QSize:
        screen = self.screen()
        if screen is None:
            return QSize(*SMALL_SCREEN)
        room = screen.availableGeometry().size()
        return QSize(room.width() - 20, room.height() - 40)  # the window's frame and title

    def minimumSizeHint(self) -> QSize:
        """As wide as the fields need (they never scroll sideways); short enough to fit."""
        chrome = self._chrome()
        body = self.body.minimumSizeHint()
        height = min(body.height(), 200) + chrome.height()
        return QSize(body.width() + chrome.width(), height).expandedTo(self.buttons.sizeHint())

    def sizeHint(self) -> QSize:
        chrome = self._chrome()
        width = max(self.body.sizeHint().width() + chrome.width(), self.minimumWidth())
        body = (
            self.layout_.totalHeightForWidth(width - chrome.width())
            if self.layout_.hasHeightForWidth()
            else self.body.sizeHint().height()
        )
        room = self._screen_room()
        return QSize(min(width, room.width()), min(body + chrome.height(), room.height()))

    def showEvent(self, event: QShowEvent) -> None:
        bar = self.fields_area.verticalScrollBar()
        assert bar is not None
        width = self.body.minimumSizeHint().width() + bar.sizeHint().width()
        self.fields_area.setMinimumWidth(width)
        super().showEvent(event)

    def add_row(self, fields: str | Sequence[str], label: str, widget: QWidget) -> QWidget:
        """A labelled field with its error label under it (one label may serve several)."""
        names = [fields] if isinstance(fields, str) else list(fields)
        error = ErrorLabel(names[0])
        holder = QVBoxLayout()
        holder.setSpacing(1)
        holder.addWidget(widget)
        for line in companions(widget):
            holder.addWidget(line)
        holder.addWidget(error)
        self.form.addRow(label, holder)
        for name in names:
            self.errors[name] = error
            self.focus_of.setdefault(name, widget)
        return widget

    # ---- reading typed values ----------------------------------------------------------

    def read_date(
        self, edit: DateField, field: str, problems: list[Problem], *, required: bool = True
    ) -> date | None:
        edit.today = self.today
        try:
            value = edit.value()
        except DateTextError as exc:
            problems.append(Problem(field, f"{exc}."))
            return None
        if value is None and required:
            problems.append(Problem(field, "không được để trống."))
        return value

    @staticmethod
    def read_money(
        edit: MoneyField, field: str, problems: list[Problem], *, required: bool = False
    ) -> int | None:
        try:
            value = edit.amount()
        except MoneyTextError as exc:
            problems.append(Problem(field, f"{exc}."))
            return None
        if value is None and required:
            problems.append(Problem(field, "không được để trống."))
        return value

    @staticmethod
    def read_code(combo: CodeCombo, field: str, problems: list[Problem]) -> str | None:
        code = combo.code()
        if code == "?":
            problems.append(Problem(field, "chọn một giá trị trong danh sách."))
            return None
        return code

    # ---- checking and saving -------------------------------------------------------------

    # Each dialog defines these two:
    #   value() — what the dialog holds, as plain data for the save (read on the GUI thread);
    #   check() — every problem the form can see by itself, in the order of the fields.
    value: Callable[[], Any]
    check: Callable[[], list[Problem]]

    def show_problems(self, problems: list[Problem]) -> None:
        by_label: dict[int, list[str]] = {}
        for p in problems:
            label = self.errors.get(p.field, self.errors[GENERAL])
            by_label.setdefault(id(label), []).append(str(p))
        for label in set(self.errors.values()):
            label.show_message("\n".join(by_label.get(id(label), [])))
        first = next((self.focus_of[p.field] for p in problems if p.field in self.focus_of), None)
        if first is not None:
            first.setFocus()
            self.fields_area.ensureWidgetVisible(first)
        self.grow_to_fit()

    def grow_to_fit(self) -> None:
        """Taller when a message appears under a field, up to the screen; then the fields
        scroll (a long message was cut off before)."""
        self.outer.activate()
        wanted = self.sizeHint().height()
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def problem_texts(self) -> dict[str, str]:
        """The messages on show, by the first field of their label (for tests and support)."""
        return {
            label.objectName().removeprefix("error_"): label.text()
            for label in set(self.errors.values())
            if label.text() and not label.isHidden()
        }

    def try_accept(self) -> None:
        if self.saving:
            return
        problems = self.check()
        self.show_problems(problems)
        if problems:
            return
        if self.tasks is None or self.save is None:
            self.accept()
            return
        value, save = self.value(), self.save
        self.saving = True
        self.save_button.setEnabled(False)
        self.tasks.run_db(lambda: save(value), self._saved, self._failed)

    def _saved(self, _result: Any) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_problems(error.problems)
        else:
            errors.report(self, error, self.tr("Không lưu được"))
