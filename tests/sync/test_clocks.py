"""Wrong PC clocks and malformed rows against the real server: nothing dropped, nobody blocked.

A PC whose clock reads 2030, one that reads 2020, one whose clock stood still for thousands of
writes, and one that sends a malformed row: each still syncs everything it should, the officer
is told what is wrong, and the other devices and the reader go on syncing.
"""

from __future__ import annotations

import time

from sqlalchemy import text

from desktop.domain.hlc import HybridClock, Timestamp, is_canonical
from desktop.sync import server_clock
from tests.sync.conftest import COMMUNE, child_draft, new_desk, new_reader, share_commune

YEAR_MS = 365 * 86_400_000


def _real_now() -> int:
    return time.time_ns() // 1_000_000


def _set_pc_clock(desk, offset_ms: int = 0, last: Timestamp | None = None) -> None:
    """The desktop's PC clock reads `offset_ms` off the real time from now on."""
    register = desk.register
    register.db.clock = HybridClock(
        register.device_id, lambda: _real_now() + offset_ms, last or register.clock.last
    )


def _hlcs(desk) -> list[str]:
    with desk.register.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT hlc FROM change_log ORDER BY seq"))]


def test_a_pc_clock_that_stood_still_for_thousands_of_writes_loses_no_change(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    # The PC read 2030 once (its clock stands at 2030 + 9,990 writes), then was set right.
    stuck = Timestamp(_real_now() + 4 * YEAR_MS, 9_990, a.register.device_id)
    _set_pc_clock(a, 0, last=stuck)
    ids = [a.register.add_child(child_draft(a.register, f"Lò Thị {n}")).created_id
           for n in ("Mai", "Lan", "Hoa", "Dua", "Pà", "Sua", "Chi", "Dế", "Lử", "Mỷ")]  # fmt: skip
    stamps = _hlcs(a)
    assert any("-9999-" in s for s in stamps) and all(is_canonical(s) for s in stamps)
    report = a.sync()
    assert report.rejected == 0 and report.pushed == len(stamps)
    assert set(ids) <= set(hub.records("child"))
    assert a.register.sync_state().unsent == 0
    # Stamped four years ahead of the server: they carry the server's time now, on both sides.
    assert all(Timestamp.parse(s).millis <= _real_now() for s in _hlcs(a))
    assert report.clock is not None and report.clock.message is None  # the PC is right now


def test_a_pc_clock_in_2030_is_corrected_and_a_later_real_edit_wins_everywhere(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    a.sync()
    b = share_commune(hub, tmp_path / "b.db", a)
    _set_pc_clock(a, 4 * YEAR_MS)  # the CMOS battery died; someone typed 2030
    draft = a.register.draft_of(a.register.get_child(mai))
    draft.notes = "Ghi trên máy A (đồng hồ sai)"
    a.register.update_child(mai, draft)
    report = a.sync()
    assert report.clock is not None and "nhanh hơn giờ của máy chủ 4 năm" in report.clock.message
    assert server_clock.last_reading(a.register).message == report.clock.message
    time.sleep(0.01)
    # B had not pulled A's edit: a concurrent edit, made after A's reached the server.
    draft = b.register.draft_of(b.register.get_child(mai))
    draft.notes = "Ghi trên máy B, sau"
    b.register.update_child(mai, draft)
    assert b.sync().rejected == 0
    a.sync()
    b.sync()
    for desk in (a, b):
        assert desk.register.get_child(mai).notes == "Ghi trên máy B, sau"
    assert hub.records("child")[mai]["notes"] == "Ghi trên máy B, sau"
    conflicts = a.register.conflicts()
    assert [c.lost_text for c in conflicts] == ["Ghi trên máy A (đồng hồ sai)"]


def test_a_pc_clock_in_2020_moves_forward_to_the_servers(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    _set_pc_clock(a, -6 * YEAR_MS)
    a.register.add_child(child_draft(a.register, "Lò Thị Mai"))
    report = a.sync()
    assert report.clock is not None and "chậm hơn" in report.clock.message
    assert a.register.clock.last.millis >= report.clock.server_ms  # forward to the server's
    a.register.add_village("Nậm Pung")
    assert Timestamp.parse(_hlcs(a)[-1]).millis >= report.clock.server_ms


def test_a_refused_change_is_never_counted_as_sent_and_blocks_nobody(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    b = share_commune(hub, tmp_path / "b.db", a)
    reader = new_reader(hub, tmp_path / "tinh.db")
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    lan = a.register.add_child(child_draft(a.register, "Lò Thị Lan")).created_id
    with a.register.engine.begin() as conn:  # a faulty or older desktop wrote "yesterday"
        conn.execute(
            text("UPDATE change_log SET fields = json_set(fields, '$.created_at', 'hôm qua') "
                 "WHERE entity = 'child' AND row_id = :id"), {"id": lan},
        )  # fmt: skip
    total = a.register.unsent_count()
    report = a.sync()
    assert report.rejected == 1 and report.pushed == total - 1
    [failure] = a.register.sync_state().failures
    assert "Lò Thị Lan" in failure.label and "created_at" in failure.message
    assert "hôm qua" in failure.message
    assert lan not in hub.records("child")
    # Everyone else goes on: the other device and the province's reader pull what was good.
    b.sync()
    reader.sync()
    assert b.register.get_child(mai).full_name == "Lò Thị Mai"
    assert reader.register.get_child(mai).full_name == "Lò Thị Mai"
