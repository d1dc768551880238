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
from tests.gui_helpers import drive, replace_text, type_text, wait_idle


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


def test_a_child_entered_twice_is_merged_from_the_form(qtbot, window, register, child, monkeypatch):
    from desktop.ui.merge_dialog import MergeDialog

    twin = register.add_child(
        draft(register, "Vàng Thị Mỷ", birth=PartialDate(2015, 3, 2), contact_phone="0912345678")
    ).created_id
    register.add_support(twin, "gift", date(2026, 11, 2), 300_000)
    seen = []

    def fill(d: MergeDialog):
        seen.append([d.candidates.item(i).text() for i in range(d.candidates.count())])

    drive(monkeypatch, qtbot, MergeDialog, fill)
    form = window.children_page.form
    qtbot.mouseClick(form.merge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert seen == [["Vàng Thị Mỷ — sinh 02/03/2015, Sín Chải"]]  # the likely duplicate first
    assert register.child_count() == 1
    qtbot.waitUntil(lambda: form.supports.rowCount() == 2)  # its support followed
    assert register.get_child(child).contact_phone == "0912345678"


def test_villages_are_merged_and_retired_in_settings(qtbot, window, register, child, monkeypatch):
    from desktop.ui.villages_box import MergeVillageDialog

    typo = register.add_village("Sin Chai B").created_id
    moved = register.add_child(draft(register, "Lò Văn Hùng", village_id=typo)).created_id
    box = window.settings_page.villages
    window.show_page("settings")
    window.settings_page.show_tab(box)
    box.refresh()  # the rows above were written straight to the register
    qtbot.waitUntil(lambda: box.section.table.rowCount() == 4)
    names = [box.section.table.item(r, 0).text() for r in range(4)]
    box.section.table.selectRow(names.index("Sin Chai B"))
    drive(monkeypatch, qtbot, MergeVillageDialog, lambda d: type_text(d.target, "sin chai"))
    box.merge()
    qtbot.waitUntil(lambda: box.section.table.rowCount() == 3)
    assert register.get_child(moved).village_id == register.village_id_by_name("Sín Chải")

    names = [box.section.table.item(r, 0).text() for r in range(3)]
    box.section.table.selectRow(names.index("Nậm Cang"))
    box.toggle_retired()
    row = names.index("Nậm Cang")
    qtbot.waitUntil(lambda: box.section.table.item(row, 1).text().startswith("thôi dùng từ"))
    combo = window.children_page.form.village
    qtbot.waitUntil(lambda: combo.findText("Nậm Cang (thôi dùng)") >= 0)
