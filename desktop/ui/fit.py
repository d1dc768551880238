"""Keeping every page and dialog on a 1366×768 screen (with a taskbar, at 100 % or 125 %).

A page sits in a scroll area, so a tall page (the child form, Settings) scrolls instead of
pushing the window's bottom off the screen. (Dialogs do the same with their fields: see
`FormDialog`.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# The smallest desk the application is drawn for: 1366×768 with a 40 px taskbar at 125 %
# display scaling is 1092×582 logical pixels; at 100 % it is 1366×728.
SMALL_SCREEN = (1092, 582)


class PageFrame(QScrollArea):
    """One page of the main window, scrolled when the window is smaller than the page."""

    def __init__(self, page: QWidget):
        super().__init__(objectName=f"{page.objectName() or 'page'}Frame")
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def page(self) -> QWidget:
        widget = self.widget()
        assert widget is not None
        return widget


def grow_to_fit(window: QWidget) -> None:
    """Make a dialog tall enough for its (word-wrapped) content, never taller than the screen.

    Qt sets a dialog's minimum from its layout but does not ask wrapped labels how tall they
    are at the dialog's width, so a long message was cut off. (`FormDialog` scrolls its fields
    instead; this serves the small dialogs without fields.)
    """
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = window.width()
    needed = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    screen = window.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height() - 40)
    if needed > window.height():
        window.resize(width, needed)
