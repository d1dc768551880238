"""The main window: navigation, pages, and the status bar with the sync state."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desktop import reference
from desktop.db.changes import Changes
from desktop.ui.fit import PageFrame, first_field
from desktop.ui.taskman import TaskManager

if TYPE_CHECKING:
    from desktop.db.register import Register
    from desktop.ui.lock import IdleWatcher, LockScreen

PAGES = (
    ("children", "Trẻ em"),
    ("cases", "Trường hợp bảo vệ"),
    ("activities", "Hoạt động"),
    ("training", "Tập huấn"),
    ("plan", "Kế hoạch"),
    ("reports", "Báo cáo"),
    ("sync", "Đồng bộ"),
    ("audit", "Nhật ký truy cập"),
    ("injuries", "Tai nạn, đuối nước"),
    ("assessment", "Xã phù hợp với trẻ em"),
    ("settings", "Cài đặt"),
)
OFFICER_ONLY = frozenset({"cases", "audit"})

READER_PAGES = ("reports", "sync", "injuries", "assessment", "settings")  # in PAGES' order


def may_see_cases(role: str) -> bool:
    return role == "officer"  # the rule of desktop.db.accounts, without importing argon2 here


def may_see(role: str, page: str) -> bool:
    """Protection cases and the audit trail are the officer's alone."""
    return page not in OFFICER_ONLY or may_see_cases(role)


