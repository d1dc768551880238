"""The one money field and the one date field that every form and dialog uses.

Both are plain line edits, so select-all-and-type, Unikey input and Tab behave as in any text
box (a sectioned QDateEdit turned "15/03/2022" typed over a selection into 01/03/2022). Both
read through the domain's parsers and show what they understood under the field before the
officer saves: "= 1.500.000 đ" for "1,5 triệu", "15/03/2022" for "15/3/22".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QIcon,
    QKeyEvent,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QCalendarWidget, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from desktop.domain.dates import DateTextError, PartialDate, Precision, parse_partial_date
from desktop.domain.money import MoneyTextError, format_vnd, parse_vnd
from desktop.domain.vntime import format_moment, parse_moment


class HintLabel(QLabel):
    """A grey line under a field saying how its text was read; hidden while empty."""

    def __init__(self, name: str):
        super().__init__(objectName=name)
        self.setStyleSheet("color: #555;")
        self.setWordWrap(True)
        self.hide()

    def show_hint(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class _SelectingEdit(QLineEdit):
    """Selects its whole text when reached by Tab or click, so typing replaces it."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.MouseFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
        ):
            QTimer.singleShot(0, self.selectAll)  # after the click has placed the cursor


class MoneyField(_SelectingEdit):
    """Đồng, typed as officers write them: 540.000, 540 000, 1,5 triệu, 500k …"""

    def __init__(self, amount: int | None = None, *, name: str = "", placeholder: str = ""):
        super().__init__(objectName=name)
        self.setPlaceholderText(placeholder or self.tr("ví dụ 1.500.000 hoặc 1,5 triệu"))
        self.hint = HintLabel(f"{name}Hint" if name else "")
        self.textChanged.connect(self._echo)
        self.set_amount(amount)

    def set_amount(self, amount: int | None) -> None:
        self.setText("" if amount is None else format_vnd(amount).removesuffix(" đ"))

    def amount(self) -> int | None:
        """The amount in đồng, None when empty; raises MoneyTextError for anything else."""
        return parse_vnd(self.text())

    def problem(self) -> str | None:
        try:
            self.amount()
        except MoneyTextError as exc:
            return f"{exc}."
        return None

    def _echo(self) -> None:
        try:
            amount = self.amount()
        except MoneyTextError:
            self.hint.show_hint("")
            return
        plain = self.text().strip().replace(" ", "").removesuffix("đ")
        shown = format_vnd(amount) if amount is not None else ""
        # Only say it when it adds something: "1,5 triệu" → "= 1.500.000 đ".
        self.hint.show_hint("" if not shown or plain == shown.removesuffix(" đ") else f"= {shown}")


