"""Saves and sync share the database file without "database is locked".

`sotreem sync` pulls a large page into a commune's register (a real `sotreem-server serve`
process answering) while another process saves children in a loop, as the window does. Every
write transaction takes the write lock at BEGIN and waits its turn (the busy timeout), and the
sync applies its pages in short transactions, so neither side fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from desktop.db.integrity import check_register
from desktop.db.register import Register
from desktop.demo import fill_demo
from desktop.sync.client import SyncClient
from tests.sync.conftest import COMMUNE
from tests.sync.test_sync_cli import ROOT
from tests.sync.test_sync_cli import live as live  # the fixture

CHILDREN = 2500


@pytest.mark.long
def test_saves_in_another_process_wait_their_turn_while_sync_applies_a_large_pull(live, tmp_path):
    source = Register.open(tmp_path / "a.db")  # another device of the commune, far ahead
    source.init_commune(COMMUNE)
    fill_demo(source, CHILDREN, seed=3)
    with SyncClient(source, live.url, live.device()) as client:
        assert client.sync_once().rejected == 0
    source.close()

    target = tmp_path / "b.db"
    with Register.open(target) as register:
        register.init_commune(COMMUNE)
        register.add_village("Sín Chải")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    saver = subprocess.Popen(
        [sys.executable, "tests/resilience_driver.py", "saves", str(target)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert saver.stdout is not None
        saver.stdout.readline()  # it is saving
        sync = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(target), "sync", "--server", live.url,
             "--token", live.device()],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        time.sleep(0.5)
        assert saver.poll() is None, saver.stderr.read() if saver.stderr else ""  # still saving
    finally:
        saver.terminate()
        out, err = saver.communicate(timeout=60)
    assert sync.returncode == 0, sync.stdout + sync.stderr
    assert "locked" not in sync.stdout + sync.stderr
    assert "Đồng bộ xong" in sync.stdout
    assert "locked" not in err and "Traceback" not in err
    saved = 1 + len(out.split())
    assert saved > 10  # it went on saving during the sync, one transaction at a time
    with Register.open(target) as register:
        assert register.child_count() >= CHILDREN + saved - 1
        assert check_register(register) == []
