"""Apply a push batch: idempotent per (device, incarnation, seq), scoped, merged per field.

A push names the incarnation of the device's database that wrote its changes (a restored
backup is a new incarnation, `desktop.db.incarnation`). A change is known by (device,
incarnation, seq): each incarnation's seqs arrive in order, so its row in `device_incarnation`
recognises a replay (refused changes count as processed; their messages are kept to be told
again), while a restored copy's new edits, numbered from an old seq again, are new work of a
new incarnation and are applied, whatever their clocks say. The changes such a copy carries
from before the backup still name the incarnation that wrote them, and are recognised as the
replays they are. A restored copy's change whose clock does not sort after what the device's
other incarnations stored gets the server's clock (like a clock far ahead, below), so equal or
backward clocks never decide between the two copies' edits. For conflicts, two incarnations of
one device are two writers.

A push that names no incarnation (an older desktop, or changes written before incarnations
existed) is checked against `device.acked_seq` as before; `device.acked_hlc` tells a replay
from such a desktop restored from an old backup, which numbers new edits from an old seq again
but with later clocks: that batch is refused as a whole (409: nothing would be marked sent
wrongly). An empty push asks for the stored `acked`.

Every change is checked before anything of it is stored: its envelope first (entity, commune,
id, clock, author — before any row is looked up), then each field against the record schemas
of `desktop.sync.records` (type, format, time zone, length, codes), and a new record must carry
every required field. A refused change is kept only as its message. A clock more than
`MAX_AHEAD_MS` ahead of the server's is replaced by the server's time (the device is told, in
``restamped``, and again on a replay); a version-1 desktop, which cannot take that, keeps its.

Each stored row keeps a clock per field: ``[hlc, rev, device, by, incarnation]`` (no fifth
element before incarnations). An incoming change whose ``base`` (the cursor its device had
pulled to) is older than the stored field's revision, from another writer (device or
incarnation), was made concurrently: the later HLC is kept and the other value becomes a
``sync_conflict`` record in the pull stream — nothing is dropped silently.

Revisions are handed out from the one-row `rev_counter` table late in the transaction; its row
lock is held until COMMIT, so revisions become visible in order and a pull by cursor never skips
a transaction that commits late. Rows are locked in key order, so concurrent pushes from many
devices queue instead of deadlocking; a deadlock or a lost insert race is retried.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, bindparam, insert, select, tuple_, update
from sqlalchemy.exc import DBAPIError
from uuid6 import uuid7

from desktop.domain import hlc as clocks
from desktop.sync import records
from desktop.sync.protocol import (
    CONFLICT_ENTITY,
    MAX_AHEAD_MS,
    VERSION,
    Change,
    ConflictFields,
    PushRequest,
    PushResponse,
    Rejection,
    Restamp,
)
from desktop.sync.records import printable
from server import entities
from server.auth import Caller
from server.schema import (
    change,
    device,
    device_incarnation,
    record,
    rejection,
    restamp,
    rev_counter,
)

_RETRIES = 8


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
    incarnation: str | None = None


@dataclass
class _Batch:
    rows: dict[tuple[str, str], _Row]
    incarnation: str = ""  # of the push: "" when it names none
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
    ).one()  # the device's row lock: its pushes (every incarnation's) queue here
    named = request.incarnation
    if named is not None and not (named and named.isprintable()):
        named = None
    if named is None:
        acked, acked_hlc = state.acked_seq, state.acked_hlc
    else:
        acked, acked_hlc = _incarnation_state(conn, caller.name, named)
    lineage = named or ""
    seen: set[int] = set()
    fresh: list[Change] = []
    replayed: list[int] = []
    for item in sorted(request.changes, key=lambda c: c.seq):
        if item.seq in seen:
            continue
        seen.add(item.seq)
        clock = _canonical(item.hlc)
        if clock is not None and clock != item.hlc:  # an older desktop's 5-digit counter
            item = item.model_copy(update={"hlc": clock})
        if item.seq > acked:
            fresh.append(item)
        elif named is None and clock is not None and clock > acked_hlc:
            raise Restored(_restored_message(item.seq, acked))
        else:
            replayed.append(item.seq)
    rejected, restamped = _old_outcomes(conn, caller.name, lineage, replayed)
    if not fresh:
        return PushResponse(v=VERSION, acked=acked, rejected=rejected, restamped=restamped)

    new_rejections: list[Rejection] = []
    checked: list[Change] = []
    for item in fresh:  # what would fail before any row is read: refused here, never looked up
        problem = _envelope_refusal(caller, item)
        if problem:
            new_rejections.append(Rejection(seq=item.seq, message=problem))
        else:
            checked.append(item)
    behind = _others_top(conn, caller.name, state.acked_hlc, named) if named else None
    new_stamps = _restamp(checked, behind) if request.v >= 2 else []
    stamps = {r.seq: r.hlc for r in new_stamps}
    batch = _Batch(_lock_rows(conn, checked), lineage)
    for item in checked:
        if item.seq in stamps:
            item = item.model_copy(update={"hlc": stamps[item.seq]})
        try:
            _apply(batch, caller, item)
        except Refused as exc:
            new_rejections.append(Rejection(seq=item.seq, message=str(exc)))
    new_rejections.sort(key=lambda r: r.seq)
    refused = {r.seq for r in new_rejections}
    new_stamps = [r for r in new_stamps if r.seq not in refused]

    top = fresh[-1].seq
    # An incarnation keeps the clocks it stored (restamped ones included); the unnamed lineage
    # keeps the clocks as sent, which its replays are compared with.
    clocks_now = [(named and stamps.get(i.seq)) or _canonical(i.hlc) for i in fresh]
    latest = max([acked_hlc, *(c for c in clocks_now if c)])
    if named is None:
        conn.execute(
            update(device).where(device.c.id == caller.name).values(acked_seq=top, acked_hlc=latest)
        )
    else:
        conn.execute(
            update(device_incarnation)
            .where(
                device_incarnation.c.device_id == caller.name,
                device_incarnation.c.incarnation == named,
            )
            .values(acked_seq=top, acked_hlc=latest)
        )
        conn.execute(update(device).where(device.c.id == caller.name).values(incarnation=named))
    if new_rejections:
        conn.execute(
            insert(rejection),
            [{"device_id": caller.name, "incarnation": lineage, "seq": r.seq,
              "message": r.message} for r in new_rejections],
        )  # fmt: skip
    if new_stamps:
        conn.execute(
            insert(restamp),
            [{"device_id": caller.name, "incarnation": lineage, "seq": r.seq, "hlc": r.hlc}
             for r in new_stamps],
        )  # fmt: skip
    _write(conn, batch)
    return PushResponse(
        v=VERSION,
        acked=top,
        rejected=rejected + new_rejections,
        restamped=restamped + new_stamps,
    )


def _incarnation_state(conn: Connection, device_id: str, named: str) -> tuple[int, str]:
    """(acked seq, latest clock) of one incarnation of a device; a new one starts at 0."""
    found = conn.execute(
        select(device_incarnation.c.acked_seq, device_incarnation.c.acked_hlc).where(
            device_incarnation.c.device_id == device_id,
            device_incarnation.c.incarnation == named,
        )
    ).first()
    if found is not None:
        return found.acked_seq, found.acked_hlc
    conn.execute(insert(device_incarnation).values(device_id=device_id, incarnation=named))
    return 0, ""


def _others_top(conn: Connection, device_id: str, unnamed_hlc: str, named: str) -> str:
    """The latest clock the device's other incarnations stored (pushes naming none included)."""
    others = conn.execute(
        select(device_incarnation.c.acked_hlc).where(
            device_incarnation.c.device_id == device_id,
            device_incarnation.c.incarnation != named,
        )
    ).scalars()
    return max([unnamed_hlc, *others])


