"""Applying pulled changes: one by one, in short transactions, what cannot be applied set aside.

A pulled page is applied in chunks of `CHUNK_ROWS` changes. Each chunk is one short write
transaction (it begins with the write lock, `engine.for_writing`) that stores the cursor past
its last change with its rows, so a save in the window or in another process waits at most one
chunk, and a cut costs at most one chunk again.

Every change is checked before it is written: a known entity, a clock, the record schemas of
`desktop.sync.records` (handed in by the sync layer as `check`: type, format, codes), a new
record's required fields, and its parents (the child of a circumstance, the course of a
participant …) present here. A change that fails, and every later change to the same record
(order is kept per record), is set aside in `sync_unapplied` with the reason, and the rest of
the page goes on: the cursor moves past what was applied or set aside, so one bad row never
stops a device or a reader. `retry` runs the set-aside changes again, oldest first, at the end
of every sync: a parent that arrived since lets its children in.

If writing a chunk still fails (a case the checks do not foresee), the chunk is done again one
change per transaction and the change that fails is set aside. A failure of the disk or the
database itself (full, locked, I/O) stops the pull instead: nothing is set aside for it and the
cursor stays, so the same page comes again.

Pulled rows get no change-log entries (they came from upstream). A pulled field never silently
replaces a field that still has an unsent local edit: the later clock wins on both sides and
the other value becomes a `sync_conflict` row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.exc import InternalError, OperationalError, SQLAlchemyError
from sqlmodel import Session, col, select

from desktop.db.models import (
    SYNCED_TABLES,
    ChangeLog,
    Child,
    Setting,
    SyncConflict,
    Synced,
    SyncUnapplied,
    Village,
    table_name,
    table_of,
)
from desktop.db.sealing import SEALED_FIELDS, Locked, sealed_field
from desktop.db.sync_values import (
    DEFAULTS,
    DERIVED_FIELDS,
    PARENTS,
    VillageNames,
    conflict_id,
    derived,
    hlc_time,
    json_value,
    stored_fields,
)
from desktop.db.write_path import CLOCK_KEY, CURSOR_KEY, Tx, WritePath
from desktop.domain.hlc import Timestamp
from desktop.domain.names import search_document

CHUNK_ROWS = 200

# Columns a new row cannot do without (the envelope and `created_at` are always filled in).
_REQUIRED: dict[str, list[str]] = {
    name: [
        c.name
        for c in table_of(model).columns
        if not c.nullable and c.name not in DERIVED_FIELDS and c.server_default is None
    ]
    for name, model in SYNCED_TABLES.items()
}

_WAITING = "chờ một thay đổi trước đó của bản ghi này (đang để riêng) được áp dụng."


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


# The sync layer's check of a change against the record schemas: problems, in Vietnamese.
# `stored` is the record as stored here (JSON values), None for a record new to this desktop.
Check = Callable[[Incoming, dict[str, Any] | None], list[str]]


@dataclass(frozen=True)
class ApplyResult:
    applied: int
    conflicts: int
    set_aside: int  # changes kept aside in `sync_unapplied` by this call
    retried: int = 0  # set-aside changes applied at last

    def __add__(self, other: ApplyResult) -> ApplyResult:
        return ApplyResult(
            self.applied + other.applied,
            self.conflicts + other.conflicts,
            self.set_aside + other.set_aside,
            self.retried + other.retried,
        )


_NOTHING = ApplyResult(0, 0, 0)


class _Broken(Exception):
    """Writing a chunk failed for a reason its checks did not foresee."""


def _fatal(exc: BaseException) -> bool:
    """The disk or the database failed, not the change: stop, set nothing aside."""
    return isinstance(exc, OperationalError | InternalError)


class PullApplier:
    """Applies pulled changes to the register held by `db` (see the module's docstring)."""

    def __init__(self, db: WritePath, check: Check | None = None):
        self.db = db
        self.check = check

    # ---- pages ------------------------------------------------------------------------------

    def apply(self, changes: Iterable[Incoming], cursor: int) -> ApplyResult:
        """Apply one pulled page and move the cursor to `cursor`, a chunk at a time."""
        changes = list(changes)
        if not changes:
            with self.db.write(upstream=True) as tx:
                tx.session.merge(Setting(key=CURSOR_KEY, value=str(cursor)))
            self.db.sync_base = cursor
            return _NOTHING
        total = _NOTHING
        waiting = self._waiting_rows({c.row_id for c in changes})
        for start in range(0, len(changes), CHUNK_ROWS):
            chunk = changes[start : start + CHUNK_ROWS]
            last = start + CHUNK_ROWS >= len(changes)
            total += self._chunk(chunk, cursor if last else chunk[-1].rev, waiting)
        return total

    def retry(self) -> ApplyResult:
        """Apply the changes set aside earlier that can be applied now, oldest first."""
        with Session(self.db.engine) as session:
            kept = session.exec(select(SyncUnapplied).order_by(col(SyncUnapplied.rev))).all()
        changes = [
            Incoming(k.rev, k.entity, k.row_id, k.commune_code, k.hlc, k.by, json.loads(k.fields))
            for k in kept
        ]
        total = _NOTHING
        waiting: set[str] = set()  # rows whose earlier set-aside change still fails
        messages = {k.rev: k.message for k in kept}
        for start in range(0, len(changes), CHUNK_ROWS):
            chunk = changes[start : start + CHUNK_ROWS]
            total += self._chunk(chunk, None, waiting, messages)
        return total

    def _waiting_rows(self, row_ids: set[str]) -> set[str]:
        """Rows with a change set aside earlier: their later changes wait behind it."""
        with self.db.engine.connect() as conn:
            return set(
                conn.execute(
                    text("SELECT DISTINCT row_id FROM sync_unapplied "
                         "WHERE row_id IN (SELECT value FROM json_each(:ids))"),
                    {"ids": json.dumps(sorted(row_ids))},
                ).scalars()
            )  # fmt: skip

    def _chunk(
        self,
        chunk: list[Incoming],
        cursor: int | None,
        waiting: set[str],
        retrying: dict[int, str] | None = None,
    ) -> ApplyResult:
        """One transaction for the chunk; again one change per transaction if it fails."""
        before = set(waiting)
        try:
            return self._write(chunk, cursor, waiting, retrying)
        except _Broken:
            pass
        except SQLAlchemyError as exc:
            if _fatal(exc):
                raise
        except (ValueError, TypeError, KeyError, AttributeError):
            pass
        waiting.clear()
        waiting.update(before)
        total = _NOTHING
        for i, change in enumerate(chunk):
            last = i == len(chunk) - 1
            step_cursor = None if cursor is None else (cursor if last else change.rev)
            try:
                total += self._write([change], step_cursor, waiting, retrying)
            except SQLAlchemyError as exc:
                if _fatal(exc):
                    raise
                total += self._set_aside_alone(change, exc, step_cursor, waiting, retrying)
            except (_Broken, ValueError, TypeError, KeyError, AttributeError) as exc:
                total += self._set_aside_alone(change, exc, step_cursor, waiting, retrying)
        return total

    def _set_aside_alone(
        self,
        change: Incoming,
        exc: BaseException,
        cursor: int | None,
        waiting: set[str],
        retrying: dict[int, str] | None,
    ) -> ApplyResult:
        # Never the exception's text: SQL errors carry the rows' values (children's data).
        message = f"không ghi được vào cơ sở dữ liệu của máy này ({exc.__class__.__name__})."
        with self.db.write(upstream=True) as tx:
            self._keep(tx.session, change, message, retrying)
            if cursor is not None:
                tx.session.merge(Setting(key=CURSOR_KEY, value=str(cursor)))
        if cursor is not None:
            self.db.sync_base = cursor
        waiting.add(change.row_id)
        return ApplyResult(0, 0, 0 if retrying is not None else 1)

    # ---- one chunk ----------------------------------------------------------------------------

    def _write(
        self,
        chunk: list[Incoming],
        cursor: int | None,
        waiting: set[str],
        retrying: dict[int, str] | None,
    ) -> ApplyResult:
        applied = conflicts = aside = retried = 0
        with self.db.write(upstream=True) as tx:
            session = tx.session
            local = self._local_clocks(session, {c.row_id for c in chunk})
            present = self._present(session, chunk)
            parents = self._parents_present(session, chunk)
            inserts: dict[str, tuple[str, dict[str, Any]]] = {}  # new rows, written in bulk
            names = VillageNames(session, inserts)
            top: Timestamp | None = None
            for change in chunk:
                problem = self._problem(session, change, present | parents, inserts, tx, waiting)
                if problem:
                    self._keep(session, change, problem, retrying)
                    waiting.add(change.row_id)
                    aside += retrying is None
                    continue
                stamp = Timestamp.parse(change.hlc)
                top = stamp if top is None or stamp > top else top
                model = SYNCED_TABLES[change.entity]
                if model is SyncConflict:
                    self._replace_provisional(session, change)
                changed = True
                if change.row_id in inserts:
                    self._merge_new(inserts[change.row_id][1], change)
                elif change.row_id in present or change.row_id in tx.new_rows:
                    lost, changed = self._apply_one(
                        tx, model, change, local.get(change.row_id, {}), names
                    )
                    conflicts += lost
                else:
                    inserts[change.row_id] = (change.entity, self._new_values(change))
                if changed and stamp.node == self.db.device_id and model is not SyncConflict:
                    self._log_own(session, change)
                if retrying is not None:
                    session.execute(
                        text("DELETE FROM sync_unapplied WHERE rev = :r"), {"r": change.rev}
                    )
                    retried += 1
                else:
                    applied += 1
                tx.entities.add(change.entity)
                tx.ids.add(change.row_id)
            self._insert_new(session, inserts, names)
            if top is not None:
                self.db.clock.receive(top)
                session.merge(Setting(key=CLOCK_KEY, value=str(self.db.clock.now())))
            if cursor is not None:
                session.merge(Setting(key=CURSOR_KEY, value=str(cursor)))
        if cursor is not None:
            self.db.sync_base = cursor  # only once the rows and the cursor are committed
        return ApplyResult(applied, conflicts, aside, retried)

    def _problem(
        self,
        session: Session,
        change: Incoming,
        present: set[str],
        inserts: dict[str, tuple[str, dict[str, Any]]],
        tx: Tx,
        waiting: set[str],
    ) -> str | None:
        """Why this change cannot be applied now, in Vietnamese; None when it can."""
        if change.row_id in waiting:
            return _WAITING
        model = SYNCED_TABLES.get(change.entity)
        if model is None:
            return (
                f"loại dữ liệu “{change.entity[:40]}” chưa có ở phiên bản phần mềm này: hãy cập "
                "nhật phần mềm (thay đổi được giữ lại và áp dụng sau khi cập nhật)."
            )
        try:
            Timestamp.parse(change.hlc)
        except ValueError:
            return "dấu thời gian đồng bộ không đúng dạng."
        if not isinstance(change.fields, dict):
            return "nội dung thay đổi sai cấu trúc."
        known = change.row_id in inserts or change.row_id in present
        known = known or change.row_id in tx.new_rows
        stored: dict[str, Any] | None = None
        if known and change.row_id not in inserts:
            row = tx.new_rows.get(change.row_id) or session.get(model, change.row_id)
            if row is not None:
                stored = {k: json_value(v) for k, v in row.model_dump().items()}
        elif change.row_id in inserts:
            stored = {k: json_value(v) for k, v in inserts[change.row_id][1].items()}
        if self.check is not None:
            problems = self.check(change, stored)
            if problems:
                return "; ".join(problems)
        if stored is None:
            values = self._new_values(change)
            missing = [c for c in _REQUIRED[change.entity] if values.get(c) is None]
            if missing:
                return "bản ghi mới thiếu " + ", ".join(missing) + "."
        for column in PARENTS[change.entity]:  # (a stored row's own parents are there)
            target = change.fields.get(column)
            if target is None or target in present or target in inserts or target in tx.new_rows:
                continue
            return (
                f"thuộc về một bản ghi chưa có trên máy này ({column} = {str(target)[:40]}): "
                "sẽ áp dụng khi bản ghi đó về tới."
            )
        return None

    def _parents_present(self, session: Session, changes: list[Incoming]) -> set[str]:
        """Ids of the records the chunk's rows belong to that are stored here (one query per
        parent table)."""
        wanted: dict[str, set[str]] = {}
        for change in changes:
            for column, parent in PARENTS.get(change.entity, {}).items():
                target = change.fields.get(column)
                if isinstance(target, str):
                    wanted.setdefault(parent, set()).add(target)
        found: set[str] = set()
        for entity, ids in wanted.items():
            found.update(
                session.execute(
                    text(
                        f"SELECT id FROM {entity} WHERE id IN (SELECT value FROM json_each(:ids))"
                    ),
                    {"ids": json.dumps(sorted(ids))},
                ).scalars()
            )
        return found

    def _keep(
        self, session: Session, change: Incoming, message: str, retrying: dict[int, str] | None
    ) -> None:
        """Set a change aside (or, retrying, keep it aside with the latest reason)."""
        if retrying is not None and retrying.get(change.rev) == message:
            return  # still the same reason: nothing to write
        try:
            fields = json.dumps(change.fields, ensure_ascii=False)
        except (TypeError, ValueError):
            fields = "{}"
        session.merge(
            SyncUnapplied(
                rev=change.rev, entity=change.entity[:100], row_id=change.row_id[:200],
                commune_code=change.commune_code[:20], hlc=change.hlc[:200], by=change.by[:200],
                fields=fields, message=message, at=datetime.now(UTC),
            )
        )  # fmt: skip

    # ---- rows -------------------------------------------------------------------------------

    def _present(self, session: Session, changes: list[Incoming]) -> set[str]:
        """Ids of the chunk's rows already stored: one query per table, not one per row."""
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
        values = dict(DEFAULTS[change.entity])
        values.update(stored_fields(change.entity, change.fields))
        values = self._sealed(change.entity, values, values)
        if values.get("created_at") is None:
            values["created_at"] = hlc_time(change.hlc) or datetime.now(UTC)
        values.update(
            id=change.row_id,
            commune_code=change.commune_code,
            updated_at=change.hlc,
            updated_by=change.by,
        )
        return values

    def _merge_new(self, values: dict[str, Any], change: Incoming) -> None:
        """A later change to a row first seen in the same chunk (the stream is in order)."""
        incoming = stored_fields(change.entity, change.fields)
        values.update(self._sealed(change.entity, incoming, {**values, **incoming}))
        if change.hlc > values["updated_at"]:
            values["updated_at"], values["updated_by"] = change.hlc, change.by

    def _insert_new(
        self,
        session: Session,
        inserts: dict[str, tuple[str, dict[str, Any]]],
        names: VillageNames,
    ) -> None:
        """Write the chunk's new rows with one executemany per table (FTS triggers index them)."""
        by_entity: dict[str, list[dict[str, Any]]] = {}
        for entity, values in inserts.values():
            values.update(derived(entity, values, names))
            by_entity.setdefault(entity, []).append(values)
        session.flush()  # the ORM's own pending rows first
        for entity, rows in by_entity.items():
            session.execute(insert(table_of(SYNCED_TABLES[entity])), rows)

    def _local_clocks(
        self, session: Session, row_ids: set[str]
    ) -> dict[str, dict[str, tuple[str, bool, int]]]:
        """Per row and field: the latest local edit's clock, whether it is unsent, its seq.
        (A change the server refused is not waiting to be sent: it does not count.)"""
        clocks: dict[str, dict[str, tuple[str, bool, int]]] = {}
        if not row_ids:
            return clocks
        rows = session.execute(
            text(
                "SELECT row_id, fields, hlc, sent_at IS NULL "
                "AND seq NOT IN (SELECT seq FROM sync_failure), seq FROM change_log "
                "WHERE row_id IN (SELECT value FROM json_each(:ids)) ORDER BY seq"
            ),
            {"ids": json.dumps(sorted(row_ids))},
        ).all()
        for row_id, fields, hlc, unsent, seq in rows:
            per_row = clocks.setdefault(row_id, {})
            for key in json.loads(fields):
                per_row[key] = (hlc, bool(unsent), seq)
        return clocks

    def _log_own(self, session: Session, change: Incoming) -> None:
        """A change this device made in an earlier incarnation (before a restore), back from
        the server: kept in the change log as sent, so the log still holds every row this
        device wrote, and later pulls compare with it as with any edit of ours."""
        stored = stored_fields(change.entity, change.fields)
        stored = self._sealed(change.entity, stored, stored)  # as this PC logs what it writes
        fields = {k: json_value(v) for k, v in stored.items()}
        session.add(
            ChangeLog(
                entity=change.entity, row_id=change.row_id, commune_code=change.commune_code,
                fields=json.dumps(fields, ensure_ascii=False), hlc=change.hlc,
                device_id=self.db.device_id, sent_at=datetime.now(UTC), base=change.rev,
            )
        )  # fmt: skip

    def _apply_one(
        self,
        tx: Tx,
        model: type[Synced],
        change: Incoming,
        local: dict[str, tuple[str, bool, int]],
        names: VillageNames,
    ) -> tuple[int, bool]:
        """A change to a stored row: field by field, never silently over an unsent edit.
        Returns (conflicts recorded, whether anything changed)."""
        session = tx.session
        incoming = stored_fields(change.entity, change.fields)
        row = tx.new_rows.get(change.row_id) or session.get(model, change.row_id)
        if row is None:
            raise _Broken(change.row_id)
        typed = dict(incoming)  # as the server sent them, for comparing with ours
        incoming = self._sealed(change.entity, incoming, {**row.model_dump(), **incoming})
        conflicts = 0
        won: dict[str, Any] = {}
        for key, value in incoming.items():
            mine = local.get(key)
            if mine is not None:
                my_hlc, unsent, _seq = mine
                if my_hlc >= change.hlc:
                    continue  # our edit is later: it stays (the server decides the same way)
                if unsent and not self._same(change.entity, key, getattr(row, key), typed[key]):
                    conflicts += self._record_conflict(tx, row, key, change, value, my_hlc)
            won[key] = value
        if not won:
            return conflicts, False
        for key, value in won.items():
            setattr(row, key, value)
        if change.hlc > row.updated_at:
            row.updated_at, row.updated_by = change.hlc, change.by
        values = {c: getattr(row, c) for c in DEFAULTS[change.entity]}
        for key, value in derived(change.entity, values, names).items():
            setattr(row, key, value)
        session.add(row)
        if isinstance(row, Village) and "name" in won:
            for child in session.exec(select(Child).where(Child.village_id == row.id)):
                child.search_text = search_document(
                    child.personal_id, child.caregiver_name, row.name
                )
                session.add(child)
        return conflicts, True

    def _sealed(self, entity: str, values: dict[str, Any], whole: dict[str, Any]) -> dict[str, Any]:
        """Pulled case narrative is stored sealed, like what this PC writes (`sealing`); so is
        a conflict's pair of values about it (`whole`: the conflict's other fields)."""
        seal = self.db.seal
        if entity in SEALED_FIELDS:
            return seal.seal_values(entity, values)
        if entity == table_name(SyncConflict) and sealed_field(
            str(whole.get("entity", "")), str(whole.get("field", ""))
        ):
            about, field = whole["entity"], whole["field"]
            for key in ("kept_value", "lost_value"):
                if key in values:
                    values[key] = json.dumps(
                        seal.seal(about, field, json.loads(values[key])), ensure_ascii=False
                    )
        return values

    def _same(self, entity: str, key: str, stored: Any, typed: Any) -> bool:
        """Whether a stored value (sealed, for case narrative) equals one as typed."""
        if not sealed_field(entity, key):
            return bool(stored == typed)
        try:
            return bool(self.db.seal.open(entity, key, stored) == typed)
        except Locked:
            return False

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
                kept_value=json.dumps(json_value(value), ensure_ascii=False),
                kept_hlc=change.hlc,
                lost_value=json.dumps(json_value(getattr(row, key)), ensure_ascii=False),
                lost_hlc=my_hlc,
                lost_by=self.db.user,
            )
        )
        tx.entities.add(entity)
        return 1

    def _replace_provisional(self, session: Session, change: Incoming) -> None:
        """A server conflict record arrived: drop our provisional copy of the same conflict."""
        f = change.fields
        if not all(isinstance(f.get(k), str) for k in ("entity", "row_id", "field", "lost_hlc")):
            return
        cid = conflict_id(f["entity"], f["row_id"], f["field"], f["lost_hlc"])
        if cid == change.row_id:
            return
        mine = session.get(SyncConflict, cid)
        if mine is not None and not mine.resolved:
            session.delete(mine)
            session.flush()
