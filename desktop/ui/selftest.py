"""`sotreem --self-test`: prove an installation works end to end, on a throw-away database.

Sets up an encrypted register (SQLCipher, Argon2id key slot, AES-GCM), opens the main window
(offscreen when there is no screen), adds a child through the register, writes a monthly PDF
and an Excel export, checks them, and exits 0 — or 1 with the reason.
Installers and support staff run it; it never touches the officer's data.
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication


def run_self_test() -> int:
    from desktop.db import vault
    from desktop.domain.dates import PartialDate
    from desktop.domain.periods import parse_period
    from desktop.domain.validation import ChildDraft
    from desktop.reports import service
    from desktop.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="sotreem-selftest-") as tmp:
        folder = Path(tmp)
        register, _code = vault.setup(folder / "thu.db", "02725", "thu", "Thử", "tu-kiem-tra")
        try:
            if b"SQLite format 3" in (folder / "thu.db").read_bytes()[:16]:
                raise RuntimeError("cơ sở dữ liệu không được mã hóa")
            village = register.add_village("Sín Chải").created_id
            register.add_child(
                ChildDraft("Vàng Thị Thử", "F", PartialDate(2018, 5, 1), "08", village)
            )
            window = MainWindow(register)
            window.show()
            deadline = time.monotonic() + 20
            while window.children_page.model.rowCount() != 1:
                QApplication.processEvents()
                if time.monotonic() > deadline:
                    raise RuntimeError("danh sách trẻ em không hiện")
            today = date.today()
            month = f"{today.year}-{today.month:02d}"
            service.write_report(register, "monthly", parse_period(month), "pdf", folder / "bc.pdf")
            if not (folder / "bc.pdf").read_bytes().startswith(b"%PDF"):
                raise RuntimeError("tệp PDF không hợp lệ")
            service.export(register, "all", folder / "xuat.xlsx")
            with zipfile.ZipFile(folder / "xuat.xlsx") as xlsx:
                if "xl/workbook.xml" not in xlsx.namelist():
                    raise RuntimeError("tệp Excel không hợp lệ")
            while window.tasks.pending:
                QApplication.processEvents()
            window.tasks.shutdown()
        except Exception as exc:  # the point is to report any failure, whatever it is
            print(f"TỰ KIỂM TRA THẤT BẠI: {exc}")
            return 1
        finally:
            register.close()
    print("Tự kiểm tra đạt: cửa sổ, cơ sở dữ liệu mã hóa, báo cáo PDF và Excel đều chạy.")
    return 0
