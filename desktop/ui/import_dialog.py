"""Nhập từ Excel: check the file, let the officer confirm how its groups map to the legal
ones (every group a cell names, with the words that named it) and when the circumstances began,
show every row's problems, then write all of it or nothing.

A thin face over `desktop.reports.excel_import` (the same `read_plan` / `commit` as
`sotreem import`); reading, checking and writing run as cancellable jobs with progress.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.changes import Changes
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.domain.dates import DateTextError
from desktop.reports import excel_import, service
from desktop.ui import dialogs, export_flow, saved_notice
from desktop.ui.fields import DateField
from desktop.ui.i18n import tr_label
from desktop.ui.taskman import Job, TaskManager
from desktop.ui.widgets import ErrorLabel

# What an import writes, for the pages to refresh.
IMPORTED = Changes(frozenset({"child", "circumstance", "village"}))
SHOWN_PROBLEMS = 1000  # the rest are in the problem list the officer can save


class ImportDialog(QDialog):
    imported = Signal(int)

    def __init__(self, register: Register, tasks: TaskManager, path: Path, parent=None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Nhập danh sách trẻ em từ Excel"))
        self.resize(900, 640)
        self.register, self.tasks, self.path = register, tasks, path
        self.plan: excel_import.ImportPlan | None = None
        self.mapping: dict[str, str] = {}
        self.runner = export_flow.JobRunner(self, tasks)

        self.summary = QLabel(objectName="importSummary")
        self.summary.setWordWrap(True)
        self.error = ErrorLabel("import")
        self.groups = QTableWidget(0, 2, objectName="importGroups")
        self.groups.setHorizontalHeaderLabels(
            [self.tr("Hoàn cảnh ghi trong tệp"), self.tr("Nhóm theo Luật Trẻ em")]
        )
        self.groups.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.groups.verticalHeader().hide()
        self.villages = QLabel(objectName="importVillages")
        self.villages.setWordWrap(True)
        # When the imported circumstances began, for rows without a “Từ ngày” cell.
        self.since = DateField(date.today(), name="importSince")
        self.since.editingFinished.connect(self._since_changed)
        self.start_rule = QLabel(objectName="importStart")
        self.start_rule.setWordWrap(True)
        self.problems = QTableWidget(0, 3, objectName="importProblems")
        self.problems.setHorizontalHeaderLabels(
            [self.tr("Dòng"), self.tr("Họ và tên"), self.tr("Lỗi")]
        )
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.setColumnWidth(0, 60)
        self.problems.setColumnWidth(1, 200)
        self.problems.verticalHeader().hide()
        for table in (self.groups, self.problems):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skip = QCheckBox(
            self.tr("Bỏ qua các dòng có lỗi, chỉ nhập các dòng đúng"), objectName="importSkip"
        )
        self.skip.toggled.connect(lambda _on: self._update_buttons())
        self.save_problems = QPushButton(self.tr("Lưu danh sách lỗi…"), objectName="importSave")
        self.save_problems.clicked.connect(self._ask_save_problems)
        self.import_button = QPushButton(objectName="importButton")
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        for widget in (self.skip, self.save_problems):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("Ghép hoàn cảnh ghi trong tệp với nhóm theo luật:")))
        layout.addWidget(self.groups, 1)
        since_row = QHBoxLayout()
        since_row.addWidget(QLabel(self.tr("Hoàn cảnh tính từ ngày:")))
        since_row.addWidget(self.since)
        since_row.addStretch(1)
        layout.addLayout(since_row)
        layout.addWidget(self.start_rule)
        layout.addWidget(self.villages)
        layout.addWidget(QLabel(self.tr("Các lỗi cần sửa (chưa có gì được ghi):")))
        layout.addWidget(self.problems, 2)
        layout.addLayout(buttons)
        self._update_buttons()
        self.check()

    # ---- checking ----------------------------------------------------------------------------

    def _since_value(self) -> date | None:
        try:
            return self.since.value()
        except DateTextError:
            return None

    def _since_changed(self) -> None:
        problem = self.since.problem()
        chosen = self._since_value()
        if problem is None and chosen is not None and chosen > date.today():
            problem = self.tr("Ngày bắt đầu không được sau hôm nay.")
        self.error.show_message(problem or "")
        if problem is None and self.plan is not None and chosen != self.plan.since:
            self.check()

    def check(self) -> None:
        """Read and check the file with the current mapping; writes nothing."""
        mapping, path, since = dict(self.mapping), self.path, self._since_value()

        def work(job: Job) -> excel_import.ImportPlan | excel_import.ImportFileError:
            try:
                return excel_import.read_plan(
                    self.register, path, mapping, progress=job.progress, since=since
                )
            except excel_import.ImportFileError as exc:
                return exc  # shown in the dialog, not as a failed save

        self.plan = None
        self.groups.setEnabled(False)  # one check at a time
        reading = self.tr("Đang đọc và kiểm tra tệp {name}…")
        self.summary.setText(reading.format(name=self.path.name))
        self._update_buttons()
        self.runner.start(
            work, self._show_plan, self.tr("Đang đọc và kiểm tra tệp…"), cancelled=self._stopped
        )

    def _stopped(self) -> None:
        self.summary.setText(
            self.tr("Đã dừng kiểm tra tệp {name}; chưa có gì được ghi.").format(name=self.path.name)
        )

    def _show_plan(self, plan: excel_import.ImportPlan | excel_import.ImportFileError) -> None:
        self.groups.setEnabled(True)
        if isinstance(plan, excel_import.ImportFileError):
            self.summary.setText(self.tr("Không đọc được tệp {name}.").format(name=self.path.name))
            self.error.show_message(str(plan))
            return
        self.plan = plan
        self.error.show_message("")
        rows, valid = len(plan.rows), len(plan.valid_rows)
        text = self.tr(
            "Tệp {name}, trang “{sheet}”: {rows} dòng, {valid} dòng hợp lệ, {bad} dòng có lỗi."
        )
        self.summary.setText(
            text.format(name=plan.path.name, sheet=plan.sheet, rows=rows, valid=valid,
                        bad=rows - valid)
        )
        self._show_groups(plan)
        self.start_rule.setText(plan.start_rule())
        self.villages.setText(
            self.tr("Thôn/bản mới sẽ được thêm: {names}").format(names=", ".join(plan.new_villages))
            if plan.new_villages
            else ""
        )
        problems = plan.problems
        names = {r.row: r.name for r in plan.rows}
        self.problems.setRowCount(min(len(problems), SHOWN_PROBLEMS))
        for i, (row, problem) in enumerate(problems[:SHOWN_PROBLEMS]):
            for column, text in enumerate((str(row), names.get(row, ""), problem)):
                self.problems.setItem(i, column, QTableWidgetItem(text))
        self._update_buttons()

    def _show_groups(self, plan: excel_import.ImportPlan) -> None:
        self.groups.setRowCount(len(plan.group_texts))
        for i, (text, code) in enumerate(plan.group_texts.items()):
            self.groups.setItem(i, 0, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(self.tr("— chưa xác định —"), None)
            for group in cat.SPECIAL_GROUPS:
                combo.addItem(f"{group.code} – {tr_label(group.label)}", group.code)
            combo.setCurrentIndex(max(combo.findData(code), 0))
            combo.currentIndexChanged.connect(
                lambda _i, text=text, combo=combo: self.map_group(text, combo.currentData())
            )
            self.groups.setCellWidget(i, 1, combo)

    def map_group(self, text: str, code: str | None) -> None:
        """The officer's choice for a group text; the file is checked again with it."""
        if code is None:
            self.mapping.pop(text, None)
        else:
            self.mapping[text] = code
        self.check()

    def group_combo(self, text: str) -> QComboBox:
        for i in range(self.groups.rowCount()):
            if self.groups.item(i, 0).text() == text:
                widget = self.groups.cellWidget(i, 1)
                assert isinstance(widget, QComboBox)
                return widget
        raise KeyError(text)

    # ---- writing -----------------------------------------------------------------------------

    def importable(self) -> int:
        if self.plan is None or (self.plan.problems and not self.skip.isChecked()):
            return 0
        return len(self.plan.valid_rows)

    def _update_buttons(self) -> None:
        count = self.importable()
        self.import_button.setText(self.tr("Nhập {n} trẻ em").format(n=count))
        self.import_button.setEnabled(count > 0)
        has_problems = bool(self.plan and self.plan.problems)
        self.save_problems.setEnabled(has_problems)
        self.skip.setEnabled(has_problems)

    def run_import(self) -> None:
        plan, skip = self.plan, self.skip.isChecked()
        if plan is None or not self.importable():
            return

        def work(job: Job) -> int:
            return excel_import.commit(
                self.register, plan, skip_invalid=skip, progress=job.progress
            )

        title = self.tr("Đang nhập trẻ em…")
        self.runner.start(work, self._imported, title, cancelled=self._undone)

    def _undone(self) -> None:
        dialogs.inform(
            self, self.windowTitle(), self.tr("Đã dừng: không có trẻ em nào được nhập.")
        )

    def _imported(self, count: int) -> None:
        self.tasks.changed.emit(IMPORTED)
        self.imported.emit(count)
        dialogs.inform(
            self, self.windowTitle(), self.tr("Đã nhập {n} trẻ em từ tệp {name}.").format(
                n=count, name=self.path.name
            )
        )  # fmt: skip
        self.accept()

    def _ask_save_problems(self) -> None:
        chosen = export_flow.ask_export_file(
            self, self.tr("Lưu danh sách lỗi"), f"loi-{self.path.stem}.xlsx"
        )
        if chosen:
            self.save_problems_to(*chosen)

    def save_problems_to(self, path: Path, password: str | None = None) -> None:
        plan = self.plan
        if plan is None:
            return
        self.runner.start(
            lambda _job: service.export_import_problems(self.register, plan, path, password),
            lambda _rows: saved_notice.show_saved(self, self.tr("Lưu danh sách lỗi"), path),
            self.tr("Đang lưu danh sách lỗi…"),
        )


def open_import(parent: QWidget, register: Register, tasks: TaskManager, path: Path) -> None:
    """The dialog over a chosen file (modal, like the file dialog before it)."""
    ImportDialog(register, tasks, path, parent).exec()
