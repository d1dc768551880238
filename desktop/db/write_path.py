"""The write path every part of the register shares: one transaction per use case.

`WritePath` is the bottom of `desktop.db`'s use cases. It holds what an open register is (the
engine, the device, the commune, the logged-in account, the clock) and the one way to write:
`write()` opens the use case's transaction (joining an open `batch()`), `insert`/`update` stamp
the sync columns and append to the change log, `audit` adds the trail's entry to the same
transaction. Roles are checked here, so no part can forget them. The parts (`children`,
`cases`, `users`, `programme`, `audit`, `sync_store`) each hold a `WritePath`; `Register` holds
the parts. Nothing here imports a part or the register.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session, col, select
from uuid6 import uuid7

from desktop.db import accounts, incarnation
from desktop.db.changes import Changes
from desktop.db.engine import for_writing
from desktop.db.errors import DiskFull, NotAllowed, NotSetUp, ReadOnlyRegister, is_disk_full
from desktop.db.keyfile import Unlocked
from desktop.db.models import AuditEntry, ChangeLog, Setting, Synced, Village, table_name
from desktop.db.sealing import CaseSeal, Locked, sealed_field
from desktop.domain import audit as vocab
from desktop.domain.hlc import HybridClock, Timestamp
from desktop.domain.validation import Problem, ValidationError

# Settings rows the write path reads when the register opens.
CURSOR_KEY = "sync.cursor"  # the server's sequence number this copy has pulled up to
CLOCK_KEY = "sync.clock"  # the latest clock value seen from upstream: survives a restart
ROLE_KEY = "sync.role"  # "reader" for a district/province database, else absent
UNIT_KEY = "sync.unit"  # the reader's unit code

# Rows a batch keeps as objects before flushing them (see `write`).
_FLUSH_EVERY = 2000
_READ_ONLY = "Dữ liệu của tỉnh chỉ để xem: mọi thay đổi do xã nhập rồi đồng bộ lên."

RowT = TypeVar("RowT", bound=Synced)


@dataclass
class Tx:
    """One use case's writes: the shared session of the enclosing transaction, and what changed."""

    session: Session
    new_rows: dict[str, Synced]  # added in this transaction, not yet flushed
    entities: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    created: list[str] = field(default_factory=list)

    def changes(self) -> Changes:
        return Changes(frozenset(self.entities), frozenset(self.ids), tuple(self.created))


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def now() -> datetime:
    return datetime.now(UTC)


def changed_fields(row: Synced, values: dict[str, Any], seal: CaseSeal | None = None) -> str:
    """The labels of the fields an update changes ("Họ và tên, Người chăm sóc"); with the
    register's `seal`, sealed case narrative is compared as typed."""
    entity = table_name(row)

    def current(key: str) -> Any:
        stored = getattr(row, key)
        if seal is None or not sealed_field(entity, key):
            return stored
        try:
            return seal.open(entity, key, stored)
        except Locked:
            return None

    names = [k for k, v in values.items() if current(k) != v]
    labels = dict.fromkeys(vocab.FIELD_LABELS[k] for k in names if k in vocab.FIELD_LABELS)
    return ", ".join(labels)


def alive(model: type[Synced]) -> Any:
    """The condition "not soft-deleted", for a query's `where`."""
    return col(model.deleted) == False  # noqa: E712


class _ThreadState(threading.local):
    """The open batch of one thread: its session, its unflushed rows, its village names."""

    session: Session | None = None
    new_rows: dict[str, Synced]
    villages: dict[str, str] | None = None
    audit_quiet: bool = False
    settings_saved: bool = False  # the open batch stores the pending incarnation settings

    def __init__(self) -> None:
        self.new_rows = {}


