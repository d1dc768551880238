"""Tai nạn, đuối nước: the injuries and drownings of children, and the places where children
risk drowning, with the pre-summer review list printed per village.

Two record sections on two tabs, each filtered, with New / Edit / Remove-with-a-reason. On a
district/province reader's copy both lists show every commune beneath it (read-only), with a
choice of commune.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop import reference
from desktop.db.changes import Changes
from desktop.db.hazards import HazardRecord
from desktop.db.injuries import InjuryFilter, InjuryRecord
from desktop.db.register import Register
from desktop.domain import categories as cat
from desktop.domain.injuries import HazardDraft, InjuryDraft
from desktop.domain.names import fold
from desktop.ui import file_dialogs, i18n, saved_notice
from desktop.ui.export_flow import JobRunner
from desktop.ui.injury_dialogs import HazardDialog, InjuryDialog, default_review_year
from desktop.ui.page_parts import category_filter, compact_combo, year_spin
from desktop.ui.record_section import RecordSection
from desktop.ui.taskman import TaskManager


def _dots(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class InjuriesPage(QWidget):
    def __init__(self, register: Register, tasks: TaskManager, *, read_only: bool = False):
        super().__init__()
        self.setObjectName("injuriesPage")
        self.register, self.tasks = register, tasks
        self.reader = register.is_reader
        self.read_only = read_only or self.reader
        self.villages: list[tuple[str, str]] = []
        self.runner = JobRunner(self, tasks)
        self.tabs = QTabWidget(objectName="injuryTabs")
        self.tabs.addTab(self._injuries_tab(), self.tr("Tai nạn, thương tích"))
        self.tabs.addTab(self._spots_tab(), self.tr("Điểm có nguy cơ đuối nước"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.reload_villages()
        if self.reader:
            tasks.run_db(register.area_codes, self._fill_communes)
        self.refresh()

    # ---- building ------------------------------------------------------------------------

    def _commune_combo(self, name: str) -> QComboBox:
        combo = compact_combo(QComboBox(objectName=name))
        combo.addItem(self.tr("Mọi xã"), None)
        combo.setVisible(self.reader)
        combo.currentIndexChanged.connect(self.refresh)
        return combo

    def _injuries_tab(self) -> QWidget:
        self.year = year_spin("injuryYear")
        self.month = QComboBox(objectName="injuryMonth")
        self.month.addItem(self.tr("Cả năm"), None)
        for m in range(1, 13):
            self.month.addItem(self.tr("Tháng {m}").format(m=m), m)
        self.cause_filter = category_filter(
            "injuryCauseFilter", self.tr("Mọi nguyên nhân"), cat.INJURY_CAUSES
        )
        self.severity_filter = category_filter(
            "injurySeverityFilter", self.tr("Mọi mức độ"), cat.INJURY_SEVERITIES
        )
        self.village_filter = compact_combo(QComboBox(objectName="injuryVillageFilter"))
        self.village_filter.addItem(self.tr("Mọi thôn/bản"), None)
        self.commune_filter = self._commune_combo("injuryCommuneFilter")
        for widget in (self.month, self.cause_filter, self.severity_filter, self.village_filter):
            widget.currentIndexChanged.connect(self.refresh_injuries)
        self.year.valueChanged.connect(self.refresh_injuries)
        headers = [self.tr("Ngày"), self.tr("Trẻ em"), self.tr("Giới tính"), self.tr("Tuổi"),
                   self.tr("Nơi ở"), self.tr("Xảy ra tại"), self.tr("Nguyên nhân"),
                   self.tr("Mức độ"), self.tr("Ghi chú")]  # fmt: skip
        if self.reader:
            headers.insert(0, self.tr("Xã"))
        self.injuries: RecordSection[InjuryRecord] = RecordSection(
            name="Injury", headers=headers, new_label=self.tr("Ghi tai nạn, thương tích…"),
            tasks=self.tasks, row=self._injury_cells, describe=self._describe_injury,
            dialog=self.injury_dialog, read_only=self.read_only, stretch=len(headers) - 1,
            remove=lambda record, reason: self.register.remove_injury(record.id, reason),
            remove_title=self.tr("Xóa trường hợp tai nạn, thương tích"),
        )  # fmt: skip
        for shown in (self.commune_filter, QLabel(self.tr("Năm")), self.year, self.month,
                      self.cause_filter, self.severity_filter, self.village_filter):  # fmt: skip
            self.injuries.add_filter(shown)
        return self.injuries

    def _spots_tab(self) -> QWidget:
        self.spot_village = compact_combo(QComboBox(objectName="hazardVillageFilter"))
        self.spot_village.addItem(self.tr("Mọi thôn/bản"), None)
        self.spot_village.currentIndexChanged.connect(self.refresh_spots)
        self.spot_commune = self._commune_combo("hazardCommuneFilter")
        headers = [self.tr("Thôn/bản"), self.tr("Loại"), self.tr("Mô tả vị trí"),
                   self.tr("Biện pháp đã có"), self.tr("Kiểm tra gần nhất"), self.tr("Ghi chú")]
        if self.reader:
            headers.insert(0, self.tr("Xã"))
        self.spots: RecordSection[HazardRecord] = RecordSection(
            name="HazardSpot", headers=headers, new_label=self.tr("Ghi điểm nguy cơ…"),
            tasks=self.tasks, row=self._spot_cells, describe=self._describe_spot,
            dialog=self.hazard_dialog, read_only=self.read_only, stretch=headers.index(
                self.tr("Mô tả vị trí")),
            remove=lambda record, reason: self.register.remove_hazard_spot(record.id, reason),
            remove_title=self.tr("Xóa điểm có nguy cơ đuối nước"),
        )  # fmt: skip
        self.spots.add_filter(self.spot_commune)
        self.spots.add_filter(self.spot_village)
        self.print_button = QPushButton(
            self.tr("In danh sách rà soát trước mùa hè…"), objectName="printHazardReview"
        )
        self.print_button.setToolTip(
            self.tr("Mỗi thôn/bản một trang, có cột để ghi kết quả rà soát và việc cần làm")
        )
        self.print_button.clicked.connect(self._ask_review_file)
        self.print_button.setVisible(not self.reader)
        self.spots.toolbar.addWidget(self.print_button)
        return self.spots

    # ---- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_injuries()
        self.refresh_spots()

    def injury_filter(self) -> InjuryFilter:
        return InjuryFilter(
            year=self.year.value(),
            month=self.month.currentData(),
            cause=self.cause_filter.currentData(),
            severity=self.severity_filter.currentData(),
            village_id=self.village_filter.currentData(),
            commune_code=self.commune_filter.currentData(),
        )

    def refresh_injuries(self) -> None:
        flt = self.injury_filter()
        self.tasks.run_db(lambda: self.register.injuries(flt), self._show_injuries)

    def refresh_spots(self) -> None:
        village, commune = self.spot_village.currentData(), self.spot_commune.currentData()
        self.tasks.run_db(lambda: self.register.hazard_spots(village, commune), self._show_spots)

    def _commune_name(self, code: str) -> str:
        unit = reference.unit(code)
        return unit.name if unit else code

    def _injury_cells(self, record: InjuryRecord) -> tuple:
        d = record.draft
        assert d.occurred_on is not None
        cells = (
            d.occurred_on.strftime("%d/%m/%Y"),
            record.child_name + ("" if d.in_register else self.tr(" (ngoài sổ)")),
            i18n.label(cat.SEXES, record.sex),
            record.age,
            record.child_village,
            ", ".join(p for p in (record.village, i18n.label(cat.INJURY_PLACES, d.place)) if p),
            i18n.label(cat.INJURY_CAUSES, d.cause),
            i18n.label(cat.INJURY_SEVERITIES, d.severity),
            d.notes.replace("\n", " "),
        )
        return (self._commune_name(record.commune_code), *cells) if self.reader else cells

    def _describe_injury(self, record: InjuryRecord) -> str:
        day = record.draft.occurred_on
        return self.tr("trường hợp của {name} ngày {day}").format(
            name=record.child_name, day=day.strftime("%d/%m/%Y") if day else ""
        )

    def _show_injuries(self, records: list[InjuryRecord]) -> None:
        self.injuries.set_records(records)
        deaths = sum(r.draft.severity == "death" for r in records)
        drowned = [r for r in records if r.draft.cause == cat.DROWNING]
        self.injuries.set_summary(
            self.tr("{n} trường hợp · tử vong {deaths} · đuối nước {drowned} (tử vong "
                    "{drowned_dead})").format(
                n=_dots(len(records)), deaths=deaths, drowned=len(drowned),
                drowned_dead=sum(r.draft.severity == "death" for r in drowned),
            )
        )  # fmt: skip

    def _spot_cells(self, record: HazardRecord) -> tuple:
        d = record.draft
        measures = ", ".join(i18n.label(cat.HAZARD_MEASURES, m) for m in d.measures)
        cells = (
            record.village,
            i18n.label(cat.HAZARD_KINDS, d.kind),
            d.description,
            measures or self.tr("Chưa có"),
            d.checked_on.strftime("%d/%m/%Y") if d.checked_on else "",
            d.notes.replace("\n", " "),
        )
        return (self._commune_name(record.commune_code), *cells) if self.reader else cells

    def _describe_spot(self, record: HazardRecord) -> str:
        return self.tr("điểm “{what}” ({village})").format(
            what=record.draft.description, village=record.village
        )

    def _show_spots(self, records: list[HazardRecord]) -> None:
        self.spots.set_records(records)
        bare = sum(not r.draft.measures for r in records)
        year = date.today().year
        unchecked = sum(
            r.draft.checked_on is not None and r.draft.checked_on.year < year for r in records
        )
        self.spots.set_summary(
            self.tr("{n} điểm · chưa có biện pháp nào: {bare} · chưa kiểm tra trong năm {year}: "
                    "{unchecked}").format(n=len(records), bare=bare, year=year,
                                          unchecked=unchecked)
        )  # fmt: skip

    def reload_villages(self) -> None:
        self.tasks.run_db(self.register.villages, self._set_villages)

    def _set_villages(self, villages: list) -> None:
        self.villages = [(v.id, i18n.village_label(v.name, v.retired_on)) for v in villages]
        for combo in (self.village_filter, self.spot_village):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for vid, name in self.villages:
                combo.addItem(name, vid)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _fill_communes(self, codes: set[str]) -> None:
        named = sorted(codes, key=lambda code: fold(self._commune_name(code)))
        for combo in (self.commune_filter, self.spot_commune):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for code in named:
                combo.addItem(self._commune_name(code), code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("village"):
            self.reload_villages()
        if self.reader and changes.touches("child"):
            self.tasks.run_db(self.register.area_codes, self._fill_communes)
        if changes.touches("injury", "child", "village"):
            self.refresh_injuries()
        if changes.touches("hazardspot", "village"):
            self.refresh_spots()

    # ---- recording -----------------------------------------------------------------------

    def injury_dialog(self, record: InjuryRecord | None = None) -> InjuryDialog:
        """The dialog that records an injury (or corrects `record`) when saved."""
        register = self.register
        if record is None:

            def save(draft: InjuryDraft) -> Changes:
                return register.add_injury(draft)
        else:

            def save(draft: InjuryDraft) -> Changes:
                return register.update_injury(record.id, draft)

        label = ""
        if record is not None and record.draft.in_register:
            label = f"{record.child_name} ({record.birth.display()}, {record.child_village})"
        return InjuryDialog(
            self, self.villages, lambda text: register.find(text, limit=30),
            record.draft if record else None, label, tasks=self.tasks, save=save,
        )  # fmt: skip

    def hazard_dialog(self, record: HazardRecord | None = None) -> HazardDialog:
        register = self.register
        if record is None:

            def save(draft: HazardDraft) -> Changes:
                return register.add_hazard_spot(draft)
        else:

            def save(draft: HazardDraft) -> Changes:
                return register.update_hazard_spot(record.id, draft)

        return HazardDialog(
            self, self.villages, record.draft if record else None, tasks=self.tasks, save=save
        )

    # ---- the review list -----------------------------------------------------------------

    def _ask_review_file(self) -> None:
        year = default_review_year(date.today())
        path = file_dialogs.ask_save_file(
            self, self.tr("Lưu danh sách rà soát"), f"ra-soat-diem-nguy-co-duoi-nuoc-{year}.pdf",
            "PDF (*.pdf)", "reports",
        )  # fmt: skip
        if path:
            self.print_review(path, year)

    def print_review(self, path: Path, year: int) -> None:
        """The review list of the chosen village (or every village, a page each) as a PDF."""
        from desktop.reports import prevention

        village = self.spot_village.currentData()
        self.runner.start(
            lambda job: prevention.write_hazard_review(self.register, path, village, year),
            lambda _count: saved_notice.show_saved(
                self, self.tr("Lưu danh sách rà soát"), path
            ),
            self.tr("Đang tạo danh sách rà soát…"),
        )
