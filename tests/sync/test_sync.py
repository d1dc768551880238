"""Two communes, two devices of one commune, a district reader and the real server converge."""

from __future__ import annotations

import json
import random
import re
from datetime import date

import httpx
import pytest
from sqlalchemy import text

from desktop.db.errors import ReadOnlyRegister
from desktop.db.integrity import check_register
from desktop.db.models import SYNCED_TABLES
from desktop.db.register import Register
from desktop.domain.dates import PartialDate
from desktop.sync.client import SyncClient, SyncError
from tests.sync.conftest import (
    COMMUNE,
    NEIGHBOUR,
    URL,
    Desk,
    child_draft,
    new_desk,
    new_reader,
    share_commune,
)

SKIP_COLUMNS = {"updated_by"}


def rows(register: Register, commune: str | None = None) -> dict[tuple[str, str], dict]:
    """Every synced row (entity, id) → its columns, as JSON-comparable values."""
    out = {}
    with register.engine.connect() as conn:
        for table in SYNCED_TABLES:
            where = f" WHERE commune_code = '{commune}'" if commune else ""
            result = conn.execute(text(f"SELECT * FROM {table}{where}")).mappings()
            for r in result:
                out[(table, r["id"])] = {k: v for k, v in r.items() if k not in SKIP_COLUMNS}
    return out


def assert_same(a: Register, b: Register, commune: str) -> None:
    left, right = rows(a, commune), rows(b, commune)
    assert left.keys() == right.keys()
    diffs = [(k, f) for k in left for f in left[k] if left[k][f] != right[k][f]]
    assert not diffs, diffs[:5]


def assert_server_has(hub, register: Register, commune: str) -> None:
    """Every row of the desktop is on the server with the same field values, and no more."""
    mine = rows(register, commune)
    for entity in SYNCED_TABLES:
        server = {i: d for i, d in hub.records(entity).items() if d.get("commune_code", commune)}
        local = {k[1]: v for k, v in mine.items() if k[0] == entity}
        server = {i: d for i, d in server.items() if i in local or _commune_of(d, commune)}
        assert set(server) == set(local), entity
        for row_id, data in server.items():
            for field, value in data.items():
                if field in local[row_id] and field not in ("created_at", "deleted"):
                    mine_value = local[row_id][field]
                    if field in ("kept_value", "lost_value"):
                        mine_value = json.loads(mine_value)
                    assert _same(mine_value, value), (entity, row_id, field)


def _commune_of(data: dict, commune: str) -> bool:
    return data.get("commune_code") == commune


def _same(local, wire) -> bool:
    if isinstance(local, date):
        local = local.isoformat()
    if isinstance(local, str) and isinstance(wire, str) and re.match(r"\d{4}-\d\d-\d\dT", wire):
        return local[:19] == wire.replace("T", " ")[:19]
    return local == wire or (isinstance(wire, bool) and local == int(wire))


