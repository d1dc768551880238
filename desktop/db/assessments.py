"""Use cases of the child-friendly commune self-assessment, kept per year.

The criteria come from the criteria file in use (`desktop.criteria`, handed in by the register);
the computed ones are counted here from the register with the definitions of
`desktop.domain.assessment.MEASURES`, the entered ones are the officer's, each with an evidence
note. Once the year's assessment is marked sent it is frozen: its evaluation is stored as a
snapshot (wording, values, entries, results) and entries are refused, as a sent report's figures
are (`Register.mark_report_sent`). Everything syncs upward, so the province sees which communes
meet the standard.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from desktop.db.changes import Changes
from desktop.db.models import AssessmentEntry, ChildFriendlyAssessment
from desktop.db.write_path import Tx, WritePath, alive
from desktop.domain.assessment import (
    Assessment,
    CriteriaSet,
    Entry,
    SentSummary,
    Value,
    entry_problems,
    evaluate,
    snapshot,
)
from desktop.domain.dates import CHILD_AGE_LIMIT, PartialDate, age_on
from desktop.domain.validation import Problem, ValidationError, ensure
from desktop.domain.vntime import VIETNAM_TZ

ABUSE_TYPES = ("violence", "sexual_abuse", "exploitation", "trafficking")
PLAN_CASE_TYPES = ("sexual_abuse", "abandonment", "trafficking")


@dataclass(frozen=True)
class AssessmentState:
    """A year's self-assessment as the page shows it."""

    year: int
    commune_code: str
    assessment: Assessment | None  # the live evaluation (None once frozen)
    document: dict[str, Any]  # the evaluation as data: live, or the snapshot as sent
    sent_on: date | None
    signer: str

    @property
    def frozen(self) -> bool:
        return self.sent_on is not None


