"""The process killed (SIGKILL, as by a power cut) during an import, a backup and saves.

After every kill the database must pass `PRAGMA integrity_check`, an import must have landed
whole or not at all, the change log must match the rows, every save the officer saw
acknowledged must be there, and a backup file is either the old one or a complete new one.
Each scenario is repeated at several kill moments.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.db import backup
from desktop.db.models import SYNCED_TABLES
from desktop.db.register import Register
from tests.resilience_driver import name

# Its tests share one expensive fixture: `make test` (pytest -n) runs them on one worker.
pytestmark = pytest.mark.xdist_group("resilience")

DRIVER = Path(__file__).with_name("resilience_driver.py")
ROOT = Path(__file__).parents[1]
IMPORT_ROWS = 3000
KILLS = 6


def run(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, **kwargs,
    )  # fmt: skip


def kill(proc: subprocess.Popen) -> tuple[str, str]:
    """SIGKILL (nothing gets to clean up) and collect what the process had printed."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate()
    assert "Traceback" not in err, err
    return out, err


def integrity_ok(db: Path) -> None:
    with sqlite3.connect(db) as conn:  # read-write: a leftover WAL is recovered first
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def change_log_consistent(db: Path) -> None:
    """Every synced row has its insert entry, and every insert entry has its row."""
    with sqlite3.connect(db) as conn:
        for table in SYNCED_TABLES:
            unlogged = conn.execute(
                f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS "
                f"(SELECT 1 FROM change_log l WHERE l.entity = '{table}' AND l.row_id = t.id)"
            ).fetchone()[0]
            assert unlogged == 0, f"{unlogged} rows of {table} without a change-log entry"
            orphans = conn.execute(
                f"SELECT COUNT(*) FROM change_log l WHERE l.entity = '{table}' AND NOT EXISTS "
                f"(SELECT 1 FROM {table} t WHERE t.id = l.row_id)"
            ).fetchone()[0]
            assert orphans == 0, f"{orphans} change-log entries of {table} without their row"


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A set-up commune with one village and 4,000 children (a few MB to back up)."""
    db = tmp_path_factory.mktemp("seed") / "xa.db"
    register = Register.open(db)
    register.init_commune("02725")
    register.add_village("Sín Chải")
    register.close()
    assert run(str(DRIVER), "fill", str(db), "4000").wait() == 0
    return db


@pytest.fixture(scope="module")
def big_list(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("import") / "danh-sach.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DS 2026")
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Thôn/bản", "Hoàn cảnh"])
    for i in range(IMPORT_ROWS):
        ws.append([
            i + 1, f"{name(i)} Mới", f"{1 + i % 28:02d}/{1 + i % 12:02d}/{2012 + i % 10}",
            "Nam" if i % 2 else "Nữ", "Mông", ("Lao Chải", "Nậm Cang")[i % 2],
            "Khuyết tật" if i % 3 == 0 else None,
        ])  # fmt: skip
    wb.save(path)
    return path


@pytest.mark.long
def test_import_killed_at_any_moment_lands_whole_or_not_at_all(seeded, big_list, tmp_path):
    before = count(seeded, "child")
    db = tmp_path / "full.db"
    shutil.copy(seeded, db)
    # The command prints the checked file's summary, then writes: the kills are timed from
    # that line, the first at once, the others spread over how long the writing took here.
    whole = run("-u", "-m", "desktop", "--db", str(db), "import", str(big_list))
    assert whole.stdout is not None
    whole.stdout.readline()
    started = time.monotonic()
    _out, err = whole.communicate()
    writing = time.monotonic() - started
    assert whole.returncode == 0, err
    assert count(db, "child") == before + IMPORT_ROWS
    outcomes = []
    rng = random.Random(5)
    for n in range(KILLS):
        db = tmp_path / f"kill{n}.db"
        shutil.copy(seeded, db)
        proc = run("-u", "-m", "desktop", "--db", str(db), "import", str(big_list))
        assert proc.stdout is not None
        proc.stdout.readline()  # the file is checked; the one write transaction begins
        time.sleep(writing * 1.2 * (n + rng.random()) / KILLS if n else 0)
        kill(proc)
        integrity_ok(db)
        added = count(db, "child") - before
        assert added in (0, IMPORT_ROWS), f"partial import: {added} rows"
        assert count(db, "village") in (1, 3)  # the new villages come with the rows or not
        change_log_consistent(db)
        outcomes.append(added)
    assert outcomes[0] == 0  # killed as the writing began: nothing of it landed


def test_backup_killed_at_any_moment_leaves_the_old_copy_or_a_whole_new_one(seeded, tmp_path):
    db = tmp_path / "xa.db"
    shutil.copy(seeded, db)
    target = tmp_path / "usb" / "sao-luu.db"
    first = backup.backup(db, target)
    old_bytes = target.read_bytes()
    rng = random.Random(11)
    for _n in range(KILLS):
        proc = run(str(DRIVER), "backups", str(db), str(target))
        assert proc.stdout is not None
        proc.stdout.readline()  # one backup finished: the loop is in full swing
        time.sleep(rng.random() * 0.4)
        kill(proc)
        integrity_ok(db)  # the register itself is untouched
        info = backup.describe(target)  # complete and valid, never half written
        assert info.children == first.children
        assert target.read_bytes() == old_bytes or info.made_at >= first.made_at
        assert [p.name for p in target.parent.glob("*.db")] == ["sao-luu.db"]
    backup.backup(db, target)  # the next backup clears what a killed one left behind
    assert sorted(p.name for p in target.parent.iterdir()) == ["sao-luu.db"]


def test_saves_killed_at_any_moment_keep_every_acknowledged_one(seeded, tmp_path):
    db = tmp_path / "xa.db"
    shutil.copy(seeded, db)
    acknowledged: list[str] = []
    rng = random.Random(3)
    for _n in range(KILLS):
        proc = run(str(DRIVER), "saves", str(db))
        assert proc.stdout is not None
        acknowledged.append(proc.stdout.readline().strip())
        time.sleep(rng.random() * 0.5)
        out, _err = kill(proc)
        acknowledged += out.split()
        integrity_ok(db)
        change_log_consistent(db)
        with sqlite3.connect(db) as conn:
            saved = {r[0] for r in conn.execute("SELECT id FROM child")}
        missing = set(acknowledged) - saved
        assert not missing, f"{len(missing)} acknowledged saves lost"
    register = Register.open(db)  # and the register opens and takes new saves
    assert register.child_count() >= 4000 + len(acknowledged)
    register.close()
