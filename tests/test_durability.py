"""A save that was acknowledged survives the process being killed right after."""

import os
import signal
import subprocess
import sys
import textwrap

from desktop.db.integrity import check_register
from desktop.db.register import Register

WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from desktop.db.register import Register
    from desktop.domain.dates import PartialDate
    from desktop.domain.validation import ChildDraft

    reg = Register.open(sys.argv[1])
    reg.init_commune("02725")
    i = 0
    while True:
        name = f"Giàng A Số{i}"
        reg.add_child(ChildDraft(name, "M", PartialDate(2015)), today=date(2026, 11, 25))
        print(name, flush=True)  # acknowledged: the officer saw "saved"
        i += 1
    """
)


def test_killed_writer_loses_no_acknowledged_save(tmp_path):
    db = tmp_path / "xa.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    acknowledged = []
    assert proc.stdout is not None
    while len(acknowledged) < 40:
        acknowledged.append(proc.stdout.readline().strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    acknowledged += [line.strip() for line in proc.stdout.read().splitlines()]

    register = Register.open(db)
    names = {r.full_name for r in register.find("giang", limit=100_000)}
    assert set(acknowledged) <= names
    assert check_register(register) == []
    register.close()
