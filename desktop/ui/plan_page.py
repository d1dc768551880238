"""Kế hoạch: the year's targets with their progress, a month-by-month chart, and the Child
Protection Fund (Quỹ Bảo trợ trẻ em) book.

Every figure comes from `Register.plan_progress` / `fund_year`, which compute it with
`desktop.domain.programme`; this page only draws them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.db.changes import Changes
from desktop.db.programme import FundRecord, TargetRecord
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.domain.money import MoneyTextError, format_vnd, parse_vnd
from desktop.domain.programme import (
    BY_HAND,
    CHILD_SHARE_INDICATORS,
    MAX_CHILD_AGE,
    PERCENT_INDICATORS,
    FundDraft,
    FundYear,
    Progress,
    TargetDraft,
    format_amount,
    validate_fund_entry,
    validate_target,
)
from desktop.domain.validation import Problem
from desktop.ui import dialogs, i18n
from desktop.ui.fields import MoneyField
from desktop.ui.flow import FlowRow
from desktop.ui.form_dialog import FormDialog, date_field, money_text
from desktop.ui.page_parts import selected_key, year_spin
from desktop.ui.record_section import RecordSection
from desktop.ui.taskman import TaskManager
from desktop.ui.widgets import CodeCombo

Button = dialogs.Button
BAR_COLOUR = QColor("#9ec5e8")
LINE_COLOUR = QColor("#1f5f99")
TARGET_COLOUR = QColor("#c0392b")
GRID_COLOUR = QColor("#dddddd")
DONE_COLOUR = QColor("#2e8b57")


# ---- the chart -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartData:
    title: str
    indicator: str
    progress: Progress
    last_month: int  # months after this one have not happened yet (0: the year is ahead)


def _short(indicator: str, value: int) -> str:
    """Axis labels stay narrow: money in millions ("20 tr"), other values as they are."""
    if indicator == "fund_raised":
        millions = value / 1_000_000
        return f"{millions:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " tr"
    return format_amount(indicator, value)


def _tick_step(highest: int) -> int:
    """A round step (1, 2 or 5 × 10ⁿ) so that four steps reach above `highest`."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if step * 4 > highest:
                return step
        magnitude *= 10


class MonthlyChart(QWidget):
    """Bars for what each month added, a line for the running total, a dashed target line."""

    def __init__(self) -> None:
        super().__init__(objectName="planChart")
        self.data: ChartData | None = None
        self.empty_text = self.tr("Chọn một chỉ tiêu để xem tiến độ theo tháng.")
        self.setMinimumSize(300, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        data = self.data
        if data is None or not data.progress.monthly:
            text = self.empty_text
            if data is not None:
                text = self.tr("“{title}” nhập kết quả bằng tay: không có số liệu theo tháng.")
                text = text.format(title=data.title)
            painter.setPen(QColor("#666"))
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                text,
            )
            painter.end()
            return
        self._draw(painter, data)
        painter.end()

    def _draw(self, painter: QPainter, data: ChartData) -> None:
        metrics = painter.fontMetrics()
        line_height = metrics.height()
        progress = data.progress
        step_value = _tick_step(max(progress.target, *progress.monthly, 1))
        top_value = step_value * 4
        labels = [_short(data.indicator, step_value * i) for i in range(5)]
        left = max(metrics.horizontalAdvance(label) for label in labels) + 14
        plot = QRectF(left, 2 * line_height + 14, self.width() - left - 12, 0)
        plot.setBottom(self.height() - line_height - 10)

        painter.setPen(QColor("#222"))
        title_font = painter.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, line_height), Qt.AlignmentFlag.AlignLeft, data.title
        )
        painter.setFont(self.font())
        self._legend(painter, QPointF(8, line_height + 8), line_height, data)

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * value / top_value

        for i, label in enumerate(labels):
            y = y_of(step_value * i)
            painter.setPen(GRID_COLOUR)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#444"))
            painter.drawText(
                QRectF(0, y - line_height / 2, left - 6, line_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        step = plot.width() / 12
        centres = [plot.left() + step * (m + 0.5) for m in range(12)]
        for m, x in enumerate(centres):
            painter.drawText(
                QRectF(x - step / 2, plot.bottom() + 4, step, line_height),
                Qt.AlignmentFlag.AlignHCenter,
                self.tr("T{m}").format(m=m + 1),
            )
        shown = progress.monthly[: data.last_month]
        if data.indicator != "special_supported_pct":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BAR_COLOUR)
            for m, added in enumerate(progress.increments[: data.last_month]):
                if added > 0:
                    x = centres[m] - step * 0.3
                    painter.drawRect(
                        QRectF(x, y_of(added), step * 0.6, plot.bottom() - y_of(added))
                    )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(LINE_COLOUR, 2.2))
        points = [QPointF(centres[m], y_of(v)) for m, v in enumerate(shown)]
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(LINE_COLOUR)
        for point in points:
            painter.drawEllipse(point, 2.6, 2.6)
        pen = QPen(TARGET_COLOUR, 1.6, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        y = y_of(progress.target)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))

    def _legend(self, painter: QPainter, at: QPointF, height: int, data: ChartData) -> None:
        items: list[tuple[str, QColor, str]] = []
        if data.indicator != "special_supported_pct":
            items.append(("bar", BAR_COLOUR, self.tr("trong tháng")))
        items += [
            ("line", LINE_COLOUR, self.tr("lũy kế")),
            ("dash", TARGET_COLOUR, self.tr("chỉ tiêu {value}").format(
                value=format_amount(data.indicator, data.progress.target))),
        ]  # fmt: skip
        x = at.x()
        for kind, colour, text in items:
            mid = at.y() + height / 2
            if kind == "bar":
                painter.fillRect(QRectF(x, mid - 5, 14, 10), colour)
            else:
                style = Qt.PenStyle.DashLine if kind == "dash" else Qt.PenStyle.SolidLine
                painter.setPen(QPen(colour, 2, style))
                painter.drawLine(QPointF(x, mid), QPointF(x + 16, mid))
            painter.setPen(QColor("#333"))
            painter.drawText(QPointF(x + 20, at.y() + height - 4), text)
            x += 20 + painter.fontMetrics().horizontalAdvance(text) + 16


