"""Activities, training courses, plan targets and the Child Protection Fund.

Rules first (pure functions of `desktop.domain.programme`), then the use cases of `Register`
on real SQLite files: validated, change-logged, nothing saved when invalid.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text

from desktop.db.integrity import check_register
from desktop.db.programme import ActivityFilter
from desktop.db.register import Register
from desktop.domain.dates import DateTextError
from desktop.domain.programme import (
    ActivityDraft,
    CourseDraft,
    FundDraft,
    FundLine,
    ParticipantEntry,
    Progress,
    TargetDraft,
    YearFigures,
    cash_overdraft,
    counts_to_entries,
    cumulative,
    format_amount,
    format_period,
    fund_year,
    overdraft_problem,
    parse_day,
    participant_totals,
    per_month,
    share_percent,
    special_supported_by_month,
    target_progress,
    validate_activity,
    validate_course,
    validate_fund_entry,
    validate_participants,
    validate_target,
)
from desktop.domain.validation import CircumstanceDraft, ValidationError
from tests.conftest import TODAY, draft, village


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def activity(**overrides) -> ActivityDraft:
    values = dict(
        activity_type="communication",
        title="Truyền thông phòng chống đuối nước",
        start_date=date(2026, 6, 5),
        adult_male=12,
        adult_female=20,
        child_male=30,
        child_female=25,
        special_children=4,
    )
    values.update(overrides)
    return ActivityDraft(**values)


def course(**overrides) -> CourseDraft:
    values = dict(
        topic="abuse_prevention", title="Tập huấn phòng chống xâm hại", start_date=date(2026, 3, 10)
    )
    values.update(overrides)
    return CourseDraft(**values)


def counts(n_per_cell: int = 5) -> list[dict]:
    """60 participants as counts: six roles × two sexes × 5."""
    roles = ("collaborator", "volunteer", "party_secretary", "village_head", "parent", "child")
    return [{"role": r, "sex": s, "count": n_per_cell} for r in roles for s in "MF"]


def log_entries(reg: Register, entity: str | None = None) -> list:
    sql = "SELECT entity, row_id, fields FROM change_log"
    params = {}
    if entity:
        sql += " WHERE entity = :entity"
        params["entity"] = entity
    else:  # the data rows; audit entries are checked in test_audit.py
        sql += " WHERE entity != 'auditentry'"
    with reg.engine.connect() as conn:
        return conn.execute(text(sql + " ORDER BY seq"), params).all()


# ---- typed values -----------------------------------------------------------------------------


def test_dates_of_activities_are_full_days():
    assert parse_day("5/6/2026", today=TODAY) == date(2026, 6, 5)
    assert parse_day("05/06/26", today=TODAY) == date(2026, 6, 5)
    with pytest.raises(DateTextError, match="thiếu ngày hoặc tháng"):
        parse_day("06/2026", today=TODAY)
    with pytest.raises(DateTextError, match="không có thật"):
        parse_day("31/06/2026", today=TODAY)


def test_periods_are_written_once():
    assert format_period(date(2026, 6, 5)) == "05/06/2026"
    assert format_period(date(2026, 6, 1), date(2026, 6, 30)) == "01/06–30/06/2026"
    assert format_period(date(2025, 12, 28), date(2026, 1, 2)) == "28/12/2025–02/01/2026"


# ---- participants -----------------------------------------------------------------------------


def test_named_and_counted_participants_give_the_same_totals():
    named = [
        ParticipantEntry("collaborator", "F", name="Giàng Thị Súa"),
        ParticipantEntry("collaborator", "F", name="Lò Thị Hoa"),
        ParticipantEntry("collaborator", "M", name="Vàng A Dính"),
        ParticipantEntry("child", "F", name="Sùng Thị Mỷ"),
    ]
    counted = [
        ParticipantEntry("collaborator", "F", 2),
        ParticipantEntry("collaborator", "M", 1),
        ParticipantEntry("child", "F", 1),
    ]
    a, b = participant_totals(named), participant_totals(counted)
    assert a.by_role_sex == b.by_role_sex == {
        ("collaborator", "F"): 2, ("collaborator", "M"): 1, ("child", "F"): 1,
    }  # fmt: skip
    assert (a.total, a.male, a.female, a.children, a.adults) == (4, 1, 3, 1, 3)
    assert (a.named, b.named) == (4, 0)
    # a named person counts once whatever count was typed beside the name
    assert participant_totals([ParticipantEntry("parent", "M", 7, "Hờ A Pó")]).total == 1


def test_a_grid_round_trips_through_count_rows():
    grid = {("village_head", "M"): 3, ("parent", "F"): 12, ("teacher", "M"): 0}
    rows = counts_to_entries(grid)
    assert [(r.role, r.sex, r.count) for r in rows] == [
        ("village_head", "M", 3),
        ("parent", "F", 12),
    ]
    assert participant_totals(rows).by_role_sex == {("village_head", "M"): 3, ("parent", "F"): 12}


def test_participant_problems_name_the_line():
    problems = validate_participants(
        [
            ParticipantEntry("collaborator", "F", name="Lò Thị Hoa"),
            ParticipantEntry("?", "F", name="Ma Seo Quý"),
            ParticipantEntry("parent", "X", 3),
            ParticipantEntry("parent", "M", 0),
        ]
    )
    assert messages(problems) == [
        "Người tham gia: dòng 2 (Ma Seo Quý) chưa chọn vai trò.",
        "Người tham gia: dòng 3 chưa chọn Nam hoặc Nữ.",
        "Người tham gia: dòng 4: số lượng phải từ 1 trở lên.",
    ]
    assert messages(validate_participants([])) == [
        "Người tham gia: cần ít nhất một người (ghi theo danh sách tên hoặc theo số lượng)."
    ]


# ---- activity and course rules ------------------------------------------------------------------


def test_a_valid_activity_has_no_problems():
    assert validate_activity(activity(), today=TODAY, village_ids={"v1"}) == []


def test_activity_messages_name_the_field():
    draft = activity(
        activity_type=None,
        title="  ",
        start_date=date(2026, 6, 5),
        end_date=date(2026, 6, 1),
        child_male=-1,
        special_children=40,
        cost_vnd=1_500_000,
        village_id="elsewhere",
    )
    assert messages(validate_activity(draft, today=TODAY, village_ids={"v1"})) == [
        "Loại hoạt động: chọn loại hoạt động.",
        "Tên hoạt động: không được để trống.",
        "Ngày kết thúc: không được trước ngày bắt đầu (05/06/2026).",
        "Thôn/bản: thôn/bản này không thuộc xã đang quản lý.",
        "Số trẻ em nam: không được âm.",
        "Số trẻ em có hoàn cảnh đặc biệt: không được nhiều hơn số trẻ em tham gia (24).",
        "Nguồn kinh phí: chọn nguồn khi có kinh phí.",
    ]


def test_only_what_has_happened_is_recorded():
    future = activity(start_date=date(2026, 12, 1))
    assert messages(validate_activity(future, today=TODAY)) == [
        "Ngày bắt đầu: không được sau ngày hôm nay (chỉ ghi việc đã diễn ra)."
    ]
    running = activity(start_date=date(2026, 11, 20), end_date=date(2026, 11, 30))
    assert messages(validate_activity(running, today=TODAY)) == [
        "Ngày kết thúc: không được sau ngày hôm nay."
    ]
    assert messages(validate_activity(activity(start_date=None), today=TODAY)) == [
        "Ngày bắt đầu: không được để trống."
    ]


def test_course_title_has_its_own_label():
    problems = validate_course(
        course(title="", topic="knitting"), [ParticipantEntry("child", "F", 3)], today=TODAY
    )
    assert messages(problems) == [
        "Chủ đề: chọn chủ đề tập huấn.",
        "Tên lớp tập huấn: không được để trống.",
    ]


# ---- targets and progress ------------------------------------------------------------------------


def test_target_rules():
    assert validate_target(TargetDraft(2026, "courses", 9, set_by="province")) == []
    assert messages(validate_target(TargetDraft(2026, "special_supported_pct", 120))) == [
        "Giá trị chỉ tiêu: tỷ lệ không được quá 100%."
    ]
    assert messages(validate_target(TargetDraft(2026, "custom", 3))) == [
        "Tên chỉ tiêu: chỉ tiêu khác cần có tên (ví dụ “Số mô hình”)."
    ]
    assert messages(validate_target(TargetDraft(2026, "courses", 9, achieved_value=4))) == [
        "Đã đạt: chỉ nhập tay cho chỉ tiêu khác; chỉ tiêu này tự tính từ số liệu đã ghi."
    ]
    assert messages(validate_target(TargetDraft(1999, "nonsense", -1, set_by="ward"))) == [
        "Năm: năm 1999 không hợp lệ.",
        "Chỉ tiêu: chỉ tiêu “nonsense” không hợp lệ.",
        "Giá trị chỉ tiêu: không được âm.",
        "Cấp giao: “ward” không hợp lệ.",
    ]


def test_nothing_recorded_shows_zero_of_nine_and_zero_of_540():
    empty = YearFigures()
    courses = target_progress(TargetDraft(2026, "courses", 9), empty)
    people = target_progress(TargetDraft(2026, "course_participants", 540), empty)
    assert (courses.achieved, courses.target, courses.remaining, courses.percent) == (0, 9, 9, 0)
    assert (people.achieved, people.target, people.remaining, people.percent) == (0, 540, 540, 0)
    assert courses.monthly == (0,) * 12


def test_progress_is_cumulative_by_month():
    figures = YearFigures(
        courses=per_month([(date(2026, 3, 10), 1), (date(2026, 3, 20), 1),
                           (date(2026, 7, 1), 1), (date(2025, 7, 1), 1)], 2026),
    )  # fmt: skip
    progress = target_progress(TargetDraft(2026, "courses", 9), figures)
    assert progress.monthly == (0, 0, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3)
    assert progress.increments == (0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    assert (progress.achieved, progress.remaining, progress.percent) == (3, 6, 33)


def test_over_achievement_caps_the_bar_but_not_the_count():
    p = Progress(target=2, achieved=5)
    assert (p.percent, p.remaining, p.done) == (100, 0, True)
    assert Progress(target=0, achieved=0).percent == 100


def test_activity_targets_count_their_type_and_free_targets_are_entered_by_hand():
    figures = YearFigures(activities={"forum": per_month([(date(2026, 6, 1), 1)], 2026)})
    assert target_progress(TargetDraft(2026, "forums", 2), figures).achieved == 1
    assert target_progress(TargetDraft(2026, "communication_events", 12), figures).achieved == 0
    custom = TargetDraft(2026, "custom", 3, "Số mô hình Ngôi nhà an toàn", achieved_value=2)
    progress = target_progress(custom, figures)
    assert (progress.achieved, progress.monthly) == (2, ())


def test_share_of_special_children_supported_rounds_down():
    assert share_percent(949, 1000) == 94
    assert share_percent(0, 0) == 0
    # known since before the year (month 1) and supported in March; known in May, supported
    # in February (counts from May); known in June, never supported
    known, supported = special_supported_by_month([(1, 3), (5, 2), (6, None)])
    assert known == (1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3)
    assert supported == (0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2)
    figures = YearFigures(special_known=known, special_supported=supported)
    progress = target_progress(TargetDraft(2026, "special_supported_pct", 95), figures)
    assert progress.monthly[:6] == (0, 0, 100, 100, 100, 66)
    assert (progress.achieved, progress.basis) == (66, (2, 3))


def test_amounts_in_their_units():
    assert format_amount("fund_raised", 20_000_000) == "20.000.000 đ"
    assert format_amount("special_supported_pct", 95) == "95%"
    assert format_amount("course_participants", 1540) == "1.540"
    assert cumulative([1, 0, 2]) == (1, 1, 3)


# ---- fund rules ---------------------------------------------------------------------------------


def test_fund_entry_rules():
    ok = FundDraft("received", "cash", date(2026, 5, 1), 2_000_000, donor="Hội Chữ thập đỏ xã")
    assert validate_fund_entry(ok, today=TODAY) == []
    bad = FundDraft("spent", "in_kind", date(2026, 12, 1), 0)
    assert messages(validate_fund_entry(bad, today=TODAY)) == [
        "Ngày: không được sau ngày hôm nay.",
        "Số tiền: phải lớn hơn 0.",
        "Mục đích: ghi rõ khoản chi dùng vào việc gì.",
        "Hiện vật: ghi rõ hiện vật (ví dụ “50 suất quà”).",
    ]
    missing = FundDraft("received", "in_kind", date(2026, 5, 1), None, items="50 suất quà")
    assert messages(validate_fund_entry(missing, today=TODAY)) == [
        "Số tiền: nhập giá trị quy ra tiền của hiện vật.",
        "Người/đơn vị ủng hộ: không được để trống.",
    ]


def test_cash_may_not_be_spent_before_it_is_received():
    lines = [
        FundLine(date(2026, 3, 1), "received", "cash", 1_000_000),
        FundLine(date(2026, 3, 1), "spent", "cash", 1_000_000),  # same day: receipt first
        FundLine(date(2026, 2, 1), "spent", "in_kind", 9_000_000),  # goods are not cash
    ]
    assert cash_overdraft(lines) is None
    early = FundLine(date(2026, 2, 15), "spent", "cash", 300_000)
    assert cash_overdraft([*lines, early]) == (date(2026, 2, 15), -300_000)
    assert messages(overdraft_problem(lines, [*lines, early])) == [
        "Số tiền: tiền mặt của quỹ sẽ bị âm 300.000 đ vào ngày 15/02/2026 (chi nhiều hơn số đã "
        "thu); ghi khoản thu trước."
    ]
    # a book that was already short is not blamed on the next entry
    assert overdraft_problem([early], [early, lines[0]]) == []


def test_fund_year_carries_the_balance_forward():
    lines = [
        FundLine(date(2025, 12, 31), "received", "cash", 3_500_000),
        FundLine(date(2026, 2, 1), "received", "cash", 2_000_000),
        FundLine(date(2026, 3, 1), "received", "in_kind", 4_000_000),
        FundLine(date(2026, 9, 15), "spent", "cash", 1_500_000),
        FundLine(date(2026, 9, 15), "spent", "in_kind", 1_000_000),
        FundLine(date(2027, 1, 5), "received", "cash", 9_000_000),
    ]
    year = fund_year(lines, 2026)
    assert (year.opening, year.received, year.spent, year.closing) == (
        3_500_000, 6_000_000, 2_500_000, 7_000_000,
    )  # fmt: skip
    assert (year.received_in_kind, year.spent_in_kind, year.cash_closing) == (
        4_000_000, 1_000_000, 4_000_000,
    )  # fmt: skip
    assert fund_year(lines, 2027).opening == 7_000_000


# ---- the register: activities ------------------------------------------------------------------


def test_add_activity_writes_the_row_and_its_change_log_entry(register):
    changes = register.add_activity(
        activity(village_id=village(register, "Sín Chải"), title="  Truyền  thông đuối nước "),
        today=TODAY,
    )
    assert changes.touches("activity") and changes.created_id in changes.ids
    [entry] = log_entries(register, "activity")
    fields = json.loads(entry.fields)
    assert entry.row_id == changes.created_id
    assert fields["title"] == "Truyền thông đuối nước"  # stored the way names are
    assert fields["start_date"] == "2026-06-05" and fields["special_children"] == 4
    [record] = register.activities()
    assert record.village == "Sín Chải" and record.draft.participants == 87


def test_old_keyword_form_of_add_activity_still_works(register):
    register.add_activity(
        activity_type="forum", title="Diễn đàn trẻ em", start_date=date(2026, 6, 2), today=TODAY
    )
    assert [r.draft.activity_type for r in register.activities()] == ["forum"]


def test_invalid_activity_saves_nothing(register):
    before = len(log_entries(register))
    with pytest.raises(ValidationError) as info:
        register.add_activity(activity(title="", special_children=99), today=TODAY)
    assert [p.field for p in info.value.problems] == ["title", "special_children"]
    with pytest.raises(ValidationError, match="Thôn/bản"):
        register.add_activity(activity(village_id="not-a-village"), today=TODAY)
    assert register.activities() == []
    assert len(log_entries(register)) == before


def test_activity_filters_by_month_type_and_village(register):
    sin_chai, lao_chai = village(register, "Sín Chải"), village(register, "Lao Chải")
    register.add_activity(
        activity(title="Phát động Tháng hành động", activity_type="month_of_action",
                 start_date=date(2026, 5, 28), end_date=date(2026, 6, 3), village_id=sin_chai),
        today=TODAY,
    )  # fmt: skip
    register.add_activity(
        activity(title="Diễn đàn trẻ em", activity_type="forum", start_date=date(2026, 6, 20),
                 village_id=lao_chai),
        today=TODAY,
    )  # fmt: skip
    register.add_activity(activity(title="Trung thu", activity_type="festival",
                                   start_date=date(2026, 9, 25)), today=TODAY)  # fmt: skip
    register.add_activity(activity(title="Năm trước", start_date=date(2025, 6, 10)), today=TODAY)

    def titles(**flt):
        return [r.draft.title for r in register.activities(ActivityFilter(**flt))]

    assert titles(year=2026) == ["Trung thu", "Diễn đàn trẻ em", "Phát động Tháng hành động"]
    # an activity spanning the end of May belongs to June too
    assert titles(year=2026, month=6) == ["Diễn đàn trẻ em", "Phát động Tháng hành động"]
    assert titles(year=2026, month=5) == ["Phát động Tháng hành động"]
    assert titles(year=2026, month=12) == []
    assert titles(activity_type="forum") == ["Diễn đàn trẻ em"]
    assert titles(year=2026, village_id=sin_chai) == ["Phát động Tháng hành động"]
    assert len(titles()) == 4


def test_update_logs_only_changed_fields_and_delete_is_soft(register):
    activity_id = register.add_activity(activity(), today=TODAY).created_id
    before = len(log_entries(register))
    register.update_activity(activity_id, activity(child_female=26), today=TODAY)
    [entry] = log_entries(register)[before:]
    assert json.loads(entry.fields) == {"child_female": 26}
    assert not register.update_activity(activity_id, activity(child_female=26), today=TODAY)
    register.delete_activity(activity_id)
    assert register.activities() == []
    assert json.loads(log_entries(register)[-1].fields) == {"deleted": True}
    with register.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM activity")).scalar_one() == 1
    with pytest.raises(ValidationError, match="không tìm thấy"):
        register.update_activity(activity_id, activity(), today=TODAY)


# ---- the register: courses and the plan ----------------------------------------------------------


def test_plan_of_nine_courses_moves_as_courses_are_recorded(register):
    register.set_plan_target(2026, "courses", 9, set_by="province")
    register.set_plan_target(2026, "course_participants", 540, set_by="province")

    def progress():
        return {t.draft.indicator: t.progress for t in register.plan_progress(2026)}

    start = progress()
    assert (start["courses"].achieved, start["courses"].target) == (0, 9)
    assert (start["course_participants"].achieved, start["course_participants"].target) == (
        0,
        540,
    )
    register.add_course(counts(), course(start_date=date(2026, 3, 10)), today=TODAY)
    register.add_course(
        [{"role": "parent", "sex": "F", "name": "Giàng Thị Súa"},
         {"role": "parent", "sex": "M", "name": "Vàng A Dính"}],
        course(title="Tập huấn cha mẹ", start_date=date(2026, 8, 1)),
        today=TODAY,
    )  # fmt: skip
    register.add_course(counts(), course(start_date=date(2025, 3, 10)), today=TODAY)  # last year
    moved = progress()
    assert (moved["courses"].achieved, moved["courses"].remaining) == (2, 7)
    assert moved["course_participants"].achieved == 62
    assert moved["course_participants"].monthly[2] == 60
    assert moved["course_participants"].monthly[7] == 62
    assert [t.draft.set_by for t in register.plan_progress(2026)] == ["province", "province"]


def test_course_participants_by_name_or_count_are_totalled_alike(register):
    named = [
        {"role": "collaborator", "sex": "F", "name": "Lò  Thị Hoa"},
        {"role": "collaborator", "sex": "F", "name": "Ma Thị Hoa"},
        {"role": "village_head", "sex": "M", "name": "Sùng A Pó"},
    ]
    counted = [
        ParticipantEntry("collaborator", "F", 2),
        ParticipantEntry("village_head", "M", 1),
    ]
    register.add_course(named, course(title="A"), today=TODAY)
    register.add_course(counted, course(title="B"), today=TODAY)
    by_title = {c.draft.title: c for c in register.courses(2026)}
    assert by_title["A"].totals.by_role_sex == by_title["B"].totals.by_role_sex
    assert by_title["A"].participants[0].name == "Lò Thị Hoa"
    assert len(log_entries(register, "trainingparticipant")) == 5


def test_invalid_course_saves_nothing(register):
    before = len(log_entries(register))
    with pytest.raises(ValidationError) as info:
        register.add_course([], course(title=""), today=TODAY)
    assert [p.field for p in info.value.problems] == ["course_title", "participants"]
    with pytest.raises(ValidationError), register.batch():
        register.add_course(counts(), course(), today=TODAY)
        register.add_course([{"role": "chief", "sex": "M", "count": 2}], course(), today=TODAY)
    assert register.courses() == []
    assert len(log_entries(register)) == before


def test_updating_a_course_changes_only_what_changed(register):
    course_id = register.add_course(counts(), course(), today=TODAY).created_id
    before = len(log_entries(register))
    edited = [dict(p) for p in counts()]
    edited[0]["count"] = 8  # collaborators, men: 5 → 8
    edited.pop()  # children, girls: removed
    edited.append({"role": "teacher", "sex": "F", "count": 2})
    register.update_course(course_id, course(), edited, today=TODAY)
    entries = log_entries(register)[before:]
    changed = sorted(json.dumps(json.loads(e.fields), sort_keys=True)[:40] for e in entries)
    assert len(entries) == 3, changed
    [record] = register.courses()
    assert record.totals.total == 60 + 3 - 5 + 2
    assert record.totals.count("teacher", "F") == 2
    register.delete_course(course_id)
    assert register.courses() == []
    with register.engine.connect() as conn:
        alive = conn.execute(
            text("SELECT COUNT(*) FROM trainingparticipant WHERE deleted = 0")
        ).scalar_one()
    assert alive == 0


def test_targets_one_per_indicator_custom_ones_by_name(register):
    register.set_plan_target(2026, "courses", 9, set_by="province")
    register.set_plan_target(2026, "courses", 10, label="Lớp tập huấn (điều chỉnh)")
    register.set_plan_target(2026, "custom", 3, "Số mô hình Ngôi nhà an toàn", achieved_value=1)
    register.set_plan_target(2026, "custom", 4, "so mo hinh ngoi nha an toan", achieved_value=2)
    register.set_plan_target(2026, "custom", 5, "Số câu lạc bộ quyền trẻ em")
    targets = register.plan_progress(2026)
    assert [(t.label, t.draft.target_value, t.progress.achieved) for t in targets] == [
        ("Lớp tập huấn (điều chỉnh)", 10, 0),
        ("Số câu lạc bộ quyền trẻ em", 5, 0),
        ("Số mô hình Ngôi nhà an toàn", 4, 2),
    ]
    assert register.plan_progress(2025) == []
    club = targets[1]
    with pytest.raises(ValidationError, match="đã có chỉ tiêu này"):
        register.update_plan_target(
            club.id, TargetDraft(2026, "custom", 5, "Số mô hình ngôi nhà an toàn")
        )
    register.update_plan_target(club.id, TargetDraft(2026, "custom", 6, "Số CLB quyền trẻ em"))
    register.delete_plan_target(targets[0].id)
    assert [t.label for t in register.plan_progress(2026)] == [
        "Số CLB quyền trẻ em",
        "Số mô hình Ngôi nhà an toàn",
    ]
    with pytest.raises(ValidationError, match="Tên chỉ tiêu"):
        register.set_plan_target(2026, "custom", 3)


def test_activity_targets_and_the_share_of_special_children_supported(register):
    register.set_plan_target(2026, "forums", 2)
    register.set_plan_target(2026, "special_supported_pct", 95)
    register.add_activity(activity(activity_type="forum", start_date=date(2026, 6, 1)), today=TODAY)
    a = register.add_child(draft(register, "Lò Văn Ơn"), today=TODAY).created_id
    b = register.add_child(draft(register, "Ma Thị Hoa"), today=TODAY).created_id
    c = register.add_child(draft(register, "Vàng Thị Mai"), today=TODAY).created_id
    for child, start, end in ((a, date(2025, 3, 1), None), (b, date(2026, 4, 2), None),
                              (c, date(2024, 1, 1), date(2025, 6, 1))):  # fmt: skip
        register.add_circumstance(child, CircumstanceDraft("special", "d", start, end), today=TODAY)
    register.add_support(a, "allowance", date(2026, 2, 1), 540_000, "state", today=TODAY)
    register.add_support(c, "allowance", date(2026, 2, 1), 540_000, "state", today=TODAY)
    progress = {t.draft.indicator: t.progress for t in register.plan_progress(2026)}
    assert progress["forums"].achieved == 1
    share = progress["special_supported_pct"]
    # a is supported; b became special in April with no support yet; c's circumstance ended
    assert (share.achieved, share.basis) == (50, (1, 2))
    assert share.monthly[1:4] == (100, 100, 50)


# ---- the register: the fund ----------------------------------------------------------------------


def test_fund_book_balance_and_money_raised(register):
    register.set_plan_target(2026, "fund_raised", 20_000_000)
    register.add_fund_entry(
        FundDraft("received", "cash", date(2025, 12, 31), 3_500_000, donor="Số dư năm trước"),
        today=TODAY,
    )
    register.add_fund_entry(
        FundDraft("received", "cash", date(2026, 3, 1), 2_000_000, donor="Hội Chữ thập đỏ xã"),
        today=TODAY,
    )
    register.add_fund_entry(
        FundDraft("received", "in_kind", date(2026, 9, 1), 4_000_000,
                  donor="Đoàn Thanh niên", items="200 quyển vở"),
        today=TODAY,
    )  # fmt: skip
    register.add_fund_entry(
        FundDraft("spent", "cash", date(2026, 9, 20), 1_500_000, purpose="Quà Trung thu"),
        today=TODAY,
    )
    year = register.fund_year(2026)
    assert (year.opening, year.received, year.spent, year.closing, year.cash_closing) == (
        3_500_000, 6_000_000, 1_500_000, 8_000_000, 4_000_000,
    )  # fmt: skip
    assert len(register.fund_entries(2026)) == 3 and len(register.fund_entries()) == 4
    [raised] = register.plan_progress(2026)
    assert (raised.progress.achieved, raised.progress.remaining) == (6_000_000, 14_000_000)
    assert len(log_entries(register, "fundentry")) == 4


def test_the_fund_never_spends_cash_it_has_not_received(register):
    receipt = register.add_fund_entry(
        FundDraft("received", "cash", date(2026, 3, 1), 1_000_000, donor="Nhà hảo tâm"),
        today=TODAY,
    ).created_id
    before = len(log_entries(register))
    too_much = FundDraft("spent", "cash", date(2026, 4, 1), 1_200_000, purpose="Quà")
    with pytest.raises(ValidationError, match=r"sẽ bị âm 200\.000 đ vào ngày 01/04/2026"):
        register.add_fund_entry(too_much, today=TODAY)
    spent = register.add_fund_entry(
        FundDraft("spent", "cash", date(2026, 4, 1), 800_000, purpose="Quà"), today=TODAY
    ).created_id
    with pytest.raises(ValidationError, match="sẽ bị âm"):
        register.delete_fund_entry(receipt)
    with pytest.raises(ValidationError, match="sẽ bị âm"):
        register.update_fund_entry(
            receipt,
            FundDraft("received", "cash", date(2026, 4, 2), 1_000_000, donor="Nhà hảo tâm"),
            today=TODAY,
        )
    assert len(log_entries(register)) == before + 1
    register.delete_fund_entry(spent)
    register.delete_fund_entry(receipt)
    assert register.fund_entries() == []


def test_every_programme_row_is_in_the_change_log(register):
    register.add_activity(activity(), today=TODAY)
    register.add_course(counts(), course(), today=TODAY)
    register.set_plan_target(2026, "courses", 9)
    register.add_fund_entry(
        FundDraft("received", "cash", date(2026, 3, 1), 1_000_000, donor="Nhà hảo tâm"),
        today=TODAY,
    )
    assert check_register(register) == []
    entities = {e.entity for e in log_entries(register)}
    assert {"activity", "trainingcourse", "trainingparticipant", "plantarget", "fundentry"} <= (
        entities
    )


def test_reads_inside_a_batch_see_the_rows_the_batch_wrote(register):
    """An import or the demo writes in one transaction and reads what it wrote before the end."""
    register.set_plan_target(2026, "courses", 9)
    with register.batch():
        register.add_activity(activity(), today=TODAY)
        register.add_course(counts(), course(), today=TODAY)
        register.add_fund_entry(
            FundDraft("received", "cash", date(2026, 3, 1), 2_000_000, donor="Hội Chữ thập đỏ xã"),
            today=TODAY,
        )
        assert [a.draft.title for a in register.activities()] == [activity().title]
        assert [c.totals.total for c in register.courses(2026)] == [60]
        assert [f.draft.donor for f in register.fund_entries(2026)] == ["Hội Chữ thập đỏ xã"]
        assert register.fund_year(2026).received == 2_000_000
        [courses] = register.plan_progress(2026)
        assert (courses.progress.achieved, courses.progress.target) == (1, 9)
    assert [a.draft.title for a in register.activities()] == [activity().title]
