"""One protection case in full: the child, who reported it and how, and every step of the
procedure of Nghị định 56/2017 with its form (Mẫu 01–05), its deadline, when it was done and
by whom, late completions marked — and the steps corrected or removed with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.db.models import CaseStep
from desktop.db.register import CaseRow, Register
from desktop.domain import categories as cat
from desktop.domain.cases import CASE_STEPS, STEP_FORMS, overdue_steps, step_deadlines
from desktop.domain.validation import Problem, ValidationError
from desktop.domain.vntime import format_moment
from desktop.ui import i18n
from desktop.ui.record_section import RecordSection
from desktop.ui.taskman import TaskManager


@dataclass(frozen=True)
class StepLine:
    """A step of the procedure as the case stands: done (with its row) or still to do."""

    code: str
    due: datetime | None
    done: CaseStep | None
    late: bool

    @property
    def id(self) -> str:
        return self.done.id if self.done is not None else f"todo:{self.code}"


def step_lines(case: CaseRow, steps: list[CaseStep], now: datetime) -> list[StepLine]:
    """Every step of the procedure in order, with what was done (the latest entry of each)."""
    done = {s.step: s for s in sorted(steps, key=lambda s: s.done_at or now)}
    moments = {code: s.done_at for code, s in done.items() if s.done_at is not None}
    due = step_deadlines(case.received_at, moments)
    late = set(overdue_steps(case.received_at, moments, now))
    return [StepLine(s.code, due[s.code], done.get(s.code), s.code in late) for s in CASE_STEPS]


class CaseDetail(QWidget):
    open_child = Signal(str)

    def __init__(self, register: Register, tasks: TaskManager, step_dialog: Any):
        super().__init__(objectName="caseDetail")
        self.register, self.tasks = register, tasks
        self.case: CaseRow | None = None
        self.heading = QLabel(objectName="caseHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 600;")
        self.facts = QLabel(objectName="caseFacts")
        self.facts.setWordWrap(True)
        self.steps: RecordSection[StepLine] = RecordSection(
            name="CaseStep",
            headers=[self.tr("Bước"), self.tr("Biểu mẫu"), self.tr("Hạn"),
                     self.tr("Hoàn thành lúc"), self.tr("Người ghi"), self.tr("Ghi chú")],
            new_label=self.tr("Ghi nhận bước đã làm…"), tasks=tasks, row=self._cells,
            describe=lambda line: self.tr("bước “{step}”").format(
                step=i18n.label(CASE_STEPS, line.code)),
            dialog=step_dialog,
            remove=self._remove_step,
            remove_title=self.tr("Xóa bước ghi nhầm"), table_name="caseStepTable", stretch=5,
        )  # fmt: skip
        self.child_button = QPushButton(self.tr("Mở hồ sơ trẻ"), objectName="openCaseChild")
        self.child_button.clicked.connect(
            lambda: self.case is not None and self.open_child.emit(self.case.child_id)
        )
        self.steps.add_action(self.child_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.steps, 1)
        self.show_case(None, [])

    def show_case(self, case: CaseRow | None, steps: list[CaseStep]) -> None:
        self.case = case
        self.setEnabled(case is not None)
        if case is None:
            self.heading.setText(self.tr("Chọn một vụ việc để xem từng bước."))
            self.facts.setText("")
            self.steps.set_records([])
            return
        kind = i18n.label(cat.CASE_TYPES, case.case_type)
        self.heading.setText(f"{case.child_name} — {kind}" + (" ⚠" if case.emergency else ""))
        source = i18n.label(cat.REPORT_SOURCES, case.report_source) if case.report_source else ""
        who = ", ".join(part for part in (source, case.reported_by) if part)
        self.facts.setText(
            self.tr("Nhận tin lúc {at} (giờ Việt Nam); nguồn tin: {who}. {summary}").format(
                at=format_moment(case.received_at), who=who or self.tr("không ghi"),
                summary=case.summary,
            )
        )
        self.steps.set_records(step_lines(case, steps, datetime.now(UTC)))

    def _cells(self, line: StepLine) -> tuple:
        done = line.done
        when = format_moment(done.done_at) if done is not None else ""
        if line.late:
            when = (when + " " if when else "") + self.tr("(QUÁ HẠN)")
        return (
            i18n.label(CASE_STEPS, line.code).split(" (")[0],
            STEP_FORMS.get(line.code, ""),
            format_moment(line.due),
            when,
            done.updated_by if done is not None else "",
            done.notes if done is not None else "",
        )

    def _remove_step(self, line: StepLine, reason: str) -> Any:
        if line.done is None:
            raise ValidationError([Problem("step", "bước này chưa được ghi nhận.")])
        return self.register.remove_case_step(line.done.id, reason)

    def selected_step(self) -> StepLine | None:
        return self.steps.selected()
