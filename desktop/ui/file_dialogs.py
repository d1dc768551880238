"""Where to save, what to open, which folder: one file dialog for the whole application.

Qt's own (non-native) dialog, so it speaks the interface language on every PC whatever the
language of Windows (`qtbase_vi.qm`, installed by `app.install_language`). It opens in the
folder the officer last used for the same kind of file (a USB stick for backups, a reports
folder for reports), else in the folder used last for anything, else in Documents — never the
program's folder. The folders are remembered in the settings file.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtWidgets import QDialog, QFileDialog, QSplitter, QWidget

from desktop import config

SETTING = "last_folders"  # {purpose: folder, "last": folder} in the settings file
LAST = "last"


def _standard(location: QStandardPaths.StandardLocation) -> Path | None:
    found = QStandardPaths.writableLocation(location)
    return Path(found) if found and Path(found).is_dir() else None


def documents_folder() -> Path:
    """The user's Documents folder (Tài liệu), or the home folder where there is none."""
    return _standard(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home()


def start_folder(purpose: str) -> Path:
    folders = config.load_settings().get(SETTING)
    if isinstance(folders, dict):
        for key in (purpose, LAST):
            value = folders.get(key)
            if isinstance(value, str) and value and Path(value).is_dir():
                return Path(value)
    return documents_folder()


def remember(purpose: str, folder: Path) -> None:
    settings = config.load_settings()
    folders = settings.get(SETTING)
    folders = dict(folders) if isinstance(folders, dict) else {}
    folders[purpose] = folders[LAST] = str(folder)
    settings[SETTING] = folders
    with contextlib.suppress(OSError):  # a read-only profile must not stop the save itself
        config.save_settings(settings)


def _suffix_of(name_filter: str) -> str:
    """The extension a filter names ("Excel (*.xlsx)" → "xlsx"), or ""."""
    found = re.search(r"\*\.(\w+)", name_filter)
    return found.group(1) if found else ""


def file_dialog(
    parent: QWidget | None,
    title: str,
    purpose: str,
    mode: QFileDialog.FileMode,
    suggested: str = "",
    filters: str = "",
    save: bool = False,
) -> QFileDialog:
    folder = start_folder(purpose)
    dialog = QFileDialog(parent, title, str(folder / suggested) if suggested else str(folder))
    dialog.setObjectName("fileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if filters:
        dialog.setNameFilter(filters)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        # A name typed without an extension gets the one of the chosen kind of file.
        dialog.setDefaultSuffix(Path(suggested).suffix.lstrip(".") or _suffix_of(filters))
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix(_suffix_of(chosen) or dialog.defaultSuffix())
        )
    desktop = _standard(QStandardPaths.StandardLocation.DesktopLocation)
    places = [QUrl("file:")]  # the computer: its drives, USB sticks among them
    for place in (desktop, documents_folder(), folder):
        url = QUrl.fromLocalFile(str(place)) if place else None
        if url is not None and url not in places:
            places.append(url)
    dialog.setSidebarUrls(places)
    dialog.resize(860, 520)  # fits the smallest desk (1092×582 at 125 % scaling)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:  # room for the names of the places on the left
        splitter.setSizes([180, 680])
    return dialog


def run_dialog(dialog: QFileDialog) -> bool:
    """Show the dialog until the officer answers; tests replace this to answer it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def _chosen(dialog: QFileDialog, purpose: str, folder_itself: bool = False) -> Path | None:
    answered = run_dialog(dialog)
    chosen = dialog.selectedFiles()
    dialog.deleteLater()
    if not answered or not chosen:
        return None
    path = Path(chosen[0])
    remember(purpose, path if folder_itself else path.parent)
    return path


def ask_save_file(
    parent: QWidget | None, title: str, suggested: str, filters: str = "", purpose: str = "files"
) -> Path | None:
    """Where to write a file (the dialog asks before replacing one); None when cancelled."""
    dialog = file_dialog(
        parent, title, purpose, QFileDialog.FileMode.AnyFile, suggested, filters, save=True
    )
    return _chosen(dialog, purpose)


def ask_open_file(
    parent: QWidget | None, title: str, filters: str = "", purpose: str = "files"
) -> Path | None:
    dialog = file_dialog(parent, title, purpose, QFileDialog.FileMode.ExistingFile, "", filters)
    return _chosen(dialog, purpose)


def ask_folder(parent: QWidget | None, title: str, purpose: str = "files") -> Path | None:
    dialog = file_dialog(parent, title, purpose, QFileDialog.FileMode.Directory)
    return _chosen(dialog, purpose, folder_itself=True)
