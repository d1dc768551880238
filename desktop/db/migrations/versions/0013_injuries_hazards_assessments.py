"""injuries, drowning hazard spots, the child-friendly commune self-assessment; target ages

`injury`: a child injured or drowned (a child of the register, or name, sex, birth year and
village of one who is not in it), with date, village, place, cause and severity.
`hazardspot`: a place in a village where children risk drowning, what has been done there and
when it was found and last checked. `childfriendlyassessment` and `assessmententry`: a year's
self-assessment against the criteria file and the officer's entries, frozen (`snapshot`) when
sent. `plantarget.age_from` / `age_to`: the ages a share-of-children target names.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 12:50:02
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "childfriendlyassessment",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("commune_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("criteria_version", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("snapshot", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("signer", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_childfriendlyassessment")),
    )
    with op.batch_alter_table("childfriendlyassessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_childfriendlyassessment_commune_code"), ["commune_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_childfriendlyassessment_year"), ["year"], unique=False)

    op.create_table(
        "assessmententry",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("commune_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("assessment_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("criterion", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=True),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["childfriendlyassessment.id"],
            name=op.f("fk_assessmententry_assessment_id_childfriendlyassessment"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessmententry")),
    )
    with op.batch_alter_table("assessmententry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessmententry_assessment_id"), ["assessment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assessmententry_commune_code"), ["commune_code"], unique=False
        )

    op.create_table(
        "hazardspot",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("commune_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("village_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("measures", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_hazardspot_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hazardspot")),
    )
    with op.batch_alter_table("hazardspot", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hazardspot_commune_code"), ["commune_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_hazardspot_village_id"), ["village_id"], unique=False)

    op.create_table(
        "injury",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("commune_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("village_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cause", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("severity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("child_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("child_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("child_sex", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=True),
        sa.Column("child_birth_year", sa.Integer(), nullable=True),
        sa.Column("child_village_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_injury_child_id_child")),
        sa.ForeignKeyConstraint(
            ["child_village_id"], ["village.id"], name=op.f("fk_injury_child_village_id_village")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_injury_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_injury")),
    )
    with op.batch_alter_table("injury", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_injury_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_injury_commune_code"), ["commune_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_injury_occurred_on"), ["occurred_on"], unique=False)

    with op.batch_alter_table("plantarget", schema=None) as batch_op:
        batch_op.add_column(sa.Column("age_from", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("age_to", sa.Integer(), nullable=True))


def downgrade() -> None:
    # SQLite drops a plain column in place (3.35+): a batch copy of a table others refer to
    # would break their foreign keys (see 0011).
    for column in ("age_to", "age_from"):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE plantarget DROP COLUMN {column}")
        else:
            op.drop_column("plantarget", column)

    with op.batch_alter_table("injury", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_injury_occurred_on"))
        batch_op.drop_index(batch_op.f("ix_injury_commune_code"))
        batch_op.drop_index(batch_op.f("ix_injury_child_id"))

    op.drop_table("injury")
    with op.batch_alter_table("hazardspot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hazardspot_village_id"))
        batch_op.drop_index(batch_op.f("ix_hazardspot_commune_code"))

    op.drop_table("hazardspot")
    with op.batch_alter_table("assessmententry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessmententry_commune_code"))
        batch_op.drop_index(batch_op.f("ix_assessmententry_assessment_id"))

    op.drop_table("assessmententry")
    with op.batch_alter_table("childfriendlyassessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_childfriendlyassessment_year"))
        batch_op.drop_index(batch_op.f("ix_childfriendlyassessment_commune_code"))

    op.drop_table("childfriendlyassessment")
