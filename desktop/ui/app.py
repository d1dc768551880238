"""Start the GUI: one QApplication (reused if one exists), the font, the language, the window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog

from desktop import config
from desktop.db.register import Register
from desktop.reference import resources_dir
from desktop.ui import fonts
from desktop.ui.main_window import MainWindow
from desktop.ui.wizard import FirstRunWizard


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Sổ Trẻ Em")
        app.setOrganizationName("SoTreEm")
    assert isinstance(app, QApplication)
    if not getattr(app, "_sotreem_ready", False):
        fonts.install(app)
        install_language(app, str(config.load_settings().get("language", "vi")))
        app._sotreem_ready = True  # type: ignore[attr-defined]
    return app


def install_language(app: QApplication, language: str) -> None:
    """Vietnamese is the source language; other languages come from Qt .qm files."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    if language == "vi":
        return
    translator = QTranslator(app)
    if translator.load(str(resources_dir() / "translations" / f"sotreem_{language}.qm")):
        app.installTranslator(translator)
        app._sotreem_translator = translator  # type: ignore[attr-defined]


def open_window(db_path: Path) -> MainWindow | None:
    """Open the register (first-run wizard if needed) and its main window; None if cancelled."""
    register = Register.open(db_path)
    users = register.users()
    if not register.commune_code or not users:
        wizard = FirstRunWizard(register)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            register.close()
            return None
        users = register.users()
    officer = next((u for u in users if u.role == "officer"), users[0])
    register.user = officer.username
    return MainWindow(register, role=officer.role, username=officer.full_name or officer.username)


def run_gui(db_path: Path, screenshots: Path | None = None) -> int:
    started = time.perf_counter()
    app = application()
    if screenshots is not None:
        from desktop.ui.screenshots import take_screenshots

        return take_screenshots(db_path, screenshots)
    window = open_window(db_path)
    if window is None:
        return 0
    window.show()
    if os.environ.get("SOTREEM_EXIT_AFTER_PAINT"):  # used by the start-up benchmark
        from desktop.ui.startup_probe import exit_after_first_paint

        exit_after_first_paint(window, started)
    code = app.exec()
    window.register.close()
    return code
