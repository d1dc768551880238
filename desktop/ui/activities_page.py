"""Hoạt động: communication events, the Month of Action, forums, festivals, gifts, inspections…

A list filtered by year and month, type and village, with its totals (participants, children,
children in special circumstances, cost), and the dialog to record or correct an activity.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.db.changes import Changes
from desktop.db.programme import ActivityFilter, ActivityRecord
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.domain.money import format_vnd
from desktop.domain.programme import (
    ACTIVITY_COUNTS,
    ActivityDraft,
    format_period,
    validate_activity,
)
from desktop.domain.validation import Problem
from desktop.ui import dialogs, i18n
from desktop.ui.fields import MoneyField
from desktop.ui.form_dialog import (
    FormDialog,
    category_items,
    count_field,
    date_field,
)
from desktop.ui.page_parts import category_filter, compact_combo, year_spin
from desktop.ui.record_section import RecordSection
from desktop.ui.taskman import TaskManager
from desktop.ui.widgets import CodeCombo

Button = dialogs.Button


class ActivityDialog(FormDialog):
    """Record or correct one activity; checks every field before saving."""

    def __init__(
        self,
        parent: QWidget | None,
        villages: list[tuple[str, str]],
        draft: ActivityDraft | None = None,
        **kwargs,
    ):
        title = self.tr("Sửa hoạt động") if draft else self.tr("Ghi hoạt động mới")
        super().__init__(parent, title, **kwargs)
        self.setObjectName("activityDialog")
        self.village_ids = {vid for vid, _ in villages}
        self.activity_type = CodeCombo(category_items(cat.ACTIVITY_TYPES))
        self.activity_type.setObjectName("activityType")
        self.title = QLineEdit(objectName="activityTitle")
        self.title.setPlaceholderText(self.tr("Ví dụ: Truyền thông phòng chống đuối nước"))
        self.start = date_field(self.today, name="activityStart")
        self.end = date_field(name="activityEnd")
        self.end.setPlaceholderText(self.tr("ngày kết thúc, nếu có"))
        self.village = CodeCombo([(vid, name, ()) for vid, name in villages])
        self.village.setObjectName("activityVillage")
        self.place = QLineEdit(objectName="activityPlace")
        self.place.setPlaceholderText(self.tr("Nhà văn hóa thôn, trường học…"))
        self.organiser = QLineEdit(objectName="activityOrganiser")
        self.partners = QLineEdit(objectName="activityPartners")
        self.partners.setPlaceholderText(self.tr("Đoàn Thanh niên, Hội Phụ nữ, trường học…"))
        self.counts = {name: count_field(name) for name in ACTIVITY_COUNTS}
        self.total = QLabel(objectName="activityTotal")
        for spin in self.counts.values():
            spin.valueChanged.connect(self._update_total)
        self.cost = MoneyField(name="activityCost", placeholder=self.tr("đồng, ví dụ 1.500.000"))
        self.source = CodeCombo(category_items(cat.FUNDING_SOURCES))
        self.source.setObjectName("activitySource")
        self.notes = QPlainTextEdit(objectName="activityNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(54)

        self.add_row("activity_type", self.tr("Loại hoạt động *"), self.activity_type)
        self.add_row("title", self.tr("Tên hoạt động *"), self.title)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("đến")))
        dates.addWidget(self.end)
        holder = QWidget()
        holder.setLayout(dates)
        dates.setContentsMargins(0, 0, 0, 0)
        self.add_row(("start_date", "end_date"), self.tr("Thời gian *"), holder)
        self.focus_of["start_date"], self.focus_of["end_date"] = self.start, self.end
        self.add_row("village_id", self.tr("Thôn/bản"), self.village)
        self.add_row("place", self.tr("Địa điểm"), self.place)
        self.add_row("organiser", self.tr("Đơn vị tổ chức"), self.organiser)
        self.add_row("partners", self.tr("Đơn vị phối hợp"), self.partners)
        self.add_row(ACTIVITY_COUNTS, self.tr("Người tham gia"), self._counts_grid())
        self.add_row("cost_vnd", self.tr("Kinh phí (đồng)"), self.cost)
        self.add_row("funding_source", self.tr("Nguồn kinh phí"), self.source)
        self.add_row("notes", self.tr("Ghi chú"), self.notes)
        self.finish()
        if draft:
            self._fill(draft)
        self._update_total()
        self.setMinimumWidth(560)

    def _counts_grid(self) -> QWidget:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Nam")), 0, 1)
        grid.addWidget(QLabel(self.tr("Nữ")), 0, 2)
        grid.addWidget(QLabel(self.tr("Người lớn")), 1, 0)
        grid.addWidget(self.counts["adult_male"], 1, 1)
        grid.addWidget(self.counts["adult_female"], 1, 2)
        grid.addWidget(QLabel(self.tr("Trẻ em")), 2, 0)
        grid.addWidget(self.counts["child_male"], 2, 1)
        grid.addWidget(self.counts["child_female"], 2, 2)
        grid.addWidget(QLabel(self.tr("Trong đó trẻ em có hoàn cảnh đặc biệt")), 3, 0, 1, 2)
        grid.addWidget(self.counts["special_children"], 3, 2)
        grid.addWidget(self.total, 4, 0, 1, 3)
        holder = QWidget()
        holder.setLayout(grid)
        return holder

    def _fill(self, draft: ActivityDraft) -> None:
        self.activity_type.set_code(draft.activity_type)
        self.title.setText(draft.title)
        self.start.setText(draft.start_date.strftime("%d/%m/%Y") if draft.start_date else "")
        self.end.setText(draft.end_date.strftime("%d/%m/%Y") if draft.end_date else "")
        self.village.set_code(draft.village_id)
        self.place.setText(draft.place)
        self.organiser.setText(draft.organiser)
        self.partners.setText(draft.partners)
        for name, spin in self.counts.items():
            spin.setValue(getattr(draft, name))
        self.cost.set_amount(draft.cost_vnd)
        self.source.set_code(draft.funding_source)
        self.notes.setPlainText(draft.notes)

    def _update_total(self) -> None:
        adults = self.counts["adult_male"].value() + self.counts["adult_female"].value()
        children = self.counts["child_male"].value() + self.counts["child_female"].value()
        self.total.setText(
            self.tr("Tổng số: {total} người ({adults} người lớn, {children} trẻ em)").format(
                total=adults + children, adults=adults, children=children
            )
        )

    def read(self) -> tuple[ActivityDraft, list[Problem]]:
        problems: list[Problem] = []
        draft = ActivityDraft(
            activity_type=self.read_code(self.activity_type, "activity_type", problems),
            title=self.title.text(),
            start_date=self.read_date(self.start, "start_date", problems),
            end_date=self.read_date(self.end, "end_date", problems, required=False),
            place=self.place.text(),
            village_id=self.read_code(self.village, "village_id", problems),
            organiser=self.organiser.text(),
            partners=self.partners.text(),
            cost_vnd=self.read_money(self.cost, "cost_vnd", problems),
            funding_source=self.read_code(self.source, "funding_source", problems),
            notes=self.notes.toPlainText(),
            **{name: spin.value() for name, spin in self.counts.items()},
        )
        return draft, problems

    def value(self) -> ActivityDraft:
        return self.read()[0]

    def check(self) -> list[Problem]:
        draft, problems = self.read()
        seen = {p.field for p in problems}
        rules = validate_activity(draft, today=self.today, village_ids=self.village_ids)
        return problems + [p for p in rules if p.field not in seen]


class ActivitiesPage(QWidget):
    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__()
        self.setObjectName("activitiesPage")
        self.register, self.tasks, self.read_only = register, tasks, read_only
        self.villages: list[tuple[str, str]] = []
        self._build()
        self.reload_villages()
        self.refresh()

    def _build(self) -> None:
        self.year = year_spin("activityYear")
        self.month = QComboBox(objectName="activityMonth")
        self.month.addItem(self.tr("Cả năm"), None)
        for m in range(1, 13):
            self.month.addItem(self.tr("Tháng {m}").format(m=m), m)
        self.type_filter = category_filter(
            "activityTypeFilter", self.tr("Mọi loại hoạt động"), cat.ACTIVITY_TYPES
        )
        self.village_filter = compact_combo(QComboBox(objectName="activityVillageFilter"))
        self.village_filter.addItem(self.tr("Mọi thôn/bản"), None)
        for widget in (self.month, self.type_filter, self.village_filter):
            widget.currentIndexChanged.connect(self.refresh)
        self.year.valueChanged.connect(self.refresh)
        headers = [
            self.tr("Ngày"),
            self.tr("Loại hoạt động"),
            self.tr("Tên hoạt động"),
            self.tr("Thôn/bản, địa điểm"),
            self.tr("Người lớn (nam/nữ)"),
            self.tr("Trẻ em (nam/nữ)"),
            self.tr("Trẻ em HCĐB"),
            self.tr("Tổng số"),
            self.tr("Kinh phí"),
            self.tr("Nguồn kinh phí"),
        ]
        self.section: RecordSection[ActivityRecord] = RecordSection(
            name="Activity", headers=headers, new_label=self.tr("Ghi hoạt động mới…"),
            tasks=self.tasks, row=self._cells, describe=self._describe,
            dialog=self.activity_dialog, read_only=self.read_only, stretch=2,
            remove=lambda record, reason: self.register.delete_activity(record.id, reason),
            remove_title=self.tr("Xóa hoạt động"),
        )  # fmt: skip
        filters: tuple[QWidget, ...] = (QLabel(self.tr("Năm")), self.year, self.month,
                                        self.type_filter, self.village_filter)  # fmt: skip
        for shown in filters:
            self.section.add_filter(shown)
        self.table, self.summary = self.section.table, self.section.summary
        self.new_button = self.section.new_button
        self.edit_button = self.section.edit_button
        self.delete_button = self.section.remove_button
        layout = QVBoxLayout(self)
        layout.addWidget(self.section)

    @property
    def records(self) -> list[ActivityRecord]:
        return self.section.records

    # ---- list ------------------------------------------------------------------------------

    def current_filter(self) -> ActivityFilter:
        return ActivityFilter(
            year=self.year.value(),
            month=self.month.currentData(),
            activity_type=self.type_filter.currentData(),
            village_id=self.village_filter.currentData(),
        )

    def refresh(self) -> None:
        flt = self.current_filter()
        self.tasks.run_db(lambda: self.register.activities(flt), self._show)

    @staticmethod
    def _cells(record: ActivityRecord) -> tuple:
        d = record.draft
        assert d.start_date is not None
        return (
            format_period(d.start_date, d.end_date),
            i18n.label(cat.ACTIVITY_TYPES, d.activity_type),
            d.title,
            ", ".join(part for part in (record.village, d.place) if part),
            f"{d.adult_male} / {d.adult_female}",
            f"{d.child_male} / {d.child_female}",
            d.special_children,
            d.participants,
            format_vnd(d.cost_vnd),
            i18n.label(cat.FUNDING_SOURCES, d.funding_source),
        )

    def _describe(self, record: ActivityRecord) -> str:
        return self.tr("hoạt động “{title}”").format(title=record.draft.title)

    def _show(self, records: list[ActivityRecord]) -> None:
        self.section.set_records(records)
        drafts = [r.draft for r in records]
        self.section.set_summary(
            self.tr(
                "{n} hoạt động · {people} lượt người tham gia ({children} trẻ em, trong đó "
                "{special} trẻ em có hoàn cảnh đặc biệt) · kinh phí {cost}"
            ).format(
                n=len(drafts),
                people=_dots(sum(d.participants for d in drafts)),
                children=_dots(sum(d.children for d in drafts)),
                special=_dots(sum(d.special_children for d in drafts)),
                cost=format_vnd(sum(d.cost_vnd or 0 for d in drafts)),
            )
        )

    def reload_villages(self) -> None:
        self.tasks.run_db(self.register.villages, self._set_villages)

    def _set_villages(self, villages: list) -> None:
        self.villages = [(v.id, i18n.village_label(v.name, v.retired_on)) for v in villages]
        combo = self.village_filter
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for vid, name in self.villages:
            combo.addItem(name, vid)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("village"):
            self.reload_villages()
        if changes.touches("activity", "village"):
            self.refresh()

    # ---- recording -------------------------------------------------------------------------

    def activity_dialog(self, record: ActivityRecord | None = None) -> ActivityDialog:
        """The dialog that records a new activity (or corrects `record`) when saved."""
        if record is None:

            def save(draft: ActivityDraft) -> Changes:
                return self.register.add_activity(draft)
        else:

            def save(draft: ActivityDraft) -> Changes:
                return self.register.update_activity(record.id, draft)

        return ActivityDialog(
            self, self.villages, record.draft if record else None, tasks=self.tasks, save=save
        )

    def new_activity(self) -> None:
        self.section.new()

    def edit_activity(self) -> None:
        self.section.edit()

    def delete_activity(self) -> None:
        self.section.remove()


def _dots(n: int) -> str:
    return f"{n:,}".replace(",", ".")
