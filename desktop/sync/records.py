"""What each field of a synced record may hold: one schema per entity, for both sides of sync.

The server checks every change against these before storing it (`server.apply`), so nothing
malformed is ever stored or sent down; the desktop can check pulled rows with the same
`field_problems` before applying them. The schemas say, field by field: the type (a JSON
string, integer or boolean, never one passed off as another), the format (ISO dates, times
with a time zone, clock values), the length and characters of text (the domain's own rules:
`desktop.domain.validation`), and the codes a field may take (the categories of
`desktop.domain`, the ethnic groups of the reference data).

A change carries only the fields it changed, so fields are checked one by one; a new record
must also carry every required field. `row_problems` adds the few rules that span fields and
would otherwise break the receiving desktop (a birth date that does not exist).
`tests/sync/test_records.py` keeps these schemas and the desktop's tables in step.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainValidator, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from desktop import reference
from desktop.domain import cases, hlc
from desktop.domain import categories as cat
from desktop.domain.dates import PartialDate
from desktop.domain.validation import (
    FIELD_LABELS,
    NAME_MAX,
    NOTES_MAX,
    name_problem,
    text_problem,
)

LINE_MAX = 1_000  # single-line text the desktop does not bound itself (titles, places …)
LONG_MAX = 20_000  # free text beyond the notes' 4,000 (a conflict's kept or lost value)
FIGURES_MAX = 2_000_000  # a sent report's frozen tally (JSON)
MONEY_MAX = 10**15  # đồng: a thousand trillion, far beyond any commune's book, inside 64 bits
COUNT_MAX = 10**9
ID_MAX = 36
_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.:-]{0,35}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_YEARS = range(1900, 2201)
_INT64 = 2**63 - 1


class Bad(ValueError):
    """One field's problem, in Vietnamese (without the field's name)."""


def _rule(check: Callable[[Any], Any], optional: bool = False) -> PlainValidator:
    """A pydantic validator from a plain check: returns the value to store or raises `Bad`."""

    def validate(value: Any) -> Any:
        if value is None:
            if optional:
                return None
            raise PydanticCustomError("sotreem", "không được để trống.")
        try:
            return check(value)
        except Bad as exc:
            raise PydanticCustomError("sotreem", str(exc)) from None

    return PlainValidator(validate)


def printable(text: str) -> str:
    """Text safe to show and store: control characters, lone surrogates … as \\u escapes."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _shown(value: Any) -> str:
    try:
        text = printable(json.dumps(value, ensure_ascii=False))
    except (ValueError, RecursionError):
        text = "…"
    return text if len(text) <= 40 else text[:37] + "…"


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise Bad(f"phải là chữ, không phải {_shown(value)}.")
    return value


# ---- the kinds of field -------------------------------------------------------------------


def Text(limit: int, *, required: bool = False, optional: bool = False) -> PlainValidator:
    """Free text: bounded, no hidden control characters (line breaks are fine)."""

    def check(value: Any) -> str:
        text = _string(value)
        if required and not text.strip():
            raise Bad("không được để trống.")
        if problem := text_problem(text, limit):
            raise Bad(problem)
        return text

    return _rule(check, optional)


def _name(value: Any) -> str:
    text = _string(value)
    if not text.strip():
        raise Bad("không được để trống.")
    if problem := name_problem(text):
        raise Bad(problem)
    return text


def Code(*lists: tuple[cat.Category, ...], optional: bool = False) -> PlainValidator:
    """One of the codes of a domain list."""
    allowed = frozenset().union(*(cat.codes(c) for c in lists))

    def check(value: Any) -> str:
        if _string(value) not in allowed:
            raise Bad(f"mã {_shown(value)} không có trong danh mục.")
        return value

    return _rule(check, optional)


def _ethnic(value: Any) -> str:
    if _string(value) not in reference.ethnic_groups():
        raise Bad(f"mã {_shown(value)} không có trong danh mục 54 dân tộc.")
    return value


def _word(value: Any) -> str:
    """A code of a vocabulary that grows with the app (the audit trail's actions)."""
    if not _CODE.match(_string(value)):
        raise Bad(f"{_shown(value)} không phải một mã (chữ thường, số, “_”).")
    return value


def _ident(value: Any) -> str:
    text = _string(value)
    if not _ID.match(text):
        if len(text) > ID_MAX:
            raise Bad(f"mã bản ghi dài {len(text)} ký tự, tối đa {ID_MAX}.")
        raise Bad(f"mã bản ghi {_shown(text)} có ký tự không được dùng (chỉ chữ, số, - _ . :).")
    return text


