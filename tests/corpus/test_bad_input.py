"""The bad-input corpus: malformed Excel files and wrong command lines, one case each.

Every case runs the real `sotreem` command line on a copy of a set-up register and must be
answered with a Vietnamese message naming the row, field or argument, a nonzero exit status,
no traceback, and not one changed value in any table of the database.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop import cli
from desktop.db import accounts
from desktop.db.register import Register
from desktop.domain.dates import PartialDate
from desktop.domain.validation import ChildDraft
from desktop.reports.excel_import import MAX_ROWS
from tests.corpus import files as f

# Its tests share one expensive fixture: `make test` (pytest -n) runs them on one worker.
pytestmark = pytest.mark.xdist_group("bad-input-corpus")

TODAY_CHILD = "Nguyễn Thị Hương"  # already in the register: born 2016, Sín Chải


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    argv: tuple[str, ...]  # {file} is the built file, {tmp} a scratch folder, {db} the register
    expect: tuple[str, ...]  # what the message must say (row, field, argument …)
    build: f.Builder | None = None

    @property
    def id(self) -> str:
        return f"{self.family}:{self.name}"


def imp(family: str, name: str, build, *expect: str) -> Case:
    return Case(family, name, ("import", "{file}"), expect, build)


def row3(family: str, label: str, field: str, /, **cells) -> Case:
    return imp(family, label, f.bad_row(**cells), "Dòng 3", field)


def cmd(name: str, *argv: str, expect: tuple[str, ...], build=None) -> Case:
    return Case("arguments", name, argv, expect, build)


BIG = 10_000 * "ả"
# fmt: off
CASES = [
    # wrong types in cells
    row3("types", "name-number", "Họ và tên: phải có chữ cái", name=12345),
    row3("types", "name-date", "Họ và tên", name=datetime(2015, 3, 2)),
    row3("types", "name-error-value", "Họ và tên: có ký tự không dùng trong tên", name="#REF!"),
    row3("types", "birth-boolean", "Ngày sinh", birth=True),
    row3("types", "birth-fraction", "Ngày sinh: “2015.5”", birth=2015.5),
    row3("types", "birth-time", "Ngày sinh", birth=time(8, 30)),
    row3("types", "sex-number", "Giới tính", sex=7),
    row3("types", "ethnic-number", "Dân tộc: không nhận ra “99”", ethnic=99),
    row3("types", "birth-excel-serial", "Ngày sinh: “45000”", birth=45000),
    # impossible dates
    row3("dates", "31-february", "Ngày sinh: ngày 31/02/2015 không có thật", birth="31/02/2015"),
    row3("dates", "day-0-month-13", "Ngày sinh", birth="00/13/2020"),
    row3("dates", "29-february-2023", "Ngày sinh: ngày 29/02/2023", birth="29/02/2023"),
    row3("dates", "future-birth", "Ngày sinh: không được sau ngày hôm nay", birth="01/06/2031"),
    row3("dates", "year-1850", "Ngày sinh", birth="1850"),
    row3("dates", "month-13-of-year", "Ngày sinh", birth="13/2015"),
    row3("dates", "words", "Ngày sinh: “khoảng năm 2015”", birth="khoảng năm 2015"),
    row3("dates", "iso-impossible", "Ngày sinh", birth="2015-02-30"),
    # text in number columns
    imp("numbers", "personal-id-text",
        f.sheet([[*f.GOOD, "không có"]], headers=[*f.HEADERS, "Số định danh"]),
        "Dòng 2", "Số định danh cá nhân: phải gồm đúng 12 chữ số"),
    imp("numbers", "personal-id-float",
        f.sheet([[*f.GOOD, 12345.678]], headers=[*f.HEADERS, "Số định danh"]),
        "Dòng 2", "Số định danh cá nhân"),
    imp("numbers", "birth-year-text",
        f.sheet([["Giàng Thị Mai", "hai nghìn mười sáu", "Nữ"]],
                headers=["STT", "Họ và tên", "Năm sinh", "Giới tính"]),
        "Dòng 2", "Ngày sinh"),
    # formula injection in a name, and a formula never calculated
    row3("formulas", "hyperlink-as-name", "Họ và tên: có ký tự không dùng trong tên",
         name='=HYPERLINK("http://vi-du.invalid","Bấm vào đây")'),
    row3("formulas", "plus-command-as-name", "Họ và tên", name="+cmd|' /C calc'!A0"),
    row3("formulas", "at-sum-as-name", "Họ và tên", name="@SUM(1+1)*cmd|' /C calc'!A0"),
    imp("formulas", "uncalculated-formula-name", f.formula_cell_without_value(),
        "Dòng 3", "Họ và tên: không được để trống"),
    # sheets: hidden, very hidden, junk beside the list
    imp("sheets", "list-on-hidden-sheet",
        f.sheets(("Ghi chú", "visible", [["Danh sách ở trang sau"]]),
                 ("DS 2026", "hidden", [f.HEADERS, [1, *f.GOOD]])),
        "trang “DS 2026” đang bị ẩn"),
    imp("sheets", "list-on-very-hidden-sheet",
        f.sheets(("Trang tính1", "visible", [[]]),
                 ("DS 2026", "veryHidden", [f.HEADERS, [1, *f.GOOD]])),
        "trang “DS 2026” đang bị ẩn"),
    imp("sheets", "hidden-junk-then-list-with-a-bad-row",
        f.sheets(("Cũ", "hidden", [f.HEADERS, [1, "Người Cũ", "01/01/2010", "Nam"]]),
                 ("DS 2026", "visible", [f.HEADERS, [1, *f.GOOD], [2, "Lò A Dính", "31/02/2015",
                                                                   "Nam", "Mông", "Sín Chải"]])),
        "trang “DS 2026”", "Dòng 3", "Ngày sinh"),
    imp("sheets", "no-list-anywhere",
        f.sheets(("Sheet1", "visible", [["Báo cáo quý"], [1, 2, 3]])),
        "Không tìm thấy dòng tiêu đề", "Họ và tên"),
    # files that are not .xlsx workbooks, renamed
    imp("file-types", "pdf", f.raw_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        "tệp PDF"),
    imp("file-types", "old-xls", f.old_xls(), "Excel cũ (.xls)"),
    imp("file-types", "password-protected", f.password_protected(), "mật khẩu"),
    imp("file-types", "csv", f.raw_bytes("STT,Họ và tên,Ngày sinh\n1,Giàng Thị Mai,2016\n"
                                         .encode()), "CSV"),
    imp("file-types", "html-table", f.raw_bytes(b"<html><table><tr><td>Ho ten</td></tr></table>"),
        "không phải tệp Excel .xlsx"),
    imp("file-types", "empty", f.raw_bytes(b""), "tệp rỗng"),
    imp("file-types", "random-bytes", f.raw_bytes(bytes(range(256)) * 40),
        "không phải tệp Excel .xlsx"),
    imp("file-types", "zip-not-xlsx", f.zip_of({"anh/a.jpg": b"\xff\xd8\xff", "doc.txt": "x"}),
        "tệp nén (ZIP) nhưng không phải tệp Excel"),
    imp("file-types", "docx", f.zip_of({"[Content_Types].xml": "<Types/>",
                                        "word/document.xml": "<w:document/>"}),
        "tệp nén (ZIP) nhưng không phải tệp Excel"),
    imp("file-types", "truncated-xlsx", f.truncated(), "bị hỏng hoặc chép chưa hết"),
    imp("file-types", "broken-sheet-xml",
        f.zip_of({"[Content_Types].xml": "<Types", "xl/workbook.xml": "<workbook><sheets"}),
        "bị hỏng hoặc có nội dung lạ"),
    # headers: merged, missing, repeated
    imp("headers", "merged-two-row-header-row-5-wrong", f.merged_two_row_header("30/02/2016"),
        "Dòng 5", "Ngày sinh: ngày 30/02/2016 không có thật"),
    imp("headers", "header-in-one-merged-cell", f.header_in_one_merged_cell(),
        "Không tìm thấy dòng tiêu đề"),
    imp("headers", "no-birth-or-sex-column",
        f.sheet([["Giàng Thị Mai", "Mông", "Sín Chải"]],
                headers=["STT", "Họ và tên", "Dân tộc", "Thôn/bản"]),
        "dòng tiêu đề 1", "thiếu cột “Ngày sinh” hoặc “Năm sinh”"),
    imp("headers", "no-name-column",
        f.sheet([["12/03/2016", "Nữ", "Mông"]],
                headers=["STT", "Ngày sinh", "Giới tính", "Dân tộc"]),
        "thiếu cột “Họ và tên”"),
    imp("headers", "name-column-twice",
        f.sheet([["Giàng", "12/03/2016", "Nữ", "Giàng Thị Mai"]],
                headers=["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Họ tên"]),
        "cột “Họ và tên” có 2 lần (cột B, E)"),
    imp("headers", "birth-column-twice",
        f.sheet([["Giàng Thị Mai", "12/03/2016", "Nữ", "2016"]],
                headers=["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Năm sinh"]),
        "cột “Ngày sinh” có 2 lần"),
    # text: very long, invisible characters, emoji, decomposed Vietnamese
    row3("text", "name-10000-characters", "Họ và tên: dài 10.000 ký tự", name=BIG),
    imp("text", "notes-10000-characters", f.with_notes(BIG), "Dòng 2",
        "Ghi chú: dài 10.000 ký tự, tối đa 4.000"),
    row3("text", "village-10000-characters", "Thôn/bản: dài 10.000 ký tự", village=BIG),
    row3("text", "ethnic-10000-characters", "Dân tộc: không nhận ra “ảảả", ethnic=BIG),
    row3("text", "birth-10000-characters", "Ngày sinh: “ảảả", birth=BIG),
    imp("text", "control-characters-escaped",
        f.hand_made([[("s", 0), ("s", 1), ("s", 2)], [1, ("s", 3), 2016]],
                    ["STT", "Họ và tên", "Năm sinh", "Giàng_x001B_A_x0007_Pó"]),
        "Dòng 2", "Họ và tên: có ký tự điều khiển ẩn"),
    row3("text", "zero-width-space", "Họ và tên: có ký tự điều khiển ẩn",
         name="Giàng\u200b Thị Mai"),
    imp("text", "right-to-left-override-caregiver", f.with_caregiver("Giàng A \u202ePáo"),
        "Dòng 2", "Người chăm sóc: có ký tự điều khiển ẩn"),
    row3("text", "emoji-in-name", "Họ và tên: có ký tự không dùng trong tên: 😀",
         name="Vàng Thị Dở 😀"),
    imp("text", "nfd-and-nfc-twins-in-file",
        f.sheet([f.GOOD, [f.nfd("Giàng Thị Mai"), "2016", "Nữ", "Mông", f.nfd("Sín Chải")]]),
        "Dòng 3", "Trùng với dòng 2"),
    imp("text", "nfd-name-already-in-register",
        f.sheet([[f.nfd(TODAY_CHILD), "2016", "Nữ", "Kinh", "Sín Chải"]]),
        "Dòng 2", "Đã có trong sổ"),
    # files made to exhaust memory (each refused with memory flat: see the test below)
    imp("memory", "one-cell-of-1-GB-in-a-1-MB-file", f.one_huge_cell(1024),
        "trang “DS” giải nén ra 1.024 MB, quá 256 MB"),
    imp("memory", "one-cell-of-1-MB", f.one_huge_cell(1), "dài hơn 32.767 ký tự"),
    imp("memory", "1-GB-cell-in-a-sheet-stating-10-MB", f.one_huge_cell(1024, 10),
        "dài hơn 32.767 ký tự"),
    imp("memory", "1.5-GB-of-shared-strings-in-a-4-MB-file", f.huge_shared_strings(),
        "phần “xl/sharedStrings.xml” giải nén ra 1.536 MB"),
    imp("memory", "600000-shared-strings", f.many_short_strings(),
        "hơn 500.000 chuỗi chữ khác nhau"),
    imp("memory", "3-million-cells-without-row-tags", f.cells_without_rows(),
        "ô nằm ngoài dòng (thiếu thẻ <row>)"),
    imp("memory", "row-numbers-leaping-to-1000000", f.row_number_leap(),
        "hơn 100.000 dòng"),
    # the command line
    cmd("unknown-subcommand", "xoa", "--all", expect=("“xoa” không hợp lệ",)),
    cmd("unknown-option", "find", "Mai", "--force", expect=("không hiểu tham số: --force",)),
    cmd("missing-argument", "report", "monthly", "-o", "{tmp}/bc.pdf",
        expect=("thiếu tham số bắt buộc: --period",)),
    cmd("not-a-number", "find", "Mai", "--limit", "nhiều",
        expect=("tham số --limit", "“nhiều” không phải là số nguyên")),
    cmd("bad-choice", "report", "monthly", "--period", "2026-10", "--format", "doc", "-o",
        "{tmp}/bc.doc", expect=("--format", "“doc” không hợp lệ")),
    cmd("month-13-slash", "report", "monthly", "--period", "13/2026", "-o", "{tmp}/bc.pdf",
        expect=("kỳ “13/2026” không hợp lệ",)),
    cmd("month-13-iso", "report", "monthly", "--period", "2026-13", "-o", "{tmp}/bc.pdf",
        expect=("tháng 13 không hợp lệ",)),
    cmd("period-of-wrong-kind", "report", "monthly", "--period", "2026-H1", "-o", "{tmp}/b.pdf",
        expect=("báo cáo tháng cần kỳ kiểu 2026-10",)),
    cmd("bad-commune-code", "init", "--commune", "99999",
        expect=("Mã xã", "“99999” không phải mã xã/phường hợp lệ")),
    cmd("other-commune", "init", "--commune", "02728", expect=("đã thuộc xã 02725",)),
    cmd("missing-file", "import", "{tmp}/khong-co.xlsx", expect=("không có tệp",)),
    cmd("directory-as-file", "import", "{tmp}", expect=("là một thư mục",)),
    cmd("bad-map", "import", "{tmp}/khong-co.xlsx", "--map", "KT nặng",
        expect=("--map “KT nặng”",)),
    cmd("restore-a-directory", "restore", "{tmp}", expect=("Không có tệp",)),
    cmd("restore-a-non-backup", "restore", "{file}", expect=("không phải bản sao lưu",),
        build=f.raw_bytes(b"SQLite format 3\0" + b"\x07" * 600, name="sao-luu.db")),
    cmd("restore-a-truncated-backup", "restore", "{file}", expect=("sao-luu.db",),
        build=f.truncated_backup()),
    cmd("export-wrong-suffix", "export", "register", "-o", "{tmp}/so.docx",
        expect=("đuôi .xlsx",)),
    cmd("export-into-missing-folder", "export", "register", "-o", "{tmp}/khong/co/so.xlsx",
        expect=("-o/--output", "không có")),
    cmd("export-onto-a-directory", "export", "register", "-o", "{tmp}",
        expect=("-o/--output", "là một thư mục")),
    cmd("report-under-a-file", "report", "annual", "--period", "2026", "-o",
        "{db}/bc.pdf", expect=("-o/--output", "không phải là thư mục")),
    cmd("backup-under-a-file", "backup", "-o", "{db}/sao-luu.db",
        expect=("-o/--output", "không phải là thư mục")),
    cmd("problems-list-under-a-file", "import", "{tmp}/khong-co.xlsx", "--problems",
        "{db}/loi.xlsx", expect=("--problems", "không phải là thư mục")),
    cmd("problems-list-unwritable", "import", "{file}", "--problems", "/proc/loi.xlsx",
        expect=("/proc/loi.xlsx",), build=f.sheet([f.GOOD])),
]
# fmt: on


@pytest.fixture(scope="session")
def seeded_register(tmp_path_factory) -> Path:
    """A set-up commune with three villages and three children."""
    db = tmp_path_factory.mktemp("corpus") / "xa.db"
    register = Register.open(db)
    register.init_commune("02725")
    for name in ("Sín Chải", "Lao Chải", "Nậm Cang"):
        register.add_village(name)
    village = register.village_id_by_name("Sín Chải")
    for name, sex, year in ((TODAY_CHILD, "F", 2016), ("Lò A Dính", "M", 2019),
                            ("Sùng Thị Mỷ", "F", 2014)):  # fmt: skip
        register.add_child(ChildDraft(name, sex, PartialDate(year), "01", village_id=village))
    register.close()
    return db


def contents(db: Path) -> str:
    """A digest of every row of every table (not the file bytes: a checkpoint moves those)."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        for table in tables:
            digest.update(table.encode())
            for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"')):
                digest.update(row.encode())
    return digest.hexdigest()


