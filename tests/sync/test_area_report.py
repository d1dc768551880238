"""The province's report of its area: the same administrative document as a commune's, with one
row per commune and the area total, in PDF and Excel, from a reader's synced copy."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop.domain.validation import CircumstanceDraft
from desktop.reports import service
from tests.sync.conftest import COMMUNE, NEIGHBOUR, child_draft, new_desk, new_reader


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_province_forwards_one_document_with_a_row_per_commune(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    b = new_desk(hub, tmp_path / "b.db", NEIGHBOUR, villages=("Phìn Hồ",))
    for name in ("Lò Thị Mai", "Lò Văn Pá", "Giàng Thị Súa"):
        child = a.register.add_child(child_draft(a.register, name)).created_id
        a.register.add_circumstance(child, CircumstanceDraft("special", "d", date(2026, 1, 5)))
    b.register.add_child(child_draft(b.register, "Vàng A Páo", sex="M"))
    a.sync(), b.sync()
    reader = new_reader(hub, tmp_path / "tinh.db")
    reader.sync()
    service.set_signer(reader.register, "Hoàng Văn Tỉnh", "Phó Giám đốc", "KT. Giám đốc")
    period = service.period_for("monthly", "2026-10")

    pdf = tmp_path / "tinh.pdf"
    tallies = service.write_area_report(reader.register, "monthly", period, "pdf", pdf)
    assert tallies["area"]["children_under_16"]["total"] == 4
    words = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())  # fmt: skip
    for expected in (
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
        "tháng 10 năm 2026 trên địa bàn tỉnh Lào Cai", "V. SỐ LIỆU TỪNG XÃ, PHƯỜNG",
        "Nơi nhận: - Bộ Y tế (Cục Bà mẹ và Trẻ em); - Lưu: VT.",
        "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", "Hoàng Văn Tỉnh", "Ghi chú — cách tính số liệu:",
    ):  # fmt: skip
        assert expected in words, expected
    layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                            text=True, check=True).stdout  # fmt: skip
    lines = {" ".join(x.split()[:-5]) for x in layout.splitlines() if "%" in x}
    assert {"1 Xã A Mú Sung 1 0 0%", "2 Xã Bản Xèo 3 3 100%", "Toàn tỉnh Lào Cai 4 3 75%"} <= lines

    book = tmp_path / "tinh.xlsx"
    service.write_area_report(reader.register, "monthly", period, "xlsx", book)
    wb = load_workbook(book)
    assert "Từng xã" in wb.sheetnames and "Cách tính" in wb.sheetnames
    rows = [[c.value for c in row] for row in wb["Từng xã"].iter_rows(min_row=5)]
    assert [r[1] for r in rows] == ["Xã A Mú Sung", "Xã Bản Xèo", "Toàn địa bàn: Tỉnh Lào Cai"]
    assert [r[3] for r in rows] == [1, 3, 4] and [r[4] for r in rows] == [0, 3, 3]
    assert wb["Từng xã"].page_setup.orientation == "landscape"

    # The Reports page's "whole area" writes the same document.
    again = tmp_path / "toan-vung.pdf"
    service.write_report(reader.register, "monthly", period, "pdf", again)
    text = subprocess.run(["pdftotext", str(again), "-"], capture_output=True, text=True).stdout
    assert "SỐ LIỆU TỪNG XÃ" in text
