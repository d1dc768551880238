"""The Đồng bộ page against a real `sotreem-server serve`: set up, sync, offline, conflicts."""

from __future__ import annotations

import pytest

from desktop.db.changes import Changes
from desktop.db.register import Register
from desktop.sync.client import SyncClient
from desktop.ui import dialogs
from desktop.ui.main_window import MainWindow
from tests.conftest import draft
from tests.gui_helpers import type_text
from tests.sync.test_sync_cli import LiveServer, _free_port

# Its tests share one expensive fixture: `make test` (pytest -n) runs them on one worker.
pytestmark = pytest.mark.xdist_group("gui-sync")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("server"))
    yield live
    live.stop()


@pytest.fixture
def window(qtbot, register):
    win = MainWindow(register, role="officer", username="Cán bộ")
    qtbot.addWidget(win)
    win.sync.stop()  # each sync here is pressed by the test, not started by the 30-s schedule
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    win.show_page("sync")
    yield win
    win.close()


def wait_idle(qtbot, win):
    qtbot.waitUntil(lambda: win.tasks.pending == 0 and not win.sync.running, timeout=30_000)


def messages(monkeypatch, name):
    said: list[str] = []
    monkeypatch.setattr(dialogs, name, lambda parent, title, text: said.append(text))
    return said


def sync_now(qtbot, window):
    window.sync_page.sync_button.click()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not window._refresh_timer.isActive())
    wait_idle(qtbot, window)


def set_up(qtbot, window, server, monkeypatch) -> str:
    token = server.device()
    page = window.sync_page
    type_text(page.server, server.url)
    type_text(page.token, token)
    told = messages(monkeypatch, "inform")
    page.test_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert "Kết nối được" in told[0]
    return token


def test_connect_sync_and_see_it_reflected(qtbot, window, register, server, monkeypatch):
    register.add_child(draft(register, "Lò Thị Mai"))
    token = set_up(qtbot, window, server, monkeypatch)
    page = window.sync_page
    assert register.setting("sync.server") == server.url  # remembered after a good test
    wait_idle(qtbot, window)
    assert page.unsent_label.text() != "0"
    told = messages(monkeypatch, "inform")
    sync_now(qtbot, window)
    assert told and "Đã đồng bộ" in told[-1]
    assert page.unsent_label.text() == "0"
    assert page.last_label.text() == "vừa xong"
    assert server.acked(token) > 0
    assert "lần cuối vừa xong" in window.sync_status.text()
    assert "0 thay đổi chưa gửi" in window.sync_status.text()


def test_sync_now_offline_says_so_and_keeps_changes(qtbot, window, register, monkeypatch):
    register.add_child(draft(register, "Giàng A Páo"))
    register.set_settings({"sync.server": f"http://127.0.0.1:{_free_port()}", "sync.token": "x.y"})
    page = window.sync_page
    page.server.setText(register.setting("sync.server"))
    page.token.setText("x.y")
    errors = messages(monkeypatch, "error")
    sync_now(qtbot, window)
    assert errors, "pressing sync with no server must say why"
    assert "máy chủ" in errors[0].lower()
    assert page.error_label.text() == errors[0]
    assert register.unsent_count() > 0  # nothing marked sent
    assert window.sync.failures == 1
    assert "không kết nối được" in window.sync_status.text()


def test_same_field_edited_on_two_desks_shows_a_conflict_to_settle(
    qtbot, window, register, server, monkeypatch, tmp_path
):
    child = register.add_child(draft(register, "Vàng Thị Dế")).created_id
    set_up(qtbot, window, server, monkeypatch)
    messages(monkeypatch, "inform")
    sync_now(qtbot, window)

    # A second PC of the same commune gets the child, then changes the caregiver.
    other = Register.open(tmp_path / "other.db")
    other.init_commune(register.commune_code or "")
    other_token = server.device()
    with SyncClient(other, server.url, other_token) as client:
        client.sync_once()
        assert other.get_child(child) is not None
        register.update_child(child, draft(register, "Vàng Thị Dế", caregiver_name="Vàng A Chứ"))
        # the other PC edits the same field later: its value wins, ours is kept aside
        other.update_child(child, draft(other, "Vàng Thị Dế", caregiver_name="Vàng Thị Súa"))
        client.sync_once()
    sync_now(qtbot, window)
    page = window.sync_page
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1)
    row = [page.conflicts.item(0, c).text() for c in range(page.conflicts.columnCount())]
    assert "Vàng Thị Dế" in row[0]
    assert row[2] == "Vàng Thị Súa" and row[3] == "Vàng A Chứ"
    assert register.get_child(child).caregiver_name == "Vàng Thị Súa"
    assert "1 xung đột cần xem" in window.sync_status.text()

    page.conflicts.selectRow(0)
    page.other_button.click()  # the officer keeps what she typed
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0)
    assert register.get_child(child).caregiver_name == "Vàng A Chứ"
    sync_now(qtbot, window)
    with SyncClient(other, server.url, other_token) as client:
        client.sync_once()
    assert other.get_child(child).caregiver_name == "Vàng A Chứ"
    other.close()