class Assessments:
    def __init__(self, db: WritePath, criteria: Callable[[], CriteriaSet]):
        self.db = db
        self.criteria = criteria  # the criteria file in use (`desktop.criteria.active`)

    # ---- reading ------------------------------------------------------------------------------

    def assessment(self, year: int, commune: str | None = None) -> AssessmentState:
        """The year's assessment: as sent when it was, else evaluated now."""
        code = commune or self.db.commune_code or ""
        with self.db.reading() as session:
            row = self._row(session, year, code)
            if row is not None and row.sent_on is not None and row.snapshot:
                return AssessmentState(
                    year, code, None, json.loads(row.snapshot), row.sent_on, row.signer
                )
            live = self._evaluate(session, year, code, row)
        return AssessmentState(
            year, code, live, snapshot(live), None, row.signer if row is not None else ""
        )

    def area_assessments(self, year: int) -> list[SentSummary]:
        """Every commune of a reader's copy (or this commune): the year's result, as sent or
        as it stands."""
        with self.db.reading() as session:
            if self.db.reader:
                codes = sorted(
                    session.execute(text("SELECT DISTINCT commune_code FROM child")).scalars()
                )
            else:
                codes = [self.db.commune_code] if self.db.commune_code else []
        out = []
        for code in codes:
            state = self.assessment(year, code)
            doc = state.document
            unmet = tuple(c["number"] for c in doc["criteria"] if c["met"] is not True)
            out.append(
                SentSummary(
                    code, year, state.sent_on.isoformat() if state.sent_on else None,
                    doc["met"], doc["total"], doc["meets_standard"], doc["criteria_version"],
                    unmet,
                )
            )  # fmt: skip
        return out

    def _row(self, session: Session, year: int, code: str) -> ChildFriendlyAssessment | None:
        return session.exec(
            select(ChildFriendlyAssessment)
            .where(
                ChildFriendlyAssessment.commune_code == code,
                ChildFriendlyAssessment.year == year,
                alive(ChildFriendlyAssessment),
            )
            .order_by(col(ChildFriendlyAssessment.created_at))
        ).first()

    def _entries(self, session: Session, row: ChildFriendlyAssessment | None) -> dict[str, Entry]:
        if row is None:
            return {}
        entries = session.exec(
            select(AssessmentEntry).where(
                AssessmentEntry.assessment_id == row.id, alive(AssessmentEntry)
            )
        ).all()
        return {e.criterion: Entry(e.value, e.met, e.evidence) for e in entries}

    def _evaluate(
        self, session: Session, year: int, code: str, row: ChildFriendlyAssessment | None
    ) -> Assessment:
        criteria = self.criteria()
        wanted = {m for c in criteria.criteria for m in c.measures}
        values = measures(session, code, year, wanted)
        return evaluate(year, criteria, values, self._entries(session, row))

    # ---- writing ------------------------------------------------------------------------------

    def set_assessment_entry(
        self,
        year: int,
        criterion: str,
        *,
        value: str = "",
        met: bool | None = None,
        evidence: str = "",
    ) -> Changes:
        """The officer's value, decision and evidence for one criterion of the year."""
        found = self.criteria().criterion(criterion)
        if found is None:
            raise ValidationError([Problem("criterion", f"không có tiêu chí {criterion}.")])
        entry = Entry(value.strip(), met, evidence.strip())
        ensure(entry_problems(found, entry))
        with self.db.write() as tx:
            row = self._open(tx, year)
            existing = tx.session.exec(
                select(AssessmentEntry).where(
                    AssessmentEntry.assessment_id == row.id,
                    AssessmentEntry.criterion == criterion,
                    alive(AssessmentEntry),
                )
            ).first()
            values = {"value": entry.value, "met": entry.met, "evidence": entry.evidence}
            label = f"Năm {year}, tiêu chí {criterion}"
            if existing is None:
                self.db.insert(
                    tx, AssessmentEntry, assessment_id=row.id, criterion=criterion, **values
                )
                self.db.audit(tx, "created", "assessmententry", row.id, label)
            elif self.db.update(tx, existing, **values):
                self.db.audit(tx, "changed", "assessmententry", row.id, label)
            return tx.changes()

    def set_assessment_signer(self, year: int, signer: str) -> Changes:
        """Who signs the printed self-assessment (the chair of the commune)."""
        with self.db.write() as tx:
            row = self._open(tx, year)
            self.db.update(tx, row, signer=" ".join(signer.split()))
            return tx.changes()

    def mark_assessment_sent(self, year: int, sent_on: date) -> Changes:
        """Freeze the year's assessment as sent upward; every criterion must be decided."""
        problems = []
        if sent_on > date.today():
            problems.append(Problem("sent_on", "không được sau ngày hôm nay."))
        ensure(problems)
        with self.db.write() as tx:
            row = self._open(tx, year)
            live = self._evaluate(tx.session, year, row.commune_code, row)
            undecided = [r.criterion.number for r in live.results if r.met is None]
            if undecided:
                raise ValidationError([Problem(
                    "criterion",
                    f"còn {len(undecided)} tiêu chí chưa xác định đạt hay chưa đạt "
                    f"({', '.join(undecided)}): nhập kết quả và minh chứng trước khi gửi.",
                )])  # fmt: skip
            self.db.update(
                tx, row, sent_on=sent_on, criteria_version=live.criteria.version,
                snapshot=json.dumps(snapshot(live), ensure_ascii=False),
            )  # fmt: skip
            self.db.audit(tx, "sent", "childfriendlyassessment", row.id, f"Năm {year}",
                          f"đạt {live.met}/{len(live.results)} tiêu chí")  # fmt: skip
            return tx.changes()

    def _open(self, tx: Tx, year: int) -> ChildFriendlyAssessment:
        """The year's assessment, created on first use; refused once it has been sent."""
        if not 2000 <= year <= 2100:
            raise ValidationError([Problem("year", f"năm {year} không hợp lệ.")])
        code = self.db.require_commune()
        row = self._row(tx.session, year, code)
        for new in tx.new_rows.values():  # made earlier in this transaction
            if isinstance(new, ChildFriendlyAssessment) and new.year == year and not new.deleted:
                row = new
        if row is None:
            return self.db.insert(
                tx, ChildFriendlyAssessment, year=year,
                criteria_version=self.criteria().version,
            )  # fmt: skip
        if row.sent_on is not None:
            raise ValidationError([Problem(
                "year",
                f"bản tự đánh giá năm {year} đã gửi ngày {row.sent_on:%d/%m/%Y}: không sửa "
                "được nữa.",
            )])  # fmt: skip
        return row


# ---- the computed measures ---------------------------------------------------------------------


