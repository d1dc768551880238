"""The register's side of sync: the outbox, applying pulled changes, conflicts and failures.

Plain data in and out (no protocol types: `desktop.sync` builds the messages). Applying a pull
writes rows without change-log entries (they came from upstream), recomputes the derived
columns the way the write path does, advances the clock, and stores the server cursor in the
same transaction as the rows, so a cut never leaves one without the other.

A pulled field never silently replaces a field that still has an unsent local edit: the later
clock wins on both sides and the other value becomes a `sync_conflict` row.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, NamedTuple

from pydantic_core import PydanticUndefined
from sqlalchemy import CursorResult, func, insert, text, update
from sqlalchemy import types as sa_types
from sqlmodel import Session, col, select

from desktop.db import restamp
from desktop.db.changes import Changes
from desktop.db.models import (
    SYNCED_TABLES,
    ChangeLog,
    Child,
    Setting,
    SyncConflict,
    Synced,
    SyncFailure,
    Village,
    table_name,
    table_of,
)
from desktop.db.write_path import CLOCK_KEY, CURSOR_KEY, ROLE_KEY, UNIT_KEY, Tx, WritePath
from desktop.domain import categories as cat
from desktop.domain.dates import PartialDate
from desktop.domain.hlc import Timestamp
from desktop.domain.names import fold, search_document, sort_key
from desktop.domain.validation import FIELD_LABELS, Problem, ValidationError

LAST_SYNC_KEY = "sync.last_sync"

# Columns carried by the envelope of a change (or recomputed): not repeated in its fields.
ENVELOPE_FIELDS = frozenset({"id", "commune_code", "updated_at", "updated_by"})
DERIVED_FIELDS = frozenset({"name_folded", "sort_key", "search_text", "birth_latest"})
_CONFLICT_NAMESPACE = uuid.UUID("6f1d3c52-2b7e-4c1a-9a53-0b8e6a1f7d10")

ENTITY_LABELS = {
    "village": "Thôn/bản",
    "child": "Trẻ em",
    "circumstance": "Hoàn cảnh",
    "support": "Trợ giúp",
    "protectioncase": "Vụ việc",
    "casestep": "Bước xử lý vụ việc",
    "activity": "Hoạt động",
    "trainingcourse": "Lớp tập huấn",
    "trainingparticipant": "Người tham gia tập huấn",
    "plantarget": "Chỉ tiêu kế hoạch",
    "fundentry": "Quỹ Bảo trợ trẻ em",
    "sentreport": "Báo cáo đã gửi",
    "auditentry": "Nhật ký truy cập",
    "sync_conflict": "Xung đột đồng bộ",
    "injury": "Tai nạn, thương tích",
    "hazardspot": "Điểm nguy cơ đuối nước",
    "childfriendlyassessment": "Tự đánh giá xã phù hợp với trẻ em",
    "assessmententry": "Kết quả tiêu chí",
}


# Fields the validation messages never name (they cannot be wrong) but a conflict can.
_MORE_LABELS = {
    "notes": "Ghi chú",
    "caregiver_name": "Người chăm sóc",
    "caregiver_relation": "Quan hệ với trẻ",
    "contact_phone": "Số điện thoại liên hệ",
    "birth_year": "Năm sinh",
    "birth_month": "Tháng sinh",
    "birth_day": "Ngày sinh",
    "birth_registered": "Đã đăng ký khai sinh",
    "health_insurance": "Thẻ bảo hiểm y tế",
    "deleted": "Đã xoá",
    "summary": "Tóm tắt",
    "reported_by": "Người báo tin",
    "emergency": "Khẩn cấp",
    "end_reason": "Lý do kết thúc",
}


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key) or _MORE_LABELS.get(key, key)


def conflict_id(entity: str, row_id: str, field: str, lost_hlc: str) -> str:
    """The same id on every side for the same lost edit, so a conflict is never recorded twice."""
    return str(uuid.uuid5(_CONFLICT_NAMESPACE, f"{entity}/{row_id}/{field}/{lost_hlc}"))


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    entity: str
    row_id: str
    commune_code: str
    hlc: str
    by: str
    base: int
    fields: dict[str, Any]


@dataclass(frozen=True)
class Incoming:
    """One change pulled from the server."""

    rev: int
    entity: str
    row_id: str
    commune_code: str
    hlc: str
    by: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class ApplyResult:
    applied: int
    conflicts: int
    skipped: int


class SyncFailureView(NamedTuple):
    """(entity, row_id, label, message) of a change the server refused."""

    entity: str
    row_id: str
    label: str
    message: str


@dataclass(frozen=True)
class SyncState:
    last_sync: datetime | None
    unsent: int
    failures: list[SyncFailureView]
    conflicts_open: int


@dataclass(frozen=True)
class ConflictView:
    id: str
    entity: str
    entity_label: str  # "Trẻ em"
    row_id: str
    record_label: str  # "Trẻ em Lò Thị Mai"
    field: str
    field_label: str  # "Họ và tên"
    kept_value: Any
    kept_text: str  # the value as the officer reads it
    kept_at: datetime | None
    lost_value: Any
    lost_text: str
    lost_at: datetime | None
    lost_by: str
    resolved: bool


def _hlc_time(hlc: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(Timestamp.parse(hlc).millis / 1000, UTC)
    except (ValueError, OverflowError):
        return None


def _converter(column_type: Any) -> Any:
    """From JSON to what the column takes (SQLite's date types want date objects)."""
    kind = getattr(column_type, "impl", column_type)
    if isinstance(kind, sa_types.DateTime):
        return lambda v: v if v is None or isinstance(v, datetime) else datetime.fromisoformat(v)
    if isinstance(kind, sa_types.Date):
        return lambda v: v if v is None or isinstance(v, date) else date.fromisoformat(v)
    if isinstance(kind, sa_types.Boolean):
        return lambda v: v if v is None else bool(v)
    return lambda v: v


_CONVERTERS: dict[str, dict[str, Any]] = {
    name: {c.name: _converter(c.type) for c in table_of(model).columns}
    for name, model in SYNCED_TABLES.items()
}


def _wire_value(entity: str, key: str, value: Any) -> Any:
    if entity == table_name(SyncConflict) and key in ("kept_value", "lost_value"):
        return json.loads(value) if isinstance(value, str) else value
    return value


def _local_value(entity: str, key: str, value: Any) -> Any:
    if entity == table_name(SyncConflict) and key in ("kept_value", "lost_value"):
        return json.dumps(value, ensure_ascii=False)
    return _CONVERTERS[entity][key](value)


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


_DEFAULTS: dict[str, dict[str, Any]] = {
    name: {
        c.name: (
            model.model_fields[c.name].default
            if c.name in model.model_fields
            and model.model_fields[c.name].default is not PydanticUndefined
            else None
        )
        for c in table_of(model).columns
    }
    for name, model in SYNCED_TABLES.items()
}


_REQUIRED: dict[str, list[str]] = {
    name: [
        c.name
        for c in table_of(model).columns
        if not c.nullable and c.name not in DERIVED_FIELDS and c.server_default is None
    ]
    for name, model in SYNCED_TABLES.items()
}


class _VillageNames:
    """Village names for search text: this page's new villages first, then the database."""

    def __init__(self, session: Session, inserts: dict[str, tuple[str, dict[str, Any]]]):
        self.session, self.inserts = session, inserts

    def __call__(self, village_id: str | None) -> str | None:
        if not village_id:
            return None
        new = self.inserts.get(village_id)
        if new is not None and new[0] == "village":
            return str(new[1]["name"])
        village = self.session.get(Village, village_id)
        return village.name if village else None


def _derived(
    entity: str, v: dict[str, Any], names: Callable[[str | None], str | None]
) -> dict[str, Any]:
    """The derived columns of a row, computed as the write path computes them."""
    if entity == "village":
        return {"name_folded": fold(v["name"])}
    if entity == "child":
        return {
            "name_folded": fold(v["full_name"]),
            "sort_key": sort_key(v["full_name"]),
            "birth_latest": PartialDate(v["birth_year"], v["birth_month"], v["birth_day"]).latest(),
            "search_text": search_document(
                v["personal_id"], v["caregiver_name"], names(v["village_id"])
            ),
        }
    return {}


def _insert_new(
    session: Session, inserts: dict[str, tuple[str, dict[str, Any]]], names: _VillageNames
) -> None:
    """Write a page's new rows with one executemany per table (FTS triggers index them)."""
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for row_id, (entity, values) in list(inserts.items()):
        if any(values.get(c) is None for c in _REQUIRED[entity]):
            del inserts[row_id]  # incomplete (a newer or faulty sender): left on the server
            continue
        values.update(_derived(entity, values, names))
        by_entity.setdefault(entity, []).append(values)
    session.flush()  # the ORM's own pending rows first
    for entity, rows in by_entity.items():
        session.execute(insert(table_of(SYNCED_TABLES[entity])), rows)


class SyncStore:
    """Sync use cases the register holds: its settings, outbox, pulls, conflicts, failures."""

    def __init__(self, db: WritePath):
        self.db = db

    # ---- settings ------------------------------------------------------------------------

    def sync_cursor(self) -> int:
        return int(self.db.setting(CURSOR_KEY) or 0)

    def init_reader(self, unit_code: str) -> None:
        """Make this (empty) database a read-only copy of every commune beneath `unit_code`."""
        from desktop import reference

        if reference.unit(unit_code) is None:
            raise ValidationError([Problem("unit", f"mã đơn vị “{unit_code}” không có.")])
        if self.db.commune_code:
            raise ValidationError(
                [Problem("unit", f"cơ sở dữ liệu này đã thuộc xã {self.db.commune_code}.")]
            )
        if self.db.reader and self.db.reader_unit != unit_code:
            raise ValidationError(
                [Problem("unit", f"cơ sở dữ liệu này đã dùng cho đơn vị {self.db.reader_unit}.")]
            )
        self.db.set_settings({ROLE_KEY: "reader", UNIT_KEY: unit_code})
        self.db.reader, self.db.reader_unit = True, unit_code

    def area_codes(self) -> set[str]:
        """The communes whose rows this database holds: its own, or every one pulled."""
        if not self.db.reader:
            return {self.db.commune_code} if self.db.commune_code else set()
        with self.db.engine.connect() as conn:
            return {r[0] for r in conn.execute(text("SELECT DISTINCT commune_code FROM child"))}

    # ---- outbox --------------------------------------------------------------------------

    def outbox(self, limit: int) -> list[OutboxEntry]:
        """The oldest unsent change-log entries, in seq order, as they go on the wire."""
        with Session(self.db.engine) as session:
            rows = session.exec(
                select(ChangeLog)
                .where(ChangeLog.sent_at == None)  # noqa: E711
                .order_by(col(ChangeLog.seq))
                .limit(limit)
            ).all()
        entries = []
        for row in rows:
            fields = json.loads(row.fields)
            by = fields.get("updated_by", "")
            wire = {
                k: _wire_value(row.entity, k, v)
                for k, v in fields.items()
                if k not in DERIVED_FIELDS and k not in ENVELOPE_FIELDS
            }
            assert row.seq is not None
            entries.append(
                OutboxEntry(
                    row.seq, row.entity, row.row_id, row.commune_code, row.hlc,
                    by or self.db.user, row.base, wire,
                )
            )  # fmt: skip
        return entries

    def last_seq(self) -> int:
        """The newest change-log sequence number of this database (0 when empty)."""
        with self.db.engine.connect() as conn:
            last = conn.execute(text("SELECT COALESCE(MAX(seq), 0) FROM change_log"))
            return int(last.scalar_one())

    def mark_sent(self, acked: int, rejections: dict[int, str]) -> int:
        """After the server's acknowledgement: entries up to `acked` are sent; keep refusals.

        Returns how many entries were newly marked.
        """
        now = datetime.now(UTC)
        with Session(self.db.engine) as session:
            refused = set(rejections)
            if refused:
                for entry in session.exec(
                    select(ChangeLog).where(col(ChangeLog.seq).in_(refused))
                ).all():
                    assert entry.seq is not None
                    session.merge(
                        SyncFailure(
                            seq=entry.seq, entity=entry.entity, row_id=entry.row_id,
                            message=rejections[entry.seq], at=now,
                        )
                    )  # fmt: skip
            marked = session.execute(
                update(ChangeLog)
                .where(
                    col(ChangeLog.sent_at).is_(None),
                    (col(ChangeLog.seq) <= acked) | col(ChangeLog.seq).in_(refused),
                )
                .values(sent_at=now)
            )
            assert isinstance(marked, CursorResult)  # an UPDATE's result counts its rows
            done = marked.rowcount
            # A later accepted change to a record clears that record's older refusals.
            latest: dict[str, int] = {}
            for row_id, seq in session.exec(
                select(ChangeLog.row_id, ChangeLog.seq).where(
                    col(ChangeLog.seq) <= acked,
                    col(ChangeLog.seq).not_in(refused),
                    col(ChangeLog.sent_at) == now,
                )
            ).all():
                latest[row_id] = max(latest.get(row_id, 0), seq or 0)
            for failure in session.exec(
                select(SyncFailure).where(col(SyncFailure.row_id).in_(latest))
            ).all():
                if failure.seq < latest[failure.row_id]:
                    session.delete(failure)
            session.commit()
        return done

    def restamp(self, stamps: dict[int, str]) -> int:
        """The server gave these changes (by seq) its own clocks: see `desktop.db.restamp`."""
        return restamp.apply(self.db.engine, stamps)

    def record_sync(self, when: datetime | None = None) -> None:
        self.db.set_settings({LAST_SYNC_KEY: (when or datetime.now(UTC)).isoformat()})

    # ---- applying a pull -----------------------------------------------------------------

    def apply_pulled(self, changes: Iterable[Incoming], cursor: int) -> ApplyResult:
        """Apply one pulled page and move the cursor to `cursor`, all in one transaction."""
        changes = list(changes)
        applied = conflicts = skipped = 0
        with self.db.write(upstream=True) as tx:
            session = tx.session
            local = self._local_clocks(session, {c.row_id for c in changes})
            present = self._present(session, changes)
            inserts: dict[str, tuple[str, dict[str, Any]]] = {}  # new rows, written in bulk
            names = _VillageNames(session, inserts)
            top: Timestamp | None = None
            for change in changes:
                model = SYNCED_TABLES.get(change.entity)
                if model is None:
                    skipped += 1  # a newer server's entity: kept on the server, not here
                    continue
                try:
                    stamp = Timestamp.parse(change.hlc)
                except ValueError:
                    skipped += 1
                    continue
                top = stamp if top is None or stamp > top else top
                if model is SyncConflict:
                    self._replace_provisional(session, change)
                if change.row_id in inserts:
                    self._merge_new(inserts[change.row_id][1], change)
                elif change.row_id in present or change.row_id in tx.new_rows:
                    conflicts += self._apply_one(
                        tx, model, change, local.get(change.row_id, {}), names
                    )
                else:
                    inserts[change.row_id] = (change.entity, self._new_values(change))
                applied += 1
                tx.entities.add(change.entity)
                tx.ids.add(change.row_id)
            wanted = len(inserts)
            _insert_new(session, inserts, names)
            skipped += wanted - len(inserts)
            applied -= wanted - len(inserts)
            if top is not None:
                self.db.clock.receive(top)
                session.merge(Setting(key=CLOCK_KEY, value=str(self.db.clock.now())))
            session.merge(Setting(key=CURSOR_KEY, value=str(cursor)))
        self.db.sync_base = cursor  # only once the rows and the cursor are committed
        return ApplyResult(applied, conflicts, skipped)

    def _present(self, session: Session, changes: list[Incoming]) -> set[str]:
        """Ids of the page's rows already stored: one query per table, not one per row."""
        by_entity: dict[str, list[str]] = {}
        for change in changes:
            if change.entity in SYNCED_TABLES:
                by_entity.setdefault(change.entity, []).append(change.row_id)
        present: set[str] = set()
        for entity, ids in by_entity.items():
            present.update(
                session.execute(
                    text(
                        f"SELECT id FROM {entity} WHERE id IN (SELECT value FROM json_each(:ids))"
                    ),
                    {"ids": json.dumps(ids)},
                ).scalars()
            )
        return present

    def _new_values(self, change: Incoming) -> dict[str, Any]:
        converters = _CONVERTERS[change.entity]
        values = dict(_DEFAULTS[change.entity])
        values.update(
            (k, _local_value(change.entity, k, v))
            for k, v in change.fields.items()
            if k in converters and k not in ENVELOPE_FIELDS and k not in DERIVED_FIELDS
        )
        if values.get("created_at") is None:
            values["created_at"] = _hlc_time(change.hlc) or datetime.now(UTC)
        values.update(
            id=change.row_id,
            commune_code=change.commune_code,
            updated_at=change.hlc,
            updated_by=change.by,
        )
        return values

    def _merge_new(self, values: dict[str, Any], change: Incoming) -> None:
        """A later change to a row first seen in the same page (the stream is in order)."""
        converters = _CONVERTERS[change.entity]
        values.update(
            (k, _local_value(change.entity, k, v))
            for k, v in change.fields.items()
            if k in converters and k not in ENVELOPE_FIELDS and k not in DERIVED_FIELDS
        )
        if change.hlc > values["updated_at"]:
            values["updated_at"], values["updated_by"] = change.hlc, change.by

    def _local_clocks(
        self, session: Session, row_ids: set[str]
    ) -> dict[str, dict[str, tuple[str, bool, int]]]:
        """Per row and field: the latest local edit's clock, whether it is unsent, its seq."""
        clocks: dict[str, dict[str, tuple[str, bool, int]]] = {}
        if not row_ids:
            return clocks
        rows = session.execute(
            text(
                "SELECT row_id, fields, hlc, sent_at IS NULL, seq FROM change_log "
                "WHERE row_id IN (SELECT value FROM json_each(:ids)) ORDER BY seq"
            ),
            {"ids": json.dumps(sorted(row_ids))},
        ).all()
        for row_id, fields, hlc, unsent, seq in rows:
            per_row = clocks.setdefault(row_id, {})
            for key in json.loads(fields):
                per_row[key] = (hlc, bool(unsent), seq)
        return clocks

    def _apply_one(
        self,
        tx: Tx,
        model: type[Synced],
        change: Incoming,
        local: dict[str, tuple[str, bool, int]],
        names: _VillageNames,
    ) -> int:
        """A change to a stored row: field by field, never silently over an unsent edit."""
        session = tx.session
        converters = _CONVERTERS[change.entity]
        incoming = {
            k: _local_value(change.entity, k, v)
            for k, v in change.fields.items()
            if k in converters and k not in ENVELOPE_FIELDS and k not in DERIVED_FIELDS
        }
        row = tx.new_rows.get(change.row_id) or session.get(model, change.row_id)
        assert row is not None  # the caller found it in this page or the database
        conflicts = 0
        won: dict[str, Any] = {}
        for key, value in incoming.items():
            mine = local.get(key)
            if mine is not None:
                my_hlc, unsent, _seq = mine
                if my_hlc >= change.hlc:
                    continue  # our edit is later: it stays (the server decides the same way)
                if unsent and getattr(row, key) != value:
                    conflicts += self._record_conflict(tx, row, key, change, value, my_hlc)
            won[key] = value
        if not won:
            return conflicts
        for key, value in won.items():
            setattr(row, key, value)
        if change.hlc > row.updated_at:
            row.updated_at, row.updated_by = change.hlc, change.by
        values = {c: getattr(row, c) for c in _CONVERTERS[change.entity]}
        for key, value in _derived(change.entity, values, names).items():
            setattr(row, key, value)
        session.add(row)
        if isinstance(row, Village) and "name" in won:
            for child in session.exec(select(Child).where(Child.village_id == row.id)):
                child.search_text = search_document(
                    child.personal_id, child.caregiver_name, row.name
                )
                session.add(child)
        return conflicts

    def _record_conflict(
        self, tx: Tx, row: Synced, key: str, change: Incoming, value: Any, my_hlc: str
    ) -> int:
        """Our unsent edit of `key` lost to a later one: keep ours as a conflict record now.

        The record is provisional: our edit still goes up, the server finds the same conflict
        and sends its own record, which then replaces this one (see `_replace_provisional`).
        """
        entity = table_name(row)
        cid = conflict_id(entity, row.id, key, my_hlc)
        if tx.session.get(SyncConflict, cid) is not None:
            return 0
        tx.session.add(
            SyncConflict(
                id=cid,
                commune_code=row.commune_code,
                created_at=datetime.now(UTC),
                updated_at=change.hlc,
                updated_by=change.by,
                entity=entity,
                row_id=row.id,
                field=key,
                kept_value=json.dumps(_json(value), ensure_ascii=False),
                kept_hlc=change.hlc,
                lost_value=json.dumps(_json(getattr(row, key)), ensure_ascii=False),
                lost_hlc=my_hlc,
                lost_by=self.db.user,
            )
        )
        tx.entities.add(entity)
        return 1

    def _replace_provisional(self, session: Session, change: Incoming) -> None:
        """A server conflict record arrived: drop our provisional copy of the same conflict."""
        f = change.fields
        if not all(k in f for k in ("entity", "row_id", "field", "lost_hlc")):
            return
        cid = conflict_id(f["entity"], f["row_id"], f["field"], f["lost_hlc"])
        if cid == change.row_id:
            return
        mine = session.get(SyncConflict, cid)
        if mine is not None and not mine.resolved:
            session.delete(mine)
            session.flush()

    # ---- what the Đồng bộ page shows -----------------------------------------------------

    def sync_state(self) -> SyncState:
        with Session(self.db.engine) as session:
            unsent = session.exec(
                select(func.count()).select_from(ChangeLog).where(ChangeLog.sent_at == None)  # noqa: E711
            ).one()
            failures = [
                SyncFailureView(f.entity, f.row_id, self._record_label(session, f.entity, f.row_id),
                                f.message)
                for f in session.exec(select(SyncFailure).order_by(col(SyncFailure.seq)))
            ]  # fmt: skip
            open_conflicts = session.exec(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved == False, SyncConflict.deleted == False)  # noqa: E712
            ).one()
            last = session.get(Setting, LAST_SYNC_KEY)
        return SyncState(
            last_sync=datetime.fromisoformat(last.value) if last else None,
            unsent=unsent,
            failures=failures,
            conflicts_open=open_conflicts,
        )

    def conflicts(self, include_resolved: bool = False) -> list[ConflictView]:
        with Session(self.db.engine) as session:
            query = select(SyncConflict).where(SyncConflict.deleted == False)  # noqa: E712
            if not include_resolved:
                query = query.where(SyncConflict.resolved == False)  # noqa: E712
            rows = session.exec(query.order_by(col(SyncConflict.created_at).desc())).all()
            return [self._conflict_view(session, c) for c in rows]

    def _conflict_view(self, session: Session, c: SyncConflict) -> ConflictView:
        kept, lost = json.loads(c.kept_value), json.loads(c.lost_value)
        return ConflictView(
            id=c.id,
            entity=c.entity,
            entity_label=ENTITY_LABELS.get(c.entity, c.entity),
            row_id=c.row_id,
            record_label=self._record_label(session, c.entity, c.row_id),
            field=c.field,
            field_label=field_label(c.field),
            kept_value=kept,
            kept_text=self._value_text(session, c.field, kept),
            kept_at=_hlc_time(c.kept_hlc),
            lost_value=lost,
            lost_text=self._value_text(session, c.field, lost),
            lost_at=_hlc_time(c.lost_hlc),
            lost_by=c.lost_by,
            resolved=c.resolved,
        )

    def _record_label(self, session: Session, entity: str, row_id: str) -> str:
        kind = ENTITY_LABELS.get(entity, entity)
        model = SYNCED_TABLES.get(entity)
        row = session.get(model, row_id) if model else None
        if row is None:
            return f"{kind} {row_id[:8]}"
        for attr in ("full_name", "name", "title", "label"):
            if getattr(row, attr, None):
                return f"{kind} {getattr(row, attr)}"
        child_id = getattr(row, "child_id", None)
        child = session.get(Child, child_id) if child_id else None
        if child is not None:
            return f"{kind} của {child.full_name}"
        return f"{kind} {row_id[:8]}"

    def _value_text(self, session: Session, key: str, value: Any) -> str:
        if value is None or value == "":
            return "(trống)"
        if isinstance(value, bool):
            return "Có" if value else "Không"
        if key == "sex":
            return cat.label(cat.SEXES, value) or str(value)
        if key == "village_id":
            village = session.get(Village, value)
            return village.name if village else str(value)
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return date.fromisoformat(value).strftime("%d/%m/%Y")
            except ValueError:
                pass
        return str(value)

    def resolve_conflict(self, conflict_id: str, keep: Literal["kept", "lost"]) -> Changes:
        """The officer's choice. Keeping the lost value is an ordinary edit, synced upward."""
        if keep not in ("kept", "lost"):
            raise ValidationError([Problem("keep", f"lựa chọn “{keep}” không hợp lệ.")])
        with self.db.write() as tx:
            conflict = self.db.get(tx, SyncConflict, conflict_id)
            if keep == "lost":
                model = SYNCED_TABLES.get(conflict.entity)
                if model is None or conflict.field not in _CONVERTERS[conflict.entity]:
                    raise ValidationError(
                        [Problem("field", f"không sửa được trường “{conflict.field}”.")]
                    )
                row = self.db.get(tx, model, conflict.row_id)
                lost = json.loads(conflict.lost_value)
                value = _local_value(conflict.entity, conflict.field, lost)
                values = {c: getattr(row, c) for c in _CONVERTERS[conflict.entity]}
                values[conflict.field] = value
                derived = _derived(conflict.entity, values, _VillageNames(tx.session, {}))
                self.db.update(tx, row, **{conflict.field: value}, **derived)
            self.db.update(tx, conflict, resolved=True)
            return tx.changes()
