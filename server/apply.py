"""Apply a push batch: idempotent per (device, seq), scoped, merged per field, one transaction.

A device's seqs arrive in order, so `device.acked_seq` recognises a replay (refused changes
count as processed; their messages are kept to be told again). `device.acked_hlc` tells a
replay from a desktop restored from an old backup, which numbers new edits from an old seq
again but with later clocks: that batch is refused as a whole (nothing would be marked sent
wrongly) and the device needs a new token. An empty push asks for the stored `acked`.

Each stored row keeps a clock per field: ``[hlc, rev, device, by]``. An incoming change whose
``base`` (the cursor its device had pulled to) is older than the stored field's revision, from
another device, was made concurrently: the later HLC is kept and the other value becomes a
``sync_conflict`` record in the pull stream — nothing is dropped silently.

Revisions are handed out from the one-row `rev_counter` table late in the transaction; its row
lock is held until COMMIT, so revisions become visible in order and a pull by cursor never skips
a transaction that commits late. Rows are locked in key order, so concurrent pushes from many
devices queue instead of deadlocking; a deadlock or a lost insert race is retried.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, bindparam, insert, select, tuple_, update
from sqlalchemy.exc import DBAPIError
from uuid6 import uuid7

from desktop.sync.protocol import (
    CONFLICT_ENTITY,
    VERSION,
    Change,
    ConflictFields,
    PushRequest,
    PushResponse,
    Rejection,
)
from server import entities
from server.auth import Caller
from server.schema import change, device, record, rejection, rev_counter

_HLC = re.compile(r"^\d{13}-\d{4}-.{1,40}$")
_RETRIES = 8
_SCALARS = (str, int, float, bool, type(None))


class Restored(Exception):
    """The device reuses seqs with new work (a restored backup): refuse the batch, lose nothing."""


class Refused(Exception):
    """One change refused; its message (Vietnamese, naming the record) goes back to the device."""


@dataclass
class _Row:
    commune: str
    data: dict[str, Any]
    clock: dict[str, list]
    new: bool
    dirty: bool = False


@dataclass
class _Emit:
    entity: str
    row_id: str
    commune: str
    hlc: str
    by: str
    device_id: str | None
    fields: dict[str, Any]


@dataclass
class _Batch:
    rows: dict[tuple[str, str], _Row]
    emits: list[_Emit] = field(default_factory=list)

    def emit(self, item: _Emit) -> int:
        """Queue a change for the stream; returns a placeholder revision (negative)."""
        self.emits.append(item)
        return -len(self.emits)


def push(engine: Engine, caller: Caller, request: PushRequest) -> PushResponse:
    """Apply one batch in one transaction, retrying when the database asks us to."""
    return push_many(engine, caller, [request])[0]


def push_many(engine: Engine, caller: Caller, requests: list[PushRequest]) -> list[PushResponse]:
    """Apply several batches of one device (a USB bundle) all together or not at all."""
    for attempt in range(_RETRIES):
        try:
            with engine.begin() as conn:
                return [_push(conn, caller, request) for request in requests]
        except DBAPIError as exc:
            if attempt == _RETRIES - 1 or not _retryable(exc):
                raise
            time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
    raise AssertionError("unreachable")


def _retryable(exc: DBAPIError) -> bool:
    state = getattr(exc.orig, "sqlstate", None)
    if state in {"40001", "40P01", "23505"}:  # serialization, deadlock, lost insert race
        return True
    return "database is locked" in str(exc.orig)


def _push(conn: Connection, caller: Caller, request: PushRequest) -> PushResponse:
    state = conn.execute(
        select(device.c.acked_seq, device.c.acked_hlc)
        .where(device.c.id == caller.name)
        .with_for_update()
    ).one()
    acked, acked_hlc = state.acked_seq, state.acked_hlc
    seen: set[int] = set()
    fresh: list[Change] = []
    replayed: list[int] = []
    for item in sorted(request.changes, key=lambda c: c.seq):
        if item.seq in seen:
            continue
        seen.add(item.seq)
        if item.seq > acked:
            fresh.append(item)
        elif item.hlc > acked_hlc and _HLC.match(item.hlc):
            raise Restored(_restored_message(item.seq, acked))
        else:
            replayed.append(item.seq)
    rejected = _old_rejections(conn, caller.name, replayed)
    if not fresh:
        return PushResponse(v=VERSION, acked=acked, rejected=rejected)

    batch = _Batch(_lock_rows(conn, fresh))
    new_rejections: list[Rejection] = []
    for item in fresh:
        try:
            _apply(batch, caller, item)
        except Refused as exc:
            new_rejections.append(Rejection(seq=item.seq, message=str(exc)))

    top = fresh[-1].seq
    clocks = [c.hlc for c in fresh if _HLC.match(c.hlc)]
    latest = max([acked_hlc, *clocks])
    conn.execute(
        update(device).where(device.c.id == caller.name).values(acked_seq=top, acked_hlc=latest)
    )
    if new_rejections:
        conn.execute(
            insert(rejection),
            [{"device_id": caller.name, "seq": r.seq, "message": r.message}
             for r in new_rejections],
        )  # fmt: skip
    _write(conn, batch)
    return PushResponse(v=VERSION, acked=top, rejected=rejected + new_rejections)


def _restored_message(seq: int, acked: int) -> str:
    return (
        f"Máy chủ đã nhận đến thay đổi số {acked} của máy này, nhưng thay đổi số {seq} vừa gửi "
        "là thay đổi mới: dữ liệu trên máy đã được khôi phục từ bản sao lưu cũ hoặc chép từ máy "
        "khác. Chưa ghi gì; hãy xin quản trị máy chủ một token mới cho máy này rồi đồng bộ lại."
    )


def _old_rejections(conn: Connection, device_id: str, seqs: list[int]) -> list[Rejection]:
    if not seqs:
        return []
    rows = conn.execute(
        select(rejection.c.seq, rejection.c.message)
        .where(rejection.c.device_id == device_id, rejection.c.seq.in_(seqs))
        .order_by(rejection.c.seq)
    )
    return [Rejection(seq=seq, message=message) for seq, message in rows]


# Keys and rows travel as typed arrays (`unnest`), so PostgreSQL plans index lookups, in
# psycopg's binary format (`%(name)b`), which needs no quoting of the JSON inside.
_PG_LOCK_RECORDS = (
    "SELECT r.entity, r.id, r.commune_code, r.data, r.clock FROM record AS r "
    "JOIN unnest(%(entity)b::text[], %(id)b::text[]) AS k(entity, id) "
    "ON r.entity = k.entity AND r.id = k.id ORDER BY r.entity, r.id FOR UPDATE OF r"
)


def _lock_rows(conn: Connection, changes: list[Change]) -> dict[tuple[str, str], _Row]:
    """Read (and on PostgreSQL lock, in key order) the stored rows the changes touch."""
    keys = sorted({(c.entity, c.id) for c in changes})
    found: Iterable[Sequence[Any]]
    if conn.dialect.name == "postgresql":
        found = conn.exec_driver_sql(
            _PG_LOCK_RECORDS, {"entity": [e for e, _ in keys], "id": [i for _, i in keys]}
        )
    else:
        found = (
            row
            for start in range(0, len(keys), 200)
            for row in conn.execute(
                select(record.c.entity, record.c.id, record.c.commune_code, record.c.data,
                       record.c.clock)
                .where(tuple_(record.c.entity, record.c.id).in_(keys[start : start + 200]))
            )
        )  # fmt: skip
    return {
        (entity, row_id): _Row(commune, orjson.loads(data), orjson.loads(clock), new=False)
        for entity, row_id, commune, data, clock in found
    }


# ---- one change ---------------------------------------------------------------------------


def _apply(batch: _Batch, caller: Caller, item: Change) -> None:
    name = entities.label(item.entity, item.id)
    if not entities.known(item.entity):
        raise Refused(f"{name}: loại dữ liệu “{item.entity}” không được đồng bộ lên máy chủ.")
    if item.commune != caller.commune:
        raise Refused(
            f"{name}: thuộc xã {item.commune}, máy này chỉ được gửi dữ liệu "
            f"của xã {caller.commune}."
        )
    if not _HLC.match(item.hlc):
        raise Refused(f"{name}: dấu thời gian “{item.hlc}” không hợp lệ.")
    fields, unknown = entities.wire_fields(item.entity, item.fields)
    if unknown:
        raise Refused(f"{name}: không có trường {', '.join(unknown)}.")
    odd = sorted(k for k, v in fields.items() if not isinstance(v, _SCALARS))
    if odd:
        raise Refused(f"{name}: giá trị của trường {', '.join(odd)} phải là giá trị đơn.")
    if fields.get("commune_code", item.commune) != item.commune:
        raise Refused(f"{name}: không được chuyển bản ghi sang xã {fields['commune_code']}.")

    key = (item.entity, item.id)
    row = batch.rows.get(key)
    if row is not None and row.commune != caller.commune:
        raise Refused(
            f"{name}: bản ghi này thuộc xã {row.commune}, máy của xã {caller.commune} "
            "không được sửa."
        )
    if row is not None and item.entity in entities.INSERT_ONLY:
        raise Refused(f"{name}: nhật ký chỉ được ghi thêm, không được sửa.")
    if row is None:
        row = batch.rows[key] = _Row(item.commune, {}, {}, new=True)
    conflicts: list[ConflictFields] = []
    applied = _merge(row, caller, item, fields, conflicts)
    if applied or row.new:
        rev = batch.emit(
            _Emit(item.entity, item.id, row.commune, item.hlc, item.by, caller.name, applied)
        )
        for name_ in applied:
            row.clock[name_] = [item.hlc, rev, caller.name, item.by]
        row.dirty = True
    for conflict in conflicts:
        _record_conflict(batch, row.commune, conflict)


def _merge(
    row: _Row, caller: Caller, item: Change, fields: dict, conflicts: list[ConflictFields]
) -> dict:
    """Per field: apply, or keep the later of two concurrent edits and record the other."""
    applied: dict[str, Any] = {}
    silent = item.entity == CONFLICT_ENTITY  # a resolution is not itself a conflict
    for name, value in fields.items():
        stored = row.clock.get(name)
        if stored is None:
            applied[name] = row.data[name] = value
            continue
        hlc, rev, by_device, by = stored
        concurrent = by_device != caller.name and (rev < 0 or rev > item.base)
        if not concurrent:
            applied[name] = row.data[name] = value
            continue
        current = row.data.get(name)
        incoming_wins = item.hlc > hlc
        if current == value or silent or name in entities.BOOKKEEPING:
            if incoming_wins:
                applied[name] = row.data[name] = value
            continue
        if incoming_wins:
            lost = ConflictFields(
                entity=item.entity, row_id=item.id, field=name,
                kept_value=value, kept_hlc=item.hlc,
                lost_value=current, lost_hlc=hlc, lost_by=by or by_device or "",
            )  # fmt: skip
            applied[name] = row.data[name] = value
        else:
            lost = ConflictFields(
                entity=item.entity, row_id=item.id, field=name,
                kept_value=current, kept_hlc=hlc,
                lost_value=value, lost_hlc=item.hlc, lost_by=item.by or caller.name,
            )  # fmt: skip
        conflicts.append(lost)
    return applied


def _record_conflict(batch: _Batch, commune: str, conflict: ConflictFields) -> None:
    conflict_id = str(uuid7())
    data = conflict.model_dump()
    later = max(conflict.kept_hlc, conflict.lost_hlc)
    batch.rows[(CONFLICT_ENTITY, conflict_id)] = _Row(commune, data, {}, new=True, dirty=True)
    # Made by the server (no device): both sides of the conflict pull it, and the readers.
    batch.emit(_Emit(CONFLICT_ENTITY, conflict_id, commune, later, "", None, data))


# ---- writing ------------------------------------------------------------------------------


def _write(conn: Connection, batch: _Batch) -> None:
    if not batch.emits:
        return
    count = len(batch.emits)
    top = conn.execute(
        update(rev_counter)
        .where(rev_counter.c.id == 1)
        .values(rev=rev_counter.c.rev + count)
        .returning(rev_counter.c.rev)
    ).scalar_one()
    first = top - count + 1

    def real(rev: int) -> int:
        return first + (-rev - 1) if rev < 0 else rev

    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for (entity, row_id), row in batch.rows.items():
        if not row.dirty:
            continue
        clock = {k: [v[0], real(v[1]), v[2], v[3]] for k, v in row.clock.items()}
        values = {
            "entity": entity, "id": row_id, "commune_code": row.commune,
            "data": _text(row.data), "clock": _text(clock),
        }  # fmt: skip
        (inserts if row.new else updates).append(values)
    changes = [
        {
            "rev": first + i, "entity": e.entity, "row_id": e.row_id,
            "commune_code": e.commune, "hlc": e.hlc, "by": e.by, "device_id": e.device_id,
            "fields": _text(e.fields),
        }
        for i, e in enumerate(batch.emits)
    ]  # fmt: skip
    if conn.dialect.name == "postgresql":
        _write_postgresql(conn, inserts, updates, changes)
        return
    if inserts:
        conn.execute(insert(record), inserts)
    if updates:
        conn.execute(
            update(record)
            .where(record.c.entity == bindparam("k_entity"), record.c.id == bindparam("k_id"))
            .values(data=bindparam("data"), clock=bindparam("clock")),
            [{**u, "k_entity": u["entity"], "k_id": u["id"]} for u in updates],
        )
    conn.execute(insert(change), changes)


def _text(value: Any) -> str:
    return orjson.dumps(value).decode()


# On PostgreSQL each table is written by one statement: the revision counter is held meanwhile,
# so every round trip here is paid by every device waiting behind this push.
_PG_INSERT_RECORDS = (
    "INSERT INTO record (entity, id, commune_code, data, clock) "
    "SELECT * FROM unnest(%(entity)b::text[], %(id)b::text[], "
    "%(commune_code)b::text[], %(data)b::text[], %(clock)b::text[])"
)
_PG_UPDATE_RECORDS = (
    "UPDATE record AS r SET data = v.data, clock = v.clock "
    "FROM unnest(%(entity)b::text[], %(id)b::text[], %(data)b::text[], "
    "%(clock)b::text[]) AS v(entity, id, data, clock) "
    "WHERE r.entity = v.entity AND r.id = v.id"
)
_PG_INSERT_CHANGES = (
    'INSERT INTO change (rev, entity, row_id, commune_code, hlc, "by", device_id, fields) '
    "SELECT * FROM unnest(%(rev)b::bigint[], %(entity)b::text[], "
    "%(row_id)b::text[], %(commune_code)b::text[], %(hlc)b::text[], "
    "%(by)b::text[], %(device_id)b::text[], %(fields)b::text[])"
)


def _write_postgresql(conn: Connection, inserts: list, updates: list, changes: list) -> None:
    for statement, rows in ((_PG_INSERT_RECORDS, inserts), (_PG_UPDATE_RECORDS, updates),
                            (_PG_INSERT_CHANGES, changes)):  # fmt: skip
        if rows:  # a lost race to insert the same new row fails here and is retried
            # One array per column, the shape `unnest` takes; names a statement leaves unused
            # (`commune_code` of an update) are not sent.
            conn.exec_driver_sql(statement, {name: [r[name] for r in rows] for name in rows[0]})
