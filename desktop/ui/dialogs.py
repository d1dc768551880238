"""Questions and messages to the officer. Functions, so tests can answer them without a human.

Buttons are labelled here in the interface language (Có/Không, Đồng ý, Đóng …), so they read
right even where Qt's own translation is missing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


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
        (Button.Save, QWidget.tr("Lưu")),
        (Button.Discard, QWidget.tr("Không lưu")),
        (Button.Cancel, QWidget.tr("Hủy")),
        (Button.Yes, QWidget.tr("Có")),
        (Button.No, QWidget.tr("Không")),
    ):
        if box.button(button):
            box.button(button).setText(label)
    return box


def message_box(
    icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str
) -> QMessageBox:
    """A message with one button in the interface language: Đồng ý, or Đóng for a warning."""
    box = QMessageBox(icon, title, text, Button.Ok, parent)
    warning = icon in (QMessageBox.Icon.Warning, QMessageBox.Icon.Critical)
    box.button(Button.Ok).setText(QWidget.tr("Đóng") if warning else QWidget.tr("Đồng ý"))
    return box
