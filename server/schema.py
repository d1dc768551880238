"""The server's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

The server keeps no copy of the desktop's typed tables: a synced row is stored generically as
JSON (`record`) with one clock per field, and every applied change is appended to `change`,
whose `rev` is the pull cursor. Schema changes go through Alembic (`server/migrations/`).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from desktop.db.alembic_kit import NAMING_CONVENTION

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# A commune desktop: its token's secret is stored as a SHA-256 digest (to check the token) and,
# for its USB bundles, encrypted under the server's key file, which is not in the database.
device = Table(
    "device",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("commune_code", String(10), nullable=False),
    Column("name", String(200), nullable=False, server_default=""),
    Column("token_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, server_default="0"),
    # Highest seq of this device already processed (applied or rejected): replays stop here.
    Column("acked_seq", BigInteger, nullable=False, server_default="0"),
    # The latest HLC processed: a seq already acknowledged but carrying a later clock is new
    # work from a desktop restored from a backup (its seqs start again), not a replay.
    Column("acked_hlc", String(64), nullable=False, server_default=""),
    # AES-GCM of the token's secret under the key file (`server.bundle_keys`); NULL until the
    # server has learnt the secret (token issued before, and not yet used over the network).
    Column("bundle_secret", Text, nullable=True),
    # The id of the desktop's copy of its database, as its last push named it.
    Column("incarnation", String(64), nullable=True),
)

# One row per copy of a device's database (its incarnation; a restored backup is a new one):
# the server knows a change by (device, incarnation, seq). `device.acked_seq`/`acked_hlc` stay
# for pushes that name no incarnation (older desktops, and changes made before there were any).
device_incarnation = Table(
    "device_incarnation",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("incarnation", String(64), primary_key=True),
    # Highest seq of this incarnation already processed (applied or rejected).
    Column("acked_seq", BigInteger, nullable=False, server_default="0"),
    # The latest clock it stored: a restored copy's changes that do not sort after what the
    # device's other copies stored get the server's clock.
    Column("acked_hlc", String(64), nullable=False, server_default=""),
)

# A district/province account that reads every commune beneath its unit.
reader = Table(
    "reader",
    metadata,
    Column("username", String(100), primary_key=True),
    Column("unit_code", String(10), nullable=False),
    # Optional: a former district (by name, as in the reference data) inside the province.
    Column("district", String(200), nullable=True),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

session_token = Table(
    "session_token",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(100), nullable=False, index=True),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

# Messages of rejected changes, so a batch re-sent after a lost answer gets them again.
rejection = Table(
    "rejection",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("incarnation", String(64), primary_key=True, server_default=""),  # "": none named
    Column("seq", BigInteger, primary_key=True),
    Column("message", Text, nullable=False),
)

# Changes whose clock ran far ahead of the server's and were given the server's time instead:
# told again when a batch is re-sent after a lost answer, like the refusals.
restamp = Table(
    "restamp",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("incarnation", String(64), primary_key=True, server_default=""),
    Column("seq", BigInteger, primary_key=True),
    Column("hlc", String(64), nullable=False),
)

# The current state of every synced row; `clock` is {field: [hlc, rev, device_id, by]}.
record = Table(
    "record",
    metadata,
    Column("entity", String(40), primary_key=True),
    Column("id", String(36), primary_key=True),
    Column("commune_code", String(10), nullable=False),
    Column("data", Text, nullable=False),
    Column("clock", Text, nullable=False),
)

# The pull stream: one increasing revision over every applied change.
change = Table(
    "change",
    metadata,
    Column("rev", BigInteger, primary_key=True, autoincrement=False),
    Column("entity", String(40), nullable=False),
    Column("row_id", String(36), nullable=False),
    Column("commune_code", String(10), nullable=False),
    Column("hlc", String(64), nullable=False),
    Column("by", String(64), nullable=False, server_default=""),
    Column("device_id", String(36), nullable=True),  # NULL: made by the server (conflicts)
    Column("incarnation", String(64), nullable=True),  # of the device's database, if named
    Column("fields", Text, nullable=False),
    Index("ix_change_commune_code_rev", "commune_code", "rev"),
)

# One row (id = 1): the last revision handed out. Taking its row lock last in a push and holding
# it to COMMIT makes revisions commit in order, so a pull never skips a late-committing one.
rev_counter = Table(
    "rev_counter",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("rev", BigInteger, nullable=False),
)
