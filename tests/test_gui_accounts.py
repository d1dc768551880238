"""The window as each role allows, and the officer's accounts box: disable, enable, remove, with
the keys rotated behind a progress bar."""

from __future__ import annotations

import pytest

from desktop.db import accounts, keyfile, vault
from desktop.db.keyfile import WrongPassword
from desktop.ui import dialogs
from desktop.ui.main_window import MainWindow
from tests.conftest import COMMUNE, TODAY, draft

PASSWORDS = {"hanh": "mat-khau-1", "lan": "tro-ly-123", "xem": "chi-xem-12"}
ROLE_USER = {"officer": "hanh", "assistant": "lan", "viewer": "xem"}


@pytest.fixture
def commune(db_path, monkeypatch):
    monkeypatch.setattr(keyfile, "KDF", {**keyfile.KDF, "time_cost": 1, "memory_cost": 8192})
    register, _code = vault.setup(db_path, COMMUNE, "hanh", "Lò Thị Hạnh", PASSWORDS["hanh"])
    register.add_village("Sín Chải")
    register.add_child(draft(register, "Vàng Thị Mỷ"), today=TODAY)
    register.create_user("lan", "Lý Thị Lan", "assistant", PASSWORDS["lan"])
    register.create_user("xem", "Hờ A Xem", "viewer", PASSWORDS["xem"])
    register.close()
    return db_path


def window_for(qtbot, db_path, user: str) -> MainWindow:
    register = vault.login(db_path, user, PASSWORDS[user])
    window = MainWindow(register, role=register.role, username=user)
    qtbot.addWidget(window)
    return window


def close(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=20000)
    window.close()
    window.register.close()


@pytest.mark.parametrize("role", ["officer", "assistant", "viewer"])
def test_each_role_sees_its_pages_and_the_register_refuses_the_rest(qtbot, commune, role, tmp_path,
                                                                    monkeypatch):  # fmt: skip
    window = window_for(qtbot, commune, ROLE_USER[role])
    officer = role == "officer"
    assert ("cases" in window.page_keys, "audit" in window.page_keys) == (officer, officer)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text: errors.append((title, text)))
    monkeypatch.setattr("desktop.ui.saved_notice.show_saved", lambda *a, **k: None)
    window.show_page("reports")
    usb = tmp_path / "usb"
    usb.mkdir()
    target = usb / "so.xlsx"
    window.reports_page.export_register(target)
    qtbot.waitUntil(lambda: window.reports_page.job is None and window.tasks.pending == 0,
                    timeout=20000)  # fmt: skip
    if role == "viewer":  # refused by the register, before a byte: no file, no trail entry
        assert errors and errors[-1][1] == accounts.VIEWER_EXPORTS
        assert list(usb.iterdir()) == []
    else:
        assert errors == [] and target.exists()
    close(qtbot, window)


def test_the_officer_disables_enables_and_removes_accounts(qtbot, commune, monkeypatch):
    window = window_for(qtbot, commune, "hanh")
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: dialogs.Button.Yes)
    window.show_page("settings")
    box = window.settings_page.accounts
    steps: list[float] = []
    window.tasks.progressed.connect(lambda _job, fraction, _message: steps.append(fraction))

    def status(username: str) -> str | None:
        rows = {box.table.item(r, 0).text(): box.table.item(r, 3).text()
                for r in range(box.table.rowCount())}  # fmt: skip
        return rows.get(username)

    def act(username: str, button, done: str) -> None:
        names = [box.table.item(r, 0).text() for r in range(box.table.rowCount())]
        box.table.selectRow(names.index(username))
        button.click()
        qtbot.waitUntil(lambda: box.message.text() == done, timeout=60000)

    assert status("lan") == "đang dùng"
    act("lan", box.disable_button, "Đã khóa tài khoản lan và đổi khóa mã hóa.")
    assert status("lan") == "đã khóa" and not box.progress.isVisible()
    assert steps and steps[-1] == 1.0  # the re-encryption showed its progress
    with pytest.raises(vault.Disabled):
        vault.unlock(commune, "lan", PASSWORDS["lan"])
    act("lan", box.enable_button, "Đã mở lại tài khoản lan.")
    assert status("lan") == "đang dùng"
    assert vault.unlock(commune, "lan", PASSWORDS["lan"]) == window.register.key
    act("xem", box.remove_button, "Đã xóa tài khoản xem và đổi khóa mã hóa.")
    assert status("xem") is None
    with pytest.raises(WrongPassword):
        vault.unlock(commune, "xem", PASSWORDS["xem"])
    assert window.register.child_count() == 1  # the window carries on under the new key
    close(qtbot, window)
