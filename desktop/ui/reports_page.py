"""Báo cáo: the tally on screen, saved as PDF/Excel, printed, and the register exported.

The numbers come from `desktop.reports` (the same module as the CLI's `sotreem report`); the
screen shows them as an HTML preview that the Qt print dialog can print. Long work runs as a
job with a progress dialog and a Cancel button.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import config, reference
from desktop.db.changes import Changes
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.domain.deadlines import upcoming
from desktop.domain.money import format_percent, format_vnd
from desktop.domain.names import fold
from desktop.domain.periods import PeriodError
from desktop.reports import service
from desktop.ui import export_flow, file_dialogs, i18n, report_injuries, saved_notice
from desktop.ui.taskman import Job, TaskManager


def _previous_month(today: date) -> str:
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year}-{month:02d}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportPreview", text)


def period_label(period: dict) -> str:
    """ "tháng 11 năm 2026" / "November 2026" from the figures' period."""
    start = date.fromisoformat(period["start"])
    if period["kind"] == "month":
        return _tr("tháng {month} năm {year}").format(month=f"{start.month:02d}", year=start.year)
    if period["kind"] == "half":
        first = start.month == 1
        text = _tr("6 tháng đầu năm {year}") if first else _tr("6 tháng cuối năm {year}")
        return text.format(year=start.year)
    return _tr("năm {year}").format(year=start.year)


def indicator_names() -> dict[str, str]:
    """The indicators of Thông tư 13/2021/TT-BLĐTBXH in the interface language."""
    return {
        "children_under_16": _tr("Số trẻ em (dưới 16 tuổi)"),
        "special_children": _tr("Số trẻ em có hoàn cảnh đặc biệt"),
        "special_share_pct": _tr("Tỷ lệ trẻ em có hoàn cảnh đặc biệt (%)"),
        "special_supported": _tr("Số trẻ em có hoàn cảnh đặc biệt được trợ giúp"),
        "special_supported_pct": _tr("Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp (%)"),
        "abused_children": _tr("Số trẻ em bị xâm hại (chỉ tiêu 0101)"),
    }


def figures_html(f: dict) -> str:
    """The tally as a printable HTML page (same figures as the PDF), in the interface
    language."""
    e = html.escape
    kids, special, support, cases = (f["children_under_16"], f["special"], f["support"], f["cases"])
    rows = "".join(
        f"<tr><td>{e(code)}. {e(i18n.label(cat.SPECIAL_GROUPS, code))}</td><td>{g['total']}</td>"
        f"<td>{g['male']}</td><td>{g['female']}</td><td>{g['ethnic_minority']}</td></tr>"
        for code, g in special["by_group"].items()
    )
    names = indicator_names()
    indicators = "".join(
        f"<tr><td>{e(names.get(i['key'], i['name']))}</td><td>"
        f"{format_percent(i['value']) if i['key'].endswith('_pct') else i['value']}</td></tr>"
        for i in f["indicators"]
    )
    intro = _tr(
        "Trẻ em dưới 16 tuổi: <b>{total}</b> (nam {male}, nữ {female}). Trẻ em có hoàn cảnh "
        "đặc biệt: <b>{special}</b> ({share}); có nguy cơ: {risk}. Trong kỳ: {entries} trường "
        "hợp mới, {exits} ra khỏi danh sách."
    ).format(
        total=kids["total"], male=kids["male"], female=kids["female"],
        special=special["children"], share=format_percent(special["share_of_children_pct"]),
        risk=f["risk"]["children"], entries=special["entries"], exits=special["exits"],
    )  # fmt: skip
    middle = _tr(
        "Được trợ giúp trong kỳ: <b>{supported}</b> ({share}); kinh phí {amount}. Vụ việc: "
        "tiếp nhận {received}, đang xử lý {open}, quá hạn {overdue}. Hoạt động: {activities}; "
        "tập huấn: {courses} lớp, {people} lượt người."
    ).format(
        supported=support["special_supported"],
        share=format_percent(support["special_supported_pct"]),
        amount=format_vnd(support["total_amount_vnd"]), received=cases["received"],
        open=cases["open_at_end"], overdue=cases["overdue_at_end"],
        activities=f["activities"]["count"], courses=f["training"]["courses"],
        people=f["training"]["participants"]["total"],
    )  # fmt: skip
    heads = (_tr("Nhóm"), _tr("Tổng"), _tr("Nam"), _tr("Nữ"), _tr("DTTS"))
    title = f"{e(f['area']['name'])} — {e(period_label(f['period']))}"
    return f"""
    <h2 style="text-align:center">{title}</h2>
    <p>{intro}</p>
    <table border="1" cellspacing="0" cellpadding="4" width="100%">
    <tr>{"".join(f"<th>{e(h)}</th>" for h in heads)}</tr>{rows}</table>
    <p>{middle}</p>
    <table border="1" cellspacing="0" cellpadding="4" width="100%">
    <tr><th>{e(_tr("Chỉ tiêu (Thông tư 13/2021/TT-BLĐTBXH)"))}</th><th>{e(_tr("Giá trị"))}</th></tr>
    {indicators}</table>
    """ + report_injuries.injuries_html(f)  # injuries, drowning, hazard spots


