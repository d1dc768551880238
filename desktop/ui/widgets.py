"""Small shared widgets: diacritic-free type-ahead combo boxes and inline error labels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QWidget

from desktop.domain.names import fold

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole
KEYS_ROLE = Qt.ItemDataRole.UserRole + 2

Item = tuple[str, str, Sequence[str]]  # code, label, other names it may be typed as


def squash(text: str) -> str:
    """Folded letters and digits only: "H'Mông" and "hmong" become the same key."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


class FoldingCompleter(QCompleter):
    """Completes "mong" to "Mông" and "sin ch" to "Sín Chải": both sides are folded."""

    def __init__(self, model: QStandardItemModel, parent: QWidget | None = None):
        super().__init__(model, parent)
        self.setCompletionRole(FOLDED_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        popup = self.popup()
        assert popup is not None
        popup.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the open list picks the highlighted suggestion — the first one when none
        is highlighted yet — instead of leaving the half-typed text (runs before Qt's own
        handling of the popup, which then activates it)."""
        popup = self.popup()
        if (
            watched is popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not popup.currentIndex().isValid()
            and popup.model().rowCount()
        ):
            popup.setCurrentIndex(popup.model().index(0, 0))
        return super().eventFilter(watched, event)

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class CodeCombo(QComboBox):
    """An editable combo of (code, label) items with folded type-ahead; `code()` reads it back."""

    def __init__(self, items: Iterable[Item] = (), *, allow_empty: bool = True):
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # As wide as the form gives it, not as its longest item (1,000 villages, legal titles).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self._allow_empty = allow_empty
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        completer = FoldingCompleter(self._model, self)
        self.setCompleter(completer)
        # PySide6's stubs do not type a signal's overloads by index.
        completer.activated[QModelIndex].connect(self._completed)  # type: ignore[index]
        edit = self.lineEdit()
        assert edit is not None
        edit.editingFinished.connect(self._normalize)
        self.set_items(items)

    def set_items(self, items: Iterable[Item]) -> None:
        """Items as (code, label, other names it may be typed as, e.g. aliases)."""
        current = self.code()
        self._model.clear()
        if self._allow_empty:
            self._model.appendRow(self._item("", "", ()))
        for code, label, aliases in items:
            self._model.appendRow(self._item(code, label, aliases))
        self.set_code(current)

    @staticmethod
    def _item(code: str, label: str, aliases: Sequence[str]) -> QStandardItem:
        item = QStandardItem(label)
        item.setData(code, CODE_ROLE)
        names = [label, *aliases]
        item.setData(" | ".join([*names, *map(fold, names)]), FOLDED_ROLE)
        item.setData({squash(n) for n in names if n}, KEYS_ROLE)
        return item

    def _completed(self, index: QModelIndex) -> None:
        row = self.findText(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if row >= 0:
            self.setCurrentIndex(row)

    def _normalize(self) -> None:
        """Show what was understood: "hmong" becomes "Mông" when the field is left."""
        code = self.code()
        if code not in (None, "?"):
            self.set_code(code)

    def code(self) -> str | None:
        """The chosen code; None when empty; "?" when the text matches no item."""
        text = self.currentText().strip()
        if not text:
            return None
        row = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if row < 0:
            key = squash(text)
            row = next(
                (r for r in range(self.count()) if key in (self.itemData(r, KEYS_ROLE) or ())),
                -1,
            )
        if row < 0 and len(key) >= 3:
            # "sin chai" for "Thôn Sín Chải": the one item whose name holds what was typed.
            holding = [
                r for r in range(self.count())
                if any(key in name for name in self.itemData(r, KEYS_ROLE) or ())
            ]  # fmt: skip
            row = holding[0] if len(holding) == 1 else -1
        if row < 0:
            return "?"
        return self.itemData(row, CODE_ROLE) or None

    def set_code(self, code: str | None) -> None:
        row = self.findData(code or "", CODE_ROLE) if code else (0 if self._allow_empty else -1)
        self.setCurrentIndex(row)
        if row < 0:
            self.setEditText("")


class ErrorLabel(QLabel):
    """A red message under a field; hidden while there is nothing to say."""

    def __init__(self, field: str):
        super().__init__()
        self.setObjectName(f"error_{field}")
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))
