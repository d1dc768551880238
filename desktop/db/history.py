"""A child's history: the circumstances (special or at risk) they are in, from when to when,
and the supports they received — added, ended, corrected or removed.

Corrections keep what was there: an entry entered by mistake is removed with a reason (a
tombstone that syncs, its audit entry saying who and why), never erased; an entry corrected
keeps its audit entry of what changed.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from desktop.db.changes import Changes
from desktop.db.models import Child, Circumstance, Support
from desktop.db.write_path import Tx, WritePath, changed_fields
from desktop.domain import categories as cat
from desktop.domain.validation import (
    CircumstanceDraft,
    Problem,
    ValidationError,
    ensure,
    validate_circumstance,
    validate_support,
)


class History:
    """Circumstances and supports of the commune's children."""

    def __init__(self, db: WritePath):
        self.db = db

    def _risk_codes(self) -> frozenset[str]:
        return cat.codes(cat.DEFAULT_RISK_GROUPS)

    def add_circumstance(
        self, child_id: str, draft: CircumstanceDraft, today: date | None = None
    ) -> Changes:
        ensure(
            validate_circumstance(draft, today=today or date.today(), risk_codes=self._risk_codes())
        )
        with self.db.write() as tx:
            child = self.db.get(tx, Child, child_id)
            row = self.db.insert(
                tx,
                Circumstance,
                commune_code=child.commune_code,
                child_id=child_id,
                kind=draft.kind,
                group_code=draft.group_code,
                sub_code=draft.sub_code,
                start_date=draft.start_date,
                end_date=draft.end_date,
                end_reason=draft.end_reason,
                notes=draft.notes,
            )
            self.db.audit(tx, "created", "circumstance", row.id, child.full_name,
                        _group_text(draft.kind, draft.group_code))  # fmt: skip
            return tx.changes()

    def end_circumstance(
        self, circumstance_id: str, end_date: date, reason: str = "", today: date | None = None
    ) -> Changes:
        with self.db.write() as tx:
            row = self.db.get(tx, Circumstance, circumstance_id)
            draft = CircumstanceDraft(
                row.kind, row.group_code, row.start_date, end_date, row.sub_code, reason
            )
            ensure(
                validate_circumstance(
                    draft, today=today or date.today(), risk_codes=self._risk_codes()
                )
            )
            fields = changed_fields(row, {"end_date": end_date, "end_reason": reason})
            if self.db.update(tx, row, end_date=end_date, end_reason=reason):
                child = self.db.get(tx, Child, row.child_id)
                self.db.audit(tx, "changed", "circumstance", row.id, child.full_name,
                            f"{_group_text(row.kind, row.group_code)}: {fields}")  # fmt: skip
            return tx.changes()

    def circumstances_of(self, child_id: str) -> list[Circumstance]:
        with self.db.reading() as session:
            return list(
                session.exec(
                    select(Circumstance)
                    .where(Circumstance.child_id == child_id, Circumstance.deleted == False)  # noqa: E712
                    .order_by(col(Circumstance.start_date))
                )
            )

    def add_support(
        self,
        child_id: str,
        support_type: str,
        given_on: date,
        amount_vnd: int | None = None,
        funding_source: str | None = None,
        notes: str = "",
        today: date | None = None,
    ) -> Changes:
        ensure(
            validate_support(
                support_type, given_on, amount_vnd, funding_source, today=today or date.today()
            )
        )
        with self.db.write() as tx:
            child = self.db.get(tx, Child, child_id)
            row = self.db.insert(
                tx,
                Support,
                commune_code=child.commune_code,
                child_id=child_id,
                support_type=support_type,
                given_on=given_on,
                amount_vnd=amount_vnd,
                funding_source=funding_source,
                notes=notes,
            )
            kind = cat.label(cat.SUPPORT_TYPES, support_type)
            self.db.audit(
                tx, "created", "support", row.id, child.full_name, f"{kind}, {given_on:%d/%m/%Y}"
            )
            return tx.changes()

    def supports_of(self, child_id: str) -> list[Support]:
        with self.db.reading() as session:
            return list(
                session.exec(
                    select(Support)
                    .where(Support.child_id == child_id, Support.deleted == False)  # noqa: E712
                    .order_by(col(Support.given_on))
                )
            )

    # ---- corrections ------------------------------------------------------------------------

    def update_circumstance(
        self, circumstance_id: str, draft: CircumstanceDraft, today: date | None = None
    ) -> Changes:
        """Correct a circumstance entered wrongly (its group, its dates, its notes)."""
        ensure(
            validate_circumstance(draft, today=today or date.today(), risk_codes=self._risk_codes())
        )
        with self.db.write() as tx:
            row = self.db.get(tx, Circumstance, circumstance_id)
            values = {
                "kind": draft.kind, "group_code": draft.group_code, "sub_code": draft.sub_code,
                "start_date": draft.start_date, "end_date": draft.end_date,
                "end_reason": draft.end_reason, "notes": draft.notes,
            }  # fmt: skip
            fields = changed_fields(row, values)
            if self.db.update(tx, row, **values):
                child = self.db.get(tx, Child, row.child_id)
                self.db.audit(tx, "changed", "circumstance", row.id, child.full_name,
                              f"{_group_text(draft.kind, draft.group_code)}: {fields}")  # fmt: skip
            return tx.changes()

    def remove_circumstance(self, circumstance_id: str, reason: str) -> Changes:
        """An entry made by mistake: marked removed with the reason; tallies recount."""
        with self.db.write() as tx:
            row = self.db.get(tx, Circumstance, circumstance_id)
            child = self.db.get(tx, Child, row.child_id)
            self._remove(tx, row, "circumstance", child.full_name, reason,
                         _group_text(row.kind, row.group_code))  # fmt: skip
            return tx.changes()

    def update_support(
        self,
        support_id: str,
        support_type: str,
        given_on: date,
        amount_vnd: int | None = None,
        funding_source: str | None = None,
        notes: str = "",
        today: date | None = None,
    ) -> Changes:
        """Correct a support entered wrongly (kind, day, amount, source, notes)."""
        ensure(
            validate_support(
                support_type, given_on, amount_vnd, funding_source, today=today or date.today()
            )
        )
        with self.db.write() as tx:
            row = self.db.get(tx, Support, support_id)
            values = {
                "support_type": support_type, "given_on": given_on, "amount_vnd": amount_vnd,
                "funding_source": funding_source, "notes": notes,
            }  # fmt: skip
            fields = changed_fields(row, values)
            if self.db.update(tx, row, **values):
                child = self.db.get(tx, Child, row.child_id)
                self.db.audit(tx, "changed", "support", row.id, child.full_name, fields)
            return tx.changes()

    def remove_support(self, support_id: str, reason: str) -> Changes:
        with self.db.write() as tx:
            row = self.db.get(tx, Support, support_id)
            child = self.db.get(tx, Child, row.child_id)
            kind = cat.label(cat.SUPPORT_TYPES, row.support_type)
            self._remove(tx, row, "support", child.full_name, reason,
                         f"{kind}, {row.given_on:%d/%m/%Y}")  # fmt: skip
            return tx.changes()

    def _remove(
        self, tx: Tx, row: Circumstance | Support, entity: str, label: str, reason: str, what: str
    ) -> None:
        if not reason.strip():
            raise ValidationError([Problem("reason", "cho biết vì sao xóa.")])
        self.db.update(tx, row, deleted=True)
        self.db.audit(tx, "deleted", entity, row.id, label, f"{what}; lý do: {reason.strip()}")


def _group_text(kind: str, code: str) -> str:
    if kind == "special":
        return f"Hoàn cảnh đặc biệt {code} – {cat.label(cat.SPECIAL_GROUPS, code)}"
    return f"Nguy cơ: {cat.label(cat.DEFAULT_RISK_GROUPS, code)}"
