"""`sotreem sync`: the command-line face of sync (network, USB bundles, reader login).

Exit codes: 0 done (refused changes and pulled changes set aside are listed, not failures);
1 the server could not be reached or failed, or the database was busy (try again later;
nothing is lost); 2 refused (wrong arguments, token or password, protocol version, a bad
bundle). A database restored from a backup syncs as it is: the server re-bases it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli import access
from desktop.cli.access import open_register
from desktop.cli.errors import FAILED, OK, REFUSED, fail
from desktop.db.register import Register
from desktop.sync import bundle, server_clock
from desktop.sync.client import SyncClient, SyncError, SyncReport
from desktop.sync.connection import (
    READER_KEY,
    SERVER_KEY,
    TOKEN_KEY,
    create_reader_copy,
    open_reader_copy,
)

RETRY_LATER = {"offline", "server", "cancelled", "local"}


def _sync_failed(exc: SyncError) -> int:
    return fail(exc.message, FAILED if exc.kind in RETRY_LATER else REFUSED)


def _progress(fraction: float, message: str) -> None:
    print(f"{fraction:4.0%} {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace, db_path: Path) -> int:
    if not db_path.exists() and not args.reader:
        return fail(f"không có tệp {db_path} (chạy “sotreem init --commune MÃ_XÃ” trước).")
    if args.bundle_in and args.bundle_out:
        return fail("mỗi lần chỉ dùng một trong --bundle-out và --bundle-in.")
    try:
        register = _reader_login(args, db_path) if args.reader else open_register(db_path, args)
    except SyncError as exc:
        return _sync_failed(exc)
    with register:
        try:
            return _run(args, register)
        except SyncError as exc:
            return _sync_failed(exc)
        except bundle.BundleError as exc:
            return fail(exc)


def _reader_login(args: argparse.Namespace, db_path: Path) -> Register:
    """A district/province account: one password logs in to the server and opens (or, the
    first time, creates) this PC's encrypted read-only copy."""
    from desktop.db import vault

    if vault.is_encrypted(db_path):
        register, session = open_reader_copy(
            db_path, args.server, args.reader, _reader_password(args)
        )
    else:
        if not args.server:
            raise SyncError("cần --server URL để đăng nhập tài khoản cấp tỉnh.", "schema")
        register, session = create_reader_copy(
            db_path, args.server, args.reader, _reader_password(args)
        )
    print(f"Đã đăng nhập {args.reader}: xem {len(session.communes)} xã.", file=sys.stderr)
    return register


def _reader_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return access.typed(f"Mật khẩu của {args.reader}: ")


def _run(args: argparse.Namespace, register: Register) -> int:
    server = args.server or register.setting(SERVER_KEY)
    token = (None if args.reader else access.token(args)) or register.setting(TOKEN_KEY)
    if not args.reader and not register.commune_code and not register.is_reader:
        return fail("chưa chọn xã: chạy “sotreem init --commune MÃ_XÃ” trước.")
    if args.bundle_out or args.bundle_in:
        return _bundle(args, register, token)
    if not server or not token:
        return fail(
            "chưa có địa chỉ máy chủ hoặc token: chạy “sotreem sync --server URL --token-file "
            "TỆP” (hoặc đặt biến môi trường SOTREEM_TOKEN; chỉ cần lần đầu)."
        )
    with SyncClient(register, server, token) as client:
        if args.test:
            print(client.test_connection())
            return OK
        try:
            report = client.sync_once(progress=_progress)
        except SyncError as exc:
            if exc.kind == "auth" and register.is_reader:
                name = register.setting(READER_KEY) or "TÊN"
                exc.message += f" Đăng nhập lại: sotreem sync --reader {name}."
            raise
    register.set_settings({SERVER_KEY: server, TOKEN_KEY: token})
    _print_report(register, report)
    return OK


def _bundle(args: argparse.Namespace, register: Register, token: str | None) -> int:
    if register.is_reader:
        return fail("gói USB chỉ dùng cho máy của xã.")
    if not token:
        return fail(
            "cần token của máy (do máy chủ cấp) để ký và mã hoá gói USB: --token-file TỆP hoặc "
            "biến môi trường SOTREEM_TOKEN."
        )
    if args.bundle_out:
        count = bundle.write_request(register, token, args.bundle_out)
        register.set_settings({TOKEN_KEY: token})
        print(
            f"Đã ghi gói gửi máy chủ: {args.bundle_out} ({count} thay đổi). Mang tệp lên máy chủ; "
            "sau đó nhập gói trả lời bằng “sotreem sync --bundle-in TỆP”."
        )
        return OK
    result = bundle.apply_reply(register, token, args.bundle_in)
    register.set_settings({TOKEN_KEY: token})
    print(
        f"Đã nhập gói trả lời: máy chủ đã nhận {result.pushed} thay đổi, từ chối "
        f"{result.rejected}; nhận về {result.pulled} thay đổi, {result.conflicts} xung đột"
        + (f", {result.set_aside} chưa áp dụng được." if result.set_aside else ".")
    )
    if result.notice:
        print(f"  {result.notice}")
    if result.more:
        print("Máy chủ còn dữ liệu chưa gửi hết: hãy làm thêm một lượt gói USB.")
    _print_attention(register)
    return OK


def _print_report(register: Register, report: SyncReport) -> None:
    print(
        f"Đồng bộ xong: gửi {report.pushed} thay đổi, nhận {report.pulled} thay đổi, "
        f"{report.conflicts} xung đột mới, {report.rejected} thay đổi bị từ chối"
        + (f", {report.set_aside} thay đổi nhận về chưa áp dụng được." if report.set_aside
           else ".")
    )  # fmt: skip
    if report.notice:
        print(f"  {report.notice}")
    _print_attention(register)


def _print_attention(register: Register) -> None:
    clock = server_clock.last_reading(register)
    if clock is not None and clock.message:
        print(f"  Cảnh báo: {clock.message}")
    state = register.sync_state()
    if state.held_for_officer:
        print(
            f"  {state.held_for_officer} thay đổi vụ việc bảo vệ trẻ em (và các thay đổi sau "
            "chúng) chờ lần đồng bộ khi cán bộ phụ trách đăng nhập."
        )
    if state.notice:
        print(f"  {state.notice}")
    for failure in state.failures:
        said = "Bị từ chối — " if failure.kind == "refused" else ""
        print(f"  {said}{failure.label}: {failure.message}")
    if state.conflicts_open:
        print(
            f"  Có {state.conflicts_open} xung đột cần xem ở trang Đồng bộ (giữ một trong hai "
            "giá trị)."
        )
        for c in register.conflicts()[:20]:
            print(f"  {c.record_label} — {c.field_label}: “{c.kept_text}” / “{c.lost_text}”")
