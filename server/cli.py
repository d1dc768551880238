"""`sotreem-server`: the district/province hub's command line.

    sotreem-server serve [--host H] [--port P] [--ssl-certfile F --ssl-keyfile K]
    sotreem-server add-device --commune CODE [--name TEXT]     prints the device token
    sotreem-server list-devices | revoke-device DEVICE_ID
    sotreem-server add-reader --unit CODE --username U [--district NAME]   prints a password
    sotreem-server import-bundle FILE --reply FILE2            a USB bundle from a commune

Every command takes --database-url (default: SQLite under the user data folder; PostgreSQL as
``postgresql://user:pass@host/db``) or the SOTREEM_SERVER_DATABASE_URL environment variable.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from server import auth, scope
from server.db import default_database_url, make_engine, migrate

ENV_URL = "SOTREEM_SERVER_DATABASE_URL"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sotreem-server",
        description="Máy chủ tổng hợp của huyện/tỉnh cho Sổ Trẻ Em: nhận dữ liệu từ các xã.",
    )
    parser.add_argument("--version", action="version", version=f"Sổ Trẻ Em server {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database-url",
        help="cơ sở dữ liệu của máy chủ (mặc định: tệp SQLite trong thư mục dữ liệu; "
        "PostgreSQL: postgresql://người_dùng:mật_khẩu@máy/tên_csdl)",
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

    add_reader = sub.add_parser(
        "add-reader", parents=[common], help="tạo tài khoản xem cho huyện/tỉnh"
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
    if args.command == "serve":
        return _serve(args, url)
    if args.command == "import-bundle":
        from server import usb

        return usb.run(url, args.file, args.reply)
    engine = make_engine(url)
    migrate(engine)
    try:
        with engine.begin() as conn:
            return _admin(args, conn)
    except scope.UnknownUnit as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        engine.dispose()


def _admin(args: argparse.Namespace, conn) -> int:
    if args.command == "add-device":
        token = auth.add_device(conn, args.commune, args.name)
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
    if args.command == "add-reader":
        password = auth.add_reader(conn, args.username, args.unit, args.district)
        print(password)
        print(f"Mật khẩu của tài khoản {args.username}: chỉ hiện một lần.", file=sys.stderr)
        return 0
    raise AssertionError(args.command)


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        print("Cần cả --ssl-certfile và --ssl-keyfile để chạy HTTPS.", file=sys.stderr)
        return 2
    engine = make_engine(url)  # migrate once here, not in several workers at the same time
    migrate(engine)
    engine.dispose()
    os.environ[ENV_URL] = url  # the factory below reads it, in every worker
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

    return create_app(os.environ.get(ENV_URL) or default_database_url())
