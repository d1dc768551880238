"""The `sotreem` command line: the GUI by default, subcommands for headless work.

Every subcommand goes through the same `Register` façade as the GUI.
"""

from __future__ import annotations

import argparse
import errno
import gc
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__, config

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
    (r"^argument (\S+): ", r"tham số \1: "),
)


class _Parser(argparse.ArgumentParser):
    """Argument errors in Vietnamese, with the usage line, exit status 2 and no traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
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
    _password_options(report)
    report.add_argument(
        "--area",
        action="store_true",
        help="CSDL huyện/tỉnh: số liệu toàn vùng và từng xã (JSON) hoặc toàn vùng (Excel)",
    )

    sync = sub.add_parser(
        "sync",
        help="đồng bộ với máy chủ huyện/tỉnh (qua mạng hoặc gói USB)",
        description="Gửi các thay đổi chưa gửi lên máy chủ rồi nhận dữ liệu mới về. Địa chỉ máy "
        "chủ và token được nhớ sau lần đầu thành công (trong CSDL).",
    )
    sync.add_argument("--server", metavar="URL", help="địa chỉ máy chủ, ví dụ https://…")
    sync.add_argument("--token", metavar="TOKEN", help="token của máy (do máy chủ cấp)")
    sync.add_argument("--test", action="store_true", help="chỉ thử kết nối")
    sync.add_argument("--bundle-out", type=Path, metavar="TỆP", help="ghi gói USB gửi máy chủ")
    sync.add_argument("--bundle-in", type=Path, metavar="TỆP", help="nhập gói trả lời của máy chủ")
    sync.add_argument(
        "--reader", metavar="TÊN", help="đăng nhập tài khoản huyện/tỉnh (CSDL chỉ để xem)"
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
    imp.add_argument("--problems", type=Path, metavar="LOI.xlsx", help="ghi danh sách lỗi ra tệp")

    back = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu (mặc định vào thư mục backups)")
    back.add_argument("-o", "--output", type=Path, metavar="TỆP.db")

    restore = sub.add_parser("restore", help="khôi phục từ một bản sao lưu")
    restore.add_argument("file", type=Path, metavar="TỆP.db")
    restore.add_argument("--yes", action="store_true", help="khôi phục thật (không chỉ xem)")

    export = sub.add_parser("export", help="xuất Excel (sổ trẻ em xuất được cả PDF để in)")
    export.add_argument("what", choices=["register", "activities", "trainings", "all"])
    export.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP.xlsx")
    _password_options(export)

    audit = sub.add_parser("audit", help="xem hoặc xuất nhật ký truy cập")
    audit.add_argument("--since", metavar="NGÀY", help="từ ngày (dd/mm/yyyy)")
    audit.add_argument("--until", metavar="NGÀY", help="đến ngày (dd/mm/yyyy)")
    audit.add_argument("--by", metavar="TÊN", help="chỉ của người dùng này")
    audit.add_argument("--action", metavar="THAO_TÁC", help="viewed, created, changed, exported…")
    audit.add_argument("--search", default="", metavar="CHỮ", help="tìm theo tên trẻ, nội dung")
    audit.add_argument("--export", type=Path, metavar="TỆP.xlsx", help="xuất ra tệp Excel")
    _password_options(audit)
    return parser


def _password_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--password", action="store_true", help="đặt mật khẩu cho tệp Excel (hỏi khi chạy)"
    )
    group.add_argument(
        "--password-file", type=Path, metavar="TỆP", help="đặt mật khẩu đọc từ dòng đầu của TỆP"
    )


class _PasswordUnavailable(Exception):
    pass


def _file_password(args: argparse.Namespace) -> str | None:
    """The password asked for by --password (typed twice) or --password-file; else None."""
    if getattr(args, "password_file", None):
        try:
            lines = args.password_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise _PasswordUnavailable(f"không đọc được {args.password_file}: {exc}") from exc
        return lines[0] if lines else ""
    if getattr(args, "password", False):
        import getpass

        first = getpass.getpass("Mật khẩu cho tệp: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != first:
            raise _PasswordUnavailable("hai lần nhập mật khẩu không khớp.")
        return first
    return None


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Vietnamese on a Windows console
    args = _parser().parse_args(argv)
    db_path = args.db or config.default_db_path()
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


def _quiet_unraisable(unraisable) -> None:
    if os.environ.get("SOTREEM_DEBUG"):
        sys.__unraisablehook__(unraisable)


def _run(args: argparse.Namespace, db_path: Path) -> int:
    """One subcommand; every failure the officer can meet ends as a message and an exit code."""
    from sqlalchemy.exc import DBAPIError  # not needed for the GUI's start

    from desktop.db.errors import DiskFull, is_disk_full, sqlite_errors
    from desktop.domain.validation import ValidationError
    from desktop.reports.protect import PasswordError

    for option, attr in (("-o/--output", "output"), ("--problems", "problems")):
        path = getattr(args, attr, None)
        if path is not None and (problem := _output_problem(path, args.command == "backup")):
            print(f"Lỗi: {option}: {problem}", file=sys.stderr)
            return 2
    try:
        return _COMMANDS[args.command](args, db_path)
    except (_PasswordUnavailable, PasswordError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        for problem in exc.problems:
            print(f"Lỗi: {problem}", file=sys.stderr)
        return 2
    except DiskFull as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 3
    except RuntimeError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        if is_disk_full(exc):
            print(f"Lỗi: {DiskFull(exc.filename or '')}", file=sys.stderr)
            return 3
        print(f"Lỗi: {_os_problem(exc)}", file=sys.stderr)
        return 2
    except (DBAPIError, *sqlite_errors()) as exc:
        if is_disk_full(exc, db_path):
            print(f"Lỗi: {DiskFull(str(db_path))}", file=sys.stderr)
            return 3
        print(
            f"Lỗi: không mở được tệp dữ liệu “{db_path}”: không phải tệp Sổ Trẻ Em, đang bị "
            "khóa hoặc đã hỏng (xem “sotreem check”, khôi phục bằng “sotreem restore”).",
            file=sys.stderr,
        )
        return 2


_OS_REASONS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền đọc/ghi",
    errno.EPERM: "không có quyền đọc/ghi",
    errno.EISDIR: "đây là một thư mục, cần một tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EEXIST: "tệp đã có",
}


def _output_problem(path: Path, may_create_folder: bool = False) -> str | None:
    """Why a file cannot be written at `path`, checked before any work starts; None if it can."""
    if path.is_dir():
        return f"“{path}” là một thư mục; hãy ghi cả tên tệp."
    folder = path.parent
    while may_create_folder and not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.exists():
        return f"thư mục “{folder}” không có."
    if not folder.is_dir():
        return f"“{folder}” không phải là thư mục."
    if not os.access(folder, os.W_OK):
        return f"không có quyền ghi vào thư mục “{folder}”."
    return None


def _os_problem(exc: OSError) -> str:
    """A file-system failure worded for the officer, naming the path."""
    reason = _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    where = exc.filename if exc.filename is not None else ""
    return f"“{where}”: {reason}." if where else f"{reason}."


def _password(prompt: str) -> str:
    """The password from SOTREEM_PASSWORD (scripts) or typed without echo."""
    import getpass
    import os

    from_env = os.environ.get("SOTREEM_PASSWORD")
    return from_env if from_env is not None else getpass.getpass(prompt)


def _new_password(args: argparse.Namespace, env: str = "SOTREEM_PASSWORD") -> str:
    """A new password: --password-file, the environment, or typed twice."""
    import getpass
    import os

    if getattr(args, "password_file", None):
        lines = args.password_file.read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    if os.environ.get(env) is not None:
        return os.environ[env]
    first = getpass.getpass("Mật khẩu mới: ")
    if getpass.getpass("Nhập lại mật khẩu mới: ") != first:
        raise RuntimeError("Hai lần nhập mật khẩu không giống nhau.")
    return first


def _login_name(args: argparse.Namespace, db_path: Path) -> str:
    from desktop.db import vault

    if args.user:
        return args.user
    every = vault.accounts(db_path)
    officers = [a for a in every if a.role == "officer"]
    if officers:
        return officers[0].username
    if len(every) == 1:  # a district/province copy has its reader's account only
        return every[0].username
    raise RuntimeError("Chưa có tài khoản nào: dùng --user TÊN.")


def _key(args: argparse.Namespace, db_path: Path) -> bytes | None:
    """The data key of an encrypted register (asks for the password); None for a plain one."""
    from desktop.db import vault

    if not vault.is_encrypted(db_path):
        return None
    user = _login_name(args, db_path)
    return vault.unlock(db_path, user, _password(f"Mật khẩu của {user}: "))


def _open(db_path: Path, args: argparse.Namespace | None = None):
    """Open the register; an encrypted one as the account of --user, with its password."""
    from desktop.db import vault
    from desktop.db.register import Register

    if args is None or not vault.is_encrypted(db_path):
        return Register.open(db_path)  # a plain file: older version or throw-away database
    user = _login_name(args, db_path)
    return vault.login(db_path, user, _password(f"Mật khẩu của {user}: "))


def _print_recovery_code(code: str) -> None:
    print(
        "MÃ KHÔI PHỤC (chỉ hiện một lần — in hoặc chép ra giấy, cất trong tủ khóa của cơ quan; "
        f"dùng khi quên mật khẩu cán bộ):\n    {code}"
    )


def _cmd_init(args: argparse.Namespace, db_path: Path) -> int:
    from desktop import reference
    from desktop.db import vault

    unit = reference.unit(args.commune)
    if unit is None or unit.level != "commune":
        print(f"Lỗi: Mã xã: mã “{args.commune}” không phải mã xã/phường hợp lệ.", file=sys.stderr)
        return 2
    code = None
    if vault.is_encrypted(db_path) or vault.accounts(db_path):
        register = _open(db_path, args)
        if register.commune_code != args.commune:
            register.init_commune(args.commune)
    else:
        from desktop.db.accounts import MIN_PASSWORD_LENGTH

        password = _new_password(args)
        if len(password) < MIN_PASSWORD_LENGTH:
            print(f"Lỗi: mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.", file=sys.stderr)
            return 2
        register, code = vault.setup(
            db_path, args.commune, args.officer, args.full_name, password
        )
    with register:
        for name in args.village:
            register.add_village(name)
        province = reference.unit(unit.parent_code or "")
        print(f"Đã thiết lập {unit.name}, {province.name if province else ''} — {db_path}")
    if code:
        print(f"Tài khoản cán bộ: {args.officer.strip().lower()}. Dữ liệu được mã hóa.")
        _print_recovery_code(code)
    return 0


def _cmd_recover(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.db import vault

    officer = args.officer or _login_name(args, db_path)
    code = vault.recover(db_path, args.code, officer, _new_password(args, "SOTREEM_NEW_PASSWORD"))
    print(f"Đã đặt mật khẩu mới cho cán bộ {officer}. Mã khôi phục cũ không dùng được nữa.")
    _print_recovery_code(code)
    return 0


def _cmd_passwd(args: argparse.Namespace, db_path: Path) -> int:
    with _open(db_path, args) as register:
        target = (args.target or register.user).strip().lower()
        register.set_password(target, _new_password(args, "SOTREEM_NEW_PASSWORD"))
    print(f"Đã đổi mật khẩu của {target}.")
    return 0


def _cmd_demo(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.demo import DEMO_ACCOUNT, DEMO_COMMUNE, DEMO_PASSWORD, fill_demo

    if args.children < 0:
        print("Lỗi: --children phải ≥ 0.", file=sys.stderr)
        return 2
    from desktop.db import vault

    code = None
    if db_path.exists() and db_path.stat().st_size:
        register = _open(db_path, args)
    else:  # a new demo register is encrypted like a real one, with the demo account
        register, code = vault.setup(
            db_path, args.commune or DEMO_COMMUNE, *DEMO_ACCOUNT, DEMO_PASSWORD
        )
        print(f"Tài khoản mẫu: {DEMO_ACCOUNT[0]} / mật khẩu {DEMO_PASSWORD}")
    with register:
        if not register.commune_code:
            register.init_commune(args.commune or DEMO_COMMUNE)
        elif args.commune and args.commune != register.commune_code:
            print(f"Lỗi: CSDL đã thuộc xã {register.commune_code}.", file=sys.stderr)
            return 2
        if register.child_count():
            print(
                "Lỗi: cơ sở dữ liệu này đã có trẻ em; dữ liệu mẫu chỉ tạo vào tệp mới "
                "(dùng --db TỆP_MỚI).",
                file=sys.stderr,
            )
            return 2
        fill_demo(register, args.children, seed=args.seed)
        print(f"Đã tạo {args.children} trẻ em mẫu cho {register.commune_name} — {db_path}")
        if not register.users():
            register.create_user(*DEMO_ACCOUNT, "officer", DEMO_PASSWORD)
            print(f"Tài khoản mẫu: {DEMO_ACCOUNT[0]} / mật khẩu {DEMO_PASSWORD}")
    if code:
        _print_recovery_code(code)
    return 0


def _cmd_find(args: argparse.Namespace, db_path: Path) -> int:
    from desktop import reference
    from desktop.domain import categories as cat

    with _open(db_path, args) as register:
        rows = register.find(" ".join(args.text), limit=args.limit)
    groups = reference.ethnic_groups()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "full_name": r.full_name,
                        "sex": r.sex,
                        "birth": r.birth.display(),
                        "ethnic_code": r.ethnic_code,
                        "village": r.village,
                        "caregiver_name": r.caregiver_name,
                        "personal_id": r.personal_id,
                        "status": r.status,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    if not rows:
        print("Không tìm thấy trẻ em nào.")
        return 0
    for r in rows:
        ethnic = groups[r.ethnic_code].name if r.ethnic_code in groups else ""
        print(
            f"{r.full_name:<28} {cat.label(cat.SEXES, r.sex):<4} {r.birth.display():<10} "
            f"{ethnic:<8} {r.village:<16} {r.caregiver_name}"
        )
    return 0


def _cmd_check(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.db.integrity import check_register

    if not db_path.exists():
        print(f"Lỗi: không có tệp {db_path}.", file=sys.stderr)
        return 2
    with _open(db_path, args) as register:
        problems = check_register(register)
        count = register.child_count() if register.commune_code else 0
    for problem in problems:
        print(f"LỖI: {problem}")
    if problems:
        return 1
    print(f"Dữ liệu toàn vẹn: {count} trẻ em, không phát hiện lỗi.")
    return 0


def _cmd_report(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.domain.periods import PeriodError
    from desktop.reports import service

    try:
        period = service.period_for(args.kind, args.period)
    except PeriodError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    password = _file_password(args)
    with _open(db_path, args) as register:
        if args.area:
            from desktop.reports import area

            if args.format == "pdf":
                print("Lỗi: báo cáo toàn vùng xuất JSON hoặc Excel (--format).", file=sys.stderr)
                return 2
            if not register.area_codes():
                print(
                    "Lỗi: CSDL chưa có dữ liệu xã nào: chạy “sotreem sync” trước.", file=sys.stderr
                )
                return 2
            tallies = area.write_area_report(register, period, args.format, args.output)
            print(
                f"Đã ghi báo cáo {period.label} của {area.area_name(register)} "
                f"({len(tallies['communes'])} xã): {args.output}"
            )
            return 0
        register.require_commune()
        service.write_report(register, args.kind, period, args.format, args.output, password)
    print(f"Đã ghi báo cáo {period.label}: {args.output}")
    return 0


def _cmd_sync(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.sync import commands

    return commands.run(args, db_path, lambda: _open(db_path, args))


def _cmd_import(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.domain import categories as cat
    from desktop.reports import excel_import

    mapping = {}
    for item in args.map:
        text, _, code = item.rpartition("=")
        if not text or code not in cat.SPECIAL_GROUP_CODES:
            print(f"Lỗi: --map “{item}”: cần dạng “chữ trong tệp=mã nhóm a…o”.", file=sys.stderr)
            return 2
        mapping[text.strip()] = code
    if not args.file.exists():
        print(f"Lỗi: không có tệp {args.file}.", file=sys.stderr)
        return 2
    with _open(db_path, args) as register:
        register.require_commune()
        try:
            plan = excel_import.read_plan(register, args.file, mapping)
        except excel_import.ImportFileError as exc:
            print(f"Lỗi: {exc}", file=sys.stderr)
            return 2
        if args.problems:
            from desktop.reports import service

            service.export_import_problems(register, plan, args.problems)
        _print_plan(plan, as_json=args.json)
        if args.dry_run:
            return 1 if plan.problems else 0
        try:
            added = excel_import.commit(register, plan, skip_invalid=args.skip_invalid)
        except excel_import.ImportFileError as exc:
            print(f"Lỗi: {exc} Không có dòng nào được ghi.", file=sys.stderr)
            return 1
    if not args.json:
        print(f"Đã nhập {added} trẻ em.")
    return 0


def _print_plan(plan, *, as_json: bool) -> None:
    from desktop.domain import categories as cat

    if as_json:
        print(
            json.dumps(
                {
                    "file": plan.path.name,
                    "sheet": plan.sheet,
                    "columns": plan.columns,
                    "rows": len(plan.rows),
                    "valid_rows": len(plan.valid_rows),
                    "groups": plan.group_texts,
                    "new_villages": plan.new_villages,
                    "problems": [{"row": row, "problem": p} for row, p in plan.problems],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    print(
        f"Tệp {plan.path.name}, trang “{plan.sheet}”: {len(plan.rows)} dòng, "
        f"{len(plan.valid_rows)} dòng hợp lệ."
    )
    print("Ghép hoàn cảnh với nhóm luật (sửa bằng --map “chữ=mã”):")
    for text, code in plan.group_texts.items():
        shown = f"{code} – {cat.label(cat.SPECIAL_GROUPS, code)}" if code else "CHƯA XÁC ĐỊNH"
        print(f"  “{text}” → {shown}")
    if plan.new_villages:
        print("Thôn/bản mới sẽ được thêm: " + ", ".join(plan.new_villages))
    for row, problem in plan.problems:
        print(f"  Dòng {row}: {problem}")


def _describe(info) -> str:
    return (
        f"{info.path} — lúc {info.made_at:%H:%M %d/%m/%Y}, xã {info.commune_code or '?'}, "
        f"{info.children} trẻ em, {info.cases} vụ việc, {info.unsent_changes} thay đổi chưa gửi"
    )


def _cmd_backup(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.db import backup

    if not db_path.exists():
        print(f"Lỗi: không có tệp {db_path}.", file=sys.stderr)
        return 2
    key = _key(args, db_path)
    try:
        if args.output:
            info = backup.backup(db_path, args.output, key)
        else:
            info = backup.automatic(db_path, backup.folder_for(db_path), key=key)
    except backup.BackupDiskFull:
        raise  # said like every full disk, exit status 3
    except backup.BackupError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    print(f"Đã sao lưu: {_describe(info)}")
    return 0


def _cmd_restore(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.db import backup, vault

    # The current key file opens the data key; on a new PC, the one copied with the backup.
    keys_of = db_path if vault.is_encrypted(db_path) or not args.file.exists() else args.file
    key = _key(args, keys_of)
    try:
        info = backup.describe(args.file, key)
        current = backup.describe(db_path, key) if db_path.exists() else None
    except backup.BackupDiskFull:
        raise  # said like every full disk, exit status 3
    except backup.BackupError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    print(f"Bản sao lưu: {_describe(info)}")
    if current is not None:
        print(f"Dữ liệu hiện tại: {_describe(current)}")
        if current.unsent_changes:
            print(
                f"CẢNH BÁO: dữ liệu hiện tại có {current.unsent_changes} thay đổi chưa gửi lên "
                "máy chủ; khôi phục sẽ thay chúng bằng bản sao lưu (một bản sao của dữ liệu hiện "
                "tại vẫn được giữ lại)."
            )
    if not args.yes:
        print("Chưa khôi phục. Chạy lại với --yes để khôi phục.")
        return 1
    safety = backup.restore(args.file, db_path, backup.folder_for(db_path), key)
    with _open(db_path, args) as register:
        register.record_event("restored", "database", label=args.file.name, detail=_describe(info))
    print("Đã khôi phục." + (f" Dữ liệu cũ được giữ tại {safety}." if safety else ""))
    return 0


def _cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.reports import service

    suffix = args.output.suffix.lower()
    if suffix != ".xlsx" and not (suffix == ".pdf" and args.what == "register"):
        print("Lỗi: tệp xuất phải có đuôi .xlsx (sổ trẻ em: .xlsx hoặc .pdf).", file=sys.stderr)
        return 2
    password = _file_password(args)
    with _open(db_path, args) as register:
        register.require_commune()
        count = service.export(
            register,
            args.what,
            args.output,
            lambda f, m: print(f"{f:4.0%} {m}", file=sys.stderr),
            password,
        )
    print(f"Đã xuất {count} dòng: {args.output}" + (" (có mật khẩu)" if password else ""))
    return 0


def _cmd_audit(args: argparse.Namespace, db_path: Path) -> int:
    from datetime import date

    from desktop.db.audit import AuditFilter
    from desktop.domain import audit as vocab
    from desktop.domain import categories as cat
    from desktop.domain.dates import DateTextError
    from desktop.domain.programme import parse_day
    from desktop.reports import service

    if args.action and args.action not in cat.codes(vocab.ACTIONS):
        codes = ", ".join(c.code for c in vocab.ACTIONS)
        print(f"Lỗi: --action “{args.action}” không có; dùng một trong: {codes}.", file=sys.stderr)
        return 2
    days = {}
    for name in ("since", "until"):
        text = getattr(args, name)
        try:
            days[name] = parse_day(text, today=date.today()) if text else None
        except DateTextError as exc:
            print(f"Lỗi: --{name}: {exc}.", file=sys.stderr)
            return 2
    if args.export and args.export.suffix.lower() != ".xlsx":
        print("Lỗi: tệp xuất phải có đuôi .xlsx.", file=sys.stderr)
        return 2
    if not db_path.exists():
        print(f"Lỗi: không có tệp {db_path}.", file=sys.stderr)
        return 2
    flt = AuditFilter(args.by, args.action, days["since"], days["until"], args.search)
    password = _file_password(args)
    with _open(db_path, args) as register:
        if args.export:
            count = service.export_audit(register, flt, args.export, password=password)
            print(f"Đã xuất {count} dòng nhật ký: {args.export}")
            return 0
        rows = list(register.audit_entries(flt))
        for r in rows:
            print(
                f"{r.local_time}  {r.username:<12} {cat.label(vocab.ACTIONS, r.action):<12} "
                f"{cat.label(vocab.ENTITIES, r.entity):<20} {r.label}"
                + (f" — {r.detail}" if r.detail else "")
            )
        print(f"{len(rows)} dòng nhật ký.")
    return 0


_COMMANDS = {
    "init": _cmd_init,
    "demo": _cmd_demo,
    "find": _cmd_find,
    "check": _cmd_check,
    "report": _cmd_report,
    "import": _cmd_import,
    "backup": _cmd_backup,
    "recover": _cmd_recover,
    "passwd": _cmd_passwd,
    "restore": _cmd_restore,
    "export": _cmd_export,
    "audit": _cmd_audit,
    "sync": _cmd_sync,
}