# ---- dialogs -------------------------------------------------------------------------------


def _read_number(
    edit: QLineEdit, field: str, problems: list[Problem], *, money: bool = False
) -> int | None:
    """A target or a result: đồng as every money field reads them, else a whole number."""
    text = edit.text().strip().removesuffix("%").strip()
    if money:
        try:
            return parse_vnd(text)
        except MoneyTextError as exc:
            problems.append(Problem(field, f"{exc}."))
            return None
    cleaned = text.replace(".", "").replace(" ", "")
    if not cleaned:
        return None
    if not cleaned.isdigit():
        problems.append(Problem(field, f"“{edit.text().strip()}” không phải là số."))
        return None
    return int(cleaned)


class TargetDialog(FormDialog):
    """Set one of the year's targets (or correct a saved one)."""

    def __init__(self, parent: QWidget | None, year: int, draft: TargetDraft | None = None, **kw):
        super().__init__(parent, self.tr("Chỉ tiêu kế hoạch năm {year}").format(year=year), **kw)
        self.setObjectName("targetDialog")
        self.year = year
        self.indicator = CodeCombo(
            [(c.code, i18n.tr_label(c.label), ()) for c in cat.PLAN_INDICATORS], allow_empty=False
        )
        self.indicator.setObjectName("targetIndicator")
        self.label = QLineEdit(objectName="targetLabel")
        self.target = QLineEdit(objectName="targetValue")
        self.set_by = QComboBox(objectName="targetSetBy")
        for level in cat.PLAN_LEVELS:
            self.set_by.addItem(i18n.tr_label(level.label), level.code)
        self.achieved = QLineEdit(objectName="targetAchieved")
        self.achieved.setPlaceholderText(self.tr("chỉ với chỉ tiêu khác"))
        # A share of children is taken of the children of the ages the target names.
        self.age_from, self.age_to = QSpinBox(objectName="targetAgeFrom"), QSpinBox(
            objectName="targetAgeTo")  # fmt: skip
        for spin, start in ((self.age_from, 6), (self.age_to, MAX_CHILD_AGE)):
            spin.setRange(0, MAX_CHILD_AGE)
            spin.setValue(start)
        ages = QHBoxLayout()
        ages.setContentsMargins(0, 0, 0, 0)
        for widget in (self.age_from, QLabel(self.tr("đến")), self.age_to,
                       QLabel(self.tr("tuổi")), ):  # fmt: skip
            ages.addWidget(widget)
        ages.addStretch(1)
        self.ages_box = QWidget()
        self.ages_box.setLayout(ages)
        self.add_row("indicator", self.tr("Chỉ tiêu *"), self.indicator)
        self.add_row("label", self.tr("Tên chỉ tiêu"), self.label)
        self.add_row("target_value", self.tr("Giá trị chỉ tiêu *"), self.target)
        self.add_row("set_by", self.tr("Cấp giao"), self.set_by)
        self.add_row("achieved_value", self.tr("Đã đạt (nhập tay)"), self.achieved)
        self.add_row(("age_from", "age_to"), self.tr("Trẻ em từ (mẫu số)"), self.ages_box)
        self.finish()
        self.indicator.currentIndexChanged.connect(self._indicator_changed)
        self.indicator.editTextChanged.connect(self._indicator_changed)
        if draft:
            self.indicator.set_code(draft.indicator)
            self.label.setText(draft.label if draft.indicator in BY_HAND else "")
            self.target.setText(money_text(draft.target_value))
            self.set_by.setCurrentIndex(max(0, self.set_by.findData(draft.set_by)))
            self.achieved.setText(money_text(draft.achieved_value))
            if draft.ages is not None:
                self.age_from.setValue(draft.ages[0])
                self.age_to.setValue(draft.ages[1])
        self._indicator_changed()
        self.setMinimumWidth(520)

    def _indicator_changed(self) -> None:
        code = self.indicator.code()
        by_hand = code in BY_HAND
        self.label.setEnabled(by_hand)
        self.achieved.setEnabled(by_hand)
        self.ages_box.setEnabled(code in CHILD_SHARE_INDICATORS)
        self.label.setPlaceholderText(
            self.tr("Ví dụ: Số mô hình “Ngôi nhà an toàn”")
            if by_hand
            else i18n.label(cat.PLAN_INDICATORS, code)
        )
        self.target.setPlaceholderText(
            {
                "fund_raised": self.tr("đồng, ví dụ 20.000.000"),
            }.get(
                code or "",
                self.tr("phần trăm, ví dụ 95")
                if code in PERCENT_INDICATORS
                else self.tr("số, ví dụ 9"),
            )
        )

    def read(self) -> tuple[TargetDraft, list[Problem]]:
        problems: list[Problem] = []
        indicator = self.indicator.code() or ""
        money = indicator == "fund_raised"
        target = _read_number(self.target, "target_value", problems, money=money)
        if target is None and not any(p.field == "target_value" for p in problems):
            problems.append(Problem("target_value", "không được để trống."))
        achieved = _read_number(self.achieved, "achieved_value", problems, money=money)
        draft = TargetDraft(
            year=self.year,
            indicator=indicator,
            target_value=target or 0,
            label=self.label.text() if indicator in BY_HAND else "",
            set_by=self.set_by.currentData(),
            achieved_value=achieved if indicator in BY_HAND else None,
        )
        if indicator in CHILD_SHARE_INDICATORS:
            draft.age_from, draft.age_to = self.age_from.value(), self.age_to.value()
        return draft, problems

    def value(self) -> TargetDraft:
        return self.read()[0]

    def check(self) -> list[Problem]:
        draft, problems = self.read()
        seen = {p.field for p in problems}
        return problems + [p for p in validate_target(draft) if p.field not in seen]