def run_cli(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse's way out
        code = exc.code if isinstance(exc.code, int) else 2
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.bad_input
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_clearly_and_changes_nothing(case, seeded_register, tmp_path, capsys):
    db = tmp_path / "xa.db"
    shutil.copy(seeded_register, db)
    scratch = tmp_path / "tam"
    scratch.mkdir()
    built = case.build(scratch) if case.build else scratch / "none"
    before = contents(db)
    argv = [a.format(file=built, tmp=scratch, db=db) for a in case.argv]
    code, said = run_cli(["--db", str(db), *argv], capsys)
    assert code != 0, said
    for expected in case.expect:
        assert expected in said, f"{expected!r} not in:\n{said}"
    assert "Lỗi" in said or "Dòng" in said
    assert "Traceback" not in said
    assert contents(db) == before


# ---- a million rows: refused quickly, from the sheet's size or a streaming count ----------


@pytest.fixture(scope="session")
def million(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("million")
    return {
        "honest-size": f.million_rows(folder / "trung-thuc.xlsx", 1_000_000, "A1:D1000001"),
        "lying-size": f.million_rows(folder / "noi-doi.xlsx", 1_000_000, "A1:D10"),
        "no-size": f.million_rows(folder / "khong-co.xlsx", 1_000_000, None),
    }


@pytest.mark.bad_input
@pytest.mark.parametrize("variant", ["honest-size", "lying-size", "no-size"])
def test_a_million_rows_are_refused_naming_the_limit(variant, million, seeded_register, tmp_path,
                                                     capsys):  # fmt: skip
    db = tmp_path / "xa.db"
    shutil.copy(seeded_register, db)
    before = contents(db)
    code, said = run_cli(["--db", str(db), "import", str(million[variant])], capsys)
    assert code == 2
    assert f"hơn {MAX_ROWS:,} dòng".replace(",", ".") in said and "trang “DS”" in said
    assert contents(db) == before


# ---- formula-looking text: stored as text, exported as text -------------------------------

INJECTIONS = [
    '=HYPERLINK("http://vi-du.invalid/lay-du-lieu","Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(A1:A9)",
]


@pytest.mark.bad_input
@pytest.mark.parametrize("text", INJECTIONS, ids=["hyperlink", "plus-cmd", "minus", "at-sum"])
def test_formula_text_is_imported_as_text_and_exported_safely(text, seeded_register, tmp_path,
                                                              capsys):  # fmt: skip
    db = tmp_path / "xa.db"
    shutil.copy(seeded_register, db)
    source = f.sheet([[*f.GOOD, text, text]], headers=[*f.HEADERS, "Người chăm sóc", "Ghi chú"])
    code, said = run_cli(["--db", str(db), "import", str(source(tmp_path))], capsys)
    assert code == 0, said
    with Register.open(db) as register:
        [row] = register.find("giang thi mai")
        child = register.get_child(row.id)
        assert (child.caregiver_name, child.notes) == (text, text)
    out = tmp_path / "so.xlsx"
    code, said = run_cli(["--db", str(db), "export", "register", "-o", str(out)], capsys)
    assert code == 0, said
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
    cells = [c for row in load_workbook(out)["Trẻ em"].iter_rows() for c in row if c.value == text]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.bad_input
def test_decomposed_names_are_stored_composed_and_found(seeded_register, tmp_path, capsys):
    db = tmp_path / "xa.db"
    shutil.copy(seeded_register, db)
    source = f.sheet([[f.nfd("Hầu Thị Ước"), "2017", "Nữ", "Mông", f.nfd("Nậm Cang")]])
    code, said = run_cli(["--db", str(db), "import", str(source(tmp_path))], capsys)
    assert code == 0 and "Thôn/bản mới" not in said, said
    with Register.open(db) as register:
        [row] = register.find("hau thi uoc")
        assert row.full_name == "Hầu Thị Ước" and row.village == "Nậm Cang"


@pytest.mark.bad_input
def test_a_sheet_that_understates_its_size_is_read_to_the_end(seeded_register, tmp_path, capsys):
    db = tmp_path / "xa.db"
    shutil.copy(seeded_register, db)
    names = [f"Giàng Thị Số {n}" for n in range(8)]
    rows = [[("s", 0), ("s", 1), ("s", 2), ("s", 3)]]
    rows += [[n + 1, ("s", 4 + n), 2016, ("s", 12)] for n in range(8)]
    source = f.hand_made(rows, ["STT", "Họ và tên", "Năm sinh", "Giới tính", *names, "Nữ"],
                         dimension="A1:D3")  # fmt: skip
    code, said = run_cli(["--db", str(db), "import", str(source(tmp_path))], capsys)
    assert code == 0 and "Đã nhập 8 trẻ em." in said, said


# ---- files made to exhaust memory: refused with the process's peak memory bounded ----------

MEMORY_LIMIT_MB = 300
PEAKS = """
import json, sys
from desktop.cli import main

def peak_mb():
    line = next(x for x in open("/proc/self/status") if x.startswith("VmHWM"))
    return int(line.split()[1]) / 1024

db, files = sys.argv[1], sys.argv[2:]
print(json.dumps({"before": peak_mb()}), flush=True)
for path in files:
    code = main(["--db", db, "import", path])
    print(json.dumps({"file": path, "code": code, "peak": peak_mb()}), flush=True)
"""
HOSTILE = [f.one_huge_cell(1024), f.one_huge_cell(1024, 10), f.huge_shared_strings(),
           f.many_short_strings(), f.cells_without_rows(), f.row_number_leap()]  # fmt: skip


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
def test_files_made_to_exhaust_memory_are_refused_within_300_MB(seeded_register, tmp_path):
    """One process imports them one after another; its peak (VmHWM, the most it ever held)
    after each stays under the budget, whatever the file claims or unpacks to."""
    import json
    import subprocess
    import sys

    db = tmp_path / "xa.db"
    shutil.copy(seeded_register, db)
    before = contents(db)
    built = [str(build(tmp_path)) for build in HOSTILE]
    done = subprocess.run([sys.executable, "-c", PEAKS, str(db), *built], capture_output=True,
                          text=True, timeout=600, cwd=Path(__file__).parents[2])  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in done.stdout.splitlines() if x.startswith("{")]
    assert lines[0]["before"] < MEMORY_LIMIT_MB
    assert [line["code"] for line in lines[1:]] == [2] * len(HOSTILE), done.stderr
    for line in lines[1:]:
        assert line["peak"] <= MEMORY_LIMIT_MB, line
    assert "Traceback" not in done.stderr and done.stderr.count("Lỗi:") == len(HOSTILE)
    assert contents(db) == before


# ---- roles, passwords, tokens and key files: an encrypted register, as each account ---------


@dataclass(frozen=True)
class AsCase:
    """A command run as `user` ({tmp} a scratch folder, {src} the sources); `spoil` changes
    the key file first (a hand edit); `env` adds or (with None) removes variables."""

    name: str
    user: str
    argv: tuple[str, ...]
    expect: tuple[str, ...]
    env: tuple[tuple[str, str | None], ...] = ()
    spoil: Callable[[Path], None] | None = None


SECRETS = {"hanh": "mat-khau-1", "lan": "tro-ly-123", "xem": "chi-xem-12", "khoa": "da-khoa-12"}


def edit_keys(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def spoil(keys: Path) -> None:
        data = json.loads(keys.read_text(encoding="utf-8"))
        change(data)
        keys.write_text(json.dumps(data), encoding="utf-8")

    return spoil


def failures_zeroed(keys: Path) -> None:
    """Five failed logins, then the count edited back to zero by hand."""
    from desktop.db.keyfile import KeyFile

    file = KeyFile.load(keys)
    file.failures, file.last_failure = 5, 1.0
    file.save()
    edit_keys(lambda data: data["counter"].update(failures=0))(keys)


def role_raised(data: dict) -> None:
    data["slots"]["lan"]["role"] = "officer"


NEW = (("SOTREEM_NEW_PASSWORD", "mat-khau-moi-9"),)
# fmt: off
AS_CASES = [
    AsCase("viewer-reads-the-audit-trail", "xem", ("audit", "--search", "vang"),
           (accounts.AUDIT_OFFICER_ONLY,)),
    AsCase("assistant-reads-the-audit-trail", "lan", ("audit",), (accounts.AUDIT_OFFICER_ONLY,)),
    AsCase("viewer-exports-the-audit-trail", "xem", ("audit", "--export", "{tmp}/nk.xlsx"),
           (accounts.AUDIT_OFFICER_ONLY,)),
    AsCase("viewer-exports-the-register", "xem", ("export", "register", "-o", "{tmp}/so.xlsx"),
           (accounts.VIEWER_EXPORTS,)),
    AsCase("viewer-prints-the-register", "xem", ("export", "register", "-o", "{tmp}/so.pdf"),
           (accounts.VIEWER_EXPORTS,)),
    AsCase("viewer-exports-everything-locked", "xem", ("export", "all", "-o", "{tmp}/all.xlsx",
           "--password-file", "{src}/mk.txt"), (accounts.VIEWER_EXPORTS,)),
    AsCase("viewer-imports", "xem", ("import", "{src}/ds.xlsx"), (accounts.IMPORT_REFUSED,)),
    AsCase("viewer-checks-an-import", "xem", ("import", "{src}/ds.xlsx", "--dry-run"),
           (accounts.IMPORT_REFUSED,)),
    AsCase("viewer-backs-up", "xem", ("backup", "-o", "{tmp}/sao-luu.db"),
           (accounts.BACKUP_REFUSED,)),
    AsCase("assistant-restores", "lan", ("restore", "{src}/truoc.db", "--yes"),
           (accounts.RESTORE_REFUSED,)),
    AsCase("assistant-resets-a-password", "lan", ("passwd", "--for", "xem"),
           ("Chỉ cán bộ phụ trách được đặt lại mật khẩu",), env=NEW),
    AsCase("assistant-removes-an-account", "lan", ("accounts", "remove", "xem"),
           ("Chỉ cán bộ phụ trách",)),
    AsCase("viewer-adds-a-village", "xem", ("init", "--commune", "02725", "--village", "Bản X"),
           ("Chỉ cán bộ phụ trách",)),
    AsCase("officer-removes-herself", "hanh", ("accounts", "remove", "hanh"),
           ("không xóa được tài khoản đang đăng nhập",)),
    AsCase("officer-disables-nobody", "hanh", ("accounts", "disable", "khong-co"),
           ("không có tài khoản “khong-co”",)),
    AsCase("account-without-a-name", "hanh", ("accounts", "remove"), ("cần TÊN tài khoản",)),
    AsCase("account-name-with-spaces", "hanh", ("accounts", "add", "ke gian!"),
           ("không dùng làm tên đăng nhập được",), env=NEW),
    AsCase("wrong-password", "hanh", ("find", "vang"), ("mật khẩu không đúng",),
           env=(("SOTREEM_PASSWORD", "sai-mat-khau"),)),
    AsCase("no-password-and-no-terminal", "hanh", ("check",),
           ("không có cửa sổ dòng lệnh", "SOTREEM_PASSWORD"), env=(("SOTREEM_PASSWORD", None),)),
    AsCase("no-file-password-and-no-terminal", "hanh",
           ("export", "register", "-o", "{tmp}/so.xlsx", "--password"),
           ("không có cửa sổ dòng lệnh",)),
    AsCase("failure-count-edited-to-zero", "hanh", ("find", "vang"),
           ("đã bị sửa bằng tay", "chờ 15 phút"), spoil=failures_zeroed),
    AsCase("role-typed-into-the-key-file", "lan", ("find", "vang"),
           ("đã bị sửa bằng tay", "ô khóa của “lan”"), spoil=edit_keys(role_raised)),
    AsCase("disabled-account", "khoa", ("find", "vang"), ("đã bị khóa",)),
    AsCase("token-file-missing", "hanh",
           ("sync", "--bundle-out", "{tmp}/g.stb", "--token-file", "{tmp}/khong-co"),
           ("không đọc được token", "khong-co")),
    AsCase("token-file-empty", "hanh",
           ("sync", "--bundle-out", "{tmp}/g.stb", "--token-file", "{src}/rong"),
           ("tệp token", "rỗng")),
    AsCase("token-and-token-file", "hanh",
           ("sync", "--token", "a.b", "--token-file", "{src}/rong"), ("không dùng cùng với",)),
]
# fmt: on


@pytest.fixture(scope="session")
def encrypted_commune(tmp_path_factory) -> tuple[Path, bytes]:
    """An encrypted commune: officer, assistant, viewer and a disabled account; a child with a
    protection case; the files the commands read. Slots are cheap to open (their own cost)."""
    from datetime import UTC, datetime

    from desktop.db import backup, keyfile, vault

    folder = tmp_path_factory.mktemp("ma-hoa")
    db = folder / "xa.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keyfile, "KDF", {**keyfile.KDF, "time_cost": 1, "memory_cost": 8192})
        register, _code = vault.setup(db, "02725", "hanh", "Lò Thị Hạnh", SECRETS["hanh"])
        register.add_village("Sín Chải")
        backup.backup(db, folder / "truoc.db", register.key)
        for name, role in (("lan", "assistant"), ("xem", "viewer"), ("khoa", "viewer")):
            register.create_user(name, name, role, SECRETS[name])
        village = register.village_id_by_name("Sín Chải")
        child = register.add_child(
            ChildDraft(TODAY_CHILD, "F", PartialDate(2016), "01", village_id=village)
        ).created_id
        register.open_case(child, "violence", datetime(2026, 11, 1, tzinfo=UTC), summary="…")
        register.disable_user("khoa")
        key = register.key
        register.close()
    f.sheet([f.GOOD])(folder).rename(folder / "ds.xlsx")
    (folder / "mk.txt").write_text("mat-khau-tep\n", encoding="utf-8")
    (folder / "rong").write_text("", encoding="utf-8")
    return db, key


def encrypted_contents(db: Path, key: bytes) -> str:
    import sqlcipher3

    from desktop.db.keyfile import sqlcipher_key_pragma

    digest = hashlib.sha256()
    conn = sqlcipher3.connect(str(db))
    conn.execute(sqlcipher_key_pragma(key))
    try:
        for (table,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall():
            for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"')):
                digest.update(row.encode())
    finally:
        conn.close()
    return digest.hexdigest()


@pytest.fixture(scope="session")
def as_outcomes(encrypted_commune, tmp_path_factory) -> dict[str, object]:
    """Every case run as a real `sotreem` process (no terminal), a few at a time."""
    import os
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from desktop.db.keyfile import path_for

    template, key = encrypted_commune

    def run(case: AsCase) -> object:
        folder = tmp_path_factory.mktemp(case.name)
        src, tmp = folder / "src", folder / "tam"
        shutil.copytree(template.parent, src)
        tmp.mkdir()
        db = src / "xa.db"
        if case.spoil is not None:
            case.spoil(path_for(db))
        before = encrypted_contents(db, key)
        env = {**os.environ, "SOTREEM_PASSWORD": SECRETS[case.user]}
        for name, value in case.env:
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        argv = [a.format(tmp=tmp, src=src) for a in case.argv]
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(db), "--user", case.user, *argv],
            capture_output=True, text=True, encoding="utf-8", env=env, timeout=300,
            stdin=subprocess.DEVNULL, cwd=Path(__file__).parents[2],
        )  # fmt: skip
        return done, before == encrypted_contents(db, key), sorted(p.name for p in tmp.iterdir())

    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {case.name: pool.submit(run, case) for case in AS_CASES}
    return {name: future.result() for name, future in futures.items()}


@pytest.mark.bad_input
@pytest.mark.parametrize("case", AS_CASES, ids=[c.name for c in AS_CASES])
def test_refused_as_the_account_said_clearly_and_changes_nothing(case, as_outcomes):
    done, unchanged, written = as_outcomes[case.name]
    said = done.stdout + done.stderr
    assert done.returncode == 2, said
    for expected in case.expect:
        assert expected in said, f"{expected!r} not in:\n{said}"
    assert "Lỗi: " in said and "Traceback" not in said
    assert unchanged  # not one row of the register changed (no trail entry either)
    assert written == []  # no file, not even a temporary one
