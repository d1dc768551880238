"""Start the GUI: one QApplication (reused if one exists), the font, the language, the window.

Start-up paints the main window before the database layer is imported: a plain `sqlite3` peek
reads the commune and the officer, the frame is shown, and the register opens on the database
worker right after (see `MainWindow.open_later`).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog

from desktop import config
from desktop.reference import resources_dir
from desktop.ui import fonts
from desktop.ui.main_window import MainWindow


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


@dataclass(frozen=True)
class Peek:
    commune_code: str
    username: str
    full_name: str
    role: str


def peek(db_path: Path) -> Peek | None:
    """The commune and officer of a set-up register, read without SQLAlchemy; None otherwise."""
    if not db_path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            commune = conn.execute(
                "SELECT value FROM setting WHERE key = 'commune_code'"
            ).fetchone()
            user = conn.execute(
                "SELECT username, full_name, role FROM user ORDER BY role != 'officer', username "
                "LIMIT 1"
            ).fetchone()
    except sqlite3.Error:
        return None
    if not commune or not user:
        return None
    return Peek(commune[0], user[0], user[1], user[2])


def check_file(db_path: Path) -> None:
    """Raise sqlite3.DatabaseError unless SQLite's quick check passes."""
    with sqlite3.connect(db_path, timeout=5) as conn:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise sqlite3.DatabaseError(result)


def open_window(db_path: Path) -> MainWindow | None:
    """The main window over the register (first-run wizard if needed); None if cancelled."""
    try:
        found = peek(db_path)
        if found is None and db_path.exists() and db_path.stat().st_size:
            check_file(db_path)  # "not set up" may also mean its first pages are damaged
    except sqlite3.DatabaseError as exc:
        from desktop.ui.recovery import offer_restore

        if not offer_restore(db_path, exc):
            return None  # the officer was told what to do; the damaged file stays as it is
        return open_window(db_path)
    if found is not None:
        window = MainWindow(
            role=found.role, username=found.full_name or found.username,
            commune_code=found.commune_code,
        )  # fmt: skip
        window.open_later(db_path, found.username)
        return window
    from desktop.db.register import Register
    from desktop.ui.wizard import FirstRunWizard

    register = Register.open(db_path)
    wizard = FirstRunWizard(register)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        register.close()
        return None
    officer = next(u for u in register.users() if u.role == "officer")
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
    if window.register is not None:
        window.register.close()
    return code
