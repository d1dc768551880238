"""The injuries page and the child-friendly commune page, used as an officer uses them: typing
into the real dialogs, reading the lists, printing, marking sent; and a province reader's view."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.domain.dates import PartialDate
from desktop.domain.injuries import HazardDraft, InjuryDraft
from desktop.ui import dialogs, errors
from desktop.ui.assessment_page import EntryDialog
from desktop.ui.injury_dialogs import HazardDialog, InjuryDialog
from desktop.ui.main_window import MainWindow
from tests.conftest import draft, village
from tests.gui_helpers import drive, replace_text, type_text, wait_idle

TODAY = date.today()


@pytest.fixture
def window(qtbot, register, fresh_home):
    register.add_child(draft(register, "Vàng Thị Mỷ", birth=PartialDate(TODAY.year - 9, 3, 2)))
    win = MainWindow(register, role="officer", username="Cán bộ")
    win.resize(1366, 728)
    win.show()
    wait_idle(qtbot, win)
    yield win
    win.close()


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_an_injury_of_a_register_child_and_of_one_not_in_it(qtbot, window, monkeypatch):
    window.show_page("injuries")
    page = window.injuries_page
    wait_idle(qtbot, window)

    def register_child(dialog: InjuryDialog) -> None:
        type_text(dialog.child_search, "vang thi my")  # without diacritics, as officers type
        qtbot.waitUntil(lambda: dialog.child.count() == 2 and dialog.child.currentIndex() == 1)
        assert not dialog.child_name.isEnabled()  # the register knows who the child is
        replace_text(dialog.occurred, (TODAY - timedelta(days=3)).strftime("%d/%m/%Y"))
        type_text(dialog.village, "sin chai")
        type_text(dialog.place, "suoi")
        type_text(dialog.cause, "duoi nuoc")
        type_text(dialog.severity, "nang")

    drive(monkeypatch, qtbot, InjuryDialog, register_child)
    page.injuries.new()
    wait_idle(qtbot, window)
    table = page.injuries.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in (1, 2, 3, 5, 6, 7)] == [
        "Vàng Thị Mỷ", "Nữ", "9", "Sín Chải, Sông, suối", "Đuối nước", "Nặng"
    ]  # fmt: skip
    assert page.injuries.summary.text() == (
        "1 trường hợp · tử vong 0 · đuối nước 1 (tử vong 0)"
    )

    tries = []

    def outside_child(dialog: InjuryDialog) -> None:
        if not tries:  # first Save: nothing about the child, no cause
            tries.append(dialog)
            replace_text(dialog.occurred, TODAY.strftime("%d/%m/%Y"))
            type_text(dialog.village, "lao chai")
            type_text(dialog.place, "nha")
            type_text(dialog.severity, "tu vong")
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            assert dialog.isVisible()
            messages = dialog.problem_texts()
            assert messages["child_name"] == (
                "Họ tên trẻ: ghi họ tên trẻ (hoặc chọn trẻ trong sổ)."
            )
            assert messages["cause"] == "Nguyên nhân: chọn nguyên nhân."
            assert "Giới tính của trẻ: chọn Nam hoặc Nữ." in messages["child_sex"]
        type_text(dialog.child_name, "Sùng A Páo")
        dialog.child_sex.setCurrentIndex(dialog.child_sex.findData("M"))
        dialog.birth_year.setValue(TODAY.year - 4)
        type_text(dialog.child_village, "lao chai")
        type_text(dialog.cause, "bong")

    drive(monkeypatch, qtbot, InjuryDialog, outside_child)
    page.injuries.new()
    wait_idle(qtbot, window)
    assert table.rowCount() == 2
    assert table.item(0, 1).text() == "Sùng A Páo (ngoài sổ)"
    assert table.item(0, 7).text() == "Tử vong"
    page.cause_filter.setCurrentIndex(page.cause_filter.findData("burn"))
    wait_idle(qtbot, window)
    assert table.rowCount() == 1 and page.injuries.summary.text().startswith("1 trường hợp")
    page.cause_filter.setCurrentIndex(0)
    wait_idle(qtbot, window)
    assert table.rowCount() == 2


def test_hazard_spots_and_the_review_list_per_village(qtbot, window, monkeypatch, tmp_path,
                                                      saved_notices):  # fmt: skip
    window.show_page("injuries")
    page = window.injuries_page
    page.tabs.setCurrentIndex(1)
    wait_idle(qtbot, window)

    def fill(dialog: HazardDialog) -> None:
        type_text(dialog.village, "nam cang")
        type_text(dialog.kind, "ao ho")
        type_text(dialog.description, "Ao cá nhà ông Vàng A Chứ, sát đường vào trường")
        dialog.measures["sign"].setChecked(True)

    drive(monkeypatch, qtbot, HazardDialog, fill)
    page.spots.new()
    wait_idle(qtbot, window)
    spots = page.spots.table
    assert spots.rowCount() == 1
    assert [spots.item(0, c).text() for c in range(4)] == [
        "Nậm Cang", "Ao, hồ", "Ao cá nhà ông Vàng A Chứ, sát đường vào trường", "Biển cảnh báo"
    ]  # fmt: skip
    assert "chưa có biện pháp nào: 0" in page.spots.summary.text()
    path = tmp_path / "ra-soat.pdf"
    page.print_review(path, 2027)
    qtbot.waitUntil(lambda: bool(saved_notices))
    assert saved_notices[0].path == path
    text = pdf_text(path)
    assert "Rà soát trước mùa hè năm 2027" in text and "Thôn/bản: Nậm Cang" in text


def test_the_self_assessment_entered_printed_sent_and_frozen(qtbot, window, register,
                                                             monkeypatch, tmp_path,
                                                             saved_notices):  # fmt: skip
    window.show_page("assessment")
    page = window.assessment_page
    wait_idle(qtbot, window)
    table = page.section.table
    assert table.rowCount() == 13
    assert "(chưa xác nhận)" in table.item(0, 1).text()
    assert "chưa xác nhận" in page.about.text()
    assert table.item(1, 3).text().startswith("Tỷ lệ trẻ em dưới 16 tuổi đã đăng ký khai sinh")
    table.selectRow(0)

    def fill(dialog: EntryDialog) -> None:
        dialog.met.setCurrentIndex(dialog.met.findData(True))
        type_text(dialog.evidence, "Kế hoạch số 12/KH-UBND về công tác trẻ em")

    drive(monkeypatch, qtbot, EntryDialog, fill)
    page.section.edit()
    wait_idle(qtbot, window)
    assert (table.item(0, 4).text(), table.item(0, 5).text()) == (
        "Kế hoạch số 12/KH-UBND về công tác trẻ em", "Đạt"
    )
    shown = []
    monkeypatch.setattr(errors, "report", lambda parent, error, title="": shown.append(str(error)))
    monkeypatch.setattr(dialogs, "ask", lambda *args: dialogs.Button.Yes)
    page.mark_sent()
    qtbot.waitUntil(lambda: bool(shown))
    assert "chưa xác định đạt hay chưa đạt" in shown[0] and not page.state.frozen
    for number in [str(n) for n in range(2, 14)]:
        register.set_assessment_entry(TODAY.year, number, value="90", met=True, evidence="Có")
    page.refresh()
    wait_idle(qtbot, window)
    replace_text(page.signer, "Lò Văn Chủ")
    page.signer.editingFinished.emit()
    wait_idle(qtbot, window)
    path = tmp_path / "tu-danh-gia.pdf"
    page.save_pdf(path, TODAY.year)
    qtbot.waitUntil(lambda: bool(saved_notices))
    text = pdf_text(path)
    assert f"Kết quả tự đánh giá xã phù hợp với trẻ em năm {TODAY.year}" in text
    assert "Lò Văn Chủ" in text and "CHỦ TỊCH" in text
    page.mark_sent()
    qtbot.waitUntil(lambda: page.state is not None and page.state.frozen)
    assert "Đã gửi ngày" in page.status.text() and "đã khóa" in page.status.text()
    assert not page.section.edit_button.isEnabled() and not page.sent_button.isEnabled()
    assert not page.signer.isEnabled()


def test_a_province_reader_sees_every_communes_injuries_and_assessments(qtbot, tmp_path,
                                                                          fresh_home):  # fmt: skip
    from tests.sync.conftest import COMMUNE, NEIGHBOUR, Hub, child_draft, new_desk, new_reader

    hub = Hub(f"sqlite:///{tmp_path / 'server.db'}")
    desks = []
    try:
        a = new_desk(hub, tmp_path / "a.db", COMMUNE)
        b = new_desk(hub, tmp_path / "b.db", NEIGHBOUR, villages=("Phìn Hồ",))
        desks += [a, b]
        mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
        sin = village(a.register, "Sín Chải")
        a.register.add_injury(InjuryDraft(TODAY, "drowning", "death", "river", sin,
                                          child_id=mai))  # fmt: skip
        a.register.add_hazard_spot(HazardDraft(sin, "pond", "Ao đầu bản", (), None, TODAY))
        for number in [str(n) for n in range(1, 14)]:
            a.register.set_assessment_entry(TODAY.year, number, value="95", met=True)
        a.register.mark_assessment_sent(TODAY.year, TODAY)
        b.register.add_child(child_draft(b.register, "Vàng A Páo", sex="M"))
        for desk in desks:
            desk.sync()
        reader = new_reader(hub, tmp_path / "doc.db")
        desks.append(reader)
        reader.sync()
        win = MainWindow(reader.register, role="viewer", username="Tỉnh")
        qtbot.addWidget(win)
        win.show()
        wait_idle(qtbot, win)
        win.show_page("injuries")
        page = win.injuries_page
        wait_idle(qtbot, win)
        assert page.commune_filter.isVisible() and not page.injuries.new_button.isEnabled()
        assert page.injuries.table.item(0, 0).text() == "Xã Bản Xèo"
        assert page.injuries.table.item(0, 2).text() == "Lò Thị Mai"
        page.tabs.setCurrentIndex(1)
        wait_idle(qtbot, win)
        assert page.spots.table.rowCount() == 1 and not page.print_button.isVisible()
        win.show_page("assessment")
        wait_idle(qtbot, win)
        area = win.assessment_page.area.table
        rows = {area.item(r, 0).text(): [area.item(r, c).text() for c in range(1, 4)]
                for r in range(area.rowCount())}  # fmt: skip
        assert rows["Xã Bản Xèo"] == [TODAY.strftime("%d/%m/%Y"), "13/13", "Đạt"]
        assert rows["Xã A Mú Sung"][0] == "chưa gửi" and rows["Xã A Mú Sung"][2] == "Chưa đạt"
        assert win.assessment_page.status.text().startswith("1/2 xã đạt chuẩn theo bản đã gửi")
        win.close()
    finally:
        for desk in desks:
            desk.register.close()
        hub.close()
