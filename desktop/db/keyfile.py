"""Key slots beside an encrypted register (`sotreem.keys.json`): what each password opens.

Keys, all random:
- the **data key** encrypts the database (SQLCipher); every account's slot carries it;
- the **cases keys** (X25519): the newest one's public half seals the narrative of protection
  cases (`desktop.db.sealing`); only officer slots (and the recovery code's) carry the private
  halves, so an assistant's password opens the database but not what happened in a case;
- the **signing key** (Ed25519), also officers' only, signs each slot's record (name, full
  name, role, disabled, slot key): a role typed into this file, or a slot added by hand, is
  refused at login and never receives keys.

Each slot holds an X25519 key pair: the private half wrapped with AES-GCM under an Argon2id key
derived from the password (own salt, AAD = the name), and a *payload* — the keys that account
may hold — sealed to the public half. Sealing needs no password, so when keys rotate (an
account removed, disabled or reset) the officer hands the new keys to every remaining slot
without knowing anyone's password, and a copy of the old file opens none of them.

Slots of version 1 (older installs) wrapped the data key itself under the password. The first
officer login upgrades the file: new cases and signing keys, the officer's own slot, a new
recovery code; the others' old slots keep working until the first rotation, after which the
officer resets their passwords.

The file also holds what the login screen shows before the database opens (commune, names,
roles) and the count of failed logins, with a MAC so that a count edited by hand is noticed and
treated as the worst case. It is written atomically, private to the user, and copied with every
backup. `cryptography` and `argon2` load only when a slot is opened or written.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import privacy
from desktop.db import sealed_box

SUFFIX = ".keys.json"
VERSION = 2
# Argon2id, RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes.
KDF: dict[str, Any] = {"name": "argon2id", "time_cost": 3, "memory_cost": 65536, "parallelism": 4}
RECOVERY = "__recovery__"
MAX_DELAY = 15 * 60
MAX_FAILURES = 12  # 2**(12-2) s is past the longest wait
OFFICER_ROLES = ("officer", "recovery")
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on paper
_RECORD = b"sotreem-slot-record/1\n"
_COUNTER = b"sotreem-login-counter/1"


class SlotError(RuntimeError):
    """A slot that does not open; the message is Vietnamese."""


class WrongPassword(SlotError):
    pass


class Tampered(SlotError):
    """The key file was changed by hand (a role, a slot, a key): nothing is opened."""


class Disabled(SlotError):
    """The officer disabled this account: its slot holds no keys."""


class TooSoon(SlotError):
    def __init__(self, seconds: float, message: str | None = None):
        self.seconds = seconds
        super().__init__(
            message or f"Đăng nhập sai nhiều lần: chờ {int(seconds + 0.999)} giây rồi thử lại."
        )


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str
    role: str
    has_slot: bool = True
    disabled: bool = False
    legacy: bool = False  # an older slot: works until keys rotate, then needs a reset


@dataclass(frozen=True)
class Keyring:
    """The keys one slot's payload carries."""

    data_key: bytes
    cases_keys: tuple[bytes, ...] = ()  # X25519 private keys, newest first (officers only)
    signing_key: bytes | None = None  # Ed25519 (officers only)
    old_data_key: bytes | None = None  # during a rekey: the key the database had before
    # Data keys of earlier generations (officers only): backups made before a rotation still
    # open for the officer, and are restored under today's key.
    past_data_keys: tuple[bytes, ...] = ()

    @property
    def officer_level(self) -> bool:
        return self.signing_key is not None and bool(self.cases_keys)

    def for_role(self, role: str) -> Keyring:
        """What an account of `role` may hold: officers everything, the others the data key."""
        if role in OFFICER_ROLES:
            return self
        return Keyring(self.data_key, old_data_key=self.old_data_key)


@dataclass(frozen=True)
class Unlocked:
    """What a password opened: who, in which role, with which keys."""

    username: str
    role: str
    keys: Keyring
    slot_private: bytes | None = None  # None for a version-1 slot
    new_recovery_code: str | None = None  # set when this login upgraded an older key file

    @property
    def data_key(self) -> bytes:
        return self.keys.data_key

    @property
    def legacy(self) -> bool:
        return self.slot_private is None


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
    return secrets.token_bytes(32)


