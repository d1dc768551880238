"""Excel exports with a password: real Office encryption that Excel and LibreOffice ask for,
and the personal-data notice on files and printed pages that name children."""

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.db.audit import AuditFilter
from desktop.reports import protect, service
from desktop.reports.notice import PERSONAL_DATA_NOTE
from tests.conftest import TODAY, draft

# Its tests share one expensive fixture: `make test` (pytest -n) runs them on one worker.
pytestmark = pytest.mark.xdist_group("protected-export")

PASSWORD = "Mật-khẩu-2026"
TOOLS = Path(__file__).parent / "tools"


@pytest.fixture
def two_children(register):
    for name in ("Đặng Thị Mai", "Vàng A Dính"):
        register.add_child(draft(register, name), today=TODAY)
    return register


def values(book) -> list[list]:
    return [[c.value for c in row] for ws in book.worksheets for row in ws.iter_rows()]


def test_a_protected_register_opens_only_with_its_password(two_children, tmp_path):
    plain, locked = tmp_path / "plain.xlsx", tmp_path / "locked.xlsx"
    service.export_register(two_children, plain)
    service.export_register(two_children, locked, password=PASSWORD)
    assert protect.is_encrypted(locked) and not protect.is_encrypted(plain)
    assert not zipfile.is_zipfile(locked)
    with pytest.raises(zipfile.BadZipFile):  # openpyxl sees no workbook at all
        load_workbook(locked)
    opened = load_workbook(io.BytesIO(protect.decrypt_bytes(locked, PASSWORD)))
    assert values(opened) == values(load_workbook(plain))
    with pytest.raises(protect.PasswordError, match="Sai mật khẩu"):
        protect.decrypt_bytes(locked, "mat-khau-sai")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_a_too_short_password_writes_nothing(two_children, tmp_path):
    target = tmp_path / "so.xlsx"
    with pytest.raises(protect.PasswordError, match="ít nhất 6 ký tự"):
        service.export_register(two_children, target, password="123")
    assert not target.exists()
    assert next(iter(two_children.audit_entries())).action == "created"  # no export recorded


def test_the_report_and_combined_exports_take_a_password_too(two_children, tmp_path):
    period = service.period_for("monthly", "2026-10")
    service.write_report(two_children, "monthly", period, "xlsx", tmp_path / "bc.xlsx", PASSWORD)
    service.export(two_children, "all", tmp_path / "all.xlsx", password=PASSWORD)
    for name in ("bc.xlsx", "all.xlsx"):
        book = load_workbook(io.BytesIO(protect.decrypt_bytes(tmp_path / name, PASSWORD)))
        assert book.worksheets
    with pytest.raises(protect.PasswordError, match="Chỉ tệp Excel"):
        service.write_report(two_children, "monthly", period, "pdf", tmp_path / "x.pdf", PASSWORD)
    assert not (tmp_path / "x.pdf").exists()


def test_excel_files_that_name_children_carry_the_notice_and_the_tally_need_not(
    two_children, tmp_path
):
    service.export_register(two_children, tmp_path / "so.xlsx")
    service.export(two_children, "all", tmp_path / "all.xlsx")
    service.export_audit(two_children, AuditFilter(), tmp_path / "nk.xlsx")
    service.write_report(
        two_children, "monthly", service.period_for("monthly", "2026-10"), "xlsx",
        tmp_path / "bc.xlsx",
    )  # fmt: skip
    for name, sheet in (("so.xlsx", "Trẻ em"), ("all.xlsx", "Trẻ em"),
                        ("nk.xlsx", "Nhật ký truy cập")):  # fmt: skip
        ws = load_workbook(tmp_path / name)[sheet]
        block = [ws.cell(r, 1).value or "" for r in range(1, 4)]
        assert any(PERSONAL_DATA_NOTE in line for line in block), name
    tally = load_workbook(tmp_path / "bc.xlsx")
    assert not any(PERSONAL_DATA_NOTE in str(v) for row in values(tally) for v in row)


def test_the_printable_register_carries_the_notice_on_every_page(register, tmp_path):
    with register.batch():
        for i in range(70):  # enough for three pages
            register.add_child(draft(register, f"Lò Văn Số {i:02d}"), today=TODAY)
    pdf = tmp_path / "danh-sach.pdf"
    assert service.export_register(register, pdf) == 70
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    for page in pages:
        assert " ".join(PERSONAL_DATA_NOTE.split()) in " ".join(page.split())
    assert "Lò Văn Số 00" in pages[0]


def test_the_monthly_report_pdf_has_no_personal_data_line(two_children, tmp_path):
    pdf = tmp_path / "bc.pdf"
    service.write_report(
        two_children, "monthly", service.period_for("monthly", "2026-10"), "pdf", pdf
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "BÁO CÁO" in text and "thông tin cá nhân của trẻ em" not in text


def test_command_line_export_with_a_password_file(tmp_path):
    db, secret = tmp_path / "xa.db", tmp_path / "matkhau.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args],
                              capture_output=True, text=True)  # fmt: skip

    assert run("demo", "--children", "30").returncode == 0
    out = tmp_path / "so.xlsx"
    done = run("export", "register", "-o", str(out), "--password-file", str(secret))
    assert done.returncode == 0 and "có mật khẩu" in done.stdout
    book = load_workbook(io.BytesIO(protect.decrypt_bytes(out, PASSWORD)))
    assert book["Trẻ em"].max_row == 4 + 30
    short = tmp_path / "ngan.txt"
    short.write_text("123", encoding="utf-8")
    refused = run("export", "register", "-o", str(tmp_path / "b.xlsx"), "--password-file",
                  str(short))  # fmt: skip
    assert refused.returncode == 2 and "ít nhất 6 ký tự" in refused.stderr
    assert not (tmp_path / "b.xlsx").exists()
    listed = run("audit", "--action", "exported")
    assert listed.returncode == 0 and "so.xlsx; 30 trẻ em; có mật khẩu" in listed.stdout


