"""The write path: validation, rows, search index and change log in one transaction."""

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from desktop.db.register import Register
from desktop.domain.dates import PartialDate
from desktop.domain.validation import CircumstanceDraft, ValidationError
from tests.conftest import TODAY, draft, village


def log_entries(reg: Register):
    """The change log of the data rows (audit entries are checked in test_audit.py)."""
    with reg.engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT entity, row_id, fields, hlc, sent_at FROM change_log "
                "WHERE entity != 'auditentry' ORDER BY seq"
            )
        ).all()


def test_database_is_durable_wal_full_sync_with_foreign_keys(register):
    with register.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_add_child_writes_row_index_and_change_log_together(register):
    before = len(log_entries(register))
    changes = register.add_child(draft(register, "Nguyễn Thị Hương"), today=TODAY)
    child_id = changes.created_id
    assert changes.touches("child") and child_id in changes.ids
    child = register.get_child(child_id)
    assert child.full_name == "Nguyễn Thị Hương"
    assert child.commune_code == "02725" and not child.deleted
    assert len(child_id) == 36 and child.updated_at
    entries = log_entries(register)[before:]
    assert [(e.entity, e.row_id) for e in entries] == [("child", child_id)]
    fields = json.loads(entries[0].fields)
    assert fields["full_name"] == "Nguyễn Thị Hương" and entries[0].sent_at is None
    assert [r.id for r in register.find("nguyen thi h")] == [child_id]


def test_invalid_child_saves_nothing(register):
    before = len(log_entries(register))
    with pytest.raises(ValidationError) as info:
        register.add_child(draft(register, "", personal_id="12"), today=TODAY)
    assert [p.field for p in info.value.problems] == ["full_name", "personal_id"]
    assert register.child_count() == 0
    assert len(log_entries(register)) == before


def test_a_failing_batch_leaves_nothing_behind(register):
    with pytest.raises(ValidationError), register.batch():
        register.add_child(draft(register, "Vàng A Dính"), today=TODAY)
        register.add_child(draft(register, "Sùng Thị Mỷ", sex="?"), today=TODAY)
    assert register.child_count() == 0
    assert register.find("vang") == []


def test_update_logs_only_changed_fields_and_reindexes(register):
    child_id = register.add_child(draft(register, "Lò Văn Ơn"), today=TODAY).created_id
    before = len(log_entries(register))
    new = draft(register, "Lò Văn Ơn", caregiver_name="Lò Thị Hoa")
    register.update_child(child_id, new, today=TODAY)
    [entry] = log_entries(register)[before:]
    assert set(json.loads(entry.fields)) == {"caregiver_name", "search_text"}
    assert [r.id for r in register.find("lo thi hoa")] == [child_id]
    # saving the same values again changes nothing and logs nothing
    assert not register.update_child(child_id, new, today=TODAY)
    assert len(log_entries(register)) == before + 1


def test_search_is_diacritic_free_and_prefix_based(register):
    ids = {
        name: register.add_child(draft(register, name, **extra), today=TODAY).created_id
        for name, extra in [
            ("Nguyễn Thị Hương", {}),
            ("Nguyễn Văn An", {"sex": "M"}),
            ("Đặng Thị Mai", {"personal_id": "015316012345"}),
            ("Hoàng Thị Ưng", {"village_id": village(register, "Nậm Cang")}),
            ("Vàng A Dính", {"sex": "M", "caregiver_name": "Đặng Văn Chứ"}),
        ]
    }
    assert [r.full_name for r in register.find("nguyen thi h")] == ["Nguyễn Thị Hương"]
    assert [r.full_name for r in register.find("NGUYEN")] == ["Nguyễn Văn An", "Nguyễn Thị Hương"]
    # "dang" finds Đặng by name first, then the child whose caregiver is an Đặng
    assert [r.full_name for r in register.find("dang")] == ["Đặng Thị Mai", "Vàng A Dính"]
    assert [r.id for r in register.find("0153160")] == [ids["Đặng Thị Mai"]]
    assert [r.full_name for r in register.find("nam cang")] == ["Hoàng Thị Ưng"]
    assert [r.full_name for r in register.find("ưng")] == ["Hoàng Thị Ưng"]
    assert register.find("xyz") == []


