"""Activities, training courses, the year's plan and the Child Protection Fund: the pure rules.

Provincial and district plans set the commune's year in numbers (Lào Cai 2023: 9 courses for
540 participants) and the officer reports what was done against them. Everything the pages and
reports show about it is computed here from plain values, so the numbers agree wherever they
appear: participant totals however they were entered, progress of each target, the fund's
balance. No I/O, no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop.domain import categories as cat
from desktop.domain.dates import DateTextError, Precision, format_date, parse_partial_date
from desktop.domain.money import format_vnd
from desktop.domain.validation import Problem

MONTHS = 12

# ---- reading what the officer typed ----------------------------------------------------------


def parse_day(text: str, *, today: date) -> date:
    """A full date typed as dd/mm/yyyy (or d/m/yy): an activity happens on a known day.

    Raises DateTextError with a Vietnamese message for anything else.
    """
    value = parse_partial_date(text, today=today)
    if value.precision is not Precision.DAY:
        raise DateTextError(f"“{text.strip()}” thiếu ngày hoặc tháng (nhập dd/mm/yyyy)")
    assert value.month is not None and value.day is not None
    return date(value.year, value.month, value.day)


def format_period(start: date, end: date | None = None) -> str:
    """ "05/06/2026", or a range written once: "01/06–30/06/2026", "28/12/2025–02/01/2026"."""
    if end is None or end == start:
        return format_date(start)
    if end.year == start.year:
        return f"{start:%d/%m}–{format_date(end)}"
    return f"{format_date(start)}–{format_date(end)}"


# ---- participants ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantEntry:
    """One participant by name (count 1), or, with no name, a count of one role and sex."""

    role: str
    sex: str
    count: int = 1
    name: str = ""

    @property
    def named(self) -> bool:
        return bool(self.name.strip())


@dataclass(frozen=True)
class ParticipantTotals:
    """Participants by role and sex; every other total is derived from this one table."""

    by_role_sex: Mapping[tuple[str, str], int] = field(default_factory=dict)
    named: int = 0  # how many of them were entered by name

    def count(self, role: str | None = None, sex: str | None = None) -> int:
        return sum(
            n
            for (r, s), n in self.by_role_sex.items()
            if (role is None or r == role) and (sex is None or s == sex)
        )

    @property
    def total(self) -> int:
        return self.count()

    @property
    def male(self) -> int:
        return self.count(sex="M")

    @property
    def female(self) -> int:
        return self.count(sex="F")

    @property
    def children(self) -> int:
        return self.count(role="child")

    @property
    def adults(self) -> int:
        return self.total - self.children


def participant_totals(entries: Iterable[ParticipantEntry]) -> ParticipantTotals:
    """Totals by role × sex, the same whether people were listed by name or counted.

    A named person counts once; a count row adds its count; rows of the same role and sex add
    up. This is the only place participants are summed.
    """
    table: dict[tuple[str, str], int] = {}
    named = 0
    for entry in entries:
        weight = 1 if entry.named else max(entry.count, 0)
        if weight:
            table[(entry.role, entry.sex)] = table.get((entry.role, entry.sex), 0) + weight
        named += entry.named
    return ParticipantTotals(dict(table), named)


def counts_to_entries(counts: Mapping[tuple[str, str], int]) -> list[ParticipantEntry]:
    """A role × sex grid as count rows (empty cells dropped), in the order of the code lists."""
    return [
        ParticipantEntry(role.code, sex.code, counts[(role.code, sex.code)])
        for role in cat.TRAINING_ROLES
        for sex in cat.SEXES
        if counts.get((role.code, sex.code), 0) > 0
    ]


def validate_participants(entries: Sequence[ParticipantEntry]) -> list[Problem]:
    problems: list[Problem] = []
    roles, sexes = cat.codes(cat.TRAINING_ROLES), cat.codes(cat.SEXES)
    for i, entry in enumerate(entries, start=1):
        who = f"dòng {i} ({entry.name.strip()})" if entry.named else f"dòng {i}"
        if entry.role not in roles:
            problems.append(Problem("participants", f"{who} chưa chọn vai trò."))
        if entry.sex not in sexes:
            problems.append(Problem("participants", f"{who} chưa chọn Nam hoặc Nữ."))
        if entry.named and entry.count != 1:
            problems.append(Problem("participants", f"{who}: người ghi tên được tính là 1."))
        if not entry.named and entry.count < 1:
            problems.append(Problem("participants", f"{who}: số lượng phải từ 1 trở lên."))
    if not problems and participant_totals(entries).total == 0:
        problems.append(
            Problem(
                "participants",
                "cần ít nhất một người (ghi theo danh sách tên hoặc theo số lượng).",
            )
        )
    return problems


# ---- shared checks ---------------------------------------------------------------------------


def _date_problems(start: date | None, end: date | None, today: date) -> list[Problem]:
    if start is None:
        return [Problem("start_date", "không được để trống.")]
    problems = []
    if start > today:
        problems.append(
            Problem("start_date", "không được sau ngày hôm nay (chỉ ghi việc đã diễn ra).")
        )
    if end is not None and end < start:
        problems.append(
            Problem("end_date", f"không được trước ngày bắt đầu ({format_date(start)}).")
        )
    elif end is not None and end > today:
        problems.append(Problem("end_date", "không được sau ngày hôm nay."))
    return problems


def _cost_problems(cost_vnd: int | None, funding_source: str | None) -> list[Problem]:
    problems = []
    if cost_vnd is not None and cost_vnd < 0:
        problems.append(Problem("cost_vnd", "không được âm."))
    if funding_source is not None and funding_source not in cat.codes(cat.FUNDING_SOURCES):
        problems.append(Problem("funding_source", f"“{funding_source}” không hợp lệ."))
    elif funding_source is None and cost_vnd:
        problems.append(Problem("funding_source", "chọn nguồn khi có kinh phí."))
    return problems


# ---- activities ------------------------------------------------------------------------------


@dataclass
class ActivityDraft:
    """An activity as a form or an import holds it before it is saved."""

    activity_type: str | None
    title: str
    start_date: date | None
    end_date: date | None = None
    place: str = ""
    village_id: str | None = None
    organiser: str = ""
    partners: str = ""
    adult_male: int = 0
    adult_female: int = 0
    child_male: int = 0
    child_female: int = 0
    special_children: int = 0  # of the children, how many are in special circumstances
    cost_vnd: int | None = None
    funding_source: str | None = None
    notes: str = ""

    @property
    def children(self) -> int:
        return self.child_male + self.child_female

    @property
    def participants(self) -> int:
        return self.adult_male + self.adult_female + self.children


ACTIVITY_COUNTS = ("adult_male", "adult_female", "child_male", "child_female", "special_children")


def validate_activity(
    draft: ActivityDraft, *, today: date, village_ids: Collection[str] | None = None
) -> list[Problem]:
    problems: list[Problem] = []
    if draft.activity_type not in cat.codes(cat.ACTIVITY_TYPES):
        problems.append(Problem("activity_type", "chọn loại hoạt động."))
    if not draft.title.strip():
        problems.append(Problem("title", "không được để trống."))
    problems += _date_problems(draft.start_date, draft.end_date, today)
    if (
        draft.village_id is not None
        and village_ids is not None
        and draft.village_id not in village_ids
    ):
        problems.append(Problem("village_id", "thôn/bản này không thuộc xã đang quản lý."))
    for name in ACTIVITY_COUNTS:
        if getattr(draft, name) < 0:
            problems.append(Problem(name, "không được âm."))
    if draft.special_children > max(draft.children, 0):
        problems.append(
            Problem(
                "special_children",
                f"không được nhiều hơn số trẻ em tham gia ({max(draft.children, 0)}).",
            )
        )
    return problems + _cost_problems(draft.cost_vnd, draft.funding_source)


# ---- training courses ------------------------------------------------------------------------


@dataclass
class CourseDraft:
    topic: str | None
    title: str
    start_date: date | None
    end_date: date | None = None
    place: str = ""
    trainer: str = ""
    cost_vnd: int | None = None
    funding_source: str | None = None
    notes: str = ""


def validate_course(
    draft: CourseDraft, participants: Sequence[ParticipantEntry], *, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    if draft.topic not in cat.codes(cat.TRAINING_TOPICS):
        problems.append(Problem("topic", "chọn chủ đề tập huấn."))
    if not draft.title.strip():
        problems.append(Problem("course_title", "không được để trống."))
    problems += _date_problems(draft.start_date, draft.end_date, today)
    problems += _cost_problems(draft.cost_vnd, draft.funding_source)
    return problems + validate_participants(participants)


# ---- plan targets ----------------------------------------------------------------------------

# The unit a target is counted in; money and percentages are shown their own way.
INDICATOR_UNITS: dict[str, str] = {
    "courses": "lớp",
    "course_participants": "người",
    "special_supported_pct": "%",
    "communication_events": "buổi",
    "forums": "diễn đàn",
    "month_of_action": "hoạt động",
    "fund_raised": "đồng",
    "swimming_taught_pct": "%",
    "injury_skills_pct": "%",
    "custom": "",
}
# Indicators counted from activities of one type.
ACTIVITY_INDICATORS: dict[str, str] = {
    "communication_events": "communication",
    "forums": "forum",
    "month_of_action": "month_of_action",
}
# Indicators nothing in the register measures: the officer enters what was achieved.
BY_HAND = frozenset({"custom"})
# Shares of the children of the target's ages (its denominator, `age_from`–`age_to` in the
# register) taught in activities of one type during the year (the children they counted).
CHILD_SHARE_INDICATORS: dict[str, str] = {
    "swimming_taught_pct": "swimming",
    "injury_skills_pct": "injury_skills",
}
PERCENT_INDICATORS = frozenset({"special_supported_pct", *CHILD_SHARE_INDICATORS})
MAX_CHILD_AGE = 15  # a child is under 16 (Luật Trẻ em 2016, Điều 1)


@dataclass
class TargetDraft:
    year: int
    indicator: str
    target_value: int
    label: str = ""  # defaults to the indicator's label; required for a free-form target
    set_by: str = "commune"
    achieved_value: int | None = None  # only for free-form targets
    age_from: int | None = None  # a share of children: the ages its denominator counts
    age_to: int | None = None

    def display_label(self) -> str:
        if self.label.strip():
            return self.label.strip()
        name = cat.label(cat.PLAN_INDICATORS, self.indicator)
        if self.indicator in CHILD_SHARE_INDICATORS and self.ages is not None:
            return f"{name} — {denominator_text(*self.ages)}"
        return name

    @property
    def ages(self) -> tuple[int, int] | None:
        if self.age_from is None or self.age_to is None:
            return None
        return self.age_from, self.age_to


def denominator_text(age_from: int, age_to: int) -> str:
    """What a share of children is taken of: "trẻ em từ 6 đến 15 tuổi trong sổ"."""
    return f"trẻ em từ {age_from} đến {age_to} tuổi trong sổ"


def validate_target(draft: TargetDraft) -> list[Problem]:
    problems: list[Problem] = []
    if not 2000 <= draft.year <= 2100:
        problems.append(Problem("year", f"năm {draft.year} không hợp lệ."))
    if draft.indicator not in cat.codes(cat.PLAN_INDICATORS):
        problems.append(Problem("indicator", f"chỉ tiêu “{draft.indicator}” không hợp lệ."))
    if draft.target_value < 0:
        problems.append(Problem("target_value", "không được âm."))
    elif draft.indicator in PERCENT_INDICATORS and draft.target_value > 100:
        problems.append(Problem("target_value", "tỷ lệ không được quá 100%."))
    problems += _age_problems(draft)
    if draft.indicator in BY_HAND and not draft.label.strip():
        problems.append(Problem("label", "chỉ tiêu khác cần có tên (ví dụ “Số mô hình”)."))
    if draft.set_by not in cat.codes(cat.PLAN_LEVELS):
        problems.append(Problem("set_by", f"“{draft.set_by}” không hợp lệ."))
    if draft.achieved_value is not None:
        if draft.indicator not in BY_HAND:
            problems.append(
                Problem(
                    "achieved_value",
                    "chỉ nhập tay cho chỉ tiêu khác; chỉ tiêu này tự tính từ số liệu đã ghi.",
                )
            )
        elif draft.achieved_value < 0:
            problems.append(Problem("achieved_value", "không được âm."))
    return problems


def _age_problems(draft: TargetDraft) -> list[Problem]:
    if draft.indicator not in CHILD_SHARE_INDICATORS:
        if draft.age_from is not None or draft.age_to is not None:
            return [Problem("age_from", "chỉ dùng cho chỉ tiêu tỷ lệ trẻ em theo độ tuổi.")]
        return []
    problems = []
    for name, age in (("age_from", draft.age_from), ("age_to", draft.age_to)):
        if age is None:
            problems.append(Problem(name, "ghi độ tuổi mà chỉ tiêu nói tới (mẫu số)."))
        elif not 0 <= age <= MAX_CHILD_AGE:
            problems.append(Problem(name, f"tuổi phải từ 0 đến {MAX_CHILD_AGE}."))
    ages = draft.ages
    if not problems and ages is not None and ages[0] > ages[1]:
        problems.append(Problem("age_to", "không được nhỏ hơn “từ tuổi”."))
    return problems


def format_amount(indicator: str, value: int) -> str:
    """A target or achieved value in its unit: "1.500.000 đ", "95%", "540"."""
    if indicator == "fund_raised":
        return format_vnd(value)
    if indicator in PERCENT_INDICATORS:
        return f"{value}%"
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Progress:
    """How far a target is: achieved against target, and the cumulative curve by month."""

    target: int
    achieved: int
    monthly: tuple[int, ...] = ()  # achieved by the end of January … December; () if by hand
    basis: tuple[int, int] | None = None  # a percentage's numerator and denominator

    @property
    def remaining(self) -> int:
        return max(self.target - self.achieved, 0)

    @property
    def percent(self) -> int:
        """Share of the target reached, 0–100 (a progress bar never runs over)."""
        if self.target <= 0:
            return 100
        return min(100, self.achieved * 100 // self.target)

    @property
    def done(self) -> bool:
        return self.achieved >= self.target

    @property
    def increments(self) -> tuple[int, ...]:
        """What each month added (a percentage may fall: new children without support yet)."""
        return tuple(b - a for a, b in zip((0, *self.monthly), self.monthly, strict=False))


def per_month(items: Iterable[tuple[date, int]], year: int) -> list[int]:
    """Amounts dated within `year`, summed by month (January first); other years ignored."""
    months = [0] * MONTHS
    for day, amount in items:
        if day.year == year:
            months[day.month - 1] += amount
    return months


def cumulative(values: Sequence[int]) -> tuple[int, ...]:
    total, out = 0, []
    for value in values:
        total += value
        out.append(total)
    return tuple(out)


def share_percent(part: int, whole: int) -> int:
    """Whole percent, rounded down: 94.9 % must not be reported as the 95 % a criterion needs."""
    return part * 100 // whole if whole else 0


def special_supported_by_month(
    children: Iterable[tuple[int, int | None]],
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Children in special circumstances known, and of them supported, by the end of each month.

    Each child is (month it is known in the year: 1 if its circumstance began earlier, month of
    its first support in the year or None). A child supported before its circumstance was
    recorded counts as supported from the month it is known.
    """
    known, supported = [0] * MONTHS, [0] * MONTHS
    for known_month, support_month in children:
        known[known_month - 1] += 1
        if support_month is not None:
            supported[max(known_month, support_month) - 1] += 1
    return cumulative(known), cumulative(supported)


