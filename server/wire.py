"""Bodies on the wire: gzip both ways, size limits, protocol version, Vietnamese errors.

Every answer carries the server's clock (`now`, milliseconds) in the shape of the version the
caller speaks (version 1 answers leave it out), and in the ``X-Sotreem-Time`` header.
"""

from __future__ import annotations

import gzip
import json
import time
import zlib
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError

from desktop.sync.protocol import MAX_BODY_BYTES, SUPPORTED_VERSIONS, VERSION, ErrorBody, dump
from desktop.sync.records import printable

M = TypeVar("M", bound=BaseModel)

STATUS = {"version": 426, "auth": 401, "scope": 403, "schema": 400, "too_large": 413,
          "too_many": 429, "server": 500}  # fmt: skip
TIME_HEADER = "X-Sotreem-Time"
_VERSION_KEY = "sotreem_version"


class WireError(Exception):
    def __init__(self, error: str, message: str, retry_after: int | None = None):
        super().__init__(message)
        # `error` is a key of STATUS (ErrorBody's Literal); pydantic checks it when it is made.
        self.body = ErrorBody(v=VERSION, error=error, message=message)  # type: ignore[arg-type]
        self.retry_after = retry_after


def now_millis() -> int:
    return time.time_ns() // 1_000_000


def speaks(request: Request, version: Any) -> None:
    """Remember which protocol version the caller speaks, for the shape of the answer."""
    if type(version) is not int or version not in SUPPORTED_VERSIONS:  # not True, "2", [2]
        raise version_mismatch(version)
    request.state.__dict__[_VERSION_KEY] = version


def version_of(request: Request) -> int:
    return request.state.__dict__.get(_VERSION_KEY, VERSION)


def version_mismatch(theirs: Any) -> WireError:
    if isinstance(theirs, int) and not isinstance(theirs, bool) and theirs > VERSION:
        side = "máy chủ đang chạy phiên bản cũ hơn: hãy báo quản trị cập nhật máy chủ"
    else:
        side = "phần mềm trên máy này đã cũ: hãy cập nhật Sổ Trẻ Em lên phiên bản mới"
    return WireError(
        "version",
        f"Giao thức đồng bộ không khớp (máy gửi phiên bản {printable(str(theirs))[:20]}, máy "
        f"chủ phiên bản {VERSION}): {side}.",
    )


async def read_message(request: Request, model: type[M]) -> M:
    """Read, decompress and validate a request body; every failure is a WireError."""
    raw = await _read_limited(request)
    if "gzip" in request.headers.get("content-encoding", "").lower():
        raw = _gunzip(raw)
    try:
        data = json.loads(raw)
    except RecursionError as exc:
        raise WireError("schema", "Dữ liệu gửi lên lồng nhau quá sâu.") from exc
    except ValueError as exc:  # not UTF-8, not JSON, a number of thousands of digits
        raise WireError("schema", "Dữ liệu gửi lên không phải JSON hợp lệ.") from exc
    if not isinstance(data, dict):
        raise WireError("schema", "Dữ liệu gửi lên phải là một đối tượng JSON.")
    speaks(request, data.get("v", VERSION))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise WireError("schema", _describe(exc)) from exc


async def _read_limited(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _gunzip(body: bytes) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        raw = inflater.decompress(body, MAX_BODY_BYTES + 1)
    except zlib.error as exc:
        raise WireError("schema", "Dữ liệu nén (gzip) bị hỏng: hãy gửi lại.") from exc
    if len(raw) > MAX_BODY_BYTES:
        raise _too_large()
    if not inflater.eof:
        raise WireError("schema", "Dữ liệu nén (gzip) bị cắt cụt: hãy gửi lại.")
    return raw


def _too_large() -> WireError:
    limit = MAX_BODY_BYTES // (1024 * 1024)
    return WireError("too_large", f"Gói dữ liệu vượt quá {limit} MB: hãy gửi thành nhiều lần.")


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(printable(str(p))[:60] for p in err["loc"]) or "gói tin"
        parts.append(f"{where} ({err['type']})")
    return "Gói tin sai cấu trúc: " + "; ".join(parts) + "."


def respond(message: BaseModel, request: Request, status: int = 200) -> Response:
    """JSON in the caller's protocol version with the server's clock, gzip-compressed when the
    caller accepts it (every client of ours does)."""
    now = now_millis()
    if "now" in type(message).model_fields:
        message = message.model_copy(update={"now": now})
    raw = dump(message, version_of(request))
    headers = {"Vary": "Accept-Encoding", TIME_HEADER: str(now)}
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        raw = gzip.compress(raw, compresslevel=6)
        headers["Content-Encoding"] = "gzip"
    return Response(raw, status_code=status, media_type="application/json", headers=headers)


def error_response(error: WireError, request: Request, status: int | None = None) -> Response:
    status = status or STATUS[error.body.error]
    response = respond(error.body, request, status)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(error.retry_after)
    return response
