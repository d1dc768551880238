"""Importing registers as officers keep them in Excel: preview first, then all or nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.domain import importing
from desktop.domain.dates import PartialDate
from desktop.reports import excel_import
from desktop.reports.notice import PERSONAL_DATA_NOTE
from tests.conftest import TODAY, draft

# Synthetic registers shaped like the ones officers keep (copied from the shared samples).
SAMPLES = sorted((Path(__file__).parent / "data").glob("*.xlsx"))


def messy_register(path: Path, rows: list[list], *, headers=None, hidden_first=False) -> Path:
    """A file shaped like the ones officers keep: title block, merged "Năm sinh" Nam/Nữ."""
    wb = Workbook()
    ws = wb.active
    if hidden_first:
        ws.title = "Cu"
        ws.append(["Họ tên", "Ngày sinh"])
        ws.append(["Người Cũ", "01/01/2010"])
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("DS 2026")
    ws.append(["UBND XÃ BẢN XÈO", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    ws.append([])
    ws.append(["DANH SÁCH TRẺ EM CÓ HOÀN CẢNH ĐẶC BIỆT NĂM 2026"])
    ws.append(headers or ["STT", "Ho ten", "Nam sinh", None, "Dan toc", "Thôn / bản",
                          "Nhóm đối tượng", "Người chăm sóc"])  # fmt: skip
    ws.append([None, None, "Nam", "Nữ"])
    for i, row in enumerate(rows, start=1):
        ws.append([i, *row])
    ws.append([None, "Tổng cộng", len(rows)])
    ws.append([None, "Người lập biểu", None, None, None, None, "CHỦ TỊCH"])
    wb.save(path)
    return path


def test_header_spellings_and_free_text_groups():
    assert importing.match_header("Họ và tên") == "full_name"
    assert importing.match_header("HO TEN") == "full_name"
    assert importing.match_header("Ngày tháng năm sinh") == "birth"
    assert importing.match_header("Năm sinh") == "birth"
    assert importing.match_header("Thôn/Bản") == "village"
    assert importing.match_header("Hoàn cảnh") == "group"
    assert importing.match_header("Số điện thoại") is None
    assert importing.guess_group("KT nặng") == "d"
    assert importing.guess_group("Mo coi ca cha va me") == "a"
    assert importing.guess_group("HIV") == "đ"
    assert importing.guess_group("l") == "l"
    assert importing.guess_group("Khó khăn") is None
    assert importing.parse_birth(datetime(2016, 2, 25), TODAY) == PartialDate(2016, 2, 25)
    assert importing.parse_birth(2018, TODAY) == PartialDate(2018)
    assert importing.parse_birth("5/3/16", TODAY) == PartialDate(2016, 3, 5)


def test_preview_lists_every_problem_and_writes_nothing(register, tmp_path):
    register.add_child(
        draft(register, "Vàng A Dính", sex="M", birth=PartialDate(2016)), today=TODAY
    )
    path = messy_register(
        tmp_path / "ds.xlsx",
        [
            ["Lồ A Dính", "03/08/2020", None, "Mông", "Sín Chải", "khuyet tat", "Lù A An"],
            ["Sùng Thị Mai", None, datetime(2018, 5, 1), "H'Mông", "Sín Chải", "Bị xâm hại", ""],
            ["Lục Quốc Quý", "31/02/2015", None, "Giáy", "Pờ Hồ", "mồ côi cả cha mẹ", ""],
            ["Hoàng Thị Ưng", None, "2024", "Klingon", "Cốc Lầy", "Khó khăn", ""],
            ["Lồ A Dính", "2020", None, "Mông", "Sín Chải", "KT nặng", ""],
            ["Vàng A Dính", "2016", None, "Mông", "Sín Chải", "d", ""],
            ["", "2016", None, "Mông", "Sín Chải", "d", ""],
        ],
    )
    before = register.unsent_count()
    plan = excel_import.read_plan(register, path, today=TODAY)
    assert plan.list_year == 2026 and len(plan.rows) == 7
    problems: dict[int, list[str]] = {}
    for row, problem in plan.problems:
        problems.setdefault(row, []).append(problem)
    assert problems[8] == ["Ngày sinh: ngày 31/02/2015 không có thật."]
    assert problems[9] == [
        "Dân tộc: không nhận ra “Klingon”.",
        "Hoàn cảnh: chưa biết “Khó khăn” thuộc nhóm nào (chọn nhóm trong bước ghép nhóm).",
    ]
    assert problems[10] == ["Trùng với dòng 6 trong tệp (cùng tên, năm sinh, thôn/bản)."]
    assert problems[11] == ["Đã có trong sổ trẻ cùng tên, năm sinh và thôn/bản."]
    assert problems[12] == ["Họ và tên: không được để trống."]
    assert 6 not in problems and 7 not in problems
    mai = next(r for r in plan.rows if r.name == "Sùng Thị Mai")
    assert (mai.draft.sex, mai.draft.birth, mai.draft.ethnic_code) == (
        "F",
        PartialDate(2018, 5, 1),
        "08",
    )
    assert plan.new_villages == ["Pờ Hồ", "Cốc Lầy"]
    with pytest.raises(excel_import.ImportFileError, match="Còn 6 lỗi"):
        excel_import.commit(register, plan, today=TODAY)
    assert register.child_count() == 1 and register.unsent_count() == before

    excel_import.write_problems(plan, tmp_path / "loi.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "loi.xlsx")["Lỗi"]
    assert sheet["A2"].value == PERSONAL_DATA_NOTE  # the list names children
    assert [c.value for c in sheet[4]] == ["Dòng", "Họ và tên", "Lỗi", "Hoàn cảnh trong tệp"]
    assert sheet.max_row == 4 + 6


def test_mapping_and_commit_all_rows_at_once(register, tmp_path):
    path = messy_register(
        tmp_path / "ds.xlsx",
        [
            ["Lồ A Dính", "03/08/2020", None, "Mông", "Sín Chải", "khuyet tat", "Lù A An"],
            ["Sùng Thị Mai", None, "2018", "Mông", "Nậm Pung", "Hoàn cảnh khó khăn", ""],
        ],
    )
    plan = excel_import.read_plan(register, path, {"Hoàn cảnh khó khăn": "c"}, today=TODAY)
    assert plan.problems == [] and plan.group_texts == {
        "khuyet tat": "d",
        "Hoàn cảnh khó khăn": "c",
    }
    assert excel_import.commit(register, plan, today=TODAY) == 2
    [mai] = register.find("sung thi mai")
    assert mai.village == "Nậm Pung"  # the new village was added
    [circ] = register.circumstances_of(mai.id)
    assert (circ.group_code, circ.start_date) == ("c", TODAY)  # no “Từ ngày”: the file's date
    assert "dòng 7" in circ.notes


def test_a_failure_in_the_middle_leaves_nothing(register, tmp_path, monkeypatch):
    path = messy_register(
        tmp_path / "ds.xlsx",
        [["Lồ A Dính", "03/08/2020", None, "Mông", "Sín Chải", "d", ""],
         ["Sùng Thị Mai", None, "2018", "Mông", "Bản Mới", "d", ""]],
    )  # fmt: skip
    plan = excel_import.read_plan(register, path, today=TODAY)
    calls = {"n": 0}
    real = register.add_circumstance

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("đĩa đầy")
        return real(*args, **kwargs)

    monkeypatch.setattr(register, "add_circumstance", failing)
    villages_before = len(register.villages())
    with pytest.raises(OSError):
        excel_import.commit(register, plan, today=TODAY)
    assert register.child_count() == 0 and len(register.villages()) == villages_before


def test_hidden_sheets_are_ignored_and_wrong_files_refused(register, tmp_path):
    path = messy_register(
        tmp_path / "ds.xlsx", [["Lồ A Dính", "2020", None, "Mông", "Sín Chải", "d", ""]],
        hidden_first=True,
    )  # fmt: skip
    plan = excel_import.read_plan(register, path, today=TODAY)
    assert plan.sheet == "DS 2026" and [r.name for r in plan.rows] == ["Lồ A Dính"]
    fake = tmp_path / "bang.xlsx"
    fake.write_text("STT;Họ tên\n1;Lồ A Dính\n", encoding="utf-8")
    with pytest.raises(excel_import.ImportFileError, match=r"không phải tệp Excel \.xlsx"):
        excel_import.read_plan(register, fake)
    no_header = tmp_path / "trong.xlsx"
    Workbook().save(no_header)
    with pytest.raises(excel_import.ImportFileError, match="Không tìm thấy dòng tiêu đề"):
        excel_import.read_plan(register, no_header)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_shared_sample_imports_as_expected(register, sample):
    expected = json.loads(sample.with_suffix(".expected.json").read_text(encoding="utf-8"))
    plan = excel_import.read_plan(register, sample, today=TODAY)
    got = [
        {"name": r.name, "sex": r.draft.sex, "birth_year": r.draft.birth.year,
         "group": r.group_code, "village": r.village}
        for r in plan.valid_rows
    ]  # fmt: skip
    assert got == expected["valid"]
    assert excel_import.commit(register, plan, today=TODAY) == len(expected["valid"])


def test_import_command(tmp_path):
    db = tmp_path / "xa.db"
    path = messy_register(
        tmp_path / "ds.xlsx",
        [["Lồ A Dính", "03/08/2020", None, "Mông", "Sín Chải", "khuyet tat", ""],
         ["Sùng Thị Mai", None, "2018", "Mông", "Sín Chải", "Khó khăn", ""]],
    )  # fmt: skip

    def run(*args):
        return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args],
                              capture_output=True, text=True)  # fmt: skip

    run("init", "--commune", "02725")
    dry = run("import", str(path), "--dry-run", "--json")
    report = json.loads(dry.stdout)
    assert dry.returncode == 1 and report["valid_rows"] == 1
    assert report["groups"] == {"khuyet tat": "d", "Khó khăn": None}
    refused = run("import", str(path))
    assert refused.returncode == 1 and "Không có dòng nào được ghi" in refused.stderr
    done = run("import", str(path), "--map", "Khó khăn=c")
    assert done.returncode == 0 and "Đã nhập 2 trẻ em." in done.stdout
    bad_map = run("import", str(path), "--map", "Khó khăn=z")
    assert bad_map.returncode == 2 and "mã nhóm a…o" in bad_map.stderr
