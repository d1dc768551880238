"""The audit trail: every write and look leaves an entry in the same transaction, entries
sync like other rows, and nobody can change or delete one."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop.db.audit import AuditFilter
from desktop.domain.validation import CircumstanceDraft, ValidationError
from desktop.reports import service
from tests.conftest import TODAY, draft


def entries(reg, **flt):
    return list(reg.audit_entries(AuditFilter(**flt)))


def test_adding_and_changing_a_child_is_recorded_with_who_and_whose_record(register):
    register.user = "hanh"
    child_id = register.add_child(draft(register, "Đặng Thị Mai"), today=TODAY).created_id
    changed = draft(register, "Đặng Thị Mai", caregiver_name="Giàng Thị Súa", sex="F")
    register.update_child(child_id, changed, today=TODAY)
    register.update_child(child_id, changed, today=TODAY)  # nothing changed: no entry
    newest, first = entries(register)
    assert (first.action, first.entity, first.row_id, first.label, first.username) == (
        "created", "child", child_id, "Đặng Thị Mai", "hanh",
    )  # fmt: skip
    assert (newest.action, newest.label, newest.detail) == (
        "changed", "Đặng Thị Mai", "Người chăm sóc",
    )  # fmt: skip
    assert newest.at >= first.at and newest.at.tzinfo is not None


def test_circumstance_support_case_and_step_entries_name_the_child(register):
    child_id = register.add_child(draft(register, "Vàng A Dính"), today=TODAY).created_id
    register.add_circumstance(
        child_id, CircumstanceDraft("special", "d", date(2026, 1, 5)), today=TODAY
    )
    [circumstance] = register.circumstances_of(child_id)
    register.end_circumstance(circumstance.id, date(2026, 6, 1), "Đã phục hồi", today=TODAY)
    register.add_support(child_id, "allowance", date(2026, 2, 1), 500_000, "state", today=TODAY)
    received = datetime(2026, 11, 20, 8, tzinfo=UTC)
    case_id = register.open_case(child_id, "violence", received).created_id
    register.complete_case_step(case_id, "risk_assessment", received + timedelta(hours=3))
    done = [(e.action, e.entity) for e in reversed(entries(register))]
    assert done == [
        ("created", "child"), ("created", "circumstance"), ("changed", "circumstance"),
        ("created", "support"), ("created", "protectioncase"), ("created", "casestep"),
    ]  # fmt: skip
    assert {e.label.split(" — ")[0] for e in entries(register)} == {"Vàng A Dính"}
    ended = entries(register, action="changed")[0]
    assert ended.detail == "Hoàn cảnh đặc biệt d – Trẻ em khuyết tật: Ngày kết thúc, Lý do kết thúc"


def test_a_refused_write_leaves_no_entry(register):
    with pytest.raises(ValidationError):
        register.add_child(draft(register, "", personal_id="12"), today=TODAY)
    assert entries(register) == []


def test_entries_join_the_change_log_in_the_same_transaction(register):
    child_id = register.add_child(draft(register, "Sùng Thị Mỷ"), today=TODAY).created_id
    with register.engine.connect() as conn:
        log = conn.execute(
            text("SELECT entity, row_id, fields FROM change_log ORDER BY seq DESC LIMIT 2")
        ).all()
        audit_id = conn.execute(text("SELECT id FROM auditentry")).scalar_one()
    assert [(e.entity, e.row_id) for e in reversed(log)] == [
        ("child", child_id), ("auditentry", audit_id),
    ]  # fmt: skip
    fields = json.loads(log[0].fields)
    assert fields["action"] == "created" and fields["label"] == "Sùng Thị Mỷ"


def test_repeated_views_by_the_same_person_coalesce(register):
    child_id = register.add_child(draft(register, "Lồ A Páo"), today=TODAY).created_id
    t0 = datetime(2026, 11, 25, 8, tzinfo=UTC)
    assert register.record_view("child", child_id, now=t0).touches("auditentry")
    assert not register.record_view("child", child_id, now=t0 + timedelta(minutes=2))
    register.user = "lan"
    assert register.record_view("child", child_id, now=t0 + timedelta(minutes=3))
    register.user = "local"
    assert register.record_view("child", child_id, now=t0 + timedelta(minutes=20))
    views = entries(register, action="viewed")
    assert [(v.username, v.label) for v in views] == [
        ("local", "Lồ A Páo"), ("lan", "Lồ A Páo"), ("local", "Lồ A Páo"),
    ]  # fmt: skip


def test_viewing_a_case_names_the_child_and_the_kind_of_case(register):
    child_id = register.add_child(draft(register, "Hờ Thị Dung"), today=TODAY).created_id
    case_id = register.open_case(
        child_id, "violence", datetime(2026, 11, 20, 8, tzinfo=UTC)
    ).created_id
    register.record_view("protectioncase", case_id)
    [view] = entries(register, action="viewed")
    assert view.row_id == case_id and view.label.startswith("Hờ Thị Dung — ")


def test_the_trail_refuses_update_and_delete_but_accepts_inserts(register):
    register.add_child(draft(register, "Ma Thị Hoa"), today=TODAY)
    with register.engine.begin() as conn:
        row = conn.execute(text("SELECT * FROM auditentry")).mappings().one()
    for sql in ("UPDATE auditentry SET username = 'someone'", "DELETE FROM auditentry"):
        with pytest.raises(IntegrityError, match="chỉ được ghi thêm"), register.engine.begin() as c:
            c.execute(text(sql))
    pulled = {**row, "id": "pulled-from-another-commune", "commune_code": "02728"}
    with register.engine.begin() as conn:  # what the sync apply path of a reader does
        columns, values = ", ".join(pulled), ", ".join(f":{k}" for k in pulled)
        conn.execute(text(f"INSERT INTO auditentry ({columns}) VALUES ({values})"), pulled)
    assert len(entries(register)) == 2
    assert entries(register)[0].username == row["username"]  # the original is untouched


def test_filters_by_user_action_days_and_name_without_diacritics(register):
    register.user = "hanh"
    register.add_child(draft(register, "Đặng Thị Mai"), today=TODAY)
    register.user = "lan"
    register.add_child(draft(register, "Vàng A Dính"), today=TODAY)
    service.export_register(register, register.path.parent / "so.xlsx")
    assert [e.label for e in entries(register, username="hanh")] == ["Đặng Thị Mai"]
    assert [e.label for e in entries(register, search="dang mai")] == ["Đặng Thị Mai"]
    assert [e.entity for e in entries(register, action="exported")] == ["register"]
    today = datetime.now(UTC).date()
    assert len(entries(register, since=today - timedelta(days=1))) == 3
    assert entries(register, until=today - timedelta(days=2)) == []
    assert register.audit_users() == ["hanh", "lan"]


def test_exports_record_the_file_name_and_how_many_children(register, tmp_path):
    for name in ("Đặng Thị Mai", "Vàng A Dính"):
        register.add_child(draft(register, name), today=TODAY)
    service.export_register(register, tmp_path / "so-tre-em.xlsx", password="bí-mật-123")
    service.export(register, "activities", tmp_path / "hoat-dong.xlsx")
    service.export_register(register, tmp_path / "danh-sach.pdf")
    period = service.period_for("monthly", "2026-10")
    service.write_report(register, "monthly", period, "pdf", tmp_path / "bc.pdf")
    service.record_print(register, "monthly", period)
    got = [(e.action, e.entity, e.detail) for e in entries(register)[:5]]
    assert got == [
        ("printed", "report", ""),
        ("exported", "report", "bc.pdf"),
        ("exported", "register", "danh-sach.pdf; 2 trẻ em"),
        ("exported", "activities", "hoat-dong.xlsx"),
        ("exported", "register", "so-tre-em.xlsx; 2 trẻ em; có mật khẩu"),
    ]
    assert entries(register)[0].label == "Báo cáo tháng tháng 10 năm 2026"


def test_an_import_is_one_entry_not_one_per_child(register, tmp_path):
    from desktop.reports import excel_import
    from tests.test_import import messy_register

    path = messy_register(
        tmp_path / "ds.xlsx",
        [
            ["Lồ A Dính", "03/08/2020", None, "Mông", "Sín Chải", "khuyet tat", "Lù A An"],
            ["Sùng Thị Mai", None, "2018", "Mông", "Nậm Pung", "khuyet tat", ""],
        ],
    )
    plan = excel_import.read_plan(register, path, {}, today=TODAY)
    assert excel_import.commit(register, plan, today=TODAY) == 2
    [entry] = entries(register)
    assert (entry.action, entry.label, entry.detail) == ("imported", "2 trẻ em", "ds.xlsx")
