"""`Register`: the one façade over an open register database (think Anki's `Collection`).

Its methods are the use cases. Each write validates through `desktop.domain`, writes the rows,
keeps the search index current (triggers on `child.search_text`) and appends to the change log,
all in one transaction, and returns a `Changes` value. The CLI, the GUI and the tests all go
through it; nobody else opens a session.
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
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, select
from uuid6 import uuid7

from desktop import reference
from desktop.db import accounts, child_queries, searchindex
from desktop.db.audit import AuditMixin, changed_fields
from desktop.db.changes import Changes
from desktop.db.child_queries import ChildFilter
from desktop.db.engine import make_engine, migrate
from desktop.db.errors import DiskFull, disk_full_as_error, is_disk_full
from desktop.db.models import (
    CaseStep,
    ChangeLog,
    Child,
    Circumstance,
    ProtectionCase,
    SentReport,
    Setting,
    Support,
    Synced,
    User,
    Village,
)
from desktop.db.programme import ProgrammeMixin
from desktop.db.sync_store import CLOCK_KEY, CURSOR_KEY, ROLE_KEY, ReadOnlyRegister, SyncMixin
from desktop.domain import categories as cat
from desktop.domain.cases import CASE_STEPS, STEP_CODES
from desktop.domain.dates import PartialDate
from desktop.domain.hlc import HybridClock, Timestamp
from desktop.domain.names import (
    fold,
    normalize_name,
    search_document,
    search_query_tokens,
    sort_key,
)
from desktop.domain.validation import (
    ChildDraft,
    CircumstanceDraft,
    Problem,
    ValidationError,
    ensure,
    validate_child,
    validate_circumstance,
    validate_support,
    validate_village_name,
)

_CHILD_FIELDS = (
    "full_name", "sex", "ethnic_code", "village_id", "personal_id", "birth_registered",
    "health_insurance", "schooling", "poverty", "caregiver_name", "caregiver_relation",
    "contact_phone", "status", "notes",
)  # fmt: skip


# Above this many matches a search walks the name index instead of sorting the matches.
_DENSE_MATCHES = 2000
# Rows a batch keeps as objects before flushing them (see `_write`).
_FLUSH_EVERY = 2000


_READ_ONLY = "Dữ liệu của huyện/tỉnh chỉ để xem: mọi thay đổi do xã nhập rồi đồng bộ lên."


class NotSetUp(RuntimeError):
    """The database has no commune yet: run `sotreem init --commune CODE` or the wizard."""


class NotAllowed(RuntimeError):
    """The logged-in role may not do this (viewer writing, assistant opening cases)."""


@dataclass
class _Tx:
    """One use case's writes: the shared session of the enclosing transaction, and what changed."""

    session: Session
    new_rows: dict[str, Synced]  # added in this transaction, not yet flushed
    entities: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    created: list[str] = field(default_factory=list)

    def changes(self) -> Changes:
        return Changes(frozenset(self.entities), frozenset(self.ids), tuple(self.created))


@dataclass(frozen=True)
class ChildRow:
    """A child as lists and search results show it."""

    id: str
    full_name: str
    sex: str
    birth: PartialDate
    ethnic_code: str | None
    village: str
    caregiver_name: str
    personal_id: str | None
    status: str


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _now() -> datetime:
    return datetime.now(UTC)


