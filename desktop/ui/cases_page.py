"""Trường hợp bảo vệ: protection cases with the steps and deadlines of Nghị định 56/2017.

Only the officer role sees this page (the main window does not create it for other roles).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.register import CaseRow, Register
from desktop.domain import categories as cat
from desktop.domain.cases import (
    CASE_STATUSES,
    CASE_STEPS,
    STEP_CODES,
    VIETNAM_TZ,
    overdue_steps,
    step_deadlines,
)
from desktop.ui import dialogs, errors, i18n
from desktop.ui.i18n import tr_label
from desktop.ui.taskman import TaskManager

OVERDUE_BRUSH = QBrush(QColor("#fde2e1"))


def _local(moment: datetime | None) -> str:
    return moment.astimezone(VIETNAM_TZ).strftime("%H:%M %d/%m/%Y") if moment else ""


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
        step = QPushButton(self.tr("Ghi nhận bước đã làm…"), objectName="caseStepButton")
        step.clicked.connect(self.complete_step)
        legend = QLabel(
            self.tr(
                "Hạn theo Nghị định 56/2017/NĐ-CP: đánh giá nguy cơ ban đầu trong 12 giờ kể từ "
                "khi nhận thông tin; kế hoạch hỗ trợ trong 7 ngày làm việc. Dòng tô đỏ là quá hạn."
            )
        )
        legend.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(add)
        buttons.addWidget(step)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        self.refresh()

    def refresh(self) -> None:
        self.tasks.run_db(self.register.cases, self._show)

    def on_changes(self, changes) -> None:
        if changes.touches("protectioncase", "casestep", "child"):
            self.refresh()

    def _show(self, rows: list[CaseRow], now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
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

    def _open_child(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows):
            case_id = self.rows[row].id
            self.tasks.run_db(lambda: self.register.record_view("protectioncase", case_id))
            self.open_child.emit(self.rows[row].child_id)

    def add_case(self) -> None:
        dialog = CaseDialog(self, self.register)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.child_id() is None:
            return
        values = dialog.values()
        self.tasks.run_db(
            lambda: self.register.open_case(**values),
            on_error=lambda e: errors.report(self, e, self.tr("Không lưu được")),
        )

    def complete_step(self) -> None:
        r = self.table.currentRow()
        if not 0 <= r < len(self.rows):
            dialogs.inform(self, self.tr("Ghi nhận bước"), self.tr("Chọn một vụ việc trước."))
            return
        case = self.rows[r]
        self.tasks.run_db(lambda: self.register.record_view("protectioncase", case.id))
        dialog = StepDialog(self, case)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        step, done_at, notes = dialog.values()
        self.tasks.run_db(
            lambda: self.register.complete_case_step(case.id, step, done_at, notes),
            on_error=lambda e: errors.report(self, e, self.tr("Không lưu được")),
        )


class CaseDialog(QDialog):
    def __init__(self, parent: QWidget, register: Register):
        super().__init__(parent)
        self.register = register
        self.setWindowTitle(self.tr("Tiếp nhận vụ việc"))
        self.child_search = QLineEdit()
        self.child_search.setPlaceholderText(self.tr("Gõ tên trẻ (không dấu cũng được)"))
        self.child = QComboBox()
        self.child_search.textChanged.connect(self._find)
        self.case_type = QComboBox()
        for c in cat.CASE_TYPES:
            self.case_type.addItem(tr_label(c.label), c.code)
        self.received = QDateTimeEdit(QDateTime.currentDateTime())
        self.received.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.reported_by = QLineEdit()
        self.reported_by.setPlaceholderText(self.tr("Tổng đài 111, trưởng thôn, giáo viên…"))
        self.summary = QLineEdit()
        self.emergency = QCheckBox(self.tr("Nguy cơ gây tổn hại nghiêm trọng (can thiệp khẩn cấp)"))
        form = QFormLayout(self)
        form.addRow(self.tr("Tìm trẻ"), self.child_search)
        form.addRow(self.tr("Trẻ em"), self.child)
        form.addRow(self.tr("Loại vụ việc"), self.case_type)
        form.addRow(self.tr("Thời điểm nhận tin"), self.received)
        form.addRow(self.tr("Người báo tin"), self.reported_by)
        form.addRow(self.tr("Tóm tắt"), self.summary)
        form.addRow(self.emergency)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _find(self, text: str) -> None:
        self.child.clear()
        for row in self.register.find(text, limit=30):
            self.child.addItem(f"{row.full_name} ({row.birth.display()}, {row.village})", row.id)

    def child_id(self) -> str | None:
        return self.child.currentData()

    def values(self) -> dict:
        return {
            "child_id": self.child_id(),
            "case_type": self.case_type.currentData(),
            "received_at": self.received.dateTime().toPython().astimezone(UTC),
            "reported_by": self.reported_by.text().strip(),
            "summary": self.summary.text().strip(),
            "emergency": self.emergency.isChecked(),
        }


class StepDialog(QDialog):
    def __init__(self, parent: QWidget, case: CaseRow):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ghi nhận bước đã làm — {name}").format(name=case.child_name))
        self.step = QComboBox()
        for s in CASE_STEPS:
            if s.code not in case.done:
                self.step.addItem(tr_label(s.label), s.code)
        self.done_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.done_at.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.notes = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Bước"), self.step)
        form.addRow(self.tr("Hoàn thành lúc"), self.done_at)
        form.addRow(self.tr("Ghi chú"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, datetime, str]:
        return (
            self.step.currentData(),
            self.done_at.dateTime().toPython().astimezone(UTC),
            self.notes.text().strip(),
        )
