"""Thôn/bản (Settings): the commune's villages, added, renamed, merged and retired in the
application.

A village list used to come only from an Excel import, so after the first-run wizard the
child form refused every typed village. A village written two ways is merged into the right
one (its children and activities follow); one no longer used is retired — not offered for new
records while the records that name it keep it, so past figures do not move. Changes sync.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.db.changes import Changes
from desktop.db.models import Village
from desktop.db.register import Register
from desktop.domain.validation import Problem, validate_village_name
from desktop.ui.form_dialog import FormDialog
from desktop.ui.record_section import RecordSection
from desktop.ui.taskman import TaskManager
from desktop.ui.widgets import CodeCombo


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


class MergeVillageDialog(FormDialog):
    """Which village the chosen one is merged into."""

    def __init__(self, parent: QWidget | None, village: Village, others: list[Village], **kw: Any):
        super().__init__(parent, self.tr("Gộp thôn/bản"), **kw)
        self.setObjectName("mergeVillageDialog")
        intro = QLabel(
            self.tr(
                "Gộp “{name}” vào thôn/bản được chọn: trẻ em và hoạt động của “{name}” chuyển "
                "sang thôn/bản đó; “{name}” không còn trong danh sách (vẫn lưu trong nhật ký)."
            ).format(name=village.name)
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.target = CodeCombo([(v.id, v.name, ()) for v in others], allow_empty=True)
        self.target.setObjectName("mergeVillageTarget")
        self.add_row("id", self.tr("Gộp vào *"), self.target)
        self.finish()
        self.save_button.setText(self.tr("Gộp"))
        self.setMinimumWidth(460)

    def value(self) -> str | None:
        code = self.target.code()
        return None if code in (None, "?") else code

    def check(self) -> list[Problem]:
        return [] if self.value() else [Problem("id", "chọn thôn/bản để gộp vào.")]


class VillagesBox(QWidget):
    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__(objectName="villagesBox")
        self.register, self.tasks = register, tasks
        self.section: RecordSection[Village] = RecordSection(
            name="Village", headers=[self.tr("Tên thôn/bản"), self.tr("Tình trạng")],
            new_label=self.tr("Thêm thôn/bản…"), tasks=tasks, row=self._cells, stretch=0,
            describe=lambda v: self.tr("thôn/bản “{name}”").format(name=v.name),
            dialog=self.village_dialog, read_only=read_only, table_name="villageTable",
        )  # fmt: skip
        self.section.edit_button.setText(self.tr("Đổi tên…"))
        self.merge_button = QPushButton(self.tr("Gộp vào thôn/bản khác…"),
                                        objectName="mergeVillageButton")  # fmt: skip
        self.merge_button.clicked.connect(self.merge)
        self.retire_button = QPushButton(self.tr("Thôi dùng / dùng lại"),
                                         objectName="retireVillageButton")  # fmt: skip
        self.retire_button.clicked.connect(self.toggle_retired)
        for button in (self.merge_button, self.retire_button):
            self.section.add_action(button)
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

    def _cells(self, village: Village) -> tuple[str, str]:
        if village.retired_on is None:
            return village.name, self.tr("đang dùng")
        return village.name, self.tr("thôi dùng từ {day}").format(
            day=f"{village.retired_on:%d/%m/%Y}"
        )

    def merge(self) -> None:
        village = self.section.selected()
        if village is None:
            return
        keep_from = village.id
        others = [v for v in self.section.records if v.id != keep_from]
        dialog = MergeVillageDialog(
            self, village, others, tasks=self.tasks,
            save=lambda target: self.register.merge_villages(target, keep_from),
        )  # fmt: skip
        dialog.exec()
        dialog.deleteLater()

    def toggle_retired(self) -> None:
        village = self.section.selected()
        if village is None:
            return
        village_id, retired = village.id, village.retired_on is not None
        self.tasks.run_db(
            lambda: self.register.restore_village(village_id)
            if retired
            else self.register.retire_village(village_id)
        )

    def refresh(self) -> None:
        self.tasks.run_db(self.register.villages, self._show)

    def _show(self, villages: list[Village]) -> None:
        self.section.set_records(villages)
        self.section.set_summary(self.tr("{n} thôn/bản").format(n=len(villages)))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("village"):
            self.refresh()
