"""The main window: navigation, pages, and the status bar with the sync state."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desktop import reference
from desktop.db import accounts
from desktop.db.changes import Changes
from desktop.db.register import Register
from desktop.ui.activities_page import ActivitiesPage
from desktop.ui.cases_page import CasesPage
from desktop.ui.children_page import ChildrenPage
from desktop.ui.placeholder import PlaceholderPage
from desktop.ui.plan_page import PlanPage
from desktop.ui.reports_page import ReportsPage
from desktop.ui.settings_page import SettingsPage
from desktop.ui.taskman import TaskManager
from desktop.ui.training_page import TrainingPage

_LATER = (
    "Trang này chưa có trong phiên bản hiện tại. Dữ liệu đã nhập ở các trang khác vẫn được "
    "lưu đầy đủ và sẽ được dùng khi chức năng này hoàn thành."
)


class MainWindow(QMainWindow):
    def __init__(self, register: Register, *, role: str = "officer", username: str = ""):
        super().__init__()
        self.register = register
        self.role = role
        self.tasks = TaskManager(self)
        self._pending_changes = Changes()
        self._refresh_timer = QTimer(self, singleShot=True, interval=50)
        self._refresh_timer.timeout.connect(self._publish_changes)
        self.tasks.changed.connect(self._collect_changes)

        commune = reference.unit(register.commune_code or "")
        province = reference.unit(commune.parent_code or "") if commune else None
        where = ", ".join(u.name for u in (commune, province) if u)
        self.setWindowTitle(f"Sổ Trẻ Em — {where}" if where else "Sổ Trẻ Em")
        self.resize(1280, 760)

        self.nav = QListWidget(objectName="nav")
        self.nav.setFixedWidth(200)
        self.nav.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        self.pages = QStackedWidget()
        read_only = not accounts.may_edit(role)
        self.children_page = ChildrenPage(register, self.tasks, read_only=read_only)
        self.cases_page = CasesPage(register, self.tasks) if accounts.may_see_cases(role) else None
        if self.cases_page is not None:
            self.cases_page.open_child.connect(self.open_child)
        self.settings_page = SettingsPage(register)
        self.activities_page = ActivitiesPage(register, self.tasks, read_only=read_only)
        self.training_page = TrainingPage(register, self.tasks, read_only=read_only)
        self.plan_page = PlanPage(register, self.tasks, read_only=read_only)
        self.reports_page = ReportsPage(register, self.tasks)
        pages: list[tuple[str, str, QWidget | None]] = [
            ("children", self.tr("Trẻ em"), self.children_page),
            ("cases", self.tr("Trường hợp bảo vệ"), self.cases_page),
            ("activities", self.tr("Hoạt động"), self.activities_page),
            ("training", self.tr("Tập huấn"), self.training_page),
            ("plan", self.tr("Kế hoạch"), self.plan_page),
            ("reports", self.tr("Báo cáo"), self.reports_page),
            ("sync", self.tr("Đồng bộ"), None),
            ("settings", self.tr("Cài đặt"), self.settings_page),
        ]
        self.page_keys: list[str] = []
        for key, title, page in pages:
            if key == "cases" and page is None:
                continue  # hidden from roles that may not see protection cases
            page = page or PlaceholderPage(title, self.tr(_LATER))
            self.page_keys.append(key)
            self.nav.addItem(QListWidgetItem(title))
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self._navigate)
        self.nav.setCurrentRow(0)
        for number in range(1, min(9, len(self.page_keys)) + 1):
            QShortcut(
                QKeySequence(f"Alt+{number}"), self, lambda n=number: self.nav.setCurrentRow(n - 1)
            )

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.sync_status = QLabel(objectName="syncStatus")
        self.user_label = QLabel(username)
        self.statusBar().addWidget(self.sync_status, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        self.update_sync_status()

    # ---- navigation ---------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.page_keys.index(key))

    def open_child(self, child_id: str) -> None:
        self.show_page("children")
        if self.pages.currentWidget() is self.children_page:
            self.children_page.open_child(child_id)

    def _navigate(self, row: int) -> None:
        current = self.pages.currentWidget()
        leaving_children = current is self.children_page and row != self.page_keys.index("children")
        if leaving_children and not self.children_page.may_leave():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.page_keys.index("children"))
            self.nav.blockSignals(False)
            return
        self.pages.setCurrentIndex(row)

    # ---- changes --------------------------------------------------------------------------

    def _collect_changes(self, changes: Changes) -> None:
        self._pending_changes = self._pending_changes | changes
        self._refresh_timer.start()

    def _publish_changes(self) -> None:
        changes, self._pending_changes = self._pending_changes, Changes()
        self.children_page.on_changes(changes)
        if self.cases_page is not None:
            self.cases_page.on_changes(changes)
        for page in (self.activities_page, self.training_page, self.plan_page):
            page.on_changes(changes)
        self.update_sync_status()

    def update_sync_status(self) -> None:
        self.tasks.run_db(
            self.register.unsent_count,
            lambda n: self.sync_status.setText(
                self.tr("Đồng bộ: chưa kết nối máy chủ · {n} thay đổi chưa gửi").format(
                    n=f"{n:,}".replace(",", ".")
                )
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.children_page.may_leave():
            event.ignore()
            return
        self._refresh_timer.stop()
        self.tasks.shutdown()
        event.accept()
