"""First run: a commune's register, or a district/province account's read-only copy.

A commune: choose the province and commune, create the officer, show the recovery code, and
(optionally) type the commune's villages.
Finishing the officer page sets the register up encrypted (a new data key, the officer's key
slot, the recovery slot); the last page shows the recovery code once.

A district/province: the server address and the account the server's administrator gave; the
login runs off the UI thread, then the encrypted copy is made (`create_reader_copy`, as
`sotreem sync --reader` does) and the main window pulls the area at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop import reference
from desktop.db import vault
from desktop.db.accounts import MIN_PASSWORD_LENGTH
from desktop.db.register import Register
from desktop.domain.names import fold, sort_key
from desktop.domain.validation import ValidationError, validate_village_name
from desktop.ui.widgets import CodeCombo, ErrorLabel

T = TypeVar("T")
USE, COMMUNE, OFFICER, CODE, VILLAGES, READER = range(6)


class UsePage(QWizardPage):
    """What this PC is for: one commune's register, or a district/province's view."""

    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Máy này dùng để làm gì?"))
        self.commune = QRadioButton(
            self.tr("Ghi sổ theo dõi trẻ em của một xã/phường (cán bộ xã)"), objectName="useCommune"
        )
        self.reader = QRadioButton(
            self.tr(
                "Xem số liệu các xã của tỉnh (hoặc một huyện cũ), chỉ xem (tài khoản do quản "
                "trị máy chủ cấp)"
            ),
            objectName="useReader",
        )
        self.commune.setChecked(True)
        group = QButtonGroup(self)
        box = QVBoxLayout(self)
        for button in (self.commune, self.reader):
            group.addButton(button)
            box.addWidget(button)
        box.addStretch()

    def nextId(self) -> int:
        return READER if self.reader.isChecked() else COMMUNE


class CommunePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Xã/phường của bạn"))
        self.setSubTitle(
            self.tr(
                "Chọn theo danh mục đơn vị hành chính từ 01/7/2025. Gõ vài chữ, không dấu cũng "
                "được, để lọc."
            )
        )
        provinces = sorted(reference.provinces(), key=lambda u: sort_key(u.short_name))
        self.province = CodeCombo([(u.code, u.name, (u.short_name,)) for u in provinces])
        self.province.setObjectName("provinceCombo")
        self.commune = CodeCombo()
        self.commune.setObjectName("communeCombo")
        self.former = QLabel()
        self._loaded_province: str | None = None
        self.province.currentIndexChanged.connect(self._province_changed)
        self.commune.currentIndexChanged.connect(self._commune_changed)
        self.province.editTextChanged.connect(lambda _t: self._province_typed())
        self.commune.editTextChanged.connect(lambda _t: self._commune_changed())
        form = QFormLayout(self)
        form.addRow(self.tr("Tỉnh/thành phố"), self.province)
        form.addRow(self.tr("Xã/phường/đặc khu"), self.commune)
        form.addRow("", self.former)

    def _province_typed(self) -> None:
        code = self.province.code()
        if code not in (None, "?") and code != self._loaded_province:
            self._province_changed()
        self.completeChanged.emit()

    def _province_changed(self) -> None:
        code = self.province.code()
        self._loaded_province = code
        communes = reference.communes_of(code) if code and code != "?" else []
        communes.sort(key=lambda u: sort_key(u.short_name))
        self.commune.set_items([(u.code, u.name, (u.short_name,)) for u in communes])
        self.completeChanged.emit()

    def _commune_changed(self) -> None:
        unit = reference.unit(self.commune.code() or "")
        self.former.setText(
            self.tr("Trước 01/7/2025 thuộc {d}").format(d=unit.former_district)
            if unit and unit.former_district
            else ""
        )
        self.completeChanged.emit()

    def commune_code(self) -> str | None:
        code = self.commune.code()
        return code if code and code != "?" else None

    def isComplete(self) -> bool:
        return self.commune_code() is not None


class OfficerPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Tài khoản cán bộ phụ trách"))
        self.setSubTitle(
            self.tr("Tài khoản này có toàn quyền, kể cả xem các vụ việc bảo vệ trẻ em.")
        )
        self.full_name = QLineEdit(objectName="officerName")
        self.username = QLineEdit(objectName="officerUsername")
        self.password = QLineEdit(objectName="officerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(objectName="officerPasswordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel("officer")
        for edit in (self.full_name, self.username, self.password, self.again):
            edit.textChanged.connect(lambda _t: self.completeChanged.emit())
        form = QFormLayout(self)
        form.addRow(self.tr("Họ và tên"), self.full_name)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(
            self.tr("Mật khẩu (ít nhất {n} ký tự)").format(n=MIN_PASSWORD_LENGTH), self.password
        )
        form.addRow(self.tr("Nhập lại mật khẩu"), self.again)
        form.addRow(self.error)

    def problem(self) -> str:
        if not self.full_name.text().strip() or not self.username.text().strip():
            return self.tr("Nhập họ tên và tên đăng nhập.")
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            return self.tr("Mật khẩu cần ít nhất {n} ký tự.").format(n=MIN_PASSWORD_LENGTH)
        if self.password.text() != self.again.text():
            return self.tr("Hai lần nhập mật khẩu không giống nhau.")
        return ""

    def isComplete(self) -> bool:
        message = self.problem()
        self.error.show_message(message if self.password.text() or self.again.text() else "")
        return not message

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard.set_up()


class CodePage(QWizardPage):
    """The recovery code, once; finishing needs the "I have kept it" box ticked."""

    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Mã khôi phục — in hoặc chép ra giấy ngay"))
        self.view = None
        self.box = QVBoxLayout(self)

    def show_code(self, code: str, commune: str) -> None:
        from desktop.ui.recovery_code import RecoveryCodeView

        self.view = RecoveryCodeView(code, commune)
        self.view.noted.toggled.connect(lambda _c: self.completeChanged.emit())
        self.box.addWidget(self.view)

    def isComplete(self) -> bool:
        return self.view is not None and self.view.noted.isChecked()

    def nextId(self) -> int:
        return VILLAGES


class VillagesPage(QWizardPage):
    """The commune's villages, typed one per line — or skipped and added later."""

    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Thôn/bản của xã (có thể bỏ qua)"))
        self.setSubTitle(
            self.tr(
                "Gõ tên các thôn/bản, mỗi dòng một tên. Có thể bỏ qua: thêm sau ở Cài đặt › "
                "Thôn/bản, hoặc ngay khi nhập hồ sơ trẻ."
            )
        )
        self.names = QPlainTextEdit(objectName="wizardVillages")
        self.names.setPlaceholderText(self.tr("Thôn Sín Chải\nBản Nậm Cang\nThôn Lao Chải"))
        self.error = ErrorLabel("villages")
        box = QVBoxLayout(self)
        box.addWidget(self.names, 1)
        box.addWidget(self.error)

    def typed(self) -> list[str]:
        """The lines as typed (blank ones included, so messages can name line numbers)."""
        return [line.strip() for line in self.names.toPlainText().splitlines()]

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard.add_villages(self.typed())


