"""Questions to the officer. One function, so tests can answer them without a human."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def ask(parent: QWidget | None, title: str, text: str, buttons: Button, default: Button) -> Button:
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
    return Button(box.exec())


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)