def _day(value: Any) -> str:
    text = _string(value)
    try:
        day = date.fromisoformat(text) if _DAY.match(text) else None
    except ValueError:
        day = None
    if day is None:
        raise Bad(f"{_shown(value)} không phải ngày dạng YYYY-MM-DD có thật.")
    if day.year not in _YEARS:
        raise Bad(f"năm {day.year} không hợp lệ.")
    return text


def _moment(value: Any) -> str:
    text = _string(value)
    try:
        moment = datetime.fromisoformat(text) if _DAY.match(text[:10]) else None
    except ValueError:
        moment = None
    if moment is None:
        raise Bad(f"{_shown(value)} không phải thời điểm dạng ISO 8601.")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise Bad(f"thời điểm {_shown(value)} thiếu múi giờ (ví dụ +07:00).")
    if moment.year not in _YEARS:
        raise Bad(f"năm {moment.year} không hợp lệ.")
    return text


def _clock(value: Any) -> str:
    try:
        return hlc.canonical(_string(value))
    except ValueError:
        raise Bad(f"{_shown(value)} không phải dấu thời gian đồng bộ.") from None


def Whole(low: int, high: int, *, optional: bool = False) -> PlainValidator:
    """An integer (never a boolean, a decimal or a number in text) within [low, high]."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Bad(f"phải là số nguyên, không phải {_shown(value)}.")
        if not low <= value <= high:
            raise Bad(f"{value} nằm ngoài khoảng {low}–{high:,}.".replace(",", "."))
        return value

    return _rule(check, optional)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Bad(f"phải là true hoặc false, không phải {_shown(value)}.")
    return value


def _json_text(value: Any) -> str:
    text = _string(value)
    if len(text) > FIGURES_MAX:
        raise Bad(f"dài {len(text)} ký tự, tối đa {FIGURES_MAX}.")
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        raise Bad("không phải JSON hợp lệ.") from None
    return text


def _scalar(value: Any) -> Any:
    """A conflict's kept or lost value: any single value a field can hold."""
    if isinstance(value, str):
        if problem := text_problem(value, LONG_MAX):
            raise Bad(problem)
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if not -_INT64 <= value <= _INT64:
            raise Bad("số quá lớn.")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise Bad("số không hợp lệ.")
    else:
        raise Bad("phải là một giá trị đơn (chữ, số hoặc true/false).")
    return value


def _entity(value: Any) -> str:
    if _string(value) not in SCHEMAS:
        raise Bad(f"loại dữ liệu {_shown(value)} không được đồng bộ.")
    return value


def _field_name(value: Any) -> str:
    if not re.match(r"^[a-z][a-z0-9_]{0,59}$", _string(value)):
        raise Bad(f"{_shown(value)} không phải tên trường.")
    return value


Name = Annotated[str, _rule(_name)]
Line = Annotated[str, Text(LINE_MAX)]
# Free text the desktop bounds only for children (`NOTES_MAX`); elsewhere the wire allows more.
Notes = Annotated[str, Text(LONG_MAX)]
Ident = Annotated[str, _rule(_ident)]
MaybeIdent = Annotated[str | None, _rule(_ident, optional=True)]
Day = Annotated[str, _rule(_day)]
MaybeDay = Annotated[str | None, _rule(_day, optional=True)]
Moment = Annotated[str, _rule(_moment)]
MaybeMoment = Annotated[str | None, _rule(_moment, optional=True)]
Clock = Annotated[str, _rule(_clock)]
Flag = Annotated[bool, _rule(_flag)]
MaybeFlag = Annotated[bool | None, _rule(_flag, optional=True)]
Count = Annotated[int, Whole(0, COUNT_MAX)]
Money = Annotated[int, Whole(0, MONEY_MAX)]
MaybeMoney = Annotated[int | None, Whole(0, MONEY_MAX, optional=True)]
Funding = Annotated[str | None, Code(cat.FUNDING_SOURCES, optional=True)]
Sex = Annotated[str, Code(cat.SEXES)]


# ---- one schema per entity (the desktop's table names) -----------------------------------


class _Synced(BaseModel):
    """The sync columns every record has; `commune_code` and the clock also travel beside."""

    model_config = ConfigDict(extra="forbid")
    created_at: Moment
    deleted: Flag = False
    commune_code: Annotated[str, Text(10)] = ""
    updated_at: Clock = ""
    updated_by: Annotated[str, Text(64)] = ""


class Village(_Synced):
    name: Annotated[str, Text(LINE_MAX, required=True)]
    merged_into: MaybeIdent = None
    retired_on: MaybeDay = None


