"""Push and pull against the real app: idempotence, resume after a cut, cursors, merging."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from desktop.sync.protocol import VERSION
from server.schema import change
from tests.server.conftest import COMMUNE, CREATED, Hub, gz, hlc, new_child


def child(dev, row_id: str, name: str, at: int) -> dict:
    return dev.change("child", row_id, new_child(name, commune_code=dev.commune), at=at)


def stream_size(hub: Hub) -> int:
    with hub.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(change)).scalar_one()


def test_status_needs_no_token(hub):
    body = hub.client.get("/v1/status").json()
    assert body["v"] == 1 and body["version"]


def test_a_change_reaches_the_other_device_of_the_commune_but_not_its_sender(hub):
    a, b = hub.device(), hub.device()
    r = a.push([child(a, "c1", "Lò Thị Mai", 1000)])
    body = r.json()
    assert body.pop("now") > 0
    assert body == {"v": VERSION, "acked": 1, "rejected": [], "restamped": []}
    assert r.headers["content-encoding"] == "gzip"
    assert [c["fields"]["full_name"] for c in b.pull_all()] == ["Lò Thị Mai"]
    assert a.pull_all() == []
    assert a.cursor == b.cursor > 0


def test_a_replayed_batch_is_acknowledged_without_applying_it_twice(hub):
    a, b = hub.device(), hub.device()
    batch = [child(a, f"c{i}", f"Trẻ {i}", 1000 + i) for i in range(5)]
    assert a.push(batch).json()["acked"] == 5
    size = stream_size(hub)
    again = a.push(batch)
    assert again.status_code == 200 and again.json()["acked"] == 5
    assert stream_size(hub) == size
    assert len(b.pull_all()) == 5


def test_resume_after_a_lost_answer_applies_only_the_new_tail(hub):
    a, b = hub.device(), hub.device()
    first = [child(a, f"c{i}", f"Trẻ {i}", 1000 + i) for i in range(10)]
    first.append(a.change("no_such_table", "x1", {"a": 1}, at=2000))
    a.push(first)  # the answer is lost on the way back: the client still holds all 11
    more = [child(a, f"d{i}", f"Em {i}", 3000 + i) for i in range(4)]
    answer = a.push(first + more).json()
    assert answer["acked"] == 15
    # The refusal is told again, so the client can show it even though the first answer died.
    assert [r["seq"] for r in answer["rejected"]] == [11]
    ids = [c["id"] for c in b.pull_all()]
    assert sorted(ids) == sorted([f"c{i}" for i in range(10)] + [f"d{i}" for i in range(4)])


def test_pull_pages_by_cursor_without_gaps_or_repeats(hub):
    a, b = hub.device(), hub.device()
    a.push([child(a, f"c{i:02d}", f"Trẻ {i}", 1000 + i) for i in range(10)])
    first = hub.pull(b.token, 0, limit=4)
    assert first["more"] and len(first["changes"]) == 4
    second = hub.pull(b.token, first["cursor"], limit=100)
    assert not second["more"]
    ids = [c["id"] for c in first["changes"] + second["changes"]]
    assert ids == [f"c{i:02d}" for i in range(10)]
    assert hub.pull(b.token, second["cursor"])["changes"] == []


def test_edits_to_different_fields_merge_without_conflict(hub):
    a, b = hub.device(), hub.device()
    a.push([child(a, "c1", "Giàng Thị Dợ", 1000)])
    b.pull_all()
    a.pull_all()
    # Both edit the same child offline, from the same base: one the name, one the village.
    a.push([a.change("child", "c1", {"full_name": "Giàng Thị Dở"}, at=2000)])
    b.push([b.change("child", "c1", {"schooling": "primary"}, at=1500)])
    got_a, got_b = a.pull_all(), b.pull_all()
    assert [c["fields"] for c in got_a] == [{"schooling": "primary"}]
    assert [c["fields"] for c in got_b] == [{"full_name": "Giàng Thị Dở"}]
    assert all(c["entity"] != "sync_conflict" for c in got_a + got_b)


def test_sequential_edits_of_one_field_are_no_conflict(hub):
    a, b = hub.device(), hub.device()
    a.push([child(a, "c1", "Sùng A Páo", 1000)])
    b.pull_all()
    b.push([b.change("child", "c1", {"full_name": "Sùng A Pao"}, at=2000)])
    a.pull_all()  # a has seen b's edit before editing again
    a.push([a.change("child", "c1", {"full_name": "Sùng A Páo"}, at=3000)])
    new = b.pull_all()
    assert [c["fields"] for c in new] == [{"full_name": "Sùng A Páo"}]


def test_same_field_on_two_sides_keeps_the_later_and_records_the_other(hub):
    a, b = hub.device(), hub.device()
    reader = hub.reader()
    a.push([child(a, "c1", "Hầu Thị Say", 1000)])
    a.pull_all()
    b.pull_all()
    b.push([b.change("child", "c1", {"full_name": "Hầu Thị Sáy"}, at=5000)])  # later clock
    a.push([a.change("child", "c1", {"full_name": "Hầu Thị Sây"}, at=4000)])  # arrives last
    conflicts = [c for c in a.pull_all() if c["entity"] == "sync_conflict"]
    assert len(conflicts) == 1
    record = conflicts[0]["fields"]
    assert record["field"] == "full_name" and record["row_id"] == "c1"
    assert record["kept_value"] == "Hầu Thị Sáy" and record["lost_value"] == "Hầu Thị Sây"
    assert record["lost_by"] == "cb-" + a.id[:4] and record["resolved"] is False
    # The later value stands: b is not told to change anything, but sees the conflict too.
    got_b = b.pull_all()
    assert [c["entity"] for c in got_b] == ["sync_conflict"]
    assert got_b[0]["id"] == conflicts[0]["id"]
    on_reader = [c for c in hub.pull_everything(reader) if c["entity"] == "sync_conflict"]
    assert [c["id"] for c in on_reader] == [conflicts[0]["id"]]


def test_a_later_concurrent_edit_overwrites_and_keeps_the_earlier_value(hub):
    a, b = hub.device(), hub.device()
    a.push([child(a, "c1", "Vàng A Chư", 1000)])
    a.pull_all()
    b.pull_all()
    a.push([a.change("child", "c1", {"full_name": "Vàng A Chu"}, at=2000)])
    b.push([b.change("child", "c1", {"full_name": "Vàng A Chứ"}, at=3000)])  # later: wins
    got_a = a.pull_all()
    assert {c["entity"] for c in got_a} == {"child", "sync_conflict"}
    applied = next(c for c in got_a if c["entity"] == "child")
    assert applied["fields"] == {"full_name": "Vàng A Chứ"}
    conflict = next(c for c in got_a if c["entity"] == "sync_conflict")["fields"]
    assert (conflict["kept_value"], conflict["lost_value"]) == ("Vàng A Chứ", "Vàng A Chu")


def test_an_officer_resolution_reaches_the_other_devices(hub):
    a, b = hub.device(), hub.device()
    reader = hub.reader()
    a.push([child(a, "c1", "Lý Thị Sểnh", 1000)])
    a.pull_all()
    b.pull_all()
    a.push([a.change("child", "c1", {"full_name": "Lý Thị Sềnh"}, at=2000)])
    b.push([b.change("child", "c1", {"full_name": "Lý Thị Sệnh"}, at=3000)])
    conflict = next(c for c in a.pull_all() if c["entity"] == "sync_conflict")
    b.pull_all()
    # The officer on device a keeps the lost value: the field edit plus the resolved record.
    a.push([
        a.change("child", "c1", {"full_name": "Lý Thị Sềnh"}, at=4000),
        a.change("sync_conflict", conflict["id"], {"resolved": True}, at=4000),
    ])  # fmt: skip
    got_b = b.pull_all()
    assert [(c["entity"], c["fields"]) for c in got_b] == [
        ("child", {"full_name": "Lý Thị Sềnh"}),
        ("sync_conflict", {"resolved": True}),
    ]
    on_reader = [c for c in hub.pull_everything(reader) if c["id"] == conflict["id"]]
    assert on_reader[-1]["fields"] == {"resolved": True}


def test_audit_entries_are_insert_only(hub):
    a = hub.device()
    entry = {"at": "2026-11-25T08:00:00+07:00", "username": "canbo", "action": "viewed",
             "entity": "child", "row_id": "c1", "commune_code": COMMUNE,
             "created_at": CREATED}  # fmt: skip
    assert a.push([a.change("auditentry", "e1", entry, at=1000)]).json()["rejected"] == []
    answer = a.push([a.change("auditentry", "e1", {"action": "exported"}, at=2000)]).json()
    assert answer["acked"] == 2
    assert [r["seq"] for r in answer["rejected"]] == [2]
    assert "Nhật ký e1" in answer["rejected"][0]["message"]


def test_unknown_entity_or_field_is_refused_by_name_and_the_rest_applied(hub):
    a, b = hub.device(), hub.device()
    answer = a.push([
        a.change("child", "c1", {"full_name": "Mùa A Sử", "shoe_size": 31}, at=1000),
        a.change("secret_table", "x1", {"a": 1}, at=1001),
        child(a, "c2", "Mùa Thị Dua", 1002),
    ]).json()  # fmt: skip
    messages = {r["seq"]: r["message"] for r in answer["rejected"]}
    assert set(messages) == {1, 2}
    assert "Trẻ em c1" in messages[1] and "shoe_size" in messages[1]
    assert "secret_table" in messages[2]
    assert [c["id"] for c in b.pull_all()] == ["c2"]


def test_derived_columns_are_not_stored_or_forwarded(hub):
    a, b = hub.device(), hub.device()
    fields = new_child("Lò Văn Tú", name_folded="lo van tu", sort_key="tu")
    a.push([a.change("child", "c1", fields, at=1000)])
    assert b.pull_all()[0]["fields"] == new_child("Lò Văn Tú")


def test_concurrent_pushes_from_many_devices_all_land_once(hub):
    devices = [hub.device() for _ in range(8)]
    watcher = hub.device()
    errors = []

    def work(dev):
        try:
            for batch in range(3):
                changes = [child(dev, f"{dev.id[:8]}-{batch}-{i}", "Trẻ", 1000 + i)
                           for i in range(10)]  # fmt: skip
                r = dev.push(changes)
                assert r.status_code == 200 and r.json()["rejected"] == [], r.text
        except Exception as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    ids = [c["id"] for c in watcher.pull_all()]
    assert len(ids) == len(set(ids)) == 8 * 3 * 10


def test_a_reader_pulling_during_concurrent_pushes_misses_nothing(hub):
    """Revisions commit in order: a pull racing with late commits never skips one."""
    devices = [hub.device() for _ in range(5)]
    watcher = hub.device()
    done = threading.Event()
    seen: list[str] = []

    def poll():
        while not done.is_set():
            seen.extend(c["id"] for c in watcher.pull_all())

    def work(dev):
        for batch in range(4):
            dev.push([child(dev, f"{dev.id[:8]}-{batch}-{i}", "Trẻ", 1000 + i) for i in range(5)])

    poller = threading.Thread(target=poll)
    poller.start()
    threads = [threading.Thread(target=work, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    poller.join()
    seen.extend(c["id"] for c in watcher.pull_all())
    assert len(seen) == len(set(seen)) == 5 * 4 * 5


def test_an_empty_push_tells_how_far_the_server_has_stored(hub):
    a = hub.device()
    a.push([child(a, f"c{i}", "Trẻ", 1000 + i) for i in range(3)])
    assert a.push([]).json()["acked"] == 3


def test_a_desktop_not_yet_updated_is_answered_in_its_own_version(hub):
    """Version 1 desktops refuse fields they do not know: no clock, no restamps for them."""
    a, b = hub.device(), hub.device()
    r = hub.push(a.token, [child(a, "c1", "Lò Thị Mai", 1000)], v=1)
    assert r.json() == {"v": 1, "acked": 1, "rejected": []}
    r = hub.client.get("/v1/pull", params={"v": 1},
                       headers={"Authorization": f"Bearer {b.token}"})  # fmt: skip
    assert r.json()["v"] == 1 and "now" not in r.json()
    assert hub.client.get("/v1/status").json()["v"] == 1  # what an old desktop's test asks
    assert hub.client.get("/v1/status", params={"v": VERSION}).json()["now"] > 0


def test_a_resent_old_prefix_is_acknowledged_up_to_what_is_stored(hub):
    a = hub.device()
    a.push([child(a, f"c{i}", "Trẻ", 1000 + i) for i in range(6)])
    # The client re-sends an old prefix (its answer was lost): all six are stored.
    first_two = [dict(seq=s, entity="child", id=f"c{s - 1}", commune=COMMUNE,
                      hlc=hlc(999 + s, a.id[:8]), base=0, fields={"sex": "F"})
                 for s in (1, 2)]  # fmt: skip
    assert a.push(first_two).json()["acked"] == 6


def test_a_desktop_restored_from_a_backup_is_refused_whole_not_taken_for_a_replay(hub):
    a, b = hub.device(), hub.device()
    a.push([child(a, f"c{i}", "Trẻ", 1000 + i) for i in range(5)])
    b.pull_all()
    # Restored from last week's backup, the desktop numbers its next edits 3, 4 again — with
    # clocks later than anything it sent before.
    a.seq = 2
    edits = [a.change("child", "c0", {"schooling": "preschool"}, at=9000),
             a.change("child", "c1", {"schooling": "primary"}, at=9001)]  # fmt: skip
    r = a.push(edits)
    assert r.status_code == 409
    message = r.json()["message"]
    assert "khôi phục từ bản sao lưu cũ" in message and "token mới" in message
    assert b.pull_all() == []
    # With a new token (a new device) the same edits go through.
    fresh = hub.device()
    fresh.cursor = a.cursor
    answer = fresh.push([fresh.change("child", "c0", {"schooling": "preschool"}, at=9000)]).json()
    assert answer["rejected"] == []
    assert [c["fields"] for c in b.pull_all()] == [{"schooling": "preschool"}]


def test_many_devices_editing_one_field_at_once_leave_one_winner_and_every_loser_recorded(hub):
    devices = [hub.device() for _ in range(6)]
    first, watcher = devices[0], hub.device()
    first.push([child(first, "c1", "Tên gốc", 1000)])
    for dev in devices:
        dev.pull_all()
    names = {dev.id: f"Tên của máy {n}" for n, dev in enumerate(devices)}
    start = threading.Barrier(len(devices))

    def edit(n, dev):
        change = dev.change("child", "c1", {"full_name": names[dev.id]}, at=2000 + n)
        start.wait()
        assert dev.push([change]).status_code == 200

    threads = [threading.Thread(target=edit, args=(n, d)) for n, d in enumerate(devices)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pulled = watcher.pull_all()
    value = None
    for c in pulled:
        if c["entity"] == "child" and "full_name" in c["fields"]:
            value = c["fields"]["full_name"]
    assert value == names[devices[-1].id]  # the latest clock wins, whatever the arrival order
    conflicts = [c["fields"] for c in pulled if c["entity"] == "sync_conflict"]
    # Every other edit survives as exactly one conflict record; the original name, which all
    # of them had seen, is simply replaced.
    assert sorted(c["lost_value"] for c in conflicts) == sorted(
        names[d.id] for d in devices[:-1]
    )


def test_an_older_desktops_five_digit_counter_is_taken_and_sorts_after_9999(hub):
    """A desktop not yet updated sends "…-10000-…": it is stored in the fixed-width form and
    beats a concurrent "…-9999-…" of the same millisecond, as its clock meant."""
    a, b, watcher = hub.device(), hub.device(), hub.device()
    a.push([child(a, "c1", "Lò Thị Mai", 1000)])
    b.pull_all()
    at = 1_767_600_000_000
    late = a.change("child", "c1", {"notes": "sau"}, at=at) | {"hlc": f"{at:013d}-10000-old"}
    early = b.change("child", "c1", {"notes": "trước"}, at=at) | {"hlc": f"{at:013d}-9999-new"}
    assert hub.push(b.token, [early]).json()["rejected"] == []
    assert hub.push(a.token, [late], v=1).json() == {"v": 1, "acked": 2, "rejected": []}
    pulled = watcher.pull_all()
    notes = [c["fields"]["notes"] for c in pulled if c["entity"] == "child" and
             "notes" in c["fields"]]  # fmt: skip
    assert notes[-1] == "sau"
    assert f"{at + 1:013d}-0000-old" in {c["hlc"] for c in pulled}


def test_a_clock_far_ahead_of_the_servers_is_given_the_servers_time_and_told(hub):
    import time

    a, b = hub.device(), hub.device()
    in_2030 = time.time_ns() // 1_000_000 + 4 * 365 * 86_400_000
    batch = [child(a, "c1", "Lò Thị Mai", in_2030), child(a, "c2", "Lò Thị Lan", 1000)]
    answer = a.push(batch).json()
    [stamp] = answer["restamped"]
    assert stamp["seq"] == 1 and stamp["hlc"].endswith(batch[0]["hlc"].split("-", 2)[2])
    assert int(stamp["hlc"][:13]) <= answer["now"]
    assert {c["id"]: c["hlc"] for c in b.pull_all()}["c1"] == stamp["hlc"]
    assert a.push(batch).json()["restamped"] == [stamp]  # a replay is told the same
    old = hub.device()  # a version-1 desktop cannot take new clocks: it keeps its own
    batch = [child(old, "c3", "Lò Thị Dua", in_2030)]
    assert hub.push(old.token, batch, v=1).json() == {"v": 1, "acked": 1, "rejected": []}


def test_the_incarnation_a_push_names_is_kept_for_its_device(hub):
    """Reserved for restored databases: each copy of a desktop's database names itself."""
    from sqlalchemy import text

    a = hub.device()
    body = {"v": VERSION, "device": "d", "incarnation": "0193-copy-2",
            "changes": [child(a, "c1", "Lò Thị Mai", 1000)]}  # fmt: skip
    assert hub.post("/v1/push", gz(body), a.token).json()["acked"] == 1
    with hub.engine.connect() as conn:
        stored = conn.execute(text("SELECT incarnation FROM device WHERE id = :i"), {"i": a.id})
        assert stored.scalar_one() == "0193-copy-2"
