"""Typing into real widgets the way Vietnamese keyboards (Unikey, EVKey) deliver text."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Commit `text` as an input method does; QTest.keyClicks cannot send Vietnamese letters."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    target.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(target, event)


def replace_text(widget: QWidget, text: str) -> None:
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    target.selectAll()
    type_text(widget, text)


class Answers:
    """Stands in for the officer at a question box: records questions, gives set answers."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.questions: list[tuple[str, str]] = []

    def __call__(self, parent, title, text, buttons, default):
        self.questions.append((title, text))
        return self.answers.pop(0)
