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
