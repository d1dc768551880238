"""Record schemas: in step with the desktop's tables, passing everything a desktop writes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from pydantic_core import PydanticUndefined

from desktop.db.models import SYNCED_TABLES
from desktop.db.register import Register
from desktop.demo import fill_demo
from desktop.sync import records
from desktop.sync.protocol import DERIVED_FIELDS

ENVELOPE = {"id", "commune_code", "updated_at", "updated_by"}


@pytest.mark.parametrize("entity", sorted(SYNCED_TABLES))
def test_every_column_of_every_synced_table_has_a_schema(entity):
    table = SYNCED_TABLES[entity].__table__  # type: ignore[attr-defined]
    columns = {c.name for c in table.columns} - {"id"} - DERIVED_FIELDS
    assert set(records.SCHEMAS[entity].model_fields) == columns


@pytest.mark.parametrize("entity", sorted(SYNCED_TABLES))
def test_a_new_record_must_carry_what_the_desktop_cannot_fill_in(entity):
    """Required on the wire = a column with no default, not nullable (the desktop skips rows
    missing one)."""
    model = SYNCED_TABLES[entity]
    table = model.__table__  # type: ignore[attr-defined]
    needed = {
        c.name
        for c in table.columns
        if not c.nullable
        and c.server_default is None
        and model.model_fields[c.name].default is PydanticUndefined
        and model.model_fields[c.name].default_factory is None
    } - ENVELOPE - DERIVED_FIELDS
    assert records.required(entity) == needed


def test_everything_a_desktop_writes_passes_the_server_schemas(tmp_path):
    register = Register.open(tmp_path / "a.db")
    register.init_commune("02725")
    today = date(2026, 11, 25)
    fill_demo(register, 400, seed=5, today=today)
    register.mark_report_sent("monthly", "2026-10", json.dumps({"children": 400}), today)
    register.mark_report_sent("semiannual", "2026-H1", json.dumps({"children": 390}), today)
    seen: set[str] = set()
    entities = set()
    for entry in register.outbox(1_000_000):
        new = entry.row_id not in seen
        _, problems = records.field_problems(entry.entity, entry.fields, new=new)
        _, envelope = records.envelope_problems(entry.row_id, entry.hlc, entry.by)
        assert problems + envelope == [], (entry.entity, entry.fields)
        seen.add(entry.row_id)
        entities.add(entry.entity)
    assert entities == set(SYNCED_TABLES) - {"sync_conflict"}, entities


@pytest.mark.bad_input
@pytest.mark.parametrize(
    "fields, named",
    [
        ({"created_at": "hôm qua"}, "created_at"),
        ({"created_at": "2026-11-20T08:00:00"}, "múi giờ"),
        ({"birth_year": "2016"}, "số nguyên"),
        ({"birth_year": True}, "số nguyên"),
        ({"birth_year": 2**70}, "khoảng"),
        ({"sex": "X"}, "danh mục"),
        ({"ethnic_code": "99"}, "54 dân tộc"),
        ({"status": "gone"}, "danh mục"),
        ({"personal_id": "12345"}, "12 chữ số"),
        ({"village_id": "v\x00"}, "ký tự"),
        ({"notes": "x" * 5000}, "tối đa"),
        ({"full_name": "Lò\u202eThị"}, "điều khiển"),
        ({"birth_month": 2, "birth_day": 30}, "không có thật"),
        ({"deleted": 1}, "true hoặc false"),
    ],
)
def test_malformed_child_fields_are_named(fields, named):
    row = {"full_name": "Lò Thị Mai", "sex": "F", "birth_year": 2016,
           "created_at": "2026-11-20T08:00:00+07:00", **fields}  # fmt: skip
    clean, problems = records.field_problems("child", row, new=True)
    problems += records.row_problems("child", {**row, **clean}) if not problems else []
    assert problems and named in " ".join(problems)


def test_clock_values_are_stored_in_the_fixed_width_form():
    clean, problems = records.field_problems(
        "sync_conflict", {"kept_hlc": "1767600000000-10000-a", "lost_hlc": "1767600000000-0001-b"}
    )
    assert problems == []
    assert clean == {"kept_hlc": "1767600000001-0000-a", "lost_hlc": "1767600000000-0001-b"}


def test_a_time_with_its_zone_passes_whatever_the_zone():
    for moment in (datetime.now(UTC).isoformat(), "2026-11-20T08:00:00+07:00",
                   "2026-11-20T01:00:00Z"):  # fmt: skip
        assert records.field_problems("auditentry", {"at": moment})[1] == []
