"""Local accounts as use cases the register holds: add, remove, disable or enable one, change or
reset a password, log in, and rotate the keys.

On an encrypted register each account has a key slot in the key file beside the database
(`desktop.db.keyfile`), and the slot, not the database's `user` table, says what its password
opens and in which role: a row edited with plain `sqlcipher3` makes nobody an officer. Removing,
disabling or resetting an account rotates the keys (`rotate_keys`): a new data key (the
database is re-encrypted, with progress), new cases and signing keys, handed to every remaining
slot, so an old copy of the key file stops opening anything written from then on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlmodel import select
from uuid6 import uuid7

from desktop.db import accounts, rekey, sealed_box
from desktop.db.changes import Changes
from desktop.db.engine import make_engine
from desktop.db.errors import NotAllowed
from desktop.db.keyfile import (
    RECOVERY,
    SUFFIX,
    KeyFile,
    Keyring,
    SlotError,
    new_data_key,
    path_for,
)
from desktop.db.models import User
from desktop.db.sealing import CaseSeal
from desktop.db.write_path import WritePath, now
from desktop.domain import categories as cat
from desktop.domain.names import normalize_name
from desktop.domain.validation import Problem, ValidationError, ensure

Progress = Callable[[float, str], None]
_ACCOUNTS_OFFICER_ONLY = "Chỉ cán bộ phụ trách được xem và quản lý tài khoản."
_NEEDS_OFFICER_KEYS = (
    "Phiên này không giữ khóa của cán bộ phụ trách: hãy đăng nhập bằng mật khẩu cán bộ (hoặc "
    "đặt lại mật khẩu bằng mã khôi phục) rồi làm lại."
)


def _quiet(_fraction: float, _message: str) -> None:
    return None


@dataclass(frozen=True)
class AccountView:
    """One account as the Settings box and `sotreem accounts` list it."""

    username: str
    full_name: str
    role: str
    disabled: bool = False
    needs_reset: bool = False  # no usable slot: an older slot dropped by a rotation, or none

    @property
    def status(self) -> str:
        if self.disabled:
            return "đã khóa"
        if self.needs_reset:
            return "cần đặt lại mật khẩu"
        return "đang dùng"


class Users:
    """The register's accounts, their roles and their key slots."""

    def __init__(self, db: WritePath):
        self.db = db

    # ---- helpers --------------------------------------------------------------------------

    @property
    def _encrypted(self) -> bool:
        return self.db.key is not None

    def _keyfile(self) -> KeyFile:
        path = path_for(self.db.path)
        return KeyFile.load(path) if path.exists() else KeyFile(path, self.db.commune_code)

    def _officer_keys(self) -> Keyring:
        """The officers' keys this session holds; refused for any other session."""
        unlocked = self.db.unlocked
        if unlocked is None or not unlocked.keys.officer_level or self.db.role != "officer":
            raise NotAllowed(_NEEDS_OFFICER_KEYS)
        return unlocked.keys

    @staticmethod
    def _password_problems(password: str) -> list[Problem]:
        if len(password) < accounts.MIN_PASSWORD_LENGTH:
            return [Problem("password", f"cần ít nhất {accounts.MIN_PASSWORD_LENGTH} ký tự.")]
        return []

    def _user(self, username: str) -> User:
        with self.db.reading() as session:
            user = session.exec(select(User).where(User.username == username)).first()
        if user is None:
            raise ValidationError([Problem("username", f"không có tài khoản “{username}”.")])
        return user

    # ---- reading -----------------------------------------------------------------------------

    def users(self) -> list[User]:
        self.db.require_officer(_ACCOUNTS_OFFICER_ONLY)
        with self.db.reading() as session:
            return list(session.exec(select(User).order_by(User.username)))

    def account_views(self) -> list[AccountView]:
        """Every account with its state in the key file (disabled, needs a reset)."""
        users = self.users()
        keys = KeyFile.for_db(self.db.path) if self._encrypted else None
        views = []
        for user in users:
            slot = keys.slots.get(user.username) if keys is not None else {}
            views.append(
                AccountView(
                    user.username, user.full_name, user.role,
                    disabled=bool(slot and slot.get("disabled")),
                    needs_reset=keys is not None and not slot,
                )
            )  # fmt: skip
        return views

    def role_of(self, username: str) -> str | None:
        """The role the database gives `username` (plain registers; None when unknown)."""
        with self.db.reading() as session:
            user = session.exec(select(User).where(User.username == username)).first()
        return user.role if user else None

    def authenticate(self, username: str, password: str) -> User | None:
        with self.db.reading() as session:
            user = session.exec(
                select(User).where(User.username == username.strip().lower())
            ).first()
        if user and accounts.verify_password(user.password_hash, password):
            return user
        return None

    # ---- adding, and passwords -------------------------------------------------------------

    def create_user(self, username: str, full_name: str, role: str, password: str) -> Changes:
        """A new account; on an encrypted register also its key slot, signed by the officer."""
        if self._encrypted or self.db.role != "officer":
            self.db.require_officer("Chỉ cán bộ phụ trách được thêm tài khoản.")
        problems = []
        username = username.strip().lower()
        if not username:
            problems.append(Problem("username", "không được để trống."))
        elif username == RECOVERY or not username.replace(".", "").replace("-", "").replace(
            "_", ""
        ).isalnum():
            problems.append(Problem("username", f"“{username}” không dùng làm tên đăng nhập được."))
        if role not in cat.codes(accounts.ROLES):
            problems.append(Problem("role", f"vai trò “{role}” không hợp lệ."))
        problems += self._password_problems(password)
        ensure(problems)
        keys = self._officer_keys() if self._encrypted else None
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
        if keys is not None:
            file = self._keyfile()
            private = file.set_slot(username, user.full_name, role, password, keys)
            file.save()
            own = self.db.unlocked
            if own is not None and own.username == username:  # set-up: the officer's own slot
                self.db.unlocked = replace(own, slot_private=private)
        return changes

    def set_password(self, username: str, password: str, progress: Progress = _quiet) -> Changes:
        """Change a password: one's own, or (officer only) an assistant's or viewer's reset.

        One's own: the same slot, wrapped under the new password. A reset: a new slot (a new
        key pair) and the keys rotated, so whoever knew the old password, with a copy of the
        old key file, opens nothing written from now on.
        """
        username = username.strip().lower()
        own = username == self.db.user
        if not own:
            self.db.require_officer("Chỉ cán bộ phụ trách được đặt lại mật khẩu người khác.")
        ensure(self._password_problems(password))
        user = self._user(username)
        if user.role == "officer" and not own:
            raise NotAllowed(
                "Mật khẩu của cán bộ phụ trách chỉ đổi được bởi chính người đó hoặc bằng "
                "mã khôi phục."
            )
        if self._encrypted:
            file = self._keyfile()
            if own:
                unlocked = self.db.unlocked
                if unlocked is None or unlocked.username != username:
                    raise NotAllowed("Hãy đăng nhập bằng mật khẩu của mình để đổi mật khẩu.")
                file.change_password(unlocked, password)
            else:
                file.set_slot(username, user.full_name, user.role, password, self._officer_keys())
        with self.db.write(own_account=own) as tx:
            row = tx.session.exec(select(User).where(User.username == username)).one()
            row.password_hash = accounts.hash_password(password)
            tx.session.add(row)
            tx.entities.add("user")
            tx.ids.add(row.id)
            self.db.audit(tx, "changed", "user", row.id, username,
                          "mật khẩu" if own else "đặt lại mật khẩu")  # fmt: skip
            changes = tx.changes()
        if self._encrypted:
            file.save()
            if not own:
                self.rotate_keys(progress)
        return changes

    # ---- removing, disabling ---------------------------------------------------------------

    def _other_account(self, username: str, doing: str) -> User:
        self.db.require_officer(f"Chỉ cán bộ phụ trách được {doing} tài khoản.")
        username = username.strip().lower()
        if username == self.db.user:
            raise ValidationError(
                [Problem("username", f"không {doing} được tài khoản đang đăng nhập.")]
            )
        user = self._user(username)
        if user.role == "officer":
            with self.db.reading() as session:
                officers = session.exec(select(User).where(User.role == "officer")).all()
            if len(officers) < 2:
                raise ValidationError(
                    [Problem("username", f"không {doing} được cán bộ phụ trách duy nhất.")]
                )
        return user

    def remove_user(self, username: str, progress: Progress = _quiet) -> Changes:
        """The account goes: its row, its key slot (here and in the automatic backups' key
        files), and the keys rotate. Its entries in the audit trail stay."""
        user = self._other_account(username, "xóa")
        if self._encrypted:
            self._officer_keys()
        with self.db.write() as tx:
            tx.session.delete(tx.session.exec(select(User).where(User.id == user.id)).one())
            tx.entities.add("user")
            tx.ids.add(user.id)
            self.db.audit(tx, "deleted", "user", user.id, user.username, user.role)
            changes = tx.changes()
        if self._encrypted:
            file = self._keyfile()
            file.remove_slot(user.username)
            file.save()
            _forget_in_backups(self.db.path, user.username)
            self.rotate_keys(progress)
        return changes

    def disable_user(self, username: str, progress: Progress = _quiet) -> Changes:
        """The account stays (and can be enabled again) but its slot holds no keys; the keys
        rotate, so what its password opened before opens nothing new."""
        user = self._other_account(username, "khóa")
        if not self._encrypted:
            raise NotAllowed("Chỉ khóa được tài khoản của sổ đã mã hóa; hãy xóa tài khoản này.")
        keys = self._officer_keys()
        file = self._keyfile()
        if user.username not in file.slots:
            raise ValidationError(
                [Problem("username", f"“{user.username}” chưa có ô khóa: hãy đặt lại mật khẩu.")]
            )
        try:
            file.set_disabled(user.username, True, keys)
        except SlotError as exc:
            raise ValidationError([Problem("username", str(exc))]) from exc
        file.save()
        changes = self._account_event(user, "khóa tài khoản")
        self.rotate_keys(progress)
        return changes

    def enable_user(self, username: str) -> Changes:
        """A disabled account opens again, with today's keys, by its own password."""
        self.db.require_officer("Chỉ cán bộ phụ trách được mở lại tài khoản.")
        user = self._user(username.strip().lower())
        if not self._encrypted:
            return Changes()
        file = self._keyfile()
        if user.username not in file.slots:
            raise ValidationError(
                [Problem("username", f"“{user.username}” chưa có ô khóa: hãy đặt lại mật khẩu.")]
            )
        file.set_disabled(user.username, False, self._officer_keys())
        file.save()
        return self._account_event(user, "mở lại tài khoản")

    def _account_event(self, user: User, detail: str) -> Changes:
        with self.db.write() as tx:
            tx.entities.add("user")
            tx.ids.add(user.id)
            self.db.audit(tx, "changed", "user", user.id, user.username, detail)
            return tx.changes()

    # ---- rotating the keys ------------------------------------------------------------------

    def rotate_keys(self, progress: Progress = _quiet) -> list[str]:
        """New data, cases and signing keys: the database is re-encrypted (with progress; a
        cancel leaves it as it was) and every remaining slot gets the new keys. Slots of the
        older kind, or with a broken signature, cannot be trusted with them and are dropped:
        their names are returned (the officer resets those passwords)."""
        self.db.require_officer("Chỉ cán bộ phụ trách được đổi khóa mã hóa.")
        if not self._encrypted:
            return []
        current = self._officer_keys()
        unlocked = self.db.unlocked
        assert unlocked is not None and self.db.key is not None
        old_key = self.db.key
        file = self._keyfile()
        before = file.path.read_bytes()
        new_key = new_data_key()
        moving = Keyring(
            new_key,
            (sealed_box.new_private_key(), *current.cases_keys),
            sealed_box.new_signing_key(),
            old_data_key=old_key,
            past_data_keys=(old_key, *current.past_data_keys),
        )
        rekey.discard(self.db.path)
        tmp = rekey.export(self.db.path, old_key, new_key, progress)
        swapped = False
        try:
            file.generation += 1
            dropped = file.reseal(moving)  # both keys, while the files are swapped
            file.save()
            self.db.engine.dispose()
            rekey.swap_in(tmp, self.db.path)
            swapped = True
        except BaseException:
            if not swapped:
                rekey.discard(self.db.path)
                path_for(self.db.path).write_bytes(before)
            raise
        final = replace(moving, old_data_key=None)
        file.reseal(final)
        file.save()
        self.db.use_engine(make_engine(self.db.path, new_key))
        self.db.key = new_key
        self.db.unlocked = replace(unlocked, keys=final)
        self.db.seal = CaseSeal(file.cases_public, final.cases_keys)
        progress(1.0, "Đã đổi khóa mã hóa.")
        with self.db.write() as tx:
            detail = "khóa dữ liệu, khóa vụ việc và khóa ký mới"
            if dropped:
                detail += "; cần đặt lại mật khẩu: " + ", ".join(dropped)
            self.db.audit(tx, "changed", "database", "", "Đổi khóa mã hóa", detail)
        return dropped


def _forget_in_backups(db_path: Path, username: str) -> None:
    """Drop `username`'s slot from the key files of the automatic backups beside the register:
    the old backups stay readable by the accounts that remain, not by the one removed."""
    folder = db_path.parent / "backups"
    if not folder.is_dir():
        return
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            keys = KeyFile.load(path)
        except (OSError, ValueError):
            continue
        if username in keys.slots:
            keys.remove_slot(username)
            keys.save()
