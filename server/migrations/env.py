"""Alembic environment of the server: runs on the connection handed over by `server.db.migrate`."""

from __future__ import annotations

from desktop.db.alembic_kit import run_env
from server.db import VERSION_TABLE
from server.schema import metadata

run_env(metadata, dev_url="sqlite:///server-dev.db", version_table=VERSION_TABLE)
