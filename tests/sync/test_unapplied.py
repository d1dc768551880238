"""Rows that cannot be applied are set aside, visibly, and never stop anyone; refusals wait.

The server refuses malformed changes since it checks every field, but its stream may still
hold rows stored before that, or of a newer version. A desktop applies a pulled page change by
change: what it cannot apply is kept aside with the reason (shown on the Đồng bộ page and by
`sotreem sync`), the rest applies, the cursor moves past both, and a set-aside change is
applied at a later sync once it can be (its parent arrived). On the way up, a change the server
refuses is never counted as sent, and a record whose creation was refused goes up whole.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert, select, text, update

from desktop.db.integrity import check_register
from server.schema import change, rev_counter
from tests.sync.conftest import COMMUNE, child_draft, new_desk, new_reader, share_commune

CREATED = "2026-11-20T08:00:00+07:00"
PARENT = "0193aaaa-0000-7000-8000-0000000000aa"


def inject(hub, entity: str, row_id: str, fields: dict, millis: int = 1_790_000_000_000) -> int:
    """A row in the server's stream that its checks would refuse today (stored before them,
    or by a newer server): written straight into its tables. Returns its revision."""
    with hub.engine.begin() as conn:
        rev = conn.execute(
            update(rev_counter).values(rev=rev_counter.c.rev + 1).returning(rev_counter.c.rev)
        ).scalar_one()
        conn.execute(
            insert(change).values(
                rev=rev, entity=entity, row_id=row_id, commune_code=COMMUNE,
                hlc=f"{millis + rev:013d}-0000-old", by="cu", device_id=None,
                fields=json.dumps(fields, ensure_ascii=False),
            )
        )  # fmt: skip
    return rev


def server_top(hub) -> int:
    with hub.engine.connect() as conn:
        return conn.execute(select(rev_counter.c.rev)).scalar_one()


@pytest.mark.bad_input
def test_rows_that_cannot_be_applied_are_set_aside_and_the_rest_of_the_page_applies(
    hub, tmp_path
):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    a.sync()
    b = share_commune(hub, tmp_path / "b.db", a)
    reader = new_reader(hub, tmp_path / "tinh.db")
    reader.sync()
    child = {"full_name": "Lò Thị Hỏng", "sex": "F", "birth_year": 2016}
    inject(hub, "child", "0193aaaa-0000-7000-8000-000000000001",
           {**child, "created_at": "hôm qua"})  # malformed
    inject(hub, "circumstance", "0193aaaa-0000-7000-8000-000000000002",
           {"child_id": PARENT, "kind": "special", "group_code": "a",
            "start_date": "2026-01-05", "created_at": CREATED})  # its child is not here yet
    inject(hub, "child", "0193aaaa-0000-7000-8000-000000000003", {"notes": "?"})  # incomplete
    inject(hub, "child", "0193aaaa-0000-7000-8000-000000000003", {"full_name": "Sau"})  # waits
    inject(hub, "newthing", "0193aaaa-0000-7000-8000-000000000004", {"x": 1})  # a newer version
    a.register.add_village("Nậm Pung")  # good rows before and after the bad ones
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    a.sync()

    for desk in (b, reader):
        report = desk.sync()
        assert report.set_aside == 5
        assert desk.register.sync_cursor() == server_top(hub)  # past the set-aside rows too
        assert desk.register.get_child(mai).full_name == "Lò Thị Mai"
        with desk.register.engine.connect() as conn:
            assert "Nậm Pung" in conn.execute(text("SELECT name FROM village")).scalars().all()
        shown = [f for f in desk.register.sync_state().failures if f.kind == "unapplied"]
        assert len(shown) == 5
        messages = " | ".join(f"{f.label}: {f.message}" for f in shown)
        assert "Trẻ em Lò Thị Hỏng" in messages and "hôm qua" in messages  # named, and why
        assert "chưa có trên máy này" in messages  # the circumstance's missing child
        assert "thiếu" in messages and "chờ một thay đổi trước" in messages
        assert "cập nhật phần mềm" in messages
        assert check_register(desk.register) == []
        assert desk.sync().set_aside == 0  # tried again, still aside, not doubled

    # The missing child arrives: the set-aside circumstance is applied at the next sync.
    inject(hub, "child", PARENT, {**child, "full_name": "Vàng Thị Về", "created_at": CREATED})
    for desk in (b, reader):
        desk.sync()
        [circumstance] = desk.register.circumstances_of(PARENT)
        assert circumstance.group_code == "a"
        shown = [f for f in desk.register.sync_state().failures if f.kind == "unapplied"]
        assert len(shown) == 4
        assert check_register(desk.register) == []


def test_a_refused_new_record_goes_up_whole_once_it_is_edited_or_sent_again(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    lan = a.register.add_child(child_draft(a.register, "Lò Thị Lan")).created_id
    with a.register.engine.begin() as conn:  # an older desktop wrote "yesterday" as the time
        conn.execute(
            text("UPDATE change_log SET fields = json_set(fields, '$.created_at', 'hôm qua') "
                 "WHERE entity = 'child'")
        )  # fmt: skip
    total = a.register.unsent_count()
    report = a.sync()
    assert report.rejected == 2 and report.pushed == total - 2
    assert a.register.unsent_count() == 2  # refused: not counted as sent
    assert a.sync().rejected == 0 and a.register.unsent_count() == 2  # not sent again either

    # The officer edits one: the server has no row for it, so it goes up whole and is taken.
    draft = a.register.draft_of(a.register.get_child(mai))
    draft.notes = "Đã sửa"
    a.register.update_child(mai, draft)
    report = a.sync()
    assert report.rejected == 0 and report.pushed == 2  # the edit, and its audit entry
    stored = hub.records("child")[mai]
    assert (stored["full_name"], stored["notes"], stored["birth_year"]) == ("Lò Thị Mai",
                                                                           "Đã sửa", 2016)
    assert [f.label for f in a.register.sync_state().failures] == ["Trẻ em Lò Thị Lan"]

    # The other is sent again as it stands (the Đồng bộ page's "Gửi lại").
    a.register.resend_refused()
    assert a.sync().rejected == 0
    assert hub.records("child")[lan]["full_name"] == "Lò Thị Lan"
    state = a.register.sync_state()
    assert state.failures == [] and state.unsent == 0
    b = share_commune(hub, tmp_path / "b.db", a)
    assert {b.register.get_child(i).full_name for i in (mai, lan)} == {"Lò Thị Mai", "Lò Thị Lan"}