def test_two_communes_and_a_reader_converge(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    b = new_desk(hub, tmp_path / "b.db", NEIGHBOUR, villages=("Phìn Hồ",))
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    a.register.add_support(mai, "allowance", date(2026, 10, 1), 500_000, "state")
    b.register.add_child(child_draft(b.register, "Vàng A Páo", sex="M"))
    # Every write and its audit entry travel: 2 villages, a child, a support (+2 audit entries).
    sent_a, sent_b = a.register.unsent_count(), b.register.unsent_count()
    assert (sent_a, sent_b) == (6, 3)
    assert a.sync().pushed == sent_a and b.sync().pushed == sent_b
    # A commune device never receives another commune's rows.
    assert not rows(a.register, NEIGHBOUR) and not rows(b.register, COMMUNE)
    reader = new_reader(hub, tmp_path / "reader.db")
    report = reader.sync()
    assert report.pulled == sent_a + sent_b
    assert_same(a.register, reader.register, COMMUNE)
    assert_same(b.register, reader.register, NEIGHBOUR)
    assert reader.register.area_codes() == {COMMUNE, NEIGHBOUR}
    # Derived columns were recomputed: the reader finds the child without diacritics.
    with reader.register.engine.connect() as conn:
        found = conn.execute(
            text("SELECT full_name FROM child WHERE rowid IN "
                 "(SELECT rowid FROM child_fts WHERE child_fts MATCH 'pao*')")
        ).scalars().all()  # fmt: skip
    assert found == ["Vàng A Páo"]
    assert reader.register.unsent_count() == 0
    assert check_register(reader.register) == []
    with pytest.raises(ReadOnlyRegister):
        reader.register.add_village("Nậm Pung")


def test_same_child_edited_on_two_devices_gives_a_conflict_on_both(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    a.sync()
    b = share_commune(hub, tmp_path / "b.db", a)
    child = b.register.get_child(mai)
    assert child is not None
    # Different fields merge by themselves; the same field is a conflict.
    draft_a = a.register.draft_of(a.register.get_child(mai))
    draft_a.caregiver_name, draft_a.notes = "Lò Văn Sáng", "Mẹ đi làm xa"
    a.register.update_child(mai, draft_a)
    draft_b = b.register.draft_of(child)
    draft_b.contact_phone, draft_b.notes = "0912345678", "Ở với bà ngoại"
    b.register.update_child(mai, draft_b)  # later clock: B's note wins
    a.sync()
    b.sync()
    a.sync()
    for desk in (a, b):
        got = desk.register.get_child(mai)
        assert (got.caregiver_name, got.contact_phone, got.notes) == (
            "Lò Văn Sáng", "0912345678", "Ở với bà ngoại",
        )  # fmt: skip
        [conflict] = desk.register.conflicts()
        assert conflict.record_label == "Trẻ em Lò Thị Mai"
        assert (conflict.field, conflict.field_label) == ("notes", "Ghi chú")
        assert (conflict.kept_text, conflict.lost_text) == ("Ở với bà ngoại", "Mẹ đi làm xa")
        assert desk.register.sync_state().conflicts_open == 1
    assert_same(a.register, b.register, COMMUNE)
    assert a.register.sync_state().last_sync is not None
    # The district reader sees the conflict too, and cannot settle it.
    reader = new_reader(hub, tmp_path / "reader.db")
    reader.sync()
    [seen] = reader.register.conflicts()
    assert (seen.record_label, seen.lost_text) == ("Trẻ em Lò Thị Mai", "Mẹ đi làm xa")
    with pytest.raises(ReadOnlyRegister):
        reader.register.resolve_conflict(seen.id, "lost")

    # A keeps the lost value: an ordinary edit that syncs; the conflict closes on both sides.
    [conflict] = a.register.conflicts()
    a.register.resolve_conflict(conflict.id, "lost")
    a.sync()
    b.sync()
    for desk in (a, b):
        assert desk.register.get_child(mai).notes == "Mẹ đi làm xa"
        assert desk.register.conflicts() == []
        assert len(desk.register.conflicts(include_resolved=True)) == 1
    assert_same(a.register, b.register, COMMUNE)
    assert_server_has(hub, a.register, COMMUNE)


def test_pull_never_silently_overwrites_an_unsent_edit(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    a.sync()
    b = share_commune(hub, tmp_path / "b.db", a)
    draft = a.register.draft_of(a.register.get_child(mai))
    draft.notes = "Ghi chú của máy A"
    a.register.update_child(mai, draft)  # earlier, still unsent when A pulls
    draft_b = b.register.draft_of(b.register.get_child(mai))
    draft_b.notes = "Ghi chú của máy B"
    b.register.update_child(mai, draft_b)
    b.sync()
    with a.client() as client:
        _pulled, conflicts = client.pull_all()
    assert conflicts == 1
    assert a.register.get_child(mai).notes == "Ghi chú của máy B"
    [conflict] = a.register.conflicts()
    assert conflict.lost_text == "Ghi chú của máy A"
    a.sync()  # the edit goes up; the server's record replaces the provisional one
    b.sync()
    for desk in (a, b):
        assert [c.lost_text for c in desk.register.conflicts()] == ["Ghi chú của máy A"]
    assert_same(a.register, b.register, COMMUNE)


def test_a_refused_change_is_shown_with_the_server_message(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    with a.register.engine.begin() as conn:  # a change that claims another commune
        conn.execute(text("UPDATE change_log SET commune_code = :c WHERE row_id = :id"),
                     {"c": NEIGHBOUR, "id": mai})  # fmt: skip
    report = a.sync()
    assert report.rejected == 1
    [failure] = a.register.sync_state().failures
    assert failure.label == "Trẻ em Lò Thị Mai"
    assert NEIGHBOUR in failure.message
    # Not counted as sent: it waits for a fix, out of the outbox (the next sync sends nothing).
    assert a.register.sync_state().unsent == 1
    assert a.register.outbox(10) == []
    assert a.sync().pushed == 0


class Cut(httpx.BaseTransport):
    """Passes requests to the server until the n-th, which is cut before or after it lands."""

    def __init__(self, inner: httpx.BaseTransport, at: int, after_server: bool):
        self.inner, self.at, self.after_server, self.count = inner, at, after_server, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        if self.count == self.at:
            if self.after_server:
                response = self.inner.handle_request(request)
                response.read()  # the server applied it; the answer is lost on the way back
            raise httpx.ReadError("connection reset", request=request)
        return self.inner.handle_request(request)


def _edit(rng: random.Random, desk: Desk, children: list[str]) -> None:
    reg = desk.register
    roll = rng.random()
    if roll < 0.3 or not children:
        name = (
            rng.choice(["Lò Thị", "Vàng A", "Giàng Seo", "Sùng Thị"])
            + " "
            + rng.choice(["Mai", "Páo", "Chư", "Dế", "Sính", "Lự"])
        )
        draft = child_draft(reg, name, birth=PartialDate(rng.randint(2011, 2025)))
        children.append(reg.add_child(draft).created_id)
        return
    child_id = rng.choice(children)
    child = reg.get_child(child_id)
    if child is None:
        return
    draft = reg.draft_of(child)
    if roll < 0.7:
        draft.notes = f"ghi chú {rng.randint(0, 10**6)}"
    else:
        draft.caregiver_name = rng.choice(["Lò Văn Sáng", "Vàng Thị Dua", "Giàng A Lử"])
    reg.update_child(child_id, draft)


@pytest.mark.long
def test_cut_at_100_random_points_then_converged(hub, tmp_path):
    rng = random.Random(6)
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    a.sync()
    b = share_commune(hub, tmp_path / "b.db", a)
    c = new_desk(hub, tmp_path / "c.db", NEIGHBOUR, villages=("Phìn Hồ",))
    children = {id(a): [], id(b): [], id(c): []}
    cuts = 0
    for _ in range(100):
        desk = rng.choice([a, b, c])
        for _ in range(rng.randint(1, 8)):
            _edit(rng, desk, children[id(desk)])
        cut = Cut(hub.transport, rng.randint(1, 4), after_server=rng.random() < 0.5)
        with SyncClient(desk.register, URL, desk.token, transport=cut, push_limit=3,
                        pull_limit=3) as client:  # fmt: skip
            try:
                client.sync_once()
            except SyncError as exc:
                assert exc.kind == "offline"
                cuts += 1
        children[id(a)] = children[id(b)] = sorted(set(children[id(a)] + children[id(b)]))
    assert cuts >= 60  # most rounds were really cut somewhere in push or pull
    for desk in (a, b, c, a, b):
        desk.sync()
    reader = new_reader(hub, tmp_path / "reader.db")
    reader.sync()
    assert_same(a.register, b.register, COMMUNE)
    assert_same(a.register, reader.register, COMMUNE)
    assert_same(c.register, reader.register, NEIGHBOUR)
    assert_server_has(hub, a.register, COMMUNE)
    assert_server_has(hub, c.register, NEIGHBOUR)
    for desk in (a, b, c):
        assert desk.register.unsent_count() == 0
        assert check_register(desk.register) == []
    # No duplicate: every change stored once per (device, seq), every child once.
    with hub.engine.connect() as conn:
        dupes = conn.execute(
            text("SELECT COUNT(*) FROM (SELECT entity, row_id, hlc, fields FROM change "
                 "WHERE device_id IS NOT NULL GROUP BY entity, row_id, hlc, fields "
                 "HAVING COUNT(*) > 1) d")
        ).scalar_one()  # fmt: skip
    assert dupes == 0
    created = len(children[id(a)]) + len(children[id(c)])
    assert len(rows(reader.register)) >= created
    with reader.register.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM child")).scalar_one() == created


@pytest.mark.bad_input
def test_offline_and_wrong_token_give_clear_messages(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    a.register.add_child(child_draft(a.register, "Lò Thị Mai"))
    offline_client = SyncClient(a.register, "http://127.0.0.1:9", a.token, timeout=2)
    with offline_client as client, pytest.raises(SyncError) as offline:
        client.sync_once()
    assert offline.value.kind == "offline" and "không có mạng" in offline.value.message
    device_id = a.token.split(".")[0]
    forged = SyncClient(a.register, URL, f"{device_id}.sai", transport=hub.transport)
    with forged as client, pytest.raises(SyncError) as wrong:
        client.sync_once()
    assert wrong.value.kind == "auth" and "Token" in wrong.value.message
    assert a.register.sync_state().unsent == 4  # nothing marked sent (3 rows + 1 audit entry)
    with a.client() as client:
        assert "Sổ Trẻ Em" in client.test_connection()


def test_conflict_resolution_keeps_the_derived_columns(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    a.sync()
    b = share_commune(hub, tmp_path / "b.db", a)
    for desk, name in ((a, "Lò Thị Mây"), (b, "Lò Thị Mại")):
        draft = desk.register.draft_of(desk.register.get_child(mai))
        draft.full_name = name
        desk.register.update_child(mai, draft)
    a.sync(), b.sync(), a.sync()
    [conflict] = a.register.conflicts()
    assert conflict.field_label == "Họ và tên"
    a.register.resolve_conflict(conflict.id, "lost")
    a.sync(), b.sync()
    for desk in (a, b):
        assert [r.full_name for r in desk.register.find("lo thi may")] == ["Lò Thị Mây"]
    with a.register.engine.connect() as conn:
        entry = conn.execute(text("SELECT fields FROM change_log ORDER BY seq DESC LIMIT 1"))
        assert "resolved" in json.loads(entry.scalar_one())


def test_a_pulled_village_rename_reindexes_the_children(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    a.register.add_child(child_draft(a.register, "Lò Thị Mai", caregiver_name="Lò Văn Sáng"))
    a.sync()
    b = share_commune(hub, tmp_path / "b.db", a)
    village = a.register.villages()[0]
    a.register.rename_village(village.id, "Tả Phìn")
    a.sync()
    b.sync()
    assert [r.full_name for r in b.register.find("ta phin")] == ["Lò Thị Mai"]
    assert b.register.find("lao chai") == []
    assert check_register(b.register) == []


@pytest.mark.bad_input
def test_an_incomplete_record_from_upstream_is_skipped_not_blocking(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    a.sync()
    b = share_commune(hub, tmp_path / "b.db", a)
    faulty = hub.device_token(COMMUNE)  # another sender pushes a child without a name
    body = {
        "v": 1,
        "device": "x",
        "changes": [
            {
                "seq": 1,
                "entity": "child",
                "id": "0193aaaa-0000-7000-8000-000000000001",
                "commune": COMMUNE,
                "hlc": "1795000000000-0000-x",
                "fields": {"notes": "?"},
            }
        ],
    }
    reply = hub.client.post("/v1/push", json=body, headers={"Authorization": f"Bearer {faulty}"})
    assert reply.status_code == 200, reply.text
    a.register.add_village("Nậm Pung")
    a.sync()
    b.sync()  # the incomplete row is left out; what follows it still arrives
    assert [v.name for v in b.register.villages()] == [v.name for v in a.register.villages()]
    assert b.register.child_count() == 0
