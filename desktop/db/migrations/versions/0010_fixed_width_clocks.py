"""clocks: re-write 5-digit HLC counters in the fixed-width form

Before this revision the clock's counter grew past 4 digits when the PC's clock stood still
for 10,000 writes, and "…-10000-…" sorted before "…-9999-…". The clock now carries into the
milliseconds (`desktop.domain.hlc`); stored values are re-written the same way, so every
comparison of stored and new values is right. A canonical value has "-" at its 14th and 19th
characters: only rows without it are read and re-written. Audit entries are written once and
never compared by clock (and their triggers refuse UPDATE): they keep their text.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.domain.hlc import canonical

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

SYNCED = (
    "village", "child", "circumstance", "support", "protectioncase", "casestep", "activity",
    "trainingcourse", "trainingparticipant", "plantarget", "fundentry", "sentreport",
    "sync_conflict",
)  # fmt: skip
COLUMNS = [(table, "updated_at", "id") for table in SYNCED] + [
    ("sync_conflict", "kept_hlc", "id"),
    ("sync_conflict", "lost_hlc", "id"),
    ("change_log", "hlc", "seq"),
]


def _fixed(value: str) -> str | None:
    try:
        fixed = canonical(value)
    except ValueError:
        return None  # not a clock value at all: left for the officer to see, not guessed at
    return fixed if fixed != value else None


def upgrade() -> None:
    conn = op.get_bind()
    for table, column, key in COLUMNS:
        rows = conn.execute(
            sa.text(
                f"SELECT {key}, {column} FROM {table} "
                f"WHERE substr({column}, 14, 1) <> '-' OR substr({column}, 19, 1) <> '-'"
            )
        ).all()
        updates = [{"k": k, "v": fixed} for k, value in rows if (fixed := _fixed(value))]
        if updates:
            conn.execute(sa.text(f"UPDATE {table} SET {column} = :v WHERE {key} = :k"), updates)
    clock = conn.execute(sa.text("SELECT value FROM setting WHERE key = 'sync.clock'")).first()
    if clock is not None and (fixed := _fixed(clock[0])):
        conn.execute(sa.text("UPDATE setting SET value = :v WHERE key = 'sync.clock'"), {"v": fixed})


def downgrade() -> None:
    pass  # the fixed-width form is also a valid value for the older code
