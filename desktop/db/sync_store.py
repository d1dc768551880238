"""The register's side of sync: the outbox, pulled pages, conflicts, refusals and set-asides.

Plain data in and out (no protocol types: `desktop.sync` builds the messages). Applying pulled
pages is `pull_apply.PullApplier` (change by change, short transactions, what cannot be applied
set aside); the values between wire and columns are `sync_values`.

The outbox hands out unsent entries oldest first, one incarnation at a time (the server knows a
change by device, incarnation and seq: `desktop.db.incarnation`). A change the server refused
is never counted as sent: it stays unsent, out of the outbox, shown with the server's message
until a later change to its record is accepted. A record whose creation was refused goes up
whole with its next change (or `resend_refused`), since the server has no row to apply a
part to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import takewhile
from typing import Any, Literal, NamedTuple

from sqlalchemy import CursorResult, func, text, update
from sqlmodel import Session, col, select

from desktop.db import accounts, incarnation, restamp
from desktop.db.changes import Changes
from desktop.db.models import (
    SYNCED_TABLES,
    ChangeLog,
    Child,
    Setting,
    SyncConflict,
    SyncFailure,
    SyncUnapplied,
    Village,
    table_name,
)
from desktop.db.pull_apply import ApplyResult, Check, Incoming, PullApplier
from desktop.db.sealing import SEALED_FIELDS, Locked, is_sealed, sealed_field
from desktop.db.sync_values import (
    CONVERTERS,
    DERIVED_FIELDS,
    ENVELOPE_FIELDS,
    VillageNames,
    conflict_id,
    derived,
    hlc_time,
    json_value,
    local_value,
    wire_value,
)
from desktop.db.write_path import CURSOR_KEY, ROLE_KEY, UNIT_KEY, WritePath
from desktop.domain import categories as cat
from desktop.domain.hlc import Timestamp
from desktop.domain.validation import FIELD_LABELS, Problem, ValidationError

__all__ = [
    "ApplyResult", "Check", "ConflictView", "Incoming", "Marked", "OutboxEntry", "SyncFailureView",
    "SyncState", "SyncStore", "conflict_id",
]  # fmt: skip

LAST_SYNC_KEY = "sync.last_sync"

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

# Entries waiting to go up: not sent, and not refused (a refusal waits for a fix instead).
_PENDING = "sent_at IS NULL AND seq NOT IN (SELECT seq FROM sync_failure)"


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key) or _MORE_LABELS.get(key, key)


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
    incarnation: str = ""  # the copy of the database that wrote it ("" before there were any)


@dataclass(frozen=True)
class Marked:
    """What an acknowledgement did: entries now sent, and refusals new to this desktop."""

    sent: int
    refused: int


class SyncFailureView(NamedTuple):
    """(entity, row_id, label, message, kind) of a change that did not get through:
    kind "refused" (the server refused it) or "unapplied" (pulled, set aside here)."""

    entity: str
    row_id: str
    label: str
    message: str
    kind: str = "refused"


@dataclass(frozen=True)
class SyncState:
    last_sync: datetime | None
    unsent: int  # refused changes included: they have not got through
    failures: list[SyncFailureView]
    conflicts_open: int
    # Unsent protection-case changes this session cannot open for the wire: they (and what
    # follows them) go up at the next sync of an officer's session.
    held_for_officer: int = 0
    notice: str | None = None  # a restore not yet settled with the server


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


def restore_notice(note: dict[str, Any]) -> str:
    """The Đồng bộ page's sentence for a restore the server has not seen yet."""
    source = f"“{note['file']}”" if isinstance(note.get("file"), str) else ""
    return (
        f"Dữ liệu trên máy này đã được khôi phục từ bản sao lưu {source}".rstrip()
        + ". Lần đồng bộ tới sẽ đối chiếu với máy chủ: các thay đổi chưa gửi được gửi (không "
        "trùng với thay đổi cũ), và những gì máy này đã gửi sau lúc sao lưu được tải về lại."
    )


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

    @property
    def incarnation(self) -> str:
        """This copy of the database (`desktop.db.incarnation`)."""
        return self.db.incarnation

    def restored(self) -> dict[str, Any] | None:
        """The note of a restore the server has not been told of yet (None when there is none)."""
        return incarnation.restored_note(self.db.settings())

    def restore_settled(self) -> None:
        """The first sync after a restore went through: the note is no longer needed."""
        self.db.set_settings({incarnation.RESTORED_KEY: None})

    # ---- outbox --------------------------------------------------------------------------

    def outbox(self, limit: int, one_incarnation: bool = True) -> list[OutboxEntry]:
        """The oldest changes waiting to go up, in seq order, as they go on the wire; all of one
        incarnation (a push names one) unless `one_incarnation` is False."""
        with Session(self.db.engine) as session:
            rows = session.exec(
                select(ChangeLog).where(text(_PENDING)).order_by(col(ChangeLog.seq)).limit(limit)
            ).all()
            if rows and one_incarnation:
                rows = list(takewhile(lambda r: r.incarnation == rows[0].incarnation, rows))
            whole = self._refused_creations(session, {r.row_id for r in rows})
            entries = []
            for row in rows:
                fields = json.loads(row.fields)
                by = fields.get("updated_by", "")
                if row.row_id in whole:
                    fields = self._whole_row(session, row.entity, row.row_id) or fields
                wire = {
                    k: wire_value(row.entity, k, v)
                    for k, v in fields.items()
                    if k not in DERIVED_FIELDS and k not in ENVELOPE_FIELDS
                }
                try:
                    wire = self._opened_for_wire(row.entity, wire)
                except Locked:
                    break  # in order, or not at all: the rest waits for an officer's session
                assert row.seq is not None
                entries.append(
                    OutboxEntry(
                        row.seq, row.entity, row.row_id, row.commune_code, row.hlc,
                        by or self.db.user, row.base, wire, row.incarnation,
                    )
                )  # fmt: skip
        return entries

    def _refused_creations(self, session: Session, row_ids: set[str]) -> set[str]:
        """Records whose creation the server refused (it holds no row of theirs)."""
        if not row_ids:
            return set()
        return set(
            session.execute(
                text(
                    "SELECT f.row_id FROM sync_failure f JOIN change_log c ON c.seq = f.seq "
                    "WHERE json_extract(c.fields, '$.created_at') IS NOT NULL "
                    "AND f.row_id IN (SELECT value FROM json_each(:ids))"
                ),
                {"ids": json.dumps(sorted(row_ids))},
            ).scalars()
        )

    def _whole_row(self, session: Session, entity: str, row_id: str) -> dict[str, Any] | None:
        """Every field of a record as it stands, the way its creation was logged."""
        model = SYNCED_TABLES.get(entity)
        row = session.get(model, row_id) if model is not None else None
        if row is None:
            return None
        return {k: json_value(v) for k, v in row.model_dump(exclude={"id"}).items()}

    def _opened_for_wire(self, entity: str, wire: dict[str, Any]) -> dict[str, Any]:
        """Case narrative travels as typed: the server and the district see what they always
        did (the seal protects this PC's file, not the wire, which is HTTPS or a sealed bundle)."""
        seal = self.db.seal
        if entity in SEALED_FIELDS:
            return seal.open_values(entity, wire)
        if entity == table_name(SyncConflict) and sealed_field(
            str(wire.get("entity", "")), str(wire.get("field", ""))
        ):
            return {
                k: seal.open(wire["entity"], wire["field"], v)
                if k in ("kept_value", "lost_value") else v
                for k, v in wire.items()
            }  # fmt: skip
        return wire

    def _held(self, session: Session) -> int:
        """Unsent case changes whose narrative this session cannot open (not an officer's)."""
        if self.db.seal.can_open:
            return 0
        held = 0
        for fields in session.exec(
            select(ChangeLog.fields).where(
                ChangeLog.sent_at == None,  # noqa: E711
                col(ChangeLog.entity).in_(list(SEALED_FIELDS)),
            )
        ):
            held += any(is_sealed(v) for v in json.loads(fields).values())
        return held

    def last_seq(self) -> int:
        """The newest change-log sequence number of this database (0 when empty)."""
        with self.db.engine.connect() as conn:
            last = conn.execute(text("SELECT COALESCE(MAX(seq), 0) FROM change_log"))
            return int(last.scalar_one())

    def mark_sent(self, acked: int, rejections: dict[int, str], incarnation: str = "") -> Marked:
        """After the server's acknowledgement of a push of `incarnation`'s changes: those up to
        `acked` are sent, except the refused ones, which are kept with the server's message and
        stay unsent (never counted as sent)."""
        now = datetime.now(UTC)
        refused = set(rejections)
        with Session(self.db.writer) as session:
            known = set(
                session.exec(select(SyncFailure.seq).where(col(SyncFailure.seq).in_(refused)))
            )
            for entry in session.exec(select(ChangeLog).where(col(ChangeLog.seq).in_(refused))):
                assert entry.seq is not None
                session.merge(
                    SyncFailure(
                        seq=entry.seq, entity=entry.entity, row_id=entry.row_id,
                        message=rejections[entry.seq], at=now,
                    )
                )  # fmt: skip
            session.flush()
            marked = session.execute(
                update(ChangeLog)
                .where(
                    text(_PENDING),
                    col(ChangeLog.incarnation) == incarnation,
                    col(ChangeLog.seq) <= acked,
                )
                .values(sent_at=now)
                .execution_options(synchronize_session=False)
            )
            assert isinstance(marked, CursorResult)  # an UPDATE's result counts its rows
            done = marked.rowcount
            self._settle_refusals(session, now)
            session.commit()
        return Marked(done, len(refused - known))

    def _settle_refusals(self, session: Session, now: datetime) -> None:
        """A later accepted change to a record settles its older refusals: they are gone from
        the list, and their entries count as sent (the record went up as it stands)."""
        latest: dict[str, int] = {}
        for row_id, seq in session.exec(
            select(ChangeLog.row_id, ChangeLog.seq).where(col(ChangeLog.sent_at) == now)
        ).all():
            latest[row_id] = max(latest.get(row_id, 0), seq or 0)
        if not latest:
            return
        settled = [
            f
            for f in session.exec(select(SyncFailure).where(col(SyncFailure.row_id).in_(latest)))
            if f.seq < latest[f.row_id]
        ]
        for failure in settled:
            session.delete(failure)
        session.execute(
            update(ChangeLog)
            .where(
                col(ChangeLog.seq).in_([f.seq for f in settled]), col(ChangeLog.sent_at).is_(None)
            )
            .values(sent_at=now)
            .execution_options(synchronize_session=False)
        )

    def resend_refused(self) -> Changes:
        """Send every refused record again, whole, as it stands now (after the officer fixed it,
        or the server's rules changed): one new change per record."""
        with self.db.write() as tx:
            refused = tx.session.exec(select(SyncFailure.entity, SyncFailure.row_id).distinct())
            for entity, row_id in refused.all():
                model = SYNCED_TABLES.get(entity)
                row = tx.session.get(model, row_id) if model is not None else None
                if row is None:
                    continue
                row.updated_at, row.updated_by = str(self.db.clock.now()), self.db.user
                tx.session.add(row)
                self.db.log(tx, row, row.model_dump(exclude={"id"}))
            return tx.changes()

    def restamp(self, stamps: dict[int, str]) -> int:
        """The server gave these changes (by seq) its own clocks: see `desktop.db.restamp`.
        The clock moves past them, so a later edit here sorts after them."""
        changed = restamp.apply(self.db.writer, stamps)
        for value in stamps.values():
            try:
                self.db.clock.receive(Timestamp.parse(value))
            except ValueError:
                continue
        return changed

    def record_sync(self, when: datetime | None = None) -> None:
        self.db.set_settings({LAST_SYNC_KEY: (when or datetime.now(UTC)).isoformat()})

    # ---- applying a pull -----------------------------------------------------------------

    def apply_pulled(
        self, changes: Iterable[Incoming], cursor: int, check: Check | None = None
    ) -> ApplyResult:
        """Apply one pulled page change by change and move the cursor to `cursor`; what cannot
        be applied is set aside (`desktop.db.pull_apply`)."""
        return PullApplier(self.db, check).apply(changes, cursor)

    def retry_unapplied(self, check: Check | None = None) -> ApplyResult:
        """Apply the pulled changes set aside earlier that can be applied now."""
        return PullApplier(self.db, check).retry()

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
            for kept in session.exec(select(SyncUnapplied).order_by(col(SyncUnapplied.rev))):
                label = self._record_label(session, kept.entity, kept.row_id, kept.fields)
                message = f"Máy này chưa áp dụng được: {kept.message}"
                failures.append(SyncFailureView(kept.entity, kept.row_id, label, message,
                                                "unapplied"))  # fmt: skip
            open_conflicts = session.exec(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved == False, SyncConflict.deleted == False)  # noqa: E712
            ).one()
            if not accounts.may_see_cases(self.db.role):
                open_conflicts -= self._case_conflicts(session)
            last = session.get(Setting, LAST_SYNC_KEY)
            held = self._held(session)
        note = self.restored()
        return SyncState(
            last_sync=datetime.fromisoformat(last.value) if last else None,
            unsent=unsent,
            failures=failures,
            conflicts_open=open_conflicts,
            held_for_officer=held,
            notice=restore_notice(note) if note else None,
        )

    @staticmethod
    def _case_conflicts(session: Session) -> int:
        return session.exec(
            select(func.count())
            .select_from(SyncConflict)
            .where(
                SyncConflict.resolved == False,  # noqa: E712
                SyncConflict.deleted == False,  # noqa: E712
                col(SyncConflict.entity).in_(list(SEALED_FIELDS)),
            )
        ).one()

    def conflicts(self, include_resolved: bool = False) -> list[ConflictView]:
        """Open conflicts; those about protection cases only for the officer."""
        with Session(self.db.engine) as session:
            query = select(SyncConflict).where(SyncConflict.deleted == False)  # noqa: E712
            if not accounts.may_see_cases(self.db.role):
                query = query.where(col(SyncConflict.entity).not_in(list(SEALED_FIELDS)))
            if not include_resolved:
                query = query.where(SyncConflict.resolved == False)  # noqa: E712
            rows = session.exec(query.order_by(col(SyncConflict.created_at).desc())).all()
            return [self._conflict_view(session, c) for c in rows]

    def _conflict_view(self, session: Session, c: SyncConflict) -> ConflictView:
        kept, lost = json.loads(c.kept_value), json.loads(c.lost_value)
        kept = self.db.seal.shown(c.entity, c.field, kept)
        lost = self.db.seal.shown(c.entity, c.field, lost)
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
            kept_at=hlc_time(c.kept_hlc),
            lost_value=lost,
            lost_text=self._value_text(session, c.field, lost),
            lost_at=hlc_time(c.lost_hlc),
            lost_by=c.lost_by,
            resolved=c.resolved,
        )

    def _record_label(
        self, session: Session, entity: str, row_id: str, pulled: str | None = None
    ) -> str:
        kind = ENTITY_LABELS.get(entity, entity[:40])
        if entity in SEALED_FIELDS and not accounts.may_see_cases(self.db.role):
            return f"{kind} (chỉ cán bộ phụ trách xem)"
        model = SYNCED_TABLES.get(entity)
        row = session.get(model, row_id) if model else None
        values: dict[str, Any] = row.model_dump() if row is not None else {}
        if row is None and pulled:  # a pulled record not stored here: what its fields say
            try:
                loaded = json.loads(pulled)
            except ValueError:
                loaded = None
            values = loaded if isinstance(loaded, dict) else {}
        for attr in ("full_name", "name", "title", "label"):
            if isinstance(values.get(attr), str) and values[attr]:
                return f"{kind} {values[attr][:80]}"
        child_id = values.get("child_id")
        child = session.get(Child, child_id) if isinstance(child_id, str) else None
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
            if conflict.entity in SEALED_FIELDS:
                self.db.require_case_access()
            if keep == "lost":
                model = SYNCED_TABLES.get(conflict.entity)
                if model is None or conflict.field not in CONVERTERS[conflict.entity]:
                    raise ValidationError(
                        [Problem("field", f"không sửa được trường “{conflict.field}”.")]
                    )
                row = self.db.get(tx, model, conflict.row_id)
                lost = json.loads(conflict.lost_value)
                try:
                    lost = self.db.seal.open(conflict.entity, conflict.field, lost)
                except Locked as exc:
                    raise ValidationError(
                        [Problem("field", "giá trị đã mã hóa: đăng nhập bằng mật khẩu cán bộ.")]
                    ) from exc
                value = local_value(conflict.entity, conflict.field, lost)
                values = {c: getattr(row, c) for c in CONVERTERS[conflict.entity]}
                values[conflict.field] = value
                derived_values = derived(conflict.entity, values, VillageNames(tx.session, {}))
                self.db.update(tx, row, **{conflict.field: value}, **derived_values)
            self.db.update(tx, conflict, resolved=True)
            return tx.changes()
