"""Tables of the local register (SQLModel).

Every syncable table carries the sync columns of `Synced`: a uuid7 text id, the owning
commune's code, creation time, an HLC `updated_at`, who updated it and a soft-delete flag.
Nothing is physically deleted. Schema changes go through Alembic (`migrations/`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, MetaData, Table
from sqlmodel import Field, SQLModel

from desktop.db.alembic_kit import NAMING_CONVENTION

# Constraint names that Alembic batch mode on SQLite can find again.
SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    commune_code: str = Field(index=True, max_length=10)
    created_at: datetime
    updated_at: str = Field(max_length=64)  # hybrid logical clock value
    updated_by: str = Field(default="", max_length=64)
    deleted: bool = Field(default=False)


class Village(Synced, table=True):
    name: str
    name_folded: str = Field(index=True)
    # Two villages written two ways were merged: this one lives on in `merged_into`.
    merged_into: str | None = Field(default=None, max_length=36)
    # No longer offered for new records (merged into a neighbour, renamed by the province…);
    # records that name it keep it, so past figures do not move.
    retired_on: date | None = None


class Child(Synced, table=True):
    # Covers the children list: every rowid of a commune in Vietnamese name order, index only.
    __table_args__ = (Index("ix_child_list_order", "commune_code", "deleted", "sort_key"),)

    full_name: str
    name_folded: str
    sort_key: str = Field(index=True)
    sex: str = Field(max_length=1)
    birth_year: int = Field(index=True)
    birth_month: int | None = None
    birth_day: int | None = None
    # The latest date the (possibly partial) birth date allows: ages and age bands use it.
    birth_latest: date = Field(index=True, sa_column_kwargs={"server_default": "1900-01-01"})
    ethnic_code: str | None = Field(default=None, max_length=2)
    village_id: str | None = Field(default=None, foreign_key="village.id", index=True)
    personal_id: str | None = Field(default=None, max_length=12, index=True)
    birth_registered: bool | None = None
    health_insurance: bool | None = None
    schooling: str | None = None
    poverty: str | None = None
    caregiver_name: str = ""
    caregiver_relation: str = ""
    contact_phone: str = ""
    status: str = Field(default="active", index=True)
    notes: str = ""
    # A second record of the same child, merged: its history follows the kept record.
    merged_into: str | None = Field(default=None, max_length=36)
    # Folded name, personal id, caregiver and village: what the FTS5 index reads.
    search_text: str = Field(default="", sa_column_kwargs={"server_default": ""})


# The fields of a child that a form or an import edits (the rest are derived or bookkeeping).
CHILD_FIELDS = (
    "full_name", "sex", "ethnic_code", "village_id", "personal_id", "birth_registered",
    "health_insurance", "schooling", "poverty", "caregiver_name", "caregiver_relation",
    "contact_phone", "status", "notes",
)  # fmt: skip


class Circumstance(Synced, table=True):
    child_id: str = Field(foreign_key="child.id", index=True)
    kind: str  # "special" | "risk"
    group_code: str
    sub_code: str | None = None
    start_date: date
    end_date: date | None = None
    end_reason: str = ""
    notes: str = ""


class Support(Synced, table=True):
    child_id: str = Field(foreign_key="child.id", index=True)
    support_type: str
    given_on: date = Field(index=True)
    amount_vnd: int | None = None
    funding_source: str | None = None
    notes: str = ""


class ProtectionCase(Synced, table=True):
    child_id: str = Field(foreign_key="child.id", index=True)
    case_type: str
    received_at: datetime
    report_source: str | None = None  # where the information came from (REPORT_SOURCES)
    reported_by: str = ""
    summary: str = ""
    emergency: bool = False
    status: str = Field(default="open")
    closed_on: date | None = None


class CaseStep(Synced, table=True):
    case_id: str = Field(foreign_key="protectioncase.id", index=True)
    step: str
    done_at: datetime | None = None
    notes: str = ""


class Activity(Synced, table=True):
    activity_type: str
    title: str
    start_date: date = Field(index=True)
    end_date: date | None = None
    place: str = ""
    village_id: str | None = Field(default=None, foreign_key="village.id")
    organiser: str = ""
    partners: str = ""
    adult_male: int = 0
    adult_female: int = 0
    child_male: int = 0
    child_female: int = 0
    special_children: int = 0
    cost_vnd: int | None = None
    funding_source: str | None = None
    notes: str = ""


class TrainingCourse(Synced, table=True):
    topic: str
    title: str
    start_date: date = Field(index=True)
    end_date: date | None = None
    place: str = ""
    trainer: str = ""
    cost_vnd: int | None = None
    funding_source: str | None = None
    notes: str = ""


class TrainingParticipant(Synced, table=True):
    """One named participant, or (name empty) a count of participants of a role and sex."""

    course_id: str = Field(foreign_key="trainingcourse.id", index=True)
    name: str = ""
    role: str
    sex: str = Field(max_length=1)
    count: int = 1


class PlanTarget(Synced, table=True):
    year: int = Field(index=True)
    indicator: str
    label: str
    target_value: int
    set_by: str = "commune"  # commune | district | province
    achieved_value: int | None = None  # entered by hand, only for free-form ("custom") targets
    # The ages a share-of-children target names (its denominator), e.g. 6–15; else None.
    age_from: int | None = None
    age_to: int | None = None


class FundEntry(Synced, table=True):
    """One line of the Quỹ Bảo trợ trẻ em book: a contribution received or a spending."""

    entry_date: date = Field(index=True)
    direction: str  # received | spent
    form: str = "cash"  # cash | in_kind
    amount_vnd: int  # money, or the value of goods given in kind
    donor: str = ""
    recipient: str = ""
    purpose: str = ""
    items: str = ""
    notes: str = ""


class SentReport(Synced, table=True):
    """A report as it was sent: its figures frozen, so later corrections show as differences."""

    kind: str  # monthly | semiannual | annual
    period: str = Field(index=True)  # 2026-10, 2026-H1, 2026
    figures: str  # the tally JSON as sent
    sent_on: date
    note: str = ""


class Injury(Synced, table=True):
    """A child injured or drowned: a child of the register, or one who is not in it (then the
    minimum a report needs is kept here: name, sex, birth year, village)."""

    occurred_on: date = Field(index=True)
    village_id: str = Field(foreign_key="village.id")  # where it happened
    place: str  # INJURY_PLACES
    cause: str  # INJURY_CAUSES
    severity: str  # INJURY_SEVERITIES
    child_id: str | None = Field(default=None, foreign_key="child.id", index=True)
    child_name: str = ""
    child_sex: str | None = Field(default=None, max_length=1)
    child_birth_year: int | None = None
    child_village_id: str | None = Field(default=None, foreign_key="village.id")
    notes: str = ""


class HazardSpot(Synced, table=True):
    """A place in a village where children risk drowning, and what has been done there."""

    village_id: str = Field(foreign_key="village.id", index=True)
    kind: str  # HAZARD_KINDS
    description: str
    measures: str = ""  # codes of HAZARD_MEASURES, comma-separated; "" when nothing is done
    found_on: date  # first recorded: the figures of a past period count the spots known then
    checked_on: date  # the latest check
    notes: str = ""


class ChildFriendlyAssessment(Synced, table=True):
    """A commune's self-assessment of a year against the child-friendly commune criteria.

    Once sent upward, `snapshot` freezes it (criteria wording, values, entries, results as JSON)
    and it is no longer edited.
    """

    year: int = Field(index=True)
    criteria_version: str
    sent_on: date | None = None
    snapshot: str = ""  # JSON of `desktop.domain.assessment.snapshot`, set when sent
    signer: str = ""  # the chair who signs the printed document


class AssessmentEntry(Synced, table=True):
    """What the officer states for one criterion: a value, met or not, and the evidence."""

    assessment_id: str = Field(foreign_key="childfriendlyassessment.id", index=True)
    criterion: str
    value: str = ""
    met: bool | None = None
    evidence: str = ""


class AuditEntry(Synced, table=True):
    """Who viewed, created, changed, exported or printed what, and when (`desktop.db.audit`).

    Insert-only: SQLite triggers (migration 0008) refuse UPDATE and DELETE, so the app cannot
    edit the trail; rows sync upward like every other table. A batch migration that rebuilds
    this table drops the triggers with it and must create them again.
    """

    at: datetime = Field(index=True)
    username: str
    action: str  # a code of desktop.domain.audit.ACTIONS: viewed | created | changed | exported …
    entity: str  # the table of the row concerned, or the kind of file exported
    row_id: str = ""
    label: str = Field(default="", sa_column_kwargs={"server_default": ""})  # e.g. the child's name
    detail: str = ""


class User(SQLModel, table=True):
    """Local accounts; not synced (each desktop has its own)."""

    id: str = Field(primary_key=True, max_length=36)
    username: str = Field(unique=True)
    full_name: str = ""
    role: str  # officer | assistant | viewer
    password_hash: str
    created_at: datetime


class ChangeLog(SQLModel, table=True):
    """The outbox: every write appends one entry per changed row, sent upward by sync."""

    __tablename__ = "change_log"
    seq: int | None = Field(default=None, primary_key=True)  # device sequence number
    entity: str
    row_id: str = Field(index=True)
    commune_code: str
    fields: str  # JSON object of the changed fields and their new values
    hlc: str
    device_id: str
    sent_at: datetime | None = Field(default=None, index=True)
    # The server cursor this device had pulled up to when the edit was made (see protocol).
    base: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Which copy of the database wrote it (`desktop.db.incarnation`); "" before there were any.
    # The server knows a change by (device, incarnation, seq): a restored copy numbers its new
    # edits from an old seq again without being taken for a replay.
    incarnation: str = Field(default="", sa_column_kwargs={"server_default": ""})


class SyncConflict(Synced, table=True):
    """One field two sides edited at once: the value kept (later clock) and the value lost.

    Never dropped: the officer sees both on the Đồng bộ page and keeps one. Synced like any row,
    so the server and the other devices of the commune see the same record.
    """

    __tablename__ = "sync_conflict"
    entity: str = Field(max_length=40)
    row_id: str = Field(max_length=36, index=True)
    field: str = Field(max_length=60)
    kept_value: str = "null"  # JSON
    kept_hlc: str = Field(max_length=64)
    lost_value: str = "null"  # JSON
    lost_hlc: str = Field(max_length=64)
    lost_by: str = Field(default="", max_length=64)
    resolved: bool = Field(default=False, index=True)


class SyncFailure(SQLModel, table=True):
    """A change the server refused, with its message: shown per record until fixed."""

    __tablename__ = "sync_failure"
    seq: int = Field(primary_key=True)  # the refused change_log entry
    entity: str
    row_id: str = Field(index=True)
    message: str
    at: datetime


class SyncUnapplied(SQLModel, table=True):
    """A pulled change this desktop could not apply (malformed, incomplete, its parent missing,
    or waiting behind such a change to the same record): kept aside with the reason, shown on
    the Đồng bộ page and tried again at every sync, while the rest of the stream goes on."""

    __tablename__ = "sync_unapplied"
    rev: int = Field(primary_key=True)  # the server revision of the change
    entity: str
    row_id: str = Field(index=True)
    commune_code: str
    hlc: str
    by: str = ""
    fields: str  # JSON object, as pulled
    message: str
    at: datetime


class Setting(SQLModel, table=True):
    """Install-wide settings of this database (commune code, device id, clock …)."""

    key: str = Field(primary_key=True)
    value: str


def table_of(model: type[SQLModel]) -> Table:
    """The SQLAlchemy table of a table model (SQLModel sets it when the class is made)."""
    table = getattr(model, "__table__", None)
    assert isinstance(table, Table), model
    return table


def table_name(model: type[SQLModel] | SQLModel) -> str:
    """The table name of a model or a row (typed `str | Callable` by SQLModel; always a str)."""
    name = model.__tablename__
    assert isinstance(name, str), model
    return name


SYNCED_TABLES: dict[str, type[Synced]] = {
    table_name(m): m
    for m in (
        Village, Child, Circumstance, Support, ProtectionCase, CaseStep, Activity,
        TrainingCourse, TrainingParticipant, PlanTarget, FundEntry, SentReport, AuditEntry,
        SyncConflict, Injury, HazardSpot, ChildFriendlyAssessment, AssessmentEntry,
    )
}  # fmt: skip

# Tables whose rows are written once and never changed (the audit trail): sync applies them with
# an insert that ignores an id it already has, never an update; SQLite triggers refuse the rest.
INSERT_ONLY_TABLES: frozenset[str] = frozenset({"auditentry"})
