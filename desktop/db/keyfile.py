"""Key slots beside an encrypted register (`sotreem.keys.json`), LUKS-style.

A random 256-bit data key encrypts the database (SQLCipher). The data key is stored only
wrapped: once per account, with AES-GCM under a key derived from that account's password
(Argon2id, own salt per slot), and once under the recovery code shown at setup. Having the PC
opens nothing: without a password or the printed recovery code the data key cannot be had.

The file also holds what the login screen shows before the database opens (commune, account
names and roles) and the count of failed logins, so restarting does not reset the delays.
It is written atomically and copied with every backup.

The heavy modules (cryptography, argon2) load only when a slot is opened or written, off the
path to the first paint.
"""

from __future__ import annotations

import base64
import json
import os
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUFFIX = ".keys.json"
VERSION = 1
# Argon2id, RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes.
KDF: dict[str, Any] = {"name": "argon2id", "time_cost": 3, "memory_cost": 65536, "parallelism": 4}
RECOVERY = "__recovery__"
MAX_DELAY = 15 * 60
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on paper


class SlotError(RuntimeError):
    """A slot that does not open; the message is Vietnamese."""


class WrongPassword(SlotError):
    pass


class TooSoon(SlotError):
    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"Đăng nhập sai nhiều lần: chờ {int(seconds + 0.999)} giây rồi thử lại.")


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str
    role: str
    has_slot: bool = True


def path_for(db_path: Path) -> Path:
    """`sotreem.db` → `sotreem.keys.json`."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + SUFFIX)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def derive(secret: str, salt: bytes, kdf: dict[str, Any] | None = None) -> bytes:
    """A 256-bit key-encryption key from a password or recovery code (Argon2id, raw)."""
    from argon2.low_level import Type, hash_secret_raw

    kdf = kdf or KDF
    return hash_secret_raw(
        secret.encode("utf-8"), salt, time_cost=int(kdf["time_cost"]),
        memory_cost=int(kdf["memory_cost"]), parallelism=int(kdf["parallelism"]), hash_len=32,
        type=Type.ID,
    )  # fmt: skip


def new_data_key() -> bytes:
    import secrets

    return secrets.token_bytes(32)


def new_recovery_code() -> str:
    """25 characters in 5 groups (≈125 bits), easy to copy by hand."""
    import secrets

    raw = "".join(secrets.choice(_ALPHABET) for _ in range(25))
    return "-".join(raw[i : i + 5] for i in range(0, 25, 5))


def normalize_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


@dataclass
class KeyFile:
    path: Path
    commune_code: str | None = None
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: int = 0
    last_failure: float = 0.0

    # ---- reading and writing ----------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            path, data.get("commune_code"), data.get("slots", {}),
            int(data.get("failures", 0)), float(data.get("last_failure", 0.0)),
        )  # fmt: skip

    @classmethod
    def for_db(cls, db_path: Path) -> KeyFile | None:
        path = path_for(db_path)
        return cls.load(path) if path.exists() else None

    def save(self) -> None:
        """Write atomically: a power cut leaves the old or the new file, never half of one."""
        data = {
            "version": VERSION, "cipher": "sqlcipher4", "commune_code": self.commune_code,
            "failures": self.failures, "last_failure": self.last_failure, "slots": self.slots,
        }  # fmt: skip
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    # ---- accounts ----------------------------------------------------------------------

    def accounts(self) -> list[Account]:
        """Officers first, then by name: the login screen's list."""
        found = [
            Account(name, slot.get("full_name", ""), slot.get("role", "viewer"))
            for name, slot in self.slots.items()
            if name != RECOVERY
        ]
        return sorted(found, key=lambda a: (a.role != "officer", a.username))

    def account(self, username: str) -> Account | None:
        return next((a for a in self.accounts() if a.username == username), None)

    def set_slot(self, username: str, full_name: str, role: str, secret: str,
                 data_key: bytes) -> None:  # fmt: skip
        """Wrap the data key for `username` under `secret` (add or replace the slot)."""
        import secrets

        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        kek = derive(secret, salt)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, username.encode("utf-8"))
        self.slots[username] = {
            "full_name": full_name, "role": role, "kdf": dict(KDF), "salt": _b64(salt),
            "nonce": _b64(nonce), "wrapped": _b64(wrapped),
        }  # fmt: skip

    def set_recovery(self, data_key: bytes) -> str:
        """A new recovery code (replacing any older one); shown once, never stored."""
        code = new_recovery_code()
        self.set_slot(RECOVERY, "", "recovery", code, data_key)
        return code

    def remove_slot(self, username: str) -> None:
        self.slots.pop(username, None)

    # ---- opening -----------------------------------------------------------------------

    def wait_seconds(self, now: float | None = None) -> float:
        """How long the next attempt must wait: 0, 0, 1, 2, 4, 8 … s after 0, 1, 2 … failures."""
        if self.failures < 2:
            return 0.0
        delay: int = min(MAX_DELAY, 2 ** (self.failures - 2))
        now = time.time() if now is None else now
        if self.last_failure > now:
            # Recorded while the clock read a later date: it counts from now (and is saved so),
            # or setting the clock right would lock every account for as long as it was off.
            self.last_failure = now
            with suppress(OSError):
                self.save()
        return max(0.0, self.last_failure + delay - now)

    def unlock(self, username: str, secret: str) -> bytes:
        """The data key, if `secret` opens `username`'s slot; counts failures (persisted)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        wait = self.wait_seconds()
        if wait > 0:
            raise TooSoon(wait)
        slot = self.slots.get(username)
        if slot is not None:
            kek = derive(secret, _unb64(slot["salt"]), slot.get("kdf"))
            try:
                key = AESGCM(kek).decrypt(
                    _unb64(slot["nonce"]), _unb64(slot["wrapped"]), username.encode("utf-8")
                )
            except InvalidTag:
                key = None
            if key is not None:
                if self.failures:
                    self.failures, self.last_failure = 0, 0.0
                    self.save()
                return key
        else:
            derive(secret, bytes(16))  # the same time for an unknown name as for a wrong password
        self.failures += 1
        self.last_failure = time.time()
        self.save()
        if username == RECOVERY:
            raise WrongPassword("Mã khôi phục không đúng.")
        raise WrongPassword("Tên đăng nhập hoặc mật khẩu không đúng.")

    def recover(self, code: str, officer: str, new_password: str) -> tuple[bytes, str]:
        """Recovery code → a new password for `officer` and a new recovery code: the used one
        has been out of the cupboard and typed, so it opens nothing any more. Both are saved in
        one write. Returns the data key and the new code (shown once, never stored)."""
        key = self.unlock(RECOVERY, normalize_code(code))
        account = self.account(officer)
        if account is None or account.role != "officer":
            raise SlotError(f"Không có tài khoản cán bộ “{officer}”.")
        self.set_slot(officer, account.full_name, "officer", new_password, key)
        new_code = self.set_recovery(key)
        self.save()
        return key, new_code


def sqlcipher_key_pragma(key: bytes) -> str:
    """`PRAGMA key` with a raw 256-bit key (no PBKDF2 inside SQLCipher: ours is Argon2id)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""
