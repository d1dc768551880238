"""corrections: merged children and villages, retired villages, where a case's report came from

A second record of a child merged into the kept one keeps `merged_into` (it is deleted too, so
lists and tallies skip it, and the mark syncs); a village merged into another the same; a
village no longer used gets `retired_on` and is not offered for new records, while the records
that name it keep it. A protection case records where its information came from
(`report_source`, one of the codes of `desktop.domain.categories.REPORT_SOURCES`).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("merged_into", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True)
        )
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("merged_into", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True)
        )
        batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
    with op.batch_alter_table("protectioncase", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("report_source", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )


def downgrade() -> None:
    # SQLite drops a plain column in place (3.35+): a batch copy of `child` would drop the table
    # that circumstances, supports and cases refer to, which foreign keys forbid.
    for table, column in (
        ("protectioncase", "report_source"),
        ("village", "retired_on"),
        ("village", "merged_into"),
        ("child", "merged_into"),
    ):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        else:
            op.drop_column(table, column)
