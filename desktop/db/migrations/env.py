"""Alembic environment: runs on the connection handed over by `desktop.db.engine.migrate`."""

from __future__ import annotations

from desktop.db.alembic_kit import run_env
from desktop.db.models import SQLModel

# Tables Alembic must not compare: the FTS5 index and its shadow tables live outside the models.
_UNMANAGED_PREFIXES = ("child_fts",)


def _include_name(name: str | None, type_: str, parent_names: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(_UNMANAGED_PREFIXES))


run_env(SQLModel.metadata, dev_url="sqlite:///dev.db", include_name=_include_name)