class FundDialog(FormDialog):
    """One line of the fund's book: a contribution received or a spending, cash or in kind."""

    def __init__(self, parent: QWidget | None, draft: FundDraft | None = None, **kw):
        title = self.tr("Sửa thu/chi Quỹ Bảo trợ trẻ em") if draft else self.tr(
            "Ghi thu/chi Quỹ Bảo trợ trẻ em"
        )  # fmt: skip
        super().__init__(parent, title, **kw)
        self.setObjectName("fundDialog")
        self.direction = QComboBox(objectName="fundDirection")
        for c in cat.FUND_DIRECTIONS:
            self.direction.addItem(i18n.tr_label(c.label), c.code)
        self.form_kind = QComboBox(objectName="fundForm")
        for c in cat.FUND_FORMS:
            self.form_kind.addItem(i18n.tr_label(c.label), c.code)
        self.entry_date = date_field(self.today, name="fundDate")
        self.amount = MoneyField(name="fundAmount", placeholder=self.tr("đồng, ví dụ 2.000.000"))
        self.donor = QLineEdit(objectName="fundDonor")
        self.donor.setPlaceholderText(self.tr("Doanh nghiệp, nhà hảo tâm, cơ quan…"))
        self.recipient = QLineEdit(objectName="fundRecipient")
        self.purpose = QLineEdit(objectName="fundPurpose")
        self.purpose.setPlaceholderText(self.tr("Ví dụ: tặng quà Tết Trung thu cho trẻ em HCĐB"))
        self.items = QLineEdit(objectName="fundItems")
        self.items.setPlaceholderText(self.tr("Ví dụ: 50 suất quà, 20 chiếc áo ấm"))
        self.notes = QLineEdit(objectName="fundNotes")
        self.add_row("direction", self.tr("Thu/chi *"), self.direction)
        self.add_row("form", self.tr("Hình thức"), self.form_kind)
        self.add_row("entry_date", self.tr("Ngày *"), self.entry_date)
        self.add_row("amount_vnd", self.tr("Số tiền hoặc giá trị hiện vật (đồng) *"), self.amount)
        self.add_row("donor", self.tr("Người/đơn vị ủng hộ"), self.donor)
        self.add_row("recipient", self.tr("Người/đơn vị nhận"), self.recipient)
        self.add_row("purpose", self.tr("Mục đích"), self.purpose)
        self.add_row("items", self.tr("Hiện vật"), self.items)
        self.add_row("notes", self.tr("Ghi chú"), self.notes)
        self.finish()
        if draft:
            self.direction.setCurrentIndex(max(0, self.direction.findData(draft.direction)))
            self.form_kind.setCurrentIndex(max(0, self.form_kind.findData(draft.form)))
            self.entry_date.setText(
                draft.entry_date.strftime("%d/%m/%Y") if draft.entry_date else ""
            )
            self.amount.set_amount(draft.amount_vnd)
            for edit, text in ((self.donor, draft.donor), (self.recipient, draft.recipient),
                               (self.purpose, draft.purpose), (self.items, draft.items),
                               (self.notes, draft.notes)):  # fmt: skip
                edit.setText(text)
        self.direction.currentIndexChanged.connect(self._kind_changed)
        self.form_kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.setMinimumWidth(540)

    def _kind_changed(self) -> None:
        received = self.direction.currentData() == "received"
        self.donor.setEnabled(received)
        self.recipient.setEnabled(not received)
        self.items.setEnabled(self.form_kind.currentData() == "in_kind")

    def read(self) -> tuple[FundDraft, list[Problem]]:
        problems: list[Problem] = []
        received = self.direction.currentData() == "received"
        draft = FundDraft(
            direction=self.direction.currentData(),
            form=self.form_kind.currentData(),
            entry_date=self.read_date(self.entry_date, "entry_date", problems),
            amount_vnd=self.read_money(self.amount, "amount_vnd", problems),
            donor=self.donor.text() if received else "",
            recipient="" if received else self.recipient.text(),
            purpose=self.purpose.text(),
            items=self.items.text() if self.form_kind.currentData() == "in_kind" else "",
            notes=self.notes.text(),
        )
        return draft, problems

    def value(self) -> FundDraft:
        return self.read()[0]

    def check(self) -> list[Problem]:
        draft, problems = self.read()
        seen = {p.field for p in problems}
        rules = validate_fund_entry(draft, today=self.today)
        return problems + [p for p in rules if p.field not in seen]


