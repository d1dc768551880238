"""Every page and dialog fits the officer's screen: 1366×768 with a taskbar, also at 125 %
display scaling (1092×582 logical pixels) and at 1280×720, in Vietnamese and in English, with
long realistic data (1,000 villages, long names, a fund of 12-digit sums).

A page may scroll vertically when it is tall (the child form, Settings, the plan and fund);
none may need a horizontal scroll bar, and none may push the window past the screen.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

from desktop.db.register import Register
from desktop.domain.dates import PartialDate
from desktop.domain.injuries import HazardDraft, InjuryDraft
from desktop.domain.programme import ActivityDraft, CourseDraft, FundDraft, ParticipantEntry
from desktop.domain.validation import ChildDraft, CircumstanceDraft
from desktop.ui.app import install_language, uninstall_language
from desktop.ui.fit import SMALL_SCREEN
from desktop.ui.main_window import MainWindow
from tests.conftest import COMMUNE

# Its tests share one expensive fixture: `make test` (pytest -n) runs them on one worker.
pytestmark = pytest.mark.xdist_group("gui-fit")

SCREENS = {
    "125%": QSize(*SMALL_SCREEN),  # 1366×768 at 125 % scaling, less a 40-pixel taskbar
    "1280×720": QSize(1280, 680),
    "1366×768": QSize(1366, 728),
}
TALL_PAGES = {"children", "settings", "plan", "sync"}  # may scroll vertically
TODAY = date.today()
LONG = "Thôn Nậm Khánh Thượng, khu tái định cư thủy điện Bản Vẽ số"


@pytest.fixture(scope="module")
def full_register(tmp_path_factory):
    reg = Register.open(tmp_path_factory.mktemp("fit") / "sotreem.db")
    populate(reg)
    yield reg
    reg.close()


def populate(reg: Register) -> None:
    """A commune with long realistic data."""
    reg.init_commune(COMMUNE)
    with reg.batch():
        for n in range(1000):
            reg.add_village(f"{LONG} {n + 1}")
        village = reg.village_id_by_name(f"{LONG} 1")
        for n in range(60):
            child = reg.add_child(
                ChildDraft(
                    full_name=f"Hoàng Thị Phương Thảo Nguyễn Ngọc Diễm Quỳnh {n}",
                    sex="F", birth=PartialDate(2014, 2, 1 + n % 27), ethnic_code="08",
                    village_id=village, caregiver_name="Hoàng Văn Thống Nhất Toàn Quốc",
                    caregiver_relation="Ông bà nội ngoại", notes="Ghi chú rất dài " * 20,
                )
            ).created_id  # fmt: skip
        reg.add_fund_entry(
            FundDraft("received", "cash", TODAY - timedelta(days=3), 999_999_999_999,
                      donor="Tổng công ty Điện lực Miền Bắc, chi nhánh tỉnh Lào Cai",
                      purpose="Vận động ủng hộ Quỹ Bảo trợ trẻ em " * 3)
        )  # fmt: skip
        reg.add_fund_entry(
            FundDraft("spent", "in_kind", TODAY - timedelta(days=2), 888_888_888_888,
                      recipient="Trẻ em có hoàn cảnh đặc biệt của 1.000 thôn bản",
                      items="Quà Tết Trung thu, áo ấm, chăn bông, sách vở " * 3,
                      purpose="Tặng quà Tết Trung thu cho trẻ em có hoàn cảnh đặc biệt")
        )  # fmt: skip
        reg.add_activity(
            ActivityDraft("communication", "Truyền thông phòng chống xâm hại trẻ em " * 3,
                          TODAY - timedelta(days=5), place="Nhà văn hóa thôn " * 4,
                          village_id=village, child_male=40, child_female=44,
                          special_children=12, cost_vnd=123_456_789_012, funding_source="state")
        )  # fmt: skip
        reg.add_course(
            [ParticipantEntry("collaborator", "F", 1, "Giàng Thị Súa Thị Mỷ Lan Hương Dua")],
            CourseDraft("abuse_prevention", "Tập huấn kỹ năng phòng chống xâm hại " * 3,
                        TODAY - timedelta(days=4), place="Hội trường UBND xã " * 3),
        )  # fmt: skip
        for year in (TODAY.year,):
            reg.set_plan_target(year, "courses", 9)
            reg.set_plan_target(year, "fund_raised", 999_999_999_999)
            reg.set_plan_target(year, "injury_skills_pct", 93, age_from=6, age_to=15)
        reg.add_injury(
            InjuryDraft(TODAY - timedelta(days=6), "animal", "severe", "other", village,
                        child_id=child, notes="Bị chó cắn khi đi học về " * 10)
        )  # fmt: skip
        reg.add_injury(
            InjuryDraft(TODAY - timedelta(days=7), "drowning", "death", "river", village,
                        child_name="Giàng Thị Súa Thị Mỷ Lan Hương Dua Pàng Chi",
                        child_sex="F", child_birth_year=TODAY.year - 9, child_village_id=village)
        )  # fmt: skip
        reg.add_hazard_spot(
            HazardDraft(village, "dam", "Hồ chứa nước thủy lợi đầu bản, bờ dốc, không có lối "
                        "lên " * 3, ("sign", "fence", "cover", "rescue", "watch"), None,
                        TODAY - timedelta(days=2), notes="Cần làm thêm rào chắn " * 10)
        )  # fmt: skip
        reg.set_assessment_entry(TODAY.year, "1", met=True, evidence="Kế hoạch số 12 " * 30)


@pytest.fixture(params=["vi", "en"])
def language(request, qapp):
    if request.param == "en":
        install_language(qapp, "en")
    yield request.param
    if request.param == "en":
        uninstall_language(qapp)


@pytest.fixture
def window(qtbot, full_register, language):
    win = MainWindow(full_register, role="officer", username="Cán bộ phụ trách công tác trẻ em")
    win.show()
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    yield win
    win.children_page.form._clean = None
    win.close()


def settle(qtbot, win) -> None:
    qtbot.waitUntil(lambda: win.tasks.pending == 0 and not win._refresh_timer.isActive())
    QApplication.processEvents()


def page_fits(win: MainWindow, key: str) -> list[str]:
    """What does not fit of the page on show: [] when it all does."""
    frame = win.pages.currentWidget()
    page = win.current_page()
    need = page.minimumSizeHint().expandedTo(page.minimumSize())
    room = frame.viewport().size()
    problems = []
    if need.width() > room.width():
        problems.append(f"{key}: {need.width()} px wide in {room.width()}")
    if key not in TALL_PAGES and need.height() > room.height():
        problems.append(f"{key}: {need.height()} px tall in {room.height()}")
    return problems


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_page_fits_the_screen(qtbot, window, screen):
    size = SCREENS[screen]
    window.resize(size)
    problems = []
    for key in window.page_keys:
        window.show_page(key)
        settle(qtbot, window)
        problems += page_fits(window, key)
        hint = window.minimumSizeHint()
        assert hint.width() <= size.width() and hint.height() <= size.height(), (key, hint)
        assert window.width() <= size.width() and window.height() <= size.height(), key
    window.show_page("children")
    window.children_page.open_row(0)
    settle(qtbot, window)
    problems += page_fits(window, "children")  # the child form
    window.children_page.form._clean = None
    window.children_page.show_list()
    assert problems == [], "\n".join(problems)


def dialogs_to_measure(win: MainWindow) -> dict[str, QWidget]:
    """Every dialog of the pages, holding long data where it can."""
    from desktop.ui.cases_page import CaseDialog
    from desktop.ui.export_flow import FilePasswordDialog
    from desktop.ui.history_dialogs import CircumstanceDialog, EndDialog, SupportDialog
    from desktop.ui.record_section import RemoveDialog
    from desktop.ui.villages_box import VillageDialog

    reg = win.register
    activity = reg.activities()[0]
    course = reg.courses()[0]
    fund = reg.fund_entries()[0]
    target = reg.plan_progress(TODAY.year)[0]
    injury = reg.injuries()[0]
    spot = reg.hazard_spots()[0]
    win.assessment_page.refresh()
    while win.tasks.pending:
        QApplication.processEvents()
    criterion = next(r for r in win.assessment_page.section.records if r.number == "6")
    made: dict[str, QWidget] = {
        "activity": win.activities_page.activity_dialog(activity),
        "course": win.training_page.course_dialog(course),
        "target": win.plan_page.target_dialog(target),
        "fund": win.plan_page.fund_dialog(fund),
        "circumstance": CircumstanceDialog(win, CircumstanceDraft("special", "a", TODAY)),
        "end": EndDialog(win, TODAY),
        "support": SupportDialog(win),
        "remove": RemoveDialog(win, "Xóa hoạt động", "Xóa hoạt động “" + LONG * 3 + "”?"),
        "village": VillageDialog(win, LONG),
        "case": CaseDialog(win, reg),
        "password": FilePasswordDialog(win, "danh-sach-tre-em-" + "rat-dai-" * 12 + ".xlsx"),
        "injury": win.injuries_page.injury_dialog(injury),
        "hazard": win.injuries_page.hazard_dialog(spot),
        "entry": win.assessment_page.entry_dialog(criterion),
    }
    return made


@pytest.mark.parametrize("screen", ["125%"])
def test_every_dialog_fits_the_screen(qtbot, window, screen):
    size = SCREENS[screen]
    too_big = {}
    for name, dialog in dialogs_to_measure(window).items():
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        hint = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if hint.width() > size.width() or hint.height() > size.height():
            too_big[name] = (hint.width(), hint.height())
        dialog.close()
    assert too_big == {}
