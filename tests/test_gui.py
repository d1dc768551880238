"""The officer's desk in a real Qt window (offscreen): typing, searching, saving, guarding."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.domain.dates import PartialDate
from desktop.domain.validation import CircumstanceDraft
from desktop.ui import dialogs
from desktop.ui.app import application
from desktop.ui.main_window import MainWindow
from tests.conftest import TODAY, draft
from tests.gui_helpers import Answers, replace_text, type_text

Button = dialogs.Button


@pytest.fixture
def window(qtbot, register):
    win = MainWindow(register, role="officer", username="Cán bộ")
    win.show()  # closed below, after the test had its say about unsaved work
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    yield win
    win.children_page.form._clean = None  # tests leave forms half-filled on purpose
    win.close()


def wait_idle(qtbot, win):
    qtbot.waitUntil(lambda: win.tasks.pending == 0 and not win._refresh_timer.isActive())


def fill_child(form, name="Nguyễn Thị Hương", birth="25/02/2016"):
    type_text(form.full_name, name)
    type_text(form.sex, "nu")
    form.birth.setFocus()
    form.birth.clear()
    type_text(form.birth, birth)
    type_text(form.ethnic, "hmong")
    type_text(form.village, "sin chai")
    type_text(form.caregiver, "Nguyễn Văn Bình")


def test_key_widgets_are_findable_by_object_name(window):
    from PySide6.QtWidgets import QWidget

    for name in ("nav", "childSearch", "childTable", "childForm", "saveButton",
                 "newChildButton", "syncStatus"):  # fmt: skip
        assert window.findChild(QWidget, name) is not None, name
    assert window.windowTitle() == "Sổ Trẻ Em — Xã Bản Xèo, Tỉnh Lào Cai"
    nav = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert nav == ["Trẻ em", "Trường hợp bảo vệ", "Hoạt động", "Tập huấn", "Kế hoạch",
                   "Báo cáo", "Đồng bộ", "Nhật ký truy cập", "Tai nạn, đuối nước",
                   "Xã phù hợp với trẻ em", "Cài đặt"]  # fmt: skip


def test_add_find_and_edit_a_child_by_typing(qtbot, window, register):
    page = window.children_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.form
    fill_child(page.form)
    qtbot.keyClick(page.form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: register.child_count() == 1)
    wait_idle(qtbot, window)
    [saved] = register.find("nguyen thi huong")
    assert saved.birth == PartialDate(2016, 2, 25)
    assert (saved.ethnic_code, saved.village, saved.sex) == ("08", "Sín Chải", "F")

    qtbot.keyClick(page.form, Qt.Key.Key_Escape)
    assert page.stack.currentIndex() == 0
    type_text(page.search, "nguyen thi h")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page._query_running)
    assert page.model.index(0, 1).data() == "Nguyễn Thị Hương"
    assert page.count_label.text() == "1 trẻ em"

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.form)
    assert page.form.full_name.text() == "Nguyễn Thị Hương"
    replace_text(page.form.caregiver, "Hoàng Thị Ưng")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)  # the row is written before the form hears back: wait for both
    assert register.get_child(saved.id).caregiver_name == "Hoàng Thị Ưng"
    assert not page.form.is_dirty()


def test_each_validation_message_appears_inline(qtbot, window, register):
    page = window.children_page
    page.new_child()
    form = page.form
    type_text(form.birth, "31/02/2015")
    type_text(form.personal_id, "12345")
    type_text(form.ethnic, "klingon")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    messages = {field: label.text() for field, label in form.errors.items() if label.isVisible()}
    assert messages == {
        "full_name": "Họ và tên: không được để trống.",
        "sex": "Giới tính: chọn Nam hoặc Nữ.",
        "birth": "Ngày sinh: ngày 31/02/2015 không có thật.",
        "ethnic_code": "Dân tộc: chọn một giá trị trong danh sách.",
        "personal_id": "Số định danh cá nhân: phải gồm đúng 12 chữ số.",
    }
    replace_text(form.birth, "01/01/2099")
    type_text(form.full_name, "Lò Văn Ơn")
    type_text(form.sex, "Nam")
    replace_text(form.ethnic, "Giáy")
    replace_text(form.personal_id, "015216012345")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    messages = {field: label.text() for field, label in form.errors.items() if label.isVisible()}
    assert messages == {"birth": "Ngày sinh: không được sau ngày hôm nay."}
    replace_text(form.birth, "2009")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.errors["birth"].text().startswith("Ngày sinh: trẻ sinh 2009 đã đủ 16 tuổi")
    replace_text(form.birth, "abc")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "không phải là ngày" in form.errors["birth"].text()
    wait_idle(qtbot, window)
    assert register.child_count() == 0  # nothing half-saved


def test_unsaved_changes_guard(qtbot, window, register, monkeypatch):
    page = window.children_page
    page.new_child()
    type_text(page.form.full_name, "Sùng Thị Mỷ")
    answers = Answers(Button.Cancel, Button.Cancel, Button.Discard)
    monkeypatch.setattr(dialogs, "ask", answers)
    qtbot.keyClick(page.form, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.form  # Cancel keeps the officer in the form
    window.nav.setCurrentRow(window.page_keys.index("settings"))  # so does leaving the page
    assert window.current_page() is page and window.nav.currentRow() == 0
    assert [q[0] for q in answers.questions] == ["Chưa lưu", "Chưa lưu"]
    qtbot.keyClick(page.form, Qt.Key.Key_Escape)  # Discard
    assert page.stack.currentIndex() == 0
    assert len(answers.questions) == 3
    wait_idle(qtbot, window)
    assert register.child_count() == 0


def test_guard_offers_to_save(qtbot, window, register, monkeypatch):
    page = window.children_page
    page.new_child()
    fill_child(page.form, name="Lù Thị Lan")
    monkeypatch.setattr(dialogs, "ask", Answers(Button.Save))
    assert window.close() is True
    assert register.child_count() == 1


def test_duplicate_warning(qtbot, window, register, monkeypatch):
    register.add_child(
        draft(register, "Vàng A Dính", sex="M", birth=PartialDate(2016)), today=TODAY
    )
    wait_idle(qtbot, window)
    page = window.children_page
    page.new_child()
    fill_child(page.form, name="Vang A Dinh", birth="2016")
    replace_text(page.form.sex, "Nam")
    answers = Answers(Button.No, Button.Yes)
    monkeypatch.setattr(dialogs, "ask", answers)
    page.form.save()
    wait_idle(qtbot, window)
    assert register.child_count() == 1
    title, text = answers.questions[0]
    assert title == "Có thể bị trùng" and "Vàng A Dính (sinh 2016)" in text
    page.form.save()
    qtbot.waitUntil(lambda: register.child_count() == 2)


def test_filters_and_vietnamese_order(qtbot, window, register):
    ids = {}
    for name in ("Hoàng Thị Ưng", "Nguyễn Văn An", "Lò Văn Ơn", "Đặng Thị Mai"):
        ids[name] = register.add_child(draft(register, name), today=TODAY).created_id
    register.add_circumstance(
        ids["Lò Văn Ơn"], CircumstanceDraft("special", "d", date(2025, 1, 1)), today=TODAY
    )
    page = window.children_page
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    names = [page.model.index(r, 1).data() for r in range(4)]
    assert names == ["Nguyễn Văn An", "Đặng Thị Mai", "Lò Văn Ơn", "Hoàng Thị Ưng"]
    combo = page.filters["special_group"]
    combo.setCurrentIndex(combo.findData("d"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 1).data() == "Lò Văn Ơn"
    assert page.model.index(0, 6).data() == "d"
    assert page.model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole) == "Trẻ em khuyết tật"


def test_child_history_add_support_in_form(qtbot, window, register, monkeypatch):
    child_id = register.add_child(draft(register, "Triệu Diệu Chi"), today=TODAY).created_id
    register.add_circumstance(
        child_id, CircumstanceDraft("special", "n", date(2025, 5, 1)), today=TODAY
    )
    page = window.children_page
    page.open_child(child_id)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.form)
    assert page.form.circumstances.rowCount() == 1
    assert page.form.circumstances.item(0, 1).text().startswith("n – Trẻ em mắc bệnh hiểm nghèo")
    register.add_support(child_id, "allowance", date(2025, 6, 1), 540_000, "state", today=TODAY)
    page.form._reload_history()
    qtbot.waitUntil(lambda: page.form.supports.rowCount() == 1)
    assert page.form.supports.item(0, 2).text() == "540.000 đ"


def test_protection_case_deadline_shown_overdue(qtbot, window, register):
    child_id = register.add_child(draft(register, "Ma Thị Hoa"), today=TODAY).created_id
    now = datetime.now(UTC)
    register.open_case(child_id, "violence", now - timedelta(days=2), emergency=True)
    register.open_case(child_id, "abandonment", now - timedelta(hours=1))
    page = window.cases_page
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    rows = {page.table.item(r, 1).text(): r for r in range(2)}
    late = rows["Bạo lực ⚠"]
    assert page.table.item(late, 5).text() == "QUÁ HẠN: Đánh giá nguy cơ ban đầu"
    assert page.table.item(late, 0).data(Qt.ItemDataRole.UserRole) == "overdue"
    fresh = rows["Bỏ rơi, bỏ mặc"]
    assert page.table.item(fresh, 5).text() == "Đang xử lý"
    assert page.summary.text() == "2 vụ việc, 1 quá hạn"
    page.table.cellDoubleClicked.emit(late, 0)  # the case leads to the child's record
    form = window.children_page.form
    qtbot.waitUntil(lambda: window.children_page.stack.currentWidget() is form)
    assert window.current_page() is window.children_page
    assert form.full_name.text() == "Ma Thị Hoa"


def test_cases_hidden_from_assistants(qtbot, register):
    win = MainWindow(register, role="assistant")
    qtbot.addWidget(win)
    assert "cases" not in win.page_keys and win.cases_page is None
    titles = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert "Trường hợp bảo vệ" not in titles
    viewer = MainWindow(register, role="viewer")
    qtbot.addWidget(viewer)
    assert not viewer.children_page.new_button.isEnabled()
    qtbot.waitUntil(lambda: win.tasks.pending == 0 and viewer.tasks.pending == 0)


def test_status_bar_counts_unsent_changes(qtbot, window, register):
    register.add_child(draft(register, "Lồ A Dính"), today=TODAY)
    window.update_sync_status()
    wait_idle(qtbot, window)
    unsent = register.unsent_count()
    assert (
        window.sync_status.text() == f"Đồng bộ: chưa đặt máy chủ · {unsent} thay đổi chưa gửi"
    )
    # The uninstaller cannot open the encrypted register: the count waits for it beside the file.
    marker = json.loads((register.path.parent / "sync-state.json").read_text(encoding="utf-8"))
    assert marker == {"unsent": unsent, "last_sync": None}


def test_application_reuses_the_existing_qapplication(qapp):
    assert application() is qapp


def test_alt_number_opens_a_page_with_the_keyboard_in_its_first_field(qtbot, window):
    """Alt+6 from the children list: Tab then walks the Báo cáo page from its top (Loại,
    Kỳ, Xem số liệu, Lưu PDF…), not the scroll frame around it."""
    window.activateWindow()
    window.children_page.search.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    page = window.reports_page
    qtbot.waitUntil(lambda: window.current_page() is page)
    qtbot.waitUntil(lambda: page.focusWidget() is page.kind)
    qtbot.waitUntil(page.pdf_button.isEnabled)  # once last month's figures are counted
    for expected in (page.period, page.findChild(QPushButton, "showReport"), page.pdf_button):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
