"""Start the GUI: one QApplication (reused if one exists), the font, the language, the window.

Start-up paints the login screen first: the accounts and the commune come from the small key
file beside the database (or a plain `sqlite3` read of an older unencrypted one), before
SQLAlchemy, SQLCipher, cryptography or argon2 are imported. After the login the main window's
frame is shown and the register opens on the database worker (see `MainWindow.open_later`).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog

from desktop import config
from desktop.reference import resources_dir
from desktop.ui import fonts
from desktop.ui.main_window import MainWindow
from desktop.ui.register_file import check_file, commune_of

LOCK_MINUTES = 10  # default idle time before the lock screen (Cài đặt)


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Sổ Trẻ Em")
        app.setOrganizationName("SoTreEm")
    assert isinstance(app, QApplication)
    if not getattr(app, "_sotreem_ready", False):
        fonts.install(app)
        from desktop.ui import gui_thread_gc
        from desktop.ui.errors import start_logging

        gui_thread_gc.install(app)

        start_logging()
        install_language(app, str(config.load_settings().get("language", "vi")))
        app._sotreem_ready = True  # type: ignore[attr-defined]
    return app


def install_language(app: QApplication, language: str) -> None:
    """The interface language: Vietnamese is the source language of our own strings, and
    `qtbase_vi.qm` (made by resources/translations/update_qt_ts.py) turns Qt's own dialogs
    (file dialog, standard buttons, context menus) Vietnamese; other languages come from
    `sotreem_<language>.qm`, with Qt's own English left as it is. Calling it again replaces
    the translators installed before."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    uninstall_language(app)
    name = "qtbase_vi" if language == "vi" else f"sotreem_{language}"
    translator = QTranslator(app)
    if translator.load(str(resources_dir() / "translations" / f"{name}.qm")):
        app.installTranslator(translator)
        app._sotreem_translators = [translator]  # type: ignore[attr-defined]


def uninstall_language(app: QApplication) -> None:
    for translator in getattr(app, "_sotreem_translators", []):
        app.removeTranslator(translator)
    app._sotreem_translators = []  # type: ignore[attr-defined]


def lock_minutes() -> int:
    try:
        return max(0, int(str(config.load_settings().get("lock_minutes", LOCK_MINUTES))))
    except (TypeError, ValueError):
        return LOCK_MINUTES


def open_window(db_path: Path, on_login=None) -> MainWindow | None:
    """Login, then the main window over the register (first-run wizard if needed).

    None if the officer cancelled. `on_login(dialog)` sees the login dialog before it shows
    (the start-up benchmark's probe).
    """
    from desktop.db import vault

    if not vault.is_encrypted(db_path):  # an older plain file is checked before its login
        try:
            if db_path.exists() and db_path.stat().st_size:
                check_file(db_path)  # "not set up" may also mean its first pages are damaged
        except sqlite3.DatabaseError as exc:
            from desktop.ui.recovery import offer_restore

            if not offer_restore(db_path, exc):
                return None  # the officer was told what to do; the damaged file stays as it is
            return open_window(db_path, on_login)
    accounts = vault.accounts(db_path)
    if not accounts:
        return _first_run(db_path)
    commune_code = commune_of(db_path)
    from desktop.ui.login import LoginDialog

    dialog = LoginDialog(db_path, accounts, commune_code)
    if on_login is not None:
        on_login(dialog)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    unlocked = dialog.unlocked
    if unlocked is None and not vault.is_encrypted(db_path):
        unlocked = _offer_encryption(db_path, dialog)
    elif unlocked is not None and unlocked.new_recovery_code:
        # An older key file was upgraded at this officer's login: its recovery code could not
        # carry the new keys, so a new one replaces it (shown once, to be kept again).
        from desktop.ui.recovery_code import RecoveryCodeDialog, show_recovery_code

        show_recovery_code(RecoveryCodeDialog(unlocked.new_recovery_code))
    window = MainWindow(
        role=dialog.role, username=dialog.full_name or dialog.username,
        commune_code=commune_code, lock_minutes=lock_minutes(),
    )  # fmt: skip
    key = unlocked.data_key if unlocked is not None else None
    window.open_later(db_path, dialog.username, key, unlocked)
    return window


