from __future__ import annotations

import sys
from dataclasses import dataclass
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


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, collecting garbage on the GUI thread as the program's does."""
    from desktop.ui import gui_thread_gc

    gui_thread_gc.install(qapp)
    return qapp


@pytest.fixture(autouse=True)
def collect_between_tests():
    """Without a Qt event loop running (tests that never wait) the collector's timer never
    fires: collect after each test, on this thread, as Python would have."""
    yield
    collector = sys.modules.get("desktop.ui.gui_thread_gc")
    if collector is not None and collector.installed():
        collector.collect_if_due()


@pytest.fixture
def qtbot(qapp, request) -> QtBot:
    """pytest-qt's `qtbot`, with waits that outlast a loaded machine."""
    return PatientQtBot(request)


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal box nobody answers would hang a test: fail loudly instead.

    Tests that expect a question replace `desktop.ui.dialogs.ask` themselves; tests that write
    a file take the `saved_notices` fixture; tests of the file dialog answer
    `file_dialogs.run_dialog`.
    """
    from desktop.ui import dialogs, file_dialogs, saved_notice

    def unexpected(parent, title, text, *rest, **named):
        raise AssertionError(f"unexpected dialog: {title}: {text}")

    for name in ("ask", "inform", "error"):
        monkeypatch.setattr(dialogs, name, unexpected)
    monkeypatch.setattr(saved_notice, "show_saved", unexpected)

    def unexpected_file_dialog(dialog):
        raise AssertionError(f"unexpected file dialog: {dialog.windowTitle()}")

    monkeypatch.setattr(file_dialogs, "run_dialog", unexpected_file_dialog)


@dataclass(frozen=True)
class SavedNotice:
    title: str
    path: Path
    folder_only: bool
    detail: str


@pytest.fixture
def saved_notices(monkeypatch) -> list[SavedNotice]:
    """The "Đã lưu tệp" notices the test caused, in order (instead of showing them)."""
    from desktop.ui import saved_notice

    shown: list[SavedNotice] = []

    def record(parent, title, path, *, folder_only=False, detail=""):
        shown.append(SavedNotice(title, Path(path), folder_only, detail))

    monkeypatch.setattr(saved_notice, "show_saved", record)
    return shown


@pytest.fixture
def fresh_home(tmp_path, monkeypatch) -> Path:
    """A new user of the PC: a home with an empty Documents folder, no settings file yet."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("SOTREEM_DATA_DIR", str(tmp_path / "settings"))
    return home


@pytest.fixture(autouse=True, scope="session")
def server_key_file(tmp_path_factory):
    """The sync server's key file (USB bundle secrets) lives in a temp folder, never in the
    tester's configuration folder; servers started by the tests inherit it."""
    import os

    path = tmp_path_factory.mktemp("server-config") / "bundle.key"
    os.environ["SOTREEM_SERVER_KEY_FILE"] = str(path)
    yield path


@pytest.fixture(autouse=True, scope="session")
def own_data_dir(tmp_path_factory):
    """The program's settings and log go to a temp folder, never the tester's own: and tests
    running side by side (pytest -n) never share one log file."""
    import os

    os.environ["SOTREEM_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))


@pytest.fixture(autouse=True, scope="session")
def migrated_once(tmp_path_factory):
    """A new plain register starts as a copy of one migrated for real at the start.

    Running the migrations from nothing takes ~0.4 s and the tests make hundreds of new
    registers; the copy opens at the newest schema (migrations make no ids or dates, and
    `Register.open` gives each copy its own device id). tests/test_migrations.py runs the
    migrations themselves; encrypted registers and the commands' own processes still do.
    """
    import shutil

    from desktop.db.engine import make_engine, migrate

    base = tmp_path_factory.getbasetemp()
    template = tmp_path_factory.mktemp("template") / "moi.db"
    engine = make_engine(template, None)
    migrate(engine)
    engine.dispose()
    opened = Register.open.__func__

    def open_from_copy(cls, path, key=None):
        target = Path(path)
        if key is None and not target.exists() and target.parent.is_relative_to(base):
            try:
                shutil.copyfile(template, target)
            except OSError:  # a test's full disk: let the program meet it itself
                target.unlink(missing_ok=True)
        return opened(cls, path, key)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Register, "open", classmethod(open_from_copy))
        yield


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


def pytest_collection_modifyitems(config, items):
    """Run side by side (`make test` uses pytest -n), the long tests go first: the workers then
    finish together instead of one waiting out a long test picked up last."""
    if getattr(config.option, "numprocesses", None):
        items.sort(key=lambda item: item.get_closest_marker("long") is None)


def pytest_configure(config):
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
