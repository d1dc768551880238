"""The real server app on a temp SQLite file and on a throw-away PostgreSQL cluster."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from desktop.sync.protocol import VERSION
from server import auth
from server.app import create_app
from tests.server.pgcluster import Cluster, binaries

COMMUNE = "02725"  # Xã Bản Xèo, Lào Cai (former Huyện Bát Xát)
NEIGHBOUR = "02686"  # Xã A Mú Sung, same province and former district
OTHER_DISTRICT = "02647"  # Phường Lào Cai, same province, former Thành phố Lào Cai
FAR = "00004"  # Hà Nội
PROVINCE = "15"


@pytest.fixture(scope="session")
def pg_cluster():
    if binaries() is None:
        pytest.skip(
            "!!! PostgreSQL is NOT installed: the server tests ran on SQLite only. "
            "Run `bash tests/setup_system.sh` (installs Debian's postgresql) !!!"
        )
    cluster = Cluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    return request.getfixturevalue("pg_cluster").new_database()


CREATED = "2026-11-20T08:00:00+07:00"


def new_child(name: str, sex: str = "F", **extra: Any) -> dict:
    """The fields of a new child record: every one a new record must carry."""
    return {"full_name": name, "sex": sex, "birth_year": 2016, "created_at": CREATED, **extra}


def hlc(millis: int, node: str = "a", counter: int = 0) -> str:
    return f"{millis:013d}-{counter:04d}-{node}"


@dataclass
class Device:
    hub: Hub
    token: str
    commune: str
    seq: int = 0
    cursor: int = 0
    pulled: list[dict] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.token.split(".", 1)[0]

    def change(self, entity: str, row_id: str, fields: dict, *, at: int, **extra: Any) -> dict:
        """The next outbox entry of this device, with its current cursor as base."""
        self.seq += 1
        item = dict(seq=self.seq, entity=entity, id=row_id, commune=self.commune,
                    hlc=hlc(at, self.id[:8]), by="cb-" + self.id[:4], base=self.cursor,
                    fields=fields)  # fmt: skip
        item.update(extra)
        return item

    def push(self, changes: list[dict]):
        return self.hub.push(self.token, changes)

    def pull_all(self) -> list[dict]:
        """Pull until `more` is false, like the client does; returns the new changes."""
        new = []
        while True:
            body = self.hub.pull(self.token, self.cursor, limit=3)
            new += body["changes"]
            self.cursor = body["cursor"]
            if not body["more"]:
                break
        self.pulled += new
        return new


class Hub:
    def __init__(self, url: str):
        self.app = create_app(url)
        self.engine = self.app.state.engine
        self.client = TestClient(self.app)

    def device(self, commune: str = COMMUNE) -> Device:
        with self.engine.begin() as conn:
            return Device(self, auth.add_device(conn, commune, "máy thử"), commune)

    def reader(self, unit: str = PROVINCE, district: str | None = None) -> str:
        """Log a new reader account in; returns its session token."""
        name = f"doc{unit}{district or ''}".replace(" ", "")
        with self.engine.begin() as conn:
            password = auth.add_reader(conn, name, unit, district)
        r = self.client.post("/v1/login", json={"v": VERSION, "username": name,
                                                "password": password})  # fmt: skip
        assert r.status_code == 200, r.text
        return r.json()["token"]

    def push(self, token: str, changes: list[dict], v: int = VERSION):
        return self.post("/v1/push", gz({"v": v, "device": "desktop-1", "changes": changes}), token)

    def post(self, path: str, body: bytes, token: str | None, gzipped: bool = True):
        headers = {"Content-Type": "application/json"}
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.client.post(path, content=body, headers=headers)

    def pull(self, token: str, after: int = 0, limit: int = 1000) -> dict:
        r = self.client.get(
            "/v1/pull", params={"after": after, "limit": limit},
            headers={"Authorization": f"Bearer {token}"},
        )  # fmt: skip
        assert r.status_code == 200, r.text
        return r.json()

    def pull_everything(self, token: str) -> list[dict]:
        return self.pull(token, 0, 5000)["changes"]


@pytest.fixture
def hub(database_url):
    server = Hub(database_url)
    yield server
    server.client.close()
    server.engine.dispose()


def gz(data: Any) -> bytes:
    return gzip.compress(json.dumps(data).encode())
