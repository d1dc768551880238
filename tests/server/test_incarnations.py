"""A desktop restored from a backup is a new incarnation: known by (device, incarnation, seq).

On the wire, as a restored desktop speaks: the same seqs again under a new incarnation are new
work (applied, whatever their clocks), the old incarnation's changes it still carries are
replays, clocks that do not sort after the device's earlier copies get the server's, and the
copy pulls back what its earlier incarnation sent after the backup.
"""

from __future__ import annotations

import json
import time

from sqlalchemy import text

from desktop.sync.protocol import VERSION
from tests.server.conftest import Device, Hub, gz, hlc, new_child


def push(dev: Device, changes: list[dict], incarnation: str | None):
    body = {"v": VERSION, "device": "d", "incarnation": incarnation, "changes": changes}
    return dev.hub.post("/v1/push", gz(body), dev.token)


def pull(dev: Device, after: int, incarnation: str | None = None) -> dict:
    params: dict = {"after": after, "limit": 1000, "v": VERSION}
    if incarnation:
        params["incarnation"] = incarnation
    r = dev.hub.client.get(
        "/v1/pull", params=params, headers={"Authorization": f"Bearer {dev.token}"}
    )
    assert r.status_code == 200, r.text
    return r.json()


def records(hub: Hub, entity: str) -> dict[str, dict]:
    with hub.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, data FROM record WHERE entity = :e"), {"e": entity})
        return {r[0]: json.loads(r[1]) for r in rows}


def _now() -> int:
    return time.time_ns() // 1_000_000


def test_a_restored_copy_reusing_seqs_is_applied_not_taken_for_replays(hub):
    a, b = hub.device(), hub.device()
    t = _now() - 60_000
    first = [a.change("child", f"c{i}", new_child(f"Lò Thị {i}"), at=t + i) for i in range(5)]
    assert push(a, first, "copy-1").json()["acked"] == 5
    b.pull_all()
    # Restored from a backup taken after seq 2: the copy numbers its next edits 3, 4 again.
    a.seq = 2
    edits = [a.change("child", "c0", {"notes": "sau khi khôi phục"}, at=t + 100),
             a.change("child", "c1", {"notes": "cũng sau"}, at=t + 101)]  # fmt: skip
    answer = push(a, edits, "copy-2").json()
    assert answer["acked"] == 4 and answer["rejected"] == []
    assert {c["id"]: c["fields"] for c in b.pull_all()} == {
        "c0": {"notes": "sau khi khôi phục"}, "c1": {"notes": "cũng sau"},
    }  # fmt: skip
    # The same batch again is a replay of copy-2's changes; copy-1's are replays of copy-1's.
    assert push(a, edits, "copy-2").json()["acked"] == 4
    assert push(a, first[:2], "copy-1").json()["acked"] == 5
    assert b.pull_all() == []


def test_a_copy_whose_clock_restarted_behind_is_given_the_servers_clock(hub):
    a = hub.device()
    t = _now() - 60_000
    stuck = hlc(t, a.id[:8], counter=7)  # a clock standing still: both copies stamp the same
    body = [dict(a.change("child", "c1", new_child("Lò Thị Mai"), at=t), hlc=stuck)]
    push(a, body, "copy-1")
    a.seq = 0
    again = [dict(a.change("child", "c1", {"notes": "bản khôi phục"}, at=t), hlc=stuck)]
    answer = push(a, again, "copy-2").json()
    [stamp] = answer["restamped"]
    assert stamp["seq"] == 1 and stamp["hlc"] > stuck  # after everything copy-1 stored
    assert records(hub, "child")["c1"]["notes"] == "bản khôi phục"
    assert push(a, again, "copy-2").json()["restamped"] == [stamp]  # told again on a replay


def test_a_restored_copy_pulls_back_what_its_earlier_copy_sent(hub):
    a = hub.device()
    t = _now() - 60_000
    push(a, [a.change("child", "c1", new_child("Lò Thị Mai"), at=t)], "copy-1")
    backup_cursor = 0
    push(a, [a.change("child", "c1", {"notes": "sau lúc sao lưu"}, at=t + 1)], "copy-1")
    own_current = pull(a, backup_cursor, "copy-1")["changes"]
    assert own_current == []  # its own changes are never sent back to the copy that made them
    restored = pull(a, backup_cursor, "copy-2")["changes"]
    assert [c["fields"].get("notes") for c in restored] == [None, "sau lúc sao lưu"]
    assert pull(a, backup_cursor)["changes"] == []  # a desktop naming none: as before


def test_a_push_naming_no_incarnation_keeps_the_old_check(hub):
    a = hub.device()
    push(a, [a.change("child", f"c{i}", new_child("Trẻ"), at=1000 + i) for i in range(3)], None)
    a.seq = 1
    r = push(a, [a.change("child", "c0", {"notes": "mới"}, at=9000)], None)
    assert r.status_code == 409  # an older desktop restored from a backup: refused, not dropped
    assert "khôi phục" in r.json()["message"]


def test_two_copies_of_one_device_editing_one_field_are_a_conflict(hub):
    a = hub.device()
    t = _now() - 60_000
    push(a, [a.change("child", "c1", new_child("Lò Thị Mai"), at=t)], "copy-1")
    a.cursor = 0  # the backup was taken before copy-1's next edit reached the server
    push(a, [a.change("child", "c1", {"notes": "bản gốc"}, at=t + 10)], "copy-1")
    a.seq = 1
    answer = push(a, [a.change("child", "c1", {"notes": "bản khôi phục"}, at=t + 20)], "copy-2")
    assert answer.json()["rejected"] == []
    conflicts = records(hub, "sync_conflict")
    assert [(c["kept_value"], c["lost_value"]) for c in conflicts.values()] == [
        ("bản khôi phục", "bản gốc")
    ]
