"""Every counting rule of the tally (`figures.COUNTING_RULES`) has a test here named after it,
and is stated in the PDF, the Excel report and the README."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.dates import PartialDate
from desktop.domain.periods import parse_period
from desktop.domain.validation import CircumstanceDraft
from desktop.reports import service
from desktop.reports.figures import COUNTING_RULES
from tests.conftest import TODAY, draft

NOW = datetime(2026, 12, 20, 12, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
RULES = dict(COUNTING_RULES)


def tally(register, code: str) -> dict:
    return service.tally(register, parse_period(code), now=NOW)


def add(register, name: str, **kw) -> str:
    return register.add_child(draft(register, name, **kw), today=TODAY).created_id


def special(register, child: str, group: str, start: date, end: date | None = None) -> None:
    register.add_circumstance(child, CircumstanceDraft("special", group, start, end), today=TODAY)


def test_every_rule_has_a_test_named_after_it():
    source = Path(__file__).read_text(encoding="utf-8")
    named = set(re.findall(r"^def test_rule_(\w+)\(", source, re.M))
    assert named == set(RULES)


def test_rule_period_end(register):
    mai = add(register, "Đặng Thị Mai", birth=PartialDate(2016, 2, 25))
    special(register, mai, "d", date(2026, 11, 3))  # begins after October
    assert tally(register, "2026-10")["special"]["children"] == 0
    assert tally(register, "2026-11")["special"]["children"] == 1


def test_rule_end_day_counts(register):
    mai = add(register, "Đặng Thị Mai", birth=PartialDate(2016, 2, 25))
    special(register, mai, "d", date(2026, 3, 1), date(2026, 10, 31))  # ends on October's last day
    october, november = tally(register, "2026-10")["special"], tally(register, "2026-11")["special"]
    assert october["children"] == 1 and october["exits"] == 1  # counted, and an exit of October
    assert october["children_left"] == 0
    assert november["children"] == 0 and november["children_left"] == 1 and november["exits"] == 0


def test_rule_partial_birth_born(register):
    add(register, "Vàng A Dính", birth=PartialDate(2026))  # born "2026": from 01/01/2026
    add(register, "Vàng Thị Súa", birth=PartialDate(2026, 3))  # born "03/2026": from 01/03
    assert tally(register, "2026-01")["children_under_16"]["total"] == 1
    assert tally(register, "2026-03")["children_under_16"]["total"] == 2


def test_rule_partial_birth_age(register):
    old = add(register, "Lò Văn Ơn", sex="M", birth=PartialDate(2010))  # 16 certainly on 31/12/2026
    special(register, old, "d", date(2025, 1, 1))
    november = tally(register, "2026-11")
    assert november["children_under_16"]["total"] == 1
    assert november["special"]["by_group"]["d"]["by_age"]["11-15"] == 1  # 15, from 31/12/2010
    assert tally(register, "2026-12")["children_under_16"]["total"] == 0


def test_rule_moved_deceased(register):
    moved = add(register, "Sùng Thị Mỷ", birth=PartialDate(2015), status="moved")
    special(register, moved, "c", date(2020, 1, 1))
    add(register, "Hờ Thị Dua", birth=PartialDate(2018), status="deceased")
    for period in ("2024-05", "2026-10"):  # even before they left: status has no history yet
        f = tally(register, period)
        assert f["children_under_16"]["total"] == 0 and f["special"]["children"] == 0


def test_rule_ethnic_minority(register):
    for name, ethnic in (("Nguyễn Văn An", "01"), ("Vàng A Dính", "08"), ("Lê Thị Hoa", None)):
        child = add(register, name, birth=PartialDate(2016), ethnic_code=ethnic)
        special(register, child, "d", date(2025, 1, 1))
    group = tally(register, "2026-10")["special"]["by_group"]["d"]
    assert group["total"] == 3 and group["ethnic_minority"] == 1  # Kinh and unknown are not


def test_rule_groups_and_total(register):
    mai = add(register, "Đặng Thị Mai", birth=PartialDate(2016, 2, 25), ethnic_code="09")
    special(register, mai, "d", date(2025, 1, 1))
    special(register, mai, "n", date(2025, 6, 1))
    f = tally(register, "2026-10")["special"]
    assert f["by_group"]["d"]["total"] == f["by_group"]["n"]["total"] == 1
    assert f["children"] == 1 and f["totals"]["total"] == 1 and f["totals"]["female"] == 1
    assert f["totals"]["ethnic_minority"] == 1 and f["totals"]["by_age"]["6-10"] == 1


def test_rule_entries_exits(register):
    mai = add(register, "Đặng Thị Mai", birth=PartialDate(2016, 2, 25))
    special(register, mai, "d", date(2025, 1, 1), date(2026, 10, 10))
    special(register, mai, "n", date(2026, 10, 5))  # a new circumstance of a child on the list
    an = add(register, "Nguyễn Văn An", sex="M", birth=PartialDate(2012, 5, 1))
    special(register, an, "c", date(2025, 1, 1), date(2026, 10, 20))
    f = tally(register, "2026-10")["special"]
    assert (f["entries"], f["exits"]) == (1, 2)  # circumstances begun and ended
    assert (f["children_entered"], f["children_left"]) == (0, 1)  # only An left the list


def test_rule_supported(register):
    mai = add(register, "Đặng Thị Mai", birth=PartialDate(2016, 2, 25))
    an = add(register, "Nguyễn Văn An", sex="M", birth=PartialDate(2012, 5, 1))
    special(register, mai, "d", date(2025, 1, 1))
    special(register, an, "c", date(2025, 1, 1))
    register.add_support(mai, "allowance", date(2026, 10, 5), 540_000, "state", today=TODAY)
    register.add_support(an, "allowance", date(2026, 9, 5), 540_000, "state", today=TODAY)
    f = tally(register, "2026-10")["support"]
    assert f["special_supported"] == 1 and f["special_supported_pct"] == 50.0


def test_rule_cases(register):
    mai = add(register, "Đặng Thị Mai", birth=PartialDate(2016, 2, 25))
    # 23:30 on 31/10 in Vietnam is 16:30 UTC: an October case, whatever the PC's zone.
    register.open_case(mai, "violence", datetime(2026, 10, 31, 16, 30, tzinfo=UTC))
    register.open_case(mai, "sexual_abuse", datetime(2026, 10, 20, 8, tzinfo=UTC))
    october, november = tally(register, "2026-10")["cases"], tally(register, "2026-11")["cases"]
    assert october["received"] == 2 and october["abused_children"] == 1  # one child, once
    assert october["open_at_end"] == 2 and november["received"] == 0


def test_rule_activities_training(register):
    register.add_activity(
        activity_type="forum", title="Diễn đàn trẻ em", start_date=date(2026, 10, 31),
        end_date=date(2026, 11, 1), adult_male=1, adult_female=1, child_male=5, child_female=5,
        special_children=0,
    )  # fmt: skip
    october, november = tally(register, "2026-10"), tally(register, "2026-11")
    assert october["activities"]["count"] == 1 and october["activities"]["participants"] == 12
    assert november["activities"]["count"] == 0


@pytest.fixture
def documents(register, tmp_path) -> dict[str, str]:
    mai = add(register, "Đặng Thị Mai", birth=PartialDate(2016, 2, 25))
    special(register, mai, "d", date(2025, 1, 1))
    period = parse_period("2026-10")
    service.write_report(register, "monthly", period, "pdf", tmp_path / "bc.pdf")
    service.write_report(register, "monthly", period, "xlsx", tmp_path / "bc.xlsx")
    pdf = subprocess.run(["pdftotext", str(tmp_path / "bc.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    sheet = load_workbook(tmp_path / "bc.xlsx")["Cách tính"]
    return {
        "pdf": " ".join(pdf.split()),
        "xlsx": " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value),
        "readme": " ".join((ROOT / "README.md").read_text(encoding="utf-8").split()),
    }


def test_every_rule_is_stated_in_the_pdf_the_excel_report_and_the_readme(documents):
    for key, text in COUNTING_RULES:
        for where, words in documents.items():
            assert " ".join(text.split()) in words, (key, where)
