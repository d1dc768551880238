"""The dialogs of the injuries page: an injury or drowning, and a drowning hazard spot.

`FormDialog`s like every record dialog: the one date field, required fields marked and
checked by the domain's rules, messages under their field, saved on the database worker before
the dialog closes. The child is found in the register by typing (on the worker), or, for a
child who is not in it, written with the minimum a report needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.db.child_queries import ChildRow
from desktop.domain import categories as cat
from desktop.domain.injuries import HazardDraft, InjuryDraft, validate_hazard, validate_injury
from desktop.domain.validation import Problem
from desktop.ui.fields import DateField
from desktop.ui.form_dialog import FormDialog, category_items
from desktop.ui.i18n import tr_label
from desktop.ui.widgets import CodeCombo

Villages = Sequence[tuple[str, str]]  # (id, name)


def _notes(name: str) -> QPlainTextEdit:
    notes = QPlainTextEdit(objectName=name)
    notes.setTabChangesFocus(True)
    notes.setFixedHeight(54)
    return notes


class InjuryDialog(FormDialog):
    """Record or correct one injury: who, when, where, what happened and how bad."""

    def __init__(
        self,
        parent: QWidget | None,
        villages: Villages,
        find: Callable[[str], list[ChildRow]],
        draft: InjuryDraft | None = None,
        child_label: str = "",
        **kw: Any,
    ):
        title = self.tr("Sửa trường hợp tai nạn, thương tích") if draft else self.tr(
            "Ghi trường hợp tai nạn, thương tích"
        )  # fmt: skip
        super().__init__(parent, title, **kw)
        self.setObjectName("injuryDialog")
        self.find_children = find
        self.village_ids = {vid for vid, _ in villages}
        self.child_search = QLineEdit(objectName="injuryChildSearch")
        self.child_search.setPlaceholderText(self.tr("Gõ tên trẻ trong sổ (không dấu cũng được)"))
        self.child = QComboBox(objectName="injuryChild")
        # as wide as the form, not as its longest item (a name with its village and birth)
        self.child.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.child.setMinimumContentsLength(30)
        self.child.addItem(self.tr("(trẻ không có trong sổ: ghi dưới đây)"), None)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._search)
        self.child_search.textChanged.connect(lambda _text: self._search_timer.start())
        self.child.currentIndexChanged.connect(self._child_changed)
        self.child_name = QLineEdit(objectName="injuryChildName")
        self.child_sex = QComboBox(objectName="injuryChildSex")
        self.child_sex.addItem("", None)
        for c in cat.SEXES:
            self.child_sex.addItem(tr_label(c.label), c.code)
        self.birth_year = QSpinBox(objectName="injuryBirthYear")
        self.birth_year.setRange(self.today.year - 17, self.today.year)
        self.birth_year.setSpecialValueText(" ")  # the lowest value shows as empty: not given
        self.birth_year.setValue(self.birth_year.minimum())
        self.child_village = CodeCombo([(vid, name, ()) for vid, name in villages])
        self.child_village.setObjectName("injuryChildVillage")
        self.occurred = DateField(self.today, name="injuryDate")
        self.village = CodeCombo([(vid, name, ()) for vid, name in villages])
        self.village.setObjectName("injuryVillage")
        self.place = CodeCombo(category_items(cat.INJURY_PLACES))
        self.place.setObjectName("injuryPlace")
        self.cause = CodeCombo(category_items(cat.INJURY_CAUSES))
        self.cause.setObjectName("injuryCause")
        self.severity = CodeCombo(category_items(cat.INJURY_SEVERITIES))
        self.severity.setObjectName("injurySeverity")
        self.notes = _notes("injuryNotes")

        self.add_row("child_search", self.tr("Tìm trẻ trong sổ"), self.child_search)
        self.add_row("child_id", self.tr("Trẻ em *"), self.child)
        self.add_row("child_name", self.tr("Họ tên (trẻ không có trong sổ)"), self.child_name)
        self.add_row(("child_sex", "child_birth_year"), self.tr("Giới tính, năm sinh"),
                     self._pair(self.child_sex, self.birth_year))  # fmt: skip
        self.focus_of["child_sex"], self.focus_of["child_birth_year"] = (
            self.child_sex, self.birth_year,
        )  # fmt: skip
        self.add_row("child_village_id", self.tr("Thôn/bản nơi trẻ ở"), self.child_village)
        self.add_row("occurred_on", self.tr("Ngày xảy ra *"), self.occurred)
        self.add_row("village_id", self.tr("Thôn/bản nơi xảy ra *"), self.village)
        self.add_row("place", self.tr("Nơi xảy ra *"), self.place)
        self.add_row("cause", self.tr("Nguyên nhân *"), self.cause)
        self.add_row("severity", self.tr("Mức độ *"), self.severity)
        self.add_row("notes", self.tr("Ghi chú"), self.notes)
        self.finish()
        if draft is not None:
            self._fill(draft, child_label)
        self._child_changed()
        self.setMinimumWidth(560)

    @staticmethod
    def _pair(first: QWidget, second: QWidget) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(first, 0, 0)
        grid.addWidget(second, 0, 1)
        return holder

    def _fill(self, draft: InjuryDraft, child_label: str) -> None:
        if draft.child_id is not None:
            self.child.addItem(child_label, draft.child_id)
            self.child.setCurrentIndex(1)
        self.child_name.setText(draft.child_name)
        self.child_sex.setCurrentIndex(max(0, self.child_sex.findData(draft.child_sex)))
        if draft.child_birth_year is not None:
            self.birth_year.setValue(draft.child_birth_year)
        self.child_village.set_code(draft.child_village_id)
        self.occurred.set_value(draft.occurred_on)
        self.village.set_code(draft.village_id)
        self.place.set_code(draft.place)
        self.cause.set_code(draft.cause)
        self.severity.set_code(draft.severity)
        self.notes.setPlainText(draft.notes)

    # ---- finding the child ---------------------------------------------------------------

    def _search(self) -> None:
        text = self.child_search.text().strip()
        if not text or self.tasks is None:
            return
        find = self.find_children
        self.tasks.run_db(lambda: find(text), self._found)

    def _found(self, rows: list[ChildRow]) -> None:
        chosen = self.child.currentData()
        while self.child.count() > 1:
            self.child.removeItem(1)
        for row in rows:
            self.child.addItem(f"{row.full_name} ({row.birth.display()}, {row.village})", row.id)
        index = self.child.findData(chosen) if chosen else -1
        self.child.setCurrentIndex(index if index > 0 else (1 if rows else 0))

    def _child_changed(self) -> None:
        outside = self.child.currentData() is None
        for widget in (self.child_name, self.child_sex, self.birth_year, self.child_village):
            widget.setEnabled(outside)

    # ---- reading -------------------------------------------------------------------------

    def read(self) -> tuple[InjuryDraft, list[Problem]]:
        problems: list[Problem] = []
        child_id = self.child.currentData()
        outside = child_id is None
        year = self.birth_year.value()
        draft = InjuryDraft(
            occurred_on=self.read_date(self.occurred, "occurred_on", problems),
            cause=self.read_code(self.cause, "cause", problems),
            severity=self.read_code(self.severity, "severity", problems),
            place=self.read_code(self.place, "place", problems),
            village_id=self.read_code(self.village, "village_id", problems),
            child_id=child_id,
            child_name=self.child_name.text() if outside else "",
            child_sex=self.child_sex.currentData() if outside else None,
            child_birth_year=year if outside and year != self.birth_year.minimum() else None,
            child_village_id=(
                self.read_code(self.child_village, "child_village_id", problems)
                if outside
                else None
            ),
            notes=self.notes.toPlainText(),
        )
        return draft, problems

    def value(self) -> InjuryDraft:
        return self.read()[0]

    def check(self) -> list[Problem]:
        draft, problems = self.read()
        seen = {p.field for p in problems}
        rules = validate_injury(draft, today=self.today, village_ids=self.village_ids)
        return problems + [p for p in rules if p.field not in seen]


class HazardDialog(FormDialog):
    """Record a place where children risk drowning, or its latest check and measures."""

    def __init__(
        self, parent: QWidget | None, villages: Villages, draft: HazardDraft | None = None,
        **kw: Any,
    ):  # fmt: skip
        title = self.tr("Kiểm tra, sửa điểm có nguy cơ đuối nước") if draft else self.tr(
            "Ghi điểm có nguy cơ đuối nước"
        )  # fmt: skip
        super().__init__(parent, title, **kw)
        self.setObjectName("hazardDialog")
        self.village_ids = {vid for vid, _ in villages}
        self.village = CodeCombo([(vid, name, ()) for vid, name in villages])
        self.village.setObjectName("hazardVillage")
        self.kind = CodeCombo(category_items(cat.HAZARD_KINDS))
        self.kind.setObjectName("hazardKind")
        self.description = QLineEdit(objectName="hazardDescription")
        self.description.setPlaceholderText(self.tr("Ví dụ: ao cá nhà ông A, sát đường vào trường"))
        self.measures = {
            c.code: QCheckBox(tr_label(c.label), objectName=f"hazardMeasure_{c.code}")
            for c in cat.HAZARD_MEASURES
        }
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.measures.values()):
            grid.addWidget(box, i // 2, i % 2)
        boxes = QWidget()
        boxes.setLayout(grid)
        self.checked = DateField(self.today, name="hazardChecked")
        self.found = DateField(name="hazardFound")
        self.found.setPlaceholderText(self.tr("để trống: ngày kiểm tra đầu tiên"))
        self.notes = _notes("hazardNotes")
        self.add_row("village_id", self.tr("Thôn/bản *"), self.village)
        self.add_row("kind", self.tr("Loại *"), self.kind)
        self.add_row("description", self.tr("Mô tả vị trí *"), self.description)
        self.add_row("measures", self.tr("Biện pháp đã có"), boxes)
        self.add_row("checked_on", self.tr("Ngày kiểm tra *"), self.checked)
        self.add_row("found_on", self.tr("Ngày phát hiện"), self.found)
        self.add_row("notes", self.tr("Ghi chú"), self.notes)
        self.finish()
        if draft is not None:
            self.village.set_code(draft.village_id)
            self.kind.set_code(draft.kind)
            self.description.setText(draft.description)
            for code, box in self.measures.items():
                box.setChecked(code in draft.measures)
            self.checked.set_value(draft.checked_on)
            self.found.set_value(draft.found_on)
            self.notes.setPlainText(draft.notes)
        self.setMinimumWidth(520)

    def read(self) -> tuple[HazardDraft, list[Problem]]:
        problems: list[Problem] = []
        draft = HazardDraft(
            village_id=self.read_code(self.village, "village_id", problems),
            kind=self.read_code(self.kind, "kind", problems),
            description=self.description.text(),
            measures=tuple(code for code, box in self.measures.items() if box.isChecked()),
            found_on=self.read_date(self.found, "found_on", problems, required=False),
            checked_on=self.read_date(self.checked, "checked_on", problems),
            notes=self.notes.toPlainText(),
        )
        return draft, problems

    def value(self) -> HazardDraft:
        return self.read()[0]

    def check(self) -> list[Problem]:
        draft, problems = self.read()
        seen = {p.field for p in problems}
        rules = validate_hazard(draft, today=self.today, village_ids=self.village_ids)
        return problems + [p for p in rules if p.field not in seen]


def default_review_year(today: date) -> int:
    """The summer a review list is printed for: this year's until August, then next year's."""
    return today.year if today.month <= 8 else today.year + 1
