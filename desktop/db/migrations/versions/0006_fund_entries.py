"""fund entries (Quỹ Bảo trợ trẻ em) and the achieved value of free-form plan targets

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "fundentry",
        sa.Column("id", text(length=36), nullable=False),
        sa.Column("commune_code", text(length=10), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", text(length=64), nullable=False),
        sa.Column("updated_by", text(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("direction", text(), nullable=False),
        sa.Column("form", text(), nullable=False),
        sa.Column("amount_vnd", sa.Integer(), nullable=False),
        sa.Column("donor", text(), nullable=False),
        sa.Column("recipient", text(), nullable=False),
        sa.Column("purpose", text(), nullable=False),
        sa.Column("items", text(), nullable=False),
        sa.Column("notes", text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fundentry")),
    )
    with op.batch_alter_table("fundentry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fundentry_commune_code"), ["commune_code"])
        batch_op.create_index(batch_op.f("ix_fundentry_entry_date"), ["entry_date"])
    # A plain ADD COLUMN: the plan target table keeps its rows as they are.
    op.add_column("plantarget", sa.Column("achieved_value", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plantarget", schema=None) as batch_op:
        batch_op.drop_column("achieved_value")
    with op.batch_alter_table("fundentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fundentry_entry_date"))
        batch_op.drop_index(batch_op.f("ix_fundentry_commune_code"))
    op.drop_table("fundentry")
