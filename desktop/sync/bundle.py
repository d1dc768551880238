"""USB bundles: the same push and pull, sealed in a file for a commune without any connection.

A bundle is ``MAGIC | header length (2 bytes) | header JSON | nonce (12) | AES-256-GCM
ciphertext``. The header (device id, direction, bundle id, the request it answers) is
authenticated as associated data, so it cannot be altered either. The key is derived by HKDF
from the device token's secret itself and from the direction, so a reply can never be passed
off as a request or the other way round. The server's database holds only the SHA-256 of that
secret and the secret encrypted under a key file kept outside the database
(`server.bundle_keys`): only the holder of the token, and the server with its key file, can
read or write a device's bundles — a copy of the database alone can neither.

Version 1 bundles keyed on the stored SHA-256 (which a copy of the database gave away) are
refused by both sides with a message to update the older one; unsent changes stay unsent and
go into the next bundle.

The desktop remembers the id of the request it wrote last and the highest change it carried;
a reply is applied only if it answers that request, and acknowledges nothing beyond that
change, so an old reply replayed from a stick is refused and no reply marks as sent a change
it never carried. Nothing is applied unless the whole file opens and checks; a reply whose
data cannot be applied is reported in Vietnamese (never a traceback) and can be imported again
once the cause is fixed.

Server side (``sotreem-server import-bundle FILE --reply FILE2``)::

    request = open_request(data, secret_for_device)   # secret_for_device(device_id) -> secret
    … apply request.pushes (each a PushRequest) and pull after request.pull_after …
    reply = seal_reply(request, secret, push_responses, pull_response)
"""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from desktop.db.register import Register
from desktop.db.sync_store import ApplyResult
from desktop.domain.clock_skew import ClockReading
from desktop.sync import outbox, protocol, server_clock

MAGIC = b"SOTREEM-BUNDLE\x00\x01"
REQUEST, REPLY = "request", "reply"
PENDING_KEY = "sync.bundle_request"  # id of the last request written, until its reply lands
PENDING_TOP_KEY = "sync.bundle_request_top"  # the highest change seq that request carried
# Per push of that request: [incarnation, highest seq it carried] (JSON).
PENDING_PUSHES_KEY = "sync.bundle_request_pushes"
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
MAX_PUSHES = 400  # 200,000 changes per stick

SecretLookup = Callable[[str], "str | None"]


class BundleError(Exception):
    """The file is not a bundle of ours, was altered, or is not for this device or step."""


@dataclass(frozen=True)
class BundleRequest:
    device_id: str  # the server's device id: the part of the token before the dot
    request_id: str
    pushes: list[protocol.PushRequest]
    pull_after: int
    incarnation: str | None = None  # the device's copy of its database (for the pull)


@dataclass(frozen=True)
class BundleReply:
    request_id: str
    pushes: list[protocol.PushResponse]
    pull: protocol.PullResponse
    now: int | None = None  # the server's clock when it wrote the reply


@dataclass(frozen=True)
class BundleResult:
    pushed: int
    rejected: int
    pulled: int
    conflicts: int
    more: bool  # the server had more to send: make another bundle round
    clock: ClockReading | None = None  # the PC's clock against the server's (`.message`)
    set_aside: int = 0  # pulled changes this desktop could not apply yet
    notice: str | None = None  # what happened to a restored database


# ---- keys ---------------------------------------------------------------------------------


def split_token(token: str) -> tuple[str, str]:
    device_id, dot, secret = token.strip().partition(".")
    if not dot or not device_id or not secret:
        raise BundleError("Token của máy không đúng dạng “mã-máy.bí-mật”: hãy nhập lại token.")
    return device_id, secret