@dataclass(frozen=True)
class YearFigures:
    """What the register holds for one year, by month: the measures targets are checked on."""

    courses: Sequence[int] = (0,) * MONTHS
    course_participants: Sequence[int] = (0,) * MONTHS
    activities: Mapping[str, Sequence[int]] = field(default_factory=dict)  # by activity type
    fund_received: Sequence[int] = (0,) * MONTHS
    special_known: Sequence[int] = (0,) * MONTHS  # cumulative, see special_supported_by_month
    special_supported: Sequence[int] = (0,) * MONTHS
    # Children counted by the activities of each type, by month (what they were taught).
    activity_children: Mapping[str, Sequence[int]] = field(default_factory=dict)
    # Children of the register of given ages (from, to) at the end of each month.
    children_of_age: Mapping[tuple[int, int], Sequence[int]] = field(default_factory=dict)


def target_progress(draft: TargetDraft, figures: YearFigures) -> Progress:
    """Progress of one target from the year's figures (or from what was entered by hand)."""
    indicator = draft.indicator
    if indicator in BY_HAND:
        return Progress(draft.target_value, draft.achieved_value or 0)
    if indicator == "special_supported_pct":
        known, supported = tuple(figures.special_known), tuple(figures.special_supported)
        monthly = tuple(map(share_percent, supported, known))
        return Progress(draft.target_value, monthly[-1], monthly, (supported[-1], known[-1]))
    if indicator in CHILD_SHARE_INDICATORS:
        return _child_share_progress(draft, figures)
    if indicator in ACTIVITY_INDICATORS:
        months = figures.activities.get(ACTIVITY_INDICATORS[indicator], (0,) * MONTHS)
    else:
        months = {
            "courses": figures.courses,
            "course_participants": figures.course_participants,
            "fund_raised": figures.fund_received,
        }[indicator]
    monthly = cumulative(months)
    return Progress(draft.target_value, monthly[-1], monthly)


