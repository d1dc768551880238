"""Refresh `qtbase_vi.ts` (Vietnamese for Qt's own dialogs) and compile `qtbase_vi.qm`.

Qt ships no Vietnamese translation, so the file dialog, message-box buttons and text-field
context menus would speak English inside the Vietnamese interface. This script takes the
source texts of the contexts the application shows out of a shipped Qt translation
(`qtbase_de.qm`, read by `qm_reader`), keeps the Vietnamese translations already in
`qtbase_vi.ts`, adds new source texts as unfinished (for Qt Linguist or a text editor), drops
the ones Qt no longer has, and compiles the .qm with `pyside6-lrelease`.

Contexts are chosen by what the application shows (found by opening each dialog with a
translator that records every lookup). Left out on purpose: QShortcut key names ("Ctrl",
"Del" — Vietnamese Windows keeps them in English), CUPS-only and network contexts, and the
"About Qt" box, which the application never opens. Run: `make translations`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __package__:  # imported by the tests
    from .qm_reader import QmMessage, read_qm
else:  # run as a script, beside its helper
    sys.path.insert(0, str(HERE))
    from qm_reader import QmMessage, read_qm

TS = HERE / "qtbase_vi.ts"
QM = HERE / "qtbase_vi.qm"
SOURCE_QM = "qtbase_de.qm"

CONTEXTS = (
    # the file dialog (non-native, so it speaks the interface language on every PC)
    "QFileDialog", "QFileSystemModel", "QAbstractFileIconProvider",
    # standard buttons of message boxes and button boxes
    "QPlatformTheme", "QDialogButtonBox", "QMessageBox",
    # right-click menus of text fields, number fields and scroll bars
    "QLineEdit", "QWidgetTextControl", "QAbstractSpinBox", "QScrollBar", "QTabBar",
    # the first-run wizard, progress and input dialogs
    "QWizard", "QProgressDialog", "QInputDialog",
    # "In…" on the reports page (Qt's print dialog outside Windows)
    "QPrintDialog", "QPrintWidget", "QPrintSettingsOutput", "QPageSetupWidget", "QPageSize",
    "QPrintPropertiesDialog", "QPrintPropertiesWidget", "QPrintPreviewDialog",
)  # fmt: skip

SKIPPED_SOURCES = ("About Qt", "<h3>About Qt</h3>", "<p>Qt is a C++ toolkit")  # never shown


def source_qm() -> Path:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return folder / SOURCE_QM


def shown_messages(messages: tuple[QmMessage, ...]) -> list[QmMessage]:
    """The messages of the chosen contexts, sorted as Linguist lists them."""
    keep = [
        m for m in messages if m.context in CONTEXTS and not m.source.startswith(SKIPPED_SOURCES)
    ]
    return sorted(keep, key=lambda m: (CONTEXTS.index(m.context), m.source.casefold(), m.comment))


def existing_translations(ts: Path) -> dict[tuple[str, str, str], str]:
    known: dict[tuple[str, str, str], str] = {}
    if not ts.exists():
        return known
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                continue
            form = translation.find("numerusform")
            text = form.text if form is not None else translation.text
            if text:
                key = (name, message.findtext("source") or "", message.findtext("comment") or "")
                known[key] = text
    return known


def build_ts(
    messages: list[QmMessage], known: dict[tuple[str, str, str], str]
) -> tuple[ET.ElementTree, int]:
    """The .ts tree, and how many of its messages still lack a translation."""
    root = ET.Element("TS", version="2.1", language="vi_VN", sourcelanguage="en")
    missing = 0
    context_element = None
    for message in messages:
        if context_element is None or context_element.findtext("name") != message.context:
            context_element = ET.SubElement(root, "context")
            ET.SubElement(context_element, "name").text = message.context
        element = ET.SubElement(context_element, "message")
        plural = "%n" in message.source
        if plural:
            element.set("numerus", "yes")
        ET.SubElement(element, "source").text = message.source
        if message.comment:
            ET.SubElement(element, "comment").text = message.comment
        translation = ET.SubElement(element, "translation")
        text = known.get(message.key)
        if text is None:
            translation.set("type", "unfinished")
            missing += 1
        if plural:  # Vietnamese has one plural form
            ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = text
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree, missing


def main() -> None:
    messages = shown_messages(read_qm(source_qm()).messages)
    tree, missing = build_ts(messages, existing_translations(TS))
    with TS.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(QM)], check=True)
    print(f"{TS.name}: {len(messages)} strings, {missing} still to translate")


if __name__ == "__main__":
    main()
