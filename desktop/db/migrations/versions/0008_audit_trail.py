"""audit trail: a label for each entry, newest-first index, and no UPDATE or DELETE

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 23:10:00

The triggers make the audit table insert-only for everyone who opens the file with this schema,
the app included; the sync apply path only ever inserts the audit rows it pulls.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TRIGGERS = {
    "auditentry_no_update": "UPDATE",
    "auditentry_no_delete": "DELETE",
}


def create_triggers() -> None:
    for name, event in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON auditentry BEGIN "
            "SELECT RAISE(ABORT, 'nhật ký truy cập chỉ được ghi thêm, không được sửa hay xóa'); "
            "END"
        )


def upgrade() -> None:
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "label", sqlmodel.sql.sqltypes.AutoString(), server_default="", nullable=False
            )
        )
        batch_op.create_index(batch_op.f("ix_auditentry_at"), ["at"], unique=False)
    create_triggers()


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditentry_at"))
        batch_op.drop_column("label")
