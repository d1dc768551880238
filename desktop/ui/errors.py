"""What the officer is told when background work fails, and where the details go.

Every job of the task manager that fails without a handler of its own ends here (as Anki's
`CollectionOp` shows its errors): our own errors already carry a Vietnamese message naming the
field or the file; anything else is an unexpected fault, written with its traceback to the log
file that a district IT person can collect, and the officer is told so in plain words — never
a silent trace on a console nobody sees.
"""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop import config
from desktop.ui import dialogs

log = logging.getLogger("sotreem")


def log_path() -> Path:
    return config.data_dir() / "logs" / "sotreem.log"


class _LazyFileHandler(RotatingFileHandler):
    """Creates its folder and file at the first error only: a run without errors (the
    self-test, a quick look) leaves nothing behind. Both are private to the user (a message
    may name a child)."""

    def _open(self):
        from desktop import privacy

        path = Path(self.baseFilename)
        privacy.private_folder(path.parent)
        if not path.exists():
            privacy.create_private(path)
        privacy.make_private(path)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # a read-only or full profile must not stop the application


def start_logging() -> None:
    """Errors go to a small rotating file beside the data (1 MB × 3), once per process."""
    if any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        return
    handler = _LazyFileHandler(
        log_path(), maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def is_ours(error: BaseException) -> bool:
    """Raised by the application's own rules, with a message meant for the officer."""
    return type(error).__module__.startswith("desktop.")


def explain(error: BaseException) -> str:
    """The message the officer reads for `error`."""
    if is_ours(error):
        return str(error)
    if isinstance(error, PermissionError):
        return _tr("Không có quyền đọc hoặc ghi tệp “{name}”.").format(
            name=error.filename or ""
        )
    if isinstance(error, FileNotFoundError):
        return _tr("Không tìm thấy tệp “{name}”.").format(name=error.filename or "")
    return _tr(
        "Đã xảy ra lỗi ngoài dự kiến ({kind}). Dữ liệu đã lưu trước đó không bị ảnh hưởng. "
        "Chi tiết được ghi vào tệp {log}; hãy gửi tệp này cho cán bộ kỹ thuật."
    ).format(kind=type(error).__name__, log=log_path())


def report(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """Log `error` and show its message (the default for every job without a handler)."""
    if is_ours(error):
        log.info("%s: %s", type(error).__name__, error)
    else:
        log.error(
            "Unexpected error in a background job:\n%s",
            "".join(traceback.format_exception(error)),
        )
    if not title:  # a full disk stops a save: say so in the title too
        disk_full = type(error).__name__ == "DiskFull"
        title = _tr("Không lưu được") if disk_full else _tr("Không thực hiện được")
    dialogs.error(parent, title, explain(error))
