"""`sotreem sync` against a real `sotreem-server serve` (uvicorn) process, killed mid-push too."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from desktop import cli
from desktop.db import vault
from desktop.db.integrity import check_register
from desktop.db.register import Register
from desktop.demo import DEMO_ACCOUNT, DEMO_PASSWORD
from desktop.reports import service
from server import auth
from server.db import make_engine, migrate
from tests.sync.conftest import COMMUNE, NEIGHBOUR, PROVINCE

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, tmp_path: Path):
        self.db_url = f"sqlite:///{tmp_path / 'server.db'}"
        self.engine = make_engine(self.db_url)
        migrate(self.engine)
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--database-url", self.db_url,
             "--port", str(port)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/v1/status", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start")

    def device(self, commune: str = COMMUNE) -> str:
        with self.engine.begin() as conn:
            return auth.add_device(conn, commune, "máy thử")

    def acked(self, token: str) -> int:
        """The highest seq the server processed of the device (its incarnations' included)."""
        with self.engine.connect() as conn:
            return conn.execute(
                text("SELECT MAX(acked_seq) FROM (SELECT acked_seq FROM device WHERE id = :id "
                     "UNION ALL SELECT acked_seq FROM device_incarnation WHERE device_id = :id)"),
                {"id": token.split(".")[0]},
            ).scalar_one()  # fmt: skip

    def count(self, entity: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                text("SELECT COUNT(*) FROM record WHERE entity = :e"), {"e": entity}
            ).scalar_one()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.engine.dispose()


@pytest.fixture
def live(tmp_path):
    server = LiveServer(tmp_path)
    yield server
    server.stop()


def _login(path: Path) -> Register:
    """Demo registers are encrypted; the demo officer opens them."""
    return vault.login(path, DEMO_ACCOUNT[0], DEMO_PASSWORD)


def _commune_db(path: Path, children: int, commune: str = COMMUNE) -> Path:
    assert cli.main(["--db", str(path), "demo", "--children", str(children),
                     "--commune", commune]) == 0  # fmt: skip
    return path


def test_sync_command_remembers_the_server_and_a_reader_reports_the_area(live, tmp_path, capsys,
                                                                         monkeypatch):  # fmt: skip
    a = _commune_db(tmp_path / "a.db", 30)
    b = _commune_db(tmp_path / "b.db", 20, NEIGHBOUR)
    token_a, token_b = live.device(COMMUNE), live.device(NEIGHBOUR)
    capsys.readouterr()
    assert cli.main(["--db", str(a), "sync", "--server", live.url, "--token", token_a,
                     "--test"]) == 0  # fmt: skip
    assert "Kết nối được" in capsys.readouterr().out
    assert cli.main(["--db", str(a), "sync", "--server", live.url, "--token", token_a]) == 0
    assert "Đồng bộ xong" in capsys.readouterr().out
    assert cli.main(["--db", str(b), "sync", "--server", live.url, "--token", token_b]) == 0
    with _login(a) as register:
        assert register.setting("sync.server") == live.url
        assert register.unsent_count() == 0
        register.add_village("Nậm Pung")
    assert cli.main(["--db", str(a), "sync"]) == 0  # address and token remembered
    assert "gửi 1 thay đổi" in capsys.readouterr().out

    with live.engine.begin() as conn:
        password = auth.add_reader(conn, "laocai", PROVINCE)
    reader = tmp_path / "tinh.db"
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    assert cli.main(["--db", str(reader), "sync", "--reader", "laocai", "--server", live.url,
                     "--password-stdin"]) == 0  # fmt: skip
    assert vault.accounts(reader)[0].role == "viewer"  # encrypted, with the reader's password
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(reader).execute("SELECT COUNT(*) FROM child").fetchone()
    monkeypatch.setenv("SOTREEM_PASSWORD", password)
    out = tmp_path / "tinh.json"
    assert cli.main(["--db", str(reader), "report", "annual", "--period", "2026", "--area",
                     "--format", "json", "-o", str(out)]) == 0  # fmt: skip
    tallies = json.loads(out.read_text(encoding="utf-8"))
    assert set(tallies["communes"]) == {COMMUNE, NEIGHBOUR}
    per_commune = [t["children_under_16"]["total"] for t in tallies["communes"].values()]
    assert tallies["area"]["children_under_16"]["total"] == sum(per_commune) > 0
    with _login(a) as register:  # the reader's figures of a commune are the commune's own
        own = service.tally(register, service.period_for("annual", "2026"))
    mine = tallies["communes"][COMMUNE]
    for key in ("children_under_16", "special", "support", "cases", "activities", "training"):
        assert mine[key] == own[key], key
    with vault.login(reader, "laocai", password) as register:
        assert register.is_reader and register.reader_unit == PROVINCE
        assert check_register(register) == []
    assert cli.main(["--db", str(reader), "init", "--commune", COMMUNE]) == 2  # read-only


@pytest.mark.bad_input
def test_sync_command_offline_and_wrong_password(live, tmp_path, capsys, monkeypatch):
    a = _commune_db(tmp_path / "a.db", 5)
    capsys.readouterr()
    closed = f"http://127.0.0.1:{_free_port()}"
    assert cli.main(["--db", str(a), "sync", "--server", closed, "--token", "x.y"]) == 1
    err = capsys.readouterr().err
    assert "Không kết nối được máy chủ" in err and "Traceback" not in err
    monkeypatch.setattr(sys, "stdin", io.StringIO("sai-mat-khau\n"))
    reader = tmp_path / "tinh.db"
    assert cli.main(["--db", str(reader), "sync", "--reader", "ai-do", "--server", live.url,
                     "--password-stdin"]) == 2  # fmt: skip
    assert "Sai tên đăng nhập hoặc mật khẩu" in capsys.readouterr().err
    with _login(a) as register:
        assert register.setting("sync.server") is None  # not remembered: never succeeded


@pytest.mark.long
def test_sync_killed_mid_push_loses_nothing(live, tmp_path):
    """SIGKILL `sotreem sync` while it pushes, three times; then the file is sound and a sync
    finishes the job with every row on the server once."""
    db = _commune_db(tmp_path / "a.db", 1500)
    token = live.device()
    with _login(db) as register:
        total = register.unsent_count()
        children = register.child_count()
    rng = random.Random(7)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "desktop", "--db", str(db), "sync", "--server", live.url,
               "--token", token]  # fmt: skip
    kills = 0
    for _ in range(3):
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 60
        before = live.acked(token)
        while time.monotonic() < deadline and live.acked(token) == before:
            time.sleep(0.02)  # wait until a batch has landed: we are mid-push
        time.sleep(rng.uniform(0.0, 0.3))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait(timeout=30)
        with _login(db) as register:
            assert check_register(register) == []
            with register.engine.connect() as conn:
                sent_top = conn.execute(
                    text("SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE sent_at IS NOT NULL")
                ).scalar_one()
                assert conn.execute(text("SELECT COUNT(*) FROM change_log")).scalar_one() == total
            assert sent_top <= live.acked(token)  # marked sent only what the server stored
    assert kills >= 1
    # Named again: on a slow machine every run above is killed before one finishes and
    # remembers the server.
    assert cli.main(["--db", str(db), "sync", "--server", live.url, "--token", token]) == 0
    assert live.count("child") == children  # every child on the server, once
    with _login(db) as register:
        assert register.unsent_count() == 0
        assert check_register(register) == []
    assert live.count("child") == children
    assert live.acked(token) == total
