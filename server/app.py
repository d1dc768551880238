"""The HTTP API (`/v1/…`) of the hub, built by `create_app(database_url)`.

Endpoints: ``GET /v1/status`` (no auth: "test connection"), ``POST /v1/login`` (reader
accounts), ``POST /v1/push`` (commune devices), ``GET /v1/pull`` (devices and readers). Message
shapes are those of `desktop.sync.protocol`; errors are an `ErrorBody` with a Vietnamese message
and a 4xx status for anything a caller sent wrong; 500 only for the server's own failures.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine

from desktop import __version__
from desktop.sync.protocol import INT64, VERSION, PushRequest
from desktop.sync.records import printable
from server import apply, auth, login, pull
from server.bundle_keys import ServerKey
from server.db import make_engine, migrate, reading
from server.wire import WireError, error_response, read_message, respond, speaks

log = logging.getLogger("sotreem.server")
T = TypeVar("T")

# At most this many requests do database work at once; the rest wait, asleep. Under a burst of
# pushes, Starlette's forty threads traded the GIL and queued on the revision counter, and a
# third of the throughput went (benchmarks/bench_sync_server.py).
DB_THREADS = 4


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    v: int = VERSION
    username: str = Field(max_length=100)
    password: str = Field(max_length=200)


class LoginResponse(BaseModel):
    v: int = VERSION
    now: int | None = None
    token: str
    expires_at: datetime
    unit: str
    communes: list[str]  # every commune the account may read


class Status(BaseModel):
    v: int = VERSION
    now: int | None = None
    server: str = "Sổ Trẻ Em"
    version: str = __version__


def create_app(
    database_url: str, engine: Engine | None = None, key_file: Path | None = None
) -> FastAPI:
    """The application over `database_url`, its schema migrated to the newest revision.
    `key_file`: the server's key file (`server.bundle_keys`; default: its configuration folder).
    """
    engine = engine or make_engine(database_url)
    migrate(engine)
    app = FastAPI(title="Sổ Trẻ Em — máy chủ đồng bộ", version=__version__)
    app.state.engine = engine
    server_key = ServerKey.load_or_create(key_file)
    limits, hashing = login.Limits(), login.Hashing()
    app.state.login_limits = limits
    db_slots = threading.BoundedSemaphore(DB_THREADS)  # a thread lock: tests run several loops

    def limited(func: Callable[..., T], *args: object) -> T:
        with db_slots:
            return func(*args)

    async def in_thread(func: Callable[..., T], *args: object) -> T:
        return await run_in_threadpool(limited, func, *args)

    @app.exception_handler(WireError)
    async def _wire_error(request: Request, exc: WireError) -> Response:
        return error_response(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _bad_query(request: Request, exc: RequestValidationError) -> Response:
        where = ", ".join(
            ".".join(printable(str(p))[:60] for p in e["loc"]) for e in exc.errors()[:5]
        )
        return error_response(WireError("schema", f"Tham số không hợp lệ: {where}."), request)

    @app.exception_handler(login.TooMany)
    async def _too_many(request: Request, exc: login.TooMany) -> Response:
        return error_response(WireError("too_many", str(exc), exc.retry_after), request)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("request failed: %s %s", request.method, request.url.path)
        message = "Máy chủ gặp lỗi khi xử lý; dữ liệu chưa được ghi, hãy thử lại sau."
        return error_response(WireError("server", message), request)

    def caller(request: Request) -> auth.Caller:
        try:
            with reading(engine) as conn:
                who = auth.identify(conn, request.headers.get("authorization"))
        except auth.AuthError as exc:
            raise WireError("auth", str(exc)) from exc
        if who.unsealed_secret is not None:  # a token issued before the key file: keep it now
            auth.remember_bundle_secret(engine, server_key, who)
        return who

    @app.get("/v1/status")
    async def status(request: Request, v: int = Query(1, ge=0, le=INT64)) -> Response:
        speaks(request, v)  # no version asked: the first one's shape, which every desktop reads
        return respond(Status(), request)

    @app.post("/v1/login")
    async def login_reader(request: Request) -> Response:
        message = await read_message(request, LoginRequest)
        address = request.client.host if request.client else "?"
        limits.admit(message.username, address)
        succeeded, checked = False, False
        try:
            stored = await in_thread(auth.password_hash_of, engine, message.username)
            succeeded = await hashing.verify(stored, message.password)  # not in a database slot
            checked = True
        finally:  # a login turned away because hashing was busy is no failed password
            limits.finish(message.username, succeeded, counted=checked)
        if not succeeded:
            raise WireError("auth", "Sai tên đăng nhập hoặc mật khẩu.")

        def session() -> LoginResponse:
            with engine.begin() as conn:
                token, expires = auth.open_session(conn, message.username)
                who = auth.identify(conn, f"Bearer {token}")
                unit = auth.reader_unit(conn, message.username)
            return LoginResponse(
                token=token, expires_at=expires, unit=unit, communes=sorted(who.communes)
            )

        return respond(await in_thread(session), request)

    @app.post("/v1/push")
    async def push(request: Request) -> Response:
        who = await in_thread(caller, request)
        if not who.is_device:
            raise WireError(
                "scope", "Tài khoản cấp tỉnh chỉ được xem dữ liệu, không được gửi lên."
            )
        message = await read_message(request, PushRequest)
        try:
            answer = await in_thread(apply.push, engine, who, message)
        except apply.Restored as exc:  # only a push naming no incarnation (an older desktop)
            return error_response(WireError("server", str(exc)), request, status=409)
        return respond(answer, request)

    @app.get("/v1/pull")
    async def pull_changes(
        request: Request,
        after: int = Query(0, ge=0, le=INT64),
        limit: int = Query(1000, ge=-INT64, le=INT64),
        v: int = Query(VERSION, ge=-INT64, le=INT64),
        incarnation: str | None = Query(None, max_length=64, pattern=r"^[\x21-\x7e]+$"),
    ) -> Response:
        speaks(request, v)
        who = await in_thread(caller, request)
        answer = await in_thread(pull.pull, engine, who, after, limit, pull.MAX_LIMIT, incarnation)
        return respond(answer, request)

    return app
