"""Server schema: devices, readers, sessions, records with field clocks, the change stream.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change',
    sa.Column('rev', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('commune_code', sa.String(length=10), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('by', sa.String(length=64), server_default='', nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('rev', name=op.f('pk_change'))
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index('ix_change_commune_code_rev', ['commune_code', 'rev'], unique=False)

    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('commune_code', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=200), server_default='', nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('acked_seq', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('acked_hlc', sa.String(length=64), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device'))
    )
    op.create_table('reader',
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=False),
    sa.Column('district', sa.String(length=200), nullable=True),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_reader'))
    )
    op.create_table('record',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('commune_code', sa.String(length=10), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('clock', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'id', name=op.f('pk_record'))
    )
    op.create_table('rejection',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'seq', name=op.f('pk_rejection'))
    )
    op.create_table('rev_counter',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('rev', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rev_counter'))
    )
    op.create_table('session_token',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_session_token'))
    )
    with op.batch_alter_table('session_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_token_username'), ['username'], unique=False)

    counter = sa.table('rev_counter', sa.column('id', sa.Integer), sa.column('rev', sa.BigInteger))
    op.bulk_insert(counter, [{'id': 1, 'rev': 0}])


def downgrade() -> None:
    with op.batch_alter_table('session_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_token_username'))

    op.drop_table('session_token')
    op.drop_table('rev_counter')
    op.drop_table('rejection')
    op.drop_table('record')
    op.drop_table('reader')
    op.drop_table('device')
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index('ix_change_commune_code_rev')

    op.drop_table('change')
