"""Injuries and drowning of children, and the places where children risk drowning: the rules.

The provincial plans ask the commune to collect data on child injuries and drowning and to
review, before every summer, the places where children may drown (ponds, dams, streams …) and
what has been done there (warning signs, fences). An injury may befall a child of the register
or a child who is not in it (a visitor, a child never recorded): then the report still needs the
child's name, sex, birth year and village. No I/O, no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from desktop.domain import categories as cat
from desktop.domain.dates import CHILD_AGE_LIMIT, PartialDate, age_on
from desktop.domain.validation import Problem, name_problem, text_problem

NOTES_LIMIT = 4_000
LINE_LIMIT = 300


@dataclass
class InjuryDraft:
    """One incident as a form holds it: a child of the register (`child_id`), or a child who
    is not in it (`child_name`, `child_sex`, `child_birth_year`, `child_village_id`)."""

    occurred_on: date | None
    cause: str | None
    severity: str | None
    place: str | None
    village_id: str | None = None  # where it happened
    child_id: str | None = None
    child_name: str = ""
    child_sex: str | None = None
    child_birth_year: int | None = None
    child_village_id: str | None = None
    notes: str = ""

    @property
    def in_register(self) -> bool:
        return self.child_id is not None


def validate_injury(
    draft: InjuryDraft,
    *,
    today: date,
    village_ids: Collection[str] | None = None,
    child_birth: PartialDate | None = None,
) -> list[Problem]:
    """Every problem of the draft, naming its field; `child_birth` is the register child's."""
    problems: list[Problem] = []
    if draft.occurred_on is None:
        problems.append(Problem("occurred_on", "không được để trống."))
    elif draft.occurred_on > today:
        problems.append(Problem("occurred_on", "không được sau ngày hôm nay."))
    for field, value, lists, what in (
        ("cause", draft.cause, cat.INJURY_CAUSES, "nguyên nhân"),
        ("severity", draft.severity, cat.INJURY_SEVERITIES, "mức độ"),
        ("place", draft.place, cat.INJURY_PLACES, "nơi xảy ra"),
    ):
        if value not in cat.codes(lists):
            problems.append(Problem(field, f"chọn {what}."))
    if draft.village_id is None:
        problems.append(Problem("village_id", "chọn thôn/bản nơi xảy ra."))
    elif village_ids is not None and draft.village_id not in village_ids:
        problems.append(Problem("village_id", "thôn/bản này không thuộc xã đang quản lý."))
    if draft.in_register:
        birth = child_birth
    else:
        own = _outside_child_problems(draft, today, village_ids)
        problems += own
        year = draft.child_birth_year
        year_ok = year is not None and all(p.field != "child_birth_year" for p in own)
        birth = PartialDate(year) if year is not None and year_ok else None
    if birth is not None and draft.occurred_on is not None:
        if birth.earliest() > draft.occurred_on:
            problems.append(Problem("occurred_on", "trước cả năm sinh của trẻ."))
        elif age_on(birth, draft.occurred_on) >= CHILD_AGE_LIMIT:
            field = "child_id" if draft.in_register else "child_birth_year"
            problems.append(Problem(field, "khi xảy ra sự việc trẻ đã đủ 16 tuổi (không còn là "
                                           "trẻ em)."))  # fmt: skip
    if problem := text_problem(draft.notes, NOTES_LIMIT):
        problems.append(Problem("notes", problem))
    return problems


def _outside_child_problems(
    draft: InjuryDraft, today: date, village_ids: Collection[str] | None
) -> list[Problem]:
    """A child who is not in the register: the minimum a report needs."""
    problems = []
    if not draft.child_name.strip():
        problems.append(Problem("child_name", "ghi họ tên trẻ (hoặc chọn trẻ trong sổ)."))
    elif problem := name_problem(draft.child_name):
        problems.append(Problem("child_name", problem))
    if draft.child_sex not in cat.codes(cat.SEXES):
        problems.append(Problem("child_sex", "chọn Nam hoặc Nữ."))
    year = draft.child_birth_year
    if year is None:
        problems.append(Problem("child_birth_year", "ghi năm sinh."))
    elif not today.year - 17 <= year <= today.year:
        problems.append(Problem("child_birth_year", f"năm sinh {year} không hợp lệ cho trẻ em."))
    if draft.child_village_id is None:
        problems.append(Problem("child_village_id", "chọn thôn/bản nơi trẻ ở."))
    elif village_ids is not None and draft.child_village_id not in village_ids:
        problems.append(Problem("child_village_id", "thôn/bản này không thuộc xã đang quản lý."))
    return problems


def age_band(birth: PartialDate, on: date) -> str:
    """The code of the age band (`categories.AGE_BANDS`) on `on`; "16+" past them."""
    age = age_on(birth, on)
    return next((b.code for b in cat.AGE_BANDS if b.min_age <= age < b.max_age), "16+")


# ---- hazard spots ------------------------------------------------------------------------------


@dataclass
class HazardDraft:
    """A place in a village where children risk drowning, and what has been done there."""

    village_id: str | None
    kind: str | None
    description: str
    measures: tuple[str, ...] = ()  # codes of `categories.HAZARD_MEASURES`; () when none
    found_on: date | None = None  # when the spot was first recorded
    checked_on: date | None = None  # the latest check
    notes: str = ""


def measures_text(codes: Iterable[str]) -> str:
    """Stored form of a set of measures: their codes in the list's order, comma-separated."""
    chosen = set(codes)
    return ",".join(c.code for c in cat.HAZARD_MEASURES if c.code in chosen)


def measures_of(text: str) -> tuple[str, ...]:
    return tuple(code for code in text.split(",") if code)


def validate_hazard(
    draft: HazardDraft, *, today: date, village_ids: Collection[str] | None = None
) -> list[Problem]:
    problems: list[Problem] = []
    if draft.village_id is None:
        problems.append(Problem("village_id", "chọn thôn/bản."))
    elif village_ids is not None and draft.village_id not in village_ids:
        problems.append(Problem("village_id", "thôn/bản này không thuộc xã đang quản lý."))
    if draft.kind not in cat.codes(cat.HAZARD_KINDS):
        problems.append(Problem("kind", "chọn loại điểm nguy cơ."))
    if not draft.description.strip():
        problems.append(Problem("description", "mô tả vị trí (ví dụ “ao nhà ông A, cạnh đường "
                                               "vào trường”)."))  # fmt: skip
    elif problem := text_problem(draft.description, LINE_LIMIT):
        problems.append(Problem("description", problem))
    unknown = set(draft.measures) - cat.codes(cat.HAZARD_MEASURES)
    if unknown:
        problems.append(Problem("measures", f"biện pháp “{', '.join(sorted(unknown))}” không có "
                                            "trong danh mục."))  # fmt: skip
    if draft.checked_on is None:
        problems.append(Problem("checked_on", "ghi ngày kiểm tra."))
    elif draft.checked_on > today:
        problems.append(Problem("checked_on", "không được sau ngày hôm nay."))
    if draft.found_on is not None:
        if draft.found_on > today:
            problems.append(Problem("found_on", "không được sau ngày hôm nay."))
        elif draft.checked_on is not None and draft.found_on > draft.checked_on:
            problems.append(Problem("found_on", "không được sau ngày kiểm tra."))
    if problem := text_problem(draft.notes, NOTES_LIMIT):
        problems.append(Problem("notes", problem))
    return problems
