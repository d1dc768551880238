"""Tập huấn: training courses and who took part, by name or as counts per role and sex.

The course dialog keeps one role × sex grid. Listing people by name fills the grid by itself
(read-only); counting fills it by hand. Either way the totals shown are the totals saved, and
both come from `desktop.domain.programme.participant_totals`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.db.changes import Changes
from desktop.db.programme import CourseRecord
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.domain.money import format_vnd
from desktop.domain.names import normalize_name
from desktop.domain.programme import (
    CourseDraft,
    ParticipantEntry,
    ParticipantTotals,
    counts_to_entries,
    format_period,
    participant_totals,
    validate_course,
)
from desktop.domain.validation import Problem
from desktop.ui import dialogs, i18n
from desktop.ui.fields import MoneyField, enter_adds
from desktop.ui.form_dialog import (
    FormDialog,
    category_items,
    count_field,
    date_field,
)
from desktop.ui.page_parts import (
    category_filter,
    fill_row,
    make_table,
    year_spin,
)
from desktop.ui.record_section import RecordSection
from desktop.ui.taskman import TaskManager
from desktop.ui.widgets import CodeCombo, ErrorLabel

Button = dialogs.Button
SEX_CODES = tuple(s.code for s in cat.SEXES)


class CourseDialog(FormDialog):
    """Record or correct one course with its participants."""

    def __init__(
        self,
        parent: QWidget | None,
        record: CourseRecord | None = None,
        **kwargs,
    ):
        title = self.tr("Sửa lớp tập huấn") if record else self.tr("Ghi lớp tập huấn mới")
        super().__init__(parent, title, **kwargs)
        self.setObjectName("courseDialog")
        self.names: list[ParticipantEntry] = []
        self.topic = CodeCombo(category_items(cat.TRAINING_TOPICS))
        self.topic.setObjectName("courseTopic")
        self.title = QLineEdit(objectName="courseTitle")
        self.title.setPlaceholderText(self.tr("Ví dụ: Tập huấn kỹ năng phòng chống xâm hại"))
        self.start = date_field(self.today, name="courseStart")
        self.end = date_field(name="courseEnd")
        self.end.setPlaceholderText(self.tr("ngày kết thúc, nếu có"))
        self.place = QLineEdit(objectName="coursePlace")
        self.trainer = QLineEdit(objectName="courseTrainer")
        self.cost = MoneyField(name="courseCost", placeholder=self.tr("đồng, ví dụ 5.000.000"))
        self.source = CodeCombo(category_items(cat.FUNDING_SOURCES))
        self.source.setObjectName("courseSource")
        self.notes = QPlainTextEdit(objectName="courseNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(40)

        self.add_row("topic", self.tr("Chủ đề *"), self.topic)
        self.add_row("course_title", self.tr("Tên lớp *"), self.title)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("đến")))
        dates.addWidget(self.end)
        holder = QWidget()
        holder.setLayout(dates)
        self.add_row(("start_date", "end_date"), self.tr("Thời gian *"), holder)
        self.focus_of["start_date"], self.focus_of["end_date"] = self.start, self.end
        self.add_row("place", self.tr("Địa điểm"), self.place)
        self.add_row("trainer", self.tr("Giảng viên"), self.trainer)
        money = QHBoxLayout()
        money.setContentsMargins(0, 0, 0, 0)
        money.addWidget(self.cost, 1)
        money.addWidget(QLabel(self.tr("Nguồn")))
        money.addWidget(self.source, 2)
        holder = QWidget()
        holder.setLayout(money)
        self.add_row(("cost_vnd", "funding_source"), self.tr("Kinh phí (đồng)"), holder)
        self.focus_of["funding_source"] = self.source
        self.add_row("notes", self.tr("Ghi chú"), self.notes)
        self.layout_.addWidget(self._participants_box())
        self.finish()
        if record:
            self._fill(record)
        self._mode_changed()
        self.setMinimumWidth(760)

    # ---- participants --------------------------------------------------------------------

    def _participants_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Người tham gia *"))
        self.by_name = QRadioButton(self.tr("Theo danh sách tên"), objectName="participantsByName")
        self.by_count = QRadioButton(
            self.tr("Theo số lượng (vai trò × giới tính)"), objectName="participantsByCount"
        )
        self.by_name.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(self.by_name)
        group.addButton(self.by_count)
        self.by_name.toggled.connect(self._mode_changed)
        modes = QHBoxLayout()
        modes.addWidget(self.by_name)
        modes.addWidget(self.by_count)
        modes.addStretch(1)

        self.person_name = QLineEdit(objectName="participantName")
        self.person_name.setPlaceholderText(self.tr("Họ và tên, rồi Enter"))
        self.person_name.setMinimumWidth(180)
        self.person_sex = CodeCombo(category_items(cat.SEXES), allow_empty=False)
        self.person_sex.setObjectName("participantSex")
        self.person_sex.setCurrentIndex(0)
        self.person_role = CodeCombo(category_items(cat.TRAINING_ROLES), allow_empty=False)
        self.person_role.setObjectName("participantRole")
        self.person_role.setCurrentIndex(0)
        self.add_person_button = QPushButton(self.tr("Thêm"), objectName="addParticipantButton")
        self.add_person_button.setAutoDefault(False)
        self.remove_person_button = QPushButton(
            self.tr("Bỏ người đã chọn"), objectName="removeParticipantButton"
        )
        self.remove_person_button.setAutoDefault(False)
        # Enter in the name, sex or role box adds the person; it never saves the course.
        enter_adds((self.person_name, self.person_sex, self.person_role), self.add_person)
        self.add_person_button.clicked.connect(self.add_person)
        self.remove_person_button.clicked.connect(self.remove_person)
        entry = QGridLayout()  # the name on its own line: room for long names
        entry.addWidget(self.person_name, 0, 0, 1, 3)
        entry.addWidget(self.person_sex, 1, 0)
        entry.addWidget(self.person_role, 1, 1)
        entry.addWidget(self.add_person_button, 1, 2)
        entry.setColumnStretch(1, 1)
        self.people = make_table(
            [self.tr("Họ và tên"), self.tr("Giới tính"), self.tr("Vai trò")], "participantList"
        )
        names = QVBoxLayout()
        names.addLayout(entry)
        names.addWidget(self.people, 1)
        names.addWidget(self.remove_person_button)
        self.names_panel = QWidget()
        self.names_panel.setLayout(names)

        self.grid: dict[tuple[str, str], QSpinBox] = {}
        self.row_totals: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        for column, text in enumerate((self.tr("Nam"), self.tr("Nữ"), self.tr("Cộng")), start=1):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        for row, role in enumerate(cat.TRAINING_ROLES, start=1):
            role_label = QLabel(i18n.label(cat.TRAINING_ROLES, role.code))
            role_label.setWordWrap(True)
            role_label.setMinimumWidth(140)
            grid.addWidget(role_label, row, 0)
            for column, sex in enumerate(SEX_CODES, start=1):
                spin = count_field(f"count_{role.code}_{sex}")
                spin.setFixedWidth(72)
                spin.valueChanged.connect(self._update_totals)
                self.grid[(role.code, sex)] = spin
                grid.addWidget(spin, row, column)
            self.row_totals[role.code] = QLabel("0")
            grid.addWidget(self.row_totals[role.code], row, 3)
        self.grid_panel = QWidget(objectName="participantCounts")
        self.grid_panel.setLayout(grid)

        self.totals = QLabel(objectName="participantTotals")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        panels = QHBoxLayout()
        panels.addWidget(self.names_panel, 3)
        panels.addWidget(self.grid_panel, 2)
        layout = QVBoxLayout(box)
        layout.addLayout(modes)
        layout.addWidget(self.hint)
        layout.addLayout(panels)
        layout.addWidget(self.totals)
        self.errors["participants"] = ErrorLabel("participants")
        layout.addWidget(self.errors["participants"])
        self.focus_of["participants"] = self.person_name
        return box

    def add_person(self) -> None:
        """Add the typed person to the list; an empty name adds nobody."""
        name = normalize_name(self.person_name.text())
        if not name or not self.by_name.isChecked():
            return
        role = self.person_role.code()
        sex = self.person_sex.code()
        self.names.append(ParticipantEntry(role or "?", sex or "?", 1, name))
        self.person_name.clear()
        self.person_name.setFocus()
        self._show_people()

    def remove_person(self) -> None:
        row = self.people.currentRow()
        if 0 <= row < len(self.names):
            del self.names[row]
            self._show_people()

    def _show_people(self) -> None:
        self.people.setRowCount(len(self.names))
        for row, p in enumerate(self.names):
            fill_row(
                self.people,
                row,
                (p.name, i18n.label(cat.SEXES, p.sex), i18n.label(cat.TRAINING_ROLES, p.role)),
            )
        self._update_totals()

    def _mode_changed(self) -> None:
        named = self.by_name.isChecked()
        if not named and not any(s.value() for s in self.grid.values()):
            # Counting after listing some names: start from what the list adds up to.
            self._set_grid(participant_totals(self.names))
        self.names_panel.setVisible(named)
        for spin in self.grid.values():
            spin.setReadOnly(named)
            spin.setButtonSymbols(
                QSpinBox.ButtonSymbols.NoButtons if named else QSpinBox.ButtonSymbols.UpDownArrows
            )
        self.hint.setText(
            self.tr("Mỗi người ghi tên được tính 1; bảng số lượng tự cộng từ danh sách.")
            if named
            else self.tr("Chỉ lưu số lượng theo vai trò và giới tính (danh sách tên không lưu).")
        )
        self._update_totals()

    def _set_grid(self, totals: ParticipantTotals) -> None:
        for (role, sex), spin in self.grid.items():
            spin.blockSignals(True)
            spin.setValue(totals.by_role_sex.get((role, sex), 0))
            spin.blockSignals(False)

    def entries(self) -> list[ParticipantEntry]:
        """The participants to save, as the chosen way of entering them holds them."""
        if self.by_name.isChecked():
            return list(self.names)
        return counts_to_entries({key: spin.value() for key, spin in self.grid.items()})

    def _update_totals(self) -> None:
        totals = participant_totals(self.entries())
        if self.by_name.isChecked():
            self._set_grid(totals)
        for role in cat.TRAINING_ROLES:
            self.row_totals[role.code].setText(str(totals.count(role=role.code)))
        self.totals.setText(
            self.tr("Tổng: {total} người ({male} nam, {female} nữ; {children} trẻ em)").format(
                total=totals.total,
                male=totals.male,
                female=totals.female,
                children=totals.children,
            )
        )

    # ---- the whole course ----------------------------------------------------------------

    def _fill(self, record: CourseRecord) -> None:
        d = record.draft
        self.topic.set_code(d.topic)
        self.title.setText(d.title)
        self.start.setText(d.start_date.strftime("%d/%m/%Y") if d.start_date else "")
        self.end.setText(d.end_date.strftime("%d/%m/%Y") if d.end_date else "")
        self.place.setText(d.place)
        self.trainer.setText(d.trainer)
        self.cost.set_amount(d.cost_vnd)
        self.source.set_code(d.funding_source)
        self.notes.setPlainText(d.notes)
        named = [p for p in record.participants if p.named]
        if named:
            self.names = named
            self.by_name.setChecked(True)
            self._show_people()
        else:
            self.by_count.setChecked(True)
            self._set_grid(record.totals)

    def read(self) -> tuple[CourseDraft, list[Problem]]:
        problems: list[Problem] = []
        draft = CourseDraft(
            topic=self.read_code(self.topic, "topic", problems),
            title=self.title.text(),
            start_date=self.read_date(self.start, "start_date", problems),
            end_date=self.read_date(self.end, "end_date", problems, required=False),
            place=self.place.text(),
            trainer=self.trainer.text(),
            cost_vnd=self.read_money(self.cost, "cost_vnd", problems),
            funding_source=self.read_code(self.source, "funding_source", problems),
            notes=self.notes.toPlainText(),
        )
        return draft, problems

    def value(self) -> tuple[CourseDraft, list[ParticipantEntry]]:
        return self.read()[0], self.entries()

    def check(self) -> list[Problem]:
        draft, problems = self.read()
        seen = {p.field for p in problems}
        rules = validate_course(draft, self.entries(), today=self.today)
        return problems + [p for p in rules if p.field not in seen]


class TrainingPage(QWidget):
    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__()
        self.setObjectName("trainingPage")
        self.register, self.tasks, self.read_only = register, tasks, read_only
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.year = year_spin("courseYear")
        self.year.valueChanged.connect(self.refresh)
        self.topic_filter = category_filter(
            "courseTopicFilter", self.tr("Mọi chủ đề"), cat.TRAINING_TOPICS
        )
        self.topic_filter.currentIndexChanged.connect(self.refresh)
        headers = [
            self.tr("Ngày"),
            self.tr("Chủ đề"),
            self.tr("Tên lớp"),
            self.tr("Địa điểm"),
            self.tr("Giảng viên"),
            self.tr("Nam"),
            self.tr("Nữ"),
            self.tr("Tổng số"),
            self.tr("Kinh phí"),
        ]
        self.section: RecordSection[CourseRecord] = RecordSection(
            name="Course", headers=headers, new_label=self.tr("Ghi lớp tập huấn mới…"),
            tasks=self.tasks, row=self._cells, dialog=self.course_dialog,
            describe=lambda r: self.tr("lớp “{title}” và danh sách người tham gia").format(
                title=r.draft.title),
            remove=lambda record, reason: self.register.delete_course(record.id, reason),
            read_only=self.read_only, stretch=2, remove_title=self.tr("Xóa lớp tập huấn"),
        )  # fmt: skip
        for widget in (QLabel(self.tr("Năm")), self.year, self.topic_filter):
            self.section.add_filter(widget)
        self.table, self.summary = self.section.table, self.section.summary
        self.new_button = self.section.new_button
        self.edit_button = self.section.edit_button
        self.delete_button = self.section.remove_button
        self.section.selection_changed.connect(self._show_roles)
        self.roles_title = QLabel(objectName="courseRolesTitle")
        self.roles_title.setWordWrap(True)
        self.roles = make_table(
            [self.tr("Vai trò"), self.tr("Nam"), self.tr("Nữ"), self.tr("Cộng")],
            "courseRoles",
            stretch=0,
        )

        self.people = make_table(
            [self.tr("Họ và tên"), self.tr("Giới tính"), self.tr("Vai trò")], "coursePeople"
        )
        detail = QWidget()
        detail_layout = QHBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.roles.setMaximumWidth(560)
        detail_layout.addWidget(self.roles, 1)
        detail_layout.addWidget(self.people, 1)
        detail_layout.addStretch(0)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.roles_title)
        below_layout.addWidget(detail, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.section)
        splitter.addWidget(below)
        splitter.setSizes([380, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)

    @property
    def records(self) -> list[CourseRecord]:
        return self.section.records

    # ---- list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        year, topic = self.year.value(), self.topic_filter.currentData()
        self.tasks.run_db(lambda: self.register.courses(year, topic), self._show)

    @staticmethod
    def _cells(record: CourseRecord) -> tuple:
        d, totals = record.draft, record.totals
        assert d.start_date is not None
        return (
            format_period(d.start_date, d.end_date),
            i18n.label(cat.TRAINING_TOPICS, d.topic),
            d.title,
            d.place,
            d.trainer,
            totals.male,
            totals.female,
            totals.total,
            format_vnd(d.cost_vnd),
        )

    def _show(self, records: list[CourseRecord]) -> None:
        self.section.set_records(records)
        everyone = participant_totals(p for r in records for p in r.participants)
        self.section.set_summary(
            self.tr(
                "{n} lớp · {total} lượt người tham gia ({male} nam, {female} nữ) · kinh phí {cost}"
            ).format(
                n=len(records),
                total=everyone.total,
                male=everyone.male,
                female=everyone.female,
                cost=format_vnd(sum(r.draft.cost_vnd or 0 for r in records)),
            )
        )
        self._show_roles()

    def _selected(self) -> CourseRecord | None:
        return self.section.selected()

    def _show_roles(self) -> None:
        """Participants of the selected course by role and sex, and by name when listed."""
        record = self._selected()
        totals = record.totals if record else ParticipantTotals()
        self.roles_title.setText(
            self.tr("Người tham gia lớp “{title}”").format(title=record.draft.title)
            if record
            else self.tr("Chọn một lớp để xem người tham gia.")
        )
        roles = [r for r in cat.TRAINING_ROLES if totals.count(role=r.code)]
        self.roles.setRowCount(len(roles) + (1 if roles else 0))
        for row, role in enumerate(roles):
            fill_row(
                self.roles,
                row,
                (
                    i18n.label(cat.TRAINING_ROLES, role.code),
                    totals.count(role.code, "M"),
                    totals.count(role.code, "F"),
                    totals.count(role=role.code),
                ),
            )
        if roles:
            fill_row(
                self.roles,
                len(roles),
                (self.tr("Cộng"), totals.male, totals.female, totals.total),
            )
        named = [p for p in record.participants if p.named] if record else []
        self.people.setVisible(bool(named))
        self.people.setRowCount(len(named))
        for row, p in enumerate(named):
            fill_row(
                self.people,
                row,
                (p.name, i18n.label(cat.SEXES, p.sex), i18n.label(cat.TRAINING_ROLES, p.role)),
            )

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("trainingcourse", "trainingparticipant"):
            self.refresh()

    # ---- recording -------------------------------------------------------------------------

    def course_dialog(self, record: CourseRecord | None = None) -> CourseDialog:
        """The dialog that records a new course (or corrects `record`) when saved."""
        if record is None:

            def save(value: tuple[CourseDraft, list[ParticipantEntry]]) -> Changes:
                draft, people = value
                return self.register.add_course(people, draft)
        else:

            def save(value: tuple[CourseDraft, list[ParticipantEntry]]) -> Changes:
                draft, people = value
                return self.register.update_course(record.id, draft, people)

        return CourseDialog(self, record, tasks=self.tasks, save=save)

    def new_course(self) -> None:
        self.section.new()

    def edit_course(self) -> None:
        self.section.edit()

    def delete_course(self) -> None:
        self.section.remove()