class Register(SyncMixin, AuditMixin, ProgrammeMixin):
    def __init__(self, engine: Engine, path: Path, key: bytes | None = None):
        self.engine = engine
        self.path = path
        self.key = key  # the SQLCipher data key; None for a plain (test, throw-away) file
        self.role = "officer"  # the logged-in account's role; the app and CLI set it
        self._local = threading.local()  # the open transaction belongs to one thread
        self._name_order = child_queries.NameOrder()
        self._order_lock = threading.Lock()
        self.user = "local"
        settings = self._settings()
        self.device_id = settings.get("device_id") or self._create_device_id()
        self.commune_code: str | None = settings.get("commune_code")
        self._reader = settings.get(ROLE_KEY) == "reader"
        # The server cursor at the time of each write (the `base` of its change): cached here.
        self._sync_base = int(settings.get(CURSOR_KEY) or 0)
        with Session(engine) as session:
            last = session.exec(
                select(ChangeLog.hlc).order_by(ChangeLog.seq.desc()).limit(1)  # type: ignore[union-attr]
            ).first()
        # Never behind a clock value seen from upstream, even after a restart.
        seen = [Timestamp.parse(t) for t in (last, settings.get(CLOCK_KEY)) if t]
        self.clock = HybridClock(
            self.device_id,
            lambda: time.time_ns() // 1_000_000,
            max(seen) if seen else None,
        )

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, key: bytes | None = None) -> Register:
        """Open (creating if needed) the database at `path` and migrate it to the newest schema.

        With `key` the file is encrypted with SQLCipher (everything the app and the command
        line make for real); without it, plain SQLite (tests, throw-away databases).
        """
        path = Path(path)
        with disk_full_as_error(str(path)):
            path.parent.mkdir(parents=True, exist_ok=True)
            engine = make_engine(path, key)
            migrate(engine)
            return cls(engine, path, key)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _settings(self) -> dict[str, str]:
        with Session(self.engine) as session:
            return {s.key: s.value for s in session.exec(select(Setting))}

    def _set_setting(self, session: Session, key: str, value: str) -> None:
        session.merge(Setting(key=key, value=value))

    def _create_device_id(self) -> str:
        device_id = str(uuid7())
        with Session(self.engine) as session:
            self._set_setting(session, "device_id", device_id)
            session.commit()
        return device_id

    def setting(self, key: str, default: str | None = None) -> str | None:
        return self._settings().get(key, default)

    # ---- transactions and the write path -------------------------------------------------

    @property
    def _session(self) -> Session | None:
        return getattr(self._local, "session", None)

    @property
    def _new_rows(self) -> dict[str, Synced]:
        return self._local.new_rows

    @property
    def _batch_villages(self) -> dict[str, str] | None:
        return getattr(self._local, "villages", None)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many use cases into one transaction (an import is all-or-nothing)."""
        if self._session is not None:
            yield
            return
        with Session(self.engine, expire_on_commit=False) as session:
            self._local.session, self._local.new_rows = session, {}
            try:
                yield
                session.commit()
            except BaseException as exc:
                with suppress(Exception):  # the connection may be gone with the disk space
                    session.rollback()
                if isinstance(exc, Exception) and is_disk_full(exc, self.path):
                    raise DiskFull(str(self.path)) from exc
                raise
            finally:
                self._local.session = self._local.villages = None
                self._local.new_rows = {}

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """Reads see this thread's open batch (its own unsaved rows) or use a fresh session."""
        if self._session is not None:
            yield self._session
        else:
            with Session(self.engine) as session:
                yield session

    def login_as(self, username: str, role: str) -> None:
        """Writes are signed with `username`; `role` limits what this register will do."""
        self.user, self.role = username, role

    def _require_case_access(self) -> None:
        if not accounts.may_see_cases(self.role):
            raise NotAllowed("Chỉ cán bộ phụ trách được xem và ghi vụ việc bảo vệ trẻ em.")

    @contextmanager
    def _write(self, *, own_account: bool = False, upstream: bool = False) -> Iterator[_Tx]:
        """One use case's transaction; a viewer may write only their own password (and receive
        what the server sends: `upstream`)."""
        if not (accounts.may_edit(self.role) or own_account or upstream):
            raise NotAllowed("Tài khoản chỉ xem: không được sửa dữ liệu.")
        with self.batch():
            session = self._session
            assert session is not None
            if len(self._new_rows) >= _FLUSH_EVERY:
                # A long batch (import, demo) sends its rows to SQLite between use cases and
                # forgets the objects, so memory stays flat; the transaction stays open.
                session.flush()
                session.expunge_all()
                self._new_rows.clear()
            yield _Tx(session, self._new_rows)

    def _require_commune(self) -> str:
        if self._reader:
            raise ReadOnlyRegister(_READ_ONLY)
        if not self.commune_code:
            raise NotSetUp("Chưa chọn xã: chạy “sotreem init --commune MÃ_XÃ”.")
        return self.commune_code

    def _log(self, tx: _Tx, row: Synced, fields: dict[str, Any]) -> None:
        if self._reader:
            raise ReadOnlyRegister(_READ_ONLY)
        tx.session.add(
            ChangeLog(
                entity=row.__tablename__,  # type: ignore[arg-type]
                row_id=row.id,
                commune_code=row.commune_code,
                fields=json.dumps({k: _jsonable(v) for k, v in fields.items()}, ensure_ascii=False),
                hlc=row.updated_at,
                device_id=self.device_id,
                base=self._sync_base,
            )
        )
        tx.entities.add(row.__tablename__)  # type: ignore[arg-type]
        tx.ids.add(row.id)

    def _insert(self, tx: _Tx, model: type[Synced], **values: Any) -> Synced:
        row = model(
            id=str(uuid7()),
            commune_code=values.pop("commune_code", None) or self._require_commune(),
            created_at=_now(),
            updated_at=str(self.clock.now()),
            updated_by=self.user,
            **values,
        )
        tx.session.add(row)
        self._log(tx, row, row.model_dump(exclude={"id"}))
        tx.created.append(row.id)
        tx.new_rows[row.id] = row
        return row

    def _update(self, tx: _Tx, row: Synced, **values: Any) -> bool:
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if not changed:
            return False
        for key, value in changed.items():
            setattr(row, key, value)
        row.updated_at = str(self.clock.now())
        row.updated_by = self.user
        tx.session.add(row)
        self._log(tx, row, changed)
        return True

    def _get(self, tx: _Tx, model: type[Synced], row_id: str) -> Any:
        row = tx.new_rows.get(row_id) or tx.session.get(model, row_id)
        if row is None or not isinstance(row, model) or row.deleted:
            raise ValidationError([Problem("id", f"không tìm thấy bản ghi {row_id}.")])
        return row

    # ---- set-up ---------------------------------------------------------------------------

    def init_commune(self, commune_code: str) -> Changes:
        unit = reference.unit(commune_code)
        if unit is None or unit.level != "commune":
            raise ValidationError(
                [Problem("commune_code", f"mã “{commune_code}” không phải mã xã/phường hợp lệ.")]
            )
        if self._reader:
            raise ValidationError(
                [Problem("commune_code", "cơ sở dữ liệu này là bản xem của huyện/tỉnh.")]
            )
        if self.commune_code and self.commune_code != commune_code:
            raise ValidationError(
                [Problem("commune_code", f"cơ sở dữ liệu này đã thuộc xã {self.commune_code}.")]
            )
        with self._write() as tx:
            self._set_setting(tx.session, "commune_code", commune_code)
            tx.entities.add("setting")
        self.commune_code = commune_code
        return Changes(frozenset({"setting"}))

    @property
    def commune_name(self) -> str:
        unit = reference.unit(self.commune_code or "")
        return unit.name if unit else ""

    # ---- villages -------------------------------------------------------------------------

    def add_village(self, name: str) -> Changes:
        ensure(validate_village_name(name))
        name = normalize_name(name)
        with self._write() as tx:
            existing = tx.session.exec(
                select(Village).where(
                    Village.name_folded == fold(name),
                    Village.commune_code == self._require_commune(),
                    Village.deleted == False,  # noqa: E712
                )
            ).first()
            if existing:
                raise ValidationError([Problem("name", f"thôn/bản “{existing.name}” đã có.")])
            village = self._insert(tx, Village, name=name, name_folded=fold(name))
            if self._batch_villages is not None:
                self._batch_villages[village.id] = name
            return tx.changes()

    def rename_village(self, village_id: str, name: str) -> Changes:
        ensure(validate_village_name(name))
        name = normalize_name(name)
        with self._write() as tx:
            village = self._get(tx, Village, village_id)
            self._update(tx, village, name=name, name_folded=fold(name))
            if self._batch_villages is not None:
                self._batch_villages[village_id] = name
            for child in tx.session.exec(select(Child).where(Child.village_id == village_id)):
                child.search_text = self._search_text(child, name)
                tx.session.add(child)
            return tx.changes()

    def villages(self) -> list[Village]:
        with self._reading() as session:
            rows = session.exec(
                select(Village).where(
                    Village.commune_code == self.commune_code,
                    Village.deleted == False,  # noqa: E712
                )
            ).all()
        return sorted(rows, key=lambda v: sort_key(v.name))

    def village_id_by_name(self, name: str) -> str | None:
        with self._reading() as session:
            return session.exec(
                select(Village.id).where(
                    Village.name_folded == fold(name),
                    Village.commune_code == self.commune_code,
                    Village.deleted == False,  # noqa: E712
                )
            ).first()

    # ---- children -------------------------------------------------------------------------

    def _village_ids(self, session: Session) -> dict[str, str]:
        """The commune's villages (id → name); kept for the length of a transaction."""
        if self._session is session:  # inside a transaction: remember for its duration
            if self._batch_villages is None:
                self._local.villages = self._query_village_ids(session)
            return self._local.villages
        return self._query_village_ids(session)

    def _query_village_ids(self, session: Session) -> dict[str, str]:
        return dict(
            session.exec(
                select(Village.id, Village.name).where(
                    Village.commune_code == self.commune_code,
                    Village.deleted == False,  # noqa: E712
                )
            ).all()
        )

    def validate_child(self, draft: ChildDraft, today: date | None = None) -> list[Problem]:
        with self._reading() as session:
            return self._validate_child(session, draft, today)

    def _validate_child(
        self, session: Session, draft: ChildDraft, today: date | None
    ) -> list[Problem]:
        return validate_child(
            draft,
            today=today or date.today(),
            ethnic_codes=reference.ethnic_groups().keys(),
            village_ids=self._village_ids(session),
        )

    def _child_values(self, session: Session, draft: ChildDraft) -> dict[str, Any]:
        """The row values of a valid draft, search text included."""
        assert draft.birth is not None
        values = {name: getattr(draft, name) for name in _CHILD_FIELDS}
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
        return None if village_id is None else self._village_ids(session).get(village_id)

    def add_child(self, draft: ChildDraft, today: date | None = None) -> Changes:
        with self._write() as tx:
            ensure(self._validate_child(tx.session, draft, today))
            values = self._child_values(tx.session, draft)
            child = self._insert(tx, Child, **values)
            self._audit(tx, "created", "child", child.id, values["full_name"])
            return tx.changes()

    def update_child(self, child_id: str, draft: ChildDraft, today: date | None = None) -> Changes:
        with self._write() as tx:
            child = self._get(tx, Child, child_id)
            ensure(self._validate_child(tx.session, draft, today))
            values = self._child_values(tx.session, draft)
            fields = changed_fields(child, values)
            if self._update(tx, child, **values):
                self._audit(tx, "changed", "child", child.id, child.full_name, fields)
            return tx.changes()

    def get_child(self, child_id: str) -> Child | None:
        with self._reading() as session:
            child = session.get(Child, child_id)
            return child if child and not child.deleted else None

    @staticmethod
    def draft_of(child: Child) -> ChildDraft:
        """The editable form of a saved child."""
        return ChildDraft(
            birth=PartialDate(child.birth_year, child.birth_month, child.birth_day),
            **{name: getattr(child, name) for name in _CHILD_FIELDS},
        )

    def likely_duplicates(self, draft: ChildDraft, exclude_id: str | None = None) -> list[Child]:
        """Saved children with the same folded name, birth year and village."""
        if draft.birth is None:
            return []
        with self._reading() as session:
            query = select(Child).where(
                Child.commune_code == self.commune_code,
                Child.deleted == False,  # noqa: E712
                Child.name_folded == fold(normalize_name(draft.full_name)),
                Child.birth_year == draft.birth.year,
                Child.village_id == draft.village_id,
            )
            return [c for c in session.exec(query) if c.id != exclude_id]

    def duplicate_keys(self) -> set[tuple[str, int, str | None]]:
        """(folded name, birth year, village id) of every child: duplicate checks in bulk."""
        with self.engine.connect() as conn:
            return set(
                conn.connection.cursor().execute(
                    "SELECT name_folded, birth_year, village_id FROM child "
                    "WHERE commune_code = ? AND deleted = 0",
                    (self.commune_code,),
                )
            )

    def child_count(self) -> int:
        with self._reading() as session:
            return session.exec(
                select(func.count())
                .select_from(Child)
                .where(
                    Child.commune_code == self.commune_code,
                    Child.deleted == False,  # noqa: E712
                )
            ).one()

    def find(self, query: str, limit: int = 50) -> list[ChildRow]:
        """Children whose name, personal ID, caregiver or village start with what was typed.

        Diacritics are optional ("dang" finds "Đặng"); every typed word must match a word
        prefix. Results come in Vietnamese name order.
        """
        tokens = search_query_tokens(query)
        if not tokens:
            return []
        rows = self._match(searchindex.match_expression(tokens, names_only=True), limit)
        if len(rows) < limit:
            seen = {r.id for r in rows}
            more = self._match(searchindex.match_expression(tokens), limit + len(rows))
            rows += [r for r in more if r.id not in seen][: limit - len(rows)]
        return rows

    def _match(self, match: str, limit: int) -> list[ChildRow]:
        """Up to `limit` matches in name order, planned by how many rows match.

        Few matches: sort just those. Many matches (a one- or two-letter prefix): walk the
        name-order index and keep the rows that match, which stops after `limit` rows instead
        of sorting tens of thousands.
        """
        fts = searchindex.FTS_TABLE
        select = (
            "SELECT c.id, c.full_name, c.sex, c.birth_year, c.birth_month, c.birth_day, "
            "c.ethnic_code, COALESCE(v.name, ''), c.caregiver_name, c.personal_id, c.status "
        )
        order = "ORDER BY c.sort_key LIMIT :limit"
        params = {"match": match, "commune": self.commune_code, "limit": limit}
        with self.engine.connect() as conn:
            cursor = conn.connection.cursor()  # constant SQL text: prepared once, no Row objects
            probe = cursor.execute(
                f"SELECT rowid FROM {fts} WHERE {fts} MATCH :match LIMIT {_DENSE_MATCHES}",
                params,
            ).fetchall()
            if len(probe) < _DENSE_MATCHES:
                params["rowids"] = json.dumps([r[0] for r in probe])
                # Unary + keeps the planner on rowid look-ups instead of walking the list index.
                sql = (
                    f"{select} FROM child c LEFT JOIN village v ON v.id = c.village_id "
                    "WHERE c.rowid IN (SELECT value FROM json_each(:rowids)) "
                    f"AND +c.commune_code = :commune AND +c.deleted = 0 {order}"
                )
            else:
                sql = (
                    f"{select} FROM child c INDEXED BY ix_child_list_order "
                    "LEFT JOIN village v ON v.id = c.village_id "
                    "WHERE c.commune_code = :commune AND c.deleted = 0 AND c.rowid IN "
                    f"(SELECT rowid FROM {fts} WHERE {fts} MATCH :match) {order}"
                )
            rows = cursor.execute(sql, params).fetchall()
        return [_child_row(r) for r in rows]

    def child_rowids(self, flt: ChildFilter, today: date | None = None) -> list[int]:
        """Matching children's rowids in list order (name matches first when searching)."""
        with self.engine.connect() as conn, self._order_lock:
            return child_queries.child_rowids(
                conn, self.commune_code or "", flt, today or date.today(), self._name_order
            )

    def child_page(
        self, rowids: list[int], today: date | None = None
    ) -> dict[int, child_queries.ChildListRow]:
        with self.engine.connect() as conn:
            return child_queries.child_page(conn, rowids, today or date.today())

    # ---- circumstances and supports -----------------------------------------------------

    def _risk_codes(self) -> frozenset[str]:
        return cat.codes(cat.DEFAULT_RISK_GROUPS)

    def add_circumstance(
        self, child_id: str, draft: CircumstanceDraft, today: date | None = None
    ) -> Changes:
        ensure(
            validate_circumstance(draft, today=today or date.today(), risk_codes=self._risk_codes())
        )
        with self._write() as tx:
            child = self._get(tx, Child, child_id)
            row = self._insert(
                tx,
                Circumstance,
                commune_code=child.commune_code,
                child_id=child_id,
                kind=draft.kind,
                group_code=draft.group_code,
                sub_code=draft.sub_code,
                start_date=draft.start_date,
                end_date=draft.end_date,
                end_reason=draft.end_reason,
                notes=draft.notes,
            )
            self._audit(tx, "created", "circumstance", row.id, child.full_name,
                        _group_text(draft.kind, draft.group_code))  # fmt: skip
            return tx.changes()

    def end_circumstance(
        self, circumstance_id: str, end_date: date, reason: str = "", today: date | None = None
    ) -> Changes:
        with self._write() as tx:
            row = self._get(tx, Circumstance, circumstance_id)
            draft = CircumstanceDraft(
                row.kind, row.group_code, row.start_date, end_date, row.sub_code, reason
            )
            ensure(
                validate_circumstance(
                    draft, today=today or date.today(), risk_codes=self._risk_codes()
                )
            )
            fields = changed_fields(row, {"end_date": end_date, "end_reason": reason})
            if self._update(tx, row, end_date=end_date, end_reason=reason):
                child = self._get(tx, Child, row.child_id)
                self._audit(tx, "changed", "circumstance", row.id, child.full_name,
                            f"{_group_text(row.kind, row.group_code)}: {fields}")  # fmt: skip
            return tx.changes()

    def circumstances_of(self, child_id: str) -> list[Circumstance]:
        with self._reading() as session:
            return list(
                session.exec(
                    select(Circumstance)
                    .where(Circumstance.child_id == child_id, Circumstance.deleted == False)  # noqa: E712
                    .order_by(Circumstance.start_date)
                )
            )

    def add_support(
        self,
        child_id: str,
        support_type: str,
        given_on: date,
        amount_vnd: int | None = None,
        funding_source: str | None = None,
        notes: str = "",
        today: date | None = None,
    ) -> Changes:
        ensure(
            validate_support(
                support_type, given_on, amount_vnd, funding_source, today=today or date.today()
            )
        )
        with self._write() as tx:
            child = self._get(tx, Child, child_id)
            row = self._insert(
                tx,
                Support,
                commune_code=child.commune_code,
                child_id=child_id,
                support_type=support_type,
                given_on=given_on,
                amount_vnd=amount_vnd,
                funding_source=funding_source,
                notes=notes,
            )
            kind = cat.label(cat.SUPPORT_TYPES, support_type)
            self._audit(
                tx, "created", "support", row.id, child.full_name, f"{kind}, {given_on:%d/%m/%Y}"
            )
            return tx.changes()

    def supports_of(self, child_id: str) -> list[Support]:
        with self._reading() as session:
            return list(
                session.exec(
                    select(Support)
                    .where(Support.child_id == child_id, Support.deleted == False)  # noqa: E712
                    .order_by(Support.given_on)
                )
            )

    # ---- protection cases ---------------------------------------------------------------

    def open_case(
        self,
        child_id: str,
        case_type: str,
        received_at: datetime,
        reported_by: str = "",
        summary: str = "",
        emergency: bool = False,
    ) -> Changes:
        problems = []
        self._require_case_access()
        if case_type not in cat.codes(cat.CASE_TYPES):
            problems.append(Problem("case_type", f"loại vụ việc “{case_type}” không hợp lệ."))
        if received_at.tzinfo is None:
            problems.append(Problem("received_at", "thiếu múi giờ."))
        elif received_at > _now():
            problems.append(Problem("received_at", "không được sau thời điểm hiện tại."))
        ensure(problems)
        with self._write() as tx:
            child = self._get(tx, Child, child_id)
            case = self._insert(
                tx,
                ProtectionCase,
                commune_code=child.commune_code,
                child_id=child_id,
                case_type=case_type,
                received_at=received_at,
                reported_by=reported_by,
                summary=summary,
                emergency=emergency,
            )
            self._insert(
                tx, CaseStep, commune_code=child.commune_code, case_id=case.id,
                step="intake", done_at=received_at,
            )  # fmt: skip
            self._audit(tx, "created", "protectioncase", case.id,
                        f"{child.full_name} — {cat.label(cat.CASE_TYPES, case_type)}")  # fmt: skip
            return tx.changes()

    def complete_case_step(
        self, case_id: str, step: str, done_at: datetime, notes: str = ""
    ) -> Changes:
        self._require_case_access()
        if step not in STEP_CODES:
            raise ValidationError([Problem("step", f"bước “{step}” không có trong quy trình.")])
        with self._write() as tx:
            case = self._get(tx, ProtectionCase, case_id)
            if done_at < case.received_at:
                raise ValidationError(
                    [Problem("done_at", "không được trước thời điểm tiếp nhận thông tin.")]
                )
            row = self._insert(
                tx, CaseStep, commune_code=case.commune_code, case_id=case_id, step=step,
                done_at=done_at, notes=notes,
            )  # fmt: skip
            if step == "closure":
                self._update(tx, case, status="closed", closed_on=done_at.date())
            child = tx.session.get(Child, case.child_id)
            self._audit(
                tx, "created", "casestep", row.id,
                f"{child.full_name if child else ''} — {cat.label(cat.CASE_TYPES, case.case_type)}",
                f"{_step_label(step)}; vụ việc {case_id}",
            )  # fmt: skip
            return tx.changes()

    def cases(self) -> list[CaseRow]:
        """Every protection case of the commune with its child's name and finished steps."""
        self._require_case_access()
        with self._reading() as session:
            rows = session.exec(
                select(ProtectionCase, Child.full_name)
                .join(Child, Child.id == ProtectionCase.child_id)  # type: ignore[arg-type]
                .where(
                    ProtectionCase.commune_code == self.commune_code,
                    ProtectionCase.deleted == False,  # noqa: E712
                )
                .order_by(ProtectionCase.received_at.desc())  # type: ignore[attr-defined]
            ).all()
            steps = session.exec(
                select(CaseStep).where(
                    CaseStep.commune_code == self.commune_code,
                    CaseStep.deleted == False,  # noqa: E712
                )
            ).all()
        done: dict[str, dict[str, datetime]] = {}
        for step in steps:
            if step.done_at is not None:
                done.setdefault(step.case_id, {})[step.step] = step.done_at
        return [
            CaseRow(
                id=case.id,
                child_id=case.child_id,
                child_name=name,
                case_type=case.case_type,
                received_at=case.received_at,
                emergency=case.emergency,
                status=case.status,
                reported_by=case.reported_by,
                summary=case.summary,
                done=done.get(case.id, {}),
            )
            for case, name in rows
        ]

    def case_steps(self, case_id: str) -> list[CaseStep]:
        self._require_case_access()
        with self._reading() as session:
            return list(
                session.exec(
                    select(CaseStep).where(CaseStep.case_id == case_id, CaseStep.deleted == False)  # noqa: E712
                )
            )

    # ---- reports as sent ---------------------------------------------------------------

    def mark_report_sent(
        self, kind: str, period: str, figures_json: str, sent_on: date, note: str = ""
    ) -> Changes:
        """Freeze a report's figures as sent upward (the latest mark of a period counts)."""
        problems = []
        if kind not in ("monthly", "semiannual", "annual"):
            problems.append(Problem("kind", f"loại báo cáo “{kind}” không hợp lệ."))
        if sent_on > date.today():
            problems.append(Problem("sent_on", "không được sau ngày hôm nay."))
        ensure(problems)
        with self._write() as tx:
            self._insert(
                tx, SentReport, kind=kind, period=period, figures=figures_json,
                sent_on=sent_on, note=note,
            )  # fmt: skip
            return tx.changes()

    def sent_report(self, kind: str, period: str) -> SentReport | None:
        with self._reading() as session:
            return session.exec(
                select(SentReport)
                .where(
                    SentReport.commune_code == self.commune_code,
                    SentReport.kind == kind,
                    SentReport.period == period,
                    SentReport.deleted == False,  # noqa: E712
                )
                .order_by(SentReport.updated_at.desc())  # type: ignore[attr-defined]
            ).first()

    # ---- accounts ----------------------------------------------------------------------

    def create_user(self, username: str, full_name: str, role: str, password: str) -> Changes:
        """A new account; on an encrypted register also its key slot (the data key, wrapped)."""
        if self.key is not None and self.role != "officer":
            raise NotAllowed("Chỉ cán bộ phụ trách được thêm tài khoản.")
        problems = []
        username = username.strip().lower()
        if not username:
            problems.append(Problem("username", "không được để trống."))
        if role not in cat.codes(accounts.ROLES):
            problems.append(Problem("role", f"vai trò “{role}” không hợp lệ."))
        if len(password) < accounts.MIN_PASSWORD_LENGTH:
            problems.append(
                Problem("password", f"cần ít nhất {accounts.MIN_PASSWORD_LENGTH} ký tự.")
            )
        ensure(problems)
        with self._write() as tx:
            if tx.session.exec(select(User).where(User.username == username)).first():
                raise ValidationError([Problem("username", f"“{username}” đã có.")])
            user = User(
                id=str(uuid7()),
                username=username,
                full_name=normalize_name(full_name),
                role=role,
                password_hash=accounts.hash_password(password),
                created_at=_now(),
            )
            tx.session.add(user)
            tx.entities.add("user")
            tx.created.append(user.id)
            self._audit(tx, "created", "user", user.id, username, role)
            changes = tx.changes()
        self._write_slot(username, user.full_name, role, password)
        return changes

    def set_password(self, username: str, password: str) -> Changes:
        """Change a password: one's own, or (officer only) an assistant's or viewer's reset.

        On an encrypted register the account's key slot is rewritten with the new password.
        """
        username = username.strip().lower()
        if username != self.user and self.role != "officer":
            raise NotAllowed("Chỉ cán bộ phụ trách được đặt lại mật khẩu người khác.")
        if len(password) < accounts.MIN_PASSWORD_LENGTH:
            raise ValidationError(
                [Problem("password", f"cần ít nhất {accounts.MIN_PASSWORD_LENGTH} ký tự.")]
            )
        with self._write(own_account=username == self.user) as tx:
            user = tx.session.exec(select(User).where(User.username == username)).first()
            if user is None:
                raise ValidationError([Problem("username", f"không có tài khoản “{username}”.")])
            if user.role == "officer" and username != self.user:
                raise NotAllowed(
                    "Mật khẩu của cán bộ phụ trách chỉ đổi được bởi chính người đó hoặc bằng "
                    "mã khôi phục."
                )
            user.password_hash = accounts.hash_password(password)
            tx.session.add(user)
            tx.entities.add("user")
            tx.ids.add(user.id)
            self._audit(tx, "changed", "user", user.id, username, "mật khẩu")
            changes = tx.changes()
            full_name, role = user.full_name, user.role
        self._write_slot(username, full_name, role, password)
        return changes

    def _write_slot(self, username: str, full_name: str, role: str, password: str) -> None:
        if self.key is None:
            return
        from desktop.db.keyfile import KeyFile, path_for

        path = path_for(self.path)
        keys = KeyFile.load(path) if path.exists() else KeyFile(path, self.commune_code)
        keys.commune_code = keys.commune_code or self.commune_code
        keys.set_slot(username, full_name, role, password, self.key)
        keys.save()

    def authenticate(self, username: str, password: str) -> User | None:
        with self._reading() as session:
            user = session.exec(
                select(User).where(User.username == username.strip().lower())
            ).first()
        if user and accounts.verify_password(user.password_hash, password):
            return user
        return None

    def users(self) -> list[User]:
        with self._reading() as session:
            return list(session.exec(select(User).order_by(User.username)))

    # ---- change log ----------------------------------------------------------------------

    def unsent_count(self) -> int:
        with self._reading() as session:
            return session.exec(
                select(func.count()).select_from(ChangeLog).where(ChangeLog.sent_at == None)  # noqa: E711
            ).one()


@dataclass(frozen=True)
class CaseRow:
    id: str
    child_id: str
    child_name: str
    case_type: str
    received_at: datetime
    emergency: bool
    status: str
    reported_by: str
    summary: str
    done: dict[str, datetime]


def _group_text(kind: str, code: str) -> str:
    if kind == "special":
        return f"Hoàn cảnh đặc biệt {code} – {cat.label(cat.SPECIAL_GROUPS, code)}"
    return f"Nguy cơ: {cat.label(cat.DEFAULT_RISK_GROUPS, code)}"


def _step_label(step: str) -> str:
    return next((s.label for s in CASE_STEPS if s.code == step), step)


def _child_row(r: Any) -> ChildRow:
    return ChildRow(
        id=r[0], full_name=r[1], sex=r[2], birth=PartialDate(r[3], r[4], r[5]),
        ethnic_code=r[6], village=r[7], caregiver_name=r[8], personal_id=r[9], status=r[10],
    )  # fmt: skip
