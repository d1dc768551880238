"""The Audit page (Nhật ký truy cập): a look at a child in the register shows up, filters
narrow it, and it exports to Excel with a password; only the officer sees it."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableView, QWidget

from desktop.domain.vntime import VIETNAM_TZ
from desktop.reports import protect
from desktop.reports.notice import PERSONAL_DATA_NOTE
from desktop.ui import export_flow
from desktop.ui.audit_model import AuditTableModel
from desktop.ui.export_flow import FilePasswordDialog
from desktop.ui.main_window import MainWindow
from tests.conftest import TODAY, draft
from tests.gui_helpers import type_text

PASSWORD = "nhatky-2026"


@pytest.fixture
def window(qtbot, register):
    register.user = "hanh"
    for name in ("Đặng Thị Mai", "Vàng A Dính"):
        register.add_child(draft(register, name), today=TODAY)
    win = MainWindow(register, role="officer", username="hanh")
    win.show()
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    yield win
    win.close()


def rows(page) -> list[tuple[str, ...]]:
    model = page.model
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def settle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.tasks.pending == 0 and not page._query_running)


def open_audit(qtbot, window):
    window.show_page("audit")
    page = window.audit_page
    assert window.current_page() is page
    settle(qtbot, page)
    return page


def test_a_child_opened_in_the_register_appears_in_the_audit_page(qtbot, window):
    children = window.children_page
    type_text(children.search, "dang mai")
    qtbot.waitUntil(lambda: children.model.rowCount() == 1 and not children._query_running)
    children.table.setFocus()
    qtbot.keyClick(children.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: children.stack.currentWidget() is children.form)
    qtbot.keyClick(children.form, Qt.Key.Key_Escape)

    page = open_audit(qtbot, window)
    assert window.findChild(QWidget, "auditPage") is page
    assert window.findChild(QTableView, "auditTable") is page.table
    newest = rows(page)[0]
    assert newest[1:5] == ("hanh", "Xem", "Trẻ em", "Đặng Thị Mai")
    assert [r[2] for r in rows(page)] == ["Xem", "Thêm mới", "Thêm mới"]  # newest first
    assert page.count_label.text() == "3 dòng nhật ký"

    # Opening the same record again at once adds nothing.
    window.show_page("children")
    children.open_row(0)
    qtbot.waitUntil(lambda: children.stack.currentWidget() is children.form)
    qtbot.keyClick(children.form, Qt.Key.Key_Escape)
    page = open_audit(qtbot, window)
    assert len(rows(page)) == 3


def test_filters_narrow_the_list(qtbot, window, register):
    register.user = "lan"
    register.record_view("child", register.find("vang a dinh")[0].id)
    page = open_audit(qtbot, window)
    assert len(rows(page)) == 3
    assert [page.user.itemText(i) for i in range(page.user.count())] == [
        "Mọi người dùng", "hanh", "lan",
    ]  # fmt: skip

    page.user.setCurrentIndex(page.user.findData("lan"))
    settle(qtbot, page)
    assert [r[4] for r in rows(page)] == ["Vàng A Dính"]
    page.user.setCurrentIndex(0)
    page.action.setCurrentIndex(page.action.findData("created"))
    settle(qtbot, page)
    assert sorted(r[4] for r in rows(page)) == ["Vàng A Dính", "Đặng Thị Mai"]
    type_text(page.search, "dang")
    settle(qtbot, page)
    assert [r[4] for r in rows(page)] == ["Đặng Thị Mai"]

    page.search.clear()
    page.action.setCurrentIndex(0)
    type_text(page.until, "31/02/2026")
    assert page.count_label.text().startswith("Đến ngày: ngày 31/02/2026 không có thật")
    page.until.clear()
    type_text(page.until, "01/01/2020")
    settle(qtbot, page)
    assert rows(page) == []
    page.until.clear()
    today = datetime.now(VIETNAM_TZ).strftime("%d/%m/%Y")  # the page counts Vietnam days
    type_text(page.since, today)
    settle(qtbot, page)
    assert len(rows(page)) == 3


def test_export_to_excel_with_a_password(qtbot, window, tmp_path, monkeypatch, saved_notices):
    page = open_audit(qtbot, window)
    target = tmp_path / "nhat-ky.xlsx"
    monkeypatch.setattr(export_flow, "ask_export_file", lambda *a, **k: (target, PASSWORD))
    button = window.findChild(QPushButton, "auditExport")
    with qtbot.waitSignal(page.saved, timeout=20000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert protect.is_encrypted(target)
    qtbot.waitUntil(lambda: bool(saved_notices))
    assert saved_notices[0].path == target and not saved_notices[0].folder_only
    ws = load_workbook(io.BytesIO(protect.decrypt_bytes(target, PASSWORD)))["Nhật ký truy cập"]
    assert ws["A1"].value == "NHẬT KÝ TRUY CẬP — XÃ BẢN XÈO"
    assert ws["A3"].value == PERSONAL_DATA_NOTE
    assert ws.freeze_panes == "C6"
    listed = [r[5] for r in ws.iter_rows(min_row=6, values_only=True)]
    assert sorted(listed) == ["Vàng A Dính", "Đặng Thị Mai"]
    settle(qtbot, page)
    newest = rows(page)[0]
    assert newest[2:4] == ("Xuất tệp", "Nhật ký truy cập") and "nhat-ky.xlsx" in newest[5]
    assert "có mật khẩu" in newest[5]


def test_only_the_officer_sees_the_audit_page(qtbot, register):
    for role in ("assistant", "viewer"):
        win = MainWindow(register, role=role)
        qtbot.addWidget(win)
        titles = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert "Nhật ký truy cập" not in titles and win.audit_page is None
        assert win.findChild(QWidget, "auditPage") is None
        qtbot.waitUntil(lambda w=win: w.tasks.pending == 0)


def test_viewing_a_case_from_the_cases_page_is_recorded(qtbot, window, register):
    child = register.find("vang a dinh")[0]
    register.open_case(child.id, "violence", datetime(2026, 11, 20, 8, tzinfo=UTC))
    window.show_page("cases")
    cases = window.cases_page
    cases.refresh()
    qtbot.waitUntil(lambda: cases.table.rowCount() == 1)
    cases._open_child(0, 0)
    qtbot.waitUntil(lambda: window.children_page.stack.currentWidget() is window.children_page.form)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    viewed = [(e.entity, e.label) for e in register.audit_entries() if e.action == "viewed"]
    assert ("child", "Vàng A Dính") in viewed
    assert any(entity == "protectioncase" and label.startswith("Vàng A Dính — ")
               for entity, label in viewed)  # fmt: skip
    window.children_page.form._clean = None


def test_password_dialog_is_optional_and_asks_twice(qtbot):
    dialog = FilePasswordDialog(None, "so-tre-em.xlsx")
    qtbot.addWidget(dialog)
    first = dialog.findChild(QLineEdit, "filePassword")
    again = dialog.findChild(QLineEdit, "filePasswordAgain")
    assert first.echoMode() == QLineEdit.EchoMode.Password
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.password() is None

    dialog = FilePasswordDialog(None, "so-tre-em.xlsx")
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.first, "abc")
    dialog.accept()
    assert dialog.isVisible() and dialog.message.text() == "Mật khẩu cần ít nhất 6 ký tự."
    type_text(dialog.first, "defgh")
    type_text(dialog.second, "abcdefgX")
    dialog.accept()
    assert dialog.isVisible() and dialog.message.text() == "Hai lần nhập mật khẩu không khớp."
    dialog.second.clear()
    type_text(dialog.second, "abcdefgh")
    dialog.accept()
    assert not dialog.isVisible() and dialog.password() == "abcdefgh"
    assert again is not None


def test_reports_page_exports_the_register_with_a_password_and_logs_printing(
    qtbot, window, register, tmp_path, monkeypatch, saved_notices
):
    from PySide6.QtPrintSupport import QPrinter

    page = window.reports_page
    window.show_page("reports")
    qtbot.waitUntil(lambda: page.figures is not None)
    target = tmp_path / "so.xlsx"
    monkeypatch.setattr(export_flow, "ask_export_file", lambda *a, **k: (target, PASSWORD))
    with qtbot.waitSignal(page.saved, timeout=20000):
        qtbot.mouseClick(page.findChild(QPushButton, "exportRegister"), Qt.MouseButton.LeftButton)
    ws = load_workbook(io.BytesIO(protect.decrypt_bytes(target, PASSWORD)))["Trẻ em"]
    assert PERSONAL_DATA_NOTE in ws["A2"].value and ws.max_row == 4 + 2

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "in.pdf"))
    page.print_to(printer)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    actions = [(e.action, e.entity) for e in register.audit_entries()][:2]
    assert actions == [("printed", "report"), ("exported", "register")]


def test_audit_model_passes_qt_model_tester(qtmodeltester, register):
    for name in ("Đặng Thị Mai", "Vàng A Dính", "Lò Văn Sáu"):
        register.add_child(draft(register, name), today=TODAY)
    model = AuditTableModel(register)
    model.set_rowids(register.audit_rowids())
    qtmodeltester.check(model, force_py=True)