def measures(session: Session, code: str, year: int, wanted: set[str]) -> dict[str, Value]:
    """The `MEASURES` of a commune for a year, counted as their definitions state."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    as_of = min(last, date.today())
    out: dict[str, Value] = {}
    if wanted & {"birth_registered_pct", "health_insurance_under6_pct", "preschool_pct"}:
        out |= _child_shares(session, code, as_of)
    conn = session.connection()
    p = {"code": code, "first": first.isoformat(), "last": last.isoformat()}
    if wanted & {"special_supported_pct", "law_conflict_children"}:
        special: dict[str, int] = dict(
            conn.execute(
                text(
                    """SELECT k.child_id, MAX(k.group_code IN ('e', 'g')) FROM circumstance k
                    JOIN child c ON c.id = k.child_id
                    WHERE c.commune_code = :code AND c.deleted = 0 AND k.deleted = 0
                      AND k.kind = 'special' AND k.start_date <= :last
                      AND COALESCE(k.end_date, :last) >= :first
                    GROUP BY k.child_id"""
                ),
                p,
            ).all()
        )
        supported = set(
            conn.execute(
                text(
                    """SELECT DISTINCT child_id FROM support WHERE deleted = 0
                    AND commune_code = :code AND given_on BETWEEN :first AND :last"""
                ),
                p,
            ).scalars()
        )
        out["special_supported_pct"] = Value(
            "special_supported_pct", len(set(special) & supported), len(special)
        )
        out["law_conflict_children"] = Value(
            "law_conflict_children", sum(1 for flag in special.values() if flag)
        )
    if wanted & {"abuse_plan_pct", "abused_children"}:
        start = datetime.combine(first, time(0), VIETNAM_TZ).astimezone(UTC)
        end = datetime.combine(last, time(23, 59, 59), VIETNAM_TZ).astimezone(UTC)
        cases = [
            (case_id, child_id, case_type, planned)
            for case_id, child_id, case_type, received, planned in conn.execute(
                text(
                    """SELECT p.id, p.child_id, p.case_type, p.received_at,
                       EXISTS (SELECT 1 FROM casestep s WHERE s.case_id = p.id AND s.deleted = 0
                               AND s.step = 'plan' AND s.done_at IS NOT NULL)
                    FROM protectioncase p WHERE p.commune_code = :code AND p.deleted = 0"""
                ),
                p,
            ).all()
            if start <= _aware(received) <= end
        ]
        plan_cases = [c for c in cases if c[2] in PLAN_CASE_TYPES]
        out["abuse_plan_pct"] = Value(
            "abuse_plan_pct", sum(1 for c in plan_cases if c[3]), len(plan_cases)
        )
        out["abused_children"] = Value(
            "abused_children", len({c[1] for c in cases if c[2] in ABUSE_TYPES})
        )
    if wanted & {"injury_incidents", "injury_deaths", "drowning_deaths"}:
        rows = conn.execute(
            text(
                """SELECT cause, severity FROM injury WHERE commune_code = :code
                AND deleted = 0 AND occurred_on BETWEEN :first AND :last"""
            ),
            p,
        ).all()
        out["injury_incidents"] = Value("injury_incidents", len(rows))
        out["injury_deaths"] = Value("injury_deaths", sum(1 for _c, s in rows if s == "death"))
        out["drowning_deaths"] = Value(
            "drowning_deaths", len([1 for c, s in rows if s == "death" and c == "drowning"])
        )
    return {k: v for k, v in out.items() if k in wanted}


def _child_shares(session: Session, code: str, as_of: date) -> dict[str, Value]:
    """Birth registration, health insurance under 6 and pre-school at 3–5, among the children
    of the register on `as_of` (under 16, born by then, not moved away or deceased)."""
    rows = session.connection().execute(
        text(
            """SELECT birth_year, birth_month, birth_day, birth_registered, health_insurance,
                      schooling FROM child
            WHERE commune_code = :code AND deleted = 0 AND status NOT IN ('moved', 'deceased')"""
        ),
        {"code": code},
    ).all()
    under16 = registered = under6 = insured = young = preschool = 0
    for year, month, day, birth_registered, health_insurance, schooling in rows:
        birth = PartialDate(year, month, day)
        if birth.earliest() > as_of:
            continue
        age = age_on(birth, as_of)
        if age >= CHILD_AGE_LIMIT:
            continue
        under16 += 1
        registered += birth_registered == 1
        if age < 6:
            under6 += 1
            insured += health_insurance == 1
        if 3 <= age <= 5:
            young += 1
            preschool += schooling == "preschool"
    return {
        "birth_registered_pct": Value("birth_registered_pct", registered, under16),
        "health_insurance_under6_pct": Value("health_insurance_under6_pct", insured, under6),
        "preschool_pct": Value("preschool_pct", preschool, young),
    }


def _aware(value: str | datetime) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
