"""English is selectable: the shipped Qt translation turns the interface to English."""

from PySide6.QtCore import Qt

from desktop.ui.app import install_language, uninstall_language
from desktop.ui.main_window import MainWindow


def test_english_translation_applies_to_pages_and_code_lists(qtbot, qapp, register):
    install_language(qapp, "en")
    try:
        window = MainWindow(register)
        nav = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert nav[:3] == ["Children", "Protection cases", "Activities"]
        sexes = window.children_page.filters["sex"]
        assert [sexes.itemText(i) for i in range(1, sexes.count())] == ["Male", "Female"]
        header = window.children_page.model.headerData(1, Qt.Orientation.Horizontal, 0)
        assert header == "Full name"
        qtbot.waitUntil(lambda: window.tasks.pending == 0)
        window.close()
    finally:
        uninstall_language(qapp)


def test_vietnamese_is_the_default(qtbot, register):
    window = MainWindow(register)
    assert window.nav.item(0).text() == "Trẻ em"
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window.close()


def test_every_interface_string_has_an_english_translation():
    import xml.etree.ElementTree as ET

    from desktop.reference import resources_dir

    ts = ET.parse(resources_dir() / "translations" / "sotreem_en.ts")
    unfinished = [
        m.findtext("source")
        for m in ts.getroot().iter("message")
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")
    ]
    assert unfinished == []
