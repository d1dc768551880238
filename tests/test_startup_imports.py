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
