"""`sotreem-server`: the district/province hub's command line.

    sotreem-server serve [--host H] [--port P] [--ssl-certfile F --ssl-keyfile K]
    sotreem-server add-device --commune CODE [--name TEXT]     prints the device token
    sotreem-server list-devices | revoke-device DEVICE_ID | reissue-device DEVICE_ID
    sotreem-server add-reader --unit CODE --username U [--district NAME]   prints a password
    sotreem-server import-bundle FILE --reply FILE2            a USB bundle from a commune

Every command takes --database-url (default: SQLite under the user data folder; PostgreSQL as
``postgresql://user:pass@host/db``) or the SOTREEM_SERVER_DATABASE_URL environment variable,
and --key-file (default: ``bundle.key`` in the configuration folder) or SOTREEM_SERVER_KEY_FILE:
the key that opens the devices' USB bundle secrets, kept outside the database.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from server import auth, scope
from server.bundle_keys import ENV_KEY_FILE, KeyFileError, ServerKey
from server.db import default_database_url, make_engine, migrate

ENV_URL = "SOTREEM_SERVER_DATABASE_URL"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sotreem-server",
        description="Máy chủ tổng hợp của tỉnh cho Sổ Trẻ Em: nhận dữ liệu từ các xã.",
    )
    parser.add_argument("--version", action="version", version=f"Sổ Trẻ Em server {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database-url",
        help="cơ sở dữ liệu của máy chủ (mặc định: tệp SQLite trong thư mục dữ liệu; "
        "PostgreSQL: postgresql://người_dùng:mật_khẩu@máy/tên_csdl)",
    )
    common.add_argument(
        "--key-file",
        type=Path,
        help="tệp khóa mở khóa gói USB của các máy xã, để ngoài cơ sở dữ liệu (mặc định: "
        "bundle.key trong thư mục cấu hình của máy chủ)",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")

    serve = sub.add_parser("serve", parents=[common], help="chạy máy chủ đồng bộ")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--ssl-certfile", help="chứng chỉ HTTPS (PEM)")
    serve.add_argument("--ssl-keyfile", help="khóa riêng của chứng chỉ HTTPS (PEM)")
    serve.add_argument("--workers", type=int, default=1, help="số tiến trình xử lý")

    add_device = sub.add_parser("add-device", parents=[common], help="cấp token cho máy của xã")
    add_device.add_argument("--commune", required=True, help="mã xã/phường")
    add_device.add_argument("--name", default="", help="ghi chú (tên máy, người dùng)")

    sub.add_parser("list-devices", parents=[common], help="liệt kê các máy đã cấp token")
    revoke = sub.add_parser("revoke-device", parents=[common], help="thu hồi token của một máy")
    revoke.add_argument("device_id")
    reissue = sub.add_parser(
        "reissue-device", parents=[common],
        help="cấp token mới cho một máy (giữ mã máy và dữ liệu đã gửi; token cũ hết dùng được)",
    )  # fmt: skip
    reissue.add_argument("device_id")

    add_reader = sub.add_parser(
        "add-reader", parents=[common], help="tạo tài khoản xem cho tỉnh (hoặc một huyện cũ)"
    )
    add_reader.add_argument("--unit", required=True, help="mã tỉnh (hoặc mã xã)")
    add_reader.add_argument("--username", required=True)
    add_reader.add_argument(
        "--district", help="chỉ các xã của một huyện cũ, ví dụ “Huyện Bát Xát”"
    )

    bundle = sub.add_parser(
        "import-bundle", parents=[common], help="nhận gói USB của xã và ghi gói trả lời"
    )
    bundle.add_argument("file", type=Path)
    bundle.add_argument("--reply", type=Path, required=True)
    return parser


def database_url(args: argparse.Namespace) -> str:
    return args.database_url or os.environ.get(ENV_URL) or default_database_url()


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    url = database_url(args)
    key_file = args.key_file or (Path(os.environ[ENV_KEY_FILE]) if ENV_KEY_FILE in os.environ
                                 else None)  # fmt: skip
    if args.command == "serve":
        return _serve(args, url, key_file)
    if args.command == "import-bundle":
        from server import usb

        return usb.run(url, args.file, args.reply, key_file)
    engine = make_engine(url)
    migrate(engine)
    try:
        with engine.begin() as conn:
            return _admin(args, conn, key_file)
    except (scope.UnknownUnit, KeyFileError) as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        engine.dispose()


def _admin(args: argparse.Namespace, conn, key_file: Path | None) -> int:
    if args.command == "add-device":
        token = auth.add_device(conn, args.commune, args.name, ServerKey.load_or_create(key_file))
        print(token)
        print(
            "Nhập token này vào trang Đồng bộ của máy xã; máy chủ không lưu lại token.",
            file=sys.stderr,
        )
        return 0
    if args.command == "list-devices":
        for d in auth.list_devices(conn):
            state = "đã thu hồi" if d["revoked"] else "đang dùng"
            print(f"{d['id']}  xã {d['commune_code']}  {state}  đã nhận đến #{d['acked_seq']}"
                  f"  {d['name']}")  # fmt: skip
        return 0
    if args.command == "revoke-device":
        if not auth.revoke_device(conn, args.device_id):
            print(f"Không có máy {args.device_id}.", file=sys.stderr)
            return 2
        print(f"Đã thu hồi token của máy {args.device_id}.")
        return 0
    if args.command == "reissue-device":
        reissued = auth.reissue_device(conn, args.device_id, ServerKey.load_or_create(key_file))
        if reissued is None:
            print(f"Không có máy {args.device_id} (hoặc máy đã bị thu hồi token).", file=sys.stderr)
            return 2
        print(reissued)
        print(
            "Token mới thay token cũ (token cũ không dùng được nữa): nhập vào trang Đồng bộ của "
            "máy xã. Máy giữ nguyên mã máy và những gì đã gửi.",
            file=sys.stderr,
        )
        return 0
    if args.command == "add-reader":
        password = auth.add_reader(conn, args.username, args.unit, args.district)
        print(password)
        print(f"Mật khẩu của tài khoản {args.username}: chỉ hiện một lần.", file=sys.stderr)
        return 0
    raise AssertionError(args.command)


def _serve(args: argparse.Namespace, url: str, key_file: Path | None) -> int:
    import uvicorn

    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        print("Cần cả --ssl-certfile và --ssl-keyfile để chạy HTTPS.", file=sys.stderr)
        return 2
    try:
        key = ServerKey.load_or_create(key_file)  # made once here, not by several workers
    except KeyFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    engine = make_engine(url)  # migrate once here, not in several workers at the same time
    migrate(engine)
    engine.dispose()
    os.environ[ENV_URL] = url  # the factory below reads these, in every worker
    os.environ[ENV_KEY_FILE] = str(key.path)
    uvicorn.run(
        "server.cli:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        proxy_headers=True,
        log_level="info",
    )
    return 0


def app_from_environment():
    from server.app import create_app

    key_file = os.environ.get(ENV_KEY_FILE)
    return create_app(
        os.environ.get(ENV_URL) or default_database_url(), key_file=Path(key_file) if key_file
        else None,
    )  # fmt: skip
