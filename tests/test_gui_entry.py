"""Money and dates typed the way officers type them, in the real widgets and dialogs.

The one money field reads "1,5 triệu" as 1.500.000 đ and says so before saving; the one date
field takes a date typed over its selection; required fields are required.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.dates import PartialDate
from desktop.domain.validation import CircumstanceDraft
from desktop.ui import dialogs
from desktop.ui.fields import DateField, MoneyField
from desktop.ui.history_dialogs import CircumstanceDialog, SupportDialog
from desktop.ui.main_window import MainWindow
from tests.conftest import draft
from tests.gui_helpers import drive, replace_text, type_text, wait_idle

Button = dialogs.Button


@pytest.fixture
def window(qtbot, register):
    win = MainWindow(register, role="officer", username="Cán bộ")
    win.show()
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    yield win
    win.children_page.form._clean = None
    win.close()


@pytest.fixture
def child_open(qtbot, window, register):
    """A child on file, open in the form."""
    register.add_child(draft(register, "Vàng Thị Mỷ", birth=PartialDate(2015, 3, 2)))
    [row] = register.find("vang thi my")
    window.children_page.open_child(row.id)
    qtbot.waitUntil(lambda: window.children_page.form.child_id == row.id)
    return row.id


def test_money_field_says_how_it_read_the_text(qtbot):
    field = MoneyField(name="amount")
    qtbot.addWidget(field)
    field.show()
    type_text(field, "1,5 triệu")
    assert field.amount() == 1_500_000
    assert field.hint.isVisible() and field.hint.text() == "= 1.500.000 đ"
    replace_text(field, "540.000")
    assert field.amount() == 540_000 and not field.hint.isVisible()  # nothing to add
    replace_text(field, "năm trăm nghìn")
    assert field.problem() == (
        "“năm trăm nghìn” không phải số tiền (nhập ví dụ 1.500.000, 1,5 triệu hoặc 500 nghìn)."
    )


def test_date_typed_over_the_selection_is_the_date_typed(qtbot):
    field = DateField(date(2026, 11, 25), name="day")
    qtbot.addWidget(field)
    field.show()
    field.selectAll()
    type_text(field, "15/03/2022")
    assert field.value() == date(2022, 3, 15)
    replace_text(field, "5/3/22")
    field.tidy()  # what Tab or Enter does
    assert field.text() == "05/03/2022"
    replace_text(field, "03/2022")
    assert field.problem() == "“03/2022” thiếu ngày hoặc tháng (nhập dd/mm/yyyy)."
    partial = DateField(name="birth", partial=True)
    qtbot.addWidget(partial)
    type_text(partial, "2016")
    assert partial.partial_value() == PartialDate(2016)


def test_the_calendar_popup_picks_a_day(qtbot):
    field = DateField(date(2026, 11, 25), name="day")
    qtbot.addWidget(field)
    field.show()
    field.calendar_action.trigger()
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate().toPython() == date(2026, 11, 25)
    calendar.clicked.emit(date(2026, 11, 3))
    assert field.text() == "03/11/2026" and not calendar.isVisible()


def test_a_support_of_one_and_a_half_million_is_saved_as_such(
    qtbot, window, register, child_open, monkeypatch
):
    def fill(d: SupportDialog):
        type_text(d.kind, "hoc bong")
        d.given_on.setFocus()
        d.given_on.selectAll()
        type_text(d.given_on, "15/03/2022")
        type_text(d.amount, "1,5 triệu")
        assert d.amount.hint.text() == "= 1.500.000 đ"

    drive(monkeypatch, qtbot, SupportDialog, fill)
    form = window.children_page.form
    qtbot.mouseClick(form.add_support_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    [support] = register.supports_of(child_open)
    assert (support.support_type, support.given_on, support.amount_vnd) == (
        "scholarship", date(2022, 3, 15), 1_500_000,
    )  # fmt: skip
    qtbot.waitUntil(lambda: form.supports.rowCount() == 1)
    assert form.supports.item(0, 2).text() == "1.500.000 đ"


def test_a_support_needs_its_kind_and_a_readable_amount(
    qtbot, window, register, child_open, monkeypatch
):
    def fill(d: SupportDialog):
        type_text(d.amount, "năm trăm nghìn")

    driven = drive(monkeypatch, qtbot, SupportDialog, fill)
    qtbot.mouseClick(window.children_page.form.add_support_button, Qt.MouseButton.LeftButton)
    [dialog] = driven
    assert dialog.problem_texts() == {
        "support_type": "Hình thức trợ giúp: chọn hình thức trợ giúp.",
        "amount_vnd": "Số tiền: “năm trăm nghìn” không phải số tiền (nhập ví dụ 1.500.000, "
        "1,5 triệu hoặc 500 nghìn).",
    }
    assert register.supports_of(child_open) == []


def test_a_circumstance_starts_on_the_day_typed(qtbot, window, register, child_open, monkeypatch):
    def fill(d: CircumstanceDialog):
        replace_text(d.group, "d")
        d.start.setFocus()
        d.start.selectAll()
        type_text(d.start, "15/03/2022")

    drive(monkeypatch, qtbot, CircumstanceDialog, fill)
    qtbot.mouseClick(window.children_page.form.add_circumstance_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    [c] = register.circumstances_of(child_open)
    assert (c.kind, c.group_code, c.start_date) == ("special", "d", date(2022, 3, 15))


def test_a_dialog_grows_with_its_messages(qtbot):
    dialog = CircumstanceDialog(None, CircumstanceDraft("special", "a", date(2026, 1, 1)))
    qtbot.addWidget(dialog)
    dialog.show()
    before = dialog.height()
    dialog.show_problems(
        [dialog_problem("start_date", "một thông báo rất dài " * 12)]
    )  # wraps over several lines
    QApplication.processEvents()
    label = dialog.errors["start_date"]
    assert dialog.height() > before
    assert label.geometry().bottom() <= dialog.height()
    assert label.height() >= label.heightForWidth(label.width())


def dialog_problem(field: str, message: str):
    from desktop.domain.validation import Problem

    return Problem(field, message)


def test_a_village_typed_in_the_child_form_is_added_once_confirmed(
    qtbot, window, register, monkeypatch
):
    from tests.gui_helpers import Answers

    page = window.children_page
    page.new_child()
    form = page.form
    type_text(form.full_name, "Lù Thị Dua")
    type_text(form.sex, "nu")
    type_text(form.birth, "2018")
    type_text(form.village, "Bản Phìn Hồ")
    answers = Answers(Button.No, Button.Yes)
    monkeypatch.setattr(dialogs, "ask", answers)
    form.save()  # the officer says no: nothing is saved, the field says why
    assert form.errors["village_id"].text() == (
        "Thôn/bản: chọn thôn/bản trong danh sách hoặc đồng ý thêm mới."
    )
    assert register.child_count() == 0 and register.village_id_by_name("Bản Phìn Hồ") is None
    form.save()
    qtbot.waitUntil(lambda: register.child_count() == 1)
    assert answers.questions[0] == (
        "Thôn/bản mới",
        "“Bản Phìn Hồ” chưa có trong danh sách thôn/bản của xã. Thêm thôn/bản này?",
    )
    [child] = register.find("lu thi dua")
    assert child.village == "Bản Phìn Hồ"
    wait_idle(qtbot, window)
    assert form.child_id == child.id


def test_enter_picks_the_highlighted_suggestion(qtbot, window, register):
    page = window.children_page
    page.new_child()
    combo = page.form.village
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    combo.setFocus()
    qtbot.waitUntil(combo.lineEdit().hasFocus)
    qtbot.keyClicks(combo.lineEdit(), "nam c")  # "Nậm Cang", typed without tones
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert not popup.currentIndex().isValid()  # nothing highlighted with the arrows yet
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentText() == "Nậm Cang" and combo.code() == village_of(register, "Nậm Cang")


def village_of(register, name):
    return register.village_id_by_name(name)
