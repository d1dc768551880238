"""Values between the wire and the register's columns, for the sync code of `desktop.db`.

Pulled fields arrive as JSON; the columns want dates, times and booleans. Derived columns
(folded names, sort keys, search text, the latest birth date) never travel: they are computed
here the way the write path computes them. Conflict records keep their two values as JSON text.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import types as sa_types
from sqlmodel import Session

from desktop.db.models import SYNCED_TABLES, SyncConflict, Village, table_name, table_of
from desktop.domain.dates import PartialDate
from desktop.domain.hlc import Timestamp
from desktop.domain.names import fold, search_document, sort_key

# Columns carried by the envelope of a change (or recomputed): not repeated in its fields.
ENVELOPE_FIELDS = frozenset({"id", "commune_code", "updated_at", "updated_by"})
DERIVED_FIELDS = frozenset({"name_folded", "sort_key", "search_text", "birth_latest"})
_CONFLICT_NAMESPACE = uuid.UUID("6f1d3c52-2b7e-4c1a-9a53-0b8e6a1f7d10")


def conflict_id(entity: str, row_id: str, field: str, lost_hlc: str) -> str:
    """The same id on every side for the same lost edit, so a conflict is never recorded twice."""
    return str(uuid.uuid5(_CONFLICT_NAMESPACE, f"{entity}/{row_id}/{field}/{lost_hlc}"))


def hlc_time(hlc: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(Timestamp.parse(hlc).millis / 1000, UTC)
    except (ValueError, OverflowError):
        return None


def _converter(column_type: Any) -> Any:
    """From JSON to what the column takes (SQLite's date types want date objects)."""
    kind = getattr(column_type, "impl", column_type)
    if isinstance(kind, sa_types.DateTime):
        return lambda v: v if v is None or isinstance(v, datetime) else datetime.fromisoformat(v)
    if isinstance(kind, sa_types.Date):
        return lambda v: v if v is None or isinstance(v, date) else date.fromisoformat(v)
    if isinstance(kind, sa_types.Boolean):
        return lambda v: v if v is None else bool(v)
    return lambda v: v


CONVERTERS: dict[str, dict[str, Any]] = {
    name: {c.name: _converter(c.type) for c in table_of(model).columns}
    for name, model in SYNCED_TABLES.items()
}

DEFAULTS: dict[str, dict[str, Any]] = {
    name: {
        c.name: (
            model.model_fields[c.name].default
            if c.name in model.model_fields
            and model.model_fields[c.name].default is not PydanticUndefined
            else None
        )
        for c in table_of(model).columns
    }
    for name, model in SYNCED_TABLES.items()
}

# Per entity, the columns naming another record: {column: the parent's entity}.
PARENTS: dict[str, dict[str, str]] = {
    name: {fk.parent.name: fk.column.table.name for fk in table_of(model).foreign_keys}
    for name, model in SYNCED_TABLES.items()
}


def wire_value(entity: str, key: str, value: Any) -> Any:
    if entity == table_name(SyncConflict) and key in ("kept_value", "lost_value"):
        return json.loads(value) if isinstance(value, str) else value
    return value


def local_value(entity: str, key: str, value: Any) -> Any:
    if entity == table_name(SyncConflict) and key in ("kept_value", "lost_value"):
        return json.dumps(value, ensure_ascii=False)
    return CONVERTERS[entity][key](value)


def json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def stored_fields(entity: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields of a change this table stores, as its columns take them (a newer sender's
    unknown fields, the envelope and the derived columns are left out)."""
    converters = CONVERTERS[entity]
    return {
        k: local_value(entity, k, v)
        for k, v in fields.items()
        if k in converters and k not in ENVELOPE_FIELDS and k not in DERIVED_FIELDS
    }


class VillageNames:
    """Village names for search text: rows being inserted first, then the database."""

    def __init__(self, session: Session, inserts: dict[str, tuple[str, dict[str, Any]]]):
        self.session, self.inserts = session, inserts

    def __call__(self, village_id: str | None) -> str | None:
        if not village_id:
            return None
        new = self.inserts.get(village_id)
        if new is not None and new[0] == "village":
            return str(new[1]["name"])
        village = self.session.get(Village, village_id)
        return village.name if village else None


def derived(
    entity: str, v: dict[str, Any], names: Callable[[str | None], str | None]
) -> dict[str, Any]:
    """The derived columns of a row, computed as the write path computes them."""
    if entity == "village":
        return {"name_folded": fold(v["name"])}
    if entity == "child":
        return {
            "name_folded": fold(v["full_name"]),
            "sort_key": sort_key(v["full_name"]),
            "birth_latest": PartialDate(v["birth_year"], v["birth_month"], v["birth_day"]).latest(),
            "search_text": search_document(
                v["personal_id"], v["caregiver_name"], names(v["village_id"])
            ),
        }
    return {}
