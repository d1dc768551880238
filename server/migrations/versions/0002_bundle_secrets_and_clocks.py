"""Bundle secrets under the key file, incarnation ids, restamped clocks; fixed-width clocks.

A device's USB bundles are now keyed on its token's secret, kept encrypted under a key file
outside the database (`server.bundle_keys`); devices registered before have none until they
sync over the network once or get a new token (`reissue-device`). Clock values are re-written
in the fixed-width form (`desktop.domain.hlc`): the server never accepted a 5-digit counter, so
this finds nothing on a server that ran the checks, but a value that slipped in would sort
wrongly for ever.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from desktop.domain.hlc import canonical, is_canonical

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bundle_secret', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('incarnation', sa.String(length=64), nullable=True))
    op.create_table('restamp',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'seq', name=op.f('pk_restamp'))
    )
    _fixed_width_clocks(op.get_bind())


def _fix(value: str) -> str:
    try:
        return canonical(value)
    except ValueError:
        return value


def _fixed_width_clocks(conn) -> None:
    odd = "substr({c}, 14, 1) <> '-' OR substr({c}, 19, 1) <> '-'"
    rows = conn.execute(sa.text(
        f"SELECT rev, entity, row_id, hlc FROM change WHERE {odd.format(c='hlc')}"
    )).all()  # fmt: skip
    touched = set()
    for rev, entity, row_id, value in rows:
        conn.execute(sa.text("UPDATE change SET hlc = :v WHERE rev = :r"),
                     {"v": _fix(value), "r": rev})  # fmt: skip
        touched.add((entity, row_id))
    rows = conn.execute(sa.text(
        f"SELECT id, acked_hlc FROM device WHERE acked_hlc <> '' AND ({odd.format(c='acked_hlc')})"
    )).all()  # fmt: skip
    for device_id, value in rows:
        conn.execute(sa.text("UPDATE device SET acked_hlc = :v WHERE id = :i"),
                     {"v": _fix(value), "i": device_id})  # fmt: skip
    # A stored row's field clocks (and a conflict's two clocks) are copies of its changes'
    # clocks: only rows with a change re-written above can hold an old value.
    for entity, row_id in sorted(touched):
        found = conn.execute(
            sa.text("SELECT data, clock FROM record WHERE entity = :e AND id = :i"),
            {"e": entity, "i": row_id},
        ).first()
        if found is None:
            continue
        fields, clocks = json.loads(found[0]), json.loads(found[1])
        clocks = {k: [_fix(v[0]), *v[1:]] for k, v in clocks.items()}
        for key in ("kept_hlc", "lost_hlc", "updated_at"):
            if isinstance(fields.get(key), str) and not is_canonical(fields[key]):
                fields[key] = _fix(fields[key])
        conn.execute(
            sa.text("UPDATE record SET data = :d, clock = :c WHERE entity = :e AND id = :i"),
            {"d": json.dumps(fields, ensure_ascii=False),
             "c": json.dumps(clocks, ensure_ascii=False), "e": entity, "i": row_id},
        )  # fmt: skip


def downgrade() -> None:
    op.drop_table('restamp')
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_column('incarnation')
        batch_op.drop_column('bundle_secret')
