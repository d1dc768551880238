"""“Đã lưu tệp”: after the application writes a file, where it went, with Mở tệp / Mở thư mục.

One notice for every file the application writes (reports, exports, the problem list of an
import, backups, USB bundles, the recovery code), so the officer never has to guess where a
file went. `show_saved` is a module function so tests answer it the way they answer
`desktop.ui.dialogs` (tests/conftest.py fails on a notice nobody expected).
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.fit import grow_to_fit
from desktop.ui.widgets import ErrorLabel


class PathText(QTextEdit):
    """A full path, wrapped anywhere (paths have no spaces to wrap at) and copyable as typed."""

    WIDTH = 520  # the width it asks for; it wraps when the notice is narrower

    def __init__(self, path: str):
        super().__init__(objectName="savedPath")
        self.setReadOnly(True)
        self.setPlainText(path)
        self.document().setDocumentMargin(0)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(300)
        self._fit(self.WIDTH)

    def sizeHint(self) -> QSize:
        return QSize(self.WIDTH, self.height())

    def _fit(self, width: int) -> None:
        """As tall as the wrapped path at this width: never cut off, never a scroll bar."""
        document = self.document()
        document.setTextWidth(max(1, width - 2 * self.frameWidth()))
        height = math.ceil(document.size().height()) + 2 * self.frameWidth()
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit(self.width())


class SavedNotice(QDialog):
    """Where the file was written (its full path), Mở tệp, Mở thư mục, Đóng.

    `folder_only` leaves out Mở tệp, for files no program opens (a backup, a USB bundle).
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        path: Path,
        *,
        folder_only: bool = False,
        detail: str = "",
    ):
        super().__init__(parent)
        self.setObjectName("savedNotice")
        self.setWindowTitle(title)
        self.path = Path(path)
        self.folder = self.path.parent
        heading = QLabel(self.tr("Đã lưu tệp:"), objectName="savedHeading")
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        self.path_text = PathText(str(self.path))
        self.detail = QLabel(detail, objectName="savedDetail")
        self.detail.setWordWrap(True)
        self.detail.setVisible(bool(detail))
        self.problem = ErrorLabel("savedNotice")
        buttons = QDialogButtonBox()
        self.open_file_button = QPushButton(self.tr("Mở tệp"), objectName="openSavedFile")
        self.open_folder_button = QPushButton(self.tr("Mở thư mục"), objectName="openSavedFolder")
        self.close_button = QPushButton(self.tr("Đóng"), objectName="closeSavedNotice")
        if not folder_only:
            buttons.addButton(self.open_file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_file_button.clicked.connect(lambda: self._open(self.path))
        self.open_folder_button.clicked.connect(lambda: self._open(self.folder))
        buttons.rejected.connect(self.reject)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        icon = QLabel(objectName="savedIcon")
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        for widget in (heading, self.path_text, self.detail, self.problem):
            text.addWidget(widget)
        text.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addSpacing(6)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        grow_to_fit(self)  # tall enough for the wrapped path and note at this width

    def resizeEvent(self, event) -> None:
        """Narrower, the path and the note wrap onto more lines: grow once they have."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self, lambda: grow_to_fit(self))

    def _open(self, target: Path) -> None:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.accept()
        else:
            self.problem.show_message(
                self.tr(
                    "Không mở được “{path}” trên máy này; hãy mở bằng Windows Explorer."
                ).format(path=target)
            )
            grow_to_fit(self)


def show_saved(
    parent: QWidget | None, title: str, path: Path, *, folder_only: bool = False, detail: str = ""
) -> None:
    """Tell the officer the file is written and where; waits until the notice is closed."""
    notice = SavedNotice(parent, title, path, folder_only=folder_only, detail=detail)
    notice.exec()
    notice.deleteLater()