class Child(_Synced):
    full_name: Name
    sex: Sex
    birth_year: Annotated[int, Whole(_YEARS.start, _YEARS.stop - 1)]
    birth_month: Annotated[int | None, Whole(1, 12, optional=True)] = None
    birth_day: Annotated[int | None, Whole(1, 31, optional=True)] = None
    ethnic_code: Annotated[str | None, _rule(_ethnic, optional=True)] = None
    village_id: MaybeIdent = None
    personal_id: Annotated[str | None, _rule(lambda v: _personal_id(v), optional=True)] = None
    birth_registered: MaybeFlag = None
    health_insurance: MaybeFlag = None
    schooling: Annotated[str | None, Code(cat.SCHOOLING, optional=True)] = None
    poverty: Annotated[str | None, Code(cat.POVERTY, optional=True)] = None
    caregiver_name: Line = ""
    caregiver_relation: Line = ""
    contact_phone: Line = ""
    status: Annotated[str, Code(cat.CHILD_STATUSES)] = "active"
    notes: Annotated[str, Text(NOTES_MAX)] = ""
    merged_into: MaybeIdent = None


def _personal_id(value: Any) -> str:
    if not re.match(r"^\d{12}$", _string(value)):
        raise Bad("số định danh cá nhân phải gồm đúng 12 chữ số.")
    return value


class Circumstance(_Synced):
    child_id: Ident
    kind: Annotated[str, Code(cat.CIRCUMSTANCE_KINDS)]
    group_code: Annotated[str, Code(cat.SPECIAL_GROUPS, cat.DEFAULT_RISK_GROUPS)]
    sub_code: Annotated[str | None, Code(cat.ORPHAN_SUBCASES, optional=True)] = None
    start_date: Day
    end_date: MaybeDay = None
    end_reason: Line = ""
    notes: Notes = ""


class Support(_Synced):
    child_id: Ident
    support_type: Annotated[str, Code(cat.SUPPORT_TYPES)]
    given_on: Day
    amount_vnd: MaybeMoney = None
    funding_source: Funding = None
    notes: Notes = ""


class ProtectionCase(_Synced):
    child_id: Ident
    case_type: Annotated[str, Code(cat.CASE_TYPES)]
    received_at: Moment
    report_source: Annotated[str | None, Code(cat.REPORT_SOURCES, optional=True)] = None
    reported_by: Line = ""
    summary: Notes = ""
    emergency: Flag = False
    status: Annotated[str, Code(cases.CASE_STATUSES)] = "open"
    closed_on: MaybeDay = None


class CaseStep(_Synced):
    case_id: Ident
    step: Annotated[str, Code(cases.CASE_STEPS)]
    done_at: MaybeMoment = None
    notes: Notes = ""


class Activity(_Synced):
    activity_type: Annotated[str, Code(cat.ACTIVITY_TYPES)]
    title: Annotated[str, Text(LINE_MAX, required=True)]
    start_date: Day
    end_date: MaybeDay = None
    place: Line = ""
    village_id: MaybeIdent = None
    organiser: Line = ""
    partners: Line = ""
    adult_male: Count = 0
    adult_female: Count = 0
    child_male: Count = 0
    child_female: Count = 0
    special_children: Count = 0
    cost_vnd: MaybeMoney = None
    funding_source: Funding = None
    notes: Notes = ""


class TrainingCourse(_Synced):
    topic: Annotated[str, Code(cat.TRAINING_TOPICS)]
    title: Annotated[str, Text(LINE_MAX, required=True)]
    start_date: Day
    end_date: MaybeDay = None
    place: Line = ""
    trainer: Line = ""
    cost_vnd: MaybeMoney = None
    funding_source: Funding = None
    notes: Notes = ""


class TrainingParticipant(_Synced):
    course_id: Ident
    name: Annotated[str, Text(NAME_MAX * 2)] = ""
    role: Annotated[str, Code(cat.TRAINING_ROLES)]
    sex: Sex
    count: Count = 1


class PlanTarget(_Synced):
    year: Annotated[int, Whole(2000, 2100)]
    indicator: Annotated[str, Code(cat.PLAN_INDICATORS)]
    label: Line
    target_value: Money
    set_by: Annotated[str, Code(cat.PLAN_LEVELS)] = "commune"
    achieved_value: MaybeMoney = None
    age_from: Annotated[int | None, Whole(0, 15, optional=True)] = None
    age_to: Annotated[int | None, Whole(0, 15, optional=True)] = None


