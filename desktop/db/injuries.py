"""Use cases of the injuries and drownings of children: record, correct, remove, list.

`Injuries` is a part `Register` holds. Every write goes through the write path (validated by
`desktop.domain.injuries`, change-logged, audited, synced) and returns `Changes`; a removal is
a correction with a reason, never an erasure. On a district/province reader's copy the list
shows every commune beneath it (read-only).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy.orm import aliased
from sqlmodel import col, select

from desktop.db.changes import Changes
from desktop.db.models import Child, Injury, Synced, Village
from desktop.db.write_path import Tx, WritePath, alive
from desktop.domain.dates import PartialDate, age_on
from desktop.domain.injuries import InjuryDraft, validate_injury
from desktop.domain.names import normalize_name
from desktop.domain.validation import Problem, ValidationError, ensure

_FIELDS = tuple(f.name for f in dataclasses.fields(InjuryDraft))


@dataclass(frozen=True)
class InjuryFilter:
    """What the injuries list shows (None: all): a year and month of the incident, a cause,
    a severity, a village where it happened; a reader may choose one commune."""

    year: int | None = None
    month: int | None = None
    cause: str | None = None
    severity: str | None = None
    village_id: str | None = None
    commune_code: str | None = None


@dataclass(frozen=True)
class InjuryRecord:
    id: str
    draft: InjuryDraft
    commune_code: str
    child_name: str  # the register child's name, or the name written for one not in it
    sex: str
    birth: PartialDate
    village: str  # where it happened
    child_village: str  # where the child lives

    @property
    def age(self) -> int:
        assert self.draft.occurred_on is not None
        return age_on(self.birth, self.draft.occurred_on)


def _period(year: int, month: int | None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, 1), date.fromordinal(following.toordinal() - 1)


class Injuries:
    def __init__(self, db: WritePath):
        self.db = db

    def _scope(self, model: type[Synced], commune: str | None = None) -> list[Any]:
        """A commune's own rows; on a reader's copy every commune it holds (or `commune`)."""
        conditions = [alive(model)]
        if commune is not None:
            conditions.append(model.commune_code == commune)
        elif not self.db.reader:
            conditions.append(model.commune_code == self.db.commune_code)
        return conditions

    # ---- writing ------------------------------------------------------------------------------

    def add_injury(self, draft: InjuryDraft, today: date | None = None) -> Changes:
        """Record an injury or drowning of a child (of the register, or one not in it)."""
        with self.db.write() as tx:
            values = self._checked(tx, draft, today)
            row = self.db.insert(tx, Injury, **values)
            self.db.audit(tx, "created", "injury", row.id, self._label(tx, row))
            return tx.changes()

    def update_injury(
        self, injury_id: str, draft: InjuryDraft, today: date | None = None
    ) -> Changes:
        with self.db.write() as tx:
            row = self.db.get(tx, Injury, injury_id)
            values = self._checked(tx, draft, today)
            if self.db.update(tx, row, **values):
                self.db.audit(tx, "changed", "injury", row.id, self._label(tx, row))
            return tx.changes()

    def remove_injury(self, injury_id: str, reason: str) -> Changes:
        """An injury entered by mistake: marked removed with the reason (it syncs)."""
        if not reason.strip():
            raise ValidationError([Problem("reason", "cho biết vì sao xóa.")])
        with self.db.write() as tx:
            row = self.db.get(tx, Injury, injury_id)
            self.db.update(tx, row, deleted=True)
            self.db.audit(tx, "deleted", "injury", row.id, self._label(tx, row), reason.strip())
            return tx.changes()

    def _checked(self, tx: Tx, draft: InjuryDraft, today: date | None) -> dict[str, Any]:
        commune = self.db.require_commune()  # a reader's copy is told so before any check
        villages = self.db.village_ids(tx.session)
        birth = None
        if draft.child_id is not None:
            child = tx.new_rows.get(draft.child_id) or tx.session.get(Child, draft.child_id)
            if (
                not isinstance(child, Child)
                or child.deleted
                or child.commune_code != commune
            ):
                raise ValidationError([Problem("child_id", "không tìm thấy trẻ này trong sổ.")])
            birth = PartialDate(child.birth_year, child.birth_month, child.birth_day)
        ensure(
            validate_injury(
                draft, today=today or date.today(), village_ids=villages, child_birth=birth
            )
        )
        values = dataclasses.asdict(draft)
        if draft.child_id is not None:  # the register holds who the child is
            values.update(child_name="", child_sex=None, child_birth_year=None,
                          child_village_id=None)  # fmt: skip
        else:
            values["child_name"] = normalize_name(draft.child_name)
        values["notes"] = draft.notes.strip()
        return values

    def _label(self, tx: Tx, row: Injury) -> str:
        name = row.child_name
        if row.child_id is not None:
            child = tx.new_rows.get(row.child_id) or tx.session.get(Child, row.child_id)
            name = child.full_name if isinstance(child, Child) else ""
        return f"{name} — {row.occurred_on:%d/%m/%Y}"

    # ---- reading ------------------------------------------------------------------------------

    def injuries(self, flt: InjuryFilter | None = None) -> list[InjuryRecord]:
        """Injuries newest first, with who the child is and where it happened."""
        flt = flt or InjuryFilter()
        lives = aliased(Village)
        query = (
            select(Injury, Child, Village.name, lives.name)
            .outerjoin(Child, col(Child.id) == Injury.child_id)
            .outerjoin(Village, col(Village.id) == Injury.village_id)
            .outerjoin(lives, col(lives.id) == Injury.child_village_id)
            .where(*self._scope(Injury, flt.commune_code))
        )
        if flt.year is not None:
            first, last = _period(flt.year, flt.month)
            query = query.where(Injury.occurred_on >= first, Injury.occurred_on <= last)
        for name in ("cause", "severity", "village_id"):
            if getattr(flt, name) is not None:
                query = query.where(getattr(Injury, name) == getattr(flt, name))
        query = query.order_by(col(Injury.occurred_on).desc(), col(Injury.created_at).desc())
        with self.db.reading() as session:
            rows = cast(
                "list[tuple[Injury, Child | None, str | None, str | None]]",
                list(session.exec(query).all()),
            )  # outer joins: the child and the villages may be missing
            child_villages = {
                v.id: v.name
                for v in session.exec(
                    select(Village).where(
                        col(Village.id).in_({c.village_id for _, c, _, _ in rows if c is not None})
                    )
                )
            }
        records = []
        for row, child, where, home_name in rows:
            draft = InjuryDraft(**{name: getattr(row, name) for name in _FIELDS})
            if child is not None:
                who = (child.full_name, child.sex,
                       PartialDate(child.birth_year, child.birth_month, child.birth_day),
                       child_villages.get(child.village_id or "", ""))  # fmt: skip
            else:
                who = (row.child_name, row.child_sex or "",
                       PartialDate(row.child_birth_year or row.occurred_on.year),
                       home_name or "")  # fmt: skip
            name, sex, birth, home = who
            records.append(
                InjuryRecord(row.id, draft, row.commune_code, name, sex, birth, where or "", home)
            )
        return records
