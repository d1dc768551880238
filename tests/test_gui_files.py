"""Every save says so: file dialogs start where the officer last saved (or in Documents), and
after a file is written a notice names it, with Mở tệp / Mở thư mục."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QPushButton

from desktop import config
from desktop.ui import file_dialogs, saved_notice
from desktop.ui.backup_box import BackupBox
from desktop.ui.fit import SMALL_SCREEN
from desktop.ui.reports_page import ReportsPage
from desktop.ui.saved_notice import SavedNotice
from desktop.ui.taskman import TaskManager


class FileAnswers:
    """Answers the file dialogs in turn, recording the folder each one opened in."""

    def __init__(self, monkeypatch, *choices: Path):
        self.choices = list(choices)
        self.opened_in: list[Path] = []
        self.titles: list[str] = []
        monkeypatch.setattr(file_dialogs, "run_dialog", self)

    def __call__(self, dialog: QFileDialog) -> bool:
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        self.opened_in.append(Path(dialog.directory().absolutePath()))
        self.titles.append(dialog.windowTitle())
        dialog.selectFile(str(self.choices.pop(0)))
        return True


class Notices:
    """The real notice for each file written, shown without waiting, and the URLs opened."""

    def __init__(self, qtbot, monkeypatch):
        self.shown: list[SavedNotice] = []
        self.opened: list[QUrl] = []

        def show(parent, title, path, **options):
            notice = SavedNotice(parent, title, path, **options)  # its page owns it
            notice.show()
            self.shown.append(notice)

        def open_url(url: QUrl) -> bool:
            self.opened.append(url)
            return True

        monkeypatch.setattr(saved_notice, "show_saved", show)
        monkeypatch.setattr(QDesktopServices, "openUrl", open_url)


@pytest.fixture
def tasks():
    manager = TaskManager()
    yield manager
    manager.shutdown()


def visible_buttons(notice: SavedNotice) -> list[str]:
    return [b.text() for b in notice.findChildren(QPushButton) if b.isVisibleTo(notice)]


def test_save_pdf_starts_in_documents_then_in_the_last_folder_and_says_where(
    qtbot, register, tasks, fresh_home, tmp_path, monkeypatch
):
    page = ReportsPage(register, tasks)
    qtbot.addWidget(page)
    page.kind.setCurrentIndex(page.kind.findData("monthly"))
    page.period.setText("2026-10")
    page.show_report()
    qtbot.waitUntil(lambda: page.pdf_button.isEnabled())
    usb = tmp_path / "USB" / "Báo cáo"
    usb.mkdir(parents=True)
    answers = FileAnswers(monkeypatch, usb / "thang-10", usb / "thang-10-lan-2.pdf")
    notices = Notices(qtbot, monkeypatch)

    page.pdf_button.click()  # Lưu PDF…
    qtbot.waitUntil(lambda: bool(notices.shown), timeout=20_000)
    assert answers.opened_in == [fresh_home / "Documents"]  # the first time: Documents
    written = usb / "thang-10.pdf"  # the name typed without its extension gets it
    text = subprocess.run(["pdftotext", str(written), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "tháng 10 năm 2026" in text
    [notice] = notices.shown
    assert notice.windowTitle() == "Lưu báo cáo"
    assert notice.path_text.toPlainText() == str(written)
    assert visible_buttons(notice) == ["Mở tệp", "Mở thư mục", "Đóng"]
    notice.open_folder_button.click()
    assert notices.opened == [QUrl.fromLocalFile(str(usb))]
    assert not notice.isVisible()  # done with it

    page.pdf_button.click()  # the next time: where the last report went
    qtbot.waitUntil(lambda: len(notices.shown) == 2, timeout=20_000)
    assert answers.opened_in[1] == usb
    notices.shown[1].open_file_button.click()
    assert notices.opened[1] == QUrl.fromLocalFile(str(usb / "thang-10-lan-2.pdf"))
    folders = config.load_settings()[file_dialogs.SETTING]
    assert folders == {"reports": str(usb), "last": str(usb)}


def test_a_removed_usb_stick_falls_back_to_documents(fresh_home, tmp_path):
    stick = tmp_path / "E"
    stick.mkdir()
    file_dialogs.remember("backup", stick)
    assert file_dialogs.start_folder("backup") == stick
    assert file_dialogs.start_folder("usb") == stick  # the last folder used for anything
    stick.rmdir()  # the stick is pulled out
    assert file_dialogs.start_folder("backup") == fresh_home / "Documents"


def test_backup_to_a_folder_says_where_with_open_folder_only(
    qtbot, register, tasks, fresh_home, tmp_path, monkeypatch
):
    box = BackupBox(register, tasks)
    qtbot.addWidget(box)
    stick = tmp_path / "E"
    stick.mkdir()
    answers = FileAnswers(monkeypatch, stick)
    notices = Notices(qtbot, monkeypatch)
    box.backup_button.click()
    qtbot.waitUntil(lambda: bool(notices.shown), timeout=20_000)
    assert answers.opened_in == [fresh_home / "Documents"]
    assert answers.titles == ["Chọn thư mục hoặc USB"]
    [copy] = stick.glob("sotreem-*.db")
    [notice] = notices.shown
    assert notice.path_text.toPlainText() == str(copy)
    assert visible_buttons(notice) == ["Mở thư mục", "Đóng"]  # a backup is not opened
    assert "trẻ em" in notice.detail.text()
    notice.open_folder_button.click()
    assert notices.opened == [QUrl.fromLocalFile(str(stick))]
    assert file_dialogs.start_folder("backup") == stick


def top(widget) -> int:
    return widget.mapTo(widget.window(), widget.rect().topLeft()).y()


def bottom(widget) -> int:
    return widget.mapTo(widget.window(), widget.rect().bottomLeft()).y()


def test_the_notice_fits_a_small_screen_and_shows_a_long_path_whole(qtbot, tmp_path):
    folder = tmp_path / "Báo cáo gửi Ủy ban nhân dân xã Bản Xèo" / "Năm 2026" / "Tháng 10"
    path = folder / "bao-cao-thang-10-nam-2026-xa-ban-xeo-tinh-lao-cai-ban-chinh-thuc-da-ky.pdf"
    notice = SavedNotice(
        None, "Lưu báo cáo", path,
        detail="Bản sao lưu lúc 10:30 25/11/2026: 312 trẻ em, 4 vụ việc, 0 thay đổi chưa gửi.",
    )  # fmt: skip
    qtbot.addWidget(notice)
    notice.show()
    qtbot.waitExposed(notice)
    hint = notice.minimumSizeHint()
    assert hint.width() <= SMALL_SCREEN[0] and hint.height() <= SMALL_SCREEN[1]
    assert notice.width() <= SMALL_SCREEN[0] and notice.height() <= SMALL_SCREEN[1]
    shown = notice.path_text
    assert shown.toPlainText() == str(path)

    def laid_out(width: int) -> bool:
        return (
            notice.width() == width
            and shown.document().size().height() <= shown.viewport().height()  # not cut off
            and bottom(shown) < top(notice.detail)  # no line drawn over another
        )

    for width in (notice.width(), 420):  # as opened, and squeezed: the path wraps, never cut
        notice.resize(width, notice.height())
        qtbot.waitUntil(lambda w=width: laid_out(w))
        assert bottom(notice.detail) < top(notice.close_button)
        assert bottom(notice.close_button) < notice.height()
    notice.grab().save(str(tmp_path / "da-luu-tep.png"))


def test_an_unopenable_file_is_explained_in_the_notice(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    notice = SavedNotice(None, "Lưu báo cáo", tmp_path / "a.pdf")
    qtbot.addWidget(notice)
    notice.show()
    notice.open_file_button.click()
    assert notice.isVisible() and notice.problem.isVisible()
    assert notice.problem.text().startswith("Không mở được “")
