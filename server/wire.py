"""Bodies on the wire: gzip both ways, size limits, protocol version, Vietnamese errors."""

from __future__ import annotations

import gzip
import json
import zlib
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError

from desktop.sync.protocol import MAX_BODY_BYTES, VERSION, ErrorBody

M = TypeVar("M", bound=BaseModel)

STATUS = {"version": 426, "auth": 401, "scope": 403, "schema": 400, "too_large": 413,
          "server": 500}  # fmt: skip


class WireError(Exception):
    def __init__(self, error: str, message: str):
        super().__init__(message)
        # `error` is a key of STATUS (ErrorBody's Literal); pydantic checks it when it is made.
        self.body = ErrorBody(v=VERSION, error=error, message=message)  # type: ignore[arg-type]


def version_mismatch(theirs: Any) -> WireError:
    if isinstance(theirs, int) and theirs > VERSION:
        side = "máy chủ đang chạy phiên bản cũ hơn: hãy báo quản trị cập nhật máy chủ"
    else:
        side = "phần mềm trên máy này đã cũ: hãy cập nhật Sổ Trẻ Em lên phiên bản mới"
    return WireError(
        "version",
        f"Giao thức đồng bộ không khớp (máy gửi phiên bản {theirs}, máy chủ phiên bản "
        f"{VERSION}): {side}.",
    )


async def read_message(request: Request, model: type[M]) -> M:
    """Read, decompress and validate a request body; every failure is a WireError."""
    raw = await _read_limited(request)
    if "gzip" in request.headers.get("content-encoding", "").lower():
        raw = _gunzip(raw)
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WireError("schema", "Dữ liệu gửi lên không phải JSON hợp lệ.") from exc
    if not isinstance(data, dict):
        raise WireError("schema", "Dữ liệu gửi lên phải là một đối tượng JSON.")
    if "v" in data and data["v"] != VERSION:
        raise version_mismatch(data["v"])
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
        where = ".".join(str(p) for p in err["loc"]) or "gói tin"
        parts.append(f"{where} ({err['type']})")
    return "Gói tin sai cấu trúc: " + "; ".join(parts) + "."


def respond(message: BaseModel, request: Request, status: int = 200) -> Response:
    """JSON, gzip-compressed when the caller accepts it (every client of ours does)."""
    raw = message.model_dump_json().encode()
    headers = {"Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        raw = gzip.compress(raw, compresslevel=6)
        headers["Content-Encoding"] = "gzip"
    return Response(raw, status_code=status, media_type="application/json", headers=headers)


def error_response(error: WireError, request: Request, status: int | None = None) -> Response:
    status = status or STATUS[error.body.error]
    response = respond(error.body, request, status)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response
