"""Questions and messages to the officer. Functions, so tests can answer them without a human.

Buttons are labelled here in the interface language (Có/Không, Đồng ý, Đóng …), so they read
right even where Qt's own translation is missing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def _tr(text: str) -> str:
    return QCoreApplication.translate("QWidget", text)


def ask(parent: QWidget | None, title: str, text: str, buttons: Button, default: Button) -> Button:
    return Button(_answer(question_box(parent, title, text, buttons, default)))


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _answer(message_box(QMessageBox.Icon.Information, parent, title, text))


def error(parent: QWidget | None, title: str, text: str) -> None:
    _answer(message_box(QMessageBox.Icon.Warning, parent, title, text))


def _answer(box: QMessageBox) -> int:
    answer = box.exec()
    box.deleteLater()  # not kept as a child of the page it was asked over
    return answer


def question_box(
    parent: QWidget | None, title: str, text: str, buttons: Button, default: Button
) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.setDefaultButton(default)
    for button, label in (
        (Button.Save, _tr("Lưu")),
        (Button.Discard, _tr("Không lưu")),
        (Button.Cancel, _tr("Hủy")),
        (Button.Yes, _tr("Có")),
        (Button.No, _tr("Không")),
    ):
        if (shown := box.button(button)) is not None:
            shown.setText(label)
    return box


def message_box(
    icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str
) -> QMessageBox:
    """A message with one button in the interface language: Đồng ý, or Đóng for a warning."""
    box = QMessageBox(icon, title, text, Button.Ok, parent)
    warning = icon in (QMessageBox.Icon.Warning, QMessageBox.Icon.Critical)
    ok = box.button(Button.Ok)
    assert ok is not None
    close, agree = _tr("Đóng"), _tr("Đồng ý")
    ok.setText(close if warning else agree)
    return box
