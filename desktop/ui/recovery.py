"""A damaged database at start: offer the newest automatic backup instead of crashing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.ui import dialogs


def offer_restore(db_path: Path, error: BaseException, parent: QWidget | None = None,
                  key: bytes | None = None) -> bool:  # fmt: skip
    """Ask to restore the newest automatic backup; True when it was restored.

    The damaged file is kept beside the database (…-hong.db) for whoever investigates.
    """
    from desktop.db import backup

    newest = backup.latest(backup.folder_for(db_path))
    try:
        info = backup.describe(newest, key) if newest is not None else None
    except backup.BackupError:
        info = None
    if newest is None or info is None:
        dialogs.error(
            parent,
            QCoreApplication.translate("recovery", "Sổ trẻ em bị hỏng"),
            QCoreApplication.translate(
                "recovery",
                "Tệp dữ liệu {p} bị hỏng ({e}) và chưa có bản sao lưu tự động dùng được. Hãy "
                "khôi phục từ bản sao lưu trên USB (lệnh “sotreem restore TỆP”) hoặc nhờ cán "
                "bộ tin học; đừng xóa tệp hỏng.",
            ).format(p=db_path, e=error),
        )
        return False
    answer = dialogs.ask(
        parent,
        QCoreApplication.translate("recovery", "Sổ trẻ em bị hỏng"),
        QCoreApplication.translate(
            "recovery",
            "Tệp dữ liệu bị hỏng ({e}). Khôi phục bản sao lưu tự động mới nhất, lúc {t}, có "
            "{n} trẻ em? Tệp hỏng được giữ lại để kiểm tra.",
        ).format(e=error, t=f"{info.made_at:%H:%M %d/%m/%Y}", n=info.children),
        dialogs.Button.Yes | dialogs.Button.No,
        dialogs.Button.Yes,
    )
    if answer != dialogs.Button.Yes:
        return False
    damaged = db_path.with_name(f"{db_path.stem}-hong.db")
    db_path.replace(damaged)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    backup.restore(newest, db_path, backup.folder_for(db_path), key)
    return True
