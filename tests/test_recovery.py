"""A damaged register at start: the newest automatic backup is offered, or the way out explained.

Damage comes in the shapes a power cut, a failing disk or a bad USB copy leave: scrambled
pages, a file cut short, a header wiped, a file of garbage.
"""

from __future__ import annotations

import os

import pytest

from desktop.db import backup
from desktop.db.register import Register
from tests.conftest import TODAY, draft
from tests.gui_helpers import answer_login


def scramble(path):
    with open(path, "r+b") as f:
        f.seek(4096 * 3)
        f.write(b"\xff" * 4096 * 20)


def truncate(path):
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.truncate(size * 2 // 5)


def wipe_header(path):
    with open(path, "r+b") as f:
        f.write(b"\0" * 100)


def garbage(path):
    path.write_bytes(os.urandom(path.stat().st_size))


DAMAGE = {"scrambled": scramble, "truncated": truncate, "header": wipe_header, "garbage": garbage}


@pytest.fixture
def saved_register(db_path):
    register = Register.open(db_path)
    register.init_commune("02725")
    register.create_user("hanh", "Lò Thị Hạnh", "officer", "mat-khau-1")
    register.add_village("Sín Chải")
    for i in range(300):
        register.add_child(draft(register, f"Vàng A Số {i}", sex="M"), today=TODAY)
    register.close()
    return db_path


def open_answering(qtbot, monkeypatch, db_path, answer):
    from desktop.ui import dialogs
    from desktop.ui.app import open_window

    said: list[tuple[str, str, str]] = []

    def ask(parent, title, text, *rest):
        said.append(("ask", title, text))
        # the damage question gets `answer`; "encrypt this older register now?" waits
        return answer if title == "Sổ trẻ em bị hỏng" else dialogs.Button.No

    monkeypatch.setattr(dialogs, "ask", ask)
    monkeypatch.setattr(dialogs, "error", lambda p, t, text: said.append(("error", t, text)))
    window = open_window(db_path)
    if window is not None:
        window.show()
        qtbot.waitUntil(lambda: bool(window.attached or said), timeout=20000)
    return window, said


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_file_at_start_offers_the_newest_backup(qtbot, monkeypatch, saved_register, damage):
    from desktop.ui import dialogs

    db_path = saved_register
    backup.automatic(db_path, backup.folder_for(db_path))
    DAMAGE[damage](db_path)
    answer_login("hanh", "mat-khau-1")  # before the damage is found, or after the restore
    window, said = open_answering(qtbot, monkeypatch, db_path, dialogs.Button.Yes)
    if window is not None and not window.attached:  # damage found by the full check on open
        qtbot.waitUntil(lambda: window.attached, timeout=20000)
    assert said and said[0][:2] == ("ask", "Sổ trẻ em bị hỏng") and "300 trẻ em" in said[0][2]
    assert window.register.child_count() == 300
    assert db_path.with_name(f"{db_path.stem}-hong.db").exists()  # kept for whoever looks
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window.close()
    window.register.close()


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_file_without_a_backup_is_explained_not_crashed(
    qtbot, monkeypatch, saved_register, damage
):
    from desktop.ui import dialogs

    db_path = saved_register
    DAMAGE[damage](db_path)
    before = db_path.read_bytes()
    window, said = open_answering(qtbot, monkeypatch, db_path, dialogs.Button.Yes)
    assert said and said[0][:2] == ("error", "Sổ trẻ em bị hỏng")
    assert "sotreem restore" in said[0][2] and str(db_path) in said[0][2]
    assert db_path.read_bytes() == before  # nothing touched the damaged file
    if window is not None:
        qtbot.waitUntil(lambda: window.tasks.pending == 0)
        window.close()
