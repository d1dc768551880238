"""The login screen, its delays, the lock after idle, account resets and recovery, in the GUI."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.db import vault
from desktop.ui.app import open_window
from desktop.ui.login import LoginDialog
from tests.conftest import COMMUNE, TODAY, draft
from tests.gui_helpers import type_text


def _set_up(db_path):
    register, code = vault.setup(db_path, COMMUNE, "hanh", "Lò Thị Hạnh", "mat-khau-1")
    register.add_village("Sín Chải")
    register.add_child(draft(register, "Vàng Thị Mỷ"), today=TODAY)
    register.create_user("lan", "Lý Thị Lan", "assistant", "tro-ly-123")
    register.close()
    return code


def _at_login(work) -> None:
    """Run `work(dialog)` inside the login dialog's own event loop once it shows."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(10, act)
            return
        work(dialog)

    QTimer.singleShot(0, act)


def test_login_waits_after_failures_then_the_window_locks_when_idle(qtbot, db_path):
    _set_up(db_path)
    seen = {}

    def at_login(dialog: LoginDialog) -> None:
        gate = dialog.gate
        assert gate.user.objectName() == "loginUser"
        assert gate.password.objectName() == "loginPassword"
        assert gate.button.objectName() == "loginButton"
        assert (
            dialog.findChild(type(dialog.forgot), "forgotLink")
            .text()
            .endswith("Quên mật khẩu cán bộ?</a>")
        )
        assert [gate.user.itemData(i) for i in range(gate.user.count())] == ["hanh", "lan"]
        qtbot.waitUntil(lambda: dialog.title.text() == "Sổ Trẻ Em — Xã Bản Xèo")
        for _ in range(2):
            type_text(gate.password, "sai-mat-khau")
            gate.button.click()
        seen["error"] = gate.error.text()
        seen["disabled"] = not gate.button.isEnabled()
        qtbot.waitUntil(lambda: gate.button.isEnabled(), timeout=5000)  # 1 s, shown counting
        type_text(gate.password, "mat-khau-1")
        gate.button.click()

    _at_login(at_login)
    window = open_window(db_path)
    assert seen["disabled"]
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in seen["error"]
    assert "chờ 1 giây" in seen["error"]
    assert window is not None
    window.show()
    qtbot.waitUntil(lambda: window.attached, timeout=10000)
    assert window.register.user == "hanh" and window.register.key is not None
    page = window.children_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)

    window.set_lock_minutes(0.002)  # 120 ms instead of minutes
    qtbot.waitUntil(window.locked, timeout=5000)
    lock = window.lock_screen
    assert window.screens.currentWidget() is lock and not page.isVisible()  # data hidden
    assert lock.title.text() == "Đã khóa — Lò Thị Hạnh"
    type_text(lock.gate.password, "sai-mat-khau")
    lock.gate.button.click()
    assert window.locked() and "không đúng" in lock.gate.error.text()
    type_text(lock.gate.password, "mat-khau-1")
    lock.gate.button.click()
    assert not window.locked() and page.isVisible()

    # the officer resets the assistant's forgotten password on the Settings page
    window.set_lock_minutes(0)
    window.show_page("settings")
    box = window.settings_page.accounts
    usernames = [box.table.item(r, 0).text() for r in range(box.table.rowCount())]
    assert usernames == ["hanh", "lan"]
    box.table.selectRow(1)
    type_text(box.reset_password, "lan-moi-123")
    box.reset_button.click()
    qtbot.waitUntil(lambda: box.message.text() == "Đã đặt lại mật khẩu của lan.", timeout=5000)
    assert vault.unlock(db_path, "lan", "lan-moi-123") == window.register.key

    # locked again, the assistant unlocks with her new password: the window becomes hers
    window.lock()
    lock = window.lock_screen
    lock.gate.user.select("lan")
    type_text(lock.gate.password, "lan-moi-123")
    lock.gate.button.click()
    assert not window.locked()
    assert window.role == "assistant" and window.register.user == "lan"
    assert "cases" not in window.page_keys and window.cases_page is None
    assert window.user_label.text() == "Lý Thị Lan"
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window.close()
    window.register.close()


def test_forgotten_officer_password_is_reset_with_the_recovery_code(qtbot, db_path, monkeypatch):
    from desktop.ui import recovery_code

    code = _set_up(db_path)
    seen = {}
    shown: list[str] = []
    monkeypatch.setattr(
        recovery_code, "show_recovery_code", lambda box: shown.append(box.view.code)
    )

    def at_login(dialog: LoginDialog) -> None:
        recovery = dialog.recover()
        type_text(recovery.code, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
        type_text(recovery.password, "moi-mat-khau")
        type_text(recovery.again, "moi-mat-khau")
        recovery.ok.click()
        seen["wrong"] = recovery.error.text()
        qtbot.wait(1100)  # the wrong code counted as a failed login
        recovery.code.clear()
        type_text(recovery.code, code.lower())
        recovery.ok.click()
        seen["after"] = dialog.gate.error.text()
        type_text(dialog.gate.password, "moi-mat-khau")
        dialog.gate.button.click()

    _at_login(at_login)
    window = open_window(db_path)
    assert seen["wrong"] == "Mã khôi phục không đúng."
    assert seen["after"] == "Đã đặt mật khẩu mới. Hãy đăng nhập."
    [new_code] = shown  # a new code replaces the one just used
    assert new_code != code
    assert window is not None
    window.show()
    qtbot.waitUntil(lambda: window.attached, timeout=10000)
    assert window.register.user == "hanh"
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window.close()
    window.register.close()


def test_cancelled_login_opens_nothing(qtbot, db_path):
    _set_up(db_path)
    _at_login(lambda dialog: dialog.reject())
    assert open_window(db_path) is None


def test_an_assistant_changes_her_own_password_and_sees_no_account_list(qtbot, db_path):
    from desktop.ui.main_window import MainWindow

    _set_up(db_path)
    register = vault.login(db_path, "lan", "tro-ly-123")
    window = MainWindow(register, role=register.role, username="Lý Thị Lan")
    qtbot.addWidget(window)
    window.show_page("settings")
    box = window.settings_page.accounts
    assert not box.table.isVisible()  # the accounts list is the officer's
    type_text(box.own_password, "lan-doi-456")
    type_text(box.own_again, "lan-doi-457")
    box.change_button.click()
    assert box.message.text() == "Hai lần nhập mật khẩu không giống nhau."
    type_text(box.own_password, "lan-doi-456")
    type_text(box.own_again, "lan-doi-456")
    box.change_button.click()
    qtbot.waitUntil(lambda: box.message.text() == "Đã đổi mật khẩu của lan.", timeout=5000)
    assert vault.unlock(db_path, "lan", "lan-doi-456") == register.key
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window.close()
    register.close()