def bundle_key(secret: str, device_id: str, direction: str) -> bytes:
    """The AES key of one direction of a device's bundles, from its token's secret."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"sotreem-usb-bundle-v2",
        info=f"sotreem bundle v{protocol.VERSION} {direction} {device_id}".encode(),
    ).derive(secret.encode())


# ---- sealing and opening ------------------------------------------------------------------


def _seal(header: dict, body: dict, secret: str) -> bytes:
    head = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    key = bundle_key(secret, header["device"], header["dir"])
    nonce = uuid.uuid4().bytes[:12]
    prefix = MAGIC + len(head).to_bytes(2, "big") + head
    plain = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return prefix + nonce + AESGCM(key).encrypt(nonce, gzip.compress(plain, 6), prefix)


def _header(data: bytes) -> tuple[dict, bytes, bytes]:
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("Tệp quá lớn để là gói đồng bộ.")
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 2:
        raise BundleError("Tệp này không phải gói đồng bộ của Sổ Trẻ Em (hoặc đã bị hỏng).")
    size = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 2], "big")
    end = len(MAGIC) + 2 + size
    try:
        header = json.loads(data[len(MAGIC) + 2 : end])
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError("Phần đầu của gói đồng bộ bị hỏng.") from exc
    if not isinstance(header, dict) or not all(
        isinstance(header.get(k), str) for k in ("device", "dir", "id")
    ):
        raise BundleError("Phần đầu của gói đồng bộ bị hỏng.")
    if header.get("v") != protocol.VERSION:
        raise BundleError(
            f"Gói đồng bộ phiên bản {header.get('v')}, phần mềm này đọc phiên bản "
            f"{protocol.VERSION}: hãy cập nhật bên cũ hơn."
        )
    return header, data[:end], data[end:]


def _open(data: bytes, direction: str, secret_for: SecretLookup) -> tuple[dict, dict]:
    header, prefix, rest = _header(data)
    if header["dir"] != direction:
        raise BundleError(
            "Đây là gói trả lời của máy chủ, không phải gói gửi lên từ xã."
            if direction == REQUEST
            else "Đây là gói gửi lên từ xã, không phải gói trả lời của máy chủ."
        )
    secret = secret_for(header["device"])
    if secret is None:
        raise BundleError(
            f"Gói đồng bộ của máy {header['device']}: máy này không có trong danh sách hoặc đã "
            "bị thu hồi token."
        )
    if len(rest) < 12 + 16:
        raise BundleError("Gói đồng bộ bị cắt cụt: hãy chép lại tệp.")
    key = bundle_key(secret, header["device"], direction)
    try:
        plain = AESGCM(key).decrypt(rest[:12], rest[12:], prefix)
    except InvalidTag as exc:
        raise BundleError(
            "Gói đồng bộ không mở được: tệp đã bị sửa hoặc hỏng, hoặc không phải của máy này "
            "(khác token). Không có gì được ghi."
        ) from exc
    try:
        body = protocol.decode_json(plain)
    except ValueError as exc:
        raise BundleError(f"Nội dung gói đồng bộ hỏng: {exc}") from exc
    if not isinstance(body, dict):
        raise BundleError("Nội dung gói đồng bộ sai cấu trúc.")
    return header, body


def seal_request(
    token: str,
    pushes: list[protocol.PushRequest],
    pull_after: int,
    incarnation: str | None = None,
) -> tuple[str, bytes]:
    """(request id, sealed bytes) of a request for the device holding `token`."""
    device_id, secret = split_token(token)
    request_id = uuid.uuid4().hex
    header = {"v": protocol.VERSION, "dir": REQUEST, "device": device_id, "id": request_id,
              "made": datetime.now(UTC).isoformat(timespec="seconds")}  # fmt: skip
    body = {"pushes": [p.model_dump(mode="json") for p in pushes], "pull_after": pull_after,
            "incarnation": incarnation}  # fmt: skip
    return request_id, _seal(header, body, secret)


def open_request(data: bytes, secret_for_device: SecretLookup) -> BundleRequest:
    """Server side: check and open a request. `secret_for_device(device_id)` returns that
    device's token secret (None for an unknown or revoked device; it may raise BundleError)."""
    header, body = _open(data, REQUEST, secret_for_device)
    try:
        pushes = [protocol.PushRequest.model_validate(p) for p in body.get("pushes", [])]
        after = body.get("pull_after", 0)
        if not isinstance(after, int) or after < 0 or len(pushes) > MAX_PUSHES:
            raise ValueError
        incarnation = body.get("incarnation")
        if incarnation is not None and not (
            isinstance(incarnation, str) and len(incarnation) <= 64 and incarnation.isprintable()
        ):
            raise ValueError
    except (ValidationError, ValueError, TypeError) as exc:
        raise BundleError("Nội dung gói đồng bộ sai cấu trúc.") from exc
    return BundleRequest(header["device"], header["id"], pushes, after, incarnation)


def seal_reply(
    request: BundleRequest,
    secret: str,
    pushes: list[protocol.PushResponse],
    pull: protocol.PullResponse,
    now: int | None = None,
) -> bytes:
    """Server side: the answer to `request`, readable only by the same device."""
    header = {"v": protocol.VERSION, "dir": REPLY, "device": request.device_id,
              "id": uuid.uuid4().hex, "reply_to": request.request_id,
              "made": datetime.now(UTC).isoformat(timespec="seconds")}  # fmt: skip
    body = {
        "reply_to": request.request_id,
        "now": now,
        "pushes": [p.model_dump(mode="json") for p in pushes],
        "pull": pull.model_dump(mode="json"),
    }
    return _seal(header, body, secret)


