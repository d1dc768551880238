"""The dialogs of a child's history: a circumstance begins or ends, a support is given.

They are `FormDialog`s like every other record dialog: the one date field and the one money
field, required fields marked and checked, messages under their field, and the save runs on
the database worker before the dialog closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.domain import categories as cat
from desktop.domain.validation import (
    CircumstanceDraft,
    Problem,
    validate_circumstance,
    validate_support,
)
from desktop.ui.fields import DateField, MoneyField
from desktop.ui.form_dialog import FormDialog, category_items
from desktop.ui.i18n import tr_label
from desktop.ui.widgets import CodeCombo


@dataclass(frozen=True)
class SupportValues:
    """One support as the dialog holds it (the arguments of `Register.add_support`)."""

    support_type: str
    given_on: date | None
    amount_vnd: int | None = None
    funding_source: str | None = None
    notes: str = ""

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "support_type": self.support_type, "given_on": self.given_on,
            "amount_vnd": self.amount_vnd, "funding_source": self.funding_source,
            "notes": self.notes,
        }  # fmt: skip


class CircumstanceDialog(FormDialog):
    """A circumstance of a child begins (or, with `draft`, is corrected)."""

    def __init__(
        self,
        parent: QWidget | None,
        draft: CircumstanceDraft | None = None,
        *,
        risk_codes: frozenset[str] = cat.codes(cat.DEFAULT_RISK_GROUPS),
        **kw: Any,
    ):
        title = self.tr("Sửa hoàn cảnh") if draft else self.tr("Thêm hoàn cảnh")
        super().__init__(parent, title, **kw)
        self.setObjectName("circumstanceDialog")
        self.risk_codes = risk_codes
        self.kind = QComboBox(objectName="circumstanceKind")
        for c in cat.CIRCUMSTANCE_KINDS:
            self.kind.addItem(tr_label(c.label), c.code)
        self.group = CodeCombo(allow_empty=False)
        self.group.setObjectName("circumstanceGroup")
        self.sub = CodeCombo(category_items(cat.ORPHAN_SUBCASES))
        self.sub.setObjectName("circumstanceSub")
        self.start = DateField(self.today, name="circumstanceStart")
        self.notes = QLineEdit(objectName="circumstanceNotes")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.add_row("kind", self.tr("Loại *"), self.kind)
        self.add_row("group_code", self.tr("Nhóm *"), self.group)
        self.add_row("sub_code", self.tr("Trường hợp (nhóm a)"), self.sub)
        self.add_row("start_date", self.tr("Từ ngày *"), self.start)
        self.add_row("notes", self.tr("Ghi chú"), self.notes)
        self.finish()
        self.end_date, self.end_reason = None, ""
        if draft is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
            self.group.set_code(draft.group_code)
            self.sub.set_code(draft.sub_code)
            self.start.set_value(draft.start_date)
            self.notes.setText(draft.notes)
            self.end_date, self.end_reason = draft.end_date, draft.end_reason
        self.setMinimumWidth(480)

    def _kind_changed(self) -> None:
        groups = (
            cat.SPECIAL_GROUPS if self.kind.currentData() == "special" else cat.DEFAULT_RISK_GROUPS
        )
        self.group.set_items(
            [(g.code, f"{g.code} – {tr_label(g.label)}", (g.code,)) for g in groups]
        )
        self.group.setCurrentIndex(0)

    def read(self) -> tuple[CircumstanceDraft, list[Problem]]:
        problems: list[Problem] = []
        group = self.read_code(self.group, "group_code", problems) or ""
        sub = self.read_code(self.sub, "sub_code", problems) if group == "a" else None
        start = self.read_date(self.start, "start_date", problems)
        draft = CircumstanceDraft(
            kind=self.kind.currentData(),
            group_code=group,
            start_date=start or self.today,
            end_date=self.end_date,
            sub_code=sub,
            end_reason=self.end_reason,
            notes=self.notes.text().strip(),
        )
        return draft, problems

    def value(self) -> CircumstanceDraft:
        return self.read()[0]

    def check(self) -> list[Problem]:
        draft, problems = self.read()
        seen = {p.field for p in problems}
        rules = validate_circumstance(draft, today=self.today, risk_codes=self.risk_codes)
        return problems + [p for p in rules if p.field not in seen]


class EndDialog(FormDialog):
    """A circumstance ends: the day and why (đã ổn định, chuyển đi, đủ 16 tuổi …)."""

    def __init__(self, parent: QWidget | None, start: date | None = None, **kw: Any):
        super().__init__(parent, self.tr("Kết thúc hoàn cảnh"), **kw)
        self.setObjectName("endDialog")
        self.start = start
        self.end_date = DateField(self.today, name="circumstanceEnd")
        self.reason = QLineEdit(objectName="endReason")
        self.reason.setPlaceholderText(self.tr("Ví dụ: đã ổn định, chuyển đi, đủ 16 tuổi"))
        self.add_row("end_date", self.tr("Ngày kết thúc *"), self.end_date)
        self.add_row("end_reason", self.tr("Lý do"), self.reason)
        self.finish()
        self.setMinimumWidth(440)

    def value(self) -> tuple[date | None, str]:
        return self.read_date(self.end_date, "end_date", []), self.reason.text().strip()

    def check(self) -> list[Problem]:
        problems: list[Problem] = []
        end = self.read_date(self.end_date, "end_date", problems)
        if end is not None and end > self.today:
            problems.append(Problem("end_date", "không được sau ngày hôm nay."))
        if end is not None and self.start is not None and end < self.start:
            problems.append(
                Problem(
                    "end_date",
                    f"không được trước ngày bắt đầu ({self.start:%d/%m/%Y}).",
                )
            )
        return problems


class SupportDialog(FormDialog):
    """Help a child received: what, when, how much (đồng) and from which funds."""

    def __init__(self, parent: QWidget | None, values: SupportValues | None = None, **kw: Any):
        title = self.tr("Sửa trợ giúp") if values else self.tr("Thêm trợ giúp")
        super().__init__(parent, title, **kw)
        self.setObjectName("supportDialog")
        self.kind = CodeCombo(category_items(cat.SUPPORT_TYPES))
        self.kind.setObjectName("supportType")
        self.given_on = DateField(self.today, name="supportDate")
        self.amount = MoneyField(
            name="supportAmount", placeholder=self.tr("đồng, ví dụ 540.000 hoặc 1,5 triệu")
        )
        self.source = CodeCombo(category_items(cat.FUNDING_SOURCES))
        self.source.setObjectName("supportSource")
        self.notes = QLineEdit(objectName="supportNotes")
        self.add_row("support_type", self.tr("Hình thức *"), self.kind)
        self.add_row("given_on", self.tr("Ngày *"), self.given_on)
        self.add_row("amount_vnd", self.tr("Số tiền (đồng)"), self.amount)
        self.add_row("funding_source", self.tr("Nguồn kinh phí"), self.source)
        self.add_row("notes", self.tr("Ghi chú"), self.notes)
        self.finish()
        if values is not None:
            self.kind.set_code(values.support_type)
            self.given_on.set_value(values.given_on)
            self.amount.set_amount(values.amount_vnd)
            self.source.set_code(values.funding_source)
            self.notes.setText(values.notes)
        self.setMinimumWidth(480)

    def read(self) -> tuple[SupportValues, list[Problem]]:
        problems: list[Problem] = []
        kind = self.read_code(self.kind, "support_type", problems)
        if kind is None and not problems:
            problems.append(Problem("support_type", "chọn hình thức trợ giúp."))
        values = SupportValues(
            support_type=kind or "",
            given_on=self.read_date(self.given_on, "given_on", problems),
            amount_vnd=self.read_money(self.amount, "amount_vnd", problems),
            funding_source=self.read_code(self.source, "funding_source", problems),
            notes=self.notes.text().strip(),
        )
        return values, problems

    def value(self) -> SupportValues:
        return self.read()[0]

    def check(self) -> list[Problem]:
        values, problems = self.read()
        if problems or values.given_on is None:
            return problems
        return validate_support(
            values.support_type, values.given_on, values.amount_vnd, values.funding_source,
            today=self.today,
        )  # fmt: skip
