"""A child's record as use cases the register holds: villages, children and the search over
them (their circumstances and supports: `desktop.db.history`).

Each write validates through `desktop.domain.validation`, then goes through the write path
(`desktop.db.write_path`): rows, the search text the FTS index is built from, the change log
and the audit entry, in one transaction.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from desktop import reference
from desktop.db import child_queries
from desktop.db.changes import Changes
from desktop.db.child_queries import ChildFilter, ChildRow
from desktop.db.models import CHILD_FIELDS, Child, Village
from desktop.db.write_path import WritePath, changed_fields
from desktop.domain.dates import PartialDate
from desktop.domain.names import (
    fold,
    normalize_name,
    search_document,
    search_query_tokens,
    sort_key,
)
from desktop.domain.validation import (
    ChildDraft,
    Problem,
    ValidationError,
    ensure,
    validate_child,
    validate_village_name,
)


def draft_of(child: Child) -> ChildDraft:
    """The editable form of a saved child."""
    return ChildDraft(
        birth=PartialDate(child.birth_year, child.birth_month, child.birth_day),
        **{name: getattr(child, name) for name in CHILD_FIELDS},
    )


class Children:
    """Villages and children of the commune."""

    def __init__(self, db: WritePath):
        self.db = db
        self._name_order = child_queries.NameOrder()
        self._order_lock = threading.Lock()

    # ---- villages -------------------------------------------------------------------------

    def add_village(self, name: str) -> Changes:
        ensure(validate_village_name(name))
        name = normalize_name(name)
        with self.db.write() as tx:
            existing = tx.session.exec(
                select(Village).where(
                    Village.name_folded == fold(name),
                    Village.commune_code == self.db.require_commune(),
                    Village.deleted == False,  # noqa: E712
                )
            ).first()
            if existing:
                raise ValidationError([Problem("name", f"thôn/bản “{existing.name}” đã có.")])
            village = self.db.insert(tx, Village, name=name, name_folded=fold(name))
            self.db.note_village(village.id, name)
            return tx.changes()

    def rename_village(self, village_id: str, name: str) -> Changes:
        ensure(validate_village_name(name))
        name = normalize_name(name)
        with self.db.write() as tx:
            village = self.db.get(tx, Village, village_id)
            self.db.update(tx, village, name=name, name_folded=fold(name))
            self.db.note_village(village_id, name)
            for child in tx.session.exec(select(Child).where(Child.village_id == village_id)):
                child.search_text = self._search_text(child, name)
                tx.session.add(child)
            return tx.changes()

    def villages(self) -> list[Village]:
        with self.db.reading() as session:
            rows = session.exec(
                select(Village).where(
                    Village.commune_code == self.db.commune_code,
                    Village.deleted == False,  # noqa: E712
                )
            ).all()
        return sorted(rows, key=lambda v: sort_key(v.name))

    def village_id_by_name(self, name: str) -> str | None:
        with self.db.reading() as session:
            return session.exec(
                select(Village.id).where(
                    Village.name_folded == fold(name),
                    Village.commune_code == self.db.commune_code,
                    Village.deleted == False,  # noqa: E712
                )
            ).first()

    # ---- children -------------------------------------------------------------------------

    def validate_child(self, draft: ChildDraft, today: date | None = None) -> list[Problem]:
        with self.db.reading() as session:
            return self._validate_child(session, draft, today)

    def _validate_child(
        self, session: Session, draft: ChildDraft, today: date | None
    ) -> list[Problem]:
        return validate_child(
            draft,
            today=today or date.today(),
            ethnic_codes=reference.ethnic_groups().keys(),
            village_ids=self.db.village_ids(session),
        )

    def _child_values(self, session: Session, draft: ChildDraft) -> dict[str, Any]:
        """The row values of a valid draft, search text included."""
        assert draft.birth is not None
        values = {name: getattr(draft, name) for name in CHILD_FIELDS}
        values["full_name"] = normalize_name(draft.full_name)
        values["personal_id"] = draft.personal_id or None
        values.update(
            name_folded=fold(values["full_name"]),
            sort_key=sort_key(values["full_name"]),
            birth_year=draft.birth.year,
            birth_month=draft.birth.month,
            birth_day=draft.birth.day,
            birth_latest=draft.birth.latest(),
            search_text=search_document(
                values["personal_id"],
                values["caregiver_name"],
                self._village_name(session, draft.village_id),
            ),
        )
        return values

    def _search_text(self, child: Child, village_name: str | None) -> str:
        return search_document(child.personal_id, child.caregiver_name, village_name)

    def _village_name(self, session: Session, village_id: str | None) -> str | None:
        return None if village_id is None else self.db.village_ids(session).get(village_id)

    def add_child(self, draft: ChildDraft, today: date | None = None) -> Changes:
        with self.db.write() as tx:
            ensure(self._validate_child(tx.session, draft, today))
            values = self._child_values(tx.session, draft)
            child = self.db.insert(tx, Child, **values)
            self.db.audit(tx, "created", "child", child.id, values["full_name"])
            return tx.changes()

    def update_child(self, child_id: str, draft: ChildDraft, today: date | None = None) -> Changes:
        with self.db.write() as tx:
            child = self.db.get(tx, Child, child_id)
            ensure(self._validate_child(tx.session, draft, today))
            values = self._child_values(tx.session, draft)
            fields = changed_fields(child, values)
            if self.db.update(tx, child, **values):
                self.db.audit(tx, "changed", "child", child.id, child.full_name, fields)
            return tx.changes()

    def get_child(self, child_id: str) -> Child | None:
        with self.db.reading() as session:
            child = session.get(Child, child_id)
            return child if child and not child.deleted else None

    def likely_duplicates(self, draft: ChildDraft, exclude_id: str | None = None) -> list[Child]:
        """Saved children with the same folded name, birth year and village."""
        if draft.birth is None:
            return []
        with self.db.reading() as session:
            query = select(Child).where(
                Child.commune_code == self.db.commune_code,
                Child.deleted == False,  # noqa: E712
                Child.name_folded == fold(normalize_name(draft.full_name)),
                Child.birth_year == draft.birth.year,
                Child.village_id == draft.village_id,
            )
            return [c for c in session.exec(query) if c.id != exclude_id]

    def duplicate_keys(self) -> set[tuple[str, int, str | None]]:
        """(folded name, birth year, village id) of every child: duplicate checks in bulk."""
        with self.db.engine.connect() as conn:
            return set(
                conn.connection.cursor().execute(
                    "SELECT name_folded, birth_year, village_id FROM child "
                    "WHERE commune_code = ? AND deleted = 0",
                    (self.db.commune_code,),
                )
            )

    def child_count(self) -> int:
        with self.db.reading() as session:
            return session.exec(
                select(func.count())
                .select_from(Child)
                .where(
                    Child.commune_code == self.db.commune_code,
                    Child.deleted == False,  # noqa: E712
                )
            ).one()

    def find(self, query: str, limit: int = 50) -> list[ChildRow]:
        """Children whose name, personal ID, caregiver or village start with what was typed.

        Diacritics are optional ("dang" finds "Đặng"); every typed word must match a word
        prefix. Name matches come first, each part in Vietnamese name order: the children
        list's own search (`child_queries.child_rowids`), cut at `limit`.
        """
        if not search_query_tokens(query):
            return []
        rowids = self.child_rowids(ChildFilter(search=query), limit=limit)
        page = self.child_page(rowids)
        return [page[r] for r in rowids if r in page]

    def child_rowids(
        self, flt: ChildFilter, today: date | None = None, limit: int | None = None
    ) -> list[int]:
        """Matching children's rowids in list order (name matches first when searching)."""
        with self.db.engine.connect() as conn, self._order_lock:
            return child_queries.child_rowids(
                conn, self.db.commune_code or "", flt, today or date.today(), self._name_order,
                limit,
            )  # fmt: skip

    def child_page(self, rowids: list[int], today: date | None = None) -> dict[int, ChildRow]:
        with self.db.engine.connect() as conn:
            return child_queries.child_page(conn, rowids, today or date.today())