class FundEntry(_Synced):
    entry_date: Day
    direction: Annotated[str, Code(cat.FUND_DIRECTIONS)]
    form: Annotated[str, Code(cat.FUND_FORMS)] = "cash"
    amount_vnd: Money
    donor: Line = ""
    recipient: Line = ""
    purpose: Line = ""
    items: Line = ""
    notes: Notes = ""


REPORT_KINDS = (
    cat.Category("monthly", "Tháng"),
    cat.Category("semiannual", "Sáu tháng"),
    cat.Category("annual", "Năm"),
)


class SentReport(_Synced):
    kind: Annotated[str, Code(REPORT_KINDS)]
    period: Annotated[str, _rule(lambda v: _period(v))]
    figures: Annotated[str, _rule(_json_text)]
    sent_on: Day
    note: Notes = ""


def _period(value: Any) -> str:
    if not re.match(r"^\d{4}(-(0[1-9]|1[0-2]|H[12]))?$", _string(value)):
        raise Bad(f"kỳ báo cáo {_shown(value)} không đúng dạng 2026, 2026-H1 hay 2026-10.")
    return value


class Injury(_Synced):
    occurred_on: Day
    village_id: Ident
    place: Annotated[str, Code(cat.INJURY_PLACES)]
    cause: Annotated[str, Code(cat.INJURY_CAUSES)]
    severity: Annotated[str, Code(cat.INJURY_SEVERITIES)]
    child_id: MaybeIdent = None
    child_name: Annotated[str, Text(NAME_MAX * 2)] = ""
    child_sex: Annotated[str | None, Code(cat.SEXES, optional=True)] = None
    child_birth_year: Annotated[int | None, Whole(_YEARS.start, _YEARS.stop - 1, optional=True)] = (
        None
    )
    child_village_id: MaybeIdent = None
    notes: Notes = ""


def _measures(value: Any) -> str:
    """Codes of the hazard measures, comma-separated ("sign,fence"), or "" for none."""
    allowed = cat.codes(cat.HAZARD_MEASURES)
    codes = [c for c in _string(value).split(",") if c]
    if any(c not in allowed for c in codes) or len(codes) != len(set(codes)):
        raise Bad(f"{_shown(value)} không phải danh sách biện pháp trong danh mục.")
    return value


class HazardSpot(_Synced):
    village_id: Ident
    kind: Annotated[str, Code(cat.HAZARD_KINDS)]
    description: Annotated[str, Text(LINE_MAX, required=True)]
    measures: Annotated[str, _rule(_measures)] = ""
    found_on: Day
    checked_on: Day
    notes: Notes = ""


class ChildFriendlyAssessment(_Synced):
    year: Annotated[int, Whole(2000, 2100)]
    criteria_version: Annotated[str, Text(200, required=True)]
    sent_on: MaybeDay = None
    snapshot: Annotated[str, _rule(lambda v: _json_text(v) if v else v)] = ""
    signer: Line = ""


class AssessmentEntry(_Synced):
    assessment_id: Ident
    criterion: Annotated[str, Text(20, required=True)]
    value: Annotated[str, Text(100)] = ""
    met: MaybeFlag = None
    evidence: Notes = ""


class AuditEntry(_Synced):
    at: Moment
    username: Line
    action: Annotated[str, _rule(_word)]
    entity: Annotated[str, _rule(_word)]
    row_id: Annotated[str, Text(ID_MAX)] = ""
    label: Line = ""
    detail: Annotated[str, Text(LONG_MAX)] = ""


class SyncConflict(_Synced):
    entity: Annotated[str, _rule(_entity)]
    row_id: Ident
    field: Annotated[str, _rule(_field_name)]
    kept_value: Annotated[Any, _rule(_scalar, optional=True)] = None
    kept_hlc: Clock
    lost_value: Annotated[Any, _rule(_scalar, optional=True)] = None
    lost_hlc: Clock
    lost_by: Annotated[str, Text(64)] = ""
    resolved: Flag = False


SCHEMAS: dict[str, type[_Synced]] = {
    "village": Village,
    "child": Child,
    "circumstance": Circumstance,
    "support": Support,
    "protectioncase": ProtectionCase,
    "casestep": CaseStep,
    "activity": Activity,
    "trainingcourse": TrainingCourse,
    "trainingparticipant": TrainingParticipant,
    "plantarget": PlanTarget,
    "fundentry": FundEntry,
    "sentreport": SentReport,
    "auditentry": AuditEntry,
    "sync_conflict": SyncConflict,
    "injury": Injury,
    "hazardspot": HazardSpot,
    "childfriendlyassessment": ChildFriendlyAssessment,
    "assessmententry": AssessmentEntry,
}


