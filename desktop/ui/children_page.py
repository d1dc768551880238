"""Trẻ em: the register as a searchable, filterable table, and the child form beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import reference
from desktop.db.child_queries import ChildFilter
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.ui import file_dialogs, i18n
from desktop.ui.child_form import ChildForm
from desktop.ui.child_model import ChildTableModel
from desktop.ui.flow import FlowRow
from desktop.ui.i18n import tr_label
from desktop.ui.taskman import LatestQuery, TaskManager


class ChildrenPage(QWidget):
    list_updated = Signal(int)  # number of children listed; tests and benchmarks wait on it

    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__()
        self.register = register
        self.tasks = tasks
        self.read_only = read_only
        self.query = LatestQuery(tasks, self._listed, self._failed)
        self._warmed = False
        self._build()
        self.reload_villages()
        self.refresh()

    def _build(self) -> None:
        self.search = QLineEdit(objectName="childSearch")
        self.search.setPlaceholderText(
            self.tr("Tìm theo tên, số định danh, người chăm sóc, thôn/bản — gõ không dấu cũng được")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.new_button = QPushButton(self.tr("Thêm trẻ em (Ctrl+N)"), objectName="newChildButton")
        self.new_button.clicked.connect(self.new_child)
        self.new_button.setEnabled(not self.read_only)
        self.import_button = QPushButton(self.tr("Nhập từ Excel…"), objectName="importButton")
        self.import_button.clicked.connect(self.ask_import)
        self.import_button.setVisible(not self.read_only)
        self.search.setMinimumWidth(280)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        top = FlowRow()
        top.addWidget(self.search)
        top.addWidget(self.import_button)
        top.addWidget(self.new_button)

        self.filters: dict[str, QComboBox] = {}
        special = [(self.tr("Mọi nhóm HCĐB"), "*")] + [
            (f"{g.code} – {tr_label(g.label)}", g.code) for g in cat.SPECIAL_GROUPS
        ]
        risk = [(self.tr("Mọi nhóm nguy cơ"), "*")] + [
            (tr_label(g.label), g.code) for g in cat.DEFAULT_RISK_GROUPS
        ]
        ethnic = [(tr_label(g.name), g.code) for g in reference.ethnic_groups().values()]
        filter_row = FlowRow()  # filters wrap onto as many lines as the screen needs
        for key, placeholder, items in (
            ("special_group", self.tr("Hoàn cảnh đặc biệt"), special),
            ("risk_group", self.tr("Nguy cơ"), risk),
            ("village_id", self.tr("Thôn/bản"), []),
            ("age_band", self.tr("Độ tuổi"), [(tr_label(b.label), b.code) for b in cat.AGE_BANDS]),
            ("sex", self.tr("Giới tính"), [(tr_label(s.label), s.code) for s in cat.SEXES]),
            ("ethnic_code", self.tr("Dân tộc"), ethnic),
            (
                "status",
                self.tr("Tình trạng"),
                [(tr_label(s.label), s.code) for s in cat.CHILD_STATUSES],
            ),
        ):
            combo = QComboBox(objectName=f"filter_{key}")
            combo.addItem(self.tr("{filter}: tất cả").format(filter=placeholder), None)
            for label, code in items:
                combo.addItem(label, code)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18)
            combo.view().setMinimumWidth(360)
            combo.currentIndexChanged.connect(self.refresh)
            self.filters[key] = combo
            filter_row.addWidget(combo)
        self.count_label = QLabel(objectName="childCount")
        filter_row.addWidget(self.count_label)

        self.model = ChildTableModel(self.register, self)
        self.table = QTableView(objectName="childTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((50, 190, 66, 90, 76, 120, 140, 80, 170)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._open_current)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self._open_current)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_child)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        self.search.returnPressed.connect(self._open_first_if_single)

        list_widget = QWidget()
        list_layout = QVBoxLayout(list_widget)
        list_layout.addLayout(top)
        list_layout.addLayout(filter_row)
        list_layout.addWidget(self.table, 1)

        self.form = ChildForm(self.register, self.tasks, read_only=self.read_only)
        self.form.closed.connect(self.show_list)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_widget)
        self.stack.addWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # ---- list ------------------------------------------------------------------------------

    def current_filter(self) -> ChildFilter:
        return ChildFilter(
            search=self.search.text(),
            **{key: combo.currentData() for key, combo in self.filters.items()},
        )

    def refresh(self) -> None:
        """Query again off the GUI thread; while one query runs, only the newest waits."""
        flt = self.current_filter()
        self.query.run(lambda: self.register.child_rowids(flt))

    @property
    def _query_running(self) -> bool:
        return self.query.running

    def _listed(self, rowids: list[int]) -> None:
        if not self._warmed:
            # Touch the search index once in the background, so the first key is fast too.
            self._warmed = True
            self.tasks.run_db(lambda: self.register.find("a", limit=1))
        self.model.set_rowids(rowids)
        self.count_label.setText(
            self.tr("{n} trẻ em").format(n=f"{len(rowids):,}".replace(",", "."))
        )
        if rowids:
            self.table.selectRow(0)
        self.list_updated.emit(len(rowids))

    def _failed(self, error: BaseException) -> None:
        self.count_label.setText(self.tr("Lỗi khi tìm: {e}").format(e=error))

    def reload_villages(self) -> None:
        villages = [
            (v.id, i18n.village_label(v.name, v.retired_on)) for v in self.register.villages()
        ]
        combo = self.filters["village_id"]
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for vid, name in villages:
            combo.addItem(name, vid)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        self.form.set_villages(villages)

    def on_changes(self, changes) -> None:
        if changes.touches("village"):
            self.reload_villages()
        if changes.touches("child", "circumstance"):
            self.refresh()

    # ---- form ------------------------------------------------------------------------------

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_row(index.row())

    def _open_first_if_single(self) -> None:
        if self.model.rowCount() == 1:
            self.open_row(0)
        elif self.model.rowCount() > 1:
            self.table.setFocus()

    def open_row(self, row: int) -> None:
        child_id = self.model.child_id(row)
        if child_id:
            self.open_child(child_id)

    def open_child(self, child_id: str) -> None:
        if self.stack.currentWidget() is self.form and not self.form.request_close():
            return

        def load():
            self.register.record_view("child", child_id)  # the audit trail: who looked
            return (
                self.register.get_child(child_id),
                self.register.circumstances_of(child_id),
                self.register.supports_of(child_id),
            )

        def show(result) -> None:
            child, circumstances, supports = result
            if child is not None:
                self.form.load(child, circumstances, supports)
                self.stack.setCurrentWidget(self.form)

        self.tasks.run_db(load, show)

    def new_child(self) -> None:
        if self.read_only:
            return
        if self.stack.currentWidget() is self.form and not self.form.request_close():
            return
        self.form.new_child()
        self.stack.setCurrentWidget(self.form)

    def ask_import(self) -> None:
        """Choose an Excel file of children, then check and import it in the import dialog."""
        from desktop.ui.import_dialog import open_import

        path = file_dialogs.ask_open_file(
            self, self.tr("Nhập danh sách trẻ em từ Excel"), self.tr("Excel (*.xlsx)"), "import"
        )
        if path:
            open_import(self, self.register, self.tasks, path)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.search.setFocus()

    def may_leave(self) -> bool:
        """Asked before navigating away or closing: guards unsaved changes in the form."""
        if self.stack.currentWidget() is self.form:
            return self.form.request_close()
        return True
