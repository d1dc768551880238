"""Qt's own dialogs speak the interface language: the QM reader, the Vietnamese catalogue
(resources/translations/qtbase_vi.ts) and real widgets in each language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QTreeView

from desktop.reference import resources_dir
from desktop.ui import dialogs, file_dialogs
from desktop.ui.app import install_language, uninstall_language
from desktop.ui.fit import SMALL_SCREEN
from resources.translations import update_qt_ts
from resources.translations.qm_reader import QmError, read_qm

TRANSLATIONS = resources_dir() / "translations"


def ts_messages(path) -> dict[tuple[str, str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message.find("translation")
    return found


def test_the_qm_reader_reads_what_qt_itself_reads():
    """Every message of the German catalogue, as read here, is what QTranslator returns."""
    source = update_qt_ts.source_qm()
    catalogue = read_qm(source)
    assert catalogue.language.startswith("de")
    qt = QTranslator()
    assert qt.load(str(source))
    shown = update_qt_ts.shown_messages(catalogue.messages)
    assert len(shown) > 300
    for message in shown:
        assert (
            qt.translate(message.context, message.source, message.comment or None)
            == (message.translations[0])
        ), message.key
    assert ("QFileDialog", "&Look in:", "") in {m.key for m in shown}


def test_the_qm_reader_refuses_a_file_that_is_not_a_qm(tmp_path):
    wrong = tmp_path / "sai.qm"
    wrong.write_bytes(b"PK\x03\x04 not a translation")
    with pytest.raises(QmError, match="không phải tệp"):
        read_qm(wrong)


def test_every_qt_string_the_application_shows_has_a_vietnamese_translation():
    wanted = {
        m.key for m in update_qt_ts.shown_messages(read_qm(update_qt_ts.source_qm()).messages)
    }
    catalogue = ts_messages(TRANSLATIONS / "qtbase_vi.ts")
    assert set(catalogue) == wanted  # `make translations` refreshed it from this Qt
    unfinished = [k for k, t in catalogue.items() if t.get("type") or not (t.text or "").strip()]
    assert unfinished == []
    for (context, source, _comment), translation in catalogue.items():
        text = translation.text or ""
        assert re.findall(r"%\d", source) == re.findall(r"%\d", text), (context, source)
        if re.search(r"&[^&\s]", source):  # an accelerator: kept, on a plain letter
            assert re.fullmatch(r"[^&]*&[A-Za-z][^&]*", text), (context, source, text)


def test_the_compiled_catalogue_matches_the_ts():
    compiled = {m.key: m.translations[0] for m in read_qm(TRANSLATIONS / "qtbase_vi.qm").messages}
    written = {k: t.text for k, t in ts_messages(TRANSLATIONS / "qtbase_vi.ts").items()}
    assert compiled == written


@pytest.fixture
def language(qapp):
    """Install a language as the application does at start; back to none afterwards."""
    yield lambda code: install_language(qapp, code)
    uninstall_language(qapp)


def texts(dialog, kind) -> list[str]:
    return [w.text() for w in dialog.findChildren(kind) if w.isVisibleTo(dialog)]


def save_dialog(qtbot) -> QFileDialog:
    dialog = file_dialogs.file_dialog(
        None, "Lưu báo cáo", "reports", QFileDialog.FileMode.AnyFile, "bao-cao.pdf",
        "PDF (*.pdf)", save=True,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_file_dialog_speaks_vietnamese(qtbot, language, fresh_home, tmp_path):
    language("vi")
    dialog = save_dialog(qtbot)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's, not Windows'
    assert texts(dialog, QLabel) == ["&Tìm trong:", "Tê&n tệp:", "&Kiểu tệp:"]
    buttons = dialog.findChild(QDialogButtonBox)
    assert [b.text() for b in buttons.buttons()] == ["&Lưu", "Hủy"]
    model = dialog.findChild(QTreeView).model()
    columns = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert columns == ["Tên", "Kích cỡ", "Kiểu", "Ngày sửa đổi"]
    assert dialog.minimumSizeHint().width() <= SMALL_SCREEN[0]
    assert dialog.minimumSizeHint().height() <= SMALL_SCREEN[1]
    assert dialog.width() <= SMALL_SCREEN[0] and dialog.height() <= SMALL_SCREEN[1]
    dialog.grab().save(str(tmp_path / "hop-luu-tep.png"))


def test_the_file_dialog_speaks_english_in_the_english_interface(qtbot, language, fresh_home):
    language("en")
    dialog = save_dialog(qtbot)
    assert texts(dialog, QLabel) == ["&Look in:", "File &name:", "Files of &type:"]
    assert [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()] == ["&Save", "Cancel"]


def test_message_boxes_use_the_interface_language(qtbot, language):
    language("vi")
    plain = QMessageBox(QMessageBox.Icon.Information, "t", "x", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(plain)
    assert plain.button(QMessageBox.StandardButton.Ok).text() == "Đồng ý"  # Qt's, translated
    for icon, label in (
        (QMessageBox.Icon.Information, "Đồng ý"),
        (QMessageBox.Icon.Warning, "Đóng"),
    ):
        told = dialogs.message_box(icon, None, "Tiêu đề", "Nội dung")
        qtbot.addWidget(told)
        assert [b.text() for b in told.buttons()] == [label]
    asked = dialogs.question_box(
        None, "Tiêu đề", "Lưu?", dialogs.Button.Yes | dialogs.Button.No, dialogs.Button.No
    )
    qtbot.addWidget(asked)
    assert sorted(b.text() for b in asked.buttons()) == ["Có", "Không"]


def test_message_boxes_speak_english_in_the_english_interface(qtbot, language):
    language("en")
    for icon, label in ((QMessageBox.Icon.Information, "OK"), (QMessageBox.Icon.Warning, "Close")):
        told = dialogs.message_box(icon, None, "t", "x")
        qtbot.addWidget(told)
        assert [b.text() for b in told.buttons()] == [label]
    asked = dialogs.question_box(
        None, "t", "x", dialogs.Button.Yes | dialogs.Button.No, dialogs.Button.No
    )
    qtbot.addWidget(asked)
    assert sorted(b.text() for b in asked.buttons()) == ["No", "Yes"]
