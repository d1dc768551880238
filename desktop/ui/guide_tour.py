"""The officer's guide's pictures: a scripted tour of the real window (1366×768, offscreen) that
opens each step a task needs — a dialog open, a form filled — and saves it as a PNG.

`python -m desktop.ui.guide_tour DEMO.db DIR` (run by `make guide`, after `sotreem demo`).
A dialog is painted over the window where Qt centres it, as the officer sees it; each picture
is cut to the part the step is about, at most `MAX_WIDTH` pixels wide, so that printed across
the guide's page the interface's text stays readable (no smaller than 0.7 of the screen's).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QInputMethodEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget

from desktop.db import vault
from desktop.ui.main_window import MainWindow
from desktop.ui.screenshots import _settle, _vietnam_clock

SCREEN = (1366, 768)
MAX_WIDTH = 840  # pixels of a picture: 160 mm of a guide page, the screen's text at 0.7 or more
MARGIN = 24


def type_text(widget: QWidget, text: str) -> None:
    """Type as Unikey/EVKey deliver Vietnamese: one committed input-method string."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    if target is None:
        return
    target.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(target, event)


class Tour:
    def __init__(self, window: MainWindow, out: Path):
        self.window, self.out = window, out
        self.saved: list[Path] = []

    def save(self, name: str, picture: QPixmap, area: QRect | None = None) -> None:
        area = (area or picture.rect()).intersected(picture.rect())
        if area.width() > MAX_WIDTH:
            area.setWidth(MAX_WIDTH)
        path = self.out / f"{name}.png"
        picture.copy(area).save(str(path))
        self.saved.append(path)

    def page(self, name: str, key: str, area: QRect | None = None,
             before: Callable[[], None] | None = None) -> None:  # fmt: skip
        """A page of the window, cut to `area` (window coordinates)."""
        self.window.show_page(key)
        _settle(self.window)
        if before:
            before()
            _settle(self.window)
        self.save(name, self.window.grab(), area or QRect(0, 0, MAX_WIDTH, SCREEN[1]))

    def dialog(self, name: str, dialog: QDialog, fill: Callable[[Any], None] | None = None,
               context: int = MARGIN) -> None:  # fmt: skip
        """`dialog` over the window, centred as Qt places it, cut around the dialog."""
        dialog.show()
        QApplication.processEvents()
        if fill:
            fill(dialog)
        _settle(self.window)
        shot = dialog.grab()
        screen = self.window.grab()
        at = QPoint((screen.width() - shot.width()) // 2, (screen.height() - shot.height()) // 2)
        painter = QPainter(screen)
        painter.drawPixmap(at, shot)
        painter.end()
        area = QRect(at, shot.size()).adjusted(-context, -context, context, context)
        self.save(name, screen, area)
        dialog.hide()
        dialog.deleteLater()

    def alone(self, name: str, widget: QWidget,
              fill: Callable[[Any], None] | None = None) -> None:  # fmt: skip
        """A window shown before the main window (the set-up wizard, the login)."""
        widget.show()
        QApplication.processEvents()
        if fill:
            fill(widget)
            QApplication.processEvents()
        self.save(name, widget.grab())
        widget.close()


def first_start(tour: Tour) -> None:
    from desktop.ui.wizard import FirstRunWizard

    with tempfile.TemporaryDirectory() as tmp:
        wizard = FirstRunWizard(Path(tmp) / "moi.db")
        wizard.resize(760, 560)
        wizard.show()
        QApplication.processEvents()
        wizard.use_page.commune.setChecked(True)
        tour.save("01-thiet-lap", wizard.grab())
        wizard.next()
        QApplication.processEvents()
        page = wizard.commune_page
        type_text(page.province, "lao cai")
        QApplication.processEvents()
        type_text(page.commune, "ban xeo")
        QApplication.processEvents()
        tour.save("01-thiet-lap-xa", wizard.grab())
        wizard.close()


def login(tour: Tour, db_path: Path) -> None:
    from desktop.ui.login import LoginDialog, RecoveryDialog

    accounts = vault.accounts(db_path)
    dialog = LoginDialog(db_path, accounts, None)
    tour.alone("02-dang-nhap", dialog, lambda d: type_text(d.gate.password, "••••••••"))
    recovery = RecoveryDialog(db_path, accounts)
    tour.alone("12-quen-mat-khau", recovery,
               lambda d: type_text(d.code, "ABCDE-FGHIK-LMNOP-QRSTU-VWXYZ"))  # fmt: skip


def children(tour: Tour) -> None:
    w = tour.window
    page = w.children_page
    tour.page("03-tim-tre", "children", QRect(0, 0, MAX_WIDTH, 520),
              lambda: type_text(page.search, "vang a"))  # fmt: skip
    page.search.clear()
    _settle(w)
    if page.model.rowCount():
        page.open_row(0)
        _settle(w)
        tour.save("04-ho-so-tre", w.grab(), QRect(0, 0, MAX_WIDTH, SCREEN[1]))
        from desktop.ui.record_section import RemoveDialog

        dialog = RemoveDialog(w, "Xóa trợ giúp", "Xóa lượt trợ giúp ngày 05/10/2026 "
                              "(Trợ cấp xã hội hằng tháng, 540.000 đ)?")  # fmt: skip
        tour.dialog("05-xoa-co-ly-do", dialog,
                    lambda d: d.reason.setCurrentIndex(min(1, d.reason.count() - 1)))  # fmt: skip
        page.form._clean = None
        page.show_list()
        _settle(w)


def case(tour: Tour) -> None:
    w = tour.window
    cases = w.cases_page
    if cases is None:
        return

    def select_first() -> None:
        table = cases.table
        if table.rowCount():
            table.selectRow(0)

    tour.page("06-vu-viec", "cases", QRect(0, 0, MAX_WIDTH, SCREEN[1]), select_first)
    from desktop.ui.cases_page import CaseDialog

    dialog = CaseDialog(w, w.register, tasks=w.tasks)
    tour.dialog("06-tiep-nhan-vu-viec", dialog,
                lambda d: type_text(d.child_search, "vang"))  # fmt: skip


def course(tour: Tour) -> None:
    w = tour.window
    tour.page("07-tap-huan", "training")
    from desktop.ui.training_page import CourseDialog

    def fill(d: Any) -> None:
        type_text(d.title, "Tập huấn kỹ năng phòng chống xâm hại trẻ em")
        type_text(d.place, "Hội trường UBND xã")
        type_text(d.trainer, "Sở Y tế tỉnh")
        type_text(d.cost, "5 triệu")

    tour.dialog("07-ghi-lop-tap-huan", CourseDialog(w, tasks=w.tasks), fill)


def report(tour: Tour) -> None:
    w = tour.window
    tour.page("08-bao-cao", "reports", QRect(150, 0, MAX_WIDTH, 600),
              lambda: w.reports_page.show_report())  # fmt: skip
    settings = w.settings_page

    def signer() -> None:
        settings.tabs.setCurrentIndex(0)
        if settings.signer is not None:
            type_text(settings.signer.name, "Lò Văn Pá")

    tour.page("08-nguoi-ky", "settings", QRect(0, 0, MAX_WIDTH, SCREEN[1]), signer)


def sync_and_backup(tour: Tour) -> None:
    w = tour.window
    tour.page("09-dong-bo-usb", "sync", QRect(0, 0, MAX_WIDTH, SCREEN[1]))
    tour.page("10-sao-luu", "settings", QRect(0, 0, MAX_WIDTH, 480),
              lambda: w.settings_page.show_tab(w.settings_page.backup))  # fmt: skip


def injuries(tour: Tour) -> None:
    # the right-hand part: the filters, the list and the "Ghi tai nạn, thương tích…" button
    tour.page("13-tai-nan", "injuries", QRect(SCREEN[0] - MAX_WIDTH, 0, MAX_WIDTH, 420))


def take(db_path: Path, out: Path) -> list[Path]:
    """Every picture of the officer's guide, from the demo register at `db_path`."""
    out.mkdir(parents=True, exist_ok=True)
    _vietnam_clock()
    officer = next(a for a in vault.accounts(db_path) if a.role == "officer")
    register = vault.login(db_path, officer.username, os.environ["SOTREEM_PASSWORD"])
    window = MainWindow(register, role="officer", username=officer.full_name)
    window.resize(*SCREEN)
    tour = Tour(window, out)
    first_start(tour)
    login(tour, db_path)
    window.show()
    _settle(window)
    for step in (children, case, course, report, sync_and_backup, injuries):
        step(tour)
    window.close()
    register.close()
    return tour.saved


def main(argv: list[str]) -> int:
    from desktop.ui.app import application, install_language

    install_language(application(), "vi")  # the officer's guide is in Vietnamese
    for path in take(Path(argv[1]), Path(argv[2])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
