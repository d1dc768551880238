"""Xã phù hợp với trẻ em: the year's self-assessment against the child-friendly commune
criteria (Quyết định 06/2019/QĐ-TTg, as the criteria file in use states them).

For a commune: every criterion with its computed value (and the definition it is counted by) or
the officer's entry, the evidence note and whether it is met; the document for the chair's
signature; marking it sent freezes it. For a district/province reader: every commune beneath it,
with what it sent and whether it meets the standard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import reference
from desktop.db.assessments import AssessmentState
from desktop.db.changes import Changes
from desktop.db.register import Register
from desktop.domain.assessment import (
    UNCONFIRMED,
    Criterion,
    Entry,
    Result,
    SentSummary,
    entry_problems,
)
from desktop.domain.validation import Problem
from desktop.ui import dialogs, file_dialogs, saved_notice
from desktop.ui.export_flow import JobRunner
from desktop.ui.flow import FlowRow
from desktop.ui.form_dialog import FormDialog
from desktop.ui.page_parts import year_spin
from desktop.ui.record_section import RecordSection
from desktop.ui.taskman import TaskManager


@dataclass(frozen=True)
class Row:
    """One criterion as the table shows it; `result` is the live one (None once sent)."""

    number: str
    text: str
    rule: str
    value: str
    evidence: str
    met: bool | None
    result: Result | None = None


WATCHED = ("childfriendlyassessment", "assessmententry", "child", "circumstance", "support",
           "protectioncase", "casestep", "injury")  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("AssessmentPage", text)


def measure_labels() -> dict[str, str]:
    """The computed measures in the interface language (literal strings for lupdate)."""
    return {
        "birth_registered_pct": _tr("Tỷ lệ trẻ em dưới 16 tuổi đã đăng ký khai sinh"),
        "health_insurance_under6_pct": _tr("Tỷ lệ trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế"),
        "preschool_pct": _tr("Tỷ lệ trẻ em từ 3 đến 5 tuổi đi học mầm non"),
        "special_supported_pct": _tr("Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp"),
        "abuse_plan_pct": _tr(
            "Tỷ lệ vụ xâm hại tình dục, bỏ rơi, mua bán trẻ em có kế hoạch hỗ trợ"
        ),
        "abused_children": _tr("Số trẻ em bị xâm hại"),
        "law_conflict_children": _tr("Số trẻ em vi phạm pháp luật, nghiện ma túy"),
        "injury_incidents": _tr("Số lượt trẻ em bị tai nạn, thương tích"),
        "injury_deaths": _tr("Số trẻ em tử vong do tai nạn, thương tích"),
        "drowning_deaths": _tr("Số trẻ em tử vong do đuối nước"),
    }


def english() -> bool:
    """Whether the interface is in English (the criteria file may give English wording)."""
    return _tr("vi") == "en"  # the interface language's code, as translated


def verdict(met: bool | None) -> str:
    return {True: _tr("Đạt"), False: _tr("Chưa đạt"), None: _tr("Chưa xác định")}[met]


def value_text(values: list[dict[str, Any]]) -> str:
    labels = measure_labels()
    parts = []
    for v in values:
        name = labels.get(v["measure"], v["measure"])
        if v["whole"] is None:
            parts.append(f"{name}: {v['amount']}")
        elif not v["whole"]:
            parts.append(_tr("{name}: không có trường hợp nào").format(name=name))
        else:
            pct = f"{round(100 * v['amount'] / v['whole'], 1):g}".replace(".", ",")
            parts.append(f"{name}: {pct}% ({v['amount']}/{v['whole']})")
    return "; ".join(parts)


class EntryDialog(FormDialog):
    """The officer's result for one criterion: a value when it is entered by hand, met or not
    when the officer decides, and the evidence."""

    def __init__(self, parent: QWidget | None, result: Result, text: str, **kw: Any):
        c = result.criterion
        super().__init__(parent, self.tr("Tiêu chí {n}").format(n=c.number), **kw)
        self.setObjectName("entryDialog")
        self.criterion = c
        about = QLabel(text, objectName="entryCriterion")
        about.setWordWrap(True)
        self.layout_.insertWidget(0, about)
        if c.kind == "computed":
            shown = value_text([{"measure": v.measure, "amount": v.amount, "whole": v.whole}
                                for v in result.values])  # fmt: skip
            computed = QLabel(shown, objectName="entryComputed")
            computed.setWordWrap(True)
            self.layout_.insertWidget(1, computed)
        self.entered = QLineEdit(result.entry.value, objectName="entryValue")
        self.entered.setPlaceholderText(
            self.tr("phần trăm, ví dụ 95") if c.entry == "percent" else self.tr("số")
        )
        self.met = QComboBox(objectName="entryMet")
        for label, data in ((self.tr("Chưa xác định"), None), (self.tr("Đạt"), True),
                            (self.tr("Chưa đạt"), False)):  # fmt: skip
            self.met.addItem(label, data)
        self.met.setCurrentIndex(max(0, self.met.findData(result.entry.met)))
        self.evidence = QPlainTextEdit(result.entry.evidence, objectName="entryEvidence")
        self.evidence.setTabChangesFocus(True)
        self.evidence.setFixedHeight(80)
        self.evidence.setPlaceholderText(
            self.tr("Văn bản, số liệu, nơi lưu hồ sơ chứng minh (ví dụ: báo cáo của Trạm Y tế)")
        )
        if c.kind == "entered" and c.entry in ("percent", "number"):
            self.add_row("value", self.tr("Kết quả"), self.entered)
        if c.by_officer:
            self.add_row("met", self.tr("Đánh giá *"), self.met)
        self.add_row("evidence", self.tr("Minh chứng"), self.evidence)
        self.finish()
        self.setMinimumWidth(520)

    def read(self) -> Entry:
        met = self.met.currentData() if self.criterion.by_officer else None
        value = self.entered.text().strip() if self.criterion.kind == "entered" else ""
        return Entry(value, met, self.evidence.toPlainText().strip())

    def value(self) -> Entry:
        return self.read()

    def check(self) -> list[Problem]:
        return entry_problems(self.criterion, self.read())


class AssessmentPage(QWidget):
    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__()
        self.setObjectName("assessmentPage")
        self.register, self.tasks = register, tasks
        self.reader = register.is_reader
        self.read_only = read_only or self.reader
        self.state: AssessmentState | None = None
        self._stale = False  # data changed since the assessment was counted
        self.runner = JobRunner(self, tasks)
        self.year = year_spin("assessmentYear")
        self.year.valueChanged.connect(self.refresh)
        self.about = QLabel(objectName="criteriaAbout")
        self.about.setWordWrap(True)
        self.status = QLabel(objectName="assessmentStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-weight: 600;")
        layout = QVBoxLayout(self)
        top = FlowRow()
        top.addWidget(QLabel(self.tr("Năm")))
        top.addWidget(self.year)
        top.addStretch()
        if self.reader:
            self._build_area(top)
        else:
            self._build_commune(top)
        layout.addLayout(top)
        layout.addWidget(self.about)
        layout.addWidget(self.status)
        layout.addWidget(self.area if self.reader else self.section, 1)
        self.refresh()

    def _build_commune(self, top: FlowRow) -> None:
        self.signer = QLineEdit(objectName="assessmentSigner")
        self.signer.setPlaceholderText(self.tr("Họ tên Chủ tịch UBND xã (người ký)"))
        self.signer.editingFinished.connect(self._save_signer)
        self.pdf_button = QPushButton(self.tr("Lưu PDF để trình ký…"),
                                      objectName="saveAssessmentPdf")  # fmt: skip
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.sent_button = QPushButton(self.tr("Đánh dấu đã gửi"), objectName="markAssessmentSent")
        self.sent_button.clicked.connect(self.mark_sent)
        self.sent_button.setEnabled(not self.read_only)
        self.signer.setEnabled(not self.read_only)
        for widget in (QLabel(self.tr("Người ký")), self.signer, self.pdf_button,
                       self.sent_button):  # fmt: skip
            top.addWidget(widget)
        headers = [self.tr("Số"), self.tr("Tiêu chí"), self.tr("Cách xét"), self.tr("Kết quả"),
                   self.tr("Minh chứng"), self.tr("Đánh giá")]  # fmt: skip
        self.section: RecordSection[Row] = RecordSection(
            name="Criterion", headers=headers, new_label="", tasks=self.tasks,
            row=lambda r: (r.number, r.text, r.rule, r.value, r.evidence, verdict(r.met)),
            describe=lambda r: r.number, dialog=self.entry_dialog, key=lambda r: r.number,
            read_only=self.read_only, stretch=1, table_name="criteriaTable",
        )  # fmt: skip
        self.section.new_button.hide()
        self.section.edit_button.setText(self.tr("Nhập kết quả, minh chứng…"))
        table = self.section.table
        for column, width in ((1, 260), (2, 170), (3, 170), (4, 170)):
            table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            table.setColumnWidth(column, width)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(True)
        # Rows as tall as their wrapped text at the columns' final widths, not at first layout.
        self._fit_rows = QTimer(self, singleShot=True, interval=0)
        self._fit_rows.timeout.connect(table.resizeRowsToContents)
        table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows.start())

    def _build_area(self, top: FlowRow) -> None:
        headers = [self.tr("Xã"), self.tr("Đã gửi"), self.tr("Tiêu chí đạt"),
                   self.tr("Đạt chuẩn"), self.tr("Tiêu chí chưa đạt")]  # fmt: skip
        self.area: RecordSection[SentSummary] = RecordSection(
            name="AreaAssessment", headers=headers, new_label="", tasks=self.tasks,
            row=self._area_cells, describe=lambda s: s.commune_code,
            key=lambda s: s.commune_code, read_only=True, stretch=0,
            table_name="areaAssessmentTable",
        )  # fmt: skip

    # ---- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        year = self.year.value()
        if self.reader:
            self.tasks.run_db(lambda: self.register.area_assessments(year), self._show_area,
                              self._failed)  # fmt: skip
        else:
            self.tasks.run_db(lambda: self.register.assessment(year), self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        """A criteria file that cannot be used is said here, naming the file."""
        self.status.setText(self.tr("Không dùng được bộ tiêu chí: {e}").format(e=error))
        (self.area if self.reader else self.section).set_records([])

    def _show(self, state: AssessmentState) -> None:
        self.state = state
        doc = state.document
        title, decision = doc["title"], doc["decision"]
        if state.assessment is not None and english():  # the file's English, when it has it
            criteria = state.assessment.criteria
            title, decision = criteria.title_en or title, criteria.decision_en or decision
        about = self.tr("Bộ tiêu chí: {title} — {decision}, phiên bản {version}.").format(
            title=title, decision=decision, version=doc["criteria_version"]
        )
        if any(UNCONFIRMED in c["text"] or UNCONFIRMED in c["rule"] for c in doc["criteria"]):
            about += " " + self.tr(
                "Nội dung đánh dấu “chưa xác nhận” là diễn đạt lại, chưa đối chiếu nguyên văn "
                "Quyết định; tỉnh có thể thay tệp tiêu chí."
            )
        self.about.setText(about)
        undecided = sum(c["met"] is None for c in doc["criteria"])
        status = self.tr("Năm {year}: đạt {met}/{total} tiêu chí, {undecided} chưa xác định. "
                         ).format(year=doc["year"], met=doc["met"], total=doc["total"],
                                  undecided=undecided)  # fmt: skip
        status += self.tr("Đạt chuẩn.") if doc["meets_standard"] else self.tr("Chưa đạt chuẩn.")
        if state.sent_on is not None:
            status += " " + self.tr("Đã gửi ngày {d}: bản này đã khóa.").format(
                d=f"{state.sent_on:%d/%m/%Y}"
            )
        self.status.setText(status)
        if not self.signer.hasFocus():
            self.signer.setText(state.signer)
        editable = not self.read_only and not state.frozen
        self.sent_button.setEnabled(editable)
        self.signer.setEnabled(editable)
        self.section.edit_button.setEnabled(editable)
        self.section.read_only = not editable
        if state.assessment is not None:
            rows = [self._live_row(r) for r in state.assessment.results]
        else:  # as sent: the wording, values and results frozen then
            rows = [
                Row(c["number"], c["text"], c["rule"], c["value"], c["entry"]["evidence"],
                    c["met"])
                for c in doc["criteria"]
            ]  # fmt: skip
        self.section.set_records(rows)
        self._fit_rows.start()

    def _criterion_text(self, c: Criterion) -> str:
        """The criterion in the interface language when the criteria file gives it."""
        text = c.text_en if english() and c.text_en else c.text
        return text if c.text_confirmed else f"{text} ({_tr('chưa xác nhận')})"

    def _rule_text(self, c: Criterion) -> str:
        if c.by_officer:
            text = _tr("cán bộ xác định, có minh chứng")
        else:
            labels = measure_labels()
            text = "; ".join(
                f"{labels.get(d.measure, _tr('kết quả nhập'))} {'≥' if d.op == '>=' else '≤'} "
                f"{d.value:g}%"
                for d in c.conditions
            )
        return text if c.rule_confirmed else f"{text} ({_tr('chưa xác nhận')})"

    def _live_row(self, r: Result) -> Row:
        c = r.criterion
        if c.kind == "computed":
            shown = value_text([{"measure": v.measure, "amount": v.amount, "whole": v.whole}
                                for v in r.values])  # fmt: skip
        else:
            shown = r.entry.value + ("%" if c.entry == "percent" and r.entry.value else "")
        return Row(c.number, self._criterion_text(c), self._rule_text(c), shown,
                   r.entry.evidence, r.met, r)  # fmt: skip

    def _area_cells(self, s: SentSummary) -> tuple:
        unit = reference.unit(s.commune_code)
        return (
            unit.name if unit else s.commune_code,
            date.fromisoformat(s.sent_on).strftime("%d/%m/%Y") if s.sent_on else self.tr(
                "chưa gửi"),
            f"{s.met}/{s.total}",
            self.tr("Đạt") if s.meets_standard else self.tr("Chưa đạt"),
            ", ".join(s.unmet),
        )  # fmt: skip

    def _show_area(self, summaries: list[SentSummary]) -> None:
        self.area.set_records(summaries)
        sent = [s for s in summaries if s.sent_on]
        self.about.setText(self.tr("Kết quả tự đánh giá của các xã năm {year}, theo bản các xã "
                                   "đã gửi (xã chưa gửi: theo số liệu hiện có).").format(
            year=self.year.value()))  # fmt: skip
        self.status.setText(
            self.tr("{meets}/{n} xã đạt chuẩn theo bản đã gửi; {sent} xã đã gửi.").format(
                meets=sum(s.meets_standard for s in sent), n=len(summaries), sent=len(sent)
            )
        )

    def on_changes(self, changes: Changes) -> None:
        """Counting the measures reads every child: done when seen, not on every edit."""
        if changes.touches(*WATCHED):
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ---- entries, signer, sending, printing ----------------------------------------------

    def entry_dialog(self, row: Row | None) -> EntryDialog:
        """The dialog of a criterion's result (the section only asks while not sent)."""
        assert row is not None and row.result is not None and self.state is not None
        record = row.result
        year, number = self.state.year, record.criterion.number
        register = self.register

        def save(entry: Entry) -> Changes:
            return register.set_assessment_entry(
                year, number, value=entry.value, met=entry.met, evidence=entry.evidence
            )

        return EntryDialog(
            self, record, f"{number}. {row.text}", tasks=self.tasks, save=save
        )

    def _save_signer(self) -> None:
        if self.state is None or self.state.frozen or self.read_only:
            return
        name, year = self.signer.text(), self.state.year
        if " ".join(name.split()) == self.state.signer:
            return
        self.tasks.run_db(lambda: self.register.set_assessment_signer(year, name))

    def mark_sent(self) -> None:
        if self.state is None or self.state.frozen:
            return
        year = self.state.year
        answer = dialogs.ask(
            self, self.tr("Đánh dấu đã gửi"),
            self.tr("Đánh dấu bản tự đánh giá năm {year} là đã gửi? Sau đó bản này được khóa, "
                    "không sửa được nữa, và được đồng bộ lên tỉnh.").format(year=year),
            dialogs.Button.Yes | dialogs.Button.No, dialogs.Button.No,
        )  # fmt: skip
        if answer != dialogs.Button.Yes:
            return
        self.tasks.run_db(
            lambda: self.register.mark_assessment_sent(year, date.today()), None, self._not_sent
        )

    def _not_sent(self, error: BaseException) -> None:
        from desktop.ui import errors

        errors.report(self, error, self.tr("Chưa đánh dấu được"))

    def _ask_pdf(self) -> None:
        year = self.year.value()
        path = file_dialogs.ask_save_file(
            self, self.tr("Lưu bản tự đánh giá"), f"tu-danh-gia-xa-phu-hop-tre-em-{year}.pdf",
            "PDF (*.pdf)", "reports",
        )  # fmt: skip
        if path:
            self.save_pdf(path, year)

    def save_pdf(self, path: Path, year: int) -> None:
        from desktop.reports import prevention

        self._save_signer()
        self.runner.start(
            lambda job: prevention.write_assessment(self.register, year, path),
            lambda _doc: saved_notice.show_saved(self, self.tr("Lưu bản tự đánh giá"), path),
            self.tr("Đang tạo bản tự đánh giá…"),
        )
