from datetime import UTC, date, datetime, timedelta

from desktop.domain import categories as cat
from desktop.domain.cases import overdue_steps, step_deadlines
from desktop.domain.dates import PartialDate
from desktop.domain.hlc import HybridClock, Timestamp
from desktop.domain.money import format_vnd
from desktop.domain.validation import (
    ChildDraft,
    CircumstanceDraft,
    validate_child,
    validate_circumstance,
)
from desktop.domain.workdays import add_working_days

TODAY = date(2026, 11, 25)
ETHNIC = {"01", "02", "08", "09"}
VILLAGES = {"v1"}


def messages(problems):
    return [str(p) for p in problems]


def child(**overrides):
    values = dict(
        full_name="Vàng A Dính", sex="M", birth=PartialDate(2016), ethnic_code="08",
        village_id="v1",
    )  # fmt: skip
    values.update(overrides)
    return ChildDraft(**values)


def check(draft):
    return messages(validate_child(draft, today=TODAY, ethnic_codes=ETHNIC, village_ids=VILLAGES))


def test_the_fourteen_legal_groups_use_the_law_letters():
    assert [g.code for g in cat.SPECIAL_GROUPS] == list("abcdđeghiklmno")
    assert cat.label(cat.SPECIAL_GROUPS, "đ") == "Trẻ em nhiễm HIV/AIDS"
    assert len({g.code for g in cat.DEFAULT_RISK_GROUPS}) == len(cat.DEFAULT_RISK_GROUPS)


def test_a_valid_child_has_no_problems():
    assert check(child()) == []


def test_name_required():
    assert check(child(full_name="   ")) == ["Họ và tên: không được để trống."]


def test_birth_date_not_in_the_future():
    assert check(child(birth=PartialDate(2026, 12, 1))) == [
        "Ngày sinh: không được sau ngày hôm nay."
    ]
    # the current year alone is fine: the child may have been born earlier this year
    assert check(child(birth=PartialDate(2026))) == []


def test_birth_date_consistent_with_its_precision():
    assert check(child(birth=PartialDate(2015, 2, 31))) == [
        "Ngày sinh: ngày 31/02/2015 không có thật."
    ]
    assert check(child(birth=PartialDate(2015, None, 3))) == [
        "Ngày sinh: có ngày nhưng thiếu tháng."
    ]
    assert check(child(birth=None)) == ["Ngày sinh: cần ít nhất năm sinh."]


def test_a_registered_child_is_under_16():
    [message] = check(child(birth=PartialDate(2009, 5, 1)))
    assert message.startswith("Ngày sinh: trẻ sinh 01/05/2009 đã đủ 16 tuổi")
    assert check(child(birth=PartialDate(2009, 5, 1), status="aged_out")) == []


def test_personal_id_has_12_digits_when_given():
    assert check(child(personal_id="01523012345")) == [
        "Số định danh cá nhân: phải gồm đúng 12 chữ số."
    ]
    assert check(child(personal_id="01523012345a")) == [
        "Số định danh cá nhân: phải gồm đúng 12 chữ số."
    ]
    assert check(child(personal_id="015230123456")) == []
    assert check(child(personal_id=None)) == []


def test_ethnic_group_code_must_be_in_the_list():
    assert check(child(ethnic_code="99")) == ["Dân tộc: mã “99” không có trong danh mục dân tộc."]


def test_village_must_belong_to_the_commune():
    assert check(child(village_id="elsewhere")) == [
        "Thôn/bản: thôn/bản này không thuộc xã đang quản lý."
    ]


def test_all_problems_are_reported_at_once():
    problems = check(child(full_name="", sex="X", ethnic_code="99", personal_id="1"))
    assert len(problems) == 4


def test_circumstance_end_not_before_start():
    draft = CircumstanceDraft("special", "d", date(2025, 3, 1), date(2025, 2, 1))
    assert messages(validate_circumstance(draft, today=TODAY, risk_codes=set())) == [
        "Ngày kết thúc: không được trước ngày bắt đầu (01/03/2025)."
    ]


def test_circumstance_group_must_exist():
    assert messages(
        validate_circumstance(
            CircumstanceDraft("special", "z", date(2025, 3, 1)), today=TODAY, risk_codes=set()
        )
    ) == ["Nhóm: nhóm “z” không có trong luật."]
    assert (
        validate_circumstance(
            CircumstanceDraft("risk", "r01", date(2025, 3, 1)), today=TODAY, risk_codes={"r01"}
        )
        == []
    )


def test_orphan_subcases_only_for_group_a():
    draft = CircumstanceDraft("special", "d", date(2025, 3, 1), sub_code="a1")
    assert messages(validate_circumstance(draft, today=TODAY, risk_codes=set())) == [
        "Trường hợp: chỉ dùng cho nhóm a (mồ côi cả cha và mẹ)."
    ]


def test_working_days_skip_weekends_and_holidays():
    friday = date(2026, 11, 20)
    assert add_working_days(friday, 1) == date(2026, 11, 23)  # Monday
    assert add_working_days(friday, 1, holidays={date(2026, 11, 23)}) == date(2026, 11, 24)


def test_case_deadlines_12_hours_and_working_days():
    received = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # a Friday
    deadlines = step_deadlines(received, {})
    assert deadlines["risk_assessment"] == received + timedelta(hours=12)
    assert deadlines["plan"].date() == date(2026, 12, 1)  # 7 working days later
    assert deadlines["detailed_assessment"] is None


def test_overdue_steps():
    received = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    soon = received + timedelta(hours=2)
    assert overdue_steps(received, {}, soon) == []
    later = received + timedelta(hours=13)
    assert overdue_steps(received, {}, later) == ["risk_assessment"]
    on_time = {"risk_assessment": received + timedelta(hours=5)}
    assert overdue_steps(received, on_time, later) == []
    assert overdue_steps(received, on_time, datetime(2026, 12, 2, tzinfo=UTC)) == ["plan"]


def test_hybrid_clock_is_monotonic_and_follows_remote_clocks():
    wall = [1000]
    clock = HybridClock("dev-a", lambda: wall[0])
    first, second = clock.now(), clock.now()
    assert first < second and str(first) < str(second)
    remote = Timestamp(5000, 3, "dev-b")
    after = clock.receive(remote)
    assert after > remote
    assert clock.now() > after
    assert Timestamp.parse(str(after)) == after


def test_money_uses_dot_thousands():
    assert format_vnd(1250000) == "1.250.000 đ"
    assert format_vnd(0) == "0 đ"