def _calendar_icon() -> QIcon:
    """A small drawn calendar, so no icon theme or image file is needed."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#444"), 1))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(2, 3, 12, 3, QColor("#c0392b"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, QColor("#444"))
    painter.end()
    return QIcon(pixmap)


class DateField(_SelectingEdit):
    """A date typed dd/mm/yyyy or d/m/yy (Enter or Tab accepts it), or picked on a calendar.

    `partial=True` also takes mm/yyyy and yyyy, as a birth date known only by its year.
    """

    def __init__(
        self,
        value: date | PartialDate | None = None,
        *,
        name: str = "",
        partial: bool = False,
        today: date | None = None,
    ):
        super().__init__(objectName=name)
        self.partial = partial
        self.today = today
        self.setPlaceholderText(
            self.tr("dd/mm/yyyy, mm/yyyy hoặc chỉ năm") if partial else self.tr("dd/mm/yyyy")
        )
        self.hint = HintLabel(f"{name}Hint" if name else "")
        self.calendar_action = QAction(_calendar_icon(), self.tr("Chọn trên lịch"), self)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self.tidy)
        self.set_value(value)

    def set_value(self, value: date | PartialDate | None) -> None:
        if value is None:
            self.setText("")
        elif isinstance(value, PartialDate):
            self.setText(value.display())
        else:
            self.setText(value.strftime("%d/%m/%Y"))

    def partial_value(self) -> PartialDate | None:
        """What was typed, None when empty; raises DateTextError with a Vietnamese message."""
        text = self.text().strip()
        if not text:
            return None
        value = parse_partial_date(text, today=self.today or date.today())
        if not self.partial and value.precision is not Precision.DAY:
            raise DateTextError(f"“{text}” thiếu ngày hoặc tháng (nhập dd/mm/yyyy)")
        return value

    def value(self) -> date | None:
        """The full date typed (a field with `partial=False`)."""
        value = self.partial_value()
        if value is None:
            return None
        assert value.month is not None and value.day is not None
        return date(value.year, value.month, value.day)

    def problem(self) -> str | None:
        try:
            self.partial_value()
        except DateTextError as exc:
            return f"{exc}."
        return None

    def tidy(self) -> None:
        """Show an accepted date the way it will be saved: "15/3/22" → "15/03/2022"."""
        try:
            value = self.partial_value()
        except DateTextError:
            return
        if value is not None and value.display() != self.text():
            self.setText(value.display())

    # ---- the calendar for the mouse -----------------------------------------------------

    def show_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self, objectName="datePopup")
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        try:
            current = self.value() if not self.partial else None
        except DateTextError:
            current = None
        self.calendar.setSelectedDate(QDate(current or self.today or date.today()))
        size: QSize = self.calendar.sizeHint()
        self.calendar.resize(size)
        below = self.mapToGlobal(QPoint(0, self.height()))
        self.calendar.move(below)
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, picked) -> None:
        self.set_value(picked.toPython())
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus()


class MomentField(_SelectingEdit):
    """A moment typed in Vietnam time ("14:30 05/06/2026", "8h15 5/6/26", "14:30" today),
    whatever the PC's time zone; shown back the same way."""

    def __init__(self, value: datetime | None = None, *, name: str = ""):
        super().__init__(objectName=name)
        self.setPlaceholderText(self.tr("giờ:phút ngày/tháng/năm, ví dụ 14:30 05/06/2026"))
        self.hint = HintLabel(f"{name}Hint" if name else "")
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.editingFinished.connect(self.tidy)
        self.textChanged.connect(self._echo)
        self.set_value(value)

    def set_value(self, value: datetime | None) -> None:
        self.setText(format_moment(value))

    def value(self) -> datetime | None:
        """An aware datetime; None when empty; raises DateTextError otherwise."""
        text = self.text().strip()
        return parse_moment(text, now=self.now()) if text else None

    def problem(self) -> str | None:
        try:
            self.value()
        except DateTextError as exc:
            return f"{exc}."
        return None

    def tidy(self) -> None:
        try:
            value = self.value()
        except DateTextError:
            return
        if value is not None and format_moment(value) != self.text():
            self.setText(format_moment(value))

    def _echo(self) -> None:
        try:
            value = self.value()
        except DateTextError:
            value = None
        self.hint.show_hint(self.tr("giờ Việt Nam (UTC+7)") if value is not None else "")


class CountField(QSpinBox):
    """A whole number of people; selects its content on focus so typing replaces the 0."""

    def __init__(self, name: str = "", *, maximum: int = 100_000):
        super().__init__(objectName=name)
        self.setRange(0, maximum)
        self.setGroupSeparatorShown(True)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)


def companions(widget: QWidget) -> list[QWidget]:
    """The lines a field shows under itself (its reading of the text), for form layouts."""
    hint = getattr(widget, "hint", None)
    return [hint] if isinstance(hint, HintLabel) else []


class _EnterAdds(QObject):
    def __init__(self, parent: QObject, add: Callable[[], None]):
        super().__init__(parent)
        self.add = add

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add()
            return True  # never reaches the dialog's default button
        return False


def enter_adds(fields: Iterable[QWidget], add: Callable[[], None]) -> None:
    """Enter in any field of a list-building row adds the row; it never saves the dialog
    around it (and never drops a half-typed entry). A suggestion list open under a combo
    still takes Enter first, picking the highlighted suggestion."""
    fields = list(fields)
    handler = _EnterAdds(fields[0], add)
    for field in fields:
        edit = field.lineEdit() if isinstance(field, QComboBox) else None
        target: QWidget = edit if edit is not None else field
        target.installEventFilter(handler)
        if target is not field:
            field.installEventFilter(handler)
