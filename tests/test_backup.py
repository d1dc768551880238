"""Backups: consistent copies while open, checked before trust, restore keeps a safety copy."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from desktop.db import backup
from desktop.db.register import Register
from tests.conftest import TODAY, draft


def test_backup_and_restore_round_trip(register, db_path, tmp_path):
    register.add_child(draft(register, "Vàng A Dính", sex="M"), today=TODAY)
    info = backup.backup(db_path, tmp_path / "usb" / "sao-luu.db")
    assert (info.commune_code, info.children) == ("02725", 1)
    assert info.unsent_changes == register.unsent_count()
    register.add_child(draft(register, "Sùng Thị Mỷ"), today=TODAY)  # after the backup
    register.close()

    safety = backup.restore(tmp_path / "usb" / "sao-luu.db", db_path, backup.folder_for(db_path))
    restored = Register.open(db_path)
    assert [r.full_name for r in restored.find("a", limit=10)] == ["Vàng A Dính"]
    assert safety is not None and backup.describe(safety).children == 2  # nothing is lost
    restored.close()


def test_files_that_are_not_register_backups_are_refused(tmp_path):
    junk = tmp_path / "anh.db"
    junk.write_bytes(b"\x89PNG not a database at all" * 100)
    with pytest.raises(backup.BackupError, match="không phải bản sao lưu Sổ Trẻ Em"):
        backup.describe(junk)
    import sqlite3

    other = tmp_path / "khac.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(backup.BackupError, match="không phải bản sao lưu Sổ Trẻ Em"):
        backup.describe(other)
    with pytest.raises(backup.BackupError, match="Không có tệp"):
        backup.describe(tmp_path / "khong-co.db")


def test_automatic_backups_rotate_and_run_once_a_day(register, db_path):
    folder = backup.folder_for(db_path)
    for _ in range(backup.KEEP + 3):
        backup.automatic(db_path, folder)
    assert len(list(folder.glob("sotreem-*.db"))) == backup.KEEP
    assert backup.daily(db_path) is None  # one was just made
    tomorrow = datetime.now() + timedelta(days=1, minutes=1)
    assert backup.daily(db_path, now=tomorrow) is not None


def test_closing_the_window_leaves_a_backup(qtbot, register, db_path):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(register)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    before = set(backup.folder_for(db_path).glob("sotreem-*.db"))
    window.close()
    after = set(backup.folder_for(db_path).glob("sotreem-*.db"))
    assert len(after - before) == 1
    assert backup.describe((after - before).pop()).commune_code == "02725"


def test_backup_and_restore_commands(tmp_path):
    db = tmp_path / "xa.db"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args],
                              capture_output=True, text=True)  # fmt: skip

    run("demo", "--children", "30")
    made = run("backup", "-o", str(tmp_path / "bk.db"))
    assert made.returncode == 0 and "30 trẻ em" in made.stdout
    preview = run("restore", str(tmp_path / "bk.db"))
    assert preview.returncode == 1 and "CẢNH BÁO" in preview.stdout and "--yes" in preview.stdout
    done = run("restore", str(tmp_path / "bk.db"), "--yes")
    assert done.returncode == 0 and "Dữ liệu cũ được giữ tại" in done.stdout
    bad = run("restore", str(tmp_path / "khong-co.db"))
    assert bad.returncode == 2 and "Không có tệp" in bad.stderr


def test_a_damaged_database_is_caught_at_start_and_the_backup_offered(qtbot, db_path, monkeypatch):
    from desktop.ui import dialogs
    from desktop.ui.app import open_window

    register = Register.open(db_path)
    register.init_commune("02725")
    register.create_user("hanh", "Lò Thị Hạnh", "officer", "mat-khau-1")
    register.add_village("Sín Chải")
    for i in range(300):
        register.add_child(draft(register, f"Vàng A Số{i}", sex="M"), today=TODAY)
    register.close()
    backup.automatic(db_path, backup.folder_for(db_path))
    with open(db_path, "r+b") as f:  # a power cut or a failing disk scrambles some pages
        f.seek(4096 * 3)
        f.write(b"\xff" * 4096 * 20)
    answers = []
    monkeypatch.setattr(
        dialogs,
        "ask",
        lambda parent, title, text, *rest: answers.append((title, text)) or dialogs.Button.Yes,
    )
    from desktop.ui import recovery_code
    from tests.gui_helpers import answer_login

    # after the restore the officer is offered encryption (yes) and shown the recovery code
    monkeypatch.setattr(recovery_code, "show_recovery_code", lambda box: None)
    answer_login("hanh", "mat-khau-1")
    window = open_window(db_path)
    window.show()
    qtbot.waitUntil(lambda: window.attached, timeout=20000)
    assert answers and answers[0][0] == "Sổ trẻ em bị hỏng" and "300 trẻ em" in answers[0][1]
    assert window.register.child_count() == 300
    assert db_path.with_name(f"{db_path.stem}-hong.db").exists()  # the damaged file is kept
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window.close()
    window.register.close()
