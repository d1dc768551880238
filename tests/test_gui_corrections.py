"""Correcting mistakes in the real window: a support's amount, a circumstance entered by
mistake — through the same record sections as every list, with the reason kept."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.domain.dates import PartialDate
from desktop.domain.validation import CircumstanceDraft
from desktop.ui.history_dialogs import SupportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.record_section import RemoveDialog
from tests.conftest import draft
from tests.gui_helpers import drive, replace_text, wait_idle


@pytest.fixture
def window(qtbot, register):
    win = MainWindow(register, role="officer", username="Cán bộ")
    win.show()
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    yield win
    win.children_page.form._clean = None
    win.close()


@pytest.fixture
def child(qtbot, window, register) -> str:
    child_id = register.add_child(
        draft(register, "Vàng Thị Mỷ", birth=PartialDate(2015, 3, 2))
    ).created_id
    register.add_support(child_id, "scholarship", date(2026, 10, 5), 15)
    register.add_circumstance(child_id, CircumstanceDraft("special", "b", date(2026, 10, 2)))
    window.children_page.open_child(child_id)
    form = window.children_page.form
    qtbot.waitUntil(lambda: form.supports.rowCount() == 1 and form.circumstances.rowCount() == 1)
    return child_id


def test_a_support_saved_as_15_dong_is_corrected_to_one_and_a_half_million(
    qtbot, window, register, child, monkeypatch
):
    form = window.children_page.form
    assert form.supports.item(0, 2).text() == "15 đ"
    drive(monkeypatch, qtbot, SupportDialog, lambda d: replace_text(d.amount, "1,5 triệu"))
    form.history.support_section.table.selectRow(0)
    form.history.support_section.edit()
    wait_idle(qtbot, window)
    [support] = register.supports_of(child)
    assert support.amount_vnd == 1_500_000
    qtbot.waitUntil(lambda: form.supports.item(0, 2).text() == "1.500.000 đ")


def test_a_circumstance_entered_by_mistake_is_removed_with_its_reason(
    qtbot, window, register, child, monkeypatch
):
    form = window.children_page.form
    drive(monkeypatch, qtbot, RemoveDialog, lambda d: replace_text(d.reason, "Nhầm nhóm"))
    form.history.circumstance_section.table.selectRow(0)
    form.history.circumstance_section.remove()
    wait_idle(qtbot, window)
    assert register.circumstances_of(child) == []
    qtbot.waitUntil(lambda: form.circumstances.rowCount() == 0)
    [entry] = [e for e in register.audit_entries() if e.action == "deleted"]
    assert entry.entity == "circumstance" and entry.detail.endswith("lý do: Nhầm nhóm")


def test_a_child_entered_by_mistake_is_removed_from_the_form(
    qtbot, window, register, child, monkeypatch
):
    page = window.children_page
    drive(monkeypatch, qtbot, RemoveDialog, lambda d: replace_text(d.reason, "Nhập thử"))
    qtbot.mouseClick(page.form.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 0)  # back to the list
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert register.child_count() == 0