def _child_share_progress(draft: TargetDraft, figures: YearFigures) -> Progress:
    """Children taught by the end of each month over the children of the target's ages then;
    a share never passes 100 % (a child taught twice is counted by each activity)."""
    taught = cumulative(
        figures.activity_children.get(CHILD_SHARE_INDICATORS[draft.indicator], (0,) * MONTHS)
    )
    ages = draft.ages
    children = tuple(figures.children_of_age.get(ages, (0,) * MONTHS)) if ages else (0,) * MONTHS
    monthly = tuple(min(100, share_percent(t, c)) for t, c in zip(taught, children, strict=True))
    return Progress(draft.target_value, monthly[-1], monthly, (taught[-1], children[-1]))


# ---- the Child Protection Fund ---------------------------------------------------------------


@dataclass
class FundDraft:
    """One entry of the Quỹ Bảo trợ trẻ em book: a contribution received or a spending."""

    direction: str | None  # received | spent
    form: str | None  # cash | in_kind
    entry_date: date | None
    amount_vnd: int | None  # money, or the value of goods in kind
    donor: str = ""  # who gave (received)
    recipient: str = ""  # who got it (spent)
    purpose: str = ""
    items: str = ""  # what was given in kind, e.g. "50 suất quà"
    notes: str = ""


