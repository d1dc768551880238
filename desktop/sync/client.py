"""`SyncClient`: one sync on demand over HTTP (httpx), gzip both ways, resumable after a cut.

A sync pushes every unsent change in batches, then pulls until the server has nothing more,
then tries again the pulled changes it had to set aside. Entries are marked sent only after the
server's acknowledgement, and each pulled page is applied in short transactions together with
its cursor, so a connection lost at any point costs at most a repeat of one batch, which the
server recognises (device + incarnation + seq) and the client applies idempotently.

A pulled change that cannot be applied here is set aside (shown on the Đồng bộ page, retried at
every sync); the rest of the page goes on. After a restore from a backup the database is a new
incarnation: the server re-bases it (nothing it sends is taken for a replay, nothing the server
acknowledged is lost) and `SyncReport.notice` tells the officer what happened.

Every failure reaches the user as a `SyncError` with a Vietnamese message, never a traceback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from desktop.db.register import Register
from desktop.db.sync_store import ApplyResult
from desktop.domain.clock_skew import ClockReading
from desktop.sync import outbox, protocol, server_clock

Progress = Callable[[float, str], None]
DEFAULT_TIMEOUT = 30.0
PULL_LIMIT = 2000


class SyncError(Exception):
    """A sync that could not finish; `message` is Vietnamese and shown as is."""

    def __init__(self, message: str, kind: str = "server"):
        super().__init__(message)
        self.message = message
        # offline auth version scope schema too_large server restored cancelled local
        self.kind = kind


@dataclass(frozen=True)
class SyncReport:
    pushed: int  # changes the server acknowledged
    pulled: int  # changes applied from the server
    conflicts: int  # conflicts recorded on this side
    rejected: int  # changes the server refused (see Register.sync_state().failures)
    clock: ClockReading | None = None  # the PC's clock against the server's (`.message`)
    set_aside: int = 0  # pulled changes this desktop could not apply yet (also in failures)
    notice: str | None = None  # what happened to a restored database, for the officer


@dataclass(frozen=True)
class Login:
    token: str
    unit: str
    communes: list[str]
    expires_at: datetime | None


def _noop(_fraction: float, _message: str) -> None:
    pass


def _client(
    server_url: str, token: str | None, transport: httpx.BaseTransport | None, timeout: float
) -> httpx.Client:
    headers = {"Accept-Encoding": "gzip", "User-Agent": "SoTreEm"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(
        base_url=server_url.rstrip("/"),
        headers=headers,
        transport=transport,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
    )


def _request(client: httpx.Client, method: str, path: str, **kwargs: Any) -> Any:
    """Send one request; return the decoded JSON or raise SyncError."""
    url = f"{client.base_url}{path}"
    try:
        response = client.request(method, path, **kwargs)
    except httpx.ConnectError as exc:
        raise SyncError(
            f"Không kết nối được máy chủ {url.split('/v1')[0]}: máy đang không có mạng, hoặc "
            "địa chỉ máy chủ sai. Dữ liệu vẫn được giữ trên máy, hãy thử lại khi có mạng.",
            "offline",
        ) from exc
    except httpx.TimeoutException as exc:
        raise SyncError(
            "Máy chủ không trả lời kịp (mạng chậm hoặc mất giữa chừng). Phần đã gửi được "
            "giữ lại; hãy đồng bộ lại.",
            "offline",
        ) from exc
    except httpx.HTTPError as exc:  # connection dropped, protocol error, broken gzip …
        raise SyncError(
            "Mất kết nối với máy chủ giữa chừng. Không có dữ liệu nào bị mất; hãy đồng bộ lại.",
            "offline",
        ) from exc
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code >= 400 or not isinstance(body, dict):
        raise _error(response.status_code, body)
    if body.get("v", protocol.VERSION) != protocol.VERSION:
        raise SyncError(
            f"Máy chủ dùng giao thức đồng bộ phiên bản {body.get('v')}, máy này phiên bản "
            f"{protocol.VERSION}: hãy cập nhật phần mềm bên cũ hơn.",
            "version",
        )
    return body


def _error(status: int, body: Any) -> SyncError:
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        error = body.get("error")
        kind = error if isinstance(error, str) else "server"
        if status == 409:  # this database is an old copy: retrying will not help
            kind = "restored"
        return SyncError(body["message"], kind)
    if status == 401:
        return SyncError("Máy chủ từ chối mã truy cập: hãy kiểm tra lại token.", "auth")
    if status == 426:
        return SyncError("Phiên bản giao thức không khớp: hãy cập nhật phần mềm.", "version")
    if status == 404:
        return SyncError(
            "Địa chỉ này không phải máy chủ Sổ Trẻ Em (không có đường dẫn /v1): hãy kiểm tra lại "
            "địa chỉ máy chủ.",
            "server",
        )
    return SyncError(
        f"Máy chủ gặp lỗi (mã {status}); dữ liệu trên máy không bị ảnh hưởng, hãy thử lại sau.",
        "server",
    )


def _parse(model: type[Any], body: Any) -> Any:
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise SyncError(
            "Máy chủ trả lời sai cấu trúc (có thể khác phiên bản): chưa áp dụng gì, hãy báo "
            "quản trị máy chủ.",
            "schema",
        ) from exc


def login(
    server_url: str,
    username: str,
    password: str,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Login:
    """A district/province reader's login: returns the session token and the unit it reads."""
    with _client(server_url, None, transport, timeout) as client:
        body = _request(
            client,
            "POST",
            "/v1/login",
            json={"v": protocol.VERSION, "username": username, "password": password},
        )
    token, unit = body.get("token"), body.get("unit")
    if not isinstance(token, str) or not isinstance(unit, str):
        raise SyncError("Máy chủ trả lời đăng nhập sai cấu trúc.", "schema")
    expires = body.get("expires_at")
    return Login(
        token=token,
        unit=unit,
        communes=[c for c in body.get("communes", []) if isinstance(c, str)],
        expires_at=datetime.fromisoformat(expires) if isinstance(expires, str) else None,
    )


