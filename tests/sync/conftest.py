"""Commune desktops, a district reader and the real server, talking through `SyncClient`.

The server app runs in-process (Starlette's test transport under httpx) on a temp SQLite file
and, when PostgreSQL is installed, on a throw-away cluster (the server tests' fixture).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from desktop.db.register import Register
from desktop.domain.dates import PartialDate
from desktop.domain.validation import ChildDraft
from desktop.sync.client import SyncClient, SyncReport, login
from server import auth
from server.app import create_app
from tests.server.conftest import pg_cluster  # noqa: F401  (fixture)

COMMUNE = "02725"  # Xã Bản Xèo, Lào Cai
NEIGHBOUR = "02686"  # Xã A Mú Sung, same province
PROVINCE = "15"  # Lào Cai
URL = "http://testserver"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    return request.getfixturevalue("pg_cluster").new_database()


class Hub:
    def __init__(self, url: str):
        self.app = create_app(url)
        self.engine = self.app.state.engine
        self.client = TestClient(self.app)
        self.transport: httpx.BaseTransport = self.client._transport

    def device_token(self, commune: str) -> str:
        with self.engine.begin() as conn:
            return auth.add_device(conn, commune, "máy thử")

    def reader_password(self, username: str, unit: str) -> str:
        with self.engine.begin() as conn:
            return auth.add_reader(conn, username, unit)

    def records(self, entity: str) -> dict[str, dict]:
        import json

        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, data FROM record WHERE entity = :e"), {"e": entity}
            ).all()
        return {r[0]: json.loads(r[1]) for r in rows}

    def close(self) -> None:
        self.client.close()
        self.engine.dispose()


@pytest.fixture
def hub(database_url):
    server = Hub(database_url)
    yield server
    server.close()


@dataclass
class Desk:
    """One desktop: its register file and its token."""

    register: Register
    token: str
    hub: Hub

    def client(self, transport: httpx.BaseTransport | None = None) -> SyncClient:
        return SyncClient(self.register, URL, self.token, transport=transport or self.hub.transport)

    def sync(self, transport: httpx.BaseTransport | None = None) -> SyncReport:
        with self.client(transport) as client:
            return client.sync_once()


def new_desk(hub: Hub, path: Path, commune: str, villages=("Sín Chải", "Lao Chải")) -> Desk:
    register = Register.open(path)
    register.init_commune(commune)
    for name in villages:
        register.add_village(name)
    return Desk(register, hub.device_token(commune), hub)


def share_commune(hub: Hub, path: Path, first: Desk) -> Desk:
    """A second device of the same commune, starting from the server's copy."""
    register = Register.open(path)
    register.init_commune(first.register.commune_code or "")
    desk = Desk(register, hub.device_token(register.commune_code or ""), hub)
    desk.sync()
    return desk


def new_reader(hub: Hub, path: Path, unit: str = PROVINCE) -> Desk:
    password = hub.reader_password(f"doc{unit}", unit)
    session = login(URL, f"doc{unit}", password, transport=hub.transport)
    register = Register.open(path)
    register.init_reader(session.unit)
    return Desk(register, session.token, hub)


def child_draft(register: Register, name: str, **overrides) -> ChildDraft:
    villages = register.villages()
    values = dict(
        full_name=name,
        sex="F",
        birth=PartialDate(2016, 2, 25),
        ethnic_code="08",
        village_id=villages[0].id if villages else None,
    )
    values.update(overrides)
    return ChildDraft(**values)
