"""Protection cases in the real window: times typed and shown in Vietnam time, whatever the
PC's time zone; the dialogs check what they are given before anything is saved."""

from __future__ import annotations

import os
import time
from datetime import datetime

import pytest

from desktop.domain.dates import PartialDate
from desktop.domain.vntime import VIETNAM_TZ
from desktop.ui.cases_page import CaseDialog, StepDialog
from desktop.ui.main_window import MainWindow
from tests.conftest import draft
from tests.gui_helpers import drive, replace_text, type_text, wait_idle


@pytest.fixture
def berlin_pc(monkeypatch):
    """A second-hand PC left on Central European time."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.fixture
def window(qtbot, register):
    register.add_child(draft(register, "Sùng Thị Mai", birth=PartialDate(2014, 5, 1)))
    win = MainWindow(register, role="officer", username="Cán bộ")
    win.show()
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    yield win
    win.close()


def test_a_case_received_at_half_past_two_is_half_past_two_in_vietnam(
    qtbot, window, register, monkeypatch, berlin_pc
):
    assert os.environ["TZ"] == "Europe/Berlin"

    def fill(d: CaseDialog):
        type_text(d.child_search, "sung thi mai")
        assert d.child.count() == 1
        replace_text(d.received, "14:30 05/11/2026")
        type_text(d.source, "111")
        type_text(d.reported_by, "Trực ban tổng đài")

    drive(monkeypatch, qtbot, CaseDialog, fill)
    window.show_page("cases")
    window.cases_page.add_case()
    wait_idle(qtbot, window)
    [case] = register.cases()
    assert case.report_source == "hotline_111"
    assert case.received_at.astimezone(VIETNAM_TZ) == datetime(2026, 11, 5, 14, 30,
                                                                tzinfo=VIETNAM_TZ)  # fmt: skip
    page = window.cases_page
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 2).text() == "14:30 05/11/2026"


def test_a_case_without_a_child_or_with_an_unreadable_time_is_not_saved(
    qtbot, window, register, monkeypatch
):
    seen = []

    def fill(d: CaseDialog):
        replace_text(d.received, "chiều qua")
        d.try_accept()
        seen.append(d.problem_texts())

    drive(monkeypatch, qtbot, CaseDialog, fill)
    window.show_page("cases")
    window.cases_page.add_case()
    assert seen == [{
        "child_id": "Trẻ em: tìm và chọn trẻ em.",
        "report_source": "Nguồn tin: chọn nguồn tin (Tổng đài 111, thôn …).",
        "received_at": "Thời điểm tiếp nhận: “chiều qua” không phải là giờ và ngày (nhập ví dụ "
        "14:30 05/06/2026).",
    }]  # fmt: skip
    assert register.cases() == []


def test_a_step_done_is_recorded_at_the_vietnam_time_typed(
    qtbot, window, register, monkeypatch, berlin_pc
):
    [child] = register.find("sung thi mai")
    register.open_case(child.id, "violence", datetime(2026, 11, 5, 7, 30, tzinfo=VIETNAM_TZ))
    page = window.cases_page
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    page.table.selectRow(0)

    def fill(d: StepDialog):
        replace_text(d.done_at, "16:00 05/11/2026")

    drive(monkeypatch, qtbot, StepDialog, fill)
    page.complete_step()
    wait_idle(qtbot, window)
    [case] = register.cases()
    assert case.done["risk_assessment"].astimezone(VIETNAM_TZ) == datetime(
        2026, 11, 5, 16, 0, tzinfo=VIETNAM_TZ
    )


def test_a_pc_on_another_time_zone_is_pointed_out(qtbot, window, berlin_pc, monkeypatch):
    from desktop.ui import dialogs

    window.check_clock()
    wait_idle(qtbot, window)  # the answer to this check, not to the one made at start
    assert window.clock_warning.isVisible()
    told = []
    monkeypatch.setattr(dialogs, "inform", lambda parent, title, text: told.append(text))
    window.clock_warning.click()
    assert told and told[0].startswith("Múi giờ của máy là UTC+1, không phải giờ Việt Nam")


def test_a_pc_on_vietnam_time_says_nothing(qtbot, window, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        window.check_clock()
        wait_idle(qtbot, window)
        assert window.clock_problems == [] and not window.clock_warning.isVisible()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_case_shows_every_step_with_its_form_deadline_who_and_lateness(
    qtbot, window, register, monkeypatch
):
    from desktop.ui.record_section import RemoveDialog

    [child] = register.find("sung thi mai")
    received = datetime(2026, 11, 5, 7, 30, tzinfo=VIETNAM_TZ)
    register.open_case(child.id, "violence", received, reported_by="Trực ban",
                       report_source="hotline_111")  # fmt: skip
    [case] = register.cases()
    late = datetime(2026, 11, 6, 9, 0, tzinfo=VIETNAM_TZ)  # 25½ hours after: past 12 hours
    register.complete_case_step(case.id, "risk_assessment", late, "Gặp trẻ tại trường")
    page = window.cases_page
    window.show_page("cases")
    page.refresh()
    detail = page.detail
    qtbot.waitUntil(lambda: detail.steps.table.rowCount() == 6)
    rows = [[detail.steps.table.item(r, c).text() for c in range(6)] for r in range(6)]
    assert rows[0][:2] == ["Tiếp nhận thông tin", "Mẫu số 01"]
    assert rows[1] == [
        "Đánh giá nguy cơ ban đầu", "Mẫu số 02", "19:30 05/11/2026",
        "09:00 06/11/2026 (QUÁ HẠN)", register.user, "Gặp trẻ tại trường",
    ]  # fmt: skip
    assert "nguồn tin: Tổng đài điện thoại quốc gia 111, Trực ban" in detail.facts.text()

    # the time was typed wrongly: corrected, the step is no longer late
    detail.steps.table.selectRow(1)
    drive(monkeypatch, qtbot, StepDialog, lambda d: replace_text(d.done_at, "15:00 05/11/2026"))
    detail.steps.edit()
    qtbot.waitUntil(lambda: detail.steps.table.item(1, 3).text() == "15:00 05/11/2026")

    # a step recorded by mistake is removed with a reason
    detail.steps.table.selectRow(1)
    drive(monkeypatch, qtbot, RemoveDialog, lambda d: replace_text(d.reason, "Ghi nhầm vụ việc"))
    detail.steps.remove()
    qtbot.waitUntil(lambda: detail.steps.table.item(1, 3).text() == "(QUÁ HẠN)")  # not done
    assert "risk_assessment" not in register.cases()[0].done
    [entry] = [e for e in register.audit_entries() if e.action == "deleted"]
    assert entry.entity == "casestep" and entry.detail.endswith("lý do: Ghi nhầm vụ việc")


def test_a_case_entered_by_mistake_is_removed_with_its_steps(qtbot, window, register, monkeypatch):
    from desktop.ui.record_section import RemoveDialog

    [child] = register.find("sung thi mai")
    register.open_case(child.id, "abandonment", datetime(2026, 11, 5, 7, 30, tzinfo=VIETNAM_TZ))
    page = window.cases_page
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    page.table.selectRow(0)
    drive(monkeypatch, qtbot, RemoveDialog, lambda d: replace_text(d.reason, "Báo tin trùng"))
    page.remove_case()
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    assert register.cases() == []
    with register.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT COUNT(*) FROM casestep WHERE deleted")).scalar_one() == 1


def test_what_the_server_said_of_the_clock_is_pointed_out(qtbot, window, register, monkeypatch):
    from desktop.domain.clock_skew import ClockReading
    from desktop.sync import server_clock

    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        three_years = 3 * 365 * 86_400_000
        server_clock.remember(register, ClockReading(10**12, 10**12 + three_years))
        window.check_clock()
        wait_idle(qtbot, window)
        [said] = window.clock_problems
        assert said.startswith("Đồng hồ của máy tính này đang nhanh hơn giờ của máy chủ 3 năm.")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