def test_district_reader_sees_the_area_and_each_commune(qtbot, tmp_path, saved_notices):
    from tests.sync.conftest import COMMUNE, NEIGHBOUR, Hub, child_draft, new_desk, new_reader

    hub = Hub(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        ban_xeo = new_desk(hub, tmp_path / "a.db", COMMUNE)
        a_mu_sung = new_desk(hub, tmp_path / "b.db", NEIGHBOUR)
        for name in ("Lò Thị Mai", "Giàng A Páo"):
            ban_xeo.register.add_child(child_draft(ban_xeo.register, name))
        a_mu_sung.register.add_child(child_draft(a_mu_sung.register, "Sùng Thị Dua"))
        ban_xeo.sync()
        a_mu_sung.sync()
        reader = new_reader(hub, tmp_path / "doc.db")
        reader.sync()
        reader.register.set_settings({"sync.reader": "doc15"})  # as `sotreem sync --reader` does
        win = MainWindow(reader.register, role="viewer", username="Huyện")
        qtbot.addWidget(win)
        win.sync.stop()  # no scheduled sync refreshes the figures behind the test's back
        qtbot.waitUntil(lambda: win.tasks.pending == 0)
        win.show()
        win.show_page("reports")
        page = win.reports_page
        qtbot.waitUntil(lambda: page.area.count() >= 3 and page.figures is not None)
        assert page.area.isVisible() and not page.sent_button.isVisible()
        # no empty commune pages; every commune's injuries and self-assessments
        assert win.page_keys == ["reports", "sync", "injuries", "assessment", "settings"]
        assert [win.nav.item(i).text() for i in range(win.nav.count())] == [
            "Báo cáo", "Đồng bộ", "Tai nạn, đuối nước", "Xã phù hợp với trẻ em", "Cài đặt"
        ]
        assert page.area.itemText(0).startswith("Toàn địa bàn")

        def children_shown() -> int:
            return page.figures["children_under_16"]["total"]

        whole = children_shown()
        assert whole == 3
        page.area.setCurrentIndex(page.area.findData(NEIGHBOUR))
        qtbot.waitUntil(lambda: children_shown() == 1)
        assert "A Mú Sung" in page.preview.toPlainText()
        page.area.setCurrentIndex(page.area.findData(COMMUNE))
        qtbot.waitUntil(lambda: children_shown() == 2)
        out = tmp_path / "ban-xeo.json"
        page.save_report(out, "json")
        qtbot.waitUntil(lambda: bool(saved_notices) and win.tasks.pending == 0)
        assert '"Xã Bản Xèo"' in out.read_text(encoding="utf-8")
        assert saved_notices[0].path == out
        assert win.sync_page.reader.text() == "doc15"  # the account logs in again by password
        win.close()
        for desk in (ban_xeo, a_mu_sung, reader):
            desk.register.close()
    finally:
        hub.close()


def test_usb_bundle_round_trip_from_the_sync_page(
    qtbot, window, register, monkeypatch, tmp_path, saved_notices
):
    from server import usb
    from tests.sync.conftest import Hub

    hub = Hub(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        register.add_child(draft(register, "Thào Thị Chá"))
        token = hub.device_token(register.commune_code or "")
        page = window.sync_page
        type_text(page.token, token)
        told = messages(monkeypatch, "inform")
        request, reply = tmp_path / "E" / "gui-len.stb", tmp_path / "E" / "tra-loi.stb"
        request.parent.mkdir()
        unsent = register.unsent_count()
        page.write_bundle(request)
        qtbot.waitUntil(lambda: bool(saved_notices), timeout=20_000)
        [notice] = saved_notices  # the file to carry, and its folder
        assert notice.path == request and request.exists() and notice.folder_only
        assert f"Đã ghi {unsent} thay đổi" in notice.detail
        assert register.unsent_count() == unsent  # sent only once the reply is imported

        usb.import_bundle(hub.engine, request.read_bytes(), reply)  # at the district

        page.read_bundle(reply)
        qtbot.waitUntil(lambda: len(told) == 1, timeout=20_000)
        assert f"Máy chủ đã nhận {unsent} thay đổi (từ chối 0)" in told[-1]
        assert register.unsent_count() == 0
        qtbot.waitUntil(lambda: page.unsent_label.text() == "0")  # the page shows it too
        assert len(hub.records("child")) == 1

        errors = messages(monkeypatch, "error")
        page.read_bundle(reply)  # the same answer again: refused, nothing applied
        qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
        assert "Traceback" not in errors[0]
    finally:
        hub.close()


def test_first_run_as_a_district_reader_logs_in_and_pulls_the_area(qtbot, server, tmp_path):
    from PySide6.QtWidgets import QWizard

    from desktop.db import vault
    from desktop.ui.app import window_after_setup
    from desktop.ui.wizard import FirstRunWizard
    from server import auth
    from tests.sync.test_sync_cli import _free_port

    desk = Register.open(tmp_path / "xa.db")
    desk.init_commune("02686")  # A Mú Sung: other tests here push Bản Xèo to this server
    for name in ("Sín Chải", "Lao Chải", "Nậm Cang"):
        desk.add_village(name)
    for name in ("Lò Thị Mai", "Giàng A Páo"):
        desk.add_child(draft(desk, name))
    SyncClient(desk, server.url, server.device("02686")).sync_once()
    desk.close()
    with server.engine.begin() as conn:
        password = auth.add_reader(conn, "laocai", "15")

    db_path = tmp_path / "tinh.db"
    wizard = FirstRunWizard(db_path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.use_page.reader.setChecked(True)
    wizard.next()
    page = wizard.reader_page
    assert wizard.currentPage() is page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    type_text(page.server, f"http://127.0.0.1:{_free_port()}")  # nothing listens there
    type_text(page.username, "laocai")
    type_text(page.password, password)
    finish.click()
    assert "Không kết nối được máy chủ" in page.error.text()
    assert wizard.register is None and not db_path.exists()  # nothing half-made
    page.server.clear()
    type_text(page.server, server.url)
    page.password.clear()
    type_text(page.password, "sai-mat-khau")
    finish.click()
    assert page.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert wizard.register is None and not db_path.exists()
    page.password.clear()
    type_text(page.password, password)
    finish.click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    register = wizard.register
    assert register.is_reader and register.reader_unit == "15" and vault.is_encrypted(db_path)
    assert [(a.username, a.role) for a in vault.accounts(db_path)] == [("laocai", "viewer")]

    window = window_after_setup(wizard, db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.current_page() is window.sync_page  # the first pull shows its progress
    wait_idle(qtbot, window)
    assert window.page_keys == ["reports", "sync", "injuries", "assessment", "settings"]
    window.show_page("reports")
    reports = window.reports_page
    qtbot.waitUntil(lambda: reports.figures is not None and reports.area.findData("02686") > 0)
    reports.area.setCurrentIndex(reports.area.findData("02686"))
    # the whole area may hold the same count (when A Mú Sung is all this server has seen), so
    # wait for the commune's own report
    qtbot.waitUntil(lambda: "A Mú Sung" in reports.preview.toPlainText())
    assert reports.figures["children_under_16"]["total"] == 2
    reports.on_changes(Changes())  # a pull's changes: the communes are listed again …
    wait_idle(qtbot, window)
    assert reports.area.currentData() == "02686"  # … and the reader's choice stays
    assert "A Mú Sung" in reports.preview.toPlainText()
    window.close()
    register.close()
    with vault.login(db_path, "laocai", password) as again:  # the next start, offline
        assert again.is_reader and again.setting("sync.server") == server.url


def test_records_not_synced_are_listed_and_sent_again_and_a_restore_is_explained(
    qtbot, window, register, server, monkeypatch
):
    from sqlalchemy import text

    from desktop.db import incarnation
    from desktop.db.sync_store import Incoming

    lan = register.add_child(draft(register, "Lò Thị Lan")).created_id
    with register.engine.begin() as conn:  # an older desktop wrote "yesterday" as the time
        conn.execute(
            text("UPDATE change_log SET fields = json_set(fields, '$.created_at', 'hôm qua') "
                 "WHERE row_id = :id"), {"id": lan},
        )  # fmt: skip
    broken = Incoming(10**9, "circumstance", "0193aaaa-0000-7000-8000-000000000009",
                      register.commune_code or "", "1790000000000-0000-x", "x",
                      {"child_id": "0193aaaa-0000-7000-8000-0000000000aa", "kind": "special",
                       "group_code": "a", "start_date": "2026-01-05"})  # fmt: skip
    register.apply_pulled([broken], 0)  # its child never came: set aside
    register.set_settings({incarnation.RESTORED_KEY: '{"how": "restored", "file": "x.db"}'})
    set_up(qtbot, window, server, monkeypatch)
    sync_now(qtbot, window)
    page = window.sync_page
    table = page.failures
    qtbot.waitUntil(lambda: table.rowCount() == 2)
    labels = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(2)}
    assert "created_at" in labels["Trẻ em Lò Thị Lan"]
    assert any("chưa áp dụng được" in why for why in labels.values())
    assert "Đã đối chiếu dữ liệu khôi phục" in page.notice_label.text()
    assert page.retry_button.isVisibleTo(page)
    page.retry_button.click()  # the record goes up again as it stands; the sync runs
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=30_000)
    wait_idle(qtbot, window)
    assert "chưa áp dụng được" in table.item(0, 1).text()
    assert register.sync_state().unsent == 0