# ---- checking -----------------------------------------------------------------------------


class Envelope(BaseModel):
    """What travels beside a change's fields: the record's id, its clock and its author."""

    model_config = ConfigDict(extra="forbid")
    id: Ident
    hlc: Clock
    by: Annotated[str, Text(64)] = ""


@cache
def _adapters(model: type[BaseModel]) -> dict[str, TypeAdapter]:
    return {
        # a field's type with its constraints, built at run time from the model
        name: TypeAdapter(Annotated[info.annotation, *info.metadata])  # type: ignore[arg-type]
        for name, info in model.model_fields.items()
    }


@cache
def required(entity: str) -> frozenset[str]:
    """The fields a new record of `entity` must carry."""
    return frozenset(n for n, f in SCHEMAS[entity].model_fields.items() if f.is_required())


# Fields the form messages never name, as the Đồng bộ page names them.
_MORE_LABELS = {
    "created_at": "Ngày tạo",
    "updated_at": "Thời điểm sửa",
    "updated_by": "Người sửa",
    "deleted": "Đã xoá",
    "birth_year": "Năm sinh",
    "birth_month": "Tháng sinh",
    "birth_day": "Ngày sinh",
    "birth_registered": "Đã đăng ký khai sinh",
    "health_insurance": "Thẻ bảo hiểm y tế",
    "summary": "Tóm tắt",
    "reported_by": "Người báo tin",
    "emergency": "Khẩn cấp",
    "end_reason": "Lý do kết thúc",
    "closed_on": "Ngày đóng vụ việc",
    "child_id": "Trẻ em",
    "case_id": "Vụ việc",
    "course_id": "Lớp tập huấn",
    "at": "Thời điểm",
    "kind": "Loại",
    "period": "Kỳ báo cáo",
    "figures": "Số liệu",
    "hlc": "Dấu thời gian",
    "by": "Người sửa",
    "assessment_id": "Bản tự đánh giá",
    "criteria_version": "Phiên bản bộ tiêu chí",
    "snapshot": "Bản đã gửi",
    "signer": "Người ký",
}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name) or _MORE_LABELS.get(name, name)


def describe(name: str, message: str) -> str:
    """“Giới tính” (sex): mã "X" không có trong danh mục."""
    label = field_label(name)
    return f"“{label}” ({name}): {message}" if label != name else f"{name}: {message}"


def field_problems(
    entity: str, fields: Mapping[str, Any], *, new: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """Check a change's fields: (the values to store, a Vietnamese problem per bad field).

    Values come back as stored (clock values in their fixed-width form). With `new`, every
    required field must be present. An unknown entity or field is a problem too.
    """
    if entity not in SCHEMAS:
        return {}, [f"loại dữ liệu “{printable(entity)[:60]}” không được đồng bộ."]
    clean, problems = _check(SCHEMAS[entity], fields)
    if new:
        missing = sorted(required(entity) - set(fields))
        if missing:
            problems.append("bản ghi mới thiếu " + ", ".join(describe_missing(missing)) + ".")
    return clean, problems


def envelope_problems(row_id: Any, clock: Any, by: Any) -> tuple[dict[str, Any], list[str]]:
    """Check a change's id, clock and author: (values to use, problems)."""
    return _check(Envelope, {"id": row_id, "hlc": clock, "by": by})


def _check(model: type[BaseModel], fields: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    adapters = _adapters(model)
    clean: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in fields.items():
        adapter = adapters.get(name)
        if adapter is None:
            problems.append(f"không có trường {printable(str(name))[:60]}.")
            continue
        try:
            clean[name] = adapter.validate_python(value)
        except ValidationError as exc:
            problems.append(describe(name, exc.errors()[0]["msg"]))
    return clean, problems


def describe_missing(names: list[str]) -> list[str]:
    return [f"“{field_label(n)}” ({n})" if field_label(n) != n else n for n in names]


def row_problems(entity: str, row: Mapping[str, Any]) -> list[str]:
    """Rules across fields of a whole record (stored values with the change laid over)."""
    if entity == "injury" and not row.get("child_id") and not row.get("deleted"):
        missing = [n for n in ("child_name", "child_sex", "child_birth_year") if not row.get(n)]
        if missing:  # a child not in the register: the minimum a report needs
            return ["trẻ không có trong sổ cần " + ", ".join(describe_missing(missing)) + "."]
    if entity == "child" and isinstance(row.get("birth_year"), int):
        birth = PartialDate(row["birth_year"], row.get("birth_month"), row.get("birth_day"))
        if problem := birth.problem():
            return [describe("birth", problem + ".")]
    return []
