"""USB bundles: the same push and pull, sealed in a file for a commune without any connection.

A bundle is ``MAGIC | header length (2 bytes) | header JSON | nonce (12) | AES-256-GCM
ciphertext``. The header (device id, direction, bundle id, the request it answers) is
authenticated as associated data, so it cannot be altered either. The key is derived by HKDF
from the SHA-256 of the device token's secret — what the server stores — and from the
direction, so a reply can never be passed off as a request or the other way round. Only the
holder of the token and the server can read or write a device's bundles.

The desktop remembers the id of the request it wrote last; a reply is applied only if it
answers that request, so an old reply replayed from a stick is refused. Nothing is applied
unless the whole file opens and checks.

Server side (``sotreem-server import-bundle FILE --reply FILE2``)::

    request = open_request(data, key_for_device)      # key_for_device(device_id) -> digest
    … apply request.pushes (each a PushRequest) and pull after request.pull_after …
    reply = seal_reply(request, digest, push_responses, pull_response)
"""

from __future__ import annotations

import gzip
import hashlib
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

from desktop.db.register import Register
from desktop.db.sync_store import ApplyResult
from desktop.sync import outbox, protocol

MAGIC = b"SOTREEM-BUNDLE\x00\x01"
REQUEST, REPLY = "request", "reply"
PENDING_KEY = "sync.bundle_request"  # id of the last request written, until its reply lands
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
MAX_PUSHES = 400  # 200,000 changes per stick

KeyLookup = Callable[[str], "str | bytes | None"]


class BundleError(Exception):
    """The file is not a bundle of ours, was altered, or is not for this device or step."""


@dataclass(frozen=True)
class BundleRequest:
    device_id: str  # the server's device id: the part of the token before the dot
    request_id: str
    pushes: list[protocol.PushRequest]
    pull_after: int


@dataclass(frozen=True)
class BundleReply:
    request_id: str
    pushes: list[protocol.PushResponse]
    pull: protocol.PullResponse


@dataclass(frozen=True)
class BundleResult:
    pushed: int
    rejected: int
    pulled: int
    conflicts: int
    more: bool  # the server had more to send: make another bundle round


# ---- keys ---------------------------------------------------------------------------------


def split_token(token: str) -> tuple[str, str]:
    device_id, dot, secret = token.strip().partition(".")
    if not dot or not device_id or not secret:
        raise BundleError("Token của máy không đúng dạng “mã-máy.bí-mật”: hãy nhập lại token.")
    return device_id, secret


def secret_digest(secret: str) -> str:
    """What the server stores for a device token's secret (hex SHA-256)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def bundle_key(digest: str | bytes, device_id: str, direction: str) -> bytes:
    material = digest.encode() if isinstance(digest, str) else digest
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"sotreem-usb-bundle",
        info=f"sotreem bundle v{protocol.VERSION} {direction} {device_id}".encode(),
    ).derive(material)


# ---- sealing and opening ------------------------------------------------------------------


def _seal(header: dict, body: dict, digest: str | bytes) -> bytes:
    head = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    key = bundle_key(digest, header["device"], header["dir"])
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


def _open(data: bytes, direction: str, digest_for: KeyLookup) -> tuple[dict, dict]:
    header, prefix, rest = _header(data)
    if header["dir"] != direction:
        raise BundleError(
            "Đây là gói trả lời của máy chủ, không phải gói gửi lên từ xã."
            if direction == REQUEST
            else "Đây là gói gửi lên từ xã, không phải gói trả lời của máy chủ."
        )
    digest = digest_for(header["device"])
    if digest is None:
        raise BundleError(
            f"Gói đồng bộ của máy {header['device']}: máy này không có trong danh sách hoặc đã "
            "bị thu hồi token."
        )
    if len(rest) < 12 + 16:
        raise BundleError("Gói đồng bộ bị cắt cụt: hãy chép lại tệp.")
    key = bundle_key(digest, header["device"], direction)
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
    token: str, pushes: list[protocol.PushRequest], pull_after: int
) -> tuple[str, bytes]:
    """(request id, sealed bytes) of a request for the device holding `token`."""
    device_id, secret = split_token(token)
    request_id = uuid.uuid4().hex
    header = {"v": protocol.VERSION, "dir": REQUEST, "device": device_id, "id": request_id,
              "made": datetime.now(UTC).isoformat(timespec="seconds")}  # fmt: skip
    body = {"pushes": [p.model_dump(mode="json") for p in pushes], "pull_after": pull_after}
    return request_id, _seal(header, body, secret_digest(secret))


def open_request(data: bytes, key_for_device: KeyLookup) -> BundleRequest:
    """Server side: check and open a request. `key_for_device(device_id)` returns the stored
    SHA-256 digest of that device's secret (None for an unknown or revoked device)."""
    header, body = _open(data, REQUEST, key_for_device)
    try:
        pushes = [protocol.PushRequest.model_validate(p) for p in body.get("pushes", [])]
        after = body.get("pull_after", 0)
        if not isinstance(after, int) or after < 0 or len(pushes) > MAX_PUSHES:
            raise ValueError
    except (ValidationError, ValueError, TypeError) as exc:
        raise BundleError("Nội dung gói đồng bộ sai cấu trúc.") from exc
    return BundleRequest(header["device"], header["id"], pushes, after)


