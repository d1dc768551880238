"""Records that should not be there: a child entered by mistake, a child entered twice, a
village written two ways or no longer used.

Nothing is erased. A child entered by mistake is removed with a reason, its circumstances and
supports with it (tombstones that sync). Two records of one child are merged: the history,
supports and cases of the second follow the kept record, the second is marked merged into it.
The audit trail says who did each, and why.
"""

from __future__ import annotations

from sqlmodel import select

from desktop.db.changes import Changes
from desktop.db.models import Child, Circumstance, ProtectionCase, Support
from desktop.db.write_path import WritePath
from desktop.domain.validation import Problem, ValidationError


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
