"""Protection cases as use cases the register holds: open a case, record each step of the
legal procedure, list them. Restricted to the officer role, for reads as well as writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from desktop.db.changes import Changes
from desktop.db.models import CaseStep, Child, ProtectionCase
from desktop.db.write_path import WritePath, now
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
    ) -> Changes:
        problems = []
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


def _step_label(step: str) -> str:
    return next((s.label for s in CASE_STEPS if s.code == step), step)
