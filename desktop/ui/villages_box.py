"""Thôn/bản (Settings): the commune's villages, added and renamed in the application.

A village list used to come only from an Excel import, so after the first-run wizard the
child form refused every typed village. Changes sync like any other record.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop.db.changes import Changes
from desktop.db.models import Village
from desktop.db.register import Register
from desktop.domain.validation import Problem, validate_village_name
from desktop.ui.form_dialog import FormDialog
from desktop.ui.record_section import RecordSection
from desktop.ui.taskman import TaskManager


class VillageDialog(FormDialog):
    """The name of a new village, or a village's corrected name."""

    def __init__(self, parent: QWidget | None, name: str = "", **kw: Any):
        title = self.tr("Đổi tên thôn/bản") if name else self.tr("Thêm thôn/bản")
        super().__init__(parent, title, **kw)
        self.setObjectName("villageDialog")
        self.name = QLineEdit(name, objectName="villageName")
        self.name.setPlaceholderText(self.tr("Ví dụ: Thôn Sín Chải, Bản Nậm Cang"))
        self.add_row("name", self.tr("Tên thôn/bản *"), self.name)
        self.finish()
        self.setMinimumWidth(420)

    def value(self) -> str:
        return self.name.text()

    def check(self) -> list[Problem]:
        return validate_village_name(self.name.text())


class VillagesBox(QWidget):
    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__(objectName="villagesBox")
        self.register, self.tasks = register, tasks
        self.section: RecordSection[Village] = RecordSection(
            name="Village", headers=[self.tr("Tên thôn/bản")],
            new_label=self.tr("Thêm thôn/bản…"), tasks=tasks, row=lambda v: (v.name,),
            describe=lambda v: self.tr("thôn/bản “{name}”").format(name=v.name),
            dialog=self.village_dialog, read_only=read_only, table_name="villageTable",
        )  # fmt: skip
        self.section.edit_button.setText(self.tr("Đổi tên…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.section)
        self.refresh()

    def village_dialog(self, village: Village | None) -> VillageDialog:
        if village is None:

            def save(name: str) -> Changes:
                return self.register.add_village(name)
        else:
            village_id = village.id

            def save(name: str) -> Changes:
                return self.register.rename_village(village_id, name)

        return VillageDialog(
            self, village.name if village else "", tasks=self.tasks, save=save
        )

    def refresh(self) -> None:
        self.tasks.run_db(self.register.villages, self._show)

    def _show(self, villages: list[Village]) -> None:
        self.section.set_records(villages)
        self.section.set_summary(self.tr("{n} thôn/bản").format(n=len(villages)))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("village"):
            self.refresh()
