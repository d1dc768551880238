"""Use cases and queries of the commune's programme: activities, training courses, the year's
plan targets and the Child Protection Fund (Quỹ Bảo trợ trẻ em).

`Programme` is a part `Register` holds: every write goes through the write path
(`desktop.db.write_path`: `write`/`insert`/`update`), so it is validated by
`desktop.domain.programme`, change-logged and syncable, and returns `Changes`. Nothing is
physically deleted: deleting sets `deleted`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from desktop.db.changes import Changes
from desktop.db.models import (
    Activity,
    Child,
    Circumstance,
    FundEntry,
    PlanTarget,
    Support,
    Synced,
    TrainingCourse,
    TrainingParticipant,
    Village,
)
from desktop.db.write_path import Tx, WritePath, alive
from desktop.domain import categories as cat
from desktop.domain.names import fold, normalize_name
from desktop.domain.programme import (
    BY_HAND,
    ActivityDraft,
    CourseDraft,
    FundDraft,
    FundLine,
    FundYear,
    ParticipantEntry,
    ParticipantTotals,
    Progress,
    TargetDraft,
    YearFigures,
    fund_year,
    overdraft_problem,
    participant_totals,
    per_month,
    special_supported_by_month,
    target_progress,
    validate_activity,
    validate_course,
    validate_fund_entry,
    validate_target,
)
from desktop.domain.validation import Problem, ValidationError, ensure

_ACTIVITY_FIELDS = tuple(f.name for f in dataclasses.fields(ActivityDraft))
_COURSE_FIELDS = tuple(f.name for f in dataclasses.fields(CourseDraft))
_FUND_FIELDS = tuple(f.name for f in dataclasses.fields(FundDraft))
_TEXT_FIELDS = frozenset(
    {"title", "place", "organiser", "partners", "trainer", "notes", "donor", "recipient",
     "purpose", "items"}
)  # fmt: skip
_INDICATOR_ORDER = {c.code: i for i, c in enumerate(cat.PLAN_INDICATORS)}


@dataclass(frozen=True)
class ActivityFilter:
    """What the activities list shows: a year, a month of it, a type, a village (None: all)."""

    year: int | None = None
    month: int | None = None
    activity_type: str | None = None
    village_id: str | None = None


@dataclass(frozen=True)
class ActivityRecord:
    id: str
    draft: ActivityDraft
    village: str  # the village's name; "" when none


@dataclass(frozen=True)
class CourseRecord:
    id: str
    draft: CourseDraft
    participants: tuple[ParticipantEntry, ...]

    @property
    def totals(self) -> ParticipantTotals:
        return participant_totals(self.participants)


@dataclass(frozen=True)
class TargetRecord:
    id: str
    draft: TargetDraft
    progress: Progress

    @property
    def label(self) -> str:
        return self.draft.display_label()


@dataclass(frozen=True)
class FundRecord:
    id: str
    draft: FundDraft


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Text as it is stored: NFC, single spaces, no blanks around (notes keep their lines)."""
    out = dict(values)
    for name in _TEXT_FIELDS & out.keys():
        text = out[name] or ""
        out[name] = text.strip() if name == "notes" else normalize_name(text)
    return out


