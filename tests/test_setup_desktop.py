"""`make run`'s check for the libraries Qt's window needs (scripts/setup_desktop.sh).

The machine's package manager cannot be emptied for a test, so `ldd`, `id`, `sudo` and
`apt-get` are small stand-ins on PATH: `ldd` reports what a fresh Debian lacks until `apt-get
install` has run, and `apt-get` writes down what it was asked.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "setup_desktop.sh"
FRESH_DEBIAN = """\
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0000000000)
"""
COMPLETE = "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0000000000)\n"


@pytest.fixture
def machine(tmp_path):
    """A venv with PySide6's xcb plugin, and stand-ins for the system tools."""
    plugin = tmp_path / "venv/lib/python3.11/site-packages/PySide6/Qt/plugins/platforms"
    plugin.mkdir(parents=True)
    (plugin / "libqxcb.so").touch()
    state, tools = tmp_path / "state", tmp_path / "bin"
    state.mkdir()
    tools.mkdir()
    (state / "ldd.txt").write_text(FRESH_DEBIAN)
    stand_ins = {
        "ldd": f'cat "{state}/ldd.txt"',
        "id": f'cat "{state}/uid"',
        "sudo": 'if [ "$1" = -n ]; then exit 1; fi; exec "$@"',
        "apt-get": f'echo "$@" >> "{state}/apt.log"\n'
        f'if [ "$1" = install ]; then printf "{COMPLETE}" > "{state}/ldd.txt"; fi',
    }
    for name, body in stand_ins.items():
        tool = tools / name
        tool.write_text(f"#!/bin/bash\n{body}\n")
        tool.chmod(0o755)

    return Machine(tmp_path / "venv", tools, state)


class Machine:
    def __init__(self, venv: Path, tools: Path, state: Path):
        self.venv, self.tools, self.state = venv, tools, state
        self.apt_log = state / "apt.log"

    def __call__(self, uid: int, **env: str) -> subprocess.CompletedProcess:
        """Run the check as user `uid` with a display, unless `env` says otherwise."""
        (self.state / "uid").write_text(f"{uid}\n")
        clean = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
        return subprocess.run(
            ["bash", str(SCRIPT), str(self.venv)],
            capture_output=True, text=True,
            env={**clean, "PATH": f"{self.tools}:/usr/bin:/bin", "DISPLAY": ":0", **env},
        )  # fmt: skip


def test_without_root_it_names_the_packages_before_qt_starts(machine):
    done = machine(uid=1000)
    assert done.returncode == 1
    assert "libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 missing" in done.stderr
    assert "  sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in done.stderr
    assert not machine.apt_log.exists()  # nothing tried without the right to


def test_as_root_it_installs_them_and_checks_again(machine):
    done = machine(uid=0)
    assert done.returncode == 0, done.stderr
    assert machine.apt_log.read_text().splitlines() == [
        "update -qq",
        "install -y -qq --no-install-recommends libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1",
    ]
    assert machine(uid=1000).returncode == 0  # the next start finds everything and asks nothing
    assert len(machine.apt_log.read_text().splitlines()) == 2


def test_nothing_is_checked_for_another_platform_and_a_missing_display_is_named(machine):
    assert machine(uid=1000, QT_QPA_PLATFORM="offscreen").returncode == 0
    machine(uid=0)
    done = machine(uid=1000, DISPLAY="")
    assert done.returncode == 1 and "No display" in done.stderr
