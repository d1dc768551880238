from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.db.register import Register
from desktop.domain.dates import PartialDate
from desktop.domain.validation import ChildDraft

COMMUNE = "02725"  # Xã Bản Xèo, Lào Cai
TODAY = date(2026, 11, 25)
PASSWORD = "sotreem-demo"  # the demo account's; `sotreem init` in tests gets it too


# A GUI test waits for the state it asserts; the limit only ends a test that hangs. On a busy
# 2-core machine an Argon2 derivation, a backup or a 3,000-row query can take many seconds, so
# no wait gives up before this, whatever limit a test wrote (timing lives in benchmarks/).
PATIENCE_MS = 120_000


class PatientQtBot(QtBot):
    def waitUntil(self, callback, *, timeout: int = PATIENCE_MS) -> None:
        super().waitUntil(callback, timeout=max(timeout, PATIENCE_MS))

    def waitSignal(self, signal, *, timeout: int = PATIENCE_MS, **kwargs):
        return super().waitSignal(signal, timeout=max(timeout, PATIENCE_MS), **kwargs)

    wait_until, wait_signal = waitUntil, waitSignal


@pytest.fixture
def qtbot(qapp, request) -> QtBot:
    """pytest-qt's `qtbot`, with waits that outlast a loaded machine."""
    return PatientQtBot(request)


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal box nobody answers would hang a test: fail loudly instead.

    Tests that expect a question replace `desktop.ui.dialogs.ask` themselves.
    """
    from desktop.ui import dialogs

    def unexpected(parent, title, text, *rest):
        raise AssertionError(f"unexpected dialog: {title}: {text}")

    for name in ("ask", "inform", "error"):
        monkeypatch.setattr(dialogs, name, unexpected)


@pytest.fixture(autouse=True)
def script_password(monkeypatch):
    """Commands run by the tests answer the password prompt the way a script does."""
    monkeypatch.setenv("SOTREEM_PASSWORD", PASSWORD)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sotreem.db"


@pytest.fixture
def register(db_path: Path):
    reg = Register.open(db_path)
    reg.init_commune(COMMUNE)
    for name in ("Sín Chải", "Lao Chải", "Nậm Cang"):
        reg.add_village(name)
    yield reg
    reg.close()


def village(reg: Register, name: str) -> str:
    village_id = reg.village_id_by_name(name)
    assert village_id is not None
    return village_id


def draft(reg: Register, name: str, **overrides) -> ChildDraft:
    values = dict(
        full_name=name,
        sex="F",
        birth=PartialDate(2016, 2, 25),
        ethnic_code="08",
        village_id=village(reg, "Sín Chải"),
    )
    values.update(overrides)
    return ChildDraft(**values)


def pytest_configure(config):
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
