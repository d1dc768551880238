"""Who is calling: commune devices (long-lived tokens) and district/province readers (sessions).

A device token is ``<device_id>.<secret>``; the server stores the SHA-256 of the secret, so a
leaked database gives no working token, and the secret encrypted under the key file
(`server.bundle_keys`) for the device's USB bundles, so a leaked database opens or forges no
bundle either. A device registered before the key file existed has no encrypted secret: its
first network sync stores it (the token travels with every request), or `reissue_device` gives
it a new token. The token alone identifies the device: the ``device`` field of a push is
informational (the desktop's own install id) and never decides scope or idempotence. Reader
passwords are stored with argon2 (`server.login`); a login hands out a session token (stored as
SHA-256) that expires after `SESSION_HOURS`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import Connection, Engine, delete, insert, select, update

from server import scope
from server.bundle_keys import ServerKey
from server.schema import device, reader, session_token

SESSION_HOURS = 12
TOKEN_MAX = 200
_hasher = PasswordHasher()


class AuthError(Exception):
    """The caller could not be identified (HTTP 401); the message is shown to the user."""


@dataclass(frozen=True)
class Caller:
    kind: str  # "device" | "reader"
    name: str  # device id or reader username
    communes: frozenset[str]  # what the caller may read
    commune: str | None = None  # the one commune a device writes
    # A device's token secret the server has not stored for its USB bundles yet (see above).
    unsealed_secret: str | None = None

    @property
    def is_device(self) -> bool:
        return self.kind == "device"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


# ---- devices ------------------------------------------------------------------------------


def add_device(
    conn: Connection, commune_code: str, name: str = "", server_key: ServerKey | None = None
) -> str:
    """Register a commune device and return its token (shown once, never stored in clear)."""
    scope.require_commune(commune_code)
    server_key = server_key or ServerKey.load_or_create()
    device_id = str(uuid.uuid4())
    secret = secrets.token_urlsafe(32)
    conn.execute(
        insert(device).values(
            id=device_id, commune_code=commune_code, name=name,
            token_hash=_digest(secret), created_at=now(), revoked=False, acked_seq=0,
            bundle_secret=server_key.seal(device_id, secret),
        )
    )  # fmt: skip
    return f"{device_id}.{secret}"


def reissue_device(
    conn: Connection, device_id: str, server_key: ServerKey | None = None
) -> str | None:
    """A new token for a device (same id, same history): the old token stops working. For a
    device whose token was issued before the key file, or after the key file was lost."""
    server_key = server_key or ServerKey.load_or_create()
    secret = secrets.token_urlsafe(32)
    result = conn.execute(
        update(device)
        .where(device.c.id == device_id, device.c.revoked.is_(False))
        .values(token_hash=_digest(secret), bundle_secret=server_key.seal(device_id, secret))
    )
    return f"{device_id}.{secret}" if result.rowcount == 1 else None


def revoke_device(conn: Connection, device_id: str) -> bool:
    result = conn.execute(update(device).where(device.c.id == device_id).values(revoked=True))
    return result.rowcount == 1


def list_devices(conn: Connection) -> list[dict]:
    rows = conn.execute(
        select(device.c.id, device.c.commune_code, device.c.name, device.c.created_at,
               device.c.revoked, device.c.acked_seq).order_by(device.c.created_at)
    ).mappings()  # fmt: skip
    return [dict(r) for r in rows]


def sealed_bundle_secret(conn: Connection, device_id: str) -> tuple[bool, str | None]:
    """(whether the device exists and is not revoked, its encrypted secret or None)."""
    row = conn.execute(
        select(device.c.bundle_secret).where(device.c.id == device_id, device.c.revoked.is_(False))
    ).first()
    return (row is not None, row.bundle_secret if row is not None else None)


def remember_bundle_secret(engine: Engine, server_key: ServerKey, caller: Caller) -> None:
    """Store the secret a device's token just showed, encrypted, if none is stored yet."""
    if caller.unsealed_secret is None:
        return
    with engine.begin() as conn:
        conn.execute(
            update(device)
            .where(device.c.id == caller.name, device.c.bundle_secret.is_(None))
            .values(bundle_secret=server_key.seal(caller.name, caller.unsealed_secret))
        )


# ---- readers ------------------------------------------------------------------------------


