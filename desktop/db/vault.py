"""Opening a register with a password, setting one up encrypted, encrypting an old plain one.

The GUI (login screen, wizard) and the command line share these use cases. A register with a
key file beside it is encrypted (SQLCipher); one without is a plain SQLite file, either made by
an older version (offered encryption at the officer's next login) or a throw-away test file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import privacy
from desktop.db import keyfile
from desktop.db.keyfile import (
    Account,
    Disabled,
    KeyFile,
    SlotError,
    Tampered,
    TooSoon,
    Unlocked,
    WrongPassword,
)
from desktop.db.sealing import CaseSeal

if TYPE_CHECKING:
    from desktop.db.register import Register

__all__ = [
    "Account", "Disabled", "SlotError", "Tampered", "TooSoon", "Unlocked", "WrongPassword",
    "accounts", "encrypt_plain", "enter", "is_encrypted", "login", "open_slot", "setup",
]  # fmt: skip


def is_encrypted(db_path: Path) -> bool:
    return keyfile.path_for(db_path).exists()


def accounts(db_path: Path) -> list[Account]:
    """The accounts the login screen lists (from the key file, or an old plain database)."""
    keys = KeyFile.for_db(db_path)
    if keys is not None:
        return keys.accounts()
    if not db_path.exists():
        return []
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            rows = conn.execute(
                "SELECT username, full_name, role FROM user "
                "ORDER BY role != 'officer', username"
            ).fetchall()
    except sqlite3.Error:
        return []
    return [Account(u, f, r, has_slot=False) for u, f, r in rows]


def open_slot(db_path: Path, username: str, password: str) -> Unlocked | None:
    """What `password` opens: an encrypted register's slot (its role and keys), upgrading an
    older key file at its officer's login; None for a plain register whose password is right.

    Raises `WrongPassword`, `TooSoon` (growing delays after failures, kept in the key file),
    `Tampered` or `Disabled`.
    """
    username = username.strip().lower()
    keys = KeyFile.for_db(db_path)
    if keys is not None:
        opened = keys.unlock(username, password)
        if opened.legacy and opened.role == "officer" and not keys.upgraded:
            opened = keys.upgrade(opened, password)
        return _usable(db_path, opened)
    from desktop.db import accounts as acc

    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
        row = conn.execute(
            "SELECT password_hash FROM user WHERE username = ?", (username,)
        ).fetchone()
    if row is None or not acc.verify_password(row[0], password):
        raise WrongPassword("Tên đăng nhập hoặc mật khẩu không đúng.")
    return None


def _usable(db_path: Path, opened: Unlocked) -> Unlocked:
    """A rekey cut short between its two writes leaves slots holding the new and the old
    data key: whichever opens the database is the one to use."""
    old = opened.keys.old_data_key
    if old is None or not db_path.exists():
        return opened
    from desktop.db import rekey
    from desktop.db.engine import connect_encrypted

    try:
        connect_encrypted(db_path, opened.keys.data_key).close()
        return opened
    except Exception:  # SQLCipher's "file is not a database": the swap never happened
        rekey.discard(db_path)
        keys = replace(opened.keys, data_key=old, old_data_key=None)
        return replace(opened, keys=keys)


def unlock(db_path: Path, username: str, password: str) -> bytes | None:
    """The data key for an encrypted register (None for a plain one whose password is right)."""
    opened = open_slot(db_path, username, password)
    return opened.data_key if opened is not None else None


def enter(db_path: Path, opened: Unlocked | None, username: str) -> Register:
    """Open the register as what a password opened (`open_slot`)."""
    from desktop.db.register import Register

    register = Register.open(db_path, opened.data_key if opened is not None else None)
    if opened is not None:
        register.login(opened)
    else:  # a plain register: the role its own table gives
        username = username.strip().lower()
        register.login_as(username, register.accounts.role_of(username) or "viewer")
    return register


def login(db_path: Path, username: str, password: str) -> Register:
    """Open the register as `username` (keys from their slot); the role is the slot's."""
    return enter(db_path, open_slot(db_path, username, password), username)


def setup(db_path: Path, commune_code: str, username: str, full_name: str, password: str,
          data_key: bytes | None = None) -> tuple[Register, str]:  # fmt: skip
    """A new encrypted register with its commune and officer; returns (register, recovery code).

    An existing plain file with no accounts (made by an older `sotreem init`) is encrypted
    first, so no data is left behind in the clear.
    """
    from desktop import reference
    from desktop.db.register import Register
    from desktop.domain.validation import Problem, ValidationError

    keys_path = keyfile.path_for(db_path)
    if keys_path.exists():
        raise SlotError(f"“{db_path.name}” đã được thiết lập và mã hóa.")
    unit = reference.unit(commune_code)
    if unit is None or unit.level != "commune":
        raise ValidationError(
            [Problem("commune_code", f"mã “{commune_code}” không phải mã xã/phường hợp lệ.")]
        )
    key = data_key or keyfile.new_data_key()
    existed = db_path.exists() and db_path.stat().st_size > 0
    if existed:
        with Register.open(db_path) as plain:  # refuse before anything is rewritten
            owner = plain.commune_code
        if owner and owner != commune_code:
            raise ValidationError(
                [Problem("commune_code", f"cơ sở dữ liệu này đã thuộc xã {owner}.")]
            )
        encrypt_plain(db_path, key)
    try:
        register = Register.open(db_path, key)
    except BaseException:
        _discard(db_path, existed)
        raise
    try:
        if not register.commune_code:
            register.init_commune(commune_code)
        keys = KeyFile(keys_path, register.commune_code)
        ring = keys.start(key)
        keys.generation = 1
        code = keys.set_recovery(ring)
        keys.save()
        register.db.seal = CaseSeal(keys.cases_public)
        register.login(Unlocked(username.strip().lower(), "officer", ring))
        register.create_user(username, full_name, "officer", password)
    except BaseException:
        register.close()
        _discard(db_path, existed)
        raise
    return register, code