def seal_reply(
    request: BundleRequest,
    digest: str | bytes,
    pushes: list[protocol.PushResponse],
    pull: protocol.PullResponse,
) -> bytes:
    """Server side: the answer to `request`, readable only by the same device."""
    header = {"v": protocol.VERSION, "dir": REPLY, "device": request.device_id,
              "id": uuid.uuid4().hex, "reply_to": request.request_id,
              "made": datetime.now(UTC).isoformat(timespec="seconds")}  # fmt: skip
    body = {
        "reply_to": request.request_id,
        "pushes": [p.model_dump(mode="json") for p in pushes],
        "pull": pull.model_dump(mode="json"),
    }
    return _seal(header, body, digest)


def open_reply(data: bytes, token: str) -> BundleReply:
    device_id, secret = split_token(token)
    header, _prefix, _rest = _header(data)
    if header["dir"] == REPLY and header["device"] != device_id:
        raise BundleError(
            "Gói trả lời này là của một máy khác (khác token), không phải của máy này. Không có "
            "gì được ghi."
        )
    digest = secret_digest(secret)
    header, body = _open(data, REPLY, lambda d: digest if d == device_id else None)
    if body.get("reply_to") != header.get("reply_to"):
        raise BundleError("Gói trả lời sai cấu trúc.")
    try:
        return BundleReply(
            request_id=str(body["reply_to"]),
            pushes=[protocol.PushResponse.model_validate(p) for p in body["pushes"]],
            pull=protocol.PullResponse.model_validate(body["pull"]),
        )
    except (ValidationError, KeyError, TypeError) as exc:
        raise BundleError("Nội dung gói trả lời sai cấu trúc.") from exc


# ---- the desktop's side -------------------------------------------------------------------


def write_request(register: Register, token: str, path: Path) -> int:
    """Write every unsent change and the pull cursor to `path`; returns the change count.

    Nothing is marked sent: that waits for the reply, as over the network.
    """
    entries = register.outbox(MAX_PUSHES * protocol.MAX_CHANGES_PER_PUSH)
    pushes = []
    for start in range(0, len(entries), protocol.MAX_CHANGES_PER_PUSH):
        chunk = entries[start : start + protocol.MAX_CHANGES_PER_PUSH]
        pushes.append(
            protocol.PushRequest(
                v=protocol.VERSION,
                device=register.device_id,
                changes=[outbox.to_change(e) for e in chunk],
            )
        )
    request_id, data = seal_request(token, pushes, register.sync_cursor())
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_bytes(data)
    tmp.replace(path)
    register.set_settings({PENDING_KEY: request_id})
    return len(entries)


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
    pushed = rejected = 0
    for answer in reply.pushes:
        marked = outbox.acknowledge(register, answer)
        pushed += marked - len(answer.rejected)
        rejected += len(answer.rejected)
    result = (
        outbox.apply_pull(register, reply.pull)
        if reply.pull.cursor >= register.sync_cursor()
        else ApplyResult(0, 0, 0)
    )
    register.set_settings({PENDING_KEY: None})
    register.record_sync()
    return BundleResult(pushed, rejected, result.applied, result.conflicts, reply.pull.more)
