"""Local accounts as use cases the register holds: create one, change or reset a password,
log in. On an encrypted register each account also has a key slot (the data key, wrapped with
its password) in the key file beside the database."""

from __future__ import annotations

from sqlmodel import select
from uuid6 import uuid7

from desktop.db import accounts
from desktop.db.changes import Changes
from desktop.db.errors import NotAllowed
from desktop.db.models import User
from desktop.db.write_path import WritePath, now
from desktop.domain import categories as cat
from desktop.domain.names import normalize_name
from desktop.domain.validation import Problem, ValidationError, ensure


class Users:
    """The register's accounts and their roles."""

    def __init__(self, db: WritePath):
        self.db = db

    def create_user(self, username: str, full_name: str, role: str, password: str) -> Changes:
        """A new account; on an encrypted register also its key slot (the data key, wrapped)."""
        if self.db.key is not None and self.db.role != "officer":
            raise NotAllowed("Chỉ cán bộ phụ trách được thêm tài khoản.")
        problems = []
        username = username.strip().lower()
        if not username:
            problems.append(Problem("username", "không được để trống."))
        if role not in cat.codes(accounts.ROLES):
            problems.append(Problem("role", f"vai trò “{role}” không hợp lệ."))
        if len(password) < accounts.MIN_PASSWORD_LENGTH:
            problems.append(
                Problem("password", f"cần ít nhất {accounts.MIN_PASSWORD_LENGTH} ký tự.")
            )
        ensure(problems)
        with self.db.write() as tx:
            if tx.session.exec(select(User).where(User.username == username)).first():
                raise ValidationError([Problem("username", f"“{username}” đã có.")])
            user = User(
                id=str(uuid7()),
                username=username,
                full_name=normalize_name(full_name),
                role=role,
                password_hash=accounts.hash_password(password),
                created_at=now(),
            )
            tx.session.add(user)
            tx.entities.add("user")
            tx.created.append(user.id)
            self.db.audit(tx, "created", "user", user.id, username, role)
            changes = tx.changes()
        self._write_slot(username, user.full_name, role, password)
        return changes

    def set_password(self, username: str, password: str) -> Changes:
        """Change a password: one's own, or (officer only) an assistant's or viewer's reset.

        On an encrypted register the account's key slot is rewritten with the new password.
        """
        username = username.strip().lower()
        if username != self.db.user and self.db.role != "officer":
            raise NotAllowed("Chỉ cán bộ phụ trách được đặt lại mật khẩu người khác.")
        if len(password) < accounts.MIN_PASSWORD_LENGTH:
            raise ValidationError(
                [Problem("password", f"cần ít nhất {accounts.MIN_PASSWORD_LENGTH} ký tự.")]
            )
        with self.db.write(own_account=username == self.db.user) as tx:
            user = tx.session.exec(select(User).where(User.username == username)).first()
            if user is None:
                raise ValidationError([Problem("username", f"không có tài khoản “{username}”.")])
            if user.role == "officer" and username != self.db.user:
                raise NotAllowed(
                    "Mật khẩu của cán bộ phụ trách chỉ đổi được bởi chính người đó hoặc bằng "
                    "mã khôi phục."
                )
            user.password_hash = accounts.hash_password(password)
            tx.session.add(user)
            tx.entities.add("user")
            tx.ids.add(user.id)
            self.db.audit(tx, "changed", "user", user.id, username, "mật khẩu")
            changes = tx.changes()
            full_name, role = user.full_name, user.role
        self._write_slot(username, full_name, role, password)
        return changes

    def _write_slot(self, username: str, full_name: str, role: str, password: str) -> None:
        if self.db.key is None:
            return
        from desktop.db.keyfile import KeyFile, path_for

        path = path_for(self.db.path)
        keys = KeyFile.load(path) if path.exists() else KeyFile(path, self.db.commune_code)
        keys.commune_code = keys.commune_code or self.db.commune_code
        keys.set_slot(username, full_name, role, password, self.db.key)
        keys.save()

    def authenticate(self, username: str, password: str) -> User | None:
        with self.db.reading() as session:
            user = session.exec(
                select(User).where(User.username == username.strip().lower())
            ).first()
        if user and accounts.verify_password(user.password_hash, password):
            return user
        return None

    def users(self) -> list[User]:
        with self.db.reading() as session:
            return list(session.exec(select(User).order_by(User.username)))
