"""Nhật ký truy cập: who viewed, changed, exported or printed which record, and when.

Officer only (the main window does not build it for other roles). Newest first, filtered by
user, action, a range of days and words of the record's name; exported to Excel as a job.
The trail cannot be edited here or anywhere else in the app.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.db.audit import AuditFilter
from desktop.db.register import Register
from desktop.domain import audit as vocab
from desktop.domain.dates import DateTextError
from desktop.domain.programme import parse_day
from desktop.reports import service
from desktop.ui import export_flow, saved_notice
from desktop.ui.audit_model import AuditTableModel
from desktop.ui.i18n import tr_label
from desktop.ui.taskman import LatestQuery, TaskManager


class AuditPage(QWidget):
    list_updated = Signal(int)  # entries listed; tests wait on it
    saved = Signal(str)  # path of an export just written

    def __init__(self, register: Register, tasks: TaskManager):
        super().__init__()
        self.setObjectName("auditPage")
        self.register = register
        self.tasks = tasks
        self.query = LatestQuery(tasks, self._listed, self._failed)
        self.runner = export_flow.JobRunner(self, tasks)

        self.user = QComboBox(objectName="auditUser")
        self.user.addItem(self.tr("Mọi người dùng"), None)
        self.action = QComboBox(objectName="auditAction")
        self.action.addItem(self.tr("Mọi thao tác"), None)
        for a in vocab.ACTIONS:
            self.action.addItem(tr_label(a.label), a.code)
        self.since = QLineEdit(objectName="auditSince")
        self.since.setPlaceholderText(self.tr("từ ngày dd/mm/yyyy"))
        self.until = QLineEdit(objectName="auditUntil")
        self.until.setPlaceholderText(self.tr("đến ngày dd/mm/yyyy"))
        self.search = QLineEdit(objectName="auditSearch")
        self.search.setPlaceholderText(self.tr("Tìm theo tên trẻ, nội dung (không dấu cũng được)"))
        self.search.setClearButtonEnabled(True)
        self.export_button = QPushButton(self.tr("Xuất Excel…"), objectName="auditExport")
        self.export_button.clicked.connect(self._ask_and_export)
        for combo in (self.user, self.action):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.since, self.until, self.search):
            edit.textChanged.connect(self.refresh)

        self.count_label = QLabel(objectName="auditCount")
        self.model = AuditTableModel(register, self)
        self.table = QTableView(objectName="auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((140, 110, 110, 160, 220)):
            self.table.setColumnWidth(column, width)

        filters = QHBoxLayout()
        for widget in (self.user, self.action, self.since, self.until):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.export_button)
        note = QLabel(
            self.tr(
                "Nhật ký ghi lại ai đã xem, thêm, sửa, xuất tệp hoặc in hồ sơ trẻ em và vụ việc. "
                "Nhật ký chỉ được ghi thêm, không ai sửa hay xóa được, và được đồng bộ lên cấp "
                "trên."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

    # ---- list ------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        """Built with the window, queried only when the officer opens it (then on changes)."""
        super().showEvent(event)
        self.reload_users()
        self.refresh()

    def on_changes(self, changes) -> None:
        if changes.touches("auditentry") and self.isVisible():
            self.refresh()

    def reload_users(self) -> None:
        def show(users: list[str]) -> None:
            current = self.user.currentData()
            self.user.blockSignals(True)
            while self.user.count() > 1:
                self.user.removeItem(1)
            for name in users:
                self.user.addItem(name, name)
            self.user.setCurrentIndex(max(0, self.user.findData(current)))
            self.user.blockSignals(False)

        self.tasks.run_db(self.register.audit_users, show)

    def current_filter(self) -> AuditFilter | None:
        """The filter typed, or None (with the reason shown) when a date is not a date."""
        days: list[date | None] = []
        for edit, what in ((self.since, self.tr("Từ ngày")), (self.until, self.tr("Đến ngày"))):
            text = edit.text().strip()
            try:
                days.append(parse_day(text, today=date.today()) if text else None)
            except DateTextError as exc:
                self.count_label.setText(f"{what}: {exc}")
                return None
        return AuditFilter(
            self.user.currentData(), self.action.currentData(), days[0], days[1],
            self.search.text(),
        )  # fmt: skip

    def refresh(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        self.query.run(lambda: self.register.audit_rowids(flt))

    @property
    def _query_running(self) -> bool:
        return self.query.running

    def _listed(self, rowids: list[int]) -> None:
        self.model.set_rowids(rowids)
        self.count_label.setText(
            self.tr("{n} dòng nhật ký").format(n=f"{len(rowids):,}".replace(",", "."))
        )
        self.list_updated.emit(len(rowids))

    def _failed(self, error: BaseException) -> None:
        self.count_label.setText(self.tr("Lỗi khi đọc nhật ký: {e}").format(e=error))

    # ---- export ------------------------------------------------------------------------------

    def _ask_and_export(self) -> None:
        if self.current_filter() is None:
            return
        chosen = export_flow.ask_export_file(
            self, self.tr("Xuất nhật ký truy cập"), f"nhat-ky-truy-cap-{date.today():%Y%m%d}.xlsx"
        )
        if chosen:
            self.export_to(*chosen)

    def export_to(self, path: Path, password: str | None = None) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        self.runner.start(
            lambda job: service.export_audit(self.register, flt, path, job.progress, password),
            lambda _count: self._exported(path),
            self.tr("Đang xuất nhật ký truy cập…"),
        )

    def _exported(self, path: Path) -> None:
        self.saved.emit(str(path))
        self.refresh()  # the export itself is now the newest entry
        saved_notice.show_saved(self, self.tr("Xuất nhật ký truy cập"), path)
