"""A full disk during a save, an import, a backup and an export: one clear Vietnamese message,
nothing already saved lost, and everything works again once space is freed.

Two real ways to fill a disk: SQLite's `max_page_count` on the register's connections (always
available), and a small tmpfs (a USB stick's worth) when this machine lets the tests mount one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from sqlalchemy import event

from desktop.db import backup
from desktop.db.errors import DISK_FULL_MESSAGE, DiskFull
from desktop.db.integrity import check_register
from desktop.db.register import Register
from desktop.reports import excel_import
from tests.conftest import TODAY, draft

ROOT = Path(__file__).parents[1]


class PageLimit:
    """`PRAGMA max_page_count` on every connection of a register: its disk is 'full'."""

    def __init__(self, register: Register):
        self.register = register
        self.pages: int | None = None
        event.listen(register.engine, "connect", self._apply)

    def _apply(self, dbapi_connection, _record) -> None:
        if self.pages is not None:
            dbapi_connection.execute(f"PRAGMA max_page_count={self.pages}")

    def fill(self, spare_pages: int = 2) -> None:
        with self.register.engine.connect() as conn:
            used = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
        self.pages = used + spare_pages
        self.register.engine.dispose()  # new connections take the limit

    def free(self) -> None:
        self.pages = 1 << 30
        self.register.engine.dispose()


def listing(path: Path, rows: int, first: int = 0) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DS")
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Thôn/bản", "Ghi chú"])
    for i in range(rows):
        name = f"Thào Thị Nhập {first + i}"
        ws.append([i + 1, name, "12/03/2015", "Nữ", "Mông", "Nậm Cang", "x" * 900])
    wb.save(path)
    return path


def fill_with_children(register: Register, count: int) -> None:
    for i in range(count):
        register.add_child(draft(register, f"Vàng A Số {i}", sex="M"), today=TODAY)


def test_saves_on_a_full_disk_fail_clearly_and_lose_nothing(register):
    fill_with_children(register, 20)
    disk = PageLimit(register)
    disk.fill()
    saved = 0
    with pytest.raises(DiskFull) as full:
        for i in range(200):
            register.add_child(draft(register, f"Lò Thị Đầy {i}", notes="ghi chú " * 300))
            saved += 1
    assert str(full.value).startswith(DISK_FULL_MESSAGE)
    assert "Ổ đĩa đã đầy" in str(full.value)
    assert register.child_count() == 20 + saved  # every save acknowledged before is there
    assert not register.find("Đầy", limit=500)[saved:]  # the failed one left no trace
    disk.free()
    register.add_child(draft(register, "Lò Thị Sau Khi Dọn"), today=TODAY)
    assert register.child_count() == 21 + saved
    assert check_register(register) == []


def test_an_import_on_a_full_disk_writes_nothing_and_works_after_freeing(register, tmp_path):
    fill_with_children(register, 10)
    plan = excel_import.read_plan(register, listing(tmp_path / "ds.xlsx", 300), today=TODAY)
    assert not plan.problems
    disk = PageLimit(register)
    disk.fill(spare_pages=20)
    with pytest.raises(DiskFull):
        excel_import.commit(register, plan, today=TODAY)
    assert register.child_count() == 10
    assert len(register.villages()) == 3  # "Nậm Cang" existed; no half-added rows of any kind
    disk.free()
    assert excel_import.commit(register, plan, today=TODAY) == 300
    assert register.child_count() == 310
    assert check_register(register) == []


def test_the_save_button_on_a_full_disk_shows_the_message(qtbot, register, monkeypatch):
    from desktop.ui import dialogs
    from desktop.ui.main_window import MainWindow
    from tests.gui_helpers import type_text

    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text: errors.append((title, text)))
    window = MainWindow(register, role="officer", username="Cán bộ")
    window.show()
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    disk = PageLimit(register)
    disk.fill(spare_pages=0)
    with pytest.raises(DiskFull):  # the last free bytes of the last pages go too
        fill_with_children(register, 1000)
    saved = register.child_count()
    page = window.children_page
    page.new_child()
    form = page.form
    type_text(form.full_name, "Giàng Thị Mỷ")
    type_text(form.sex, "nu")
    form.birth.setFocus()
    form.birth.clear()
    type_text(form.birth, "02/09/2017")
    type_text(form.ethnic, "hmong")
    type_text(form.village, "sin chai")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert errors[0][0] == "Không lưu được" and errors[0][1].startswith(DISK_FULL_MESSAGE)
    assert register.child_count() == saved and form.is_dirty()  # the typed form is still there
    disk.free()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: register.child_count() == saved + 1, timeout=10000)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window.close()


# ---- a real small disk (tmpfs), as a nearly full USB stick or data disk --------------------


@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    mount = tmp_path / "usb"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_disk(folder: Path) -> Path:
    filler = folder / "phim.bin"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    return filler


def sotreem(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args],
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip


def children_of(db: Path) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM child ORDER BY id").fetchall()


def refused_as_full(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 3, result.stderr
    assert f"Lỗi: {DISK_FULL_MESSAGE}" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr


def test_commands_on_a_full_stick_say_so_and_leave_no_half_files(small_disk, tmp_path):
    db = tmp_path / "xa.db"
    register = Register.open(db)
    register.init_commune("02725")
    register.add_village("Sín Chải")
    fill_with_children(register, 200)
    register.close()
    before = children_of(db)
    filler = fill_disk(small_disk)
    refused_as_full(sotreem(db, "backup", "-o", str(small_disk / "sao-luu.db")))
    refused_as_full(sotreem(db, "export", "register", "-o", str(small_disk / "so.xlsx")))
    refused_as_full(sotreem(db, "report", "monthly", "--period", "2026-10", "-o",
                            str(small_disk / "bc.pdf")))  # fmt: skip
    assert sorted(p.name for p in small_disk.iterdir()) == ["phim.bin"]  # no half copies
    assert children_of(db) == before
    # The trail took each export before its first byte, and then that it was not written.
    with Register.open(db) as again:
        trail = [(e.entity, e.detail) for e in again.audit_entries() if e.action == "exported"]
    failed = "không xong — tệp không được ghi"
    assert trail == [
        ("report", f"bc.pdf; {failed}"), ("report", "bc.pdf"),
        ("register", f"so.xlsx; {failed}"), ("register", "so.xlsx; 200 trẻ em"),
    ]  # fmt: skip
    filler.unlink()
    assert sotreem(db, "backup", "-o", str(small_disk / "sao-luu.db")).returncode == 0
    assert backup.describe(small_disk / "sao-luu.db").children == 200


@pytest.mark.long
def test_commands_on_a_full_data_disk_keep_what_was_saved(small_disk, tmp_path):
    db = small_disk / "xa.db"
    assert sotreem(db, "init", "--commune", "02725", "--village", "Sín Chải").returncode == 0
    assert sotreem(db, "import", str(listing(tmp_path / "a.xlsx", 20))).returncode == 0
    assert sotreem(db, "backup", "-o", str(tmp_path / "cu.db")).returncode == 0
    assert sotreem(db, "import", str(listing(tmp_path / "c.xlsx", 5, first=50))).returncode == 0
    filler = fill_disk(small_disk)
    refused_as_full(sotreem(db, "import", str(listing(tmp_path / "b.xlsx", 400, first=100))))
    refused_as_full(sotreem(db, "init", "--commune", "02725", "--village", "Lao Chải"))
    refused_as_full(sotreem(db, "backup"))
    refused_as_full(sotreem(db, "restore", str(tmp_path / "cu.db"), "--yes"))
    filler.unlink()
    checked = sotreem(db, "check")
    assert checked.returncode == 0 and "25 trẻ em" in checked.stdout
    assert sotreem(db, "import", str(listing(tmp_path / "b.xlsx", 400, first=100))).returncode == 0
    assert "425 trẻ em" in sotreem(db, "check").stdout


def test_an_export_to_a_full_stick_shows_the_message_in_the_window(
    qtbot, register, small_disk, monkeypatch, saved_notices
):
    from desktop.ui import dialogs
    from desktop.ui.reports_page import ReportsPage
    from desktop.ui.taskman import TaskManager

    fill_with_children(register, 50)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text: errors.append((title, text)))
    tasks = TaskManager()
    page = ReportsPage(register, tasks)
    qtbot.addWidget(page)
    filler = fill_disk(small_disk)
    page.export_register(small_disk / "so.xlsx")
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    assert errors == [("Không lưu được", f"{DISK_FULL_MESSAGE} ({small_disk / 'so.xlsx'})")]
    assert not (small_disk / "so.xlsx").exists() and page.job is None
    filler.unlink()
    with qtbot.waitSignal(page.saved, timeout=20000):
        page.export_register(small_disk / "so.xlsx")
    assert [n.path for n in saved_notices] == [small_disk / "so.xlsx"]  # only the second time
    tasks.shutdown()


def test_a_full_disk_in_a_job_without_its_own_error_handler_still_says_so(
    qtbot, register, monkeypatch
):
    from desktop.ui import dialogs
    from desktop.ui.taskman import TaskManager

    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text: errors.append((title, text)))
    tasks = TaskManager()
    disk = PageLimit(register)
    disk.fill(spare_pages=0)

    def save_many():
        fill_with_children(register, 1000)

    tasks.run_db(save_many)
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    assert errors[0][0] == "Không lưu được" and errors[0][1].startswith(DISK_FULL_MESSAGE)
    tasks.shutdown()