class ReportsPage(QWidget):
    saved = Signal(str)  # path of a file just written

    def __init__(self, register: Register, tasks: TaskManager):
        super().__init__()
        self.setObjectName("reportsPage")
        self.register = register
        self.tasks = tasks
        self.figures: dict | None = None
        self._stale = False  # data changed (an edit, a pull) since the figures were counted
        self._asked = 0  # the latest figures asked for: older answers are not shown
        self.runner = export_flow.JobRunner(self, tasks)
        self.last_pdf: Path | None = None

        self.due = QLabel(objectName="reportDue")
        self.due.setWordWrap(True)
        self.kind = QComboBox(objectName="reportKind")
        for code, label in self.kind_names().items():
            self.kind.addItem(label, code)
        self.period = QLineEdit(_previous_month(date.today()), objectName="reportPeriod")
        self.period.setPlaceholderText(self.tr("2026-10, 2026-H1 hoặc 2026"))
        self.kind.currentIndexChanged.connect(self._suggest_period)
        show = QPushButton(self.tr("Xem số liệu"), objectName="showReport")
        show.clicked.connect(self.show_report)
        self.period.returnPressed.connect(self.show_report)
        self.pdf_button = QPushButton(self.tr("Lưu PDF…"), objectName="savePdf")
        self.xlsx_button = QPushButton(self.tr("Lưu Excel…"), objectName="saveXlsx")
        self.print_button = QPushButton(self.tr("In…"), objectName="printReport")
        self.open_button = QPushButton(self.tr("Mở PDF vừa lưu"), objectName="openPdf")
        self.sent_button = QPushButton(self.tr("Đánh dấu đã gửi"), objectName="markSent")
        self.sent_button.clicked.connect(self.mark_sent)
        self.sent_info = QLabel(objectName="sentInfo")
        self.sent_info.setWordWrap(True)
        export = QPushButton(self.tr("Xuất sổ trẻ em ra Excel…"), objectName="exportRegister")
        self.pdf_button.clicked.connect(lambda: self._ask_and_save("pdf"))
        self.xlsx_button.clicked.connect(lambda: self._ask_and_save("xlsx"))
        self.print_button.clicked.connect(self.print_preview)
        self.open_button.clicked.connect(self.open_last_pdf)
        export.clicked.connect(self._ask_and_export)
        for button in (self.pdf_button, self.xlsx_button, self.print_button, self.open_button,
                       self.sent_button):  # fmt: skip
            button.setEnabled(False)
        self.preview = QTextBrowser(objectName="reportPreview")
        # A district/province reader chooses the whole area or one commune beneath it.
        self.area = QComboBox(objectName="reportArea")
        self.area.setVisible(register.is_reader)
        self.area.currentIndexChanged.connect(self.show_report)
        if register.is_reader:
            self.sent_button.setVisible(False)
            export.setVisible(False)
            tasks.run_db(register.area_codes, self._fill_area)

        row = QHBoxLayout()
        for widget in (
            self.area,
            QLabel(self.tr("Loại")),
            self.kind,
            QLabel(self.tr("Kỳ")),
            self.period,
            show,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        actions = QHBoxLayout()
        for widget in (self.pdf_button, self.xlsx_button, self.print_button, self.open_button,
                       self.sent_button):  # fmt: skip
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.due)
        layout.addLayout(row)
        layout.addLayout(actions)
        layout.addWidget(self.sent_info)
        layout.addWidget(self.preview, 1)
        self._show_due()

    def showEvent(self, event) -> None:
        """The first visit shows last month's figures straight away; later visits count again
        if the data changed meanwhile."""
        super().showEvent(event)
        if self.figures is None or self._stale:
            self._recount()

    def on_changes(self, _changes: Changes) -> None:
        """Figures on screen go stale with any change; they are counted again when seen, and
        a reader's list of communes grows with what a pull brought."""
        self._stale = True
        if self.isVisible():
            self._recount()

    def _recount(self) -> None:
        self._stale = False
        if self.register.is_reader:
            self.tasks.run_db(self.register.area_codes, self._fill_area)
        else:
            self.show_report()

    def _show_due(self, today: date | None = None) -> None:
        commune = reference.unit(self.register.commune_code or "")
        own = config.load_settings().get("report_calendar")
        dues = upcoming(
            today or date.today(),
            commune.parent_code if commune else None,
            own if isinstance(own, dict) else None,
        )
        names = self.kind_names()
        self.due.setText(
            self.tr("Sắp đến hạn: ")
            + "; ".join(
                self.tr("{kind} kỳ {period} — hạn {due}").format(
                    kind=names[d.kind], period=d.period, due=f"{d.due:%d/%m/%Y}"
                )
                for d in dues
            )
        )

    def kind_names(self) -> dict[str, str]:
        """The kinds of report in the interface language (literal strings for lupdate)."""
        return {
            "monthly": self.tr("Báo cáo tháng"),
            "semiannual": self.tr("Báo cáo 6 tháng"),
            "annual": self.tr("Báo cáo năm"),
        }

    def _suggest_period(self) -> None:
        today = date.today()
        self.period.setText(
            {"monthly": _previous_month(today), "semiannual": f"{today.year}-H1",
             "annual": str(today.year)}[self.kind.currentData()]
        )  # fmt: skip

    def show_report(self) -> None:
        try:
            period = service.period_for(self.kind.currentData(), self.period.text())
        except PeriodError as exc:
            self.preview.setPlainText(f"Kỳ báo cáo: {exc}")
            return
        commune = self.area.currentData()
        self._asked += 1
        asked = self._asked

        def show(figures: dict) -> None:
            if asked == self._asked:  # a later choice (commune, kind, period) is on its way
                self._show(figures)

        self.tasks.run_db(lambda: service.tally(self.register, period, commune=commune), show)

    def _fill_area(self, codes: set[str]) -> None:
        unit = reference.unit(self.register.reader_unit or "")
        chosen = self.area.currentData()  # the commune the reader chose stays chosen
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItem(
            self.tr("Toàn địa bàn: {name} ({n} xã)").format(
                name=unit.name if unit else "", n=len(codes)
            ),
            None,
        )
        named = sorted(
            ((reference.unit(code), code) for code in codes),
            key=lambda pair: fold(pair[0].name if pair[0] else pair[1]),
        )
        for found, code in named:
            self.area.addItem(found.name if found else code, code)
        self.area.setCurrentIndex(max(self.area.findData(chosen), 0))
        self.area.blockSignals(False)
        if self.figures is not None or self.isVisible():
            self.show_report()

    def _show(self, figures: dict) -> None:
        self.figures = figures
        self.preview.setHtml(figures_html(figures))
        for button in (self.pdf_button, self.xlsx_button, self.print_button, self.sent_button):
            button.setEnabled(True)
        self._compare()

    def _current(self):
        return self.kind.currentData(), service.period_for(
            self.kind.currentData(), self.period.text()
        )

    def _compare(self) -> None:
        if self.register.is_reader:
            return
        kind, period = self._current()
        figures = self.figures
        if figures is None:
            return
        self.tasks.run_db(
            lambda: service.compare_with_sent(self.register, kind, period, figures),
            self._show_comparison,
        )

    def _show_comparison(self, result) -> None:
        if result is None:
            self.sent_info.setText(self.tr("Báo cáo kỳ này chưa được đánh dấu là đã gửi."))
            return
        sent_on, changed = result
        when = f"{sent_on:%d/%m/%Y}"
        if not changed:
            self.sent_info.setText(
                self.tr("Đã gửi ngày {d}; số liệu không thay đổi từ khi gửi.").format(d=when)
            )
            return
        lines = [f"{what}: {old} → {new}" for what, old, new in changed[:8]]
        self.sent_info.setText(
            self.tr("Đã gửi ngày {d}. Số liệu đã thay đổi sau khi gửi (ghi điều chỉnh vào báo "
                    "cáo kỳ sau):").format(d=when)
            + "\n" + "\n".join(lines)
            + (f"\n… (+{len(changed) - 8})" if len(changed) > 8 else "")
        )  # fmt: skip

    def mark_sent(self) -> None:
        if self.figures is None:
            return
        kind, period = self._current()
        figures = self.figures
        self.tasks.run_db(
            lambda: service.mark_sent(self.register, kind, period, figures, date.today()),
            lambda _result: self._compare(),
        )

    # ---- files -------------------------------------------------------------------------

    def _ask_and_save(self, fmt: str) -> None:
        suggested = f"bao-cao-{self.period.text().strip()}.{fmt}"
        if fmt == "xlsx":  # Excel may carry a password
            chosen = export_flow.ask_export_file(
                self, self.tr("Lưu báo cáo"), suggested, purpose="reports", personal=False
            )
            if chosen:
                self.save_report(chosen[0], fmt, chosen[1])
            return
        path = file_dialogs.ask_save_file(
            self, self.tr("Lưu báo cáo"), suggested, "PDF (*.pdf)", "reports"
        )
        if path:
            self.save_report(path, fmt)

    def save_report(self, path: Path, fmt: str, password: str | None = None) -> None:
        period = service.period_for(self.kind.currentData(), self.period.text())
        kind = self.kind.currentData()
        commune = self.area.currentData()
        self.runner.start(
            lambda job: service.write_report(
                self.register, kind, period, fmt, path, password, commune
            ),
            lambda _figures: self._saved(path, self.tr("Lưu báo cáo")),
            self.tr("Đang tạo báo cáo…"),
        )

    def _ask_and_export(self) -> None:
        chosen = export_flow.ask_export_file(
            self, self.tr("Xuất sổ trẻ em"), "so-tre-em.xlsx",
            self.tr("Excel (*.xlsx);;PDF để in (*.pdf)"),
        )  # fmt: skip
        if chosen:
            self.export_register(*chosen)

    def export_register(self, path: Path, password: str | None = None) -> None:
        """The register to Excel (optionally with a password) or to a printable PDF list."""
        self.runner.start(
            lambda job: service.export_register(self.register, path, job.progress, password),
            lambda _count: self._saved(path, self.tr("Xuất sổ trẻ em")),
            self.tr("Đang xuất sổ trẻ em…"),
        )

    @property
    def job(self) -> Job | None:
        return self.runner.job

    @property
    def progress(self) -> QProgressDialog | None:
        return self.runner.progress

    def _saved(self, path: Path, title: str) -> None:
        if path.suffix.lower() == ".pdf":
            self.last_pdf = path
            self.open_button.setEnabled(True)
        self.saved.emit(str(path))
        saved_notice.show_saved(self, title, path)

    def open_last_pdf(self) -> None:
        if self.last_pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_pdf)))

    def print_preview(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        document = QTextDocument()
        document.setHtml(self.preview.toHtml())
        document.print_(printer)
        kind, period = self._current()
        self.tasks.run_db(lambda: service.record_print(self.register, kind, period))
