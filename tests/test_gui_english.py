"""The English interface is complete: no page shows a Vietnamese interface string.

Every page is opened in English over a register whose own data (names, villages) is typed
without diacritics, and every text the interface itself shows — labels, buttons, group and
tab titles, table headers, placeholders, tooltips, combo items of code lists — is checked for
Vietnamese letters. Official unit names (Xã Bản Xèo, Tỉnh Lào Cai) are data and allowed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from desktop import reference
from desktop.domain.dates import PartialDate
from desktop.domain.injuries import HazardDraft, InjuryDraft
from desktop.domain.programme import ActivityDraft
from desktop.domain.validation import ChildDraft
from desktop.ui.app import install_language, uninstall_language
from desktop.ui.main_window import MainWindow
from tests.conftest import COMMUNE

VIETNAMESE = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]"
)


@pytest.fixture
def english(qapp):
    install_language(qapp, "en")
    yield
    uninstall_language(qapp)


@pytest.fixture
def plain_register(register):
    """The conftest register with its own data typed without diacritics."""
    for village in register.villages():
        register.rename_village(village.id, "Village " + str(len(village.name)))
    village_id = register.villages()[0].id
    register.add_child(
        ChildDraft(full_name="Vang Thi My", sex="F", birth=PartialDate(2015, 3, 2),
                   ethnic_code="08", village_id=village_id)
    )  # fmt: skip
    register.add_activity(
        ActivityDraft("forum", "Children's forum", date.today() - timedelta(days=2), child_male=3)
    )
    register.add_injury(
        InjuryDraft(date.today(), "drowning", "severe", "river", village_id,
                    child_name="Sung A Pao",
                    child_sex="M", child_birth_year=date.today().year - 8,
                    child_village_id=village_id)
    )  # fmt: skip
    register.add_hazard_spot(
        HazardDraft(village_id, "pond", "Pond by the school road", ("sign",), None, date.today())
    )
    return register


def official_names() -> set[str]:
    """Proper names that stay as they are in English: units, ethnic groups, the word for
    Vietnamese in the language list, the legal group letter đ, the đồng sign, the example of
    a signer's name."""
    commune = reference.unit(COMMUNE)
    assert commune is not None
    province = reference.unit(commune.parent_code or "")
    names = {commune.name, commune.former_district or "", "Tiếng Việt", "đ –", " đ",
             "TT-BLĐTBXH", "QĐ-TTg", "1,5 triệu", "Thôn Sín Chải, Bản Nậm Cang",
             "Lò Văn Pá"}  # fmt: skip
    if province:
        names.add(province.name)
    names |= {g.name for g in reference.ethnic_groups().values() if g.name != "Người nước ngoài"}
    return {n for n in names if n}


def interface_texts(page: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text the interface shows on `page`."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: str) -> None:
        if text and widget.isVisibleTo(page):
            found.append((f"{type(widget).__name__}#{widget.objectName()}.{what}", text))

    for w in page.findChildren(QWidget):
        if isinstance(w, QLabel | QAbstractButton):
            add(w, "text", w.text())
        elif isinstance(w, QGroupBox):
            add(w, "title", w.title())
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, f"tab{i}", w.tabText(i))
        elif isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        if isinstance(w, QComboBox) and not w.isEditable():  # code lists, not typed data
            for i in range(w.count()):
                add(w, f"item{i}", w.itemText(i))
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                add(w, f"header{c}", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
        add(w, "tooltip", w.toolTip())
    return found


def test_no_page_shows_a_vietnamese_interface_string(qtbot, english, plain_register):
    window = MainWindow(plain_register, role="officer", username="Officer")
    window.resize(1366, 728)
    window.show()
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    allowed = official_names()
    untranslated = []
    for key in window.page_keys:
        window.show_page(key)
        qtbot.waitUntil(lambda: window.tasks.pending == 0)
        QApplication.processEvents()
        for where, text in interface_texts(window.current_page()):
            rest = text
            for name in sorted(allowed, key=len, reverse=True):
                rest = rest.replace(name, "")
            if VIETNAMESE.search(rest):
                untranslated.append(f"{key}: {where}: {text!r}")
        if key == "reports":
            reports = window.reports_page
            reports.period.setText("2026-10")
            reports.show_report()
            qtbot.waitUntil(lambda r=reports: "2026" in r.preview.toPlainText())
            text = reports.preview.toPlainText()
            untranslated += untranslated_in(allowed, "report preview", text)
    for name, dialog in english_dialogs(window).items():
        dialog.show()
        QApplication.processEvents()
        texts = [("title", dialog.windowTitle()), *interface_texts(dialog)]
        for where, text in texts:
            untranslated += untranslated_in(allowed, f"{name} dialog: {where}", text)
        dialog.close()
        dialog.deleteLater()
    window.close()
    assert untranslated == [], "\n".join(untranslated)


def untranslated_in(allowed: set[str], where: str, text: str) -> list[str]:
    rest = text
    for name in sorted(allowed, key=len, reverse=True):
        rest = rest.replace(name, "")
    return [f"{where}: {text!r}"] if VIETNAMESE.search(rest) else []


def english_dialogs(win: MainWindow) -> dict[str, QWidget]:
    from desktop.ui.cases_page import CaseDialog
    from desktop.ui.history_dialogs import CircumstanceDialog, EndDialog, SupportDialog
    from desktop.ui.merge_dialog import MergeDialog
    from desktop.ui.record_section import RemoveDialog
    from desktop.ui.villages_box import MergeVillageDialog, VillageDialog

    [child] = win.register.find("vang thi my")
    villages = win.register.villages()
    injuries = win.injuries_page
    criterion = next(r for r in win.assessment_page.section.records if r.number == "6")
    entered = next(r for r in win.assessment_page.section.records if r.number == "7")

    return {
        "activity": win.activities_page.activity_dialog(),
        "course": win.training_page.course_dialog(),
        "target": win.plan_page.target_dialog(),
        "fund": win.plan_page.fund_dialog(),
        "circumstance": CircumstanceDialog(win),
        "end": EndDialog(win),
        "support": SupportDialog(win),
        "remove": RemoveDialog(win, "Remove", "Remove it?"),
        "village": VillageDialog(win),
        "case": CaseDialog(win, win.register),
        "merge": MergeDialog(win, win.register, child.id, child.full_name),
        "merge village": MergeVillageDialog(win, villages[0], villages[1:]),
        "injury": injuries.injury_dialog(win.register.injuries()[0]),
        "new injury": injuries.injury_dialog(),
        "hazard": injuries.hazard_dialog(win.register.hazard_spots()[0]),
        "criterion": win.assessment_page.entry_dialog(criterion),
        "entered criterion": win.assessment_page.entry_dialog(entered),
    }