# ---- the page ------------------------------------------------------------------------------


class PlanPage(QWidget):
    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__()
        self.setObjectName("planPage")
        self.register, self.tasks, self.read_only = register, tasks, read_only
        self.fund_summary = FundYear()
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.year = year_spin("planYear")
        self.year.valueChanged.connect(self.refresh)
        self.targets_section: RecordSection[TargetRecord] = RecordSection(
            name="Target",
            headers=[self.tr("Chỉ tiêu"), self.tr("Cấp giao"), self.tr("Tiến độ"),
                     self.tr("Kết quả")],
            new_label=self.tr("Đặt chỉ tiêu…"), tasks=self.tasks, row=self._target_cells,
            dialog=self.target_dialog, read_only=self.read_only,
            describe=lambda r: self.tr("chỉ tiêu “{label}” của năm {year}").format(
                label=r.label, year=r.draft.year),
            remove=lambda record, reason: self.register.delete_plan_target(record.id, reason),
            remove_title=self.tr("Xóa chỉ tiêu"), table_name="planTargets",
        )  # fmt: skip
        self.targets_section.add_filter(QLabel(self.tr("Kế hoạch năm")))
        self.targets_section.add_filter(self.year)
        self.target_table = self.targets_section.table
        self.new_target_button = self.targets_section.new_button
        self.edit_target_button = self.targets_section.edit_button
        self.delete_target_button = self.targets_section.remove_button
        header = self.target_table.horizontalHeader()
        for column, width in ((0, 200), (2, 100)):  # long indicator names wrap
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.target_table.setColumnWidth(column, width)
        self.target_table.setWordWrap(True)
        self.targets_section.selection_changed.connect(self._show_chart)
        self.chart = MonthlyChart()
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.targets_section)
        upper.addWidget(self.chart)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setSizes([720, 400])

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self._fund_box())
        splitter.setSizes([380, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)

    def _fund_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Quỹ Bảo trợ trẻ em"))
        self.fund_opening = QLabel(objectName="fundOpening")
        self.fund_received = QLabel(objectName="fundReceived")
        self.fund_spent = QLabel(objectName="fundSpent")
        self.fund_balance = QLabel(objectName="fundBalance")
        self.fund_balance.setStyleSheet("font-weight: 600;")
        figures = FlowRow(spacing=18)  # the four figures wrap on a narrow screen
        for label in (self.fund_opening, self.fund_received, self.fund_spent, self.fund_balance):
            figures.addWidget(label)
        self.fund_section: RecordSection[FundRecord] = RecordSection(
            name="FundEntry",
            headers=[self.tr("Ngày"), self.tr("Thu/chi"), self.tr("Hình thức"), self.tr("Số tiền"),
                     self.tr("Người/đơn vị ủng hộ hoặc nhận"), self.tr("Nội dung"),
                     self.tr("Ghi chú")],
            new_label=self.tr("Ghi thu/chi quỹ…"), tasks=self.tasks, row=self._fund_cells,
            dialog=self.fund_dialog, read_only=self.read_only, stretch=5,
            describe=self._describe_fund,
            remove=lambda record, reason: self.register.delete_fund_entry(record.id, reason),
            remove_title=self.tr("Xóa khoản thu/chi"), table_name="fundTable",
        )  # fmt: skip
        self.fund_table = self.fund_section.table
        self.new_fund_button = self.fund_section.new_button
        self.edit_fund_button = self.fund_section.edit_button
        self.delete_fund_button = self.fund_section.remove_button
        layout = QVBoxLayout(box)
        layout.addLayout(figures)
        layout.addWidget(self.fund_section, 1)
        return box

    @property
    def targets(self) -> list[TargetRecord]:
        return self.targets_section.records

    @property
    def fund(self) -> list[FundRecord]:
        return self.fund_section.records

    # ---- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        year = self.year.value()

        def load():
            return (
                self.register.plan_progress(year),
                self.register.fund_entries(year),
                self.register.fund_year(year),
            )

        self.tasks.run_db(load, self._show)

    def _show(self, result: tuple[list[TargetRecord], list[FundRecord], FundYear]) -> None:
        targets, fund, self.fund_summary = result
        self.targets_section.set_records(targets)
        self._show_bars()
        self._show_chart()
        self._show_fund(fund)

    def _target_cells(self, record: TargetRecord) -> tuple:
        return (
            record.label,
            i18n.label(cat.PLAN_LEVELS, record.draft.set_by),
            "",
            self.result_text(record),
        )

    def _show_bars(self) -> None:
        table = self.target_table
        for row, record in enumerate(self.targets):
            bar = QProgressBar(objectName=f"progress_{record.draft.indicator}")
            bar.setRange(0, 100)
            bar.setValue(record.progress.percent)
            bar.setFormat("%p%")
            if record.progress.done:
                palette = bar.palette()
                palette.setColor(QPalette.ColorRole.Highlight, DONE_COLOUR)
                bar.setPalette(palette)
            table.setCellWidget(row, 2, bar)
        table.resizeRowsToContents()

    def result_text(self, record: TargetRecord) -> str:
        """ "đã đạt 0/9, còn lại 9": achieved against target and what is left (or exceeded)."""
        p, indicator = record.progress, record.draft.indicator
        values = {
            "achieved": format_amount(indicator, p.achieved),
            "target": format_amount(indicator, p.target),
            "left": format_amount(indicator, p.remaining),
            "over": format_amount(indicator, p.achieved - p.target),
        }
        if p.achieved > p.target:
            text = self.tr("đã đạt {achieved}/{target}, vượt {over}").format(**values)
        elif p.done:
            text = self.tr("đã đạt {achieved}/{target}, hoàn thành").format(**values)
        else:
            text = self.tr("đã đạt {achieved}/{target}, còn lại {left}").format(**values)
        if p.basis is not None:
            text += self.tr(" ({part}/{whole} trẻ)").format(part=p.basis[0], whole=p.basis[1])
        return text

    def _last_month(self) -> int:
        """Months of the shown year that have begun: the curve stops at today."""
        year, today = self.year.value(), date.today()
        if year < today.year:
            return 12
        return today.month if year == today.year else 0

    def _show_chart(self) -> None:
        key = selected_key(self.target_table)
        record = next((r for r in self.targets if r.id == key), None)
        if record is None:
            self.chart.set_data(None)
            return
        self.chart.set_data(
            ChartData(
                self.tr("{label} — năm {year}").format(label=record.label, year=record.draft.year),
                record.draft.indicator,
                record.progress,
                self._last_month(),
            )
        )

    def _show_fund(self, fund: list[FundRecord]) -> None:
        s, year = self.fund_summary, self.year.value()
        self.fund_opening.setText(
            self.tr("Số dư đầu năm {year}: {value}").format(year=year, value=format_vnd(s.opening))
        )
        received = self.tr("Thu trong năm: {value}").format(value=format_vnd(s.received))
        if s.received_in_kind:
            received += self.tr(" (hiện vật {value})").format(value=format_vnd(s.received_in_kind))
        self.fund_received.setText(received)
        spent = self.tr("Chi trong năm: {value}").format(value=format_vnd(s.spent))
        if s.spent_in_kind:
            spent += self.tr(" (hiện vật {value})").format(value=format_vnd(s.spent_in_kind))
        self.fund_spent.setText(spent)
        self.fund_balance.setText(
            self.tr("Số dư: {value} (tiền mặt {cash})").format(
                value=format_vnd(s.closing), cash=format_vnd(s.cash_closing)
            )
        )
        self.fund_section.set_records(fund)

    @staticmethod
    def _fund_cells(record: FundRecord) -> tuple:
        d = record.draft
        assert d.entry_date is not None
        return (
            d.entry_date.strftime("%d/%m/%Y"),
            i18n.label(cat.FUND_DIRECTIONS, d.direction),
            i18n.label(cat.FUND_FORMS, d.form),
            format_vnd(d.amount_vnd if d.direction == "received" else -(d.amount_vnd or 0)),
            d.donor if d.direction == "received" else d.recipient,
            " — ".join(part for part in (d.purpose, d.items) if part),
            d.notes,
        )

    def _describe_fund(self, record: FundRecord) -> str:
        d = record.draft
        return self.tr("khoản {what} {amount} ngày {day}").format(
            what=i18n.label(cat.FUND_DIRECTIONS, d.direction).lower(),
            amount=format_vnd(d.amount_vnd),
            day=d.entry_date.strftime("%d/%m/%Y") if d.entry_date else "",
        )

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(
            "plantarget", "activity", "trainingcourse", "trainingparticipant", "fundentry",
            "support", "circumstance", "child",
        ):  # fmt: skip
            self.refresh()

    # ---- targets ---------------------------------------------------------------------------

    def target_dialog(self, record: TargetRecord | None = None) -> TargetDialog:
        """The dialog that sets a target of the shown year (or corrects `record`) when saved."""
        if record is None:

            def save(draft: TargetDraft) -> Changes:
                return self.register.set_plan_target(
                    draft.year, draft.indicator, draft.target_value, draft.label,
                    draft.set_by, draft.achieved_value, draft.age_from, draft.age_to,
                )  # fmt: skip
        else:

            def save(draft: TargetDraft) -> Changes:
                return self.register.update_plan_target(record.id, draft)

        year = record.draft.year if record else self.year.value()
        return TargetDialog(
            self, year, record.draft if record else None, tasks=self.tasks, save=save
        )

    def new_target(self) -> None:
        self.targets_section.new()

    def _selected_target(self) -> TargetRecord | None:
        return self.targets_section.selected()

    def edit_target(self) -> None:
        self.targets_section.edit()

    def delete_target(self) -> None:
        self.targets_section.remove()

    # ---- fund ------------------------------------------------------------------------------

    def fund_dialog(self, record: FundRecord | None = None) -> FundDialog:
        """The dialog that records a fund entry (or corrects `record`) when saved."""
        if record is None:

            def save(draft: FundDraft) -> Changes:
                return self.register.add_fund_entry(draft)
        else:

            def save(draft: FundDraft) -> Changes:
                return self.register.update_fund_entry(record.id, draft)

        return FundDialog(self, record.draft if record else None, tasks=self.tasks, save=save)

    def new_fund_entry(self) -> None:
        self.fund_section.new()

    def edit_fund_entry(self) -> None:
        self.fund_section.edit()

    def delete_fund_entry(self) -> None:
        self.fund_section.remove()
