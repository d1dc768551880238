"""An imported list keeps every group a cell names, and says when each circumstance began.

“Mồ côi cả cha và mẹ, khuyết tật” is groups a and d, and the plan shown before the import says
which words were taken for which group. Each circumstance begins on the row's “Từ ngày” when the
file has that column, otherwise on the date the officer chooses (default today), never before
the child's birth; the plan says which.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook

from desktop import cli
from desktop.domain import importing
from desktop.domain.importing import GroupMatch
from desktop.reports import excel_import
from tests.conftest import TODAY


def register_file(path, rows, *, since_column: bool) -> object:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH TRẺ EM CÓ HOÀN CẢNH ĐẶC BIỆT"])
    ws.append(["STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn/bản", "Hoàn cảnh"]
              + (["Từ ngày"] if since_column else []))  # fmt: skip
    for i, row in enumerate(rows, start=1):
        ws.append([i, *row])
    wb.save(path)
    return path


def test_every_group_a_cell_names_is_found_with_its_words():
    assert importing.guess_groups("Mồ côi cả cha và mẹ, khuyết tật") == [
        GroupMatch("Mồ côi cả cha và mẹ", "a"), GroupMatch("khuyết tật", "d"),
    ]  # fmt: skip
    assert importing.guess_groups("khuyết tật và bệnh hiểm nghèo") == [
        GroupMatch("khuyết tật", "d"), GroupMatch("bệnh hiểm nghèo", "n"),
    ]  # fmt: skip
    assert importing.guess_groups("a; đ") == [GroupMatch("a", "a"), GroupMatch("đ", "đ")]
    assert importing.guess_groups("HIV + bỏ học") == [GroupMatch("HIV", "đ"),
                                                      GroupMatch("bỏ học", "h")]  # fmt: skip
    assert importing.guess_groups("KT nặng, Khó khăn") == [
        GroupMatch("KT nặng", "d"), GroupMatch("Khó khăn", None),
    ]  # fmt: skip
    assert importing.guess_groups("Trẻ đi cùng bố") == [GroupMatch("Trẻ đi cùng bố", None)]


def test_a_cell_naming_two_groups_gives_two_circumstances_from_the_chosen_date(
    register, tmp_path
):
    path = register_file(tmp_path / "ds.xlsx", [
        ["Lò Thị Mai", 2016, "Nữ", "Sín Chải", "Mồ côi cả cha và mẹ, khuyết tật"],
        ["Vàng A Páo", 2024, "Nam", "Sín Chải", "KT nặng"],
        ["Sùng Thị Dế", 2015, "Nữ", "Sín Chải", "Khó khăn, bỏ học"],
    ], since_column=False)  # fmt: skip
    plan = excel_import.read_plan(register, path, today=TODAY, since=date(2025, 3, 1))
    assert plan.group_texts == {
        "Mồ côi cả cha và mẹ": "a", "khuyết tật": "d", "KT nặng": "d", "Khó khăn": None,
        "bỏ học": "h",
    }  # fmt: skip
    assert "từ ngày 01/03/2025 (ngày cán bộ chọn" in plan.start_rule()
    assert plan.problems == [
        (5, "Hoàn cảnh: chưa biết “Khó khăn” thuộc nhóm nào (chọn nhóm trong bước ghép nhóm).")
    ]
    plan = excel_import.read_plan(register, path, {"Khó khăn": "c"}, today=TODAY,
                                  since=date(2025, 3, 1))  # fmt: skip
    assert excel_import.commit(register, plan, today=TODAY) == 3
    found = {}
    for name in ("lo thi mai", "vang a pao", "sung thi de"):
        [child] = register.find(name)
        found[name] = sorted((c.group_code, c.start_date)
                             for c in register.circumstances_of(child.id))  # fmt: skip
    assert found["lo thi mai"] == [("a", date(2025, 3, 1)), ("d", date(2025, 3, 1))]
    assert found["vang a pao"] == [("d", date(2025, 3, 1))]
    assert found["sung thi de"] == [("c", date(2025, 3, 1)), ("h", date(2025, 3, 1))]


def test_a_from_date_column_is_used_row_by_row_and_checked(register, tmp_path):
    path = register_file(tmp_path / "ds.xlsx", [
        ["Lò Thị Mai", 2016, "Nữ", "Sín Chải", "khuyết tật", "15/02/2024"],
        ["Vàng A Páo", 2020, "Nam", "Sín Chải", "bỏ học", datetime(2023, 9, 5)],
        ["Giàng A Chư", 2025, "Nam", "Sín Chải", "khuyết tật", None],  # the file's date
        ["Sùng Thị Dế", 2015, "Nữ", "Sín Chải", "bỏ học", "hôm qua"],
        ["Hờ A Dơ", 2021, "Nam", "Sín Chải", "bỏ học", "01/01/2019"],  # before the birth
        ["Lý Thị Say", 2012, "Nữ", "Sín Chải", "bỏ học", "01/01/2030"],
    ], since_column=True)  # fmt: skip
    plan = excel_import.read_plan(register, path, today=TODAY)
    assert plan.since == TODAY and plan.since_column == "G"
    assert "cột “Từ ngày” (cột G)" in plan.start_rule() and "25/11/2026" in plan.start_rule()
    assert plan.problems == [
        (6, "Từ ngày: “hôm qua” không phải là ngày (nhập dd/mm/yyyy, mm/yyyy hoặc yyyy)."),
        (7, "Từ ngày: 01/01/2019 là trước ngày sinh của trẻ."),
        (8, "Từ ngày: 01/01/2030 là sau ngày hôm nay."),
    ]
    assert excel_import.commit(register, plan, skip_invalid=True, today=TODAY) == 3
    starts = {}
    for name in ("lo thi mai", "vang a pao", "giang a chu"):
        [child] = register.find(name)
        [circumstance] = register.circumstances_of(child.id)
        starts[name] = circumstance.start_date
    assert starts == {"lo thi mai": date(2024, 2, 15), "vang a pao": date(2023, 9, 5),
                      "giang a chu": TODAY}  # fmt: skip


def test_the_date_never_precedes_the_birth_nor_follows_today(register, tmp_path):
    path = register_file(tmp_path / "ds.xlsx", [["Giàng A Nhỏ", 2025, "Nam", "Sín Chải",
                                                 "khuyết tật"]], since_column=False)  # fmt: skip
    plan = excel_import.read_plan(register, path, today=TODAY, since=date(2020, 1, 1))
    excel_import.commit(register, plan, today=TODAY)
    [child] = register.find("giang a nho")
    [circumstance] = register.circumstances_of(child.id)
    assert circumstance.start_date == date(2025, 1, 1)


@pytest.mark.bad_input
def test_the_command_line_shows_the_matches_and_takes_the_date(register, tmp_path, capsys):
    path = register_file(tmp_path / "ds.xlsx", [
        ["Lò Thị Mai", 2016, "Nữ", "Sín Chải", "Mồ côi cả cha và mẹ, khuyết tật"],
    ], since_column=False)  # fmt: skip
    db = str(register.path)
    register.close()
    assert cli.main(["--db", db, "import", str(path), "--since", "01/03/2025", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "“Mồ côi cả cha và mẹ” → a" in out and "“khuyết tật” → d" in out
    assert "từ ngày 01/03/2025" in out
    assert cli.main(["--db", db, "import", str(path), "--since", "31/02/2025"]) == 2
    assert "--since" in capsys.readouterr().err
    assert cli.main(["--db", db, "import", str(path), "--since", "01/01/2099"]) == 2
    assert "sau ngày hôm nay" in capsys.readouterr().err
