"""The printed report as a clerk files it: every page rendered to PNG (pdftoppm) and looked at —
margins of Nghị định 30/2020, the rule centred under the issuing body, headings on the page of
their table — and its text read back (pdftotext): full "Cộng" rows, whole column headers,
"Không có" for an empty section, the two counts of leavers, the signer from Settings. The
Excel report is printed by LibreOffice, as the commune PC's office suite would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.domain.periods import parse_period
from desktop.reports import fonts, pdf, service
from tests.test_reports import commune  # noqa: F401  (fixture)

DPI = 100
PX_PER_MM = DPI / 25.4


def text_of(path: Path, page: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else [])]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def pages_of(path: Path, out: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(path), str(out / "p")], check=True)
    return [Image.open(p).convert("L") for p in sorted(out.glob("p-*.png"))]


def ink(image: Image.Image, box_mm: tuple[float, float, float, float]) -> bool:
    """Is anything printed in the box (left, top, right, bottom, in mm)?"""
    box = tuple(round(v * PX_PER_MM) for v in box_mm)
    low, _high = image.crop(box).getextrema()
    return low < 160


@pytest.fixture
def report(register, commune, tmp_path) -> Path:  # noqa: F811
    service.set_signer(register, "Lò Văn Pá", "Phó Chủ tịch", "KT. Chủ tịch")
    path = tmp_path / "bc.pdf"
    service.write_report(register, "monthly", parse_period("2026-10"), "pdf", path)
    return path


def test_every_page_keeps_the_decree_margins(report, tmp_path):
    pages = pages_of(report, tmp_path)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        width, height = page.size[0] / PX_PER_MM, page.size[1] / PX_PER_MM
        assert abs(width - 210) < 1 and abs(height - 297) < 1  # A4 portrait
        assert not ink(page, (0, 0, 29, height)), number  # left margin 30 mm
        assert not ink(page, (width - 14, 0, width, height)), number  # right margin 15 mm
        assert not ink(page, (0, height - 19, width, height)), number  # bottom margin 20 mm
        top = (0, 0, width, 19)
        if number == 1:
            assert not ink(page, top)  # no page number on page 1
        else:  # the number, centred in the top margin, and nothing else there
            assert ink(page, (width / 2 - 5, 5, width / 2 + 5, 14))
            assert not ink(page, (0, 0, width / 2 - 8, 19))
            assert not ink(page, (width / 2 + 8, 0, width, 19))


def test_the_rule_is_centred_under_the_issuing_body(report, tmp_path):
    page = pages_of(report, tmp_path)[0]
    left = page.crop((round(30 * PX_PER_MM), 0, round(92 * PX_PER_MM), round(50 * PX_PER_MM)))
    dark = [[x for x in range(left.width) if left.getpixel((x, y)) < 128]
            for y in range(left.height)]  # fmt: skip
    rule_y = next(y for y, xs in enumerate(dark) if len(xs) > 10 * PX_PER_MM
                  and xs[-1] - xs[0] + 1 == len(xs))  # one unbroken run: the rule  # fmt: skip
    rule = dark[rule_y]
    above = [y for y in range(rule_y - 1, 0, -1) if dark[y]]
    name_rows = [y for y in above if y > above[0] - 5 * PX_PER_MM]  # the line "XÃ BẢN XÈO"
    xs = [x for y in name_rows for x in dark[y]]
    name_centre, rule_centre = (min(xs) + max(xs)) / 2, (rule[0] + rule[-1]) / 2
    assert abs(name_centre - rule_centre) < 1 * PX_PER_MM
    assert 0.3 < len(rule) / (max(xs) - min(xs)) < 0.55  # 1/3 to 1/2 of the line


def test_the_text_a_clerk_checks(report, register):
    words = " ".join(text_of(report).split())
    # October of the commune fixture: Dính comes onto the list; An, whose circumstance ended
    # on 30/09 (September's last day, so an exit of September), leaves it in October.
    assert ("Trong kỳ: 1 trẻ em vào danh sách trẻ em có hoàn cảnh đặc biệt, 1 trẻ em ra khỏi "
            "danh sách; 1 trường hợp hoàn cảnh mới bắt đầu, 0 trường hợp kết thúc") in words
    assert "Cộng (mỗi trẻ một lần) 2 1 1 0 1 1 0 2" in words  # every column of the Cộng row
    assert "0–2 3–5 6–10 11–15" in words  # short headers whole, never "11–1 5"
    assert "Bảng 8. Người tham gia tập huấn theo vai trò" in words
    assert "Bảng 4. Vụ việc tiếp nhận trong kỳ theo loại" in words
    # the injury tables (5, 6; no hazard spot recorded, so no table of them) numbered in order
    assert "Bảng 5. Tai nạn, thương tích trẻ em" in words and "Bảng 7. Hoạt động" in words
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in words and words.count("Lò Văn Pá") == 1
    assert "Nơi nhận: - UBND tỉnh Lào Cai; - Lưu: VT." in words
    assert "Ghi chú — cách tính số liệu:" in words
    assert fonts.register() in ("Times New Roman", "Liberation Serif")
    embedded = subprocess.run(["pdffonts", str(report)], capture_output=True, text=True).stdout
    assert ("TimesNewRoman" in embedded or "LiberationSerif" in embedded)
    assert "IBMPlex" not in embedded


def test_an_empty_section_says_khong_co(register, tmp_path):
    path = tmp_path / "trong.pdf"
    service.write_report(register, "monthly", parse_period("2026-10"), "pdf", path)
    words = " ".join(text_of(path).split())
    for caption in ("Bảng 1. Trẻ em có hoàn cảnh đặc biệt theo nhóm, giới tính, độ tuổi",
                    "Bảng 3. Trợ giúp theo hình thức", "Bảng 7. Hoạt động theo loại"):
        assert f"{caption} Không có." in words, caption  # fmt: skip
    assert "(ký, ghi rõ họ tên, đóng dấu)" in words  # no signer set yet: room to write it


def test_a_heading_never_ends_a_page_without_its_table(register, tmp_path):
    """Push the heading down the first page step by step: wherever the page breaks, the
    heading and its table's first row are printed on the same page."""
    info = service.document_info(register)
    rows = [[f"Dòng {i}", i] for i in range(12)]
    for push in range(110, 190, 8):
        path = tmp_path / f"h{push}.pdf"
        body = [Spacer(1, push * mm), pdf.P("IV. CHỈ TIÊU THỐNG KÊ", "heading"),
                pdf.P("Bảng 9. Thử", "caption"), pdf.data_table(["Nội dung", "Số"], rows)]
        pdf.build(path, info, "BÁO CÁO", "Thử", body)
        page = next(p for p in (1, 2) if "IV. CHỈ TIÊU" in text_of(path, p))
        assert "Dòng 0" in text_of(path, page), push


