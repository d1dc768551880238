"""The officer's first hour on a 1366×768 PC, played through the real windows.

The first-run wizard with two villages; five children typed with Vietnamese names (through
input-method events, as Unikey delivers them), one of them twice; a circumstance and a support
of "1,5 triệu"; a correction; the duplicate merged; a protection case whose risk assessment is
recorded late; two training courses; the monthly report saved as a PDF. The PDF's figures are
read back with pdftotext, and every widget the officer used was on the screen when used.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget, QWizard

from desktop.domain.vntime import VIETNAM_TZ, format_moment
from desktop.ui import dialogs, file_dialogs, recovery_code
from desktop.ui.app import window_after_setup
from desktop.ui.case_detail import CaseDetail
from desktop.ui.cases_page import CaseDialog, StepDialog
from desktop.ui.history_dialogs import CircumstanceDialog, SupportDialog
from desktop.ui.merge_dialog import MergeDialog
from desktop.ui.training_page import CourseDialog
from desktop.ui.wizard import FirstRunWizard
from tests.gui_helpers import Answers, drive, replace_text, type_text, wait_idle

SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less the taskbar
CHILDREN = (  # name, sex, birth, village
    ("Giàng Thị Mỷ", "nu", "12/03/2016", "sin chai"),
    ("Vàng A Dính", "nam", "2014", "nam cang"),
    ("Lò Thị Hương", "nu", "05/2019", "sin chai"),
    ("Đặng Văn Quẩy", "nam", "7/9/12", "nam cang"),
    ("Giàng Thị Mỷ", "nu", "12/03/2016", "sin chai"),  # the first child, entered again
)


class Screen:
    """Every widget the officer uses must lie on the screen when it is used."""

    def __init__(self) -> None:
        self.off: list[str] = []

    def use(self, widget: QWidget) -> QWidget:
        top = widget.window()
        where = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        if not SCREEN.contains(where) or not SCREEN.contains(top.frameGeometry()):
            self.off.append(
                f"{type(widget).__name__}#{widget.objectName()} at {where.getRect()} "
                f"in {type(top).__name__} at {top.frameGeometry().getRect()}"
            )
        elif widget.visibleRegion().isEmpty():
            self.off.append(f"{type(widget).__name__}#{widget.objectName()} hidden (scrolled?)")
        return widget

    def click(self, qtbot, widget: QWidget) -> None:
        qtbot.mouseClick(self.use(widget), Qt.MouseButton.LeftButton)


def fit_to_screen(window: QWidget) -> None:
    """The window as big as the screen allows, its frame included (as maximised)."""
    frame = window.frameGeometry().size() - window.size()
    window.resize(SCREEN.size() - frame)
    window.move(0, 0)
    QApplication.processEvents()


def run_wizard(qtbot, db_path: Path, screen: Screen, monkeypatch) -> FirstRunWizard:
    wizard = FirstRunWizard(db_path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.move(0, 0)
    wizard.next()
    page = wizard.commune_page
    type_text(screen.use(page.province), "lao cai")
    type_text(screen.use(page.commune), "ban xeo")
    wizard.next()
    officer = wizard.officer_page
    for field, text in (
        (officer.full_name, "Lò Thị Hạnh"),
        (officer.username, "hanh"),
        (officer.password, "mat-khau-1"),
        (officer.again, "mat-khau-1"),
    ):
        type_text(screen.use(field), text)  # fmt: skip
    screen.click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))
    monkeypatch.setattr(recovery_code, "choose_file", lambda parent, suggested: "")
    screen.use(wizard.code_page.view.noted).setChecked(True)
    wizard.next()
    type_text(screen.use(wizard.villages_page.names), "Thôn Sín Chải\nBản Nậm Cang")
    screen.click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.result() == QDialog.DialogCode.Accepted
    return wizard


def add_child(qtbot, window, screen: Screen, name, sex, birth, village) -> None:
    page = window.children_page
    screen.click(qtbot, page.new_button)
    form = page.form
    type_text(screen.use(form.full_name), name)
    type_text(screen.use(form.sex), sex)
    type_text(screen.use(form.birth), birth)
    type_text(screen.use(form.village), village)
    count = window.register.child_count()
    screen.click(qtbot, form.save_button)
    qtbot.waitUntil(lambda: window.register.child_count() == count + 1)
    wait_idle(qtbot, window)
    screen.click(qtbot, form.cancel_button)  # back to the list
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 0)


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return re.sub(r"\s+", " ", done.stdout)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_first_hour(qtbot, tmp_path, monkeypatch, fresh_home, saved_notices):
    screen = Screen()
    db_path = tmp_path / "sotreem.db"
    wizard = run_wizard(qtbot, db_path, screen, monkeypatch)
    window = window_after_setup(wizard, db_path)
    register = window.register
    window.show()
    fit_to_screen(window)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    assert [v.name for v in register.villages()] == ["Bản Nậm Cang", "Thôn Sín Chải"]

    # Five children typed as an officer types them; the fifth is the first one again.
    answers = Answers(dialogs.Button.Yes)  # "Có thể bị trùng … Vẫn lưu?" — yes, by mistake
    monkeypatch.setattr(dialogs, "ask", answers)
    for child in CHILDREN:
        add_child(qtbot, window, screen, *child)
    assert register.child_count() == 5 and answers.questions[0][0] == "Có thể bị trùng"

    # The first child's circumstance and support of "1,5 triệu"; the circumstance's group
    # is entered wrongly (b), then corrected (d).
    page = window.children_page
    type_text(screen.use(page.search), "giang thi my")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.open_row(0)
    form = page.form
    qtbot.waitUntil(lambda: form.child_id is not None)
    wait_idle(qtbot, window)
    kept = form.child_id
    assert kept is not None
    drive(monkeypatch, qtbot, CircumstanceDialog,
          lambda d: replace_text(screen.use(d.group), "b"))  # fmt: skip
    screen.click(qtbot, form.add_circumstance_button)
    qtbot.waitUntil(lambda: form.circumstances.rowCount() == 1)

    def support(d: SupportDialog) -> None:
        type_text(screen.use(d.kind), "hoc bong")
        type_text(screen.use(d.amount), "1,5 triệu")
        assert d.amount.hint.text() == "= 1.500.000 đ"

    drive(monkeypatch, qtbot, SupportDialog, support)
    form.history.setCurrentIndex(1)
    screen.click(qtbot, form.add_support_button)
    qtbot.waitUntil(lambda: form.supports.rowCount() == 1)
    form.history.setCurrentIndex(0)
    drive(monkeypatch, qtbot, CircumstanceDialog,
          lambda d: replace_text(screen.use(d.group), "d"))  # fmt: skip
    form.circumstances.selectRow(0)
    screen.click(qtbot, form.history.circumstance_section.edit_button)
    qtbot.waitUntil(lambda: form.circumstances.item(0, 1).text().startswith("d –"))

    # The duplicate is merged into the record on screen.
    drive(monkeypatch, qtbot, MergeDialog, lambda d: screen.use(d.candidates))
    screen.click(qtbot, form.merge_button)
    qtbot.waitUntil(lambda: register.child_count() == 4)
    assert len(register.supports_of(kept)) == 1 and register.find("giang thi my")[0].id == kept
    screen.click(qtbot, form.cancel_button)

    # A protection case whose risk assessment comes after the 12 hours Nghị định 56 allows.
    received = datetime.now(UTC) - timedelta(hours=14)

    def report(d: CaseDialog) -> None:
        type_text(screen.use(d.child_search), "dang van quay")
        type_text(screen.use(d.source), "111")
        replace_text(screen.use(d.received), format_moment(received))

    window.show_page("cases")
    cases = window.cases_page
    drive(monkeypatch, qtbot, CaseDialog, report)
    screen.click(qtbot, cases.findChild(QWidget, "newCaseButton"))
    qtbot.waitUntil(lambda: cases.table.rowCount() == 1)
    detail: CaseDetail = cases.detail
    qtbot.waitUntil(lambda: detail.steps.table.rowCount() == 6)
    detail.steps.table.selectRow(1)  # Đánh giá nguy cơ ban đầu

    def late_step(d: StepDialog) -> None:
        assert d.step.currentData() == "risk_assessment"
        replace_text(screen.use(d.done_at), format_moment(datetime.now(UTC)))

    drive(monkeypatch, qtbot, StepDialog, late_step)
    screen.click(qtbot, detail.steps.edit_button)
    qtbot.waitUntil(lambda: "(QUÁ HẠN)" in detail.steps.table.item(1, 3).text())

    # Two courses: one by names, one by counts.
    window.show_page("training")
    training = window.training_page

    def by_names(d: CourseDialog) -> None:
        type_text(screen.use(d.topic), "phong chong bao luc")
        type_text(screen.use(d.title), "Tập huấn phòng chống xâm hại trẻ em")
        for name, sex in (("Giàng Thị Súa", "nu"), ("Vàng A Páo", "nam")):
            replace_text(screen.use(d.person_sex), sex)
            type_text(screen.use(d.person_name), name)
            qtbot.keyClick(d.person_name, Qt.Key.Key_Return)

    def by_counts(d: CourseDialog) -> None:
        type_text(screen.use(d.topic), "ky nang song")
        type_text(screen.use(d.title), "Kỹ năng phòng chống đuối nước")
        screen.use(d.by_count).setChecked(True)
        d.grid[("child", "F")].setValue(12)
        d.grid[("child", "M")].setValue(10)

    for fill in (by_names, by_counts):
        drive(monkeypatch, qtbot, CourseDialog, fill)
        screen.click(qtbot, training.new_button)
        wait_idle(qtbot, window)
    assert len(register.courses()) == 2

    # The monthly report of this month, saved as a PDF where the officer chooses.
    window.show_page("reports")
    reports = window.reports_page
    month = datetime.now(VIETNAM_TZ).strftime("%Y-%m")
    replace_text(screen.use(reports.period), month)
    reports.show_report()
    qtbot.waitUntil(lambda: reports.pdf_button.isEnabled())
    target = fresh_home / "Documents" / f"bao-cao-{month}.pdf"
    monkeypatch.setattr(file_dialogs, "ask_save_file", lambda *args, **kw: target)
    screen.click(qtbot, reports.pdf_button)
    qtbot.waitUntil(lambda: len(saved_notices) == 1, timeout=60_000)
    assert saved_notices[0].path == target

    text = pdf_text(target)
    assert "Tổng số trẻ em dưới 16 tuổi cuối kỳ: 4 (nam 2, nữ 2)" in text
    assert "Trẻ em có hoàn cảnh đặc biệt: 1" in text
    assert "d. Trẻ em khuyết tật 1 0 1 0 0 1 0 0 Cộng" in text  # the corrected group, not b
    assert "b. " not in text.split("Bảng 1.")[1].split("Bảng 2.")[0]
    assert "giới tính, độ tuổi Không có. Bảng 6. Trẻ em tử vong" in text  # no injury: no table
    assert "1 trường hợp hoàn cảnh mới bắt đầu" in text
    assert "được trợ giúp trong kỳ: 1 (100%)" in text
    assert "Tổng kinh phí trợ giúp: 1.500.000 đ" in text
    received_here = received.astimezone(VIETNAM_TZ).strftime("%Y-%m") == month
    assert f"tiếp nhận trong kỳ {int(received_here)}," in text
    assert "Tập huấn: 2 lớp, 24 lượt người tham gia (nam 11, nữ 13)" in text

    assert screen.off == []
    window.children_page.form._clean = None
    window.close()
    QApplication.processEvents()