def add_reader(conn: Connection, username: str, unit_code: str, district: str | None = None) -> str:
    """Create (or reset) a reader account and return its generated password."""
    scope.reader_communes(unit_code, district)  # raises on an unknown unit
    password = secrets.token_urlsafe(12)
    conn.execute(delete(reader).where(reader.c.username == username))
    conn.execute(delete(session_token).where(session_token.c.username == username))
    conn.execute(
        insert(reader).values(
            username=username, unit_code=unit_code, district=district,
            password_hash=_hasher.hash(password), created_at=now(),
        )
    )  # fmt: skip
    return password


def password_hash(conn: Connection, username: str) -> str | None:
    """The stored hash of a reader account (None: no such account). Checking it is
    `server.login`'s job, outside the database slots."""
    if not username.isprintable():
        return None  # no account has such a name; nothing odd goes into a query
    return conn.execute(
        select(reader.c.password_hash).where(reader.c.username == username)
    ).scalar_one_or_none()


def password_hash_of(engine: Engine, username: str) -> str | None:
    with engine.connect() as conn:
        return password_hash(conn, username)


def open_session(conn: Connection, username: str) -> tuple[str, datetime]:
    """A session for a reader whose password was checked."""
    token = secrets.token_urlsafe(32)
    expires = now() + timedelta(hours=SESSION_HOURS)
    conn.execute(delete(session_token).where(session_token.c.expires_at < now()))
    conn.execute(
        insert(session_token).values(
            token_hash=_digest(token), username=username, expires_at=expires
        )
    )
    return token, expires


def reader_unit(conn: Connection, username: str) -> str:
    row = conn.execute(
        select(reader.c.unit_code, reader.c.district).where(reader.c.username == username)
    ).one()
    return f"{row.unit_code} ({row.district})" if row.district else row.unit_code


# ---- identifying a request ----------------------------------------------------------------


def identify(conn: Connection, authorization: str | None) -> Caller:
    if not authorization or not authorization.startswith("Bearer "):
        raise AuthError("Thiếu mã truy cập: hãy nhập token của máy hoặc đăng nhập lại.")
    token = authorization[len("Bearer ") :].strip()
    if len(token) > TOKEN_MAX or not token.isascii() or not token.isprintable():
        raise AuthError("Mã truy cập không đúng dạng: hãy nhập lại token hoặc đăng nhập lại.")
    if "." in token:
        return _identify_device(conn, token)
    return _identify_reader(conn, token)


def _identify_device(conn: Connection, token: str) -> Caller:
    device_id, _, secret = token.partition(".")
    row = conn.execute(select(device).where(device.c.id == device_id)).mappings().first()
    if row is None or not hmac.compare_digest(row["token_hash"], _digest(secret)):
        raise AuthError("Token của máy không hợp lệ: hãy hỏi quản trị máy chủ cấp token mới.")
    if row["revoked"]:
        raise AuthError("Token của máy này đã bị thu hồi: hãy hỏi quản trị máy chủ cấp token mới.")
    commune = row["commune_code"]
    unsealed = secret if row["bundle_secret"] is None else None
    return Caller("device", device_id, frozenset({commune}), commune, unsealed)


def device_caller(conn: Connection, device_id: str) -> Caller | None:
    """The device as a caller, for work that arrives without a token (USB bundles)."""
    row = conn.execute(
        select(device.c.commune_code).where(device.c.id == device_id, device.c.revoked.is_(False))
    ).first()
    if row is None:
        return None
    return Caller("device", device_id, frozenset({row.commune_code}), row.commune_code)


def _identify_reader(conn: Connection, token: str) -> Caller:
    row = conn.execute(
        select(session_token.c.expires_at, reader.c.username, reader.c.unit_code,
               reader.c.district)
        .join(reader, reader.c.username == session_token.c.username)
        .where(session_token.c.token_hash == _digest(token))
    ).mappings().first()  # fmt: skip
    if row is None:
        raise AuthError("Phiên đăng nhập không hợp lệ: hãy đăng nhập lại.")
    if _aware(row["expires_at"]) <= now():
        raise AuthError("Phiên đăng nhập đã hết hạn: hãy đăng nhập lại.")
    communes = scope.reader_communes(row["unit_code"], row["district"])
    return Caller("reader", row["username"], communes)