def test_renaming_a_village_updates_search(register):
    child_id = register.add_child(draft(register, "Sùng Thị Mỷ"), today=TODAY).created_id
    register.rename_village(village(register, "Sín Chải"), "Sín Chải Thượng")
    assert [r.id for r in register.find("chai thuong")] == [child_id]


def test_duplicate_village_refused(register):
    with pytest.raises(ValidationError, match="đã có"):
        register.add_village("sin chai")


def test_likely_duplicates_same_folded_name_year_and_village(register):
    register.add_child(draft(register, "Vàng A Dính", sex="M"), today=TODAY)
    twin = draft(register, "Vang A Dinh", sex="M", birth=PartialDate(2016))
    assert [c.full_name for c in register.likely_duplicates(twin)] == ["Vàng A Dính"]
    other_village = draft(register, "Vàng A Dính", village_id=village(register, "Lao Chải"))
    assert register.likely_duplicates(other_village) == []


def test_circumstance_history_and_end(register):
    child_id = register.add_child(draft(register, "Lồ A Dính"), today=TODAY).created_id
    circ_id = register.add_circumstance(
        child_id, CircumstanceDraft("special", "d", date(2024, 1, 10)), today=TODAY
    ).created_id
    with pytest.raises(ValidationError, match="không được trước ngày bắt đầu"):
        register.end_circumstance(circ_id, date(2023, 12, 31), today=TODAY)
    register.end_circumstance(circ_id, date(2026, 6, 1), "Đã ổn định", today=TODAY)
    [circ] = register.circumstances_of(child_id)
    assert (circ.start_date, circ.end_date, circ.end_reason) == (
        date(2024, 1, 10),
        date(2026, 6, 1),
        "Đã ổn định",
    )


def test_supports_and_cases(register):
    child_id = register.add_child(draft(register, "Triệu Diệu Chi"), today=TODAY).created_id
    register.add_support(child_id, "allowance", date(2026, 10, 1), 540_000, "state", today=TODAY)
    assert [s.amount_vnd for s in register.supports_of(child_id)] == [540_000]
    received = datetime(2026, 11, 1, 8, tzinfo=UTC)
    case_id = register.open_case(child_id, "violence", received, "Tổng đài 111").created_id
    register.complete_case_step(case_id, "risk_assessment", datetime(2026, 11, 1, 12, tzinfo=UTC))
    assert {s.step for s in register.case_steps(case_id)} == {"intake", "risk_assessment"}
    with pytest.raises(ValidationError, match="không có trong quy trình"):
        register.complete_case_step(case_id, "party", received)


def test_plan_target_set_twice_updates(register):
    register.set_plan_target(2026, "courses", 9)
    register.set_plan_target(2026, "courses", 10)
    with register.engine.connect() as conn:
        rows = conn.execute(text("SELECT target_value FROM plantarget")).all()
    assert rows == [(10,)]


def test_every_saved_row_is_in_the_change_log(register):
    from desktop.db.integrity import check_register

    child_id = register.add_child(draft(register, "Lục Quốc Quý"), today=TODAY).created_id
    register.add_circumstance(
        child_id, CircumstanceDraft("special", "a", date(2025, 1, 1), sub_code="a3"), today=TODAY
    )
    assert check_register(register) == []
    with register.engine.begin() as conn:
        conn.execute(text("DELETE FROM change_log WHERE entity = 'circumstance'"))
    assert check_register(register) == [
        "1 dòng của bảng circumstance không có trong nhật ký thay đổi."
    ]


def test_reopening_keeps_device_and_clock_moving_forward(db_path, register):
    register.add_child(draft(register, "Ma Seo Quý", sex="M"), today=TODAY)
    last = log_entries(register)[-1].hlc
    device = register.device_id
    register.close()
    again = Register.open(db_path)
    assert again.device_id == device and again.commune_code == "02725"
    again.add_child(draft(again, "Lù Thị Lan"), today=TODAY)
    assert log_entries(again)[-1].hlc > last