class ReaderPage(QWizardPage):
    """A district/province account: the server's address, name and password."""

    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Tài khoản cấp tỉnh"))
        self.setSubTitle(
            self.tr(
                "Số liệu các xã thuộc đơn vị của tài khoản được tải về máy này, mã hóa, chỉ để "
                "xem và lập báo cáo. Mật khẩu là mật khẩu của tài khoản trên máy chủ."
            )
        )
        self.server = QLineEdit(objectName="readerServer")
        self.server.setPlaceholderText("https://dongbo.sldtbxh.….gov.vn")
        self.username = QLineEdit(objectName="readerUsername")
        self.password = QLineEdit(objectName="readerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.status = QLabel(objectName="readerStatus")
        self.error = ErrorLabel("reader")
        self.busy = False
        for edit in (self.server, self.username, self.password):
            edit.textChanged.connect(lambda _t: self.completeChanged.emit())
        form = QFormLayout(self)
        form.addRow(self.tr("Địa chỉ máy chủ"), self.server)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow(self.status)
        form.addRow(self.error)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Đăng nhập và tải số liệu"))

    def isComplete(self) -> bool:
        filled = all(e.text().strip() for e in (self.server, self.username, self.password))
        return filled and not self.busy

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard.set_up_reader()


class FirstRunWizard(QWizard):
    def __init__(self, db_path: Path):
        super().__init__()
        self.setObjectName("firstRunWizard")
        self.db_path = db_path
        self.register: Register | None = None
        self.setWindowTitle(self.tr("Sổ Trẻ Em — thiết lập lần đầu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.use_page = UsePage()
        self.commune_page = CommunePage()
        self.officer_page = OfficerPage()
        self.code_page = CodePage()
        self.villages_page = VillagesPage()
        self.reader_page = ReaderPage()
        for page_id, page in ((USE, self.use_page), (COMMUNE, self.commune_page),
                              (OFFICER, self.officer_page), (CODE, self.code_page),
                              (VILLAGES, self.villages_page),
                              (READER, self.reader_page)):  # fmt: skip
            self.setPage(page_id, page)
        self.officer_page.setCommitPage(True)  # once the register is made there is no going back
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Tạo tài khoản >"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp theo >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Quay lại"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Hủy"))
        self.username = ""
        self.role = "officer"

    def set_up(self) -> bool:
        """Create the encrypted register with the commune and the officer (once; about a second
        of key derivation on the GUI thread, with the wizard waiting on it)."""
        if self.register is not None:
            return True
        page = self.officer_page
        try:
            self.register, code = vault.setup(
                self.db_path, self.commune_page.commune_code() or "", page.username.text(),
                page.full_name.text(), page.password.text(),
            )  # fmt: skip
        except ValidationError as exc:
            page.error.show_message("\n".join(str(p) for p in exc.problems))
            return False
        except (vault.SlotError, OSError) as exc:
            page.error.show_message(str(exc))
            return False
        self.username = page.username.text().strip().lower()
        unit = reference.unit(self.register.commune_code or "")
        self.code_page.show_code(code, unit.name if unit else "")
        return True

    def set_up_reader(self) -> bool:
        """Log in to the server and make the read-only copy, the window painting meanwhile."""
        if self.register is not None:
            return True
        from desktop.sync.client import SyncError
        from desktop.sync.connection import create_reader_copy

        page = self.reader_page
        server, username = page.server.text().strip(), page.username.text().strip()
        password = page.password.text()
        page.error.show_message("")
        page.status.setText(self.tr("Đang đăng nhập máy chủ và tạo bản sao trên máy…"))
        page.busy = True
        page.completeChanged.emit()
        self.button(QWizard.WizardButton.CancelButton).setEnabled(False)
        try:
            self.register, _session = off_ui_thread(
                lambda: create_reader_copy(self.db_path, server, username, password)
            )
        except SyncError as exc:
            page.error.show_message(exc.message)
            return False
        except (vault.SlotError, OSError) as exc:
            page.error.show_message(str(exc))
            return False
        finally:
            page.busy = False
            page.status.setText("")
            page.completeChanged.emit()
            self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.username, self.role = username.lower(), "viewer"
        return True

    def add_villages(self, names: list[str]) -> bool:
        """All the typed villages, or none with the line of the problem named."""
        assert self.register is not None
        problems = village_list_problems(names)
        if problems:
            self.villages_page.error.show_message("\n".join(problems))
            return False
        try:
            with self.register.batch():
                for name in filter(None, names):
                    self.register.add_village(name)
        except ValidationError as exc:
            self.villages_page.error.show_message("\n".join(p.message for p in exc.problems))
            return False
        return True

    def reject(self) -> None:
        if self.register is not None and self.role == "officer":
            if not self.code_page.isComplete():
                return  # the register exists now: the code must be seen and kept
            self.accept()  # only the optional villages were left: the register is ready
            return
        super().reject()


def village_list_problems(names: list[str]) -> list[str]:
    """ "Dòng 3: …" for every line that cannot be a village (empty lines are skipped)."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        if not name:
            continue
        problems += [f"Dòng {number}: {p.message}" for p in validate_village_name(name)]
        key = fold(name)
        if key in seen:
            problems.append(f"Dòng {number}: “{name}” trùng với dòng {seen[key]}.")
        seen.setdefault(key, number)
    return problems


def off_ui_thread(work: Callable[[], T]) -> T:
    """Run `work` on a worker thread while the event loop keeps the window painting; return
    its result or raise its exception. For the wizard, which has no task manager yet."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="wizard-work", daemon=True)
    loop = QEventLoop()
    timer = QTimer(interval=50)
    timer.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    thread.start()
    timer.start()
    loop.exec()
    timer.stop()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