@dataclass(frozen=True)
class FundLine:
    entry_date: date
    direction: str
    form: str
    amount_vnd: int

    @property
    def signed(self) -> int:
        return self.amount_vnd if self.direction == "received" else -self.amount_vnd


def validate_fund_entry(draft: FundDraft, *, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if draft.direction not in cat.codes(cat.FUND_DIRECTIONS):
        problems.append(Problem("direction", "chọn thu hoặc chi."))
    if draft.form not in cat.codes(cat.FUND_FORMS):
        problems.append(Problem("form", "chọn tiền mặt hoặc hiện vật."))
    if draft.entry_date is None:
        problems.append(Problem("entry_date", "không được để trống."))
    elif draft.entry_date > today:
        problems.append(Problem("entry_date", "không được sau ngày hôm nay."))
    if draft.amount_vnd is None:
        what = "giá trị quy ra tiền của hiện vật" if draft.form == "in_kind" else "số tiền"
        problems.append(Problem("amount_vnd", f"nhập {what}."))
    elif draft.amount_vnd <= 0:
        problems.append(Problem("amount_vnd", "phải lớn hơn 0."))
    if draft.direction == "received" and not draft.donor.strip():
        problems.append(Problem("donor", "không được để trống."))
    if draft.direction == "spent" and not draft.purpose.strip():
        problems.append(Problem("purpose", "ghi rõ khoản chi dùng vào việc gì."))
    if draft.form == "in_kind" and not draft.items.strip():
        problems.append(Problem("items", "ghi rõ hiện vật (ví dụ “50 suất quà”)."))
    return problems


def cash_overdraft(lines: Iterable[FundLine]) -> tuple[date, int] | None:
    """The first day the fund's cash would go below zero, and by how much; None if never.

    Days are taken in order, receipts of a day before its spending: money spent must have been
    received first (record the balance carried over from earlier years as a receipt).
    """
    cash = sorted(
        (line for line in lines if line.form == "cash"),
        key=lambda line: (line.entry_date, line.direction != "received"),
    )
    balance = 0
    for line in cash:
        balance += line.signed
        if balance < 0:
            return line.entry_date, balance
    return None


def overdraft_problem(before: Iterable[FundLine], after: Iterable[FundLine]) -> list[Problem]:
    """A change that makes the cash book go negative (when it did not before) is refused."""
    if cash_overdraft(before) is not None:
        return []
    found = cash_overdraft(after)
    if found is None:
        return []
    day, balance = found
    return [
        Problem(
            "amount_vnd",
            f"tiền mặt của quỹ sẽ bị âm {format_vnd(-balance)} vào ngày {format_date(day)} "
            "(chi nhiều hơn số đã thu); ghi khoản thu trước.",
        )
    ]


@dataclass(frozen=True)
class FundYear:
    """The fund over one year: balance brought forward, received, spent, balance carried."""

    opening: int = 0
    received: int = 0
    spent: int = 0
    received_in_kind: int = 0
    spent_in_kind: int = 0
    cash_closing: int = 0

    @property
    def closing(self) -> int:
        return self.opening + self.received - self.spent


def fund_year(lines: Iterable[FundLine], year: int) -> FundYear:
    opening = received = spent = received_in_kind = spent_in_kind = cash = 0
    for line in lines:
        if line.entry_date.year > year:
            continue
        if line.form == "cash":
            cash += line.signed
        if line.entry_date.year < year:
            opening += line.signed
        elif line.direction == "received":
            received += line.amount_vnd
            received_in_kind += line.amount_vnd if line.form == "in_kind" else 0
        else:
            spent += line.amount_vnd
            spent_in_kind += line.amount_vnd if line.form == "in_kind" else 0
    return FundYear(opening, received, spent, received_in_kind, spent_in_kind, cash)
