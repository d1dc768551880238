"""Protection cases as use cases the register holds: open a case, record each step of the
legal procedure, list them. Restricted to the officer role, for reads as well as writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from desktop.db.changes import Changes
from desktop.db.models import CaseStep, Child, ProtectionCase
from desktop.db.write_path import WritePath, changed_fields, now
from desktop.domain import categories as cat
from desktop.domain.cases import CASE_STEPS, STEP_CODES
from desktop.domain.validation import Problem, ValidationError, ensure


@dataclass(frozen=True)
class CaseRow:
    id: str
    child_id: str
    child_name: str
    case_type: str
    received_at: datetime
    emergency: bool
    status: str
    reported_by: str
    summary: str
    report_source: str | None
    done: dict[str, datetime]


class Cases:
    """Protection cases and their steps."""

    def __init__(self, db: WritePath):
        self.db = db

    def open_case(
        self,
        child_id: str,
        case_type: str,
        received_at: datetime,
        reported_by: str = "",
        summary: str = "",
        emergency: bool = False,
        report_source: str | None = None,
    ) -> Changes:
        problems = []
        if report_source is not None and report_source not in cat.codes(cat.REPORT_SOURCES):
            problems.append(Problem("report_source", f"nguồn tin “{report_source}” không hợp lệ."))
        self.db.require_case_access()
        if case_type not in cat.codes(cat.CASE_TYPES):
            problems.append(Problem("case_type", f"loại vụ việc “{case_type}” không hợp lệ."))
        if received_at.tzinfo is None:
            problems.append(Problem("received_at", "thiếu múi giờ."))
        elif received_at > now():
            problems.append(Problem("received_at", "không được sau thời điểm hiện tại."))
        ensure(problems)
        with self.db.write() as tx:
            child = self.db.get(tx, Child, child_id)
            case = self.db.insert(
                tx,
                ProtectionCase,
                commune_code=child.commune_code,
                child_id=child_id,
                case_type=case_type,
                received_at=received_at,
                reported_by=reported_by,
                report_source=report_source,
                summary=summary,
                emergency=emergency,
            )
            self.db.insert(
                tx, CaseStep, commune_code=child.commune_code, case_id=case.id,
                step="intake", done_at=received_at,
            )  # fmt: skip
            self.db.audit(tx, "created", "protectioncase", case.id,
                        f"{child.full_name} — {cat.label(cat.CASE_TYPES, case_type)}")  # fmt: skip
            return tx.changes()

    def complete_case_step(
        self, case_id: str, step: str, done_at: datetime, notes: str = ""
    ) -> Changes:
        self.db.require_case_access()
        if step not in STEP_CODES:
            raise ValidationError([Problem("step", f"bước “{step}” không có trong quy trình.")])
        with self.db.write() as tx:
            case = self.db.get(tx, ProtectionCase, case_id)
            if done_at < case.received_at:
                raise ValidationError(
                    [Problem("done_at", "không được trước thời điểm tiếp nhận thông tin.")]
                )
            row = self.db.insert(
                tx, CaseStep, commune_code=case.commune_code, case_id=case_id, step=step,
                done_at=done_at, notes=notes,
            )  # fmt: skip
            if step == "closure":
                self.db.update(tx, case, status="closed", closed_on=done_at.date())
            child = tx.session.get(Child, case.child_id)
            self.db.audit(
                tx, "created", "casestep", row.id,
                f"{child.full_name if child else ''} — {cat.label(cat.CASE_TYPES, case.case_type)}",
                f"{_step_label(step)}; vụ việc {case_id}",
            )  # fmt: skip
            return tx.changes()

    def cases(self) -> list[CaseRow]:
        """Every protection case of the commune with its child's name and finished steps."""
        self.db.require_case_access()
        with self.db.reading() as session:
            rows = session.exec(
                select(ProtectionCase, Child.full_name)
                .join(Child, col(Child.id) == ProtectionCase.child_id)
                .where(
                    ProtectionCase.commune_code == self.db.commune_code,
                    ProtectionCase.deleted == False,  # noqa: E712
                )
                .order_by(col(ProtectionCase.received_at).desc())
            ).all()
            steps = session.exec(
                select(CaseStep).where(
                    CaseStep.commune_code == self.db.commune_code,
                    CaseStep.deleted == False,  # noqa: E712
                )
            ).all()
        done: dict[str, dict[str, datetime]] = {}
        for step in steps:
            if step.done_at is not None:
                done.setdefault(step.case_id, {})[step.step] = step.done_at
        return [
            CaseRow(
                id=case.id,
                child_id=case.child_id,
                child_name=name,
                case_type=case.case_type,
                received_at=case.received_at,
                emergency=case.emergency,
                status=case.status,
                reported_by=self.db.seal.shown("protectioncase", "reported_by", case.reported_by),
                summary=self.db.seal.shown("protectioncase", "summary", case.summary),
                report_source=case.report_source,
                done=done.get(case.id, {}),
            )
            for case, name in rows
        ]

    def case_steps(self, case_id: str) -> list[CaseStep]:
        """The steps of a case, their notes opened (`desktop.db.sealing`)."""
        self.db.require_case_access()
        with self.db.reading() as session:
            steps = session.exec(
                select(CaseStep).where(CaseStep.case_id == case_id, CaseStep.deleted == False)  # noqa: E712
            ).all()
        return [
            s.model_copy(update={"notes": self.db.seal.shown("casestep", "notes", s.notes)})
            for s in steps
        ]

    # ---- corrections --------------------------------------------------------------------

    def update_case_step(self, step_id: str, done_at: datetime, notes: str = "") -> Changes:
        """Correct when a step was done, or its notes (the late mark follows the new time)."""
        self.db.require_case_access()
        with self.db.write() as tx:
            row = self.db.get(tx, CaseStep, step_id)
            case = self.db.get(tx, ProtectionCase, row.case_id)
            ensure(_step_time_problems(done_at, case.received_at))
            fields = changed_fields(row, {"done_at": done_at, "notes": notes}, self.db.seal)
            if self.db.update(tx, row, done_at=done_at, notes=notes):
                if row.step == "closure":
                    self.db.update(tx, case, closed_on=done_at.date())
                self.db.audit(tx, "changed", "casestep", row.id, _case_label(tx.session, case),
                              f"{_step_label(row.step)}: {fields}")  # fmt: skip
            return tx.changes()

    def remove_case_step(self, step_id: str, reason: str) -> Changes:
        """A step recorded by mistake is removed with a reason (a closed case opens again)."""
        self.db.require_case_access()
        _require_reason(reason)
        with self.db.write() as tx:
            row = self.db.get(tx, CaseStep, step_id)
            if row.step == "intake":
                raise ValidationError([Problem("step", "bước tiếp nhận gắn với vụ việc: nếu "
                                       "vụ việc nhập nhầm, hãy xóa cả vụ việc.")])  # fmt: skip
            case = self.db.get(tx, ProtectionCase, row.case_id)
            self.db.update(tx, row, deleted=True)
            if row.step == "closure":
                self.db.update(tx, case, status="open", closed_on=None)
            self.db.audit(tx, "deleted", "casestep", row.id, _case_label(tx.session, case),
                          f"{_step_label(row.step)}; lý do: {reason.strip()}")  # fmt: skip
            return tx.changes()

    def remove_case(self, case_id: str, reason: str) -> Changes:
        """A case entered by mistake (a duplicate report, the wrong child) is removed with its
        steps and a reason; counts of past periods change as the frozen-report rules say."""
        self.db.require_case_access()
        _require_reason(reason)
        with self.db.write() as tx:
            case = self.db.get(tx, ProtectionCase, case_id)
            steps = tx.session.exec(
                select(CaseStep).where(CaseStep.case_id == case_id, CaseStep.deleted == False)  # noqa: E712
            ).all()
            for step in steps:
                self.db.update(tx, step, deleted=True)
            self.db.update(tx, case, deleted=True)
            self.db.audit(tx, "deleted", "protectioncase", case.id,
                          _case_label(tx.session, case), f"lý do: {reason.strip()}")  # fmt: skip
            return tx.changes()


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError([Problem("reason", "cho biết vì sao xóa.")])


def _step_time_problems(done_at: datetime, received_at: datetime) -> list[Problem]:
    if done_at.tzinfo is None:
        return [Problem("done_at", "thiếu múi giờ.")]
    if done_at < _aware(received_at):
        return [Problem("done_at", "không được trước thời điểm tiếp nhận thông tin.")]
    if done_at > now():
        return [Problem("done_at", "không được sau thời điểm hiện tại.")]
    return []


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _case_label(session: Session, case: ProtectionCase) -> str:
    child = session.get(Child, case.child_id)
    return f"{child.full_name if child else ''} — {cat.label(cat.CASE_TYPES, case.case_type)}"


def _step_label(step: str) -> str:
    return next((s.label for s in CASE_STEPS if s.code == step), step)