def open_reply(data: bytes, token: str) -> BundleReply:
    device_id, secret = split_token(token)
    header, _prefix, _rest = _header(data)
    if header["dir"] == REPLY and header["device"] != device_id:
        raise BundleError(
            "Gói trả lời này là của một máy khác (khác token), không phải của máy này. Không có "
            "gì được ghi."
        )
    header, body = _open(data, REPLY, lambda d: secret if d == device_id else None)
    if body.get("reply_to") != header.get("reply_to"):
        raise BundleError("Gói trả lời sai cấu trúc.")
    now = body.get("now")
    try:
        return BundleReply(
            request_id=str(body["reply_to"]),
            pushes=[protocol.PushResponse.model_validate(p) for p in body["pushes"]],
            pull=protocol.PullResponse.model_validate(body["pull"]),
            now=now if isinstance(now, int) and not isinstance(now, bool) else None,
        )
    except (ValidationError, KeyError, TypeError) as exc:
        raise BundleError("Nội dung gói trả lời sai cấu trúc.") from exc


# ---- the desktop's side -------------------------------------------------------------------


def write_request(register: Register, token: str, path: Path) -> int:
    """Write every unsent change and the pull cursor to `path`; returns the change count.

    Nothing is marked sent: that waits for the reply, as over the network.
    """
    entries = register.outbox(MAX_PUSHES * protocol.MAX_CHANGES_PER_PUSH, one_incarnation=False)
    batches = outbox.batches(entries)[:MAX_PUSHES]
    pushes = [outbox.request_of(register, batch) for batch in batches]
    request_id, data = seal_request(token, pushes, register.sync_cursor(), register.incarnation)
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_bytes(data)
    tmp.replace(path)
    top = batches[-1][-1].seq if batches else 0
    carried = [[b[0].incarnation, b[-1].seq] for b in batches]
    register.set_settings({PENDING_KEY: request_id, PENDING_TOP_KEY: str(top),
                           PENDING_PUSHES_KEY: json.dumps(carried)})  # fmt: skip
    return sum(len(b) for b in batches)


def apply_reply(register: Register, token: str, path: Path) -> BundleResult:
    """Apply the server's answer to the last request written; refuses any other reply."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc
    reply = open_reply(data, token)
    pending = register.setting(PENDING_KEY)
    if pending is None or reply.request_id != pending:
        raise BundleError(
            "Gói trả lời này không phải trả lời cho gói gửi gần nhất của máy này (đã nhập rồi, "
            "hoặc là gói cũ). Không có gì được ghi."
        )
    carried = _carried(register, len(reply.pushes))
    restored = register.restored()
    pushed = rejected = 0
    try:
        for answer, (incarnation, top) in zip(reply.pushes, carried, strict=True):
            # Nothing past the last change the push carried is taken as acknowledged.
            answer = _within(answer, top)
            marked = outbox.acknowledge(register, answer, incarnation)
            pushed += marked.sent
            rejected += marked.refused
        result = (
            outbox.apply_pull(register, reply.pull)
            if reply.pull.cursor >= register.sync_cursor()
            else ApplyResult(0, 0, 0)
        )
        retried = outbox.retry_unapplied(register)
    except (SQLAlchemyError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # Never the exception's text: SQL errors carry the rows' values (children's data).
        raise BundleError(
            f"Gói trả lời mở được nhưng dữ liệu trong đó không áp dụng được "
            f"({exc.__class__.__name__}). Các thay đổi máy chủ đã xác nhận vẫn được ghi nhận; "
            "phần dữ liệu nhận về chưa được ghi, dữ liệu trên máy không đổi. Hãy báo quản trị "
            "máy chủ; có thể nhập lại gói này sau khi sửa."
        ) from None
    clock = server_clock.observe(register, reply.now, exact=False)
    server_clock.remember(register, clock)
    register.set_settings({PENDING_KEY: None, PENDING_TOP_KEY: None, PENDING_PUSHES_KEY: None})
    register.record_sync()
    notice = None
    if restored is not None:
        register.restore_settled()
        notice = outbox.restore_report(pushed, result.applied + retried.retried)
    return BundleResult(
        pushed, rejected, result.applied + retried.retried, result.conflicts + retried.conflicts,
        reply.pull.more, clock, result.set_aside, notice,
    )  # fmt: skip


def _carried(register: Register, count: int) -> list[tuple[str, int]]:
    """(incarnation, highest seq) of each push of the pending request, in order."""
    top = int(register.setting(PENDING_TOP_KEY) or 0)
    try:
        pushes = json.loads(register.setting(PENDING_PUSHES_KEY) or "null")
        carried = [(str(inc), int(seq)) for inc, seq in pushes]
    except (ValueError, TypeError):
        carried = [("", top)] * count  # a request written before incarnations
    if len(carried) != count:
        raise BundleError(
            "Gói trả lời không khớp với gói gửi gần nhất (số lượt gửi khác nhau). Không có gì "
            "được ghi."
        )
    return carried


def _within(answer: protocol.PushResponse, top: int) -> protocol.PushResponse:
    """An answer cut to the changes the request carried (seq ≤ `top`)."""
    return answer.model_copy(
        update={
            "acked": min(answer.acked, top),
            "rejected": [r for r in answer.rejected if r.seq <= top],
            "restamped": [r for r in answer.restamped if r.seq <= top],
        }
    )