class WritePath:
    """An open register's identity, clock and transactions: what every use case writes with."""

    engine: Engine
    writer: Engine

    def use_engine(self, engine: Engine) -> None:
        """Read with `engine`; write with the same engine's transactions that begin with the
        write lock and wait their turn (`engine.for_writing`). Also after a key rotation."""
        self.engine = engine
        self.writer = for_writing(engine)

    def __init__(self, engine: Engine, path: Path, key: bytes | None = None):
        self.use_engine(engine)
        self.path = path
        self.key = key  # the SQLCipher data key; None for a plain (test, throw-away) file
        self.role = "officer"  # the logged-in account's role; the app and CLI set it
        self.user = "local"
        self.unlocked: Unlocked | None = None  # what the login's password opened (encrypted)
        self.seal = CaseSeal()  # seals case narrative; opens it for an officer (`sealing`)
        self._local = _ThreadState()  # the open transaction belongs to one thread
        settings = self.settings()
        self.device_id = settings.get("device_id") or self._create_device_id()
        # The copy of the database this is (a restore makes a new one): tags every change. A
        # new id is stored with the first write, so opening a file never changes it.
        self.incarnation, self._unsaved = incarnation.settle(settings, path)
        self.commune_code: str | None = settings.get("commune_code")
        self.reader = settings.get(ROLE_KEY) == "reader"
        self.reader_unit = settings.get(UNIT_KEY) if self.reader else None
        # The server cursor at the time of each write (the `base` of its change): cached here.
        self.sync_base = int(settings.get(CURSOR_KEY) or 0)
        with Session(engine) as session:
            last = session.exec(
                select(ChangeLog.hlc).order_by(col(ChangeLog.seq).desc()).limit(1)
            ).first()
        # Never behind a clock value seen from upstream, even after a restart.
        seen = [Timestamp.parse(t) for t in (last, settings.get(CLOCK_KEY)) if t]
        self.clock = HybridClock(
            self.device_id,
            lambda: time.time_ns() // 1_000_000,
            max(seen) if seen else None,
        )

    # ---- settings ---------------------------------------------------------------------------

    def settings(self) -> dict[str, str]:
        with Session(self.engine) as session:
            return {s.key: s.value for s in session.exec(select(Setting))}

    def setting(self, key: str, default: str | None = None) -> str | None:
        return self.settings().get(key, default)

    @staticmethod
    def set_setting(session: Session, key: str, value: str) -> None:
        session.merge(Setting(key=key, value=value))

    def set_settings(self, values: dict[str, str | None]) -> None:
        """Store (or, with None, remove) install settings such as the server address."""
        with Session(self.writer) as session:
            self._store_settings(session, values)
            session.commit()

    @staticmethod
    def _store_settings(session: Session, values: dict[str, str | None]) -> None:
        for key, value in values.items():
            row = session.get(Setting, key)
            if value is None:
                if row is not None:
                    session.delete(row)
            else:
                session.merge(Setting(key=key, value=value))

    def _create_device_id(self) -> str:
        device_id = str(uuid7())
        with Session(self.writer) as session:
            self.set_setting(session, "device_id", device_id)
            session.commit()
        return device_id

    # ---- roles ------------------------------------------------------------------------------

    def require_case_access(self) -> None:
        if not accounts.may_see_cases(self.role):
            raise NotAllowed("Chỉ cán bộ phụ trách được xem và ghi vụ việc bảo vệ trẻ em.")

    def require_officer(self, message: str) -> None:
        """Officer-only reads and writes (the audit trail, accounts, keys)."""
        if self.role != "officer":
            raise NotAllowed(message)

    def require_editor(self, message: str) -> None:
        """What only an officer or assistant may start (an import, even a dry run)."""
        if not accounts.may_edit(self.role):
            raise NotAllowed(message)

    def require_commune(self) -> str:
        """The commune this register writes for; a reader's copy or a new file has none."""
        if self.reader:
            raise ReadOnlyRegister(_READ_ONLY)
        if not self.commune_code:
            raise NotSetUp("Chưa chọn xã: chạy “sotreem init --commune MÃ_XÃ”.")
        return self.commune_code

    # ---- transactions -----------------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        """This thread's open batch session, if any."""
        return self._local.session

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many use cases into one transaction (an import is all-or-nothing)."""
        if self._local.session is not None:
            yield
            return
        with Session(self.writer, expire_on_commit=False) as session:
            self._local.session, self._local.new_rows = session, {}
            try:
                yield
                session.commit()
                if self._local.settings_saved:
                    self._unsaved = {}
            except BaseException as exc:
                with suppress(Exception):  # the connection may be gone with the disk space
                    session.rollback()
                if isinstance(exc, Exception) and is_disk_full(exc, self.path):
                    raise DiskFull(str(self.path)) from exc
                raise
            finally:
                self._local.session = self._local.villages = None
                self._local.new_rows = {}
                self._local.settings_saved = False

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Reads see this thread's open batch (its own unsaved rows) or use a fresh session."""
        if self._local.session is not None:
            yield self._local.session
        else:
            with Session(self.engine) as session:
                yield session

    @contextmanager
    def write(
        self, *, own_account: bool = False, upstream: bool = False, trail: bool = False
    ) -> Iterator[Tx]:
        """One use case's transaction; a viewer may write only their own password, receive
        what the server sends (`upstream`), and leave the trail of what they did — a record
        viewed, a file exported (`trail`: audit entries only)."""
        if not (accounts.may_edit(self.role) or own_account or upstream or trail):
            raise NotAllowed("Tài khoản chỉ xem: không được sửa dữ liệu.")
        with self.batch():
            session = self._local.session
            assert session is not None
            if self._unsaved and not self._local.settings_saved:
                self._store_settings(session, self._unsaved)
                self._local.settings_saved = True
            new_rows = self._local.new_rows
            if len(new_rows) >= _FLUSH_EVERY:
                # A long batch (import, demo) sends its rows to SQLite between use cases and
                # forgets the objects, so memory stays flat; the transaction stays open.
                session.flush()
                session.expunge_all()
                new_rows.clear()
            yield Tx(session, new_rows)

    # ---- rows and the change log ------------------------------------------------------------

    def log(self, tx: Tx, row: Synced, fields: dict[str, Any]) -> None:
        """Append the change of `row` to the change log (the outbox sync pushes)."""
        if self.reader:
            raise ReadOnlyRegister(_READ_ONLY)
        entity = table_name(row)
        tx.session.add(
            ChangeLog(
                entity=entity,
                row_id=row.id,
                commune_code=row.commune_code,
                fields=json.dumps({k: _jsonable(v) for k, v in fields.items()}, ensure_ascii=False),
                hlc=row.updated_at,
                device_id=self.device_id,
                base=self.sync_base,
                incarnation=self.incarnation,
            )
        )
        tx.entities.add(entity)
        tx.ids.add(row.id)

    def insert(self, tx: Tx, model: type[RowT], **values: Any) -> RowT:
        values = self.seal.seal_values(table_name(model), values)
        row = model(
            id=str(uuid7()),
            commune_code=values.pop("commune_code", None) or self.require_commune(),
            created_at=now(),
            updated_at=str(self.clock.now()),
            updated_by=self.user,
            **values,
        )
        tx.session.add(row)
        self.log(tx, row, row.model_dump(exclude={"id"}))
        tx.created.append(row.id)
        tx.new_rows[row.id] = row
        return row

    def update(self, tx: Tx, row: Synced, **values: Any) -> bool:
        """Change the fields that differ; False (and nothing logged) when none does. Case
        narrative is compared as typed and stored sealed (`desktop.db.sealing`)."""
        entity = table_name(row)
        changed = {}
        for key, value in values.items():
            current = getattr(row, key)
            if sealed_field(entity, key):
                try:
                    current = self.seal.open(entity, key, current)
                except Locked:
                    current = None  # cannot compare: taken as changed
                if current == value:
                    continue
                changed[key] = self.seal.seal(entity, key, value)
            elif current != value:
                changed[key] = value
        if not changed:
            return False
        for key, value in changed.items():
            setattr(row, key, value)
        row.updated_at = str(self.clock.now())
        row.updated_by = self.user
        tx.session.add(row)
        self.log(tx, row, changed)
        return True

    def get(self, tx: Tx, model: type[RowT], row_id: str) -> RowT:
        """A live row of this transaction or the database, or a "not found" problem."""
        row = tx.new_rows.get(row_id) or tx.session.get(model, row_id)
        if row is None or not isinstance(row, model) or row.deleted:
            raise ValidationError([Problem("id", f"không tìm thấy bản ghi {row_id}.")])
        return row

    # ---- villages (cached for the length of a transaction) ---------------------------------

    def village_ids(self, session: Session) -> dict[str, str]:
        """The commune's villages (id → name); kept for the length of a transaction."""
        if self._local.session is session:  # inside a transaction: remember for its duration
            if self._local.villages is None:
                self._local.villages = self._query_village_ids(session)
            return self._local.villages
        return self._query_village_ids(session)

    def note_village(self, village_id: str, name: str) -> None:
        """A village added or renamed inside the open transaction."""
        if self._local.villages is not None:
            self._local.villages[village_id] = name

    def _query_village_ids(self, session: Session) -> dict[str, str]:
        return dict(
            session.exec(
                select(Village.id, Village.name).where(
                    Village.commune_code == self.commune_code, alive(Village)
                )
            ).all()
        )

    # ---- the audit trail --------------------------------------------------------------------

    def audit(
        self,
        tx: Tx,
        action: str,
        entity: str,
        row_id: str = "",
        label: str = "",
        detail: str = "",
        at: datetime | None = None,
    ) -> None:
        """Add one entry to the transaction of the use case (skipped inside `quiet_audit`)."""
        if self._local.audit_quiet:
            return
        moment = at or now()
        entry = AuditEntry(
            id=str(uuid7()),
            commune_code=self.commune_code or self.reader_unit or "",
            created_at=moment,
            updated_at=str(self.clock.now()),
            updated_by=self.user,
            at=moment,
            username=self.user,
            action=action,
            entity=entity,
            row_id=row_id,
            label=label,
            detail=detail,
        )
        tx.session.add(entry)
        if self.reader:
            return  # a district/province reader sends nothing upward: its trail stays on this PC
        self.log(tx, entry, entry.model_dump(exclude={"id"}))
        tx.ids.discard(entry.id)  # views refresh on the entity; the id names no record of theirs

    @contextmanager
    def quiet_audit(self) -> Iterator[None]:
        """Bulk work (an import, demo data) writes one summary entry instead of one per row."""
        previous = self._local.audit_quiet
        self._local.audit_quiet = True
        try:
            yield
        finally:
            self._local.audit_quiet = previous
