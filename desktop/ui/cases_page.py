"""Trường hợp bảo vệ: protection cases with the steps and deadlines of Nghị định 56/2017.

Only the officer role sees this page (the main window does not create it for other roles).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.models import CaseStep
from desktop.db.register import CaseRow, Register
from desktop.domain import categories as cat
from desktop.domain.cases import (
    CASE_STATUSES,
    CASE_STEPS,
    STEP_CODES,
    overdue_steps,
    step_deadlines,
)
from desktop.domain.dates import DateTextError
from desktop.domain.validation import Problem
from desktop.domain.vntime import format_moment
from desktop.ui import dialogs, i18n
from desktop.ui.case_detail import CaseDetail, StepLine
from desktop.ui.fields import MomentField
from desktop.ui.flow import FlowRow
from desktop.ui.form_dialog import FormDialog, category_items
from desktop.ui.i18n import tr_label
from desktop.ui.record_section import RemoveDialog
from desktop.ui.taskman import TaskManager
from desktop.ui.widgets import CodeCombo

OVERDUE_BRUSH = QBrush(QColor("#fde2e1"))


_local = format_moment


def next_step(row: CaseRow) -> str | None:
    return next((code for code in STEP_CODES if code not in row.done), None)


class CasesPage(QWidget):
    open_child = Signal(str)  # double-click a case: open the child's record

    COLUMNS = ("Trẻ em", "Loại vụ việc", "Tiếp nhận", "Bước tiếp theo", "Hạn", "Tình trạng")

    def __init__(self, register: Register, tasks: TaskManager):
        super().__init__()
        self.setObjectName("casesPage")
        self.register = register
        self.tasks = tasks
        self.rows: list[CaseRow] = []
        self.table = QTableWidget(0, len(self.COLUMNS), objectName="caseTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.cellDoubleClicked.connect(self._open_child)
        self.summary = QLabel(objectName="caseSummary")
        add = QPushButton(self.tr("Tiếp nhận vụ việc mới…"), objectName="newCaseButton")
        add.clicked.connect(self.add_case)
        remove = QPushButton(self.tr("Xóa vụ việc nhập nhầm…"), objectName="removeCaseButton")
        remove.clicked.connect(self.remove_case)
        self.detail = CaseDetail(register, tasks, self.step_dialog)
        self.detail.open_child.connect(self.open_child)
        self.table.itemSelectionChanged.connect(self.show_selected)
        legend = QLabel(
            self.tr(
                "Hạn theo Nghị định 56/2017/NĐ-CP: đánh giá nguy cơ ban đầu trong 12 giờ kể từ "
                "khi nhận thông tin; kế hoạch hỗ trợ trong 7 ngày làm việc. Dòng tô đỏ là quá hạn."
            )
        )
        legend.setWordWrap(True)
        buttons = FlowRow()
        buttons.addWidget(self.summary)
        buttons.addStretch()
        for button in (add, remove):  # a step is recorded in the case's detail below
            buttons.addWidget(button)
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addLayout(buttons)
        listing_layout.addWidget(self.table, 1)
        listing_layout.addWidget(legend)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(listing)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        self.tasks.run_db(self.register.cases, self._show)

    def on_changes(self, changes) -> None:
        if changes.touches("protectioncase", "casestep", "child"):
            self.refresh()

    def selected(self) -> CaseRow | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def show_selected(self) -> None:
        """The chosen case in full, below the list (its opening is audited)."""
        case = self.selected()
        if case is None:
            self.detail.show_case(None, [])
            return

        def load() -> list[CaseStep]:
            self.register.record_view("protectioncase", case.id)
            return self.register.case_steps(case.id)

        self.tasks.run_db(load, lambda steps: self._show_detail(case, steps))

    def _show_detail(self, case: CaseRow, steps: list[CaseStep]) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.id == case.id:  # still the one chosen
            self.detail.show_case(case, steps)

    def _show(self, rows: list[CaseRow], now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        chosen = self.selected()
        self.rows = rows
        self.table.setRowCount(len(rows))
        overdue_count = 0
        for r, row in enumerate(rows):
            upcoming = next_step(row) if row.status == "open" else None
            deadlines = step_deadlines(row.received_at, row.done)
            late = overdue_steps(row.received_at, row.done, now) if row.status == "open" else []
            late_open = [s for s in late if s not in row.done]
            due = deadlines.get(upcoming) if upcoming else None
            status = i18n.label(CASE_STATUSES, row.status)
            if late_open:
                overdue_count += 1
                status = self.tr("QUÁ HẠN: ") + ", ".join(
                    i18n.label(CASE_STEPS, s).split(" (")[0] for s in late_open
                )
            values = (
                row.child_name,
                i18n.label(cat.CASE_TYPES, row.case_type) + (" ⚠" if row.emergency else ""),
                _local(row.received_at),
                i18n.label(CASE_STEPS, upcoming) if upcoming else "",
                _local(due),
                status,
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if late_open:
                    item.setBackground(OVERDUE_BRUSH)
                    item.setData(Qt.ItemDataRole.UserRole, "overdue")
                self.table.setItem(r, c, item)
        self.summary.setText(
            self.tr("{n} vụ việc, {late} quá hạn").format(n=len(rows), late=overdue_count)
        )
        ids = [row.id for row in rows]
        if chosen is not None and chosen.id in ids:
            self.table.selectRow(ids.index(chosen.id))
        elif rows:
            self.table.selectRow(0)
        self.show_selected()

    def _open_child(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows):
            case_id = self.rows[row].id
            self.tasks.run_db(lambda: self.register.record_view("protectioncase", case_id))
            self.open_child.emit(self.rows[row].child_id)

    def add_case(self) -> None:
        dialog = CaseDialog(
            self, self.register, tasks=self.tasks,
            save=lambda values: self.register.open_case(**values),
        )  # fmt: skip
        dialog.exec()
        dialog.deleteLater()

    def complete_step(self) -> None:
        if self.selected() is None:
            dialogs.inform(self, self.tr("Ghi nhận bước"), self.tr("Chọn một vụ việc trước."))
            return
        dialog = self.step_dialog(None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_selected()
        dialog.deleteLater()

    def step_dialog(self, line: StepLine | None) -> StepDialog:
        """Record a step of the chosen case — the one chosen below, or the next — or correct
        one already recorded (its time and notes)."""
        case = self.selected()
        assert case is not None
        done = line.done if line is not None else None
        if done is not None:
            step_id = done.id

            def save(values: tuple[str, datetime, str]) -> object:
                _step, done_at, notes = values
                return self.register.update_case_step(step_id, done_at, notes)

            return StepDialog(self, case, done, tasks=self.tasks, save=save)

        def record(values: tuple[str, datetime, str]) -> object:
            step, done_at, notes = values
            return self.register.complete_case_step(case.id, step, done_at, notes)

        dialog = StepDialog(self, case, tasks=self.tasks, save=record)
        if line is not None:
            dialog.step.setCurrentIndex(max(0, dialog.step.findData(line.code)))
        return dialog

    def remove_case(self) -> None:
        case = self.selected()
        if case is None:
            dialogs.inform(self, self.tr("Xóa vụ việc"), self.tr("Chọn một vụ việc trước."))
            return
        question = self.tr(
            "Xóa vụ việc “{kind}” của {name} (nhận tin {at})? Vụ việc và các bước được đánh "
            "dấu đã xóa kèm lý do, vẫn lưu trong nhật ký và được đồng bộ."
        ).format(
            kind=i18n.label(cat.CASE_TYPES, case.case_type), name=case.child_name,
            at=format_moment(case.received_at),
        )  # fmt: skip
        dialog = RemoveDialog(
            self, self.tr("Xóa vụ việc nhập nhầm"), question, tasks=self.tasks,
            save=lambda reason: self.register.remove_case(case.id, reason),
        )  # fmt: skip
        dialog.exec()
        dialog.deleteLater()


class CaseDialog(FormDialog):
    """A case is reported: which child, what happened, when and by whom (Mẫu số 01)."""

    def __init__(self, parent: QWidget | None, register: Register, **kw):
        super().__init__(parent, self.tr("Tiếp nhận vụ việc"), **kw)
        self.setObjectName("caseDialog")
        self.register = register
        self.child_search = QLineEdit(objectName="caseChildSearch")
        self.child_search.setPlaceholderText(self.tr("Gõ tên trẻ (không dấu cũng được)"))
        self.child = QComboBox(objectName="caseChild")
        self.child_search.textChanged.connect(self._find)
        self.case_type = QComboBox(objectName="caseType")
        for c in cat.CASE_TYPES:
            self.case_type.addItem(tr_label(c.label), c.code)
        self.received = MomentField(datetime.now(UTC), name="caseReceived")
        self.source = CodeCombo(
            [(c, label, ("111", "tong dai") if c == "hotline_111" else ())
             for c, label, _ in category_items(cat.REPORT_SOURCES)]
        )  # fmt: skip
        self.source.setObjectName("caseSource")
        self.reported_by = QLineEdit(objectName="caseReportedBy")
        self.reported_by.setPlaceholderText(self.tr("Họ tên, chức vụ, số điện thoại nếu có"))
        self.summary = QLineEdit(objectName="caseSummaryText")
        self.emergency = QCheckBox(self.tr("Nguy cơ gây tổn hại nghiêm trọng (can thiệp khẩn cấp)"))
        self.add_row("child_search", self.tr("Tìm trẻ"), self.child_search)
        self.add_row("child_id", self.tr("Trẻ em *"), self.child)
        self.add_row("case_type", self.tr("Loại vụ việc *"), self.case_type)
        self.add_row("received_at", self.tr("Nhận tin lúc (giờ Việt Nam) *"), self.received)
        self.add_row("report_source", self.tr("Nguồn tin *"), self.source)
        self.add_row("reported_by", self.tr("Người báo tin"), self.reported_by)
        self.add_row("summary", self.tr("Tóm tắt"), self.summary)
        self.add_row("emergency", "", self.emergency)
        self.finish()
        self.setMinimumWidth(520)

    def _find(self, text: str) -> None:
        self.child.clear()
        for row in self.register.find(text, limit=30):
            self.child.addItem(f"{row.full_name} ({row.birth.display()}, {row.village})", row.id)

    def child_id(self) -> str | None:
        return self.child.currentData()

    def _received(self, problems: list[Problem]) -> datetime | None:
        try:
            moment = self.received.value()
        except DateTextError as exc:
            problems.append(Problem("received_at", f"{exc}."))
            return None
        if moment is None:
            problems.append(Problem("received_at", "không được để trống."))
        return moment

    def value(self) -> dict:
        return {
            "child_id": self.child_id(),
            "case_type": self.case_type.currentData(),
            "received_at": self._received([]),
            "report_source": self.source.code() or None,
            "reported_by": self.reported_by.text().strip(),
            "summary": self.summary.text().strip(),
            "emergency": self.emergency.isChecked(),
        }

    def check(self) -> list[Problem]:
        problems: list[Problem] = []
        if self.child_id() is None:
            problems.append(Problem("child_id", "tìm và chọn trẻ em."))
        source = self.source.code()
        if source in (None, "?"):
            problems.append(Problem("report_source", "chọn nguồn tin (Tổng đài 111, thôn …)."))
        self._received(problems)
        return problems


class StepDialog(FormDialog):
    """A step of the procedure was done: which, when (Vietnam time), and notes."""

    def __init__(
        self, parent: QWidget | None, case: CaseRow, done: CaseStep | None = None, **kw
    ):
        title = self.tr("Sửa bước đã ghi — {name}") if done else self.tr(
            "Ghi nhận bước đã làm — {name}"
        )  # fmt: skip
        super().__init__(parent, title.format(name=case.child_name), **kw)
        self.setObjectName("stepDialog")
        self.step = QComboBox(objectName="stepChoice")
        for s in CASE_STEPS:
            if (done is None and s.code not in case.done) or (done and s.code == done.step):
                self.step.addItem(tr_label(s.label), s.code)
        self.step.setEnabled(done is None)
        self.done_at = MomentField(
            done.done_at if done else datetime.now(UTC), name="stepDoneAt"
        )
        self.notes = QLineEdit(done.notes if done else "", objectName="stepNotes")
        self.add_row("step", self.tr("Bước *"), self.step)
        self.add_row("done_at", self.tr("Hoàn thành lúc (giờ Việt Nam) *"), self.done_at)
        self.add_row("notes", self.tr("Ghi chú"), self.notes)
        self.finish()
        self.setMinimumWidth(480)

    def _done_at(self, problems: list[Problem]) -> datetime | None:
        try:
            moment = self.done_at.value()
        except DateTextError as exc:
            problems.append(Problem("done_at", f"{exc}."))
            return None
        if moment is None:
            problems.append(Problem("done_at", "không được để trống."))
        return moment

    def value(self) -> tuple[str, datetime | None, str]:
        return self.step.currentData(), self._done_at([]), self.notes.text().strip()

    def check(self) -> list[Problem]:
        problems: list[Problem] = []
        if self.step.currentData() is None:
            problems.append(Problem("step", "mọi bước đã được ghi nhận."))
        self._done_at(problems)
        return problems
