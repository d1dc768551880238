"""Đồng bộ: the server, how fresh the upstream copy is, what failed, and conflicts to settle."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.changes import Changes
from desktop.db.register import Register
from desktop.ui import dialogs, file_dialogs, saved_notice
from desktop.ui.i18n import ago
from desktop.ui.page_parts import make_table
from desktop.ui.sync_scheduler import EVERYTHING, SyncScheduler, server_settings
from desktop.ui.taskman import TaskManager


def _remember(register: Register, token: str, server: str | None = None) -> None:
    """Keep the token (and server) in the encrypted register, for the next syncs."""
    from desktop.sync.connection import SERVER_KEY, TOKEN_KEY

    values: dict[str, str | None] = {TOKEN_KEY: token}
    if server:
        values[SERVER_KEY] = server
    register.set_settings(values)


class SyncPage(QWidget):
    def __init__(self, register: Register, tasks: TaskManager, scheduler: SyncScheduler):
        super().__init__()
        self.register, self.tasks, self.scheduler = register, tasks, scheduler
        self._manual = False
        self._title = self.tr("Đồng bộ")
        self._conflicts: list = []
        self.last_sync: datetime | None = None

        self.server = QLineEdit(objectName="serverUrl")
        self.server.setPlaceholderText("https://dulieu.tinh.gov.vn/sotreem")
        self.token = QLineEdit(objectName="deviceToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("mã do cán bộ tin học của tỉnh cấp"))
        server, token = server_settings(register)
        self.server.setText(server or "")
        self.reader = QLineEdit(objectName="readerUser")
        if register.is_reader:
            # A district/province account: its session expires, so it logs in with a password.
            from desktop.sync.connection import READER_KEY

            self.reader.setText(register.setting(READER_KEY) or "")
            self.token.setObjectName("readerPassword")
            self.token.setPlaceholderText(self.tr("mật khẩu tài khoản cấp tỉnh"))
        else:
            self.token.setText(token or "")
        self.test_button = QPushButton(self.tr("Kiểm tra kết nối"), objectName="testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.sync_button = QPushButton(self.tr("Đồng bộ ngay"), objectName="syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        server_form = QFormLayout()
        server_form.addRow(self.tr("Địa chỉ máy chủ"), self.server)
        if register.is_reader:
            server_form.addRow(self.tr("Tài khoản"), self.reader)
            server_form.addRow(self.tr("Mật khẩu"), self.token)
            self.sync_button.setText(self.tr("Đăng nhập và đồng bộ"))
        else:
            server_form.addRow(self.tr("Mã thiết bị"), self.token)
        # No connection at all: the same changes travel on a USB stick (signed, encrypted).
        self.bundle_out_button = QPushButton(
            self.tr("Ghi gói USB gửi lên…"), objectName="bundleOut"
        )
        self.bundle_out_button.clicked.connect(self._ask_bundle_out)
        self.bundle_in_button = QPushButton(self.tr("Nhập gói trả lời…"), objectName="bundleIn")
        self.bundle_in_button.clicked.connect(self._ask_bundle_in)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.sync_button)
        if not register.is_reader:
            buttons.addWidget(self.bundle_out_button)
            buttons.addWidget(self.bundle_in_button)
        buttons.addStretch(1)
        server_form.addRow(buttons)
        server_box = QGroupBox(self.tr("Máy chủ của tỉnh"))
        server_box.setLayout(server_form)

        self.last_label = QLabel(objectName="lastSync")
        self.unsent_label = QLabel(objectName="unsentCount")
        self.next_label = QLabel(objectName="nextAttempt")
        self.error_label = QLabel(objectName="syncError")
        # What happened to a database restored from a backup (until and after its next sync).
        self.notice_label = QLabel(objectName="syncNotice")
        self.notice_label.setWordWrap(True)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.progress = QProgressBar(objectName="syncProgress")
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(self.tr("Dừng"), objectName="syncCancel")
        self.cancel_button.clicked.connect(self.scheduler.stop)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        state_form = QFormLayout()
        state_form.addRow(self.tr("Lần đồng bộ gần nhất"), self.last_label)
        state_form.addRow(self.tr("Thay đổi chưa gửi"), self.unsent_label)
        state_form.addRow(self.tr("Lần tự động tiếp theo"), self.next_label)
        state_form.addRow(running)
        state_form.addRow(self.error_label)
        state_form.addRow(self.notice_label)
        state_box = QGroupBox(self.tr("Tình trạng"))
        state_box.setLayout(state_form)

        self.failures = make_table([self.tr("Bản ghi"), self.tr("Lý do")], "syncFailures")
        # Refused records sent again as they stand; set-aside pulled changes tried again.
        self.retry_button = QPushButton(self.tr("Gửi lại"), objectName="retryFailures")
        self.retry_button.clicked.connect(self._retry)

        self.conflicts = make_table(
            [
                self.tr("Bản ghi"),
                self.tr("Thông tin"),
                self.tr("Giá trị đang dùng"),
                self.tr("Giá trị bị thay"),
                self.tr("Người sửa, lúc"),
            ],
            "conflictTable",
            stretch=0,
        )
        self.conflicts.itemSelectionChanged.connect(self._selection_changed)
        self.keep_button = QPushButton(self.tr("Giữ giá trị đang dùng"), objectName="keepCurrent")
        self.keep_button.clicked.connect(lambda: self._resolve("kept"))
        self.other_button = QPushButton(self.tr("Dùng giá trị bị thay"), objectName="useOther")
        self.other_button.clicked.connect(lambda: self._resolve("lost"))
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addStretch(1)
        conflict_buttons.addWidget(self.keep_button)
        conflict_buttons.addWidget(self.other_button)
        explanation = QLabel(
            self.tr(
                "Khi hai nơi cùng sửa một thông tin, giá trị sửa sau được dùng; giá trị kia "
                "được giữ lại ở đây để cán bộ chọn. Không có dữ liệu nào bị mất."
            )
        )
        explanation.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(server_box)
        layout.addWidget(state_box)
        self.failures_title = QLabel(self.tr("Bản ghi chưa đồng bộ được"))
        failures_head = QHBoxLayout()
        failures_head.addWidget(self.failures_title, 1)
        failures_head.addWidget(self.retry_button)
        layout.addLayout(failures_head)
        layout.addWidget(self.failures, 1)
        layout.addWidget(QLabel(self.tr("Xung đột cần xem")))
        layout.addWidget(explanation)
        layout.addWidget(self.conflicts, 2)
        layout.addLayout(conflict_buttons)

        scheduler.started.connect(self._started)
        scheduler.finished.connect(self._finished)
        scheduler.failed.connect(self._failed)
        scheduler.progressed.connect(self._progressed)
        self._clock = QTimer(self, interval=30_000)
        self._clock.timeout.connect(self._show_times)
        self._clock.start()
        self._show_running(False)
        self._selection_changed()
        self.refresh()

    # ---- the server -----------------------------------------------------------------------

    def _entered(self) -> tuple[str, str] | None:
        server, token = self.server.text().strip(), self.token.text().strip()
        if not server or not token:
            dialogs.error(self, self._title, self.tr("Nhập địa chỉ máy chủ và mã thiết bị."))
            return None
        return server, token

    def test_connection(self) -> None:
        if self.register.is_reader:  # the status needs no account
            entered = (self.server.text().strip(), "") if self.server.text().strip() else None
        else:
            entered = self._entered()
        if entered is None:
            dialogs.error(self, self._title, self.tr("Nhập địa chỉ máy chủ."))
            return
        server, token = entered
        self.test_button.setEnabled(False)

        def work() -> str:
            from desktop.sync.client import SyncClient

            with SyncClient(self.register, server, token) as client:
                answer = client.test_connection()
            if token:
                _remember(self.register, token, server)
            return answer

        def done(answer: str) -> None:
            self.test_button.setEnabled(True)
            dialogs.inform(
                self, self._title, self.tr("Kết nối được máy chủ. {answer}").format(answer=answer)
            )

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            dialogs.error(self, self._title, str(error))

        self.tasks.run_io(work, done, failed)

    def sync_now(self) -> None:
        if self.register.is_reader and self.token.text():
            self._login_and_sync()
            return
        entered = self._entered()
        if entered is None:
            return
        server, token = entered
        if (server, token) != server_settings(self.register):
            self.tasks.run_db(lambda: _remember(self.register, token, server))
        self._manual = True
        if not self.scheduler.run(manual=True):
            self._manual = False

    def _login_and_sync(self) -> None:
        server, username, password = (
            self.server.text().strip(),
            self.reader.text().strip(),
            self.token.text(),
        )
        if not server or not username:
            dialogs.error(self, self._title, self.tr("Nhập địa chỉ máy chủ và tài khoản."))
            return
        self.sync_button.setEnabled(False)

        def work() -> None:
            from desktop.sync.client import login
            from desktop.sync.connection import READER_KEY, SERVER_KEY, TOKEN_KEY

            session = login(server, username, password)
            if session.unit != self.register.reader_unit:
                raise ValueError(
                    f"Tài khoản {username} xem đơn vị {session.unit}, không phải đơn vị của "
                    f"tệp dữ liệu này ({self.register.reader_unit})."
                )
            self.register.set_settings(
                {SERVER_KEY: server, TOKEN_KEY: session.token, READER_KEY: username}
            )

        def done(_result: None) -> None:
            self.token.clear()
            self.sync_button.setEnabled(True)
            self._manual = True
            if not self.scheduler.run(manual=True):
                self._manual = False

        def failed(error: BaseException) -> None:
            self.sync_button.setEnabled(True)
            dialogs.error(self, self._title, str(error))

        self.tasks.run_io(work, done, failed)

    # ---- USB bundles ------------------------------------------------------------------------

    def _token(self) -> str | None:
        token = self.token.text().strip()
        if not token:
            dialogs.error(self, self._title, self.tr("Nhập mã thiết bị (do tỉnh cấp) trước."))
            return None
        return token

    def _ask_bundle_out(self) -> None:
        path = file_dialogs.ask_save_file(
            self, self.tr("Ghi gói USB"), "gui-len.stb", self.tr("Gói Sổ Trẻ Em (*.stb)"), "usb"
        )
        if path:
            self.write_bundle(path)

    def _ask_bundle_in(self) -> None:
        path = file_dialogs.ask_open_file(
            self, self.tr("Nhập gói trả lời"), self.tr("Gói Sổ Trẻ Em (*.stb)"), "usb"
        )
        if path:
            self.read_bundle(path)

    def write_bundle(self, path: Path) -> None:
        token = self._token()
        if token is None:
            return

        def work() -> int:
            from desktop.sync import bundle

            count = bundle.write_request(self.register, token, path)
            _remember(self.register, token)
            return count

        def done(count: int) -> None:
            detail = self.tr(
                "Đã ghi {n} thay đổi vào {name}. Mang tệp lên tỉnh; khi có gói trả lời, "
                "bấm “Nhập gói trả lời…”. Các thay đổi chỉ được coi là đã gửi khi nhập gói trả lời."
            ).format(n=count, name=path.name)
            saved_notice.show_saved(
                self, self.tr("Ghi gói USB"), path, folder_only=True, detail=detail
            )

        self.tasks.run_db(work, done, lambda e: dialogs.error(self, self._title, str(e)))

    def read_bundle(self, path: Path) -> None:
        token = self._token()
        if token is None:
            return

        def work():
            from desktop.sync import bundle

            return bundle.apply_reply(self.register, token, path)

        def done(result) -> None:
            text = self.tr(
                "Máy chủ đã nhận {pushed} thay đổi (từ chối {rejected}); nhận về {pulled} thay "
                "đổi, {conflicts} xung đột."
            ).format(pushed=result.pushed, rejected=result.rejected, pulled=result.pulled,
                     conflicts=result.conflicts)  # fmt: skip
            if result.more:
                text += " " + self.tr("Máy chủ còn dữ liệu: hãy làm thêm một lượt gói USB.")
            dialogs.inform(self, self._title, text)
            self.tasks.changed.emit(Changes(EVERYTHING))

        self.tasks.run_db(work, done, lambda e: dialogs.error(self, self._title, str(e)))

    # ---- progress -------------------------------------------------------------------------

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.sync_button.setEnabled(not running)
        if running:
            self.progress.setValue(0)

    def _started(self) -> None:
        self.error_label.clear()
        self._show_running(True)

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        self.progress.setFormat(message or "%p%")

    def _finished(self, report) -> None:
        self._show_running(False)
        notice = getattr(report, "notice", None)
        if notice:
            self.notice_label.setText(notice)
        if self._manual:
            self._manual = False
            done = self.tr("Đã đồng bộ: gửi {sent}, nhận {received} thay đổi.").format(
                sent=report.pushed, received=report.pulled
            )
            dialogs.inform(self, self._title, f"{done}\n\n{notice}" if notice else done)
        self.refresh()

    def _retry(self) -> None:
        """Send the refused records again (as they stand) and sync, which also retries the
        pulled changes set aside."""

        def sent_again(_changes: Changes) -> None:
            self.refresh()
            self.scheduler.run(manual=False)

        self.tasks.run_db(
            self.register.resend_refused,
            sent_again,
            lambda error: dialogs.error(self, self._title, str(error)),
        )

    def _failed(self, message: str) -> None:
        self._show_running(False)
        self.error_label.setText(message)
        if self._manual:
            self._manual = False
            dialogs.error(self, self._title, message)
        self.refresh()

    # ---- state, failures and conflicts ----------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        def read():
            return self.register.sync_state(), self.register.conflicts()

        self.tasks.run_db(read, self._show)

    def _show(self, result) -> None:
        state, conflicts = result
        self.last_sync = state.last_sync
        self.unsent_label.setText(f"{state.unsent:,}".replace(",", "."))
        self._show_times()
        self.failures.setRowCount(0)
        self.failures.setVisible(bool(state.failures))
        self.failures_title.setVisible(bool(state.failures))
        self.retry_button.setVisible(bool(state.failures) and not self.register.is_reader)
        if state.notice:
            self.notice_label.setText(state.notice)
        for failure in state.failures:
            row = self.failures.rowCount()
            self.failures.insertRow(row)
            self.failures.setItem(row, 0, QTableWidgetItem(failure.label))
            self.failures.setItem(row, 1, QTableWidgetItem(failure.message))
        self._conflicts = list(conflicts)
        self.conflicts.setRowCount(0)
        for conflict in self._conflicts:
            row = self.conflicts.rowCount()
            self.conflicts.insertRow(row)
            lost_at = conflict.lost_at
            when = lost_at.astimezone().strftime("%H:%M %d/%m/%Y") if lost_at else ""
            cells = (
                conflict.record_label,
                conflict.field_label,
                conflict.kept_text,
                conflict.lost_text,
                ", ".join(x for x in (conflict.lost_by, when) if x) or "—",
            )
            for column, text in enumerate(cells):
                self.conflicts.setItem(row, column, QTableWidgetItem(text))
        self._selection_changed()

    def _show_times(self) -> None:
        now = datetime.now(UTC)
        self.last_label.setText(ago(self.last_sync, now))
        next_at = self.scheduler.next_at
        if self.scheduler.running:
            self.next_label.setText(self.tr("đang đồng bộ…"))
        elif next_at is None:
            self.next_label.setText(self.tr("chưa đặt máy chủ"))
        else:
            self.next_label.setText(next_at.astimezone().strftime("%H:%M"))

    def _selection_changed(self) -> None:
        # A reader sees the communes' conflicts; only the commune's officer settles them.
        chosen = (
            bool(self.conflicts.selectionModel().selectedRows()) and not self.register.is_reader
        )
        self.keep_button.setEnabled(chosen)
        self.other_button.setEnabled(chosen)

    def _resolve(self, keep: Literal["kept", "lost"]) -> None:
        rows = self.conflicts.selectionModel().selectedRows()
        if not rows:
            return
        conflict = self._conflicts[rows[0].row()]
        self.tasks.run_db(
            lambda: self.register.resolve_conflict(conflict.id, keep),
            lambda _changes: self.refresh(),
            lambda error: dialogs.error(self, self._title, str(error)),
        )
