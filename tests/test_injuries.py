"""Injuries and drowning, hazard spots, and the swimming and skills targets: the use cases."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from sqlalchemy import text

from desktop.db.injuries import InjuryFilter
from desktop.domain.dates import PartialDate
from desktop.domain.injuries import HazardDraft, InjuryDraft
from desktop.domain.programme import ActivityDraft
from desktop.domain.validation import ValidationError
from desktop.reports import prevention
from tests.conftest import TODAY, draft, village


def problems_of(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return {p.field: p.message for p in caught.value.problems}


def test_an_injury_of_a_register_child_and_of_one_not_in_it(register):
    sin, lao = village(register, "Sín Chải"), village(register, "Lao Chải")
    mai = register.add_child(draft(register, "Đặng Thị Mai"), today=TODAY).created_id
    register.add_injury(
        InjuryDraft(date(2026, 6, 5), "drowning", "severe", "river", lao, child_id=mai,
                    child_name="ignored", child_sex="M"),
        today=TODAY,
    )  # fmt: skip
    register.add_injury(
        InjuryDraft(date(2026, 7, 1), "traffic", "minor", "road", sin,
                    child_name="  giàng   thị  Súa ", child_sex="F", child_birth_year=2018,
                    child_village_id=lao, notes="Xe máy va quệt\n"),
        today=TODAY,
    )  # fmt: skip
    guest, ours = register.injuries()  # newest first
    assert (ours.child_name, ours.sex, ours.village, ours.child_village) == (
        "Đặng Thị Mai", "F", "Lao Chải", "Sín Chải",
    )  # the register holds who the child is: nothing of the typed details is kept
    assert ours.draft.child_name == "" and ours.draft.child_sex is None
    assert ours.age == 10  # born 25/02/2016
    assert (guest.child_name, guest.sex, guest.child_village) == ("giàng thị Súa", "F", "Lao Chải")
    assert guest.birth == PartialDate(2018) and guest.draft.notes == "Xe máy va quệt"
    trail = list(register.audit_entries())
    assert [(e.action, e.entity) for e in trail[:2]] == [("created", "injury")] * 2
    assert trail[0].label == "giàng thị Súa — 01/07/2026"


def test_an_injury_is_checked_field_by_field_and_nothing_half_saved(register):
    sin = village(register, "Sín Chải")
    before = register.unsent_count()
    found = problems_of(lambda: register.add_injury(
        InjuryDraft(date(2026, 12, 1), "sét đánh", None, "river", sin), today=TODAY
    ))  # fmt: skip
    assert found == {
        "occurred_on": "không được sau ngày hôm nay.",
        "cause": "chọn nguyên nhân.",
        "severity": "chọn mức độ.",
        "child_name": "ghi họ tên trẻ (hoặc chọn trẻ trong sổ).",
        "child_sex": "chọn Nam hoặc Nữ.",
        "child_birth_year": "ghi năm sinh.",
        "child_village_id": "chọn thôn/bản nơi trẻ ở.",
    }
    old = register.add_child(
        draft(register, "Lò Văn Ơn", sex="M", birth=PartialDate(2009, 5, 1), status="aged_out"),
        today=TODAY,
    ).created_id
    found = problems_of(lambda: register.add_injury(
        InjuryDraft(date(2026, 6, 1), "fall", "minor", "home", sin, child_id=old), today=TODAY
    ))  # fmt: skip
    assert found == {"child_id": "khi xảy ra sự việc trẻ đã đủ 16 tuổi (không còn là trẻ em)."}
    found = problems_of(lambda: register.add_injury(
        InjuryDraft(date(2026, 6, 1), "fall", "minor", "home", "no-such-village",
                    child_name="Lò Thị Dua", child_sex="F", child_birth_year=2030,
                    child_village_id=sin), today=TODAY
    ))  # fmt: skip
    assert found == {
        "village_id": "thôn/bản này không thuộc xã đang quản lý.",
        "child_birth_year": "năm sinh 2030 không hợp lệ cho trẻ em.",
    }
    assert register.unsent_count() == before + 2  # only Ơn and his audit entry were written
    assert register.injuries() == []


def test_an_injury_is_corrected_and_removed_with_a_reason_and_filtered(register):
    sin, lao = village(register, "Sín Chải"), village(register, "Lao Chải")
    kid = dict(child_name="Lò Thị Dua", child_sex="F", child_birth_year=2017, child_village_id=sin)
    first = register.add_injury(
        InjuryDraft(date(2026, 6, 5), "drowning", "minor", "pond", sin, **kid), today=TODAY
    ).created_id
    register.add_injury(InjuryDraft(date(2026, 3, 1), "burn", "minor", "home", lao, **kid),
                        today=TODAY)  # fmt: skip
    register.update_injury(
        first, InjuryDraft(date(2026, 6, 5), "drowning", "death", "pond", sin, **kid), today=TODAY
    )
    assert [r.draft.severity for r in register.injuries(InjuryFilter(cause="drowning"))] == [
        "death"
    ]
    assert len(register.injuries(InjuryFilter(year=2026, month=3))) == 1
    assert len(register.injuries(InjuryFilter(village_id=lao))) == 1
    assert len(register.injuries(InjuryFilter(year=2025))) == 0
    assert problems_of(lambda: register.remove_injury(first, "  ")) == {
        "reason": "cho biết vì sao xóa."
    }
    register.remove_injury(first, "Nhập trùng")
    assert [r.draft.cause for r in register.injuries()] == ["burn"]
    with register.engine.connect() as conn:  # nothing is erased: the row is marked and syncs
        assert conn.execute(text("SELECT deleted FROM injury WHERE id = :i"), {"i": first}).one()
    entry = next(register.audit_entries())
    assert (entry.action, entry.detail) == ("deleted", "Nhập trùng")


def test_a_hazard_spot_is_recorded_checked_again_and_removed(register, tmp_path):
    sin, lao = village(register, "Sín Chải"), village(register, "Lao Chải")
    found = problems_of(lambda: register.add_hazard_spot(
        HazardDraft(None, None, " ", ("sign", "lưới"), date(2026, 12, 1), None), today=TODAY
    ))  # fmt: skip
    assert set(found) == {"village_id", "kind", "description", "measures", "checked_on",
                          "found_on"}  # fmt: skip
    pond = register.add_hazard_spot(
        HazardDraft(sin, "pond", "Ao cá nhà ông Vàng A Chứ", ("fence", "sign"), None,
                    date(2026, 4, 2)), today=TODAY,
    ).created_id  # fmt: skip
    register.add_hazard_spot(
        HazardDraft(lao, "river", "Suối đầu bản", (), None, date(2025, 5, 1)), today=TODAY
    )
    [spot] = register.hazard_spots(sin)
    assert spot.draft.measures == ("sign", "fence")  # in the list's order
    assert spot.draft.found_on == date(2026, 4, 2)  # first recorded: the first check
    register.update_hazard_spot(
        pond, HazardDraft(sin, "pond", "Ao cá nhà ông Vàng A Chứ", ("sign", "fence", "rescue"),
                          None, date(2026, 11, 20)), today=TODAY,
    )  # fmt: skip
    [spot] = register.hazard_spots(sin)
    assert (spot.draft.found_on, spot.draft.checked_on) == (date(2026, 4, 2), date(2026, 11, 20))
    assert [s.village for s in register.hazard_spots()] == ["Lao Chải", "Sín Chải"]
    path = tmp_path / "ra-soat.pdf"
    assert prevention.write_hazard_review(register, path, year=2027) == 2
    pages = [
        " ".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"],
                                capture_output=True, text=True, check=True).stdout.split())
        for n in (1, 2)
    ]  # fmt: skip
    assert "DANH SÁCH ĐIỂM CÓ NGUY CƠ ĐUỐI NƯỚC TRẺ EM" in pages[0]
    assert "Rà soát trước mùa hè năm 2027 — Xã Bản Xèo" in pages[0]
    assert "Thôn/bản: Lao Chải" in pages[0] and "Chưa có" in pages[0]
    assert "Thôn/bản: Sín Chải" in pages[1] and "Thôn/bản: Lao Chải" not in pages[1]
    assert "Phao, dụng cụ cứu hộ" in pages[1] and "20/11/2026" in pages[1]
    register.remove_hazard_spot(pond, "Đã san lấp")
    assert [s.village for s in register.hazard_spots()] == ["Lao Chải"]
    exported = list(register.audit_entries())[1]
    assert (exported.action, exported.entity) == ("exported", "hazard_review")


def test_swimming_and_skills_targets_count_children_taught_over_children_of_their_ages(register):
    sin = village(register, "Sín Chải")
    for n, born in enumerate((PartialDate(2014, 1, 1), PartialDate(2019, 6, 1),
                              PartialDate(2020, 8, 1), PartialDate(2023, 1, 1))):  # fmt: skip
        register.add_child(draft(register, f"Lò Thị Mai {n}", birth=born), today=TODAY)
    register.add_child(draft(register, "Lò Văn Đi", birth=PartialDate(2015), status="moved"),
                       today=TODAY)  # fmt: skip
    register.add_activity(
        ActivityDraft("swimming", "Lớp dạy bơi", date(2026, 6, 10), village_id=sin,
                      child_male=1, child_female=1), today=TODAY,
    )  # fmt: skip
    register.add_activity(
        ActivityDraft("swimming", "Lớp dạy bơi đợt 2", date(2026, 9, 1), child_female=1),
        today=TODAY,
    )
    register.set_plan_target(2026, "swimming_taught_pct", 50, age_from=6, age_to=15)
    register.set_plan_target(2026, "injury_skills_pct", 93, age_from=6, age_to=15)
    swim, skills = register.plan_progress(2026)
    assert swim.label == (
        "Tỷ lệ trẻ em được học bơi, biết bơi (%) — trẻ em từ 6 đến 15 tuổi trong sổ"
    )
    # Aged 6–15 at the end of June: born 2014 (12) and 01/06/2019 (7); 01/08/2020 turns 6 in
    # August; 2023 is too young; the child who moved away is left out.
    assert swim.progress.monthly[5] == 100  # 2 taught of 2 in June
    assert swim.progress.monthly[7] == 66  # 2 of 3 in August (rounded down)
    assert swim.progress.basis == (3, 3) and swim.progress.achieved == 100
    assert skills.progress.basis == (0, 3) and skills.progress.achieved == 0
    found = problems_of(lambda: register.set_plan_target(2026, "swimming_taught_pct", 120))
    assert found == {
        "target_value": "tỷ lệ không được quá 100%.",
        "age_from": "ghi độ tuổi mà chỉ tiêu nói tới (mẫu số).",
        "age_to": "ghi độ tuổi mà chỉ tiêu nói tới (mẫu số).",
    }
    found = problems_of(lambda: register.set_plan_target(2026, "courses", 9, age_from=6))
    assert found == {"age_from": "chỉ dùng cho chỉ tiêu tỷ lệ trẻ em theo độ tuổi."}
    found = problems_of(
        lambda: register.set_plan_target(2026, "injury_skills_pct", 9, age_from=10, age_to=6)
    )
    assert found == {"age_to": "không được nhỏ hơn “từ tuổi”."}