def _libreoffice_with_uno() -> bool:
    if not shutil.which("soffice") or not Path("/usr/bin/python3").exists():
        return False
    probe = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _libreoffice_with_uno(), reason="LibreOffice with python3-uno not here")
def test_libreoffice_opens_the_protected_file_only_with_the_password(two_children, tmp_path):
    locked = tmp_path / "so.xlsx"
    service.export_register(two_children, locked, password=PASSWORD)

    def libreoffice(*password: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["/usr/bin/python3", str(TOOLS / "lo_read.py"), str(locked), *password],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip

    assert libreoffice().returncode == 3
    assert libreoffice("mat-khau-sai").returncode == 3
    opened = libreoffice(PASSWORD)
    assert opened.returncode == 0, opened.stderr
    assert "Đặng Thị Mai" in opened.stdout and "Vàng A Dính" in opened.stdout


# ---- no plaintext byte of a protected workbook ever reaches a disk -------------------------

ROOT = Path(__file__).parents[1]
DRIVER = Path(__file__).with_name("resilience_driver.py")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WATCH = """
import json, os, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2]
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        ):
            opened.append(os.path.abspath(os.fsdecode(args[0])))
sys.addaudithook(hook)
from desktop.cli import main
code = main(sys.argv[1:])
print("OPENED-FOR-WRITING " + json.dumps(opened))
sys.exit(code)
"""


@pytest.fixture(scope="module")
def crowded(tmp_path_factory) -> Path:
    """A commune of 3,000 children: its export takes long enough to be cut in the middle."""
    from desktop.db.register import Register

    db = tmp_path_factory.mktemp("crowded") / "xa.db"
    register = Register.open(db)
    register.init_commune("02725")
    register.add_village("Sín Chải")
    register.close()
    assert subprocess.run([sys.executable, str(DRIVER), "fill", str(db), "3000"], cwd=ROOT,
                          capture_output=True).returncode == 0  # fmt: skip
    return db


def export_command(db: Path, out: Path, secret: Path) -> list[str]:
    return ["--db", str(db), "export", "register", "-o", str(out / "so.xlsx"),
            "--password-file", str(secret)]  # fmt: skip


def no_plaintext(folder: Path) -> list[str]:
    """The files under `folder`, each checked: nothing of a workbook in the clear."""
    from tests.resilience_driver import name

    seen = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            assert b"PK\x03\x04" not in data and b"<sheetData" not in data, path
            assert name(7).encode() not in data and PERSONAL_DATA_NOTE.encode() not in data, path
            assert data == b"" or data.startswith(OLE2), path
            seen.append(path.name)
    return seen


def test_a_protected_export_writes_no_file_but_its_target_and_that_only_encrypted(
    crowded, tmp_path
):
    """Every file the export opens for writing, as Python's audit hook sees it: the temporary
    file beside the target (written once, encrypted) and nothing in the temporary folder."""
    out, temp = tmp_path / "usb", tmp_path / "tam"
    out.mkdir()
    temp.mkdir()
    secret = tmp_path / "mk.txt"
    secret.write_text(PASSWORD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", WATCH, *export_command(crowded, out, secret)], cwd=ROOT,
        capture_output=True, text=True, env={**os.environ, "TMPDIR": str(temp)}, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("OPENED-FOR-WRITING "))
    opened = set(json.loads(line.removeprefix("OPENED-FOR-WRITING ")))
    assert opened == {str(out / ".so.xlsx.partial")}, opened
    assert list(temp.iterdir()) == []
    assert no_plaintext(out) == ["so.xlsx"]
    book = load_workbook(io.BytesIO(protect.decrypt_bytes(out / "so.xlsx", PASSWORD)))
    assert book["Trẻ em"].max_row > 3000


@pytest.mark.long
def test_a_protected_export_killed_at_any_moment_leaves_no_plaintext(crowded, tmp_path):
    secret = tmp_path / "mk.txt"
    secret.write_text(PASSWORD, encoding="utf-8")
    started = time.monotonic()
    whole = subprocess.run([sys.executable, "-m", "desktop", *export_command(
        crowded, tmp_path, secret)], cwd=ROOT, capture_output=True, timeout=300)  # fmt: skip
    assert whole.returncode == 0, whole.stderr
    length = time.monotonic() - started
    moments = random.Random(15).sample(range(1, 20), 8)
    for i, moment in enumerate(sorted(moments)):
        out, temp = tmp_path / f"usb{i}", tmp_path / f"tam{i}"
        out.mkdir()
        temp.mkdir()
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop", *export_command(crowded, out, secret)], cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "TMPDIR": str(temp)},
        )  # fmt: skip
        time.sleep(length * moment / 20)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        no_plaintext(out)  # the target, or the temporary file beside it, or nothing …
        assert list(temp.iterdir()) == []  # … and never a sheet in the temporary folder
