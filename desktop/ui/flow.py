"""A row of widgets that wraps onto the next line when the window is narrow.

Toolbars of filters and buttons were single rows whose width alone pushed the window past a
1366-pixel screen (wider still in English, or at 125 % scaling). In a `FlowRow` they keep one
line where there is room and wrap where there is not; a stretch keeps the buttons that follow
it on the right while they fit.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QSpacerItem,
    QWidget,
    QWidgetItem,
)


class FlowRow(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6, line_spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.line_spacing = line_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # ---- what QLayout asks ----------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def addStretch(self) -> None:
        """Space that pushes what follows to the right end of its line."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """One line of everything: what the row would like."""
        widths = [i.sizeHint().width() for i in self._visible()]
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        gaps = self.spacing() * max(0, len(widths) - 1)
        m = self.contentsMargins()
        return QSize(sum(widths) + gaps + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as its widest item: everything else wraps."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # ---- placing --------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not ((w := i.widget()) is not None and w.isHidden())]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            wanted = 0 if isinstance(item, QSpacerItem) else item.sizeHint().width()
            gap = self.spacing() if lines[-1] else 0
            if lines[-1] and used + gap + wanted > width:
                lines.append([])
                used, gap = 0, 0
            lines[-1].append(item)
            used += gap + wanted
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        for line in self._lines(area.width()):
            height = max(i.sizeHint().height() for i in line)
            widths = [
                0 if isinstance(i, QSpacerItem) else min(i.sizeHint().width(), area.width())
                for i in line
            ]
            spare = area.width() - sum(widths) - self.spacing() * (len(line) - 1)
            growing = [n for n, i in enumerate(line) if _grows(i)]
            for n in growing:  # stretches and search boxes share what is left of the line
                widths[n] += max(0, spare // len(growing))
            x = area.x()
            for item, width in zip(line, widths, strict=True):
                if move and not isinstance(item, QSpacerItem):
                    hint = item.sizeHint().height()
                    item.setGeometry(QRect(QPoint(x, y + (height - hint) // 2), QSize(width, hint)))
                x += width + self.spacing()
            y += height + self.line_spacing
        return y - area.y() - (self.line_spacing if y > area.y() else 0) + m.top() + m.bottom()


def _grows(item: QLayoutItem) -> bool:
    return bool(item.expandingDirections() & Qt.Orientation.Horizontal)
