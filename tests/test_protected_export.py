"""Excel exports with a password: real Office encryption that Excel and LibreOffice ask for,
and the personal-data notice on files and printed pages that name children."""

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.db.audit import AuditFilter
from desktop.reports import protect, service
from desktop.reports.notice import PERSONAL_DATA_NOTE
from tests.conftest import TODAY, draft

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