def test_times_new_roman_is_used_where_the_pc_has_it(tmp_path):
    for style, names in fonts._TIMES.items():
        shutil.copy(fonts.shipped_files()[style], tmp_path / names[0])
    found = fonts.times_files((tmp_path,))
    assert found is not None and found["bold"].name == "timesbd.ttf"
    assert fonts.times_files((tmp_path / "khong-co",)) is None
    assert all(p.exists() for p in fonts.shipped_files().values())  # shipped with the app
    assert (fonts.shipped_files()["regular"].parent / "OFL.txt").exists()


def _libreoffice() -> str | None:
    return shutil.which("soffice")


@pytest.mark.skipif(_libreoffice() is None, reason="LibreOffice not here")
def test_libreoffice_prints_the_excel_report_on_a4_labels_beside_values(register, commune,  # noqa: F811
                                                                        tmp_path):  # fmt: skip
    book = tmp_path / "bc.xlsx"
    service.write_report(register, "monthly", parse_period("2026-10"), "xlsx", book)
    names = load_workbook(book).sheetnames
    assert names == ["Chỉ tiêu", "Trẻ em HCĐB", "Nguy cơ", "Trợ giúp", "Vụ việc",
                     "Tai nạn thương tích", "Điểm nguy cơ đuối nước", "Hoạt động", "Tập huấn",
                     "Cách tính"]  # the PDF's sections, one sheet each
    subprocess.run(
        [_libreoffice(), f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "in"), str(book)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    printed = tmp_path / "in" / "bc.pdf"
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert "595.3" in info and "841.89" in info  # A4
    assert pages <= len(names) + 1  # a page a sheet (the rules may run onto a second)
    first = text_of(printed, 1, layout=True)
    line = next(x for x in first.splitlines() if "Số trẻ em có hoàn cảnh đặc biệt" in x)
    assert line.split()[-1] == "2"  # the value printed beside its label
    assert f"Trang 1 / {pages}" in first
    ws = load_workbook(book)["Trẻ em HCĐB"]
    assert ws.print_title_rows == "$4:$4" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    cong = [c.value for c in list(ws.iter_rows(min_row=5))[-1]]
    assert cong[1] == "Cộng (mỗi trẻ một lần)" and cong[2:] == [2, 1, 1, 0, 1, 1, 0, 2]
