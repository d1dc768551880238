"""Settings → Sao lưu và khôi phục: a copy to a USB folder, and a restore after a preview."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.db import vault
from desktop.db.audit import AuditFilter
from desktop.ui import dialogs
from desktop.ui.main_window import MainWindow
from tests.conftest import draft
from tests.gui_helpers import Answers


@pytest.fixture
def encrypted(tmp_path):
    register, _code = vault.setup(
        tmp_path / "data" / "sotreem.db", "02725", "hanh", "Lò Thị Hạnh", "mat-khau-hanh"
    )
    register.add_village("Sín Chải")
    yield register
    register.close()


def test_backup_to_a_usb_folder_then_restore_it_after_a_preview(
    qtbot, encrypted, tmp_path, monkeypatch, saved_notices
):
    register = encrypted
    register.add_child(draft(register, "Lò Thị Mai"))
    win = MainWindow(register, role="officer", username="Lò Thị Hạnh")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    win.show_page("settings")
    box = win.settings_page.backup

    usb = tmp_path / "usb"
    usb.mkdir()
    box.back_up_to(usb)
    qtbot.waitUntil(lambda: "Đã sao lưu" in box.last.text(), timeout=20_000)
    copies = list(usb.glob("sotreem-*.db"))
    assert len(copies) == 1 and copies[0].with_suffix(".keys.json").exists()
    assert "1 trẻ em" in box.last.text()
    [notice] = saved_notices  # where the copy went, with "Mở thư mục" only
    assert notice.path == copies[0] and notice.folder_only
    assert "1 trẻ em" in notice.detail and copies[0].with_suffix(".keys.json").name in notice.detail
    with pytest.raises(sqlite3.DatabaseError):  # the copy on the stick is encrypted too
        sqlite3.connect(copies[0]).execute("SELECT COUNT(*) FROM child").fetchone()

    register.add_child(draft(register, "Giàng A Páo"))  # made after the backup, not yet sent
    answers = Answers(dialogs.Button.Yes)
    monkeypatch.setattr(dialogs, "ask", answers)
    box.preview(copies[0])
    qtbot.waitUntil(lambda: bool(answers.questions), timeout=20_000)
    title, text = answers.questions[0]
    assert title == "Khôi phục bản sao lưu?"
    assert "1 trẻ em" in text and "0 vụ việc" in text
    assert "CẢNH BÁO" in text and "chưa gửi" in text

    qtbot.waitUntil(lambda: win.register is not register, timeout=20_000)
    qtbot.waitUntil(lambda: win.tasks.pending == 0 and win.attached)
    restored = win.register
    assert restored.child_count() == 1
    assert [c.full_name for c in restored.find("mai")] == ["Lò Thị Mai"]
    assert restored.find("pao") == []
    assert restored.user == "hanh" and restored.key is not None
    entry = next(restored.audit_entries(AuditFilter(action="restored")))
    assert entry.label == copies[0].name and entry.username == "hanh"
    safety = list((tmp_path / "data" / "backups").glob("truoc-khoi-phuc-*.db"))
    assert safety, "what was replaced is kept"
    assert win.settings_page.backup is not box  # the pages were rebuilt over the restored data
    win.close()
    restored.close()
