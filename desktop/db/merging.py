"""Records that should not be there: a child entered by mistake, a child entered twice, a
village written two ways or no longer used.

Nothing is erased. A child entered by mistake is removed with a reason, its circumstances and
supports with it (tombstones that sync). Two records of one child are merged: the history,
supports and cases of the second follow the kept record, the second is marked merged into it.
The audit trail says who did each, and why.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from desktop.db.changes import Changes
from desktop.db.models import (
    CHILD_FIELDS,
    Activity,
    Child,
    Circumstance,
    ProtectionCase,
    Support,
    Village,
)
from desktop.db.write_path import WritePath
from desktop.domain.names import search_document
from desktop.domain.validation import Problem, ValidationError

# What follows a merged child to the kept record.
_HISTORY = (Circumstance, Support, ProtectionCase)


def require_reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError([Problem("reason", "cho biết vì sao xóa.")])
    return reason.strip()


class Merging:
    """Removing and merging children (and villages)."""

    def __init__(self, db: WritePath):
        self.db = db

    def remove_child(self, child_id: str, reason: str) -> Changes:
        """A record entered by mistake (a child who is not in the commune, a test entry)."""
        why = require_reason(reason)
        with self.db.write() as tx:
            child = self.db.get(tx, Child, child_id)
            cases = tx.session.exec(
                select(ProtectionCase.id).where(
                    ProtectionCase.child_id == child_id,
                    ProtectionCase.deleted == False,  # noqa: E712
                )
            ).first()
            if cases is not None:
                raise ValidationError(
                    [Problem("id", "hồ sơ này gắn với vụ việc bảo vệ trẻ em: nếu là hồ sơ trùng, "
                             "hãy gộp vào hồ sơ đúng; nếu không, cán bộ phụ trách xóa vụ việc "
                             "trước.")]
                )  # fmt: skip
            for model in (Circumstance, Support):
                rows = tx.session.exec(
                    select(model).where(model.child_id == child_id, model.deleted == False)  # noqa: E712
                ).all()
                for row in rows:
                    self.db.update(tx, row, deleted=True)
            self.db.update(tx, child, deleted=True)
            self.db.audit(tx, "deleted", "child", child.id, child.full_name, f"lý do: {why}")
            return tx.changes()

    def merge_children(self, keep_id: str, other_id: str) -> Changes:
        """Two records of one child: the circumstances, supports and cases of `other_id` move
        to `keep_id`, which also takes the details it lacks (a phone number, an ID …); the
        other record is marked merged into it (deleted, with `merged_into`)."""
        if keep_id == other_id:
            raise ValidationError([Problem("id", "chọn hai hồ sơ khác nhau để gộp.")])
        with self.db.write() as tx:
            keep = self.db.get(tx, Child, keep_id)
            other = self.db.get(tx, Child, other_id)
            moved = 0
            for model in _HISTORY:
                rows = tx.session.exec(
                    select(model).where(model.child_id == other_id, model.deleted == False)  # noqa: E712
                ).all()
                for row in rows:
                    self.db.update(tx, row, child_id=keep_id)
                    moved += 1
            blanks = {
                name: getattr(other, name)
                for name in CHILD_FIELDS
                if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, "")
            }
            if blanks:
                self.db.update(tx, keep, **blanks)
            self.db.update(tx, other, deleted=True, merged_into=keep_id)
            detail = f"gộp vào hồ sơ {keep.full_name}; {moved} mục lịch sử chuyển sang"
            self.db.audit(tx, "merged", "child", other.id, other.full_name, detail)
            return tx.changes()

    def merge_villages(self, keep_id: str, other_id: str) -> Changes:
        """One village written two ways: its children and activities move to `keep_id`; the
        other is marked merged into it."""
        if keep_id == other_id:
            raise ValidationError([Problem("id", "chọn hai thôn/bản khác nhau để gộp.")])
        with self.db.write() as tx:
            keep = self.db.get(tx, Village, keep_id)
            other = self.db.get(tx, Village, other_id)
            for child in tx.session.exec(
                select(Child).where(Child.village_id == other_id, Child.deleted == False)  # noqa: E712
            ).all():
                self.db.update(tx, child, village_id=keep_id)
                child.search_text = search_document(
                    child.personal_id, child.caregiver_name, keep.name
                )
                tx.session.add(child)
            for activity in tx.session.exec(
                select(Activity).where(Activity.village_id == other_id)
            ).all():
                self.db.update(tx, activity, village_id=keep_id)
            self.db.update(tx, other, deleted=True, merged_into=keep_id)
            self.db.audit(tx, "merged", "village", other.id, other.name, f"gộp vào {keep.name}")
            return tx.changes()

    def retire_village(self, village_id: str, on: date | None = None) -> Changes:
        """A village no longer used for new records; the records that name it keep it."""
        return self._set_retired(village_id, on or date.today())

    def restore_village(self, village_id: str) -> Changes:
        return self._set_retired(village_id, None)

    def _set_retired(self, village_id: str, on: date | None) -> Changes:
        with self.db.write() as tx:
            village = self.db.get(tx, Village, village_id)
            if self.db.update(tx, village, retired_on=on):
                what = "thôi dùng" if on else "dùng lại"
                self.db.audit(tx, "changed", "village", village.id, village.name, what)
            return tx.changes()

