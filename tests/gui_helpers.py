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


def answer_login(username: str, password: str) -> None:
    """Log in at the login dialog once it shows (its `exec()` holds the test until then)."""
    from PySide6.QtCore import QTimer

    from desktop.ui.login import LoginDialog

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(10, act)
            return
        dialog.gate.user.select(username)
        type_text(dialog.gate.password, password)
        dialog.gate.button.click()

    QTimer.singleShot(0, act)


def wait_idle(qtbot, window) -> None:
    """Until the window's database jobs are done and its refresh has run."""
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and not window._refresh_timer.isActive())


def drive(monkeypatch, qtbot, dialog_class, fill):
    """Replace `dialog_class.exec`: show the dialog, let `fill` type into it, press Save and
    wait for the save to finish. Returns the dialogs driven, for their messages."""
    from PySide6.QtCore import Qt

    driven = []

    def exec_(dialog):
        driven.append(dialog)
        dialog.show()
        fill(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.saving)
        result = dialog.result()
        dialog.hide()
        return result

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return driven