def setup_reader(db_path: Path, unit_code: str, username: str, password: str) -> Register:
    """A district/province reader's own encrypted copy of the communes beneath `unit_code`.

    Its one local account (read-only) has the server account's name and password, so the
    reader types one password. No recovery code: a forgotten password costs only a new copy,
    pulled again from the server.
    """
    from desktop.db.register import Register

    keys_path = keyfile.path_for(db_path)
    if keys_path.exists() or (db_path.exists() and db_path.stat().st_size > 0):
        raise SlotError(f"“{db_path.name}” đã có dữ liệu: dùng một tệp mới cho tài khoản xem.")
    key = keyfile.new_data_key()
    register = Register.open(db_path, key)
    username = username.strip().lower()
    try:
        keys = KeyFile(keys_path, unit_code)
        ring = keys.start(key)  # signs the one slot, then is forgotten: no slot carries it
        keys.generation = 1
        keys.save()
        register.db.seal = CaseSeal(keys.cases_public)
        register.login(Unlocked(username, "officer", ring))
        with register.quiet_audit():  # nothing of a reader's copy is ever sent upward
            register.create_user(username, username, "viewer", password)
        register.init_reader(unit_code)
    except BaseException:
        register.close()
        _discard(db_path, existed=False)
        raise
    own = register.db.unlocked
    assert own is not None
    register.login(replace(own, role="viewer", keys=ring.for_role("viewer")))
    return register


def _discard(db_path: Path, existed: bool) -> None:
    """A set-up that failed leaves no half-made files (an existing register stays)."""
    if existed:
        return
    wal, shm = Path(f"{db_path}-wal"), Path(f"{db_path}-shm")
    for path in (db_path, wal, shm, keyfile.path_for(db_path)):
        path.unlink(missing_ok=True)


def encrypt_plain(
    db_path: Path, key: bytes, before_replace: Callable[[], None] | None = None
) -> None:
    """Rewrite a plain SQLite register encrypted with `key` (`sqlcipher_export`).

    The plain file is replaced only once the encrypted copy is complete and checked; a failure
    leaves it as it was.
    """
    import sqlcipher3

    from desktop.db.engine import connect_encrypted

    tmp = db_path.with_name(f".{db_path.name}.encrypting")
    tmp.unlink(missing_ok=True)
    privacy.create_private(tmp)
    plain = sqlcipher3.connect(str(db_path))  # no key: reads a plain file
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(tmp),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    check = connect_encrypted(tmp, key)
    try:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise SlotError("Bản mã hóa không qua được kiểm tra; dữ liệu cũ giữ nguyên.")
    finally:
        check.close()
    if before_replace is not None:
        before_replace()  # e.g. write the key file: never an encrypted file without its slots
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, db_path)


def migrate_plain(db_path: Path, username: str, password: str, full_name: str = "") -> str:
    """Encrypt an old plain register at its officer's login; returns the recovery code.

    Only this officer gets a key slot (their password is known now); the others get theirs
    when the officer resets their passwords on the Settings page.
    """
    key = keyfile.new_data_key()
    keys = KeyFile(keyfile.path_for(db_path))
    ring = keys.start(key)
    keys.generation = 1
    code = keys.set_recovery(ring)
    keys.set_slot(username.strip().lower(), full_name, "officer", password, ring)
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key = 'commune_code'").fetchone()
    keys.commune_code = row[0] if row else None
    try:
        encrypt_plain(db_path, key, before_replace=keys.save)
    except BaseException:
        with open(db_path, "rb") as f:
            still_plain = f.read(16) == b"SQLite format 3\x00"
        if still_plain:  # a key file beside a plain database would lock its users out
            keys.path.unlink(missing_ok=True)
        raise
    return code


def recover(db_path: Path, code: str, officer: str, new_password: str) -> str:
    """Forgotten officer password: the recovery code sets a new one (slot and hash). Returns
    the new recovery code that replaces the used one, to be shown once and kept again."""
    keys = KeyFile.for_db(db_path)
    if keys is None:
        raise SlotError("Sổ trẻ em này chưa được mã hóa, không có mã khôi phục.")
    officer = officer.strip().lower()
    opened, new_code = keys.recover(code, officer, new_password)
    with enter(db_path, _usable(db_path, opened), officer) as register:
        register.set_password(officer, new_password)  # the database's hash follows
    return new_code
