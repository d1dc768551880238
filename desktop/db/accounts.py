"""Local accounts: Argon2 password hashes and the roles that decide what a person may see."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desktop.domain.categories import Category

ROLES: tuple[Category, ...] = (
    Category("officer", "Cán bộ phụ trách (toàn quyền)"),
    Category("assistant", "Người hỗ trợ (không xem vụ việc bảo vệ)"),
    Category("viewer", "Chỉ xem"),
)
MIN_PASSWORD_LENGTH = 8

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def may_see_cases(role: str) -> bool:
    """Protection cases are restricted to the officer role."""
    return role == "officer"


def may_edit(role: str) -> bool:
    return role in ("officer", "assistant")


# What each role may write to a file, checked by the register before a byte is written (and
# every export is in the audit trail first). A viewer takes figures and the programme's lists,
# never a file naming children; the audit trail names children and cases: officer only.
EXPORTS: dict[str, frozenset[str]] = {
    "officer": frozenset(
        {"report", "activities", "trainings", "register", "all", "import_problems", "auditentry"}
    ),
    "assistant": frozenset(
        {"report", "activities", "trainings", "register", "all", "import_problems"}
    ),
    "viewer": frozenset({"report", "activities", "trainings"}),
}
AUDIT_OFFICER_ONLY = "Chỉ cán bộ phụ trách được xem và xuất nhật ký truy cập."
VIEWER_EXPORTS = (
    "Tài khoản chỉ xem chỉ được xuất báo cáo số liệu, danh sách hoạt động và lớp tập huấn; tệp "
    "có thông tin cá nhân của trẻ em (sổ trẻ em, danh sách lỗi khi nhập) chỉ cán bộ phụ trách "
    "và người hỗ trợ được xuất."
)


def may_back_up(role: str) -> bool:
    """A backup is the whole register (encrypted): not a viewer's to carry away."""
    return role in ("officer", "assistant")


BACKUP_REFUSED = "Tài khoản chỉ xem không sao lưu được dữ liệu."
RESTORE_REFUSED = "Chỉ cán bộ phụ trách được khôi phục bản sao lưu."
IMPORT_REFUSED = "Tài khoản chỉ xem không nhập được dữ liệu từ tệp."


def may_export(role: str, what: str) -> bool:
    return what in EXPORTS.get(role, frozenset())


def export_refusal(role: str, what: str) -> str | None:
    """Why `role` may not write a file of kind `what`; None when it may."""
    if may_export(role, what):
        return None
    return AUDIT_OFFICER_ONLY if what == "auditentry" else VIEWER_EXPORTS
