"""Nhập từ Excel in the window: check, map a group, see and save the problems, import or stop."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from openpyxl import load_workbook

from desktop.ui import dialogs, file_dialogs
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.main_window import MainWindow
from tests.test_import import messy_register


@pytest.fixture
def window(qtbot, register):
    win = MainWindow(register, role="officer", username="Cán bộ")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    win.show()
    yield win
    win.close()


def open_dialog(qtbot, window, monkeypatch, path) -> ImportDialog:
    """Press Nhập từ Excel…, choose `path`; the dialog shows without blocking the test."""
    page = window.children_page
    monkeypatch.setattr(file_dialogs, "ask_open_file", lambda *a, **k: path)
    monkeypatch.setattr(ImportDialog, "exec", lambda self: self.show())
    page.import_button.click()
    dialog = page.findChild(ImportDialog)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None and window.tasks.pending == 0)
    return dialog


def said(monkeypatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda parent, title, text: told.append(text))
    return told


def test_check_map_save_problems_and_import_the_good_rows(
    qtbot, window, register, monkeypatch, tmp_path, saved_notices
):
    path = messy_register(
        tmp_path / "ds.xlsx",
        [
            ["Lồ A Dính", "03/08/2020", None, "Mông", "Sín Chải", "khuyet tat", "Lù A An"],
            ["Sùng Thị Mai", None, datetime(2018, 5, 1), "H'Mông", "Sín Chải", "Bị xâm hại", ""],
            ["Hoàng Thị Ưng", None, "2019", "Mông", "Cốc Lầy", "Khó khăn", ""],
            ["Lục Quốc Quý", "31/02/2015", None, "Giáy", "Sín Chải", "mồ côi cả cha mẹ", ""],
        ],
    )
    told = said(monkeypatch)
    dialog = open_dialog(qtbot, window, monkeypatch, path)
    assert "4 dòng, 2 dòng hợp lệ, 2 dòng có lỗi" in dialog.summary.text()
    assert dialog.problems.rowCount() == 2
    assert dialog.problems.item(0, 2).text().startswith("Hoàn cảnh: chưa biết “Khó khăn”")
    assert dialog.villages.text() == "Thôn/bản mới sẽ được thêm: Cốc Lầy"
    assert dialog.group_combo("khuyet tat").currentData() == "d"  # guessed, shown to confirm
    assert dialog.group_combo("Khó khăn").currentData() is None
    assert not dialog.import_button.isEnabled()  # problems left and no "skip" chosen

    unknown = dialog.group_combo("Khó khăn")
    unknown.setCurrentIndex(unknown.findData("l"))  # the officer decides: checked again
    qtbot.waitUntil(lambda: dialog.plan is not None and len(dialog.plan.valid_rows) == 3)
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.item(0, 1).text() == "Lục Quốc Quý"

    saved = tmp_path / "loi.xlsx"
    dialog.save_problems_to(saved)
    qtbot.waitUntil(lambda: bool(saved_notices) and window.tasks.pending == 0)
    assert saved_notices[0].path == saved and saved_notices[0].title == "Lưu danh sách lỗi"
    sheet = load_workbook(saved)["Lỗi"]
    assert [c.value for c in sheet[5]][:3] == [9, "Lục Quốc Quý", "Ngày sinh: ngày 31/02/2015 "
                                               "không có thật."]  # fmt: skip
    assert register.child_count() == 0  # checking and saving the list wrote nothing

    dialog.skip.setChecked(True)
    assert dialog.import_button.text() == "Nhập 3 trẻ em"
    dialog.import_button.click()
    qtbot.waitUntil(lambda: register.child_count() == 3 and window.tasks.pending == 0)
    assert told[-1] == "Đã nhập 3 trẻ em từ tệp ds.xlsx."
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.children_page.model.rowCount() == 3)
    [ung] = register.find("Hoàng Thị Ưng")
    assert [c.group_code for c in register.circumstances_of(ung.id)] == ["l"]
    assert register.village_id_by_name("Cốc Lầy") is not None


def test_cancelling_the_import_writes_nothing(qtbot, window, register, monkeypatch, tmp_path):
    names = itertools.product(
        ("Lò", "Giàng", "Vàng", "Sùng", "Lý", "Hoàng"), ("Văn", "Thị", "A", "Seo", "Mí"),
        ("Páo", "Mai", "Dính", "Chư", "Dua", "Sử", "Lềnh", "Nhè", "Pà", "Sình", "Cở", "Tủa",
         "Mỷ", "Dế", "Khu"),
    )  # fmt: skip
    rows = [[" ".join(n), "2016", None, "Mông", "Sín Chải", "d", ""] for n in names]
    path = messy_register(tmp_path / "nhieu.xlsx", rows)
    told = said(monkeypatch)
    dialog = open_dialog(qtbot, window, monkeypatch, path)
    assert not dialog.plan.problems, dialog.plan.problems[:3]
    assert dialog.import_button.text() == f"Nhập {len(rows)} trẻ em"
    before = register.unsent_count()
    dialog.import_button.click()
    dialog.runner.job.cancel.set()  # the officer presses Hủy at once
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and dialog.runner.job is None)
    assert told == ["Đã dừng: không có trẻ em nào được nhập."]
    assert register.child_count() == 0 and register.unsent_count() == before
    assert dialog.isVisible()  # still there, to try again


def test_the_plan_shows_each_group_a_cell_names_and_when_they_began(
    qtbot, window, register, monkeypatch, tmp_path
):
    from datetime import date

    from tests.gui_helpers import type_text
    from tests.test_import_groups import register_file

    path = register_file(tmp_path / "ds.xlsx", [
        ["Lò Thị Mai", 2016, "Nữ", "Sín Chải", "Mồ côi cả cha và mẹ, khuyết tật"],
    ], since_column=False)  # fmt: skip
    dialog = open_dialog(qtbot, window, monkeypatch, path)
    assert dialog.group_combo("Mồ côi cả cha và mẹ").currentData() == "a"
    assert dialog.group_combo("khuyết tật").currentData() == "d"
    today = date.today().strftime("%d/%m/%Y")
    assert f"từ ngày {today} (ngày cán bộ chọn" in dialog.start_rule.text()
    dialog.since.clear()
    type_text(dialog.since, "01/03/2025")
    dialog.since.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.since == date(2025, 3, 1))
    assert "từ ngày 01/03/2025" in dialog.start_rule.text()
    told = said(monkeypatch)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(told))
    [mai] = register.find("lo thi mai")
    assert sorted((c.group_code, c.start_date) for c in register.circumstances_of(mai.id)) == [
        ("a", date(2025, 3, 1)), ("d", date(2025, 3, 1)),
    ]  # fmt: skip
