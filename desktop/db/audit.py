"""The audit trail: who viewed, created, changed, exported or printed which record, and when.

`Audit` is a part `Register` holds. Writes of the use cases add their entry in the same
transaction as the rows (`WritePath.audit`); the GUI reports views (`record_view`, coalesced), the
export code reports files (`record_export`). Entries are synced rows (change log included) and
insert-only: no method here changes one, and SQLite triggers refuse UPDATE and DELETE.
The list is read like the children list: ordered rowids first, rows a page at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import Connection
from sqlmodel import Session, col, select

from desktop.db import accounts
from desktop.db.changes import Changes
from desktop.db.errors import NotAllowed
from desktop.db.models import AuditEntry, Child, ProtectionCase
from desktop.db.write_path import WritePath
from desktop.domain import audit as vocab
from desktop.domain import categories as cat
from desktop.domain.names import fold
from desktop.domain.vntime import VIETNAM_TZ


@dataclass(frozen=True)
class AuditFilter:
    """What the Audit page lists; dates are local (Vietnam) days, both ends included."""

    username: str | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None
    search: str = ""  # words of the label (a child's name), diacritics optional


@dataclass(frozen=True)
class AuditRow:
    rowid: int
    at: datetime  # UTC
    username: str
    action: str
    entity: str
    row_id: str
    label: str
    detail: str

    @property
    def local_time(self) -> str:
        return self.at.astimezone(VIETNAM_TZ).strftime("%H:%M:%S %d/%m/%Y")


def _stored(moment: datetime) -> str:
    """A UTC datetime as SQLAlchemy stores it in SQLite text, for comparisons in plain SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=VIETNAM_TZ)


def audit_rowids(conn: Connection, flt: AuditFilter) -> list[int]:
    """Rowids of the matching entries, newest first."""
    where, params = ["1 = 1"], {}
    if flt.username:
        where.append("username = :username")
        params["username"] = flt.username
    if flt.action:
        where.append("action = :action")
        params["action"] = flt.action
    if flt.since:
        where.append("at >= :since")
        params["since"] = _stored(_local_midnight(flt.since))
    if flt.until:
        where.append("at < :until")
        params["until"] = _stored(_local_midnight(date.fromordinal(flt.until.toordinal() + 1)))
    for i, token in enumerate(fold(flt.search).split()):
        where.append(f"audit_fold(label) LIKE :tok{i} ESCAPE '\\'")
        escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params[f"tok{i}"] = f"%{escaped}%"
    raw = conn.connection.driver_connection
    assert raw is not None  # an open connection has its driver's
    raw.create_function("audit_fold", 1, fold, deterministic=True)
    cursor = conn.connection.cursor()
    sql = f"SELECT rowid FROM auditentry WHERE {' AND '.join(where)} ORDER BY at DESC, rowid DESC"
    return [r[0] for r in cursor.execute(sql, params)]