class MainWindow(QMainWindow):
    """The frame paints first; the pages arrive with the register (`attach`).

    Opening the database imports SQLAlchemy and checks the schema, which takes longer than the
    whole Qt start-up on an old PC: the window shows its navigation and title straight away and
    fills in when the register is open, like Anki's main window.
    """

    def __init__(
        self,
        register: Register | None = None,
        *,
        role: str = "officer",
        username: str = "",
        commune_code: str | None = None,
        lock_minutes: float = 0,
        db_path: Path | None = None,
    ):
        """`lock_minutes` > 0 locks the window after that long idle (needs accounts on file)."""
        super().__init__()
        # None only until `attach`: no page exists before, so the pages may take it as set.
        self.register: Register = register  # type: ignore[assignment]
        self.role = role
        self.username = username
        self._lock_minutes = lock_minutes
        self._db_path = db_path or (register.path if register is not None else None)
        self.idle: IdleWatcher | None = None
        self.lock_screen: LockScreen | None = None
        self.tasks = TaskManager(self)
        self.attached = False
        self._pending_changes = Changes()
        self._refresh_timer = QTimer(self, singleShot=True, interval=50)
        self._refresh_timer.timeout.connect(self._publish_changes)
        self.tasks.changed.connect(self._collect_changes)

        self.setWindowTitle("Sổ Trẻ Em")
        self._commune_code = commune_code or (register.commune_code if register else None)
        if register is not None:
            self._set_title()
        else:  # the official names load after the first paint
            QTimer.singleShot(0, self._set_title)
        self.resize(1280, 760)

        self.nav = QListWidget(objectName="nav")
        self.nav.setFixedWidth(200)
        self.nav.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        self.page_keys = [k for k, _t in PAGES if may_see(role, k)]
        for key, title in PAGES:
            if key in self.page_keys:
                self.nav.addItem(QListWidgetItem(self.tr(title)))
        self.pages = QStackedWidget()
        self.opening = QLabel(self.tr("Đang mở sổ trẻ em…"), objectName="openingLabel")
        self.pages.addWidget(self.opening)
        for number in range(1, min(9, len(self.page_keys)) + 1):
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda n=number: self._jump_to(n - 1))

        self.content = QWidget()
        layout = QHBoxLayout(self.content)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.screens = QStackedWidget()  # the content, or the lock screen over it
        self.screens.addWidget(self.content)
        self.setCentralWidget(self.screens)

        self.sync_status = QLabel(objectName="syncStatus")
        self.user_label = QLabel(username)
        self.clock_warning = QPushButton(objectName="clockWarning")
        self.clock_warning.setFlat(True)
        self.clock_warning.setStyleSheet("color: #b00020; font-weight: 600;")
        self.clock_warning.clicked.connect(self._explain_clock)
        self.clock_warning.hide()
        self.clock_problems: list[str] = []
        self.statusBar().addWidget(self.clock_warning)
        self.statusBar().addWidget(self.sync_status, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        if register is not None:
            self.attach(register)

    def _set_title(self) -> None:
        commune = reference.unit(self._commune_code or "")
        province = reference.unit(commune.parent_code or "") if commune else None
        where = ", ".join(u.name for u in (commune, province) if u)
        self.setWindowTitle(f"Sổ Trẻ Em — {where}" if where else "Sổ Trẻ Em")

    def open_later(
        self, db_path: Path, user: str = "", key: bytes | None = None, unlocked=None
    ) -> None:
        """Open the register on the database worker once the frame is on screen.

        The file is checked (`PRAGMA quick_check`, with the key when encrypted) before use; a
        damaged file leads to the offer to restore the newest automatic backup instead of a
        crash. Writes are signed with `user` and limited by this window's role; on an encrypted
        register, by what the password opened (`unlocked`: the slot's role and keys).
        """
        self._db_path, self._user, self._key = db_path, user, key
        self._slot = unlocked
        role = self.role

        def open_register():
            from desktop.db.register import Register
            from desktop.ui.register_file import check_file

            check_file(db_path, key)
            register = Register.open(db_path, key)
            if unlocked is not None:
                register.login(unlocked)
            else:
                register.login_as(user or register.user, role)
            return register

        self.tasks.run_db(open_register, self.attach, self._open_failed)

    def _open_failed(self, error: BaseException) -> None:
        import sqlite3

        from sqlalchemy.exc import DatabaseError

        from desktop.ui.recovery import offer_restore

        self.opening.setText(self.tr("Không mở được sổ trẻ em: {e}").format(e=error))
        damaged = isinstance(error, sqlite3.DatabaseError | DatabaseError)
        if self._key is not None:
            import sqlcipher3

            damaged = damaged or isinstance(error, sqlcipher3.DatabaseError)
        if damaged and self._db_path and offer_restore(self._db_path, error, self, self._key):
            self.opening.setText(self.tr("Đang mở sổ trẻ em…"))
            self.open_later(self._db_path, self._user, self._key, self._slot)

    def _daily_backup(self) -> None:
        from desktop.db import backup

        if self.tasks.closed:
            return
        self.tasks.run_io(
            lambda: backup.daily(self.register.path, key=self.register.key),
            on_error=lambda exc: self.statusBar().showMessage(str(exc)),
        )

    def attach(self, register: Register) -> None:
        """Build the pages over an open register."""
        from desktop.db import accounts
        from desktop.ui.activities_page import ActivitiesPage
        from desktop.ui.assessment_page import AssessmentPage
        from desktop.ui.audit_page import AuditPage
        from desktop.ui.cases_page import CasesPage
        from desktop.ui.children_page import ChildrenPage
        from desktop.ui.injuries_page import InjuriesPage
        from desktop.ui.plan_page import PlanPage
        from desktop.ui.reports_page import ReportsPage
        from desktop.ui.settings_page import SettingsPage
        from desktop.ui.sync_page import SyncPage
        from desktop.ui.sync_scheduler import SyncScheduler
        from desktop.ui.training_page import TrainingPage

        self.register = register
        role = self.role
        read_only = not accounts.may_edit(role)
        self.children_page = ChildrenPage(register, self.tasks, read_only=read_only)
        self.cases_page = CasesPage(register, self.tasks) if accounts.may_see_cases(role) else None
        if self.cases_page is not None:
            self.cases_page.open_child.connect(self.open_child)
        self.settings_page = SettingsPage(register, self.tasks)
        self.settings_page.lock_minutes_changed.connect(self.set_lock_minutes)
        self.settings_page.backup.restore_chosen.connect(self.restore_from)
        self.activities_page = ActivitiesPage(register, self.tasks, read_only=read_only)
        self.training_page = TrainingPage(register, self.tasks, read_only=read_only)
        self.plan_page = PlanPage(register, self.tasks, read_only=read_only)
        self.reports_page = ReportsPage(register, self.tasks)
        self.injuries_page = InjuriesPage(register, self.tasks, read_only=read_only)
        self.assessment_page = AssessmentPage(register, self.tasks, read_only=read_only)
        # Queries nothing until first shown.
        self.audit_page = AuditPage(register, self.tasks) if may_see(role, "audit") else None
        self.sync = SyncScheduler(register, self.tasks, self)
        self.sync_page = SyncPage(register, self.tasks, self.sync)
        for signal in (self.sync.started, self.sync.finished, self.sync.failed):
            signal.connect(self.update_sync_status)
        self.sync.finished.connect(lambda *_: self.check_clock())
        built: dict[str, QWidget | None] = {
            "children": self.children_page,
            "cases": self.cases_page,
            "activities": self.activities_page,
            "training": self.training_page,
            "plan": self.plan_page,
            "reports": self.reports_page,
            "sync": self.sync_page,
            "audit": self.audit_page,
            "injuries": self.injuries_page,
            "assessment": self.assessment_page,
            "settings": self.settings_page,
        }
        self.pages.removeWidget(self.opening)
        if register.is_reader:  # a district/province copy: the area's reports, its sync, settings
            self.page_keys = [k for k in READER_PAGES if may_see(self.role, k)]
            self.nav.clear()
            for key, title in PAGES:
                if key in self.page_keys:
                    self.nav.addItem(QListWidgetItem(self.tr(title)))
        for key in self.page_keys:
            page = built[key]
            assert page is not None  # page_keys holds only the pages this role may see
            self.pages.addWidget(PageFrame(page))
        self.attached = True
        # The daily copy waits until the officer is at work, not competing with start-up.
        QTimer.singleShot(60_000, self._daily_backup)
        self.sync.start()
        self.nav.currentRowChanged.connect(self._navigate)
        self.nav.setCurrentRow(0)
        self.pages.setCurrentIndex(0)
        self.update_sync_status()
        self.check_clock()
        if self._lock_minutes > 0:
            self.set_lock_minutes(self._lock_minutes)

    def check_clock(self, now: datetime | None = None) -> None:
        """Point out a PC clock or time zone that looks wrong (the register keeps Vietnam
        time whatever the PC says, but deadlines and "today" depend on the clock)."""
        from desktop import RELEASED
        from desktop.domain.vntime import clock_problems

        now = now or datetime.now(UTC)
        problems = clock_problems(
            now, now.astimezone().utcoffset(), released=date.fromisoformat(RELEASED)
        )
        register = self.register

        def server_says() -> str | None:
            from desktop.sync import server_clock

            reading = server_clock.last_reading(register)
            return reading.message if reading is not None else None

        # What the server said of this PC's clock at the last sync (a wrong date shows there).
        self.tasks.run_db(server_says, lambda said: self._show_clock(problems, said))

    def _show_clock(self, problems: list[str], server_said: str | None) -> None:
        problems = [*problems, server_said] if server_said else problems
        self.clock_warning.setVisible(bool(problems))
        self.clock_warning.setText(self.tr("⚠ Đồng hồ của máy cần xem lại…") if problems else "")
        self.clock_warning.setToolTip("\n\n".join(problems))
        self.clock_problems = problems

    def _explain_clock(self) -> None:
        from desktop.ui import dialogs

        dialogs.inform(self, self.tr("Đồng hồ của máy"), "\n\n".join(self.clock_problems))

    # ---- the lock screen ----------------------------------------------------------------

    def set_lock_minutes(self, minutes: float) -> None:
        """Lock after `minutes` idle (0: never); only a register with accounts can lock."""
        from desktop.ui.lock import IdleWatcher

        self._lock_minutes = minutes
        if minutes <= 0:
            if self.idle is not None:
                self.idle.stop()
                self.idle = None
            return
        if self.idle is None:
            self.idle = IdleWatcher(int(minutes * 60_000), self)
            self.idle.idle.connect(self.lock)
        else:
            self.idle.set_interval(int(minutes * 60_000))

    def locked(self) -> bool:
        return self.lock_screen is not None and self.screens.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Hide the data behind the lock screen (also any open child form or dialog)."""
        from desktop.db import vault
        from desktop.ui.lock import LockScreen

        if self.locked() or self._db_path is None:
            return
        accounts = vault.accounts(self._db_path)
        if not accounts:
            return  # nobody could unlock it
        if self.lock_screen is not None:
            self.screens.removeWidget(self.lock_screen)
            self.lock_screen.deleteLater()
        self.lock_screen = LockScreen(self._db_path, accounts)
        self.lock_screen.expected_key = self.register.key  # the idle lock starts at attach
        self.lock_screen.unlocked.connect(self._unlocked)
        self.screens.addWidget(self.lock_screen)
        self.screens.setCurrentWidget(self.lock_screen)
        self.lock_screen.lock_for(self.register.user, self.username)
        for top in QApplication.topLevelWidgets():  # modal boxes over the data close too
            if top is not self and top.isModal() and top.isVisible():
                top.close()

    def _unlocked(self, username: str) -> None:
        account = self.lock_screen.gate.user.account() if self.lock_screen else None
        opened = self.lock_screen.opened_slot if self.lock_screen else None
        if account is not None and account.username == username:
            name = account.full_name or username
            role = opened.role if opened is not None else account.role
            if opened is not None:
                self.register.login(opened)  # that account's role and keys from now on
            if role != self.role:
                self._rebuild(role)
            self.username = name
            self.user_label.setText(name)
            if opened is None:
                self.register.login_as(username, role)
        self.screens.setCurrentWidget(self.content)
        if self.idle is not None:
            self.idle.timer.start()

    def _rebuild(self, role: str) -> None:
        """Another account unlocked: the pages again, as that role allows."""
        if self.attached and not self.children_page.may_leave():
            self.children_page.form._clean = None  # the previous person's unsaved edit is dropped
        self.nav.currentRowChanged.disconnect(self._navigate)
        self.sync.stop()  # the new pages come with their own scheduler
        self.sync.deleteLater()
        while self.pages.count():
            page = self.pages.widget(0)
            assert page is not None
            self.pages.removeWidget(page)
            page.deleteLater()
        self.nav.clear()
        self.role = role
        self.page_keys = [k for k, _t in PAGES if may_see(role, k)]
        for key, title in PAGES:
            if key in self.page_keys:
                self.nav.addItem(QListWidgetItem(self.tr(title)))
        self.attached = False
        if self.register.db.unlocked is None:
            self.register.login_as(self.register.user, role)
        self.attach(self.register)

    def restore_from(self, backup_file: Path) -> None:
        """Replace the register with a backup (the officer saw its preview), then reopen it."""
        from desktop.db import backup
        from desktop.db.register import Register

        old, role = self.register, self.role
        self.sync.stop()

        def work() -> Register:
            path, key, user, unlocked = old.path, old.key, old.user, old.db.unlocked
            past = old.past_data_keys
            old.close()
            backup.restore(backup_file, path, backup.folder_for(path), key, past)
            register = Register.open(path, key)
            if unlocked is not None:
                register.login(unlocked)
            else:
                register.login_as(user, role)
            register.record_event("restored", "database", label=backup_file.name)
            return register

        def done(register: Register) -> None:
            self.register = register
            self._rebuild(role)
            self.statusBar().showMessage(self.tr("Đã khôi phục từ {name}.").format(
                name=backup_file.name), 10_000)  # fmt: skip

        def failed(error: BaseException) -> None:
            from desktop.ui import errors

            errors.report(self, error, self.tr("Khôi phục"))

        self.tasks.run_db(work, done, failed)

    # ---- navigation ---------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.page_keys.index(key))

    def _jump_to(self, row: int) -> None:
        """Alt+1…9: the page, with the keyboard in its first field (as it would be after a
        click into it), so Tab walks the page from the top."""
        self.nav.setCurrentRow(row)
        if self.nav.currentRow() == row:
            first_field(self.current_page()).setFocus(Qt.FocusReason.TabFocusReason)

    def current_page(self) -> QWidget:
        """The page on show (pages sit in scroll frames; before the register opens, the
        "opening" label)."""
        shown = self.pages.currentWidget()
        assert shown is not None
        return shown.page() if isinstance(shown, PageFrame) else shown

    def open_child(self, child_id: str) -> None:
        self.show_page("children")
        if self.current_page() is self.children_page:
            self.children_page.open_child(child_id)

    def _navigate(self, row: int) -> None:
        current = self.current_page()
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
        if not self.attached:
            return
        changes, self._pending_changes = self._pending_changes, Changes()
        self.children_page.on_changes(changes)
        if self.cases_page is not None:
            self.cases_page.on_changes(changes)
        for page in (self.activities_page, self.training_page, self.plan_page, self.sync_page,
                     self.reports_page, self.settings_page):  # fmt: skip
            page.on_changes(changes)
        self.injuries_page.on_changes(changes)
        self.assessment_page.on_changes(changes)
        if self.audit_page is not None:
            self.audit_page.on_changes(changes)
        self.update_sync_status()

    def update_sync_status(self, *_args: object) -> None:
        register = self.register

        def read():
            from desktop import config

            state = register.sync_state()
            last = state.last_sync.isoformat() if state.last_sync else None
            config.write_sync_state(register.path, state.unsent, last)  # for the uninstaller
            return state

        self.tasks.run_db(read, self._show_sync_state)

    def _show_sync_state(self, state) -> None:
        from datetime import UTC, datetime

        from desktop.ui.i18n import ago

        unsent = self.tr("{n} thay đổi chưa gửi").format(n=f"{state.unsent:,}".replace(",", "."))
        sync = self.sync
        if sync.running:
            where = self.tr("đang gửi và nhận…")
        elif sync.next_at is None:
            where = self.tr("chưa đặt máy chủ")
        elif sync.last_error:
            where = self.tr("không kết nối được, thử lại lúc {time}").format(
                time=sync.next_at.astimezone().strftime("%H:%M")
            )
        else:
            where = self.tr("lần cuối {ago}").format(ago=ago(state.last_sync, datetime.now(UTC)))
        conflicts = ""
        if state.conflicts_open:
            conflicts = " · " + self.tr("{n} xung đột cần xem").format(n=state.conflicts_open)
        self.sync_status.setText(
            self.tr("Đồng bộ: {where} · {unsent}").format(where=where, unsent=unsent) + conflicts
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.attached and not self.children_page.may_leave():
            event.ignore()
            return
        self._refresh_timer.stop()
        if self.attached:
            self.sync.stop()
        if self.idle is not None:
            self.idle.stop()
        self.tasks.shutdown()
        if self.attached:
            self._backup_on_exit()
        event.accept()

    def _backup_on_exit(self) -> None:
        """Every exit leaves a fresh, checked copy beside the database (rotating)."""
        from desktop.db import backup

        try:
            backup.automatic(
                self.register.path, backup.folder_for(self.register.path), key=self.register.key
            )
        except backup.BackupError as exc:
            self.statusBar().showMessage(str(exc))
