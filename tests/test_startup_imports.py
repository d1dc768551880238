"""The login screen paints before the heavy libraries load: an old PC shows a window at once.

The cold-start budget (app ≤ 2× a bare Qt window, `make bench`) holds only while nothing on the
path to the first paint imports the database, encryption or network stacks.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "sqlcipher3", "cryptography", "argon2", "httpx", "openpyxl")


def test_the_login_screen_needs_none_of_the_heavy_libraries():
    probe = (
        "import sys, desktop.cli, desktop.ui.app, desktop.ui.login, desktop.ui.main_window;"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"loaded before the first paint: {done.stdout.strip()}"


def test_a_subcommand_loads_its_own_module_only(tmp_path):
    """`sotreem check` imports the check command, not the report, export or sync stacks."""
    probe = (
        "import sys; from desktop.cli import main;"
        f"code = main(['--db', {str(tmp_path / 'none.db')!r}, 'check']);"
        "loaded = [m for m in sys.modules if m.startswith('desktop.cli.commands.')"
        " or m in ('desktop.reports.service', 'desktop.sync.client', 'openpyxl', 'httpx')];"
        "print(code, ','.join(sorted(loaded)))"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "desktop.cli.commands.check"]
    assert "không có tệp" in done.stderr


def test_the_real_login_screen_paints_before_the_heavy_libraries_load(tmp_path):
    """The whole path of `sotreem` to its login screen on an encrypted register (reading the
    key file's accounts included), not only the modules a probe imports."""
    db = tmp_path / "xa.db"
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    made = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "demo",
                           "--children", "5"], capture_output=True, text=True, env=env)  # fmt: skip
    assert made.returncode == 0, made.stderr
    shown = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db)], capture_output=True, text=True,
        env={**env, "SOTREEM_EXIT_AFTER_PAINT": "1"}, timeout=120,
    )  # fmt: skip
    lines = dict(line.split(" ", 1) for line in shown.stdout.splitlines() if " " in line)
    loaded = set(lines["first-paint-packages"].split(","))
    assert "PySide6" in loaded  # the probe saw the login screen paint
    assert loaded & set(HEAVY) == set(), f"loaded before the first paint: {loaded & set(HEAVY)}"
