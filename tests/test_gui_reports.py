"""The Reports page: preview, files written off the GUI thread, progress and cancel."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop.demo import fill_demo
from desktop.ui.reports_page import ReportsPage
from desktop.ui.taskman import TaskManager
from tests.conftest import TODAY


@pytest.fixture
def page(qtbot, register):
    fill_demo(register, 300, seed=4, today=TODAY)
    tasks = TaskManager()
    widget = ReportsPage(register, tasks)
    qtbot.addWidget(widget)
    yield widget
    tasks.shutdown()


def test_preview_shows_the_tally_and_the_next_deadline(qtbot, page):
    assert page.due.text().startswith("Sắp đến hạn: ")
    assert "Báo cáo năm kỳ" in page.due.text()
    page.kind.setCurrentIndex(page.kind.findData("annual"))
    page.period.setText("2026")
    page.show_report()
    qtbot.waitUntil(lambda: page.figures is not None)
    text = page.preview.toPlainText()
    assert "Xã Bản Xèo — năm 2026" in text
    assert f"Trẻ em dưới 16 tuổi: {page.figures['children_under_16']['total']}" in text
    assert "Số trẻ em có hoàn cảnh đặc biệt" in text
    assert page.pdf_button.isEnabled()


def test_wrong_period_is_explained(qtbot, page):
    page.kind.setCurrentIndex(page.kind.findData("monthly"))
    page.period.setText("2026-H1")
    page.show_report()
    assert page.preview.toPlainText() == (
        "Kỳ báo cáo: báo cáo tháng cần kỳ kiểu 2026-10, không phải “2026-H1”."
    )


def test_pdf_and_register_export_run_as_jobs(qtbot, page, tmp_path, saved_notices):
    page.kind.setCurrentIndex(page.kind.findData("monthly"))
    page.period.setText("2026-10")
    with qtbot.waitSignal(page.saved, timeout=20000) as saved:
        page.save_report(tmp_path / "thang-10.pdf", "pdf")
    assert saved.args == [str(tmp_path / "thang-10.pdf")]
    text = subprocess.run(["pdftotext", str(tmp_path / "thang-10.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "tháng 10 năm 2026" in text and page.open_button.isEnabled()
    with qtbot.waitSignal(page.saved, timeout=20000):
        page.export_register(tmp_path / "so.xlsx")
    assert load_workbook(tmp_path / "so.xlsx")["Trẻ em"].max_row == 4 + 300
    assert page.progress is None and page.job is None
    assert [(n.title, n.path) for n in saved_notices] == [
        ("Lưu báo cáo", tmp_path / "thang-10.pdf"),
        ("Xuất sổ trẻ em", tmp_path / "so.xlsx"),
    ]


def test_cancelled_export_leaves_no_file(qtbot, page, tmp_path, monkeypatch):
    import threading

    from desktop.reports import xlsx

    real = xlsx.export_register
    gate = threading.Event()

    def waiting(conn, commune, path, today, progress):
        gate.wait(10)  # still working when the officer presses Cancel
        return real(conn, commune, path, today, progress)

    monkeypatch.setattr(xlsx, "export_register", waiting)
    target = tmp_path / "huy.xlsx"
    page.export_register(target)
    page.progress.canceled.emit()  # the Cancel button
    gate.set()
    qtbot.waitUntil(lambda: page.job is None, timeout=20000)
    assert not target.exists()
    assert not list(tmp_path.glob(".*partial"))


def test_sent_report_is_frozen_and_later_corrections_show(qtbot, page, register):
    from desktop.domain.dates import PartialDate
    from desktop.domain.validation import CircumstanceDraft
    from tests.conftest import draft

    page.kind.setCurrentIndex(page.kind.findData("annual"))
    page.period.setText("2026")
    page.show_report()
    qtbot.waitUntil(lambda: "chưa được đánh dấu" in page.sent_info.text())
    before = page.figures["special"]["children"]
    page.mark_sent()
    qtbot.waitUntil(lambda: "không thay đổi" in page.sent_info.text())
    child = register.add_child(
        draft(register, "Giàng Thị Súa", birth=PartialDate(2019)), today=TODAY
    ).created_id
    register.add_circumstance(
        child, CircumstanceDraft("special", "b", date(2026, 3, 1)), today=TODAY
    )
    page.show_report()
    qtbot.waitUntil(lambda: "đã thay đổi" in page.sent_info.text())
    assert f"Số trẻ em có hoàn cảnh đặc biệt: {before} → {before + 1}" in page.sent_info.text()
    sent = register.sent_report("annual", "2026")
    assert sent is not None and '"special"' in sent.figures