def audit_page(conn: Connection, rowids: Sequence[int]) -> dict[int, AuditRow]:
    if not rowids:
        return {}
    marks = ",".join(str(int(r)) for r in rowids)
    cursor = conn.connection.cursor()
    rows = cursor.execute(
        "SELECT rowid, at, username, action, entity, row_id, label, detail FROM auditentry "
        f"WHERE rowid IN ({marks})"
    )
    return {
        r[0]: AuditRow(r[0], _parse(r[1]), r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows
    }


def _parse(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Audit:
    """The audit trail's use cases: events, exports and views written, the trail read."""

    def __init__(self, db: WritePath):
        self.db = db

    # ---- writing ----------------------------------------------------------------------------

    def record_event(
        self, action: str, entity: str, row_id: str = "", label: str = "", detail: str = ""
    ) -> Changes:
        """An entry not tied to a write of this register (a login, a restore, an import).
        Every role leaves its trail, a viewer included."""
        with self.db.write(trail=True) as tx:
            self.db.audit(tx, action, entity, row_id, label, detail)
            return tx.changes()

    def record_export(
        self,
        what: str,
        file_name: str,
        children: int | None = None,
        *,
        printed: bool = False,
        label: str = "",
        detail: str = "",
    ) -> Changes:
        """A file written (or a page printed) from the register: its name and how many children."""
        parts = [file_name] if file_name else []
        if children is not None:
            parts.append(f"{children:,} trẻ em".replace(",", "."))
        if detail:
            parts.append(detail)
        return self.record_event(
            "printed" if printed else "exported",
            what,
            label=label or cat.label(vocab.ENTITIES, what),
            detail="; ".join(parts),
        )

    def record_view(self, entity: str, row_id: str, now: datetime | None = None) -> Changes:
        """The GUI opened a child's record or a protection case. Views of the same record by
        the same person within a few minutes count once, so the trail stays readable."""
        now = now or datetime.now(UTC)
        with self.db.write(trail=True) as tx:
            last = tx.session.exec(
                select(AuditEntry.at)
                .where(
                    AuditEntry.username == self.db.user,
                    AuditEntry.action == "viewed",
                    AuditEntry.entity == entity,
                    AuditEntry.row_id == row_id,
                    col(AuditEntry.at) >= now - vocab.VIEW_COALESCE,
                )
                .order_by(col(AuditEntry.at).desc())
                .limit(1)
            ).first()
            if vocab.is_repeat_view(last, now):
                return Changes()
            label = _label_of(tx.session, entity, row_id)
            self.db.audit(tx, "viewed", entity, row_id, label, at=now)
            return tx.changes()

    def require_export(self, what: str) -> None:
        """Refuse a file this role may not write (`accounts.EXPORTS`), before anything is."""
        refusal = accounts.export_refusal(self.db.role, what)
        if refusal is not None:
            raise NotAllowed(refusal)

    @contextmanager
    def exporting(
        self,
        what: str,
        file_name: str,
        children: int | None = None,
        *,
        printed: bool = False,
        label: str = "",
        detail: str = "",
    ) -> Iterator[None]:
        """The gate every export passes: the role may write this kind of file, and the audit
        trail says so *before* the first byte is written. An export that then fails adds a
        second entry saying the file was not written."""
        self.require_export(what)
        self.record_export(what, file_name, children, printed=printed, label=label, detail=detail)
        try:
            yield
        except BaseException:
            with suppress(Exception):  # the disk may be full: the first entry stands
                self.record_export(
                    what, file_name, printed=printed, label=label,
                    detail="không xong — tệp không được ghi",
                )  # fmt: skip
            raise

    # ---- reading (officer only: the trail names children and protection cases) -----------

    def audit_rowids(self, flt: AuditFilter | None = None) -> list[int]:
        self.db.require_officer(accounts.AUDIT_OFFICER_ONLY)
        with self.db.engine.connect() as conn:
            return audit_rowids(conn, flt or AuditFilter())

    def audit_page(self, rowids: Sequence[int]) -> dict[int, AuditRow]:
        self.db.require_officer(accounts.AUDIT_OFFICER_ONLY)
        with self.db.engine.connect() as conn:
            return audit_page(conn, rowids)

    def audit_entries(self, flt: AuditFilter | None = None) -> Iterator[AuditRow]:
        """Every matching entry, newest first, read a page at a time."""
        rowids = self.audit_rowids(flt)
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            page = self.audit_page(chunk)
            yield from (page[r] for r in chunk if r in page)

    def audit_users(self) -> list[str]:
        self.db.require_officer(accounts.AUDIT_OFFICER_ONLY)
        with self.db.reading() as session:
            return sorted(session.exec(select(AuditEntry.username).distinct()).all())


def _label_of(session: Session, entity: str, row_id: str) -> str:
    """The name an entry shows for a viewed record."""
    if entity == "child":
        child = session.get(Child, row_id)
        return child.full_name if child else ""
    if entity == "protectioncase":
        case = session.get(ProtectionCase, row_id)
        if case is None:
            return ""
        child = session.get(Child, case.child_id)
        name = child.full_name if child else ""
        return f"{name} — {cat.label(cat.CASE_TYPES, case.case_type)}"
    return ""
