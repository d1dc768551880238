"""A desktop restored from an older backup syncs on, whatever its clocks say: re-based, not refused.

The restored copy is a new incarnation of the database. Its new edits reuse old seq numbers and
may carry old, equal or future clocks; the server takes them as new work, the changes the copy
carries from before the backup are recognised as replays, everything the server acknowledged
before the restore comes back to the copy, and the officer is told what happened.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import text

from desktop.db import backup
from desktop.db.integrity import check_register
from desktop.db.register import Register
from desktop.domain.hlc import HybridClock
from tests.sync.conftest import COMMUNE, Desk, child_draft, new_desk, new_reader, share_commune
from tests.sync.test_sync import rows

YEAR_MS = 365 * 86_400_000


def _pc_clock(register: Register, read) -> None:
    """The PC's clock reads `read()` from now on (the hybrid clock keeps what it has seen)."""
    register.db.clock = HybridClock(register.device_id, read, register.clock.last)


def _real_now() -> int:
    return time.time_ns() // 1_000_000


def _restore(desk: Desk, copy: Path, tmp_path: Path) -> Desk:
    """The officer restores `copy` over the desk's register and opens it again."""
    path = desk.register.path
    desk.register.close()
    backup.restore(copy, path, tmp_path / "safety")
    return Desk(Register.open(path), desk.token, desk.hub)


def _notes(register: Register, child_id: str) -> str:
    child = register.get_child(child_id)
    assert child is not None
    return child.notes


def _edit_notes(register: Register, child_id: str, notes: str) -> None:
    draft = register.draft_of(register.get_child(child_id))
    draft.notes = notes
    register.update_child(child_id, draft)


def assert_same(a: Register, b: Register, commune: str) -> None:
    """Every row equal on both sides, but for the clock of an audit entry: the server may give
    an entry of a wrong clock its own time, and an entry, written once, never takes another
    here (its triggers refuse updates; an insert-only row's clock decides nothing)."""
    left, right = rows(a, commune), rows(b, commune)
    assert left.keys() == right.keys()
    diffs = [(k, f) for k in left for f in left[k] if left[k][f] != right[k][f]
             and not (k[0] == "auditentry" and f == "updated_at")]  # fmt: skip
    assert not diffs, diffs[:5]


def _device_changes_are_unique(hub) -> None:
    with hub.engine.connect() as conn:
        dupes = conn.execute(
            text("SELECT COUNT(*) FROM (SELECT entity, row_id, hlc, fields FROM change "
                 "WHERE device_id IS NOT NULL GROUP BY entity, row_id, hlc, fields "
                 "HAVING COUNT(*) > 1) d")
        ).scalar_one()  # fmt: skip
    assert dupes == 0


def test_a_restore_after_syncing_from_2030_loses_no_edit_and_says_so(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    a.sync()
    b = share_commune(hub, tmp_path / "b.db", a)
    unsent = a.register.add_child(child_draft(a.register, "Vàng Thị Dua")).created_id
    copy = tmp_path / "sao-luu.db"
    backup.backup(a.register.path, copy)  # last week's backup, with one change still unsent
    before = a.register.incarnation

    _pc_clock(a.register, lambda: _real_now() + 4 * YEAR_MS)  # then the PC's clock read 2030
    later = a.register.add_child(child_draft(a.register, "Sùng Thị Sau")).created_id
    _edit_notes(a.register, mai, "ghi lúc đồng hồ sai")
    assert a.sync().rejected == 0  # the unsent one and the 2030 edits reach the server

    a = _restore(a, copy, tmp_path)  # the disk failed; the officer restores the backup
    assert a.register.incarnation != before
    assert "khôi phục từ bản sao lưu" in (a.register.sync_state().notice or "")
    _pc_clock(a.register, _real_now)  # the clock is right again; new edits reuse old seqs
    new = a.register.add_child(child_draft(a.register, "Giàng Thị Mới")).created_id
    _edit_notes(a.register, mai, "ghi sau khi khôi phục")
    report = a.sync()
    assert report.rejected == 0 and report.pushed > 0
    assert report.notice is not None and "không có thay đổi nào bị gửi trùng" in report.notice
    assert a.register.sync_state().notice is None and a.register.unsent_count() == 0

    # Nothing acknowledged before the restore is lost: the copy got its own later work back.
    on_server = hub.records("child")
    assert {mai, unsent, later, new} <= set(on_server)
    assert a.register.get_child(later) is not None
    assert _notes(a.register, mai) == on_server[mai]["notes"] == "ghi sau khi khôi phục"
    [conflict] = a.register.conflicts()  # the two copies' edits of one field: both kept
    assert {conflict.kept_text, conflict.lost_text} == {"ghi sau khi khôi phục",
                                                        "ghi lúc đồng hồ sai"}  # fmt: skip
    _device_changes_are_unique(hub)
    b.sync()
    reader = new_reader(hub, tmp_path / "tinh.db")
    reader.sync()
    assert_same(a.register, b.register, COMMUNE)
    assert_same(a.register, reader.register, COMMUNE)
    assert check_register(a.register) == []


def test_a_restored_copy_whose_clock_stands_still_stamps_no_edit_twice(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    stuck = _real_now() - 3_600_000
    _pc_clock(a.register, lambda: stuck)  # a PC clock that does not move at all
    ids = [a.register.add_child(child_draft(a.register, f"Lò Thị {n}")).created_id
           for n in ("Mai", "Lan", "Hoa")]  # fmt: skip
    a.sync()
    copy = tmp_path / "sao-luu.db"
    backup.backup(a.register.path, copy)
    for n, child_id in enumerate(ids):
        _edit_notes(a.register, child_id, f"bản gốc {n}")
    a.sync()
    original = {c: _notes(a.register, c) for c in ids}

    a = _restore(a, copy, tmp_path)
    _pc_clock(a.register, lambda: stuck)  # same clock: the copy stamps exactly what it did
    for n, child_id in enumerate(ids[:2]):
        _edit_notes(a.register, child_id, f"bản khôi phục {n}")
    assert a.sync().rejected == 0
    b = share_commune(hub, tmp_path / "b.db", a)
    assert_same(a.register, b.register, COMMUNE)
    for n, child_id in enumerate(ids[:2]):  # the copy's edits came after: they win everywhere
        assert _notes(b.register, child_id) == f"bản khôi phục {n}"
    assert _notes(b.register, ids[2]) == original[ids[2]]  # and the rest came back
    lost = sorted(c.lost_text for c in a.register.conflicts())
    assert lost == ["bản gốc 0", "bản gốc 1"]
    _device_changes_are_unique(hub)
    assert len(rows(a.register, COMMUNE)) == len(rows(b.register, COMMUNE))
