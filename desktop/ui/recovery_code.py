"""Show the recovery code once, with what to do with it (print, write down, keep in the safe)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import file_dialogs, saved_notice


def choose_file(parent: QWidget | None, suggested: str) -> str:
    """Where to save the code (a USB stick to print from); tests replace this."""
    title = QCoreApplication.translate("QWidget", "Lưu mã khôi phục")
    kinds = QCoreApplication.translate("QWidget", "Văn bản (*.txt)")
    path = file_dialogs.ask_save_file(parent, title, suggested, kinds, "recovery")
    return str(path) if path else ""


def code_text(code: str, commune: str) -> str:
    return (
        f"SỔ TRẺ EM — MÃ KHÔI PHỤC\n{commune}\nNgày {date.today():%d/%m/%Y}\n\n    {code}\n\n"
        "Dùng khi cán bộ phụ trách quên mật khẩu: màn hình đăng nhập → “Quên mật khẩu cán bộ?”.\n"
        "Ai có mã này và máy tính thì mở được dữ liệu trẻ em: cất trong tủ khóa của cơ quan "
        "hoặc gửi cấp trên giữ; không để cùng máy tính.\n"
    )


class RecoveryCodeView(QWidget):
    """The code in large type, the instruction, "save to a file", and "I have kept it"."""

    def __init__(self, code: str, commune: str = ""):
        super().__init__()
        self.code, self.commune = code, commune
        self.saved_to: Path | None = None
        intro = QLabel(
            self.tr(
                "Dữ liệu trẻ em được mã hóa. Nếu quên mật khẩu cán bộ, chỉ mã khôi phục dưới đây "
                "mở lại được dữ liệu. Mã chỉ hiện MỘT LẦN: hãy in hoặc chép ra giấy, cất trong tủ "
                "khóa của cơ quan hoặc gửi cấp trên giữ — không dán lên máy tính."
            ),
            wordWrap=True,
        )
        self.label = QLabel(code, objectName="recoveryCode")
        font = QFont("monospace")
        font.setPointSize(16)
        font.setBold(True)
        self.label.setFont(font)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save = QPushButton(self.tr("Lưu mã ra tệp để in…"), objectName="saveRecoveryCode")
        self.save.clicked.connect(self.save_to_file)
        self.status = QLabel(objectName="recoverySaved")
        self.noted = QCheckBox(
            self.tr("Tôi đã in hoặc chép mã khôi phục và cất ở nơi an toàn"),
            objectName="recoveryNoted",
        )
        layout = QVBoxLayout(self)
        for widget in (intro, self.label, self.save, self.status, self.noted):
            layout.addWidget(widget)

    def save_to_file(self) -> None:
        name = choose_file(self, "ma-khoi-phuc-so-tre-em.txt")
        if not name:
            return
        try:
            Path(name).write_text(code_text(self.code, self.commune), encoding="utf-8")
        except OSError as exc:
            self.status.setText(self.tr("Không ghi được tệp: {e}").format(e=exc.strerror or exc))
            return
        self.saved_to = Path(name)
        self.status.setText(self.tr("Đã lưu vào {f}. In ra rồi xóa tệp khỏi máy.").format(f=name))
        saved_notice.show_saved(
            self, self.tr("Lưu mã khôi phục"), self.saved_to,
            detail=self.tr("Mở tệp để in, rồi xóa tệp khỏi máy (và khỏi USB)."),
        )  # fmt: skip


class RecoveryCodeDialog(QDialog):
    """For an older register encrypted at login: the same view, as a dialog."""

    def __init__(self, code: str, commune: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(self.tr("Mã khôi phục"))
        self.view = RecoveryCodeView(code, commune)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.view.noted.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)

    def reject(self) -> None:  # the code must not be dismissed unseen with Esc
        if self.view.noted.isChecked():
            super().reject()


def show_recovery_code(box: RecoveryCodeDialog) -> None:
    """Modal; tests replace it to read the code."""
    box.exec()
