"""The tally: one module computes the figures; PDF, Excel and JSON carry the same numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from desktop.domain.dates import PartialDate
from desktop.domain.periods import PeriodError, parse_period
from desktop.domain.validation import CircumstanceDraft
from desktop.reports import service
from tests.conftest import TODAY, draft

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def test_periods():
    assert parse_period("2026-10").end == date(2026, 10, 31)
    assert parse_period("2026-2").end == date(2026, 2, 28)
    h1 = parse_period("2026-H1")
    assert (h1.start, h1.end, h1.label) == (
        date(2026, 1, 1),
        date(2026, 6, 30),
        "6 tháng đầu năm 2026",
    )
    assert parse_period("2026").label == "năm 2026"
    with pytest.raises(PeriodError, match="tháng 13 không hợp lệ"):
        parse_period("2026-13")
    with pytest.raises(PeriodError, match="không hợp lệ"):
        parse_period("quý 3")
    with pytest.raises(PeriodError, match="báo cáo tháng cần kỳ kiểu 2026-10"):
        service.period_for("monthly", "2026-H1")


@pytest.fixture
def commune(register):
    """A small commune whose figures can be counted by hand."""
    add = lambda name, **kw: register.add_child(draft(register, name, **kw), today=TODAY).created_id  # noqa: E731
    ids = {
        "mai": add("Đặng Thị Mai", birth=PartialDate(2016, 2, 25), ethnic_code="09"),
        "dinh": add("Vàng A Dính", sex="M", birth=PartialDate(2020), ethnic_code="08"),
        "an": add("Nguyễn Văn An", sex="M", birth=PartialDate(2012, 5, 1), ethnic_code="01"),
        "old": add("Lò Văn Ơn", sex="M", birth=PartialDate(2010, 12, 1), ethnic_code="26"),
        "moved": add("Sùng Thị Mỷ", birth=PartialDate(2015), status="moved"),
    }
    circ = register.add_circumstance
    circ(ids["mai"], CircumstanceDraft("special", "d", date(2025, 3, 1)), today=TODAY)
    circ(
        ids["dinh"],
        CircumstanceDraft("special", "a", date(2026, 10, 10), sub_code="a3"),
        today=TODAY,
    )
    circ(
        ids["an"],
        CircumstanceDraft("special", "n", date(2024, 1, 1), date(2026, 9, 30)),
        today=TODAY,
    )
    circ(ids["an"], CircumstanceDraft("risk", "r07", date(2026, 1, 1)), today=TODAY)
    circ(ids["old"], CircumstanceDraft("special", "d", date(2026, 11, 5)), today=TODAY)
    register.add_support(ids["mai"], "allowance", date(2026, 10, 5), 540_000, "state", today=TODAY)
    register.add_support(ids["an"], "health", date(2026, 10, 6), None, "state", today=TODAY)
    register.open_case(ids["dinh"], "violence", datetime(2026, 10, 20, 8, tzinfo=UTC))
    register.add_activity(
        activity_type="forum", title="Diễn đàn trẻ em xã", start_date=date(2026, 10, 12),
        adult_male=3, adult_female=4, child_male=20, child_female=25, special_children=2,
        cost_vnd=1_500_000, funding_source="state",
    )  # fmt: skip
    register.add_course(
        [{"role": "collaborator", "sex": "F", "count": 12},
         {"role": "village_head", "sex": "M", "count": 8}],
        topic="abuse_prevention", title="Lớp 1", start_date=date(2026, 10, 15),
    )  # fmt: skip
    return ids


def test_monthly_figures_follow_the_histories(register, commune):
    f = service.tally(register, parse_period("2026-10"), now=NOW)
    # Under 16 on 31/10/2026: Mai, Dính, An, Ơn (turns 16 on 01/12/2026); "moved" left.
    assert f["children_under_16"] == {"total": 4, "male": 3, "female": 1}
    special = f["special"]
    # Mai (d, since 2025) and Dính (a, from 10/10); An's group n ended 30/09; Ơn starts 05/11.
    assert special["children"] == 2
    assert special["by_group"]["d"]["total"] == 1 and special["by_group"]["d"]["female"] == 1
    # Dính, born "2020": counted from 31/12/2020, so 5 on 31/10/2026 (the 3–5 band)
    assert special["by_group"]["a"]["by_age"]["3-5"] == 1
    assert special["by_group"]["d"]["ethnic_minority"] == 1
    assert (special["entries"], special["exits"]) == (1, 0)
    assert f["risk"]["by_group"]["r07"]["total"] == 1
    assert (
        f["support"]["special_supported"] == 1
    )  # Mai; An's health support came after group n ended
    assert f["support"]["special_supported_pct"] == 50.0
    assert f["support"]["by_type"]["allowance"] == {"count": 1, "amount_vnd": 540_000}
    assert f["cases"]["received"] == 1 and f["cases"]["overdue_at_end"] == 1
    assert f["cases"]["abused_children"] == 1
    assert f["activities"]["by_type"]["forum"]["participants"] == 52
    assert f["training"]["courses"] == 1
    assert f["training"]["participants"]["by_role"]["collaborator"] == {"male": 0, "female": 12}
    september = service.tally(register, parse_period("2026-09"), now=NOW)
    assert september["special"]["children"] == 2  # Mai and An (n ended on 30/09, last day)
    assert september["special"]["exits"] == 1


def test_a_later_correction_does_not_change_an_earlier_month(register, commune):
    before = service.tally(register, parse_period("2026-10"), now=NOW)
    register.add_circumstance(
        commune["mai"], CircumstanceDraft("special", "l", date(2026, 11, 20)), today=TODAY
    )
    after = service.tally(register, parse_period("2026-10"), now=NOW)
    assert {k: v for k, v in after.items() if k != "generated_at"} == {
        k: v for k, v in before.items() if k != "generated_at"
    }


def test_pdf_is_an_administrative_document_with_the_same_numbers(register, commune, tmp_path):
    path = tmp_path / "bao-cao.pdf"
    figures = service.write_report(register, "monthly", parse_period("2026-10"), "pdf", path)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )  # words joined again where table cells wrapped them
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN",
        "XÃ BẢN XÈO", "Số:", "/BC-UBND", "BÁO CÁO", "tháng 10 năm 2026", "Nơi nhận:",
        "UBND tỉnh Lào Cai;", "Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
        "Trẻ em khuyết tật", "Trẻ em mồ côi cả cha và mẹ", "Số trẻ em bị xâm hại (chỉ tiêu 0101)",
        "Tổng số trẻ em dưới 16 tuổi cuối kỳ: 4 (nam 3, nữ 1)", "540.000 đ", "(50%)",
    ):  # fmt: skip
        assert expected in text, expected
    assert figures["special"]["children"] == 2
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "A4" in pages or "595.28 x 841.89" in pages


def test_long_tables_repeat_their_header_and_pages_are_numbered_from_page_two(register, tmp_path):
    from desktop.reports import pdf

    rows = [[f"Dòng {i}", i] for i in range(120)]
    path = tmp_path / "long.pdf"
    info = service.document_info(register)
    pdf.build(path, info, "BÁO CÁO", "Thử bảng dài", [pdf.data_table(["Nội dung", "Số"], rows)])
    pages = []
    for page in (1, 2, 3, 4):
        pages.append(
            subprocess.run(
                ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                capture_output=True, text=True, check=True,
            ).stdout
        )  # fmt: skip
    assert pages[1].strip().splitlines()[0].strip() == "2"  # number centred in the top margin
    assert not pages[0].strip().splitlines()[0].strip().isdigit()  # none on page 1
    assert all("Nội dung" in page for page in pages)  # the header row repeats on every page
    assert "Dòng 119" in pages[3]


def test_json_and_excel_tally_carry_the_same_figures(register, commune, tmp_path):
    period = parse_period("2026-10")
    service.write_report(register, "monthly", period, "json", tmp_path / "t.json")
    data = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert data["schema"] == "sotreem.tally/1" and data["period"]["code"] == "2026-10"
    service.write_report(register, "monthly", period, "xlsx", tmp_path / "t.xlsx")
    wb = load_workbook(tmp_path / "t.xlsx")
    indicators = {r[1]: r[2] for r in wb["Chỉ tiêu"].iter_rows(min_row=4, values_only=True)}
    assert indicators["Số trẻ em có hoàn cảnh đặc biệt"] == data["special"]["children"] == 2
    assert indicators["Số trẻ em (dưới 16 tuổi)"] == 4


def test_register_export_reads_back(register, commune, tmp_path):
    child = register.add_child(
        draft(register, "Giàng Thị Súa", caregiver_name="=HYPERLINK(\"http://x\")",
              notes="+84 912 345 678", personal_id="015316012345", birth_registered=True,
              health_insurance=False),
        today=TODAY,
    ).created_id  # fmt: skip
    assert child
    path = tmp_path / "so.xlsx"
    count = service.export_register(register, path)
    assert count == 6
    wb = load_workbook(path)
    ws = wb["Trẻ em"]
    assert ws["A1"].value == "DANH SÁCH TRẺ EM — XÃ BẢN XÈO"
    assert "thông tin cá nhân" in ws["A2"].value
    headers = [c.value for c in ws[4]]
    assert headers[:8] == ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Sắp xếp theo ngày sinh",
                           "Dân tộc", "Thôn/bản", "Số định danh cá nhân"]  # fmt: skip
    assert ws.freeze_panes == "C5" and ws.auto_filter.ref.startswith("A4:")
    rows = {r[1]: r for r in ws.iter_rows(min_row=5, values_only=True)}
    # One text form for every birth date, and a helper column that sorts them as dates.
    assert (rows["Đặng Thị Mai"][3], rows["Đặng Thị Mai"][4]) == ("25/02/2016", "2016-02-25")
    assert (rows["Vàng A Dính"][3], rows["Vàng A Dính"][4]) == ("2020", "2020")
    births = [ws.cell(r, 4) for r in range(5, ws.max_row + 1)]
    assert all(c.data_type == "s" for c in births)
    helper = sorted(r[4] for r in rows.values())
    assert helper[0] == "2010-12-01" and helper[-1] == "2020"
    assert rows["Đặng Thị Mai"][16] == "d – Trẻ em khuyết tật"
    sua = rows["Giàng Thị Súa"]
    assert sua[7] == "015316012345"  # the ID stays text, leading zero kept
    assert sua[12] == '=HYPERLINK("http://x")' and sua[20] == "+84 912 345 678"
    # Yes/no boxes: "Có", "Không", and "Chưa rõ" for the form's third state, never blank.
    assert (sua[8], sua[9], rows["Vàng A Dính"][8]) == ("Có", "Không", "Chưa rõ")
    by_name = {ws.cell(r, 2).value: r for r in range(5, ws.max_row + 1)}
    formula_cell = ws.cell(by_name["Giàng Thị Súa"], 13)
    assert formula_cell.data_type == "s" and formula_cell.quotePrefix
    assert [r[1] for r in ws.iter_rows(min_row=5, values_only=True)][:2] == [
        "Nguyễn Văn An",
        "Vàng A Dính",
    ]  # Vietnamese order: An, Dính, Mai, Mỷ, Súa, Ơn


def test_report_and_export_commands(tmp_path):
    db = tmp_path / "xa.db"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args],
                              capture_output=True, text=True)  # fmt: skip

    assert run("demo", "--children", "120").returncode == 0
    out = run("report", "monthly", "--period", "2026-10", "--format", "json", "-o",
              str(tmp_path / "r.json"))  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert (
        json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["area"]["name"]
        == "Xã Bản Xèo"
    )
    bad = run("report", "annual", "--period", "2026-10", "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "báo cáo năm cần kỳ kiểu 2026" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()
    assert run("export", "register", "-o", str(tmp_path / "so.xlsx")).returncode == 0
    sheet = load_workbook(tmp_path / "so.xlsx")["Trẻ em"]
    assert sheet.max_row == 4 + 120
    # The printable list as this process's first PDF: its table is measured before any
    # paragraph is made (the fonts were once registered only by the paragraphs).
    printed = run("export", "register", "-o", str(tmp_path / "so.pdf"))
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "so.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert all(name in " ".join(text.split()) for name in names[:3]), text[:500]
    wrong = run("export", "register", "-o", str(tmp_path / "so.csv"))
    assert wrong.returncode == 2 and ".xlsx" in wrong.stderr


def test_activities_trainings_and_all_exports(register, commune, tmp_path):
    service.export(register, "activities", tmp_path / "hd.xlsx")
    ws = load_workbook(tmp_path / "hd.xlsx")["Hoạt động"]
    row = [c.value for c in ws[5]]
    assert row[1] == "Diễn đàn trẻ em xã" and row[2] == "Diễn đàn trẻ em"
    assert row[3] == datetime(2026, 10, 12) and row[13] == 52  # total participants
    service.export(register, "trainings", tmp_path / "th.xlsx")
    ws = load_workbook(tmp_path / "th.xlsx")["Tập huấn"]
    headers = [c.value for c in ws[4]]
    row = dict(zip(headers, [c.value for c in ws[5]], strict=True))
    assert (row["Tổng"], row["Nam"], row["Nữ"], row["Cộng tác viên"]) == (20, 8, 12, 12)
    service.export(register, "all", tmp_path / "all.xlsx")
    names = load_workbook(tmp_path / "all.xlsx").sheetnames
    assert names[:3] == ["Trẻ em", "Hoạt động", "Tập huấn"] and "Chỉ tiêu" in names


def test_next_report_carries_the_correction_of_the_previous_one(register, commune, tmp_path):
    september = parse_period("2026-09")
    service.mark_sent(register, "monthly", september, service.tally(register, september), TODAY)
    late = register.add_child(
        draft(register, "Giàng Thị Súa", birth=PartialDate(2019)), today=TODAY
    )
    register.add_circumstance(
        late.created_id, CircumstanceDraft("special", "b", date(2026, 9, 15)), today=TODAY
    )  # recorded in November, but it began in September
    path = tmp_path / "thang-10.pdf"
    service.write_report(register, "monthly", parse_period("2026-10"), "pdf", path)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "V. ĐIỀU CHỈNH SỐ LIỆU BÁO CÁO THÁNG 09 NĂM 2026" in text
    assert "Số trẻ em có hoàn cảnh đặc biệt 2 3" in text
    unchanged = tmp_path / "thang-11.pdf"
    service.write_report(register, "monthly", parse_period("2026-11"), "pdf", unchanged)
    text = subprocess.run(["pdftotext", str(unchanged), "-"], capture_output=True, text=True).stdout
    assert "ĐIỀU CHỈNH" not in text  # October was never marked as sent
