"""search index: folded ID/caregiver/village text on children and the FTS5 index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from desktop.db import searchindex
from desktop.domain.names import search_document

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "search_text",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT c.id, c.personal_id, c.caregiver_name, v.name "
            "FROM child c LEFT JOIN village v ON v.id = c.village_id"
        )
    ).all()
    for row_id, personal_id, caregiver, village in rows:
        conn.execute(
            sa.text("UPDATE child SET search_text = :t WHERE id = :id"),
            {"t": search_document(personal_id, caregiver, village), "id": row_id},
        )
    searchindex.install(conn.exec_driver_sql)


def downgrade() -> None:
    for name in ("child_fts_ai", "child_fts_ad", "child_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {searchindex.FTS_TABLE}")
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_column("search_text")