def _offer_encryption(db_path: Path, dialog):
    """An older plain register: encrypt it now (officer's login), showing the recovery code.
    Returns what the password opens then (`Unlocked`); None when declined or not done."""
    from desktop.db import vault
    from desktop.ui import dialogs

    if dialog.role != "officer":
        return None
    answer = dialogs.ask(
        None,
        QCoreApplication.translate("app", "Mã hóa dữ liệu"),
        QCoreApplication.translate(
            "app",
            "Dữ liệu trẻ em trên máy này chưa được mã hóa: ai lấy được máy hoặc tệp đều đọc "
            "được. Mã hóa ngay bây giờ? (Tệp cũ chỉ được thay khi bản mã hóa đã hoàn tất; các "
            "tài khoản khác cần được đặt lại mật khẩu ở trang Cài đặt.)",
        ),
        dialogs.Button.Yes | dialogs.Button.No,
        dialogs.Button.Yes,
    )
    if answer != dialogs.Button.Yes:
        return None
    password, dialog.gate.last_password = dialog.gate.last_password, ""
    try:
        code = vault.migrate_plain(db_path, dialog.username, password, dialog.full_name)
        opened = vault.open_slot(db_path, dialog.username, password)
    except Exception as exc:  # full disk, no permission …: the plain file is still whole
        dialogs.error(
            None,
            QCoreApplication.translate("app", "Mã hóa dữ liệu"),
            QCoreApplication.translate(
                "app", "Chưa mã hóa được ({e}); dữ liệu cũ giữ nguyên, sẽ hỏi lại lần sau."
            ).format(e=exc),
        )
        return None
    from desktop.ui.recovery_code import RecoveryCodeDialog, show_recovery_code

    show_recovery_code(RecoveryCodeDialog(code))
    return opened


def _first_run(db_path: Path) -> MainWindow | None:
    from desktop.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(db_path)
    if wizard.exec() != QDialog.DialogCode.Accepted or wizard.register is None:
        if wizard.register is not None:
            wizard.register.close()
        return None
    return window_after_setup(wizard, db_path)


def window_after_setup(wizard, db_path: Path) -> MainWindow:
    """The main window over the register the wizard made, logged in as its one account; a new
    district/province copy starts pulling its area at once, on the Đồng bộ page."""
    from desktop.db import vault

    register = wizard.register  # logged in by the set-up as its one account
    account = next((a for a in vault.accounts(db_path) if a.username == register.user), None)
    window = MainWindow(
        register, role=register.role,
        username=(account.full_name if account else "") or register.user,
        lock_minutes=lock_minutes(), db_path=db_path,
    )  # fmt: skip
    if register.is_reader:
        window.show_page("sync")
        window.sync.run(manual=True)
    return window


def run_gui(db_path: Path, screenshots: Path | None = None) -> int:
    started = time.perf_counter()
    app = application()
    if screenshots is not None:
        from desktop.ui.screenshots import take_screenshots

        return take_screenshots(db_path, screenshots)
    probe_mode = os.environ.get("SOTREEM_EXIT_AFTER_PAINT")  # used by the start-up benchmark
    on_login = None
    if probe_mode:
        from desktop.ui import startup_probe

        on_login = lambda dialog: startup_probe.on_login_dialog(dialog, started, probe_mode)  # noqa: E731
    window = open_window(db_path, on_login)
    if window is None:
        return 0
    window.show()
    if probe_mode:
        startup_probe.on_main_window(window, started, probe_mode)
    code = app.exec()
    if window.register is not None:
        window.register.close()
    return code