class SyncClient:
    def __init__(
        self,
        register: Register,
        server_url: str,
        token: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        pull_limit: int = PULL_LIMIT,
        push_limit: int = protocol.MAX_CHANGES_PER_PUSH,
    ):
        self.register = register
        self.clock: ClockReading | None = None  # from the latest answer
        self.server_url = server_url.rstrip("/")
        self.pull_limit = pull_limit
        self.push_limit = push_limit
        self.set_aside = 0  # pulled changes set aside during this client's syncs
        self._http = _client(server_url, token, transport, timeout)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def test_connection(self) -> str:
        """Reach the server (GET /v1/status); a Vietnamese sentence saying what answered."""
        body = _request(self._http, "GET", "/v1/status", params={"v": protocol.VERSION})
        self._observe(body.get("now"))
        server_clock.remember(self.register, self.clock)
        name = body.get("server", "máy chủ")
        version = body.get("version", "?")
        return f"Kết nối được {name} tại {self.server_url} (phiên bản {version})."

    def sync_once(
        self, progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> SyncReport:
        """Push everything unsent, then pull until the server has nothing more."""
        progress = progress or _noop
        restored = self.register.restored()
        try:
            pushed, rejected = self.push_all(progress, cancel)
            pulled, conflicts = self.pull_all(progress, cancel)
        finally:
            server_clock.remember(self.register, self.clock)
        self.register.record_sync()
        notice = None
        if restored is not None:
            self.register.restore_settled()
            notice = outbox.restore_report(pushed, pulled)
        progress(1.0, "Đồng bộ xong.")
        return SyncReport(pushed, pulled, conflicts, rejected, self.clock, self.set_aside, notice)

    def _observe(self, server_ms: object) -> None:
        """Every answer carries the server's clock: ours follows it forward."""
        self.clock = server_clock.observe(self.register, server_ms) or self.clock

    def _check(self, cancel: threading.Event | None) -> None:
        if cancel is not None and cancel.is_set():
            raise SyncError("Đã dừng đồng bộ; phần đã gửi/nhận được giữ lại.", "cancelled")

    def push_all(
        self, progress: Progress = _noop, cancel: threading.Event | None = None
    ) -> tuple[int, int]:
        total = max(1, self.register.unsent_count())
        pushed = rejected = 0
        last_first: int | None = None
        while True:
            self._check(cancel)
            request = outbox.push_request(self.register, self.push_limit)
            if request is None:
                return pushed, rejected
            first = request.changes[0].seq
            answer = self.push(request)
            if answer.acked < first or first == last_first:
                raise SyncError(
                    "Máy chủ không xác nhận các thay đổi đã gửi (số thứ tự không khớp): hãy báo "
                    "quản trị máy chủ. Dữ liệu vẫn được giữ trên máy.",
                    "server",
                )
            last_first = first
            marked = outbox.acknowledge(self.register, answer, request.incarnation)
            pushed += marked.sent
            rejected += marked.refused
            progress(min(0.5, 0.5 * (pushed + rejected) / total), f"Đã gửi {pushed} thay đổi…")

    def push(self, request: protocol.PushRequest) -> protocol.PushResponse:
        body = _request(
            self._http,
            "POST",
            "/v1/push",
            content=protocol.encode(request),
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )
        answer = _parse(protocol.PushResponse, body)
        self._observe(answer.now)
        return answer

    def pull_all(
        self, progress: Progress = _noop, cancel: threading.Event | None = None
    ) -> tuple[int, int]:
        pulled = conflicts = 0
        while True:
            self._check(cancel)
            after = self.register.sync_cursor()
            page = self.pull(after)
            result = self._applied(outbox.apply_pull, page)
            pulled += result.applied
            conflicts += result.conflicts
            self.set_aside += result.set_aside
            progress(0.5 + 0.5 * (0.9 if page.more else 1.0), f"Đã nhận {pulled} thay đổi…")
            if not page.more:
                break
            if page.cursor <= after:
                raise SyncError("Máy chủ trả về con trỏ không tiến: hãy báo quản trị.", "server")
        retried = self._applied(outbox.retry_unapplied)
        return pulled + retried.retried, conflicts + retried.conflicts

    def _applied(self, work: Callable[..., ApplyResult], *args: Any) -> ApplyResult:
        """Pulled data into the database; a failure of the database itself is a SyncError.
        (A change that cannot be applied is set aside, not raised.)"""
        try:
            return work(self.register, *args)
        except OperationalError as exc:
            raise SyncError(
                "Chưa ghi được dữ liệu nhận về vào cơ sở dữ liệu của máy này (đang bận hoặc lỗi "
                f"khi ghi: {exc.__class__.__name__}). Phần đã nhận được giữ lại; hãy đồng bộ lại.",
                "local",
            ) from exc
        except (SQLAlchemyError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SyncError(
                f"Dữ liệu nhận từ máy chủ không áp dụng được ({exc.__class__.__name__}); phần "
                "này chưa được ghi, dữ liệu trên máy không đổi. Hãy báo quản trị máy chủ.",
                "schema",
            ) from exc

    def pull(self, after: int) -> protocol.PullResponse:
        body = _request(
            self._http,
            "GET",
            "/v1/pull",
            params={
                "after": after,
                "limit": self.pull_limit,
                "v": protocol.VERSION,
                "incarnation": self.register.incarnation,
            },
        )
        page = _parse(protocol.PullResponse, body)
        self._observe(page.now)
        return page
