"""Incarnations: a device's changes are known by (device, incarnation, seq).

A desktop restored from a backup is a new incarnation of its database and numbers its next
edits from an old seq again. `device_incarnation` keeps the acknowledged seq (and latest clock)
of each incarnation; refusals and restamps told again on a replay are keyed on it too; the
change stream records the incarnation that sent each change, so a restored copy can pull back
what its earlier incarnations sent after the backup. Rows made before this revision belong to
no incarnation ("" / NULL), which is what pushes that name none keep using.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('device_incarnation',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('incarnation', sa.String(length=64), nullable=False),
    sa.Column('acked_seq', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('acked_hlc', sa.String(length=64), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'incarnation', name=op.f('pk_device_incarnation'))
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('incarnation', sa.String(length=64), nullable=True))
    for table in ('rejection', 'restamp'):
        with op.batch_alter_table(table, schema=None, recreate='always') as batch_op:
            batch_op.add_column(sa.Column('incarnation', sa.String(length=64), server_default='',
                                          nullable=False))
            batch_op.drop_constraint(f'pk_{table}', type_='primary')
            batch_op.create_primary_key(f'pk_{table}', ['device_id', 'incarnation', 'seq'])


def downgrade() -> None:
    for table in ('restamp', 'rejection'):
        op.execute(sa.text(f"DELETE FROM {table} WHERE incarnation <> ''"))
        with op.batch_alter_table(table, schema=None, recreate='always') as batch_op:
            batch_op.drop_constraint(f'pk_{table}', type_='primary')
            batch_op.create_primary_key(f'pk_{table}', ['device_id', 'seq'])
            batch_op.drop_column('incarnation')
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_column('incarnation')
    op.drop_table('device_incarnation')
