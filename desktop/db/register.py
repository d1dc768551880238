"""`Register`: the one façade over an open register database (think Anki's `Collection`).

Its methods are the use cases. Each write validates through `desktop.domain`, writes the rows,
keeps the search index current (triggers on `child.search_text`) and appends to the change log,
all in one transaction, and returns a `Changes` value. The CLI, the GUI and the tests all go
through it; nobody else opens a session.

`Register` holds its parts the way Anki's `Collection` holds `DeckManager` and friends:
`children`, `cases`, `users`, `programme`, `audit`, `sync`, `injury_book`, `hazards` and
`assessments`, each built on the one
`WritePath` (`db`) below them. Its use-case methods are the parts' own bound methods, listed in
`__init__`, so a call site reads `register.add_child(…)` and the signature lives in one place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import col, select

from desktop import criteria, privacy, reference
from desktop.db import accounts, backup
from desktop.db.assessments import Assessments
from desktop.db.audit import Audit
from desktop.db.backup import BackupInfo
from desktop.db.cases import CaseRow as CaseRow
from desktop.db.cases import Cases
from desktop.db.changes import Changes
from desktop.db.children import Children, draft_of
from desktop.db.engine import make_engine, migrate
from desktop.db.errors import NotAllowed as NotAllowed
from desktop.db.errors import NotSetUp as NotSetUp
from desktop.db.errors import disk_full_as_error
from desktop.db.hazards import Hazards
from desktop.db.history import History
from desktop.db.injuries import Injuries
from desktop.db.keyfile import KeyFile, Unlocked
from desktop.db.merging import Merging
from desktop.db.models import ChangeLog, SentReport
from desktop.db.programme import Programme
from desktop.db.sealing import DONE_KEY, CaseSeal, seal_stored
from desktop.db.sync_store import SyncStore
from desktop.db.users import Users
from desktop.db.write_path import WritePath, alive
from desktop.domain.hlc import HybridClock
from desktop.domain.validation import Problem, ValidationError, ensure


class Register:
    draft_of = staticmethod(draft_of)

    def __init__(self, engine: Engine, path: Path, key: bytes | None = None):
        self.db = db = WritePath(engine, path, key)
        self.children = children = Children(db)
        self.history = history = History(db)
        self.merging = merging = Merging(db)
        self.case_book = cases = Cases(db)
        self.accounts = users = Users(db)
        self.programme = programme = Programme(db)
        self.audit = audit = Audit(db)
        self.sync = sync = SyncStore(db)
        self.injury_book = injuries = Injuries(db)
        self.hazards = hazards = Hazards(db)
        self.assessments = assessments = Assessments(db, criteria.active)

        # ---- villages, children, search (db/children.py)
        self.add_village = children.add_village
        self.rename_village = children.rename_village
        self.villages = children.villages
        self.village_id_by_name = children.village_id_by_name
        self.validate_child = children.validate_child
        self.add_child = children.add_child
        self.update_child = children.update_child
        self.get_child = children.get_child
        self.likely_duplicates = children.likely_duplicates
        self.duplicate_keys = children.duplicate_keys
        self.child_count = children.child_count
        self.find = children.find
        self.child_rowids = children.child_rowids
        self.child_page = children.child_page

        # ---- children entered by mistake or twice, villages merged (db/merging.py)
        self.remove_child = merging.remove_child
        self.merge_children = merging.merge_children
        self.merge_villages = merging.merge_villages
        self.retire_village = merging.retire_village
        self.restore_village = merging.restore_village

        # ---- circumstances and supports, and their corrections (db/history.py)
        self.add_circumstance = history.add_circumstance
        self.end_circumstance = history.end_circumstance
        self.update_circumstance = history.update_circumstance
        self.remove_circumstance = history.remove_circumstance
        self.circumstances_of = history.circumstances_of
        self.add_support = history.add_support
        self.update_support = history.update_support
        self.remove_support = history.remove_support
        self.supports_of = history.supports_of

        # ---- protection cases (db/cases.py)
        self.open_case = cases.open_case
        self.complete_case_step = cases.complete_case_step
        self.cases = cases.cases
        self.case_steps = cases.case_steps
        self.update_case_step = cases.update_case_step
        self.remove_case_step = cases.remove_case_step
        self.remove_case = cases.remove_case

        # ---- accounts and keys (db/users.py)
        self.create_user = users.create_user
        self.set_password = users.set_password
        self.remove_user = users.remove_user
        self.disable_user = users.disable_user
        self.enable_user = users.enable_user
        self.rotate_keys = users.rotate_keys
        self.authenticate = users.authenticate
        self.users = users.users
        self.account_views = users.account_views

        # ---- activities, courses, plan targets, the fund (db/programme.py)
        self.add_activity = programme.add_activity
        self.update_activity = programme.update_activity
        self.delete_activity = programme.delete_activity
        self.activities = programme.activities
        self.add_course = programme.add_course
        self.update_course = programme.update_course
        self.delete_course = programme.delete_course
        self.courses = programme.courses
        self.set_plan_target = programme.set_plan_target
        self.update_plan_target = programme.update_plan_target
        self.delete_plan_target = programme.delete_plan_target
        self.plan_progress = programme.plan_progress
        self.year_figures = programme.year_figures
        self.add_fund_entry = programme.add_fund_entry
        self.update_fund_entry = programme.update_fund_entry
        self.delete_fund_entry = programme.delete_fund_entry
        self.fund_entries = programme.fund_entries
        self.fund_year = programme.fund_year

        # ---- injuries and drowning, hazard spots (db/injuries.py, db/hazards.py)
        self.add_injury = injuries.add_injury
        self.update_injury = injuries.update_injury
        self.remove_injury = injuries.remove_injury
        self.injuries = injuries.injuries
        self.add_hazard_spot = hazards.add_hazard_spot
        self.update_hazard_spot = hazards.update_hazard_spot
        self.remove_hazard_spot = hazards.remove_hazard_spot
        self.hazard_spots = hazards.hazard_spots

        # ---- the child-friendly commune self-assessment (db/assessments.py)
        self.assessment = assessments.assessment
        self.area_assessments = assessments.area_assessments
        self.set_assessment_entry = assessments.set_assessment_entry
        self.set_assessment_signer = assessments.set_assessment_signer
        self.mark_assessment_sent = assessments.mark_assessment_sent

        # ---- the audit trail (db/audit.py)
        self.record_event = audit.record_event
        self.record_export = audit.record_export
        self.record_view = audit.record_view
        self.exporting = audit.exporting
        self.require_export = audit.require_export
        self.audit_rowids = audit.audit_rowids
        self.audit_page = audit.audit_page
        self.audit_entries = audit.audit_entries
        self.audit_users = audit.audit_users

        # ---- sync: settings, outbox, pulls, conflicts (db/sync_store.py)
        self.sync_cursor = sync.sync_cursor
        self.init_reader = sync.init_reader
        self.area_codes = sync.area_codes
        self.outbox = sync.outbox
        self.last_seq = sync.last_seq
        self.mark_sent = sync.mark_sent
        self.record_sync = sync.record_sync
        self.restamp = sync.restamp
        self.apply_pulled = sync.apply_pulled
        self.retry_unapplied = sync.retry_unapplied
        self.resend_refused = sync.resend_refused
        self.restored = sync.restored
        self.restore_settled = sync.restore_settled
        self.sync_state = sync.sync_state
        self.conflicts = sync.conflicts
        self.resolve_conflict = sync.resolve_conflict

        # ---- the write path's own (db/write_path.py)
        self.batch = db.batch
        self.quiet_audit = db.quiet_audit
        self.setting = db.setting
        self.set_settings = db.set_settings
        self.require_commune = db.require_commune
        self.require_officer = db.require_officer
        self.require_editor = db.require_editor

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, key: bytes | None = None) -> Register:
        """Open (creating if needed) the database at `path` and migrate it to the newest schema.

        With `key` the file is encrypted with SQLCipher (everything the app and the command
        line make for real); without it, plain SQLite (tests, throw-away databases).
        """
        path = Path(path)
        with disk_full_as_error(str(path)):
            privacy.private_folder(path.parent, tighten=False)
            if not path.exists():
                privacy.create_private(path)  # SQLite gives its WAL the same permissions
            for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                privacy.make_private(part)  # an older version left them readable to all
            engine = make_engine(path, key)
            migrate(engine)
            register = cls(engine, path, key)
        if key is not None:  # case narrative is sealed to the key file's cases key
            keys = KeyFile.for_db(path)
            if keys is not None and keys.cases_public is not None:
                register.db.seal = CaseSeal(keys.cases_public)
        return register

    def close(self) -> None:
        self.db.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- who and where -------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        return self.db.engine

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def key(self) -> bytes | None:
        return self.db.key

    @property
    def past_data_keys(self) -> tuple[bytes, ...]:
        """The officer's data keys of earlier generations: backups made before a rotation."""
        unlocked = self.db.unlocked
        return unlocked.keys.past_data_keys if unlocked is not None else ()

    @property
    def device_id(self) -> str:
        return self.db.device_id

    @property
    def incarnation(self) -> str:
        """This copy of the database, for sync (a restored backup is a new one)."""
        return self.db.incarnation

    @property
    def clock(self) -> HybridClock:
        return self.db.clock

    @property
    def commune_code(self) -> str | None:
        return self.db.commune_code

    @property
    def user(self) -> str:
        """Who signs the writes (the logged-in account)."""
        return self.db.user

    @user.setter
    def user(self, username: str) -> None:
        self.db.user = username

    @property
    def role(self) -> str:
        """What the logged-in account may do (`accounts.ROLES`)."""
        return self.db.role

    @property
    def is_reader(self) -> bool:
        """A district/province copy: read-only, filled by pulls."""
        return self.db.reader

    @property
    def reader_unit(self) -> str | None:
        return self.db.reader_unit

    def login_as(self, username: str, role: str) -> None:
        """Writes are signed with `username`; `role` limits what this register will do. (An
        encrypted register is entered with `login`: the role and keys come from the slot.)"""
        self.db.user, self.db.role = username, role

    def login(self, unlocked: Unlocked) -> None:
        """Enter as what a password opened: its account, its role, its keys. An officer's
        session opens case narrative, and seals any still stored in the clear."""
        self.db.user, self.db.role, self.db.unlocked = unlocked.username, unlocked.role, unlocked
        self.db.seal = CaseSeal(self.db.seal.public, unlocked.keys.cases_keys)
        if self.db.seal.can_open and self.db.setting(DONE_KEY) != "1":
            with self.engine.begin() as conn:
                seal_stored(conn, self.db.seal)
            self.db.set_settings({DONE_KEY: "1"})

    # ---- set-up ---------------------------------------------------------------------------

    def init_commune(self, commune_code: str) -> Changes:
        unit = reference.unit(commune_code)
        if unit is None or unit.level != "commune":
            raise ValidationError(
                [Problem("commune_code", f"mã “{commune_code}” không phải mã xã/phường hợp lệ.")]
            )
        if self.db.reader:
            raise ValidationError(
                [Problem("commune_code", "cơ sở dữ liệu này là bản xem của tỉnh.")]
            )
        if self.commune_code and self.commune_code != commune_code:
            raise ValidationError(
                [Problem("commune_code", f"cơ sở dữ liệu này đã thuộc xã {self.commune_code}.")]
            )
        with self.db.write() as tx:
            self.db.set_setting(tx.session, "commune_code", commune_code)
            tx.entities.add("setting")
        self.db.commune_code = commune_code
        return Changes(frozenset({"setting"}))

    @property
    def commune_name(self) -> str:
        unit = reference.unit(self.commune_code or "")
        return unit.name if unit else ""

    # ---- a copy to carry away ------------------------------------------------------------

    def back_up(self, target: Path) -> BackupInfo:
        """The register (and its key file) copied to a folder or USB stick: the whole of it,
        encrypted — an officer's or assistant's to carry away, not a viewer's."""
        if not accounts.may_back_up(self.role):
            raise NotAllowed(accounts.BACKUP_REFUSED)
        return backup.backup(self.path, target, self.key)

    # ---- reports as sent -----------------------------------------------------------------

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
        with self.db.write() as tx:
            self.db.insert(
                tx, SentReport, kind=kind, period=period, figures=figures_json,
                sent_on=sent_on, note=note,
            )  # fmt: skip
            return tx.changes()

    def sent_report(self, kind: str, period: str) -> SentReport | None:
        with self.db.reading() as session:
            return session.exec(
                select(SentReport)
                .where(
                    SentReport.commune_code == self.commune_code,
                    SentReport.kind == kind,
                    SentReport.period == period,
                    alive(SentReport),
                )
                .order_by(col(SentReport.updated_at).desc())
            ).first()

    # ---- change log ----------------------------------------------------------------------

    def unsent_count(self) -> int:
        with self.db.reading() as session:
            return session.exec(
                select(func.count()).select_from(ChangeLog).where(ChangeLog.sent_at == None)  # noqa: E711
            ).one()
