"""birth_latest: the latest date a partial birth date allows, for age filters and tallies

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.db import searchindex
from desktop.domain.dates import PartialDate

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("birth_latest", sa.Date(), nullable=False, server_default="1900-01-01")
        )
        batch_op.create_index(batch_op.f("ix_child_birth_latest"), ["birth_latest"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, birth_year, birth_month, birth_day FROM child")).all()
    for row_id, year, month, day in rows:
        conn.execute(
            sa.text("UPDATE child SET birth_latest = :d WHERE id = :id"),
            {"d": PartialDate(year, month, day).latest().isoformat(), "id": row_id},
        )
    # Batch mode rebuilt the child table: its rowids and FTS triggers must be set up again.
    searchindex.install(conn.exec_driver_sql)


def downgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_birth_latest"))
        batch_op.drop_column("birth_latest")
    searchindex.install(op.get_bind().exec_driver_sql)
