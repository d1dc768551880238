"""Under the child form: the circumstances the child is in and the supports received.

Two record sections — add, correct, remove (with a reason) — and "Kết thúc hoàn cảnh…" for a
circumstance that has ended. The saves run on the database worker inside their dialogs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QPushButton, QTabWidget

from desktop.db.models import Circumstance, Support
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.domain.money import format_vnd
from desktop.domain.validation import CircumstanceDraft
from desktop.ui import dialogs, i18n
from desktop.ui.history_dialogs import CircumstanceDialog, EndDialog, SupportDialog, SupportValues
from desktop.ui.record_section import RecordSection
from desktop.ui.taskman import TaskManager


def _group(c: Circumstance) -> str:
    groups = cat.SPECIAL_GROUPS if c.kind == "special" else cat.DEFAULT_RISK_GROUPS
    return f"{c.group_code} – {i18n.label(groups, c.group_code)}"


class ChildHistory(QTabWidget):
    changed = Signal()  # something of the history was saved

    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__(objectName="childHistory")
        self.register, self.tasks, self.read_only = register, tasks, read_only
        self.child_id: str | None = None
        self.circumstance_section: RecordSection[Circumstance] = RecordSection(
            name="Circumstance",
            headers=[self.tr("Loại"), self.tr("Nhóm"), self.tr("Từ ngày"), self.tr("Đến ngày"),
                     self.tr("Lý do kết thúc")],
            new_label=self.tr("Thêm hoàn cảnh…"), tasks=tasks, row=self._circumstance_cells,
            describe=lambda c: self.tr("hoàn cảnh “{group}”").format(group=_group(c)),
            dialog=self.circumstance_dialog, read_only=read_only,
            remove=lambda c, reason: self.register.remove_circumstance(c.id, reason),
            remove_title=self.tr("Xóa hoàn cảnh nhập nhầm"), table_name="circumstanceTable",
        )  # fmt: skip
        self.end_button = QPushButton(
            self.tr("Kết thúc hoàn cảnh đã chọn…"), objectName="endCircumstanceButton"
        )
        self.end_button.clicked.connect(self.end_circumstance)
        self.circumstance_section.add_action(self.end_button)
        self.support_section: RecordSection[Support] = RecordSection(
            name="Support",
            headers=[self.tr("Ngày"), self.tr("Hình thức"), self.tr("Số tiền"), self.tr("Nguồn")],
            new_label=self.tr("Thêm trợ giúp…"), tasks=tasks, row=self._support_cells,
            describe=lambda s: self.tr("trợ giúp “{kind}” ngày {day}").format(
                kind=i18n.label(cat.SUPPORT_TYPES, s.support_type), day=f"{s.given_on:%d/%m/%Y}"),
            dialog=self.support_dialog, read_only=read_only,
            remove=lambda s, reason: self.register.remove_support(s.id, reason),
            remove_title=self.tr("Xóa trợ giúp nhập nhầm"), table_name="supportTable",
        )  # fmt: skip
        for section in (self.circumstance_section, self.support_section):
            section.saved.connect(self._saved)
        self.addTab(self.circumstance_section, self.tr("Hoàn cảnh đặc biệt và nguy cơ"))
        self.addTab(self.support_section, self.tr("Trợ giúp đã nhận"))

    # ---- showing -----------------------------------------------------------------------------

    def show_child(self, child_id: str | None, circumstances: list, supports: list) -> None:
        self.child_id = child_id
        self.circumstance_section.set_records(circumstances)
        self.support_section.set_records(supports)
        self.setEnabled(child_id is not None)

    def reload(self) -> None:
        child_id = self.child_id
        if child_id is None:
            return
        self.tasks.run_db(
            lambda: (self.register.circumstances_of(child_id), self.register.supports_of(child_id)),
            lambda result: self.show_child(child_id, *result),
        )

    @staticmethod
    def _circumstance_cells(c: Circumstance) -> tuple:
        return (
            i18n.label(cat.CIRCUMSTANCE_KINDS, c.kind),
            _group(c),
            c.start_date.strftime("%d/%m/%Y"),
            c.end_date.strftime("%d/%m/%Y") if c.end_date else "",
            c.end_reason,
        )

    @staticmethod
    def _support_cells(s: Support) -> tuple:
        return (
            s.given_on.strftime("%d/%m/%Y"),
            i18n.label(cat.SUPPORT_TYPES, s.support_type),
            format_vnd(s.amount_vnd),
            i18n.label(cat.FUNDING_SOURCES, s.funding_source),
        )

    # ---- dialogs -----------------------------------------------------------------------------

    def circumstance_dialog(self, c: Circumstance | None) -> CircumstanceDialog:
        child_id = self.child_id
        assert child_id is not None
        if c is None:

            def save(draft: CircumstanceDraft) -> Any:
                return self.register.add_circumstance(child_id, draft)

            return CircumstanceDialog(self, tasks=self.tasks, save=save)
        circumstance_id = c.id
        draft = CircumstanceDraft(
            c.kind, c.group_code, c.start_date, c.end_date, c.sub_code, c.end_reason, c.notes
        )
        return (
            CircumstanceDialog(
                self, draft, tasks=self.tasks,
                save=lambda d: self.register.update_circumstance(circumstance_id, d),
            )
        )  # fmt: skip

    def support_dialog(self, s: Support | None) -> SupportDialog:
        child_id = self.child_id
        assert child_id is not None
        if s is None:
            return (
                SupportDialog(
                    self, tasks=self.tasks,
                    save=lambda v: self.register.add_support(child_id, **v.as_kwargs()),
                )
            )  # fmt: skip
        support_id = s.id
        values = SupportValues(s.support_type, s.given_on, s.amount_vnd, s.funding_source, s.notes)
        return (
            SupportDialog(
                self, values, tasks=self.tasks,
                save=lambda v: self.register.update_support(support_id, **v.as_kwargs()),
            )
        )  # fmt: skip

    def end_circumstance(self) -> None:
        c = self.circumstance_section.selected()
        if c is None or self.read_only:
            dialogs.inform(self, self.tr("Kết thúc hoàn cảnh"), self.tr("Chọn một dòng trước."))
            return
        circumstance_id = c.id

        def save(value: tuple) -> Any:
            end, reason = value
            return self.register.end_circumstance(circumstance_id, end, reason)

        dialog = EndDialog(self, c.start_date, tasks=self.tasks, save=save)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._saved()
        dialog.deleteLater()

    def _saved(self) -> None:
        self.reload()
        self.changed.emit()
