"""Validation of what the officer enters, with messages in Vietnamese naming the field.

Validators return a list of `Problem`s (empty when all is well) so a form can show every
message at once; `ensure` turns them into one `ValidationError` for the write path.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from desktop.domain import categories as cat
from desktop.domain.dates import PartialDate, age_on, format_date
from desktop.domain.names import normalize_name

FIELD_LABELS = {
    "full_name": "Họ và tên",
    "sex": "Giới tính",
    "birth": "Ngày sinh",
    "ethnic_code": "Dân tộc",
    "village_id": "Thôn/bản",
    "personal_id": "Số định danh cá nhân",
    "status": "Tình trạng",
    "schooling": "Học tập",
    "poverty": "Hộ nghèo/cận nghèo",
    "kind": "Loại",
    "group_code": "Nhóm",
    "sub_code": "Trường hợp",
    "start_date": "Ngày bắt đầu",
    "end_date": "Ngày kết thúc",
    "support_type": "Hình thức trợ giúp",
    "amount_vnd": "Số tiền",
    "funding_source": "Nguồn kinh phí",
    "given_on": "Ngày trợ giúp",
    "name": "Tên",
    "commune_code": "Mã xã",
    "title": "Tên hoạt động",
    "topic": "Chủ đề",
    "role": "Vai trò",
    "count": "Số lượng",
    "case_type": "Loại vụ việc",
    "received_at": "Thời điểm tiếp nhận",
    "done_at": "Thời điểm hoàn thành",
    "step": "Bước",
    "indicator": "Chỉ tiêu",
    "target_value": "Giá trị chỉ tiêu",
    "activity_type": "Loại hoạt động",
    "adult_male": "Số người lớn nam",
    "adult_female": "Số người lớn nữ",
    "child_male": "Số trẻ em nam",
    "child_female": "Số trẻ em nữ",
    "id": "Mã bản ghi",
    "username": "Tên đăng nhập",
    "sent_on": "Ngày gửi",
    "password": "Mật khẩu",
    "place": "Địa điểm",
    "reason": "Lý do",
    "child_id": "Trẻ em",
    "reported_by": "Người báo tin",
    "report_source": "Nguồn tin",
    "other_id": "Hồ sơ trùng",
    "summary": "Tóm tắt",
    "end_reason": "Lý do kết thúc",
    "organiser": "Đơn vị tổ chức",
    "partners": "Đơn vị phối hợp",
    "special_children": "Số trẻ em có hoàn cảnh đặc biệt",
    "cost_vnd": "Kinh phí",
    "course_title": "Tên lớp tập huấn",
    "trainer": "Giảng viên",
    "participants": "Người tham gia",
    "year": "Năm",
    "label": "Tên chỉ tiêu",
    "set_by": "Cấp giao",
    "achieved_value": "Đã đạt",
    "direction": "Thu/chi",
    "form": "Hình thức",
    "entry_date": "Ngày",
    "donor": "Người/đơn vị ủng hộ",
    "recipient": "Người/đơn vị nhận",
    "purpose": "Mục đích",
    "items": "Hiện vật",
    "caregiver_name": "Người chăm sóc",
    "caregiver_relation": "Quan hệ với trẻ",
    "contact_phone": "Điện thoại liên hệ",
    "notes": "Ghi chú",
    # injuries, hazard spots, the child-friendly commune self-assessment
    "occurred_on": "Ngày xảy ra",
    "cause": "Nguyên nhân",
    "severity": "Mức độ",
    "child_name": "Họ tên trẻ",
    "child_sex": "Giới tính của trẻ",
    "child_birth_year": "Năm sinh của trẻ",
    "child_village_id": "Thôn/bản nơi trẻ ở",
    "description": "Mô tả vị trí",
    "measures": "Biện pháp đã có",
    "found_on": "Ngày phát hiện",
    "checked_on": "Ngày kiểm tra",
    "criterion": "Tiêu chí",
    "value": "Kết quả",
    "met": "Đạt/chưa đạt",
    "evidence": "Minh chứng",
    "age_from": "Từ tuổi",
    "age_to": "Đến tuổi",
}

NAME_MAX = 100  # the longest Vietnamese or ethnic-minority full name is far shorter
SHORT_TEXT_MAX = 200
NOTES_MAX = 4000
_NAME_PUNCTUATION = set(" .-'’()")

_PERSONAL_ID = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{FIELD_LABELS.get(self.field, self.field)}: {self.message}"


class ValidationError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def ensure(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


@dataclass
class ChildDraft:
    """What a form or an import row holds about a child before it is saved."""

    full_name: str
    sex: str | None = None
    birth: PartialDate | None = None
    ethnic_code: str | None = None
    village_id: str | None = None
    personal_id: str | None = None
    birth_registered: bool | None = None
    health_insurance: bool | None = None
    schooling: str | None = None
    poverty: str | None = None
    caregiver_name: str = ""
    caregiver_relation: str = ""
    contact_phone: str = ""
    status: str = "active"
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def validate_child(
    draft: ChildDraft,
    *,
    today: date,
    ethnic_codes: Collection[str],
    village_ids: Collection[str],
) -> list[Problem]:
    problems: list[Problem] = []
    if not normalize_name(draft.full_name):
        problems.append(Problem("full_name", "không được để trống."))
    elif problem := name_problem(draft.full_name):
        problems.append(Problem("full_name", problem))
    for name, limit in (
        ("caregiver_name", SHORT_TEXT_MAX),
        ("caregiver_relation", SHORT_TEXT_MAX),
        ("contact_phone", SHORT_TEXT_MAX),
        ("notes", NOTES_MAX),
    ):
        if problem := text_problem(getattr(draft, name) or "", limit):
            problems.append(Problem(name, problem))
    if draft.sex not in cat.codes(cat.SEXES):
        problems.append(Problem("sex", "chọn Nam hoặc Nữ."))
    problems += _birth_problems(draft.birth, draft.status, today)
    if draft.ethnic_code is not None and draft.ethnic_code not in ethnic_codes:
        problems.append(
            Problem("ethnic_code", f"mã “{draft.ethnic_code}” không có trong danh mục dân tộc.")
        )
    if draft.village_id is not None and draft.village_id not in village_ids:
        problems.append(Problem("village_id", "thôn/bản này không thuộc xã đang quản lý."))
    if draft.personal_id and not _PERSONAL_ID.match(draft.personal_id):
        problems.append(Problem("personal_id", "phải gồm đúng 12 chữ số."))
    for name, value, allowed in (
        ("status", draft.status, cat.CHILD_STATUSES),
        ("schooling", draft.schooling, cat.SCHOOLING),
        ("poverty", draft.poverty, cat.POVERTY),
    ):
        if value is not None and value not in cat.codes(allowed):
            problems.append(Problem(name, f"giá trị “{value}” không hợp lệ."))
    return problems


def _hidden_characters(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(c)[0] == "C" and c not in allowed for c in text)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def text_problem(text: str, limit: int) -> str | None:
    """Free text: bounded length, no invisible control characters (line breaks are fine)."""
    if len(text) > limit:
        return f"dài {_thousands(len(text))} ký tự, tối đa {_thousands(limit)}."
    if _hidden_characters(text, "\n\r\t"):
        return "có ký tự điều khiển ẩn (thường do chép từ phần mềm khác); hãy gõ lại."
    return None


def name_problem(full_name: str) -> str | None:
    """A person's name: letters (any script, any tone marks), spaces and . - ' ( ) only."""
    name = normalize_name(full_name)
    if len(name) > NAME_MAX:
        return f"dài {_thousands(len(name))} ký tự, tối đa {NAME_MAX}."
    if _hidden_characters(full_name, "\t\n\r"):
        return "có ký tự điều khiển ẩn (thường do chép từ phần mềm khác); hãy gõ lại."
    odd = sorted(
        {c for c in name if not (c.isalnum() or unicodedata.category(c)[0] == "M")}
        - _NAME_PUNCTUATION
    )
    if odd:
        return f"có ký tự không dùng trong tên: {' '.join(odd[:5])}."
    if not any(c.isalpha() for c in name):
        return "phải có chữ cái."
    return None


def _birth_problems(birth: PartialDate | None, status: str, today: date) -> list[Problem]:
    if birth is None:
        return [Problem("birth", "cần ít nhất năm sinh.")]
    if problem := birth.problem():
        return [Problem("birth", problem + ".")]
    if birth.earliest() > today:
        return [Problem("birth", "không được sau ngày hôm nay.")]
    if status == "active" and age_on(birth, today) >= 16:
        return [
            Problem(
                "birth",
                f"trẻ sinh {birth.display()} đã đủ 16 tuổi, không còn là trẻ em "
                "(đổi tình trạng thành “Đủ 16 tuổi”).",
            )
        ]
    return []


@dataclass
class CircumstanceDraft:
    kind: str
    group_code: str
    start_date: date
    end_date: date | None = None
    sub_code: str | None = None
    end_reason: str = ""
    notes: str = ""


def validate_circumstance(
    draft: CircumstanceDraft, *, today: date, risk_codes: Collection[str]
) -> list[Problem]:
    problems: list[Problem] = []
    if draft.kind == "special":
        if draft.group_code not in cat.SPECIAL_GROUP_CODES:
            problems.append(
                Problem("group_code", f"nhóm “{draft.group_code}” không có trong luật.")
            )
        if draft.sub_code is not None and (
            draft.group_code != "a" or draft.sub_code not in cat.codes(cat.ORPHAN_SUBCASES)
        ):
            problems.append(Problem("sub_code", "chỉ dùng cho nhóm a (mồ côi cả cha và mẹ)."))
    elif draft.kind == "risk":
        if draft.group_code not in risk_codes:
            problems.append(Problem("group_code", f"nhóm nguy cơ “{draft.group_code}” không có."))
    else:
        problems.append(Problem("kind", "chọn hoàn cảnh đặc biệt hoặc có nguy cơ."))
    if draft.start_date > today:
        problems.append(Problem("start_date", "không được sau ngày hôm nay."))
    if draft.end_date is not None and draft.end_date < draft.start_date:
        problems.append(
            Problem(
                "end_date",
                f"không được trước ngày bắt đầu ({format_date(draft.start_date)}).",
            )
        )
    return problems


def validate_support(
    support_type: str,
    given_on: date,
    amount_vnd: int | None,
    funding_source: str | None,
    *,
    today: date,
) -> list[Problem]:
    problems: list[Problem] = []
    if support_type not in cat.codes(cat.SUPPORT_TYPES):
        problems.append(Problem("support_type", f"“{support_type}” không hợp lệ."))
    if given_on > today:
        problems.append(Problem("given_on", "không được sau ngày hôm nay."))
    if amount_vnd is not None and amount_vnd < 0:
        problems.append(Problem("amount_vnd", "không được âm."))
    if funding_source is not None and funding_source not in cat.codes(cat.FUNDING_SOURCES):
        problems.append(Problem("funding_source", f"“{funding_source}” không hợp lệ."))
    return problems


def validate_village_name(name: str) -> list[Problem]:
    if not normalize_name(name):
        return [Problem("name", "tên thôn/bản không được để trống.")]
    if problem := text_problem(name, SHORT_TEXT_MAX):
        return [Problem("name", problem)]
    return []
