"""Upgrades keep data: a database of the previous release opens in this one with every record.

The previous release's database is made by filling a register and taking its schema back to the
previous migration head. By default the source runs it; `make test-bundle` runs the same test
against the bundled application (SOTREEM_APP=dist/sotreem/sotreem).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from desktop.db.engine import alembic_config, head_revision, make_engine
from desktop.db.register import Register
from desktop.demo import fill_demo
from tests.conftest import TODAY

TABLES = ("child", "village", "circumstance", "support", "protectioncase", "activity",
          "trainingcourse", "fundentry", "change_log")  # fmt: skip


def previous_head() -> str:
    script = ScriptDirectory.from_config(alembic_config())
    return script.get_revision(head_revision()).down_revision


def app(*args: str) -> subprocess.CompletedProcess:
    bundled = os.environ.get("SOTREEM_APP")
    command_line = [bundled] if bundled else [sys.executable, "-m", "desktop"]
    return subprocess.run([*command_line, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_previous_release_database_opens_with_every_record(tmp_path):
    db = tmp_path / "sotreem.db"
    register = Register.open(db)
    register.init_commune("02725")
    fill_demo(register, 400, seed=9, today=TODAY)
    register.close()
    engine = make_engine(db)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, previous_head())
    engine.dispose()
    before = counts(db)
    assert before["child"] == 400

    checked = app("--db", str(db), "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "400 trẻ em" in checked.stdout
    assert counts(db) == before
    with sqlite3.connect(db) as conn:
        assert (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        )
    found = json.loads(app("--db", str(db), "find", "a", "--json", "--limit", "5").stdout)
    assert len(found) == 5
    report = app("--db", str(db), "report", "annual", "--period", str(TODAY.year), "--format",
                 "json", "-o", str(tmp_path / "nam.json"))  # fmt: skip
    assert report.returncode == 0, report.stderr