def _envelope_refusal(caller: Caller, item: Change) -> str | None:
    """Why a change is refused from its envelope alone (entity, commune, id, clock, author)."""
    name = entities.label(item.entity, item.id)
    if not entities.known(item.entity):
        return f"{name}: loại dữ liệu “{printable(item.entity)}” không được đồng bộ lên máy chủ."
    if item.commune != caller.commune:
        return (
            f"{name}: thuộc xã {printable(item.commune)}, máy này chỉ được gửi dữ liệu "
            f"của xã {caller.commune}."
        )
    _, problems = records.envelope_problems(item.id, item.hlc, item.by)
    return f"{name}: " + "; ".join(problems) if problems else None


class _ServerClock:
    """The server's own hybrid clock: the time a change from a clock far ahead is given."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clock = clocks.HybridClock("server", lambda: time.time_ns() // 1_000_000)

    def now(self) -> clocks.Timestamp:
        with self._lock:
            return self._clock.now()


SERVER_CLOCK = _ServerClock()


def _restamp(changes: list[Change], behind: str | None = None) -> list[Restamp]:
    """Changes stamped more than `MAX_AHEAD_MS` after the server's clock get the server's; so
    do a restored copy's changes that do not sort after `behind`, the latest clock the device's
    other incarnations stored (its clock restarted from the backup's)."""
    limit = time.time_ns() // 1_000_000 + MAX_AHEAD_MS
    stamps = []
    for item in changes:
        stamp = clocks.Timestamp.parse(item.hlc)
        if stamp.millis > limit or (behind and str(stamp) <= behind):
            now = SERVER_CLOCK.now()
            stamps.append(
                Restamp(
                    seq=item.seq, hlc=str(clocks.Timestamp(now.millis, now.counter, stamp.node))
                )
            )
    return stamps


def _canonical(value: str) -> str | None:
    try:
        return clocks.canonical(value)
    except ValueError:
        return None


def _restored_message(seq: int, acked: int) -> str:
    return (
        f"Máy chủ đã nhận đến thay đổi số {acked} của máy này, nhưng thay đổi số {seq} vừa gửi "
        "là thay đổi mới: dữ liệu trên máy đã được khôi phục từ bản sao lưu cũ hoặc chép từ máy "
        "khác. Chưa ghi gì; hãy xin quản trị máy chủ một token mới cho máy này rồi đồng bộ lại."
    )


def _old_outcomes(
    conn: Connection, device_id: str, lineage: str, seqs: list[int]
) -> tuple[list[Rejection], list[Restamp]]:
    """What the first answer to replayed changes said: refusals and new clocks, told again."""
    if not seqs:
        return [], []
    refused, stamped = [], []
    for start in range(0, len(seqs), 500):
        chunk = seqs[start : start + 500]
        refused += [
            Rejection(seq=seq, message=message)
            for seq, message in conn.execute(
                select(rejection.c.seq, rejection.c.message).where(
                    rejection.c.device_id == device_id,
                    rejection.c.incarnation == lineage,
                    rejection.c.seq.in_(chunk),
                )
            )
        ]
        stamped += [
            Restamp(seq=seq, hlc=hlc)
            for seq, hlc in conn.execute(
                select(restamp.c.seq, restamp.c.hlc).where(
                    restamp.c.device_id == device_id,
                    restamp.c.incarnation == lineage,
                    restamp.c.seq.in_(chunk),
                )
            )
        ]
    return sorted(refused, key=lambda r: r.seq), sorted(stamped, key=lambda r: r.seq)


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
    """One change whose envelope is sound (`_envelope_refusal`): its fields, then the merge."""
    name = entities.label(item.entity, item.id)
    key = (item.entity, item.id)
    row = batch.rows.get(key)
    if row is not None and row.commune != caller.commune:
        raise Refused(
            f"{name}: bản ghi này thuộc xã {row.commune}, máy của xã {caller.commune} "
            "không được sửa."
        )
    if row is not None and item.entity in entities.INSERT_ONLY:
        raise Refused(f"{name}: nhật ký chỉ được ghi thêm, không được sửa.")
    wire = entities.without_derived(item.fields)
    if row is None and item.entity == CONFLICT_ENTITY and records.required(item.entity) - set(wire):
        return  # the officer settled a conflict kept only on that PC: the server has its own
    fields, problems = records.field_problems(item.entity, wire, new=row is None)
    if not problems and fields.get("commune_code", item.commune) != item.commune:
        problems.append(f"không được chuyển bản ghi sang xã {fields['commune_code']}.")
    if not problems:
        problems = records.row_problems(item.entity, {**(row.data if row else {}), **fields})
    if problems:
        raise Refused(f"{name}: " + "; ".join(problems))

    if row is None:
        row = batch.rows[key] = _Row(item.commune, {}, {}, new=True)
    conflicts: list[ConflictFields] = []
    applied = _merge(row, caller, batch.incarnation, item, fields, conflicts)
    if applied or row.new:
        rev = batch.emit(
            _Emit(item.entity, item.id, row.commune, item.hlc, item.by, caller.name, applied,
                  batch.incarnation or None)
        )  # fmt: skip
        for name_ in applied:
            row.clock[name_] = [item.hlc, rev, caller.name, item.by, batch.incarnation]
        row.dirty = True
    for conflict in conflicts:
        _record_conflict(batch, row.commune, conflict)


def _merge(
    row: _Row,
    caller: Caller,
    lineage: str,
    item: Change,
    fields: dict,
    conflicts: list[ConflictFields],
) -> dict:
    """Per field: apply, or keep the later of two concurrent edits and record the other."""
    applied: dict[str, Any] = {}
    silent = item.entity == CONFLICT_ENTITY  # a resolution is not itself a conflict
    for name, value in fields.items():
        stored = row.clock.get(name)
        if stored is None:
            applied[name] = row.data[name] = value
            continue
        hlc, rev, by_device, by = stored[:4]
        writer = (by_device, stored[4] if len(stored) > 4 else "")
        concurrent = writer != (caller.name, lineage) and (rev < 0 or rev > item.base)
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
        clock = {k: [v[0], real(v[1]), *v[2:]] for k, v in row.clock.items()}
        values = {
            "entity": entity, "id": row_id, "commune_code": row.commune,
            "data": _text(row.data), "clock": _text(clock),
        }  # fmt: skip
        (inserts if row.new else updates).append(values)
    changes = [
        {
            "rev": first + i, "entity": e.entity, "row_id": e.row_id,
            "commune_code": e.commune, "hlc": e.hlc, "by": e.by, "device_id": e.device_id,
            "incarnation": e.incarnation, "fields": _text(e.fields),
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
    'INSERT INTO change (rev, entity, row_id, commune_code, hlc, "by", device_id, incarnation, '
    "fields) SELECT * FROM unnest(%(rev)b::bigint[], %(entity)b::text[], "
    "%(row_id)b::text[], %(commune_code)b::text[], %(hlc)b::text[], "
    "%(by)b::text[], %(device_id)b::text[], %(incarnation)b::text[], %(fields)b::text[])"
)


def _write_postgresql(conn: Connection, inserts: list, updates: list, changes: list) -> None:
    for statement, rows in ((_PG_INSERT_RECORDS, inserts), (_PG_UPDATE_RECORDS, updates),
                            (_PG_INSERT_CHANGES, changes)):  # fmt: skip
        if rows:  # a lost race to insert the same new row fails here and is retried
            # One array per column, the shape `unnest` takes; names a statement leaves unused
            # (`commune_code` of an update) are not sent.
            conn.exec_driver_sql(statement, {name: [r[name] for r in rows] for name in rows[0]})
