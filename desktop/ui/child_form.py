"""The child form: every field, inline Vietnamese messages, history of circumstances and supports.

Keyboard-first: Tab walks the fields in paper-form order, Ctrl+S saves, Esc goes back (asking
first when something is unsaved). All database work goes through the task manager.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import reference
from desktop.db.models import Child
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.domain.dates import DateTextError, parse_partial_date
from desktop.domain.validation import ChildDraft, Problem, ValidationError
from desktop.ui import dialogs, errors
from desktop.ui.child_history import ChildHistory
from desktop.ui.fields import DateField
from desktop.ui.i18n import tr_label
from desktop.ui.merge_dialog import MergeDialog
from desktop.ui.record_section import RemoveDialog
from desktop.ui.taskman import TaskManager
from desktop.ui.widgets import CodeCombo, ErrorLabel

Button = dialogs.Button


def _category_items(
    categories: tuple[cat.Category, ...],
) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.code, tr_label(c.label), ()) for c in categories]


def _tristate(box: QCheckBox, value: bool | None) -> None:
    box.setCheckState(
        Qt.CheckState.PartiallyChecked
        if value is None
        else (Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
    )


def _read_tristate(box: QCheckBox) -> bool | None:
    state = box.checkState()
    if state == Qt.CheckState.PartiallyChecked:
        return None
    return state == Qt.CheckState.Checked


class ChildForm(QWidget):
    saved = Signal(str)  # child id
    closed = Signal()

    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__()
        self.setObjectName("childForm")
        self.register = register
        self.tasks = tasks
        self.read_only = read_only
        self.child_id: str | None = None
        self._clean: dict | None = None
        self._saving = False
        self.errors: dict[str, ErrorLabel] = {}
        self._build()

    # ---- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(objectName="childFormTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.full_name = QLineEdit(objectName="fullName")
        self.sex = CodeCombo(_category_items(cat.SEXES))
        self.sex.setObjectName("sex")
        self.birth = DateField(name="birth", partial=True)
        groups = reference.ethnic_groups().values()
        self.ethnic = CodeCombo([(g.code, tr_label(g.name), g.aliases) for g in groups])
        self.ethnic.setObjectName("ethnic")
        self.village = CodeCombo()
        self.village.setObjectName("village")
        self.personal_id = QLineEdit(objectName="personalId")
        self.personal_id.setPlaceholderText(self.tr("12 chữ số, nếu có"))
        self.personal_id.setMaxLength(12)
        self.status = CodeCombo(_category_items(cat.CHILD_STATUSES), allow_empty=False)
        self.status.setObjectName("status")
        self.caregiver = QLineEdit(objectName="caregiver")
        self.relation = QLineEdit(objectName="relation")
        self.relation.setPlaceholderText(self.tr("Bố, mẹ, ông, bà…"))
        self.phone = QLineEdit(objectName="phone")
        self.schooling = CodeCombo(_category_items(cat.SCHOOLING))
        self.schooling.setObjectName("schooling")
        self.poverty = CodeCombo(_category_items(cat.POVERTY))
        self.poverty.setObjectName("poverty")
        self.birth_registered = QCheckBox(self.tr("Đã đăng ký khai sinh"))
        self.birth_registered.setTristate(True)
        self.health_insurance = QCheckBox(self.tr("Có thẻ BHYT (trẻ dưới 6 tuổi)"))
        self.health_insurance.setTristate(True)
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)

        left = QFormLayout()
        right = QFormLayout()
        for form, rows in (
            (
                left,
                [
                    ("full_name", self.tr("Họ và tên *"), self.full_name),
                    ("sex", self.tr("Giới tính *"), self.sex),
                    ("birth", self.tr("Ngày sinh *"), self.birth),
                    ("ethnic_code", self.tr("Dân tộc"), self.ethnic),
                    ("village_id", self.tr("Thôn/bản"), self.village),
                    ("personal_id", self.tr("Số định danh cá nhân"), self.personal_id),
                    ("status", self.tr("Tình trạng"), self.status),
                ],
            ),
            (
                right,
                [
                    ("caregiver_name", self.tr("Người chăm sóc"), self.caregiver),
                    ("caregiver_relation", self.tr("Quan hệ với trẻ"), self.relation),
                    ("contact_phone", self.tr("Điện thoại liên hệ"), self.phone),
                    ("schooling", self.tr("Học tập"), self.schooling),
                    ("poverty", self.tr("Hộ nghèo/cận nghèo"), self.poverty),
                    ("birth_registered", "", self.birth_registered),
                    ("health_insurance", "", self.health_insurance),
                    ("notes", self.tr("Ghi chú"), self.notes),
                ],
            ),
        ):
            for field, label, widget in rows:
                box = QVBoxLayout()
                box.setSpacing(1)
                box.addWidget(widget)
                self.errors[field] = ErrorLabel(field)
                box.addWidget(self.errors[field])
                form.addRow(label, box)
        fields = QGridLayout()
        fields.addLayout(left, 0, 0)
        fields.addLayout(right, 0, 1)
        fields.setColumnStretch(0, 1)
        fields.setColumnStretch(1, 1)

        self.save_button = QPushButton(self.tr("Lưu (Ctrl+S)"), objectName="saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Quay lại danh sách (Esc)"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.request_close)
        self.remove_button = QPushButton(self.tr("Xóa hồ sơ nhập nhầm…"),
                                         objectName="removeChildButton")  # fmt: skip
        self.remove_button.clicked.connect(self.remove_child)
        self.merge_button = QPushButton(self.tr("Gộp hồ sơ trùng…"), objectName="mergeChildButton")
        self.merge_button.clicked.connect(self.merge_duplicate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        self.history = ChildHistory(self.register, self.tasks, read_only=self.read_only)
        self.history.changed.connect(self._history_saved)
        self.circumstances = self.history.circumstance_section.table
        self.supports = self.history.support_section.table
        self.add_circumstance_button = self.history.circumstance_section.new_button
        self.end_circumstance_button = self.history.end_button
        self.add_support_button = self.history.support_section.new_button

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(fields)
        layout.addWidget(self.history, 1)

        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.request_close)
        self.setTabOrder(self.full_name, self.sex)
        for a, b in (
            (self.sex, self.birth), (self.birth, self.ethnic), (self.ethnic, self.village),
            (self.village, self.personal_id), (self.personal_id, self.status),
            (self.status, self.caregiver), (self.caregiver, self.relation),
            (self.relation, self.phone), (self.phone, self.schooling),
            (self.schooling, self.poverty), (self.poverty, self.birth_registered),
            (self.birth_registered, self.health_insurance), (self.health_insurance, self.notes),
            (self.notes, self.save_button),
        ):  # fmt: skip
            self.setTabOrder(a, b)
        for widget in (self.full_name, self.birth, self.personal_id):
            widget.editingFinished.connect(self._revalidate)
        if self.read_only:
            self.save_button.setEnabled(False)
            self.remove_button.setEnabled(False)
            self.merge_button.setEnabled(False)

    # ---- loading --------------------------------------------------------------------------

    def set_villages(self, villages: list[tuple[str, str]]) -> None:
        self.village.set_items([(vid, name, ()) for vid, name in villages])

    def new_child(self) -> None:
        self.child_id = None
        self.title.setText(self.tr("Thêm trẻ em mới"))
        self._fill(ChildDraft(full_name="", status="active"), None)
        self._clean = self._snapshot()
        self.history.show_child(None, [], [])
        self.remove_button.setVisible(False)
        self.merge_button.setVisible(False)
        self.full_name.setFocus()

    def load(self, child: Child, circumstances: list, supports: list) -> None:
        self.child_id = child.id
        self.title.setText(child.full_name)
        self._fill(Register.draft_of(child), child)
        self._clean = self._snapshot()
        self.history.show_child(child.id, circumstances, supports)
        self.remove_button.setVisible(True)
        self.merge_button.setVisible(True)
        self.full_name.setFocus()

    def _fill(self, draft: ChildDraft, child: Child | None) -> None:
        self.full_name.setText(draft.full_name)
        self.sex.set_code(draft.sex)
        self.birth.setText(draft.birth.display() if draft.birth else "")
        self.ethnic.set_code(draft.ethnic_code)
        self.village.set_code(draft.village_id)
        self.personal_id.setText(draft.personal_id or "")
        self.status.set_code(draft.status)
        self.caregiver.setText(draft.caregiver_name)
        self.relation.setText(draft.caregiver_relation)
        self.phone.setText(draft.contact_phone)
        self.schooling.set_code(draft.schooling)
        self.poverty.set_code(draft.poverty)
        _tristate(self.birth_registered, draft.birth_registered)
        _tristate(self.health_insurance, draft.health_insurance)
        self.notes.setPlainText(draft.notes)
        for label in self.errors.values():
            label.show_message("")

    # ---- reading and validating ---------------------------------------------------------

    def _snapshot(self) -> dict:
        return {
            "full_name": self.full_name.text(), "sex": self.sex.currentText(),
            "birth": self.birth.text(), "ethnic": self.ethnic.currentText(),
            "village": self.village.currentText(), "personal_id": self.personal_id.text(),
            "status": self.status.currentText(), "caregiver": self.caregiver.text(),
            "relation": self.relation.text(), "phone": self.phone.text(),
            "schooling": self.schooling.currentText(), "poverty": self.poverty.currentText(),
            "registered": self.birth_registered.checkState(),
            "insurance": self.health_insurance.checkState(), "notes": self.notes.toPlainText(),
        }  # fmt: skip

    def is_dirty(self) -> bool:
        return self._clean is not None and self._snapshot() != self._clean

    def read_draft(self) -> tuple[ChildDraft, list[Problem]]:
        """The draft in the form and the problems found before it even reaches the database."""
        problems: list[Problem] = []
        birth = None
        if self.birth.text().strip():
            try:
                birth = parse_partial_date(self.birth.text())
            except DateTextError as exc:
                problems.append(Problem("birth", f"{exc}."))
        for field, combo in (
            ("ethnic_code", self.ethnic), ("schooling", self.schooling),
            ("poverty", self.poverty), ("sex", self.sex),
        ):  # fmt: skip
            if combo.code() == "?":
                problems.append(Problem(field, "chọn một giá trị trong danh sách."))
        # A village typed that is not on the list yet: offered as a new one when saving.

        def code(combo: CodeCombo) -> str | None:
            value = combo.code()
            return None if value == "?" else value

        draft = ChildDraft(
            full_name=self.full_name.text(),
            sex=code(self.sex),
            birth=birth,
            ethnic_code=code(self.ethnic),
            village_id=code(self.village),
            personal_id=self.personal_id.text().strip() or None,
            birth_registered=_read_tristate(self.birth_registered),
            health_insurance=_read_tristate(self.health_insurance),
            schooling=code(self.schooling),
            poverty=code(self.poverty),
            caregiver_name=self.caregiver.text().strip(),
            caregiver_relation=self.relation.text().strip(),
            contact_phone=self.phone.text().strip(),
            status=code(self.status) or "active",
            notes=self.notes.toPlainText().strip(),
        )
        return draft, problems

    def show_problems(self, problems: list[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        for p in problems:
            by_field.setdefault(p.field, []).append(str(p))
        for field, label in self.errors.items():
            label.show_message("\n".join(by_field.get(field, [])))
        first = next((p.field for p in problems if p.field in self._focus_map()), None)
        if first:
            self._focus_map()[first].setFocus()

    def _focus_map(self) -> dict[str, QWidget]:
        return {
            "full_name": self.full_name, "sex": self.sex, "birth": self.birth,
            "ethnic_code": self.ethnic, "village_id": self.village,
            "personal_id": self.personal_id, "status": self.status,
        }  # fmt: skip

    def problems(self) -> list[Problem]:
        """Every problem of the form: unreadable fields first, then the domain's rules."""
        draft, problems = self.read_draft()
        shown = {p.field for p in problems}
        return problems + [p for p in self.register.validate_child(draft) if p.field not in shown]

    def _revalidate(self) -> None:
        """After a failed save, messages follow the officer's corrections as they type."""
        if any(label.isVisible() for label in self.errors.values()):
            self.show_problems(self.problems())

    # ---- saving ---------------------------------------------------------------------------

    def new_village(self) -> str | None:
        """The village typed in the form when it is not on the commune's list."""
        text = self.village.currentText().strip()
        return text if text and self.village.code() == "?" else None

    def save(self) -> None:
        if self.read_only or self._saving:
            return
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            return
        draft, _ = self.read_draft()
        village = self.new_village()
        if village is not None:
            answer = dialogs.ask(
                self,
                self.tr("Thôn/bản mới"),
                self.tr("“{name}” chưa có trong danh sách thôn/bản của xã. Thêm thôn/bản này?")
                .format(name=village),
                Button.Yes | Button.No,
                Button.Yes,
            )
            if answer != Button.Yes:
                self.show_problems(
                    [Problem("village_id", "chọn thôn/bản trong danh sách hoặc đồng ý thêm mới.")]
                )
                return
        duplicates = self.register.likely_duplicates(draft, exclude_id=self.child_id)
        if duplicates:
            names = "\n".join(f"• {c.full_name} (sinh {c.birth_year})" for c in duplicates[:5])
            answer = dialogs.ask(
                self,
                self.tr("Có thể bị trùng"),
                self.tr("Trong sổ đã có trẻ cùng tên, cùng năm sinh và cùng thôn/bản:")
                + f"\n{names}\n\n"
                + self.tr("Vẫn lưu trẻ này?"),
                Button.Yes | Button.No,
                Button.No,
            )
            if answer != Button.Yes:
                return
        self._saving = True
        child_id = self.child_id

        def work():
            changes = None
            if village is not None:  # the new village first, then the child in it
                changes = self.register.add_village(village)
                draft.village_id = changes.created_id
            saved = (
                self.register.add_child(draft)
                if child_id is None
                else self.register.update_child(child_id, draft)
            )
            return saved if changes is None else saved | changes  # the child first

        self.tasks.run_db(work, self._saved, self._save_failed)

    def _saved(self, changes) -> None:
        self._saving = False
        if self.child_id is None and changes.created:
            self.child_id = changes.created_id
            self.history.show_child(self.child_id, [], [])
        self.title.setText(self.full_name.text().strip())
        self._clean = self._snapshot()
        self.saved.emit(self.child_id)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        if isinstance(error, ValidationError):
            self.show_problems(error.problems)
        else:
            errors.report(self, error, self.tr("Không lưu được"))

    def request_close(self) -> bool:
        """Leave the form; asks first when there are unsaved changes. True if it closed."""
        if self.is_dirty():
            answer = dialogs.ask(
                self,
                self.tr("Chưa lưu"),
                self.tr("Hồ sơ trẻ có thay đổi chưa lưu. Lưu trước khi rời đi?"),
                Button.Save | Button.Discard | Button.Cancel,
                Button.Save,
            )
            if answer == Button.Cancel:
                return False
            if answer == Button.Save:
                problems = self.problems()
                if problems:
                    self.show_problems(problems)
                    return False
                self.save()
        self._clean = None
        self.closed.emit()
        return True

    def remove_child(self) -> None:
        """A record entered by mistake: removed with a reason, then back to the list."""
        child_id = self.child_id
        if child_id is None or self.read_only:
            return
        question = self.tr(
            "Xóa hồ sơ của {name}? Hồ sơ, hoàn cảnh và trợ giúp của trẻ được đánh dấu đã xóa "
            "kèm lý do, vẫn lưu trong nhật ký và được đồng bộ. Nếu đây là hồ sơ trùng của một "
            "trẻ đã có, hãy dùng “Gộp hồ sơ trùng…” để giữ lịch sử."
        ).format(name=self.title.text())
        dialog = RemoveDialog(
            self, self.tr("Xóa hồ sơ nhập nhầm"), question, tasks=self.tasks,
            save=lambda reason: self.register.remove_child(child_id, reason),
        )  # fmt: skip
        removed = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if removed:
            self._clean = None
            self.closed.emit()

    def merge_duplicate(self) -> None:
        """The same child entered twice: the other record is merged into this one."""
        keep_id = self.child_id
        if keep_id is None or self.read_only:
            return
        dialog = MergeDialog(
            self, self.register, keep_id, self.title.text(), tasks=self.tasks,
            save=lambda other_id: self.register.merge_children(keep_id, other_id),
        )  # fmt: skip
        merged = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if merged:
            self.history.reload()
            self.saved.emit(keep_id)

    # ---- history --------------------------------------------------------------------------

    def _reload_history(self, _changes: object = None) -> None:
        self.history.reload()

    def _history_saved(self) -> None:
        if self.child_id:
            self.saved.emit(self.child_id)
