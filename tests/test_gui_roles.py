"""Every role can do what its role allows, page by page, in the real window.

An officer does everything; an assistant everything except protection cases and the audit
log; a viewer opens and reads every page it is shown — a child's record included — and
changes nothing. No page shows an error while being used within its role.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QPushButton

from desktop.domain.dates import PartialDate
from desktop.domain.programme import ActivityDraft
from desktop.ui import dialogs
from desktop.ui.main_window import MainWindow
from tests.conftest import draft
from tests.gui_helpers import wait_idle

PAGES = {
    "officer": ["children", "cases", "activities", "training", "plan", "reports", "sync",
                "audit", "injuries", "assessment", "settings"],
    "assistant": ["children", "activities", "training", "plan", "reports", "sync", "injuries",
                  "assessment", "settings"],
    "viewer": ["children", "activities", "training", "plan", "reports", "sync", "injuries",
               "assessment", "settings"],
}  # fmt: skip
CHANGING = ("newChildButton", "newActivityButton", "newCourseButton", "newTargetButton",
            "newFundEntryButton", "deleteActivityButton", "newInjuryButton",
            "newHazardSpotButton", "markAssessmentSent")  # fmt: skip


@pytest.fixture
def filled(register):
    register.add_child(draft(register, "Vàng Thị Mỷ", birth=PartialDate(2015, 3, 2)))
    register.add_activity(
        ActivityDraft("forum", "Diễn đàn trẻ em", date.today() - timedelta(days=2), child_male=3)
    )
    return register


@pytest.mark.parametrize("role", ["officer", "assistant", "viewer"])
def test_each_role_uses_every_page_it_is_shown(qtbot, filled, role, monkeypatch):
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text: errors.append(text))
    filled.login_as(filled.user, role)
    window = MainWindow(filled, role=role, username=role)
    window.show()
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    assert window.page_keys == PAGES[role]
    for key in window.page_keys:
        window.show_page(key)
        wait_idle(qtbot, window)
        assert window.current_page().isVisible(), key
    buttons = {name: window.findChild(QPushButton, name) for name in CHANGING}
    for name, button in buttons.items():
        assert button is not None, name
        assert button.isEnabled() == (role != "viewer"), (role, name)

    # Every role opens and reads a child's record (its opening is audited).
    window.show_page("children")
    page = window.children_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.open_row(0)
    qtbot.waitUntil(lambda: page.form.child_id is not None)
    wait_idle(qtbot, window)
    assert page.form.full_name.text() == "Vàng Thị Mỷ"
    assert page.form.save_button.isEnabled() == (role != "viewer")
    page.form.request_close()
    assert errors == []
    filled.login_as(filled.user, "officer")
    views = [e for e in filled.audit_entries() if e.action == "viewed"]
    assert [(v.entity, v.label) for v in views] == [("child", "Vàng Thị Mỷ")]
    window.close()
