"""First-run wizard, the lazy table model, and the screenshot command."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QWizard

from desktop.db.child_queries import ChildFilter
from desktop.db.register import Register
from desktop.demo import fill_demo
from desktop.ui import dialogs
from desktop.ui.child_model import MAX_PAGES, PAGE_SIZE, ChildTableModel
from desktop.ui.wizard import FirstRunWizard
from tests.conftest import TODAY
from tests.gui_helpers import type_text


def test_first_run_wizard_sets_commune_officer_and_shows_the_recovery_code(
    qtbot, db_path, tmp_path, monkeypatch, saved_notices
):
    from desktop.db import vault
    from desktop.ui import recovery_code

    wizard = FirstRunWizard(db_path)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.use_page.commune.isChecked()  # a commune's register unless told otherwise
    wizard.next()
    page = wizard.commune_page
    assert wizard.currentPage() is page and not page.isComplete()
    type_text(page.province, "lao cai")
    type_text(page.commune, "ban xeo")
    assert page.commune_code() == "02725"
    assert page.former.text() == "Trước 01/7/2025 thuộc Huyện Bát Xát"
    assert page.isComplete()
    wizard.next()
    officer = wizard.officer_page
    type_text(officer.full_name, "Lò Thị Hạnh")
    type_text(officer.username, "hanh")
    type_text(officer.password, "mat-khau-1")
    type_text(officer.again, "mat-khau-2")
    assert not officer.isComplete()
    assert officer.error.text() == "Hai lần nhập mật khẩu không giống nhau."
    officer.again.clear()
    type_text(officer.again, "mat-khau-1")
    assert officer.isComplete()
    wizard.button(QWizard.WizardButton.CommitButton).click()
    register = wizard.register
    assert register is not None and register.key is not None and vault.is_encrypted(db_path)
    shown = wizard.code_page.view
    code = shown.label.text()
    assert len(code) == 29 and wizard.currentPage() is wizard.code_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    saved = tmp_path / "usb" / "ma.txt"
    saved.parent.mkdir()
    monkeypatch.setattr(recovery_code, "choose_file", lambda parent, suggested: str(saved))
    shown.save.click()
    assert code in saved.read_text(encoding="utf-8") and "tủ khóa" in saved.read_text("utf-8")
    assert [n.path for n in saved_notices] == [saved]  # "Mở tệp" to print it
    shown.noted.setChecked(True)
    wizard.next()
    villages = wizard.villages_page
    assert wizard.currentPage() is villages
    type_text(villages.names, "Thôn Sín Chải\n\nBản Nậm Cang\nthon sin chai")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert villages.error.text() == "Dòng 4: “thon sin chai” trùng với dòng 1."
    assert register.villages() == []  # nothing half-saved
    villages.names.clear()
    type_text(villages.names, "Thôn Sín Chải\n\nBản Nậm Cang")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert [v.name for v in register.villages()] == ["Bản Nậm Cang", "Thôn Sín Chải"]
    assert register.commune_code == "02725"
    [user] = register.users()
    assert (user.username, user.full_name, user.role) == ("hanh", "Lò Thị Hạnh", "officer")
    assert register.authenticate("hanh", "mat-khau-1") is not None
    assert register.authenticate("hanh", "sai") is None
    assert "mat-khau-1" not in user.password_hash
    register.close()
    vault.recover(db_path, code, "hanh", "mat-khau-moi")  # the code shown is the real one
    assert vault.unlock(db_path, "hanh", "mat-khau-moi") == register.key


@pytest.fixture
def big_register(tmp_path):
    register = Register.open(tmp_path / "big.db")
    register.init_commune("02725")
    fill_demo(register, 3000, seed=2, today=TODAY)
    yield register
    register.close()


def test_child_model_passes_qt_model_tester(qtmodeltester, big_register):
    model = ChildTableModel(big_register)
    model.set_rowids(big_register.child_rowids(ChildFilter())[:500])
    qtmodeltester.check(model, force_py=True)


def test_child_model_keeps_a_bounded_number_of_pages(big_register):
    from desktop.db.child_queries import ChildFilter

    model = ChildTableModel(big_register)
    rowids = big_register.child_rowids(ChildFilter())
    model.set_rowids(rowids)
    assert model.rowCount() == 3000
    for row in range(0, 3000, 50):  # scroll from top to bottom
        assert model.index(row, 1).data()
    assert model.cached_pages() <= MAX_PAGES < 3000 / PAGE_SIZE + 1
    last = model.index(2999, 0).data()
    assert last == "3000"  # STT counts rows


def test_screenshots_command_writes_every_page(tmp_path):
    db = tmp_path / "demo.db"
    subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), "demo", "--children", "200"],
        check=True, capture_output=True,
    )  # fmt: skip
    out = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), "--screenshots", str(out)],
        capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pages = ["01-children-form", "01-children", "02-cases", "03-activities", "04-training",
             "05-plan", "06-reports", "07-sync", "08-audit", "09-injuries", "10-assessment",
             "11-settings"]  # fmt: skip
    names = sorted(p.name for p in out.glob("*.png"))
    assert names == sorted([f"{p}.png" for p in pages] + [f"{p}-125.png" for p in pages])
    from PySide6.QtGui import QImage

    for page in pages:  # the officer's screen, and the same at 125 % display scaling
        assert QImage(str(out / f"{page}.png")).size().toTuple() == (1366, 768), page
        assert QImage(str(out / f"{page}-125.png")).size().toTuple() == (1092, 582), page


def test_gui_does_not_ask_questions_when_nothing_changed(qtbot, big_register, monkeypatch):
    from desktop.ui.main_window import MainWindow

    asked = []
    monkeypatch.setattr(dialogs, "ask", lambda *a: asked.append(a))
    window = MainWindow(big_register)
    window.show()
    page = window.children_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 3000)
    page.open_row(0)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.form)
    window.show_page("settings")
    assert asked == [] and window.current_page() is window.settings_page
    window.close()


def test_older_plain_register_logs_in_is_encrypted_then_the_window_fills_in(
    qtbot, db_path, monkeypatch
):
    from desktop.db import vault
    from desktop.ui import recovery_code
    from desktop.ui.app import commune_of, open_window
    from tests.gui_helpers import Answers, answer_login

    assert commune_of(db_path) is None and vault.accounts(db_path) == []  # the wizard path
    register = Register.open(db_path)
    register.init_commune("02725")
    register.create_user("hanh", "Lò Thị Hạnh", "officer", "mat-khau-1")
    register.close()
    assert commune_of(db_path) == "02725"
    answers = Answers(dialogs.Button.Yes)
    monkeypatch.setattr(dialogs, "ask", answers)
    codes = []
    monkeypatch.setattr(
        recovery_code, "show_recovery_code", lambda box: codes.append(box.view.code)
    )
    answer_login("hanh", "mat-khau-1")
    window = open_window(db_path)
    assert answers.questions[0][0] == "Mã hóa dữ liệu" and len(codes[0]) == 29
    assert vault.is_encrypted(db_path)
    assert window is not None and not window.attached
    assert window.nav.count() == 11 and window.current_page().objectName() == "openingLabel"
    window.show()
    qtbot.waitUntil(lambda: window.attached, timeout=10000)
    qtbot.waitUntil(lambda: window.windowTitle() == "Sổ Trẻ Em — Xã Bản Xèo, Tỉnh Lào Cai")
    assert window.register.user == "hanh" and window.register.key is not None
    assert window.current_page() is window.children_page
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window.close()
    window.register.close()


def test_self_test_command_passes_on_a_throwaway_database(tmp_path):
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SOTREEM_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Tự kiểm tra đạt" in result.stdout
    assert not list(tmp_path.iterdir())  # the officer's data folder was not touched
