"""Use cases of the places where children risk drowning ("điểm có nguy cơ đuối nước").

Before every summer the commune reviews, village by village, the ponds, dams, streams, wells
and pits where children may drown and what has been done there (warning signs, fences …).
`Hazards` is a part `Register` holds: writes go through the write path (validated by
`desktop.domain.injuries`, change-logged, audited, synced); a spot filled in or recorded by
mistake is removed with a reason. A reader's copy lists every commune beneath it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import col, select

from desktop.db.changes import Changes
from desktop.db.models import HazardSpot, Village
from desktop.db.write_path import Tx, WritePath, alive
from desktop.domain.injuries import HazardDraft, measures_of, measures_text, validate_hazard
from desktop.domain.names import normalize_name, sort_key
from desktop.domain.validation import Problem, ValidationError, ensure


@dataclass(frozen=True)
class HazardRecord:
    id: str
    draft: HazardDraft
    commune_code: str
    village: str


class Hazards:
    def __init__(self, db: WritePath):
        self.db = db

    def add_hazard_spot(self, draft: HazardDraft, today: date | None = None) -> Changes:
        with self.db.write() as tx:
            values = self._checked(tx, draft, today)
            row = self.db.insert(tx, HazardSpot, **values)
            self.db.audit(tx, "created", "hazardspot", row.id, row.description)
            return tx.changes()

    def update_hazard_spot(
        self, spot_id: str, draft: HazardDraft, today: date | None = None
    ) -> Changes:
        """Correct a spot, or record its latest check and the measures now in place."""
        with self.db.write() as tx:
            row = self.db.get(tx, HazardSpot, spot_id)
            values = self._checked(tx, draft, today, found=row.found_on)
            if self.db.update(tx, row, **values):
                self.db.audit(tx, "changed", "hazardspot", row.id, row.description)
            return tx.changes()

    def remove_hazard_spot(self, spot_id: str, reason: str) -> Changes:
        if not reason.strip():
            raise ValidationError([Problem("reason", "cho biết vì sao xóa.")])
        with self.db.write() as tx:
            row = self.db.get(tx, HazardSpot, spot_id)
            self.db.update(tx, row, deleted=True)
            self.db.audit(tx, "deleted", "hazardspot", row.id, row.description, reason.strip())
            return tx.changes()

    def _checked(
        self, tx: Tx, draft: HazardDraft, today: date | None, found: date | None = None
    ) -> dict[str, Any]:
        self.db.require_commune()  # a reader's copy is told so before any check
        ensure(
            validate_hazard(
                draft, today=today or date.today(), village_ids=self.db.village_ids(tx.session)
            )
        )
        assert draft.checked_on is not None
        return {
            "village_id": draft.village_id,
            "kind": draft.kind,
            "description": normalize_name(draft.description),
            "measures": measures_text(draft.measures),
            # first recorded: as entered, else when first checked (kept on later checks)
            "found_on": draft.found_on or found or draft.checked_on,
            "checked_on": draft.checked_on,
            "notes": draft.notes.strip(),
        }

    def hazard_spots(
        self, village_id: str | None = None, commune_code: str | None = None
    ) -> list[HazardRecord]:
        """The spots village by village (Vietnamese order), then the oldest check first."""
        query = (
            select(HazardSpot, Village.name)
            .join(Village, col(Village.id) == HazardSpot.village_id)
            .where(alive(HazardSpot))
        )
        if commune_code is not None:
            query = query.where(HazardSpot.commune_code == commune_code)
        elif not self.db.reader:
            query = query.where(HazardSpot.commune_code == self.db.commune_code)
        if village_id is not None:
            query = query.where(HazardSpot.village_id == village_id)
        with self.db.reading() as session:
            rows = session.exec(query).all()
        records = [
            HazardRecord(
                row.id,
                HazardDraft(
                    row.village_id, row.kind, row.description, measures_of(row.measures),
                    row.found_on, row.checked_on, row.notes,
                ),
                row.commune_code,
                village,
            )
            for row, village in rows
        ]  # fmt: skip
        return sorted(
            records,
            key=lambda r: (r.commune_code, sort_key(r.village), r.draft.checked_on or date.min),
        )
