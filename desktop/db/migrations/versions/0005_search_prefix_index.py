"""search index with one-letter prefix tables and column-only detail, for fast first keys

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

from desktop.db import searchindex

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    searchindex.install(op.get_bind().exec_driver_sql)


def downgrade() -> None:
    searchindex.install(
        op.get_bind().exec_driver_sql
    )  # the older layout is a superset-free rebuild
