"""Hoạt động, Tập huấn and Kế hoạch in a real Qt window (offscreen): typing into the dialogs,
the plan moving from 0/9 and 0/540, filters, and the fund's balance.

Dialogs are driven without a modal loop: `exec` is replaced by a driver that shows the real
dialog, types into it and presses Save, so no box is ever left waiting for a human.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QWidget

from desktop.db.programme import ActivityFilter
from desktop.domain.programme import ActivityDraft, FundDraft
from desktop.ui import dialogs
from desktop.ui.activities_page import ActivityDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.plan_page import TARGET_COLOUR, FundDialog, TargetDialog
from desktop.ui.record_section import RemoveDialog
from desktop.ui.training_page import CourseDialog
from tests.conftest import village
from tests.gui_helpers import replace_text, type_text

Button = dialogs.Button
TODAY = date.today()  # the dialogs check against the real date; so do these tests
LAST_YEAR = TODAY.year - 1


@pytest.fixture
def window(qtbot, register):
    win = MainWindow(register, role="officer", username="Cán bộ")
    win.show()
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    yield win
    win.close()


def wait_idle(qtbot, win):
    qtbot.waitUntil(lambda: win.tasks.pending == 0 and not win._refresh_timer.isActive())


def drive(monkeypatch, qtbot, dialog_class, fill):
    """Replace `dialog_class.exec`: show the dialog, let `fill` type into it, press Save and
    wait for the save to finish. Returns the dialogs driven, for their messages."""
    driven = []

    def exec_(dialog):
        driven.append(dialog)
        dialog.show()
        fill(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.saving)
        result = dialog.result()
        dialog.hide()
        return result

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return driven


def type_count(qtbot, spin, value: int) -> None:
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, str(value))


def erase(qtbot, edit) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)


def targets_text(page) -> dict[str, str]:
    table = page.target_table
    return {table.item(r, 0).text(): table.item(r, 3).text() for r in range(table.rowCount())}


def test_pages_replace_the_placeholders(window):
    for name in ("activitiesPage", "activityTable", "newActivityButton", "trainingPage",
                 "courseTable", "newCourseButton", "planPage", "planTargets", "planChart",
                 "fundTable", "newFundEntryButton", "newTargetButton"):  # fmt: skip
        assert window.findChild(QWidget, name) is not None, name
    window.show_page("plan")
    assert window.current_page() is window.plan_page


def test_record_an_activity_by_typing(qtbot, window, register, monkeypatch):
    def fill(d: ActivityDialog):
        type_text(d.activity_type, "dien dan tre em")
        type_text(d.title, "Diễn đàn trẻ em: Tiếng nói của chúng em")
        type_text(d.village, "sin chai")
        type_text(d.place, "Nhà văn hóa thôn")
        type_text(d.organiser, "UBND xã, Đoàn Thanh niên")
        type_count(qtbot, d.counts["adult_female"], 6)
        type_count(qtbot, d.counts["child_male"], 21)
        type_count(qtbot, d.counts["child_female"], 25)
        type_count(qtbot, d.counts["special_children"], 3)
        assert d.total.text() == "Tổng số: 52 người (6 người lớn, 46 trẻ em)"
        type_text(d.cost, "1.500.000")
        type_text(d.source, "quy bao tro tre em")

    driven = drive(monkeypatch, qtbot, ActivityDialog, fill)
    page = window.activities_page
    window.show_page("activities")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert driven[0].result() == QDialog.DialogCode.Accepted
    wait_idle(qtbot, window)
    [saved] = register.activities()
    assert saved.draft.activity_type == "forum" and saved.village == "Sín Chải"
    assert (saved.draft.cost_vnd, saved.draft.funding_source) == (1_500_000, "fund")
    assert page.table.rowCount() == 1
    row = [page.table.item(0, c).text() for c in range(page.table.columnCount())]
    assert row == [
        TODAY.strftime("%d/%m/%Y"), "Diễn đàn trẻ em", "Diễn đàn trẻ em: Tiếng nói của chúng em",
        "Sín Chải, Nhà văn hóa thôn", "0 / 6", "21 / 25", "3", "52", "1.500.000 đ",
        "Quỹ Bảo trợ trẻ em",
    ]  # fmt: skip
    assert page.summary.text() == (
        "1 hoạt động · 52 lượt người tham gia (46 trẻ em, trong đó 3 trẻ em có hoàn cảnh đặc "
        "biệt) · kinh phí 1.500.000 đ"
    )


def test_activity_messages_appear_inline_and_nothing_is_saved(qtbot, window, register):
    page = window.activities_page
    dialog = page.activity_dialog()
    dialog.show()
    replace_text(dialog.start, "05/06/2026")
    type_text(dialog.end, "01/06/2026")
    type_count(qtbot, dialog.counts["child_male"], 2)
    type_count(qtbot, dialog.counts["special_children"], 5)
    type_text(dialog.cost, "1,5")  # 1.5 million or 15? refused, not guessed
    dialog.try_accept()
    assert dialog.problem_texts() == {
        "activity_type": "Loại hoạt động: chọn loại hoạt động.",
        "title": "Tên hoạt động: không được để trống.",
        "start_date": "Ngày kết thúc: không được trước ngày bắt đầu (05/06/2026).",
        "adult_male": "Số trẻ em có hoàn cảnh đặc biệt: không được nhiều hơn số trẻ em "
        "tham gia (2).",
        "cost_vnd": "Kinh phí: “1,5” không phải số tiền (nhập ví dụ 1.500.000, 1,5 triệu "
            "hoặc 500 nghìn).",
    }
    assert dialog.result() != QDialog.DialogCode.Accepted and not dialog.saving
    type_text(dialog.activity_type, "truyen thong")
    type_text(dialog.title, "Truyền thông phòng chống đuối nước")
    erase(qtbot, dialog.end)
    erase(qtbot, dialog.cost)
    type_count(qtbot, dialog.counts["special_children"], 1)
    dialog.try_accept()
    assert dialog.problem_texts() == {}
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert [r.draft.title for r in register.activities()] == ["Truyền thông phòng chống đuối nước"]
    dialog.close()
    wait_idle(qtbot, window)


def test_activity_filters(qtbot, window, register):
    sin_chai, lao_chai = village(register, "Sín Chải"), village(register, "Lao Chải")
    for title, kind, day, where in (
        ("Phát động Tháng hành động", "month_of_action", date(LAST_YEAR, 6, 1), sin_chai),
        ("Diễn đàn trẻ em", "forum", date(LAST_YEAR, 6, 20), lao_chai),
        ("Vui Tết Trung thu", "festival", date(LAST_YEAR, 9, 25), sin_chai),
    ):
        register.add_activity(ActivityDraft(kind, title, day, village_id=where, child_female=10))
    page = window.activities_page
    page.refresh()
    wait_idle(qtbot, window)
    assert page.table.rowCount() == 0  # this year has none
    page.year.setValue(LAST_YEAR)
    wait_idle(qtbot, window)
    assert page.table.rowCount() == 3
    page.month.setCurrentIndex(page.month.findData(6))
    wait_idle(qtbot, window)
    assert page.table.rowCount() == 2
    page.village_filter.setCurrentIndex(page.village_filter.findData(lao_chai))
    wait_idle(qtbot, window)
    assert [page.table.item(r, 2).text() for r in range(page.table.rowCount())] == [
        "Diễn đàn trẻ em"
    ]
    page.village_filter.setCurrentIndex(0)
    page.month.setCurrentIndex(0)
    page.type_filter.setCurrentIndex(page.type_filter.findData("festival"))
    wait_idle(qtbot, window)
    assert [page.table.item(r, 2).text() for r in range(page.table.rowCount())] == [
        "Vui Tết Trung thu"
    ]
    assert page.summary.text().startswith("1 hoạt động · 10 lượt người tham gia")


def test_remove_an_activity_entered_by_mistake_with_its_reason(
    qtbot, window, register, monkeypatch
):
    register.add_activity(ActivityDraft("gifts", "Tặng quà", TODAY, child_male=4))
    page = window.activities_page
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    monkeypatch.setattr(RemoveDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    page.delete_activity()  # the officer changes her mind
    wait_idle(qtbot, window)
    assert len(register.activities()) == 1

    seen = []

    def fill(d: RemoveDialog):
        seen.append((d.windowTitle(), d.findChild(QLabel, "removeQuestion").text()))
        replace_text(d.reason, "Nhập trùng với hoạt động ngày 05/06")

    drive(monkeypatch, qtbot, RemoveDialog, fill)
    page.delete_activity()
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    assert register.activities(ActivityFilter()) == []
    [(title, question)] = seen
    assert title == "Xóa hoạt động" and question.startswith("Xóa hoạt động “Tặng quà”?")
    [entry] = [e for e in register.audit_entries() if e.action == "deleted"]
    assert (entry.entity, entry.label, entry.detail, entry.username) == (
        "activity", "Tặng quà", "Nhập trùng với hoạt động ngày 05/06", register.user,
    )  # fmt: skip


def test_a_removal_needs_a_reason(qtbot, window, register, monkeypatch):
    register.add_activity(ActivityDraft("gifts", "Tặng quà", TODAY, child_male=4))
    page = window.activities_page
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    seen = []

    def fill(d: RemoveDialog):
        replace_text(d.reason, " ")
        d.try_accept()
        seen.append(d.problem_texts())

    drive(monkeypatch, qtbot, RemoveDialog, fill)
    page.delete_activity()
    assert seen == [{"reason": "Lý do: cho biết vì sao xóa."}]
    assert len(register.activities()) == 1


def fill_named_course(qtbot, d: CourseDialog) -> None:
    type_text(d.topic, "phong chong bao luc, xam hai tre em")
    type_text(d.title, "Tập huấn kỹ năng phòng chống xâm hại cho cộng tác viên")
    type_text(d.place, "Hội trường UBND xã")
    for name, sex, role in (
        ("Giàng Thị Súa", "nu", "cong tac vien"),
        ("Vàng A Dính", "nam", "truong thon/ban, to dan pho"),
        ("Lò Thị Hoa", "nu", "cong tac vien"),
    ):
        replace_text(d.person_sex, sex)
        replace_text(d.person_role, role)
        type_text(d.person_name, name)
        qtbot.keyClick(d.person_name, Qt.Key.Key_Return)
    assert d.people.rowCount() == 3 and d.person_name.text() == ""
    # the role × sex grid follows the list by itself
    assert d.grid[("collaborator", "F")].value() == 2
    assert d.grid[("village_head", "M")].value() == 1
    assert d.grid[("collaborator", "F")].isReadOnly()
    assert d.totals.text() == "Tổng: 3 người (1 nam, 2 nữ; 0 trẻ em)"


def test_enter_in_any_box_of_a_participant_adds_the_person_and_keeps_the_course_open(
    qtbot, window
):
    dialog = window.training_page.course_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.person_name, "Giàng Thị Súa")
    replace_text(dialog.person_sex, "nu")
    replace_text(dialog.person_role, "cong tac vien")
    qtbot.keyClick(dialog.person_role.lineEdit(), Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.saving  # the course was not saved and closed
    assert [p.name for p in dialog.names] == ["Giàng Thị Súa"] and dialog.people.rowCount() == 1
    qtbot.keyClick(dialog.person_sex.lineEdit(), Qt.Key.Key_Enter)  # nothing typed: no one
    assert dialog.isVisible() and len(dialog.names) == 1
    dialog.reject()


def test_record_a_course_by_name_and_see_its_participants(qtbot, window, register, monkeypatch):
    drive(monkeypatch, qtbot, CourseDialog, lambda d: fill_named_course(qtbot, d))
    page = window.training_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    [course] = register.courses()
    assert [p.name for p in course.participants] == ["Giàng Thị Súa", "Vàng A Dính", "Lò Thị Hoa"]
    assert page.table.rowCount() == 1
    assert [page.table.item(0, c).text() for c in (5, 6, 7)] == ["1", "2", "3"]
    assert page.summary.text().startswith("1 lớp · 3 lượt người tham gia (1 nam, 2 nữ)")
    roles = {page.roles.item(r, 0).text(): page.roles.item(r, 3).text()
             for r in range(page.roles.rowCount())}  # fmt: skip
    assert roles == {"Cộng tác viên": "2", "Trưởng thôn/bản, tổ dân phố": "1", "Cộng": "3"}
    assert page.people.rowCount() == 3


def test_counting_after_listing_starts_from_the_list(qtbot, window):
    dialog = window.training_page.course_dialog()
    dialog.show()
    fill_named_course(qtbot, dialog)
    dialog.by_count.setChecked(True)
    assert dialog.grid[("collaborator", "F")].value() == 2
    assert not dialog.grid[("collaborator", "F")].isReadOnly()
    type_count(qtbot, dialog.grid[("parent", "F")], 30)
    assert dialog.totals.text() == "Tổng: 33 người (1 nam, 32 nữ; 0 trẻ em)"
    assert sum(e.count for e in dialog.entries()) == 33 and not any(
        e.named for e in dialog.entries()
    )
    dialog.by_name.setChecked(True)  # back to the list: the grid shows the list again
    assert dialog.totals.text() == "Tổng: 3 người (1 nam, 2 nữ; 0 trẻ em)"
    dialog.reject()


def test_plan_shows_zero_of_nine_then_moves(qtbot, window, register, monkeypatch):
    register.set_plan_target(TODAY.year, "courses", 9, set_by="province")
    register.set_plan_target(TODAY.year, "course_participants", 540, set_by="province")
    page = window.plan_page
    page.refresh()
    wait_idle(qtbot, window)
    window.show_page("plan")
    assert targets_text(page) == {
        "Số lớp tập huấn": "đã đạt 0/9, còn lại 9",
        "Số lượt người tham gia tập huấn": "đã đạt 0/540, còn lại 540",
    }
    bars = {b.objectName(): b.value() for b in page.findChildren(QProgressBar)}
    assert bars == {"progress_courses": 0, "progress_course_participants": 0}
    assert page.target_table.item(0, 1).text() == "Tỉnh giao"

    def fill(d: CourseDialog):
        type_text(d.topic, "phong chong tai nan thuong tich, duoi nuoc")
        type_text(d.title, "Tập huấn phòng chống đuối nước")
        d.by_count.setChecked(True)
        for (role, sex), n in {("collaborator", "M"): 12, ("collaborator", "F"): 18,
                               ("parent", "F"): 20, ("child", "M"): 10}.items():  # fmt: skip
            type_count(qtbot, d.grid[(role, sex)], n)

    drive(monkeypatch, qtbot, CourseDialog, fill)
    window.training_page.new_course()
    wait_idle(qtbot, window)
    assert targets_text(page) == {
        "Số lớp tập huấn": "đã đạt 1/9, còn lại 8",
        "Số lượt người tham gia tập huấn": "đã đạt 60/540, còn lại 480",
    }
    bars = {b.objectName(): b.value() for b in page.findChildren(QProgressBar)}
    assert bars == {"progress_courses": 11, "progress_course_participants": 11}
    page.target_table.selectRow(1)
    chart = page.chart.data
    assert chart.title == f"Số lượt người tham gia tập huấn — năm {TODAY.year}"
    assert chart.progress.monthly[TODAY.month - 1] == 60 and chart.last_month == TODAY.month
    image = page.chart.grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    assert TARGET_COLOUR.name() in colours  # the dashed target line was drawn
    assert QColor("#1f5f99").name() in colours  # and the running total


def test_edit_a_counted_course(qtbot, window, register, monkeypatch):
    register.add_course(
        [{"role": "village_head", "sex": "M", "count": 7}],
        topic="child_labour",
        title="Phòng ngừa lao động trẻ em",
        start_date=TODAY,
    )
    page = window.training_page
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)

    def fill(d: CourseDialog):
        assert d.by_count.isChecked() and d.grid[("village_head", "M")].value() == 7
        type_count(qtbot, d.grid[("village_head", "F")], 4)

    drive(monkeypatch, qtbot, CourseDialog, fill)
    page.table.cellDoubleClicked.emit(0, 0)
    wait_idle(qtbot, window)
    [course] = register.courses()
    assert course.totals.total == 11
    assert page.table.item(0, 7).text() == "11"


def test_free_form_target_and_its_messages(qtbot, window, register, monkeypatch):
    page = window.plan_page
    dialog = page.target_dialog()
    dialog.show()
    type_text(dialog.indicator, "ty le tre em co hoan canh dac biet duoc tro giup (%)")
    type_text(dialog.target, "120")
    dialog.try_accept()
    assert dialog.problem_texts() == {
        "target_value": "Giá trị chỉ tiêu: tỷ lệ không được quá 100%."
    }
    dialog.reject()

    def fill(d: TargetDialog):
        replace_text(d.indicator, "chi tieu khac")
        assert d.label.isEnabled() and d.achieved.isEnabled()
        type_text(d.label, "Số mô hình Ngôi nhà an toàn")
        type_text(d.target, "3")
        type_text(d.achieved, "1")
        d.set_by.setCurrentIndex(d.set_by.findData("province"))

    drive(monkeypatch, qtbot, TargetDialog, fill)
    page.new_target()
    wait_idle(qtbot, window)
    assert targets_text(page) == {"Số mô hình Ngôi nhà an toàn": "đã đạt 1/3, còn lại 2"}
    assert page.target_table.item(0, 1).text() == "Tỉnh giao"
    page.target_table.selectRow(0)
    page.chart.grab()  # a hand-entered target has no monthly curve: the chart says so
    assert not page.chart.data.progress.monthly


def test_fund_balance_and_a_spending_the_fund_cannot_cover(qtbot, window, register, monkeypatch):
    page = window.plan_page

    def receive(d: FundDialog):
        type_text(d.amount, "5.000.000")
        type_text(d.donor, "Hội Chữ thập đỏ xã")
        type_text(d.purpose, "Ủng hộ Tháng hành động vì trẻ em")

    def spend(amount: str):
        def fill(d: FundDialog):
            d.direction.setCurrentIndex(d.direction.findData("spent"))
            assert not d.donor.isEnabled() and d.recipient.isEnabled()
            type_text(d.amount, amount)
            type_text(d.recipient, "Trẻ em có hoàn cảnh đặc biệt thôn Sín Chải")
            type_text(d.purpose, "Quà Tết Trung thu")

        return fill

    drive(monkeypatch, qtbot, FundDialog, receive)
    qtbot.mouseClick(page.new_fund_button, Qt.MouseButton.LeftButton)
    drive(monkeypatch, qtbot, FundDialog, spend("2.000.000"))
    page.new_fund_entry()
    wait_idle(qtbot, window)
    assert page.fund_received.text() == "Thu trong năm: 5.000.000 đ"
    assert page.fund_spent.text() == "Chi trong năm: 2.000.000 đ"
    assert page.fund_balance.text() == "Số dư: 3.000.000 đ (tiền mặt 3.000.000 đ)"
    assert page.fund_table.rowCount() == 2
    amounts = sorted(page.fund_table.item(r, 3).text() for r in range(2))
    assert amounts == ["-2.000.000 đ", "5.000.000 đ"]

    driven = drive(monkeypatch, qtbot, FundDialog, spend("10.000.000"))
    page.new_fund_entry()
    wait_idle(qtbot, window)
    [refused] = driven
    assert refused.result() != QDialog.DialogCode.Accepted
    [(field, message)] = refused.problem_texts().items()
    assert field == "amount_vnd"
    assert message.startswith("Số tiền: tiền mặt của quỹ sẽ bị âm 7.000.000 đ vào ngày")
    assert len(register.fund_entries()) == 2

    register.add_fund_entry(
        FundDraft("received", "cash", date(LAST_YEAR, 12, 31), 1_000_000, donor="Số dư cũ")
    )
    page.refresh()
    wait_idle(qtbot, window)
    assert page.fund_opening.text() == f"Số dư đầu năm {TODAY.year}: 1.000.000 đ"
    assert page.fund_balance.text() == "Số dư: 4.000.000 đ (tiền mặt 4.000.000 đ)"


def test_viewers_see_the_pages_but_cannot_record(qtbot, register):
    viewer = MainWindow(register, role="viewer")
    qtbot.addWidget(viewer)
    plan = viewer.plan_page
    buttons = (viewer.activities_page.new_button, viewer.training_page.new_button,
               plan.new_target_button, plan.new_fund_button)  # fmt: skip
    assert not any(button.isEnabled() for button in buttons)
    qtbot.waitUntil(lambda: viewer.tasks.pending == 0)
    viewer.close()