def _year_range(year: int, month: int | None = None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def _entries(
    participants: Iterable[ParticipantEntry | Mapping[str, Any]] | None,
) -> list[ParticipantEntry]:
    entries = []
    for p in participants or []:
        entry = p if isinstance(p, ParticipantEntry) else ParticipantEntry(**p)
        entries.append(dataclasses.replace(entry, name=normalize_name(entry.name)))
    return entries


class Programme:
    """Activities, courses, plan targets and the fund, as use cases the register holds."""

    def __init__(self, db: WritePath):
        self.db = db

    def _mine(self, model: type[Synced]) -> list[Any]:
        """Conditions every list starts from: this commune's rows that are not deleted."""
        return [model.commune_code == self.db.commune_code, alive(model)]

    # ---- activities ---------------------------------------------------------------------

    def add_activity(
        self, draft: ActivityDraft | None = None, /, *, today: date | None = None, **values: Any
    ) -> Changes:
        """Record an activity; `draft` or its fields as keywords (`activity_type=…`)."""
        draft = draft or ActivityDraft(**values)
        with self.db.write() as tx:
            self._check_activity(tx, draft, today)
            row = self.db.insert(tx, Activity, **_clean(dataclasses.asdict(draft)))
            self.db.audit(tx, "created", "activity", row.id, row.title)
            return tx.changes()

    def update_activity(
        self, activity_id: str, draft: ActivityDraft, today: date | None = None
    ) -> Changes:
        with self.db.write() as tx:
            row = self.db.get(tx, Activity, activity_id)
            self._check_activity(tx, draft, today)
            if self.db.update(tx, row, **_clean(dataclasses.asdict(draft))):
                self.db.audit(tx, "changed", "activity", row.id, row.title)
            return tx.changes()

    def delete_activity(self, activity_id: str, reason: str = "") -> Changes:
        with self.db.write() as tx:
            row = self.db.get(tx, Activity, activity_id)
            self.db.update(tx, row, deleted=True)
            self.db.audit(tx, "deleted", "activity", row.id, row.title, reason)
            return tx.changes()

    def _check_activity(self, tx: Tx, draft: ActivityDraft, today: date | None) -> None:
        ensure(
            validate_activity(
                draft, today=today or date.today(), village_ids=self.db.village_ids(tx.session)
            )
        )

    def activities(self, flt: ActivityFilter | None = None) -> list[ActivityRecord]:
        """Activities newest first; a month or year shows those taking place in it."""
        flt = flt or ActivityFilter()
        query = (
            select(Activity, Village.name)
            .outerjoin(Village, col(Village.id) == Activity.village_id)
            .where(*self._mine(Activity))
        )
        if flt.year is not None:
            first, last = _year_range(flt.year, flt.month)
            ends = func.coalesce(Activity.end_date, Activity.start_date)
            query = query.where(Activity.start_date <= last, ends >= first)
        if flt.activity_type is not None:
            query = query.where(Activity.activity_type == flt.activity_type)
        if flt.village_id is not None:
            query = query.where(Activity.village_id == flt.village_id)
        query = query.order_by(col(Activity.start_date).desc(), col(Activity.created_at).desc())
        with self.db.reading() as session:
            rows = session.exec(query).all()
        return [
            ActivityRecord(
                row.id,
                ActivityDraft(**{name: getattr(row, name) for name in _ACTIVITY_FIELDS}),
                village or "",
            )
            for row, village in rows
        ]

    # ---- training courses ---------------------------------------------------------------

    def add_course(
        self,
        participants: Sequence[ParticipantEntry | Mapping[str, Any]] | None = None,
        draft: CourseDraft | None = None,
        *,
        today: date | None = None,
        **values: Any,
    ) -> Changes:
        """Record a course with its participants, by name or as counts per role and sex."""
        draft = draft or CourseDraft(**values)
        entries = _entries(participants)
        ensure(validate_course(draft, entries, today=today or date.today()))
        with self.db.write() as tx:
            course = self.db.insert(tx, TrainingCourse, **_clean(dataclasses.asdict(draft)))
            for entry in entries:
                self.db.insert(
                    tx, TrainingParticipant, course_id=course.id, **dataclasses.asdict(entry)
                )
            self.db.audit(tx, "created", "trainingcourse", course.id, course.title)
            return tx.changes()

    def update_course(
        self,
        course_id: str,
        draft: CourseDraft,
        participants: Sequence[ParticipantEntry | Mapping[str, Any]],
        today: date | None = None,
    ) -> Changes:
        """Save a course again; participants are matched to the saved ones so only real
        changes reach the change log (a count edited, a person added or removed)."""
        entries = _entries(participants)
        ensure(validate_course(draft, entries, today=today or date.today()))
        with self.db.write() as tx:
            course = self.db.get(tx, TrainingCourse, course_id)
            self.db.update(tx, course, **_clean(dataclasses.asdict(draft)))
            saved = list(self._participant_rows(tx.session, course_id))
            for entry in entries:
                match = next(
                    (
                        r
                        for r in saved
                        if (r.name, r.role, r.sex) == (entry.name, entry.role, entry.sex)
                    ),
                    None,
                )
                if match is None:
                    self.db.insert(
                        tx, TrainingParticipant, course_id=course_id, **dataclasses.asdict(entry)
                    )
                else:
                    saved.remove(match)
                    self.db.update(tx, match, count=entry.count)
            for gone in saved:
                self.db.update(tx, gone, deleted=True)
            if tx.ids:
                self.db.audit(tx, "changed", "trainingcourse", course.id, course.title)
            return tx.changes()

    def delete_course(self, course_id: str, reason: str = "") -> Changes:
        with self.db.write() as tx:
            course = self.db.get(tx, TrainingCourse, course_id)
            for row in self._participant_rows(tx.session, course_id):
                self.db.update(tx, row, deleted=True)
            self.db.update(tx, course, deleted=True)
            self.db.audit(tx, "deleted", "trainingcourse", course.id, course.title, reason)
            return tx.changes()

    @staticmethod
    def _participant_rows(session: Session, course_id: str) -> Iterator[TrainingParticipant]:
        yield from session.exec(
            select(TrainingParticipant)
            .where(TrainingParticipant.course_id == course_id, alive(TrainingParticipant))
            .order_by(col(TrainingParticipant.created_at))
        )

    def courses(self, year: int | None = None, topic: str | None = None) -> list[CourseRecord]:
        """Courses newest first, each with its participants."""
        query = select(TrainingCourse).where(*self._mine(TrainingCourse))
        if year is not None:
            first, last = _year_range(year)
            query = query.where(TrainingCourse.start_date >= first)
            query = query.where(TrainingCourse.start_date <= last)
        if topic is not None:
            query = query.where(TrainingCourse.topic == topic)
        query = query.order_by(
            col(TrainingCourse.start_date).desc(), col(TrainingCourse.created_at).desc()
        )
        with self.db.reading() as session:
            courses = session.exec(query).all()
            people = self._participants_of(session, [c.id for c in courses])
        return [
            CourseRecord(
                c.id,
                CourseDraft(**{name: getattr(c, name) for name in _COURSE_FIELDS}),
                tuple(people.get(c.id, ())),
            )
            for c in courses
        ]

    @staticmethod
    def _participants_of(
        session: Session, course_ids: list[str]
    ) -> dict[str, list[ParticipantEntry]]:
        people: dict[str, list[ParticipantEntry]] = {}
        if not course_ids:
            return people
        rows = session.exec(
            select(TrainingParticipant)
            .where(col(TrainingParticipant.course_id).in_(course_ids), alive(TrainingParticipant))
            .order_by(col(TrainingParticipant.created_at))
        )
        for p in rows:
            people.setdefault(p.course_id, []).append(
                ParticipantEntry(p.role, p.sex, p.count, p.name)
            )
        return people

    # ---- plan targets -------------------------------------------------------------------

    def set_plan_target(
        self,
        year: int,
        indicator: str,
        target_value: int,
        label: str = "",
        set_by: str = "commune",
        achieved_value: int | None = None,
        age_from: int | None = None,
        age_to: int | None = None,
    ) -> Changes:
        """Set (or change) one of the year's targets; one target per indicator and year, and
        free-form ("custom") targets told apart by their name. A share of children names the
        ages it is taken of (`age_from`–`age_to`)."""
        draft = TargetDraft(
            year, indicator, target_value, normalize_name(label), set_by, achieved_value,
            age_from, age_to,
        )  # fmt: skip
        ensure(validate_target(draft))
        with self.db.write() as tx:
            existing = self._same_target(tx.session, draft)
            if existing:
                values = self._target_values(draft)
                if draft.indicator in BY_HAND:  # its name is what found it: keep it as written
                    values["label"] = existing.label
                if self.db.update(tx, existing, **values):
                    self.db.audit(tx, "changed", "plantarget", existing.id, existing.label)
            else:
                row = self.db.insert(tx, PlanTarget, **self._target_values(draft))
                self.db.audit(tx, "created", "plantarget", row.id, row.label)
            return tx.changes()

    def update_plan_target(self, target_id: str, draft: TargetDraft) -> Changes:
        """Edit a saved target (also its indicator or name, unless that one exists already)."""
        draft = dataclasses.replace(draft, label=normalize_name(draft.label))
        ensure(validate_target(draft))
        with self.db.write() as tx:
            row = self.db.get(tx, PlanTarget, target_id)
            other = self._same_target(tx.session, draft)
            if other is not None and other.id != target_id:
                raise ValidationError(
                    [Problem("indicator", f"năm {draft.year} đã có chỉ tiêu này.")]
                )
            if self.db.update(tx, row, **self._target_values(draft)):
                self.db.audit(tx, "changed", "plantarget", row.id, row.label)
            return tx.changes()

    def delete_plan_target(self, target_id: str, reason: str = "") -> Changes:
        with self.db.write() as tx:
            row = self.db.get(tx, PlanTarget, target_id)
            self.db.update(tx, row, deleted=True)
            self.db.audit(tx, "deleted", "plantarget", row.id, row.label, reason)
            return tx.changes()

    @staticmethod
    def _target_values(draft: TargetDraft) -> dict[str, Any]:
        return {
            "year": draft.year,
            "indicator": draft.indicator,
            "label": draft.display_label(),
            "target_value": draft.target_value,
            "set_by": draft.set_by,
            "achieved_value": draft.achieved_value,
            "age_from": draft.age_from,
            "age_to": draft.age_to,
        }

    def _same_target(self, session: Session, draft: TargetDraft) -> PlanTarget | None:
        rows = session.exec(
            select(PlanTarget).where(
                PlanTarget.year == draft.year,
                PlanTarget.indicator == draft.indicator,
                PlanTarget.commune_code == self.db.require_commune(),
                alive(PlanTarget),
            )
        ).all()
        if draft.indicator not in BY_HAND:
            return rows[0] if rows else None
        return next((r for r in rows if fold(r.label) == fold(draft.display_label())), None)

    def plan_progress(self, year: int) -> list[TargetRecord]:
        """The year's targets in the order of the plan, each with its progress."""
        query = select(PlanTarget).where(*self._mine(PlanTarget), PlanTarget.year == year)
        with self.db.reading() as session:
            targets = session.exec(query).all()
        targets = sorted(targets, key=lambda t: (_INDICATOR_ORDER.get(t.indicator, 99), t.label))
        ages = {
            (t.age_from, t.age_to)
            for t in targets
            if t.age_from is not None and t.age_to is not None
        }
        figures = self.year_figures(year, ages)
        records = []
        for t in targets:
            draft = TargetDraft(
                t.year, t.indicator, t.target_value, t.label, t.set_by, t.achieved_value,
                t.age_from, t.age_to,
            )  # fmt: skip
            records.append(TargetRecord(t.id, draft, target_progress(draft, figures)))
        return records

    def year_figures(self, year: int, ages: Iterable[tuple[int, int]] = ()) -> YearFigures:
        """What the register holds for `year`, month by month: what targets are measured on
        (with the children of each age range in `ages` at every month's end)."""
        first, last = _year_range(year)
        with self.db.reading() as session:
            courses = session.exec(
                select(col(TrainingCourse.id), col(TrainingCourse.start_date)).where(
                    *self._mine(TrainingCourse),
                    TrainingCourse.start_date >= first,
                    TrainingCourse.start_date <= last,
                )
            ).all()
            people = self._participants_of(session, [c for c, _ in courses])
            activities = session.exec(
                select(
                    col(Activity.activity_type), col(Activity.start_date),
                    col(Activity.child_male) + col(Activity.child_female),
                ).where(
                    *self._mine(Activity), Activity.start_date >= first, Activity.start_date <= last
                )
            ).all()  # fmt: skip
            received = session.exec(
                select(col(FundEntry.entry_date), col(FundEntry.amount_vnd)).where(
                    *self._mine(FundEntry),
                    FundEntry.direction == "received",
                    FundEntry.entry_date >= first,
                    FundEntry.entry_date <= last,
                )
            ).all()
            special = self._special_children(session, first, last)
            of_age = {pair: self._children_of_age(session, year, *pair) for pair in ages}
        by_type: dict[str, list[tuple[date, int]]] = {}
        taught: dict[str, list[tuple[date, int]]] = {}
        for kind, day, children in activities:
            by_type.setdefault(kind, []).append((day, 1))
            taught.setdefault(kind, []).append((day, children))
        known, supported = special_supported_by_month(special)
        return YearFigures(
            courses=per_month(((day, 1) for _, day in courses), year),
            course_participants=per_month(
                ((day, participant_totals(people.get(c, ())).total) for c, day in courses), year
            ),
            activities={kind: per_month(items, year) for kind, items in by_type.items()},
            fund_received=per_month(received, year),
            special_known=known,
            special_supported=supported,
            activity_children={kind: per_month(items, year) for kind, items in taught.items()},
            children_of_age=of_age,
        )

    def _children_of_age(
        self, session: Session, year: int, age_from: int, age_to: int
    ) -> tuple[int, ...]:
        """Children of the register aged `age_from`–`age_to` at the end of each month (ages
        from the latest possible birth date; moved away and deceased children left out)."""
        counts = []
        for month in range(1, 13):
            end = _year_range(year, month)[1]
            oldest_born_after = years_before(end, age_to + 1)
            youngest_born_by = years_before(end, age_from)
            counts.append(
                session.exec(
                    select(func.count()).select_from(Child).where(
                        *self._mine(Child),
                        col(Child.status).not_in(("moved", "deceased")),
                        Child.birth_latest > oldest_born_after,
                        Child.birth_latest <= youngest_born_by,
                    )
                ).one()
            )
        return tuple(counts)

    def _special_children(
        self, session: Session, first: date, last: date
    ) -> list[tuple[int, int | None]]:
        """Children in special circumstances during the year: (month known, month supported)."""
        rows = session.exec(
            select(Circumstance.child_id, func.min(Circumstance.start_date))
            .join(Child, col(Child.id) == Circumstance.child_id)
            .where(
                *self._mine(Child),
                alive(Circumstance),
                Circumstance.kind == "special",
                Circumstance.start_date <= last,
                func.coalesce(Circumstance.end_date, last) >= first,
            )
            .group_by(Circumstance.child_id)
        ).all()
        starts = {child: max(start, first) for child, start in rows}
        supports = session.exec(
            select(Support.child_id, func.min(Support.given_on))
            .where(
                alive(Support),
                Support.given_on >= first,
                Support.given_on <= last,
                col(Support.child_id).in_(list(starts)),
            )
            .group_by(Support.child_id)
        ).all()
        supported = {child: day.month for child, day in supports}
        return [(start.month, supported.get(child)) for child, start in starts.items()]

    # ---- the Child Protection Fund --------------------------------------------------------

    def add_fund_entry(self, draft: FundDraft, today: date | None = None) -> Changes:
        ensure(validate_fund_entry(draft, today=today or date.today()))
        with self.db.write() as tx:
            before = self._fund_lines(tx.session)
            ensure(overdraft_problem(before, [*before, _line(draft)]))
            row = self.db.insert(tx, FundEntry, **_clean(dataclasses.asdict(draft)))
            self.db.audit(tx, "created", "fundentry", row.id, _fund_label(row))
            return tx.changes()

    def update_fund_entry(
        self, entry_id: str, draft: FundDraft, today: date | None = None
    ) -> Changes:
        ensure(validate_fund_entry(draft, today=today or date.today()))
        with self.db.write() as tx:
            row = self.db.get(tx, FundEntry, entry_id)
            before = self._fund_lines(tx.session, exclude=entry_id)
            ensure(overdraft_problem([*before, _line(row)], [*before, _line(draft)]))
            if self.db.update(tx, row, **_clean(dataclasses.asdict(draft))):
                self.db.audit(tx, "changed", "fundentry", row.id, _fund_label(row))
            return tx.changes()

    def delete_fund_entry(self, entry_id: str, reason: str = "") -> Changes:
        """Take an entry out of the book; refused if later spending would then go unfunded."""
        with self.db.write() as tx:
            row = self.db.get(tx, FundEntry, entry_id)
            others = self._fund_lines(tx.session, exclude=entry_id)
            ensure(overdraft_problem([*others, _line(row)], others))
            self.db.update(tx, row, deleted=True)
            self.db.audit(tx, "deleted", "fundentry", row.id, _fund_label(row), reason)
            return tx.changes()

    def _fund_lines(self, session: Session, exclude: str | None = None) -> list[FundLine]:
        rows = session.exec(select(FundEntry).where(*self._mine(FundEntry)))
        return [_line(r) for r in rows if r.id != exclude]

    def fund_entries(self, year: int | None = None) -> list[FundRecord]:
        """The fund's book, newest first."""
        query = select(FundEntry).where(*self._mine(FundEntry))
        if year is not None:
            first, last = _year_range(year)
            query = query.where(FundEntry.entry_date >= first, FundEntry.entry_date <= last)
        query = query.order_by(col(FundEntry.entry_date).desc(), col(FundEntry.created_at).desc())
        with self.db.reading() as session:
            rows = session.exec(query).all()
        return [
            FundRecord(r.id, FundDraft(**{name: getattr(r, name) for name in _FUND_FIELDS}))
            for r in rows
        ]

    def fund_year(self, year: int) -> FundYear:
        """Balance brought forward, received, spent and balance carried for `year`."""
        with self.db.reading() as session:
            return fund_year(self._fund_lines(session), year)


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (28 February for a 29 February without its year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 2, 28)


def _fund_label(row: FundEntry) -> str:
    who = row.donor if row.direction == "received" else row.recipient
    return f"{row.entry_date:%d/%m/%Y} — {who or row.purpose}".rstrip(" —")


def _line(entry: FundDraft | FundEntry) -> FundLine:
    assert entry.entry_date is not None and entry.direction and entry.form
    return FundLine(entry.entry_date, entry.direction, entry.form, entry.amount_vnd or 0)
