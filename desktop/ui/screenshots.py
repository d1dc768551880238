"""`sotreem --db PATH --screenshots DIR`: a PNG of every page, for the guide and for support."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.db.register import Register
from desktop.ui.fit import SMALL_SCREEN
from desktop.ui.main_window import MainWindow


def _settle(window: MainWindow, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if window.tasks.pending == 0:
            QApplication.processEvents()
            return
        time.sleep(0.01)


def _vietnam_clock() -> None:
    """Screens are taken as a commune PC shows them: on Vietnam time (a build machine on UTC
    would otherwise show the wrong-time-zone warning in every picture)."""
    if hasattr(time, "tzset"):
        os.environ["TZ"] = "Asia/Ho_Chi_Minh"
        time.tzset()


def take_screenshots(db_path: Path, out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    from desktop.db import vault

    if vault.is_encrypted(db_path):  # as the officer, password from SOTREEM_PASSWORD or typed
        import getpass

        officer = next(a for a in vault.accounts(db_path) if a.role == "officer")
        password = os.environ.get("SOTREEM_PASSWORD")
        if password is None:
            password = getpass.getpass(f"Mật khẩu của {officer.username}: ")
        try:
            register = vault.login(db_path, officer.username, password)
        except vault.SlotError as exc:
            print(f"Lỗi: {exc}")
            return 2
    else:
        register = Register.open(db_path)
    if not register.commune_code:
        print("Lỗi: cơ sở dữ liệu chưa thiết lập xã (chạy “sotreem init” hoặc “sotreem demo”).")
        return 2
    _vietnam_clock()
    users = register.users()
    name = users[0].full_name if users else "Cán bộ phụ trách"
    window = MainWindow(register, role="officer", username=name)
    window.show()
    saved = []
    # The officer's screen (1366×768), and the same screen at 125 % display scaling.
    for (width, height), suffix in (((1366, 768), ""), (SMALL_SCREEN, "-125")):
        window.resize(width, height)
        _settle(window)
        for number, key in enumerate(window.page_keys, start=1):
            window.show_page(key)
            _settle(window)
            path = out_dir / f"{number:02d}-{key}{suffix}.png"
            window.grab().save(str(path))
            saved.append(path)
            if key == "children" and window.children_page.model.rowCount():
                window.children_page.open_row(0)
                _settle(window)
                path = out_dir / f"{number:02d}-children-form{suffix}.png"
                window.grab().save(str(path))
                saved.append(path)
                window.children_page.form._clean = None
                window.children_page.show_list()
    window.close()
    register.close()
    for path in saved:
        print(path)
    return 0