def new_recovery_code() -> str:
    """25 characters in 5 groups (≈125 bits), easy to copy by hand."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(25))
    return "-".join(raw[i : i + 5] for i in range(0, 25, 5))


def normalize_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def _wrap(kek: bytes, nonce: bytes, secret: bytes, username: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(kek).encrypt(nonce, secret, username.encode("utf-8"))


def _record(username: str, slot: dict[str, Any]) -> bytes:
    """The signed part of a slot: who, their role, whether disabled, and their slot key."""
    fields = {
        "user": username, "full_name": slot.get("full_name", ""), "role": slot.get("role", ""),
        "disabled": bool(slot.get("disabled", False)), "public": slot.get("public"),
    }  # fmt: skip
    return _RECORD + json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _payload_aad(username: str) -> bytes:
    return b"payload|" + username.encode("utf-8")


def _payload(username: str, role: str, keys: Keyring, generation: int) -> bytes:
    keys = keys.for_role(role)
    body: dict[str, Any] = {
        "v": VERSION, "user": username, "role": role, "generation": generation,
        "data_key": keys.data_key.hex(), "cases_keys": [k.hex() for k in keys.cases_keys],
    }  # fmt: skip
    if keys.signing_key is not None:
        body["signing_key"] = keys.signing_key.hex()
    if keys.old_data_key is not None:
        body["old_data_key"] = keys.old_data_key.hex()
    if keys.past_data_keys:
        body["past_data_keys"] = [k.hex() for k in keys.past_data_keys]
    return json.dumps(body).encode("utf-8")


def _keys_from(body: dict[str, Any]) -> Keyring:
    signing, old = body.get("signing_key"), body.get("old_data_key")
    return Keyring(
        bytes.fromhex(body["data_key"]),
        tuple(bytes.fromhex(k) for k in body.get("cases_keys", [])),
        bytes.fromhex(signing) if signing else None,
        bytes.fromhex(old) if old else None,
        tuple(bytes.fromhex(k) for k in body.get("past_data_keys", [])),
    )


_TAMPERED = (
    "Tệp khóa “{name}” đã bị sửa bằng tay ({what}): không mở được bằng tài khoản này. Hãy khôi "
    "phục tệp khóa từ bản sao lưu, hoặc để cán bộ phụ trách đặt lại mật khẩu."
)


@dataclass
class KeyFile:
    path: Path
    commune_code: str | None = None
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: int = 0
    last_failure: float = 0.0
    generation: int = 0
    cases_public: bytes | None = None
    signing_public: bytes | None = None
    file_id: str = field(default_factory=lambda: secrets.token_hex(16))
    tampered_at: float | None = None  # when an edited failure count was found

    # ---- reading and writing ----------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        data = json.loads(path.read_text(encoding="utf-8"))
        counter = data.get("counter") or {}
        keys = cls(
            path,
            data.get("commune_code"),
            data.get("slots", {}),
            int(counter.get("failures", data.get("failures", 0))),
            float(counter.get("last_failure", data.get("last_failure", 0.0))),
            int(data.get("generation", 0)),
            _unb64(data["cases_public"]) if data.get("cases_public") else None,
            _unb64(data["signing_public"]) if data.get("signing_public") else None,
            str(data.get("file_id") or secrets.token_hex(16)),
            counter.get("tampered_at"),
        )
        if keys.upgraded and not hmac.compare_digest(
            str(counter.get("mac", "")), keys._counter_mac()
        ):
            keys._counter_was_edited()
        return keys

    @classmethod
    def for_db(cls, db_path: Path) -> KeyFile | None:
        path = path_for(db_path)
        return cls.load(path) if path.exists() else None

    @property
    def upgraded(self) -> bool:
        """A version-2 file: signed records, cases keys, an authenticated failure count."""
        return self.signing_public is not None

    def _counter_mac(self) -> str:
        key = hashlib.sha256(_COUNTER + self.file_id.encode("ascii")).digest()
        text = json.dumps([self.failures, self.last_failure, self.tampered_at, self.file_id])
        return hmac.new(key, text.encode("ascii"), hashlib.sha256).hexdigest()

    def _counter_was_edited(self) -> None:
        """An edited count counts as the worst: the longest wait, from now, said plainly."""
        now = time.time()
        self.failures, self.last_failure, self.tampered_at = MAX_FAILURES, now, now
        with suppress(OSError):
            self.save()

    def save(self) -> None:
        """Write atomically (a power cut leaves the old or the new file) and privately."""
        data: dict[str, Any] = {
            "version": VERSION if self.upgraded else 1, "cipher": "sqlcipher4",
            "commune_code": self.commune_code, "generation": self.generation,
            "file_id": self.file_id,
        }  # fmt: skip
        if self.upgraded:
            assert self.cases_public is not None and self.signing_public is not None
            data["cases_public"] = _b64(self.cases_public)
            data["signing_public"] = _b64(self.signing_public)
            data["counter"] = {
                "failures": self.failures, "last_failure": self.last_failure,
                "tampered_at": self.tampered_at, "mac": self._counter_mac(),
            }  # fmt: skip
        else:
            data["failures"], data["last_failure"] = self.failures, self.last_failure
        data["slots"] = self.slots
        privacy.private_folder(self.path.parent, tighten=False)
        privacy.write_private(
            self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        )

    # ---- accounts ----------------------------------------------------------------------

    def accounts(self) -> list[Account]:
        """Officers first, then by name: the login screen's list."""
        found = [
            Account(name, slot.get("full_name", ""), slot.get("role", "viewer"),
                    disabled=bool(slot.get("disabled")), legacy="public" not in slot)
            for name, slot in self.slots.items()
            if name != RECOVERY
        ]  # fmt: skip
        return sorted(found, key=lambda a: (a.role != "officer", a.username))

    def account(self, username: str) -> Account | None:
        return next((a for a in self.accounts() if a.username == username), None)

    def signed(self, username: str) -> bool:
        """Whether the slot's record carries the officers' signature."""
        slot = self.slots.get(username)
        if slot is None or self.signing_public is None or "signature" not in slot:
            return False
        return sealed_box.verify(
            self.signing_public, _unb64(slot["signature"]), _record(username, slot)
        )

    # ---- writing slots (an officer's keys sign them) -----------------------------------

    def start(self, data_key: bytes) -> Keyring:
        """New cases and signing keys for a new (or upgraded) register: the officers' keys."""
        cases, signing = sealed_box.new_private_key(), sealed_box.new_signing_key()
        self.cases_public = sealed_box.public_key(cases)
        self.signing_public = sealed_box.verify_key(signing)
        return Keyring(data_key, (cases,), signing)

    def _sign(self, username: str, keys: Keyring) -> None:
        assert keys.signing_key is not None, "only an officer's keys sign a slot"
        slot = self.slots[username]
        slot["signature"] = _b64(sealed_box.sign(keys.signing_key, _record(username, slot)))

    def set_slot(self, username: str, full_name: str, role: str, secret: str,
                 keys: Keyring) -> bytes:  # fmt: skip
        """A new slot for `username` (added, or reset with a new password): a new key pair,
        the payload of `role`, signed. Returns the slot's private key."""
        private = sealed_box.new_private_key()
        public = sealed_box.public_key(private)
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        self.slots[username] = {
            "full_name": full_name, "role": role, "disabled": False, "kdf": dict(KDF),
            "salt": _b64(salt), "nonce": _b64(nonce),
            "wrapped": _b64(_wrap(derive(secret, salt), nonce, private, username)),
            "public": _b64(public),
        }  # fmt: skip
        self._seal_payload(username, keys)
        self._sign(username, keys)
        return private

    def _seal_payload(self, username: str, keys: Keyring) -> None:
        slot = self.slots[username]
        body = _payload(username, slot["role"], keys, self.generation)
        slot["payload"] = _b64(
            sealed_box.seal(_unb64(slot["public"]), body, _payload_aad(username))
        )

    def change_password(self, unlocked: Unlocked, secret: str) -> None:
        """One's own new password: the same slot key (or, in an older slot, the same data key)
        wrapped again. The payload and the signature stay."""
        slot = self.slots.get(unlocked.username)
        if slot is None:
            raise SlotError(f"Tài khoản “{unlocked.username}” không có ô khóa.")
        if "public" in slot and unlocked.slot_private is None:
            raise SlotError("Hãy đăng nhập lại bằng mật khẩu của mình rồi đổi mật khẩu.")
        inner = unlocked.slot_private if unlocked.slot_private is not None else unlocked.data_key
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        slot.update(
            kdf=dict(KDF), salt=_b64(salt), nonce=_b64(nonce),
            wrapped=_b64(_wrap(derive(secret, salt), nonce, inner, unlocked.username)),
        )  # fmt: skip

    def set_recovery(self, keys: Keyring) -> str:
        """A new recovery code (replacing any older one); shown once, never stored."""
        code = new_recovery_code()
        self.set_slot(RECOVERY, "", "recovery", code, keys)
        return code

    def remove_slot(self, username: str) -> None:
        self.slots.pop(username, None)

    def set_disabled(self, username: str, disabled: bool, keys: Keyring) -> None:
        """A disabled slot keeps its key pair but no payload; enabling seals one again."""
        slot = self.slots[username]
        if "public" not in slot:
            raise SlotError(
                f"Tài khoản “{username}” còn ô khóa kiểu cũ: hãy đặt lại mật khẩu thay vì khóa."
            )
        slot["disabled"] = disabled
        if disabled:
            slot.pop("payload", None)
        else:
            self._seal_payload(username, keys)
        self._sign(username, keys)

    def reseal(self, keys: Keyring) -> list[str]:
        """Rotation: every signed, enabled slot gets the new keys and a new signature. Slots
        of the older kind or with a broken signature cannot be trusted with them and are
        dropped; their names are returned (the officer resets those passwords)."""
        dropped = []
        for name in list(self.slots):
            slot = self.slots[name]
            if "public" not in slot or not self.signed(name):
                dropped.append(name)
                del self.slots[name]
                continue
            if not slot.get("disabled"):
                self._seal_payload(name, keys)
        assert keys.signing_key is not None
        self.signing_public = sealed_box.verify_key(keys.signing_key)
        self.cases_public = sealed_box.public_key(keys.cases_keys[0])
        for name in self.slots:
            self._sign(name, keys)
        return [n for n in dropped if n != RECOVERY]

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

    def _check_wait(self) -> None:
        wait = self.wait_seconds()
        if wait <= 0:
            return
        if self.tampered_at is not None:
            minutes = int(wait / 60 + 0.999)
            raise TooSoon(
                wait,
                "Số lần đăng nhập sai ghi trong tệp khóa đã bị sửa bằng tay, nên được tính như "
                f"sau rất nhiều lần sai: chờ {minutes} phút rồi thử lại.",
            )
        raise TooSoon(wait)

    def _failed(self, username: str) -> SlotError:
        self.failures = min(self.failures + 1, MAX_FAILURES + 8)
        self.last_failure = time.time()
        self.save()
        if username == RECOVERY:
            return WrongPassword("Mã khôi phục không đúng.")
        return WrongPassword("Tên đăng nhập hoặc mật khẩu không đúng.")

    def _succeeded(self) -> None:
        if self.failures or self.tampered_at is not None:
            self.failures, self.last_failure, self.tampered_at = 0, 0.0, None
            self.save()

    def unlock(self, username: str, secret: str) -> Unlocked:
        """What `secret` opens in `username`'s slot; counts failures (persisted, with a MAC)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._check_wait()
        slot = self.slots.get(username)
        if slot is None:
            derive(secret, bytes(16))  # the same time for an unknown name as for a wrong password
            raise self._failed(username)
        kek = derive(secret, _unb64(slot["salt"]), slot.get("kdf"))
        try:
            inner = AESGCM(kek).decrypt(
                _unb64(slot["nonce"]), _unb64(slot["wrapped"]), username.encode("utf-8")
            )
        except InvalidTag:
            raise self._failed(username) from None
        self._succeeded()  # the password was right, whatever follows
        return self._open(username, slot, inner)

    def _open(self, username: str, slot: dict[str, Any], inner: bytes) -> Unlocked:
        role = str(slot.get("role", "viewer"))
        name = self.path.name
        if self.upgraded and not self.signed(username):
            raise Tampered(_TAMPERED.format(name=name, what=f"ô khóa của “{username}”"))
        if "public" not in slot:
            if self.upgraded and role in OFFICER_ROLES and username == RECOVERY:
                raise Tampered(_TAMPERED.format(name=name, what="ô khóa của mã khôi phục"))
            return Unlocked(username, role, Keyring(inner))  # an older slot: the data key
        if not self.upgraded:
            raise Tampered(_TAMPERED.format(name=name, what="thiếu khóa ký"))
        if slot.get("disabled") or not slot.get("payload"):
            raise Disabled(
                f"Tài khoản “{username}” đã bị khóa. Hãy hỏi cán bộ phụ trách mở lại tài khoản."
            )
        try:
            body = json.loads(
                sealed_box.open_box(inner, _unb64(slot["payload"]), _payload_aad(username))
            )
        except (sealed_box.BoxError, ValueError) as exc:
            raise Tampered(_TAMPERED.format(name=name, what="gói khóa hỏng")) from exc
        if body.get("user") != username or body.get("role") != role:
            raise Tampered(_TAMPERED.format(name=name, what="vai trò không khớp"))
        keys = _keys_from(body)
        if role in OFFICER_ROLES and not (
            keys.officer_level
            and keys.signing_key is not None
            and sealed_box.verify_key(keys.signing_key) == self.signing_public
            and sealed_box.public_key(keys.cases_keys[0]) == self.cases_public
        ):
            raise Tampered(_TAMPERED.format(name=name, what="khóa của cán bộ bị thay"))
        return Unlocked(username, role, keys, inner)

    def upgrade(self, unlocked: Unlocked, password: str) -> Unlocked:
        """An older file at its officer's login: cases and signing keys, the officer's own new
        slot, every other slot's record signed as it is, and a new recovery code (the old one
        could carry only the data key). Saved in one write."""
        assert unlocked.legacy and unlocked.role == "officer" and not self.upgraded
        keys = self.start(unlocked.data_key)
        self.generation = 1
        self.slots.pop(RECOVERY, None)
        full_name = self.slots[unlocked.username].get("full_name", "")
        private = self.set_slot(unlocked.username, full_name, "officer", password, keys)
        for name in self.slots:
            if name != unlocked.username:
                self._sign(name, keys)
        code = self.set_recovery(keys)
        self.save()
        return Unlocked(unlocked.username, "officer", keys, private, new_recovery_code=code)

    def recover(self, code: str, officer: str, new_password: str) -> tuple[Unlocked, str]:
        """Recovery code → a new password (a new slot) for `officer` and a new recovery code:
        the used one has been out of the cupboard and typed, so it opens nothing any more. Both
        are saved in one write. Returns the officer's opened slot and the new code (shown once,
        never stored)."""
        opened = self.unlock(RECOVERY, normalize_code(code))
        account = self.account(officer)
        if account is None or account.role != "officer":
            raise SlotError(f"Không có tài khoản cán bộ “{officer}”.")
        keys = opened.keys
        if not keys.officer_level:  # an older file's recovery slot: the data key alone
            keys = self.start(keys.data_key)
            self.generation = max(self.generation, 1)
            for name in self.slots:
                if name not in (officer, RECOVERY):
                    self._sign(name, keys)
        private = self.set_slot(officer, account.full_name, "officer", new_password, keys)
        new_code = self.set_recovery(keys)
        self.save()
        return Unlocked(officer, "officer", keys, private), new_code


def sqlcipher_key_pragma(key: bytes) -> str:
    """`PRAGMA key` with a raw 256-bit key (no PBKDF2 inside SQLCipher: ours is Argon2id)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""
