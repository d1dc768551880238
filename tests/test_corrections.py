"""Mistakes are corrected, and every correction is kept: a circumstance or support entered
wrongly is corrected or removed with a reason; the removal is a tombstone that syncs, the audit
trail says who and why, and the tallies count again without it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from desktop.domain.dates import PartialDate
from desktop.domain.periods import parse_period
from desktop.domain.validation import CircumstanceDraft, ValidationError
from desktop.reports import service
from tests.conftest import draft

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
OCTOBER = parse_period("2026-10")


@pytest.fixture
def child(register) -> str:
    return register.add_child(
        draft(register, "Vàng Thị Mỷ", birth=PartialDate(2015, 3, 2))
    ).created_id


def changes_of(register, row_id: str) -> list[dict]:
    with register.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT fields FROM change_log WHERE row_id = :id ORDER BY seq"), {"id": row_id}
        ).scalars()
        return [json.loads(r) for r in rows]


def test_a_support_entered_wrongly_is_corrected(register, child):
    support = register.add_support(child, "scholarship", date(2026, 10, 5), 15).created_id
    assert service.tally(register, OCTOBER, now=NOW)["support"]["total_amount_vnd"] == 15
    register.update_support(support, "scholarship", date(2026, 10, 5), 1_500_000, "fund")
    assert service.tally(register, OCTOBER, now=NOW)["support"]["total_amount_vnd"] == 1_500_000
    [entry] = [e for e in register.audit_entries() if e.action == "changed"]
    assert (entry.entity, entry.label) == ("support", "Vàng Thị Mỷ")
    assert entry.detail == "Số tiền, Nguồn kinh phí"
    assert changes_of(register, support)[-1] == {"amount_vnd": 1_500_000, "funding_source": "fund"}


def test_a_support_entered_by_mistake_is_removed_with_its_reason(register, child):
    support = register.add_support(child, "gift", date(2026, 10, 5), 200_000).created_id
    with pytest.raises(ValidationError, match="Lý do: cho biết vì sao xóa"):
        register.remove_support(support, "  ")
    register.remove_support(support, "Nhập nhầm trẻ")
    assert register.supports_of(child) == []
    october = service.tally(register, OCTOBER, now=NOW)["support"]
    assert october["children_supported"] == 0 and october["total_amount_vnd"] == 0
    assert changes_of(register, support)[-1] == {"deleted": True}  # a tombstone that syncs
    [entry] = [e for e in register.audit_entries() if e.action == "deleted"]
    assert entry.username == register.user and entry.detail.endswith("lý do: Nhập nhầm trẻ")
    with register.engine.connect() as conn:  # kept, not erased
        assert conn.execute(text("SELECT COUNT(*) FROM support")).scalar_one() == 1


def test_a_circumstance_is_corrected_and_the_tally_follows(register, child):
    wrong = CircumstanceDraft("special", "b", date(2026, 10, 2))
    circumstance = register.add_circumstance(child, wrong).created_id
    assert service.tally(register, OCTOBER, now=NOW)["special"]["by_group"]["b"]["total"] == 1
    register.update_circumstance(circumstance, CircumstanceDraft("special", "d", date(2026, 9, 1)))
    groups = service.tally(register, OCTOBER, now=NOW)["special"]["by_group"]
    assert "b" not in groups and groups["d"]["total"] == 1
    register.remove_circumstance(circumstance, "Nhập trùng")
    assert service.tally(register, OCTOBER, now=NOW)["special"]["children"] == 0
    actions = [(e.action, e.entity) for e in register.audit_entries()]
    assert ("changed", "circumstance") in actions and ("deleted", "circumstance") in actions


def test_a_viewer_corrects_nothing(register, child):
    support = register.add_support(child, "gift", date(2026, 10, 5), 200_000).created_id
    register.login_as(register.user, "viewer")
    with pytest.raises(Exception, match="chỉ xem"):
        register.remove_support(support, "Nhập nhầm")
    register.login_as(register.user, "officer")
    assert len(register.supports_of(child)) == 1


def test_a_child_entered_by_mistake_is_removed_with_its_history(register, child):
    register.add_support(child, "gift", date(2026, 10, 5), 200_000)
    register.add_circumstance(child, CircumstanceDraft("special", "d", date(2026, 10, 2)))
    with pytest.raises(ValidationError, match="Lý do"):
        register.remove_child(child, "")
    register.remove_child(child, "Trẻ không ở xã này")
    assert register.child_count() == 0 and register.find("vang thi my") == []
    october = service.tally(register, OCTOBER, now=NOW)
    assert october["special"]["children"] == 0 and october["support"]["total_amount_vnd"] == 0
    assert changes_of(register, child)[-1] == {"deleted": True}
    [entry] = [e for e in register.audit_entries() if e.action == "deleted"]
    assert (entry.entity, entry.label, entry.detail) == (
        "child", "Vàng Thị Mỷ", "lý do: Trẻ không ở xã này",
    )  # fmt: skip


def test_a_child_with_a_protection_case_is_not_removed(register, child):
    register.open_case(child, "violence", NOW)
    with pytest.raises(ValidationError, match="gắn với vụ việc bảo vệ trẻ em"):
        register.remove_child(child, "Nhập nhầm")
    assert register.child_count() == 1


def test_two_records_of_one_child_are_merged_with_their_histories(register, child):
    other = register.add_child(
        draft(register, "Vàng Thị Mỷ", birth=PartialDate(2015, 3, 2),
              contact_phone="0912345678", caregiver_name="Vàng A Páo")
    ).created_id  # fmt: skip
    register.add_support(other, "gift", date(2026, 10, 5), 200_000)
    register.add_circumstance(other, CircumstanceDraft("special", "d", date(2026, 10, 2)))
    register.open_case(other, "violence", NOW, report_source="hotline_111")
    before = service.tally(register, OCTOBER, now=NOW)
    register.merge_children(child, other)
    assert register.child_count() == 1
    [kept] = register.find("vang thi my")
    assert kept.id == child
    assert len(register.supports_of(child)) == 1 and len(register.circumstances_of(child)) == 1
    [case] = register.cases()
    assert case.child_id == child and case.report_source == "hotline_111"
    saved = register.get_child(child)
    assert saved.contact_phone == "0912345678"  # the kept record takes what it lacked
    after = service.tally(register, OCTOBER, now=NOW)
    assert after["children_under_16"]["total"] == before["children_under_16"]["total"] - 1
    assert after["special"]["children"] == 1 and after["support"]["children_supported"] == 1
    assert changes_of(register, other)[-1] == {"deleted": True, "merged_into": child}
    [entry] = [e for e in register.audit_entries() if e.action == "merged"]
    assert entry.row_id == other and "3 mục lịch sử" in entry.detail
    with pytest.raises(ValidationError, match="hai hồ sơ khác nhau"):
        register.merge_children(child, child)


def test_a_village_written_two_ways_is_merged_and_one_no_longer_used_is_retired(register, child):
    sin_chai = register.village_id_by_name("Sín Chải")
    typo = register.add_village("Sin Chai B").created_id
    moved = register.add_child(draft(register, "Lò Văn Hùng", village_id=typo)).created_id
    register.merge_villages(sin_chai, typo)
    assert register.get_child(moved).village_id == sin_chai
    assert [v.name for v in register.villages()].count("Sin Chai B") == 0
    assert register.find("sin chai")  # the search follows the village's name
    nam_cang = register.village_id_by_name("Nậm Cang")
    register.retire_village(nam_cang, date(2026, 11, 1))
    [retired] = [v for v in register.villages() if v.id == nam_cang]
    assert retired.retired_on == date(2026, 11, 1)  # still listed: old records name it
    register.restore_village(nam_cang)
    assert register.get_child(moved) is not None
