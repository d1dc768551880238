"""`sotreem`: the argument wiring and the dispatch to one command module.

The parser knows every subcommand's arguments (so `--help` lists them all) but imports none of
them: `main` loads `desktop.cli.commands.<name>` for the chosen one only. Without a subcommand
the GUI starts, and nothing of the command line's work is loaded.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from desktop import __version__, config, privacy
from desktop.cli import errors

# The module of each subcommand in `desktop.cli.commands` (`import` is a Python keyword).
COMMANDS = {
    "init": "init",
    "recover": "recover",
    "passwd": "passwd",
    "demo": "demo",
    "find": "find",
    "check": "check",
    "report": "report",
    "sync": "sync",
    "import": "import_xlsx",
    "backup": "backup",
    "restore": "restore",
    "export": "export",
    "audit": "audit",
    "accounts": "accounts",
}

# argparse speaks English; its few error sentences are said again in Vietnamese.
_ARGPARSE_VI = (
    (r"invalid choice: '?(.*?)'? \(choose from (.*)\)", r"“\1” không hợp lệ (chọn một trong: \2)"),
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu tham số: \1"),
    (r"invalid int value: '(.*)'", r"“\1” không phải là số nguyên"),
    (r"invalid (\w+) value: '(.*)'", r"“\2” không hợp lệ"),
    (r"expected one argument", r"cần một giá trị"),
    (r"expected at least one argument", r"cần ít nhất một giá trị"),
    (r"ambiguous option: (\S+) could match (.*)", r"tùy chọn \1 không rõ (có thể là \2)"),
    (r"not allowed with argument (\S+)", r"không dùng cùng với \1"),
    (r"^argument (\S+): ", r"tham số \1: "),
)


class _Parser(argparse.ArgumentParser):
    """Argument errors in Vietnamese, with the usage line, exit status 2 and no traceback."""

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_VI:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sotreem",
        description="Sổ Trẻ Em — sổ theo dõi trẻ em có hoàn cảnh đặc biệt cấp xã.",
    )
    parser.add_argument("--version", action="version", version=f"Sổ Trẻ Em {__version__}")
    parser.add_argument(
        "--db", type=Path, default=None, help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu)"
    )
    parser.add_argument(
        "--user",
        metavar="TÊN",
        help="tài khoản đăng nhập (mặc định: cán bộ phụ trách); mật khẩu được hỏi, hoặc lấy từ "
        "biến môi trường SOTREEM_PASSWORD khi chạy bằng script",
    )
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="chụp ảnh từng trang vào DIR rồi thoát"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="tự kiểm tra cài đặt trên một CSDL tạm (không động vào dữ liệu thật)",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")

    init = sub.add_parser("init", help="thiết lập cho một xã")
    init.add_argument("--commune", required=True, metavar="MÃ", help="mã xã/phường chính thức")
    init.add_argument("--village", action="append", default=[], help="thêm thôn/bản (lặp lại)")
    init.add_argument("--officer", default="canbo", metavar="TÊN", help="tên đăng nhập cán bộ")
    init.add_argument("--full-name", default="Cán bộ phụ trách", metavar="HỌ_TÊN")
    init.add_argument(
        "--password-file", type=Path, metavar="TỆP", help="đọc mật khẩu cán bộ từ dòng đầu tệp"
    )

    recover = sub.add_parser(
        "recover", help="quên mật khẩu cán bộ: dùng mã khôi phục để đặt mật khẩu mới"
    )
    recover.add_argument("--code", required=True, metavar="MÃ", help="mã khôi phục đã in ra")
    recover.add_argument("--officer", default=None, metavar="TÊN", help="tài khoản cán bộ")
    recover.add_argument("--password-file", type=Path, metavar="TỆP", help="mật khẩu mới")

    passwd = sub.add_parser("passwd", help="đổi mật khẩu (cán bộ: đặt lại mật khẩu người khác)")
    passwd.add_argument("--for", dest="target", metavar="TÊN", help="tài khoản cần đặt lại")
    passwd.add_argument("--password-file", type=Path, metavar="TỆP", help="mật khẩu mới")

    demo = sub.add_parser("demo", help="tạo dữ liệu mẫu (hư cấu) của một xã vùng cao")
    demo.add_argument("--children", type=int, default=500, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--commune", default=None, metavar="MÃ", help="mặc định: Xã Bản Xèo")

    find = sub.add_parser("find", help="tìm trẻ em (gõ không dấu cũng được)")
    find.add_argument("text", nargs="+")
    find.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    find.add_argument("--limit", type=int, default=50)

    sub.add_parser("check", help="kiểm tra tính toàn vẹn của dữ liệu")

    report = sub.add_parser("report", help="báo cáo tháng, 6 tháng, năm (PDF, Excel, JSON)")
    report.add_argument("kind", choices=["monthly", "semiannual", "annual"])
    report.add_argument("--period", required=True, help="2026-10, 2026-H1 hoặc 2026")
    report.add_argument("--format", choices=["pdf", "xlsx", "json"], default="pdf")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP")
    password_options(report)
    report.add_argument(
        "--area",
        action="store_true",
        help="CSDL cấp tỉnh: báo cáo toàn vùng, mỗi xã một dòng và dòng toàn vùng",
    )
    report.add_argument("--signer", metavar="HỌ_TÊN", help="họ tên người ký (được nhớ)")
    report.add_argument(
        "--signer-title", metavar="CHỨC_VỤ", help="chức vụ người ký, ví dụ “CHỦ TỊCH” (được nhớ)"
    )
    report.add_argument(
        "--signer-authority", metavar="THẨM_QUYỀN",
        help="dòng thẩm quyền ký, ví dụ “TM. ỦY BAN NHÂN DÂN” (được nhớ)",
    )  # fmt: skip

    sync = sub.add_parser(
        "sync",
        help="đồng bộ với máy chủ của tỉnh (qua mạng hoặc gói USB)",
        description="Gửi các thay đổi chưa gửi lên máy chủ rồi nhận dữ liệu mới về. Địa chỉ máy "
        "chủ và token được nhớ sau lần đầu thành công (trong CSDL).",
    )
    sync.add_argument("--server", metavar="URL", help="địa chỉ máy chủ, ví dụ https://…")
    tokens = sync.add_mutually_exclusive_group()
    tokens.add_argument(
        "--token-file", type=Path, metavar="TỆP",
        help="đọc token của máy (do máy chủ cấp) từ dòng đầu của TỆP; hoặc biến môi trường "
        "SOTREEM_TOKEN",
    )  # fmt: skip
    tokens.add_argument(
        "--token", metavar="TOKEN",
        help="token viết thẳng trên dòng lệnh (không nên: lộ trong danh sách tiến trình và lịch "
        "sử lệnh; dùng --token-file hoặc SOTREEM_TOKEN)",
    )  # fmt: skip
    sync.add_argument("--test", action="store_true", help="chỉ thử kết nối")
    sync.add_argument("--bundle-out", type=Path, metavar="TỆP", help="ghi gói USB gửi máy chủ")
    sync.add_argument("--bundle-in", type=Path, metavar="TỆP", help="nhập gói trả lời của máy chủ")
    sync.add_argument(
        "--reader", metavar="TÊN", help="đăng nhập tài khoản cấp tỉnh (CSDL chỉ để xem)"
    )
    sync.add_argument(
        "--password-stdin", action="store_true", help="đọc mật khẩu tài khoản từ dòng vào"
    )

    imp = sub.add_parser("import", help="nhập danh sách trẻ em từ tệp Excel (.xlsx)")
    imp.add_argument("file", type=Path, metavar="TỆP.xlsx")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    imp.add_argument("--json", action="store_true", help="in kết quả kiểm tra dạng JSON")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="“CHỮ=NHÓM”",
        help='ghép hoàn cảnh ghi trong tệp với nhóm luật, ví dụ --map "KT nặng=d"',
    )
    imp.add_argument("--skip-invalid", action="store_true", help="nhập các dòng đúng, bỏ dòng lỗi")
    imp.add_argument(
        "--since",
        metavar="dd/mm/yyyy",
        help="hoàn cảnh tính từ ngày này khi tệp không có cột “Từ ngày” (mặc định: hôm nay)",
    )
    imp.add_argument("--problems", type=Path, metavar="LOI.xlsx", help="ghi danh sách lỗi ra tệp")

    back = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu (mặc định vào thư mục backups)")
    back.add_argument("-o", "--output", type=Path, metavar="TỆP.db")

    restore = sub.add_parser("restore", help="khôi phục từ một bản sao lưu")
    restore.add_argument("file", type=Path, metavar="TỆP.db")
    restore.add_argument("--yes", action="store_true", help="khôi phục thật (không chỉ xem)")

    export = sub.add_parser("export", help="xuất Excel (sổ trẻ em xuất được cả PDF để in)")
    export.add_argument("what", choices=["register", "activities", "trainings", "all"])
    export.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP.xlsx")
    password_options(export)

    audit = sub.add_parser("audit", help="xem hoặc xuất nhật ký truy cập")
    audit.add_argument("--since", metavar="NGÀY", help="từ ngày (dd/mm/yyyy)")
    audit.add_argument("--until", metavar="NGÀY", help="đến ngày (dd/mm/yyyy)")
    audit.add_argument("--by", metavar="TÊN", help="chỉ của người dùng này")
    audit.add_argument("--action", metavar="THAO_TÁC", help="viewed, created, changed, exported…")
    audit.add_argument("--search", default="", metavar="CHỮ", help="tìm theo tên trẻ, nội dung")
    audit.add_argument("--export", type=Path, metavar="TỆP.xlsx", help="xuất ra tệp Excel")
    password_options(audit)

    accounts = sub.add_parser(
        "accounts",
        help="tài khoản (cán bộ phụ trách): xem, thêm, xóa, khóa, mở lại; đổi khóa mã hóa",
        description="Xóa, khóa hoặc đặt lại mật khẩu một tài khoản thì khóa mã hóa được đổi và "
        "dữ liệu được mã hóa lại: bản sao cũ của tệp khóa không mở được dữ liệu mới.",
    )
    accounts.add_argument(
        "action", nargs="?", choices=["list", "add", "remove", "disable", "enable", "rekey"]
    )
    accounts.add_argument("name", nargs="?", metavar="TÊN")
    accounts.add_argument("--role", choices=["officer", "assistant", "viewer"],
                          default="assistant", help="vai trò của tài khoản mới")  # fmt: skip
    accounts.add_argument("--full-name", metavar="HỌ_TÊN")
    accounts.add_argument(
        "--password-file", type=Path, metavar="TỆP",
        help="mật khẩu của tài khoản mới (hoặc SOTREEM_NEW_PASSWORD)",
    )  # fmt: skip
    return parser


def password_options(parser: argparse.ArgumentParser) -> None:
    """--password (asked) or --password-file for a file the command writes."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--password", action="store_true", help="đặt mật khẩu cho tệp Excel (hỏi khi chạy)"
    )
    group.add_argument(
        "--password-file", type=Path, metavar="TỆP", help="đặt mật khẩu đọc từ dòng đầu của TỆP"
    )


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Vietnamese on a Windows console
    args = _parser().parse_args(argv)
    db_path = args.db or config.default_db_path()
    if args.db is None:  # an older version left the data folder readable to all
        privacy.make_private(config.data_dir())
    if args.self_test:
        if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from desktop.ui.app import application
        from desktop.ui.selftest import run_self_test

        application()
        return run_self_test()
    if args.command is None:
        from desktop.ui.app import run_gui  # Qt is loaded only for the GUI

        return run_gui(db_path, screenshots=args.screenshots)
    hook = sys.unraisablehook
    # A write cut short (full disk, pulled USB stick) leaves half-closed files whose clean-up
    # complains when collected; the officer has been told already, without those tracebacks.
    sys.unraisablehook = _quiet_unraisable
    try:
        code = _run(args, db_path)
        gc.collect()
    finally:
        sys.unraisablehook = hook
    return code


def _quiet_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    if os.environ.get("SOTREEM_DEBUG"):
        sys.__unraisablehook__(unraisable)


def _run(args: argparse.Namespace, db_path: Path) -> int:
    """One subcommand, its output files checked before any work starts."""
    for option, attr in (("-o/--output", "output"), ("--problems", "problems")):
        path = getattr(args, attr, None)
        if path is not None and (problem := errors.output_problem(path, args.command == "backup")):
            return errors.fail(f"{option}: {problem}")
    command = importlib.import_module(f"desktop.cli.commands.{COMMANDS[args.command]}")
    return errors.guarded(command.run, args, db_path)
