"""Every `sotreem` command as the officer, the assistant and the viewer of one encrypted register.

Table-driven: each row is a command, each column a role, each cell the exit status and what
must (or must not) have happened to the files and the register. The commands run as real
subprocesses on a copy of the register each; the cells run a few at a time, then each is its
own test. Roles are the register's, read from the key slot the password opens: the command
line only passes the password on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.db import accounts, backup, keyfile, vault
from desktop.db.keyfile import KeyFile, WrongPassword
from desktop.db.register import Register
from tests.conftest import COMMUNE, TODAY, draft

# Its tests share one expensive fixture: `make test` (pytest -n) runs them on one worker.
pytestmark = pytest.mark.xdist_group("roles-matrix")

ROOT = Path(__file__).parents[1]
PASSWORDS = {"hanh": "mat-khau-1", "lan": "tro-ly-123", "xem": "chi-xem-12"}
ROLE_USER = {"officer": "hanh", "assistant": "lan", "viewer": "xem"}
ROLES = tuple(ROLE_USER)
CHILD = "Vàng Thị Mỷ"
SUMMARY = "Bị cha dượng đánh nhiều lần, hàng xóm báo tin"
NEW_PASSWORD = "mat-khau-moi-9"


@dataclass
class Cell:
    """One run: its folder (the register's copy, its files), the result, who ran it."""

    folder: Path
    user: str
    result: subprocess.CompletedProcess = field(init=False)

    @property
    def db(self) -> Path:
        return self.folder / "xa.db"

    @property
    def said(self) -> str:
        return self.result.stdout + self.result.stderr

    def officer(self) -> Register:
        return vault.login(self.db, "hanh", PASSWORDS["hanh"])

    def exported(self) -> list[tuple[str, str, str]]:
        """(who, what, detail) of every "exported" entry of the trail."""
        with self.officer() as register:
            return [(e.username, e.entity, e.detail) for e in register.audit_entries()
                    if e.action == "exported"]  # fmt: skip

    def files(self) -> set[str]:
        return {p.name for p in (self.folder / "out").iterdir()}


Effect = Callable[[Cell], None]


def nothing_written(cell: Cell) -> None:
    assert cell.files() == set(), cell.files()  # not even a temporary file
    assert cell.exported() == []


def wrote(name: str, what: str | None = None) -> Effect:
    def check(cell: Cell) -> None:
        assert name in cell.files()
        assert not [f for f in cell.files() if f.endswith(".partial")]
        if what is not None:
            assert [(who, entity) for who, entity, _d in cell.exported()] == [(cell.user, what)]

    return check


def children(count: int) -> Effect:
    def check(cell: Cell) -> None:
        with cell.officer() as register:
            assert register.child_count() == count

    return check


def said(*texts: str) -> Effect:
    def check(cell: Cell) -> None:
        for text in texts:
            assert text in cell.said, cell.said

    return check


def both(*effects: Effect) -> Effect:
    def check(cell: Cell) -> None:
        for effect in effects:
            effect(cell)

    return check


def password_of(user: str, works: str) -> Effect:
    def check(cell: Cell) -> None:
        assert vault.unlock(cell.db, user, works) is not None

    return check


def old_copy_opens_nothing_new(cell: Cell) -> None:
    """The key file copied before the command no longer opens the database."""
    old = KeyFile.load(cell.folder / "keys-before.json")
    key = old.unlock("hanh", PASSWORDS["hanh"]).data_key
    with pytest.raises(Exception, match="not a database"):
        keyfile_connect(cell.db, key)


def keyfile_connect(db: Path, key: bytes) -> None:
    from desktop.db.engine import connect_encrypted

    connect_encrypted(db, key).close()


def cannot_log_in(user: str) -> Effect:
    def check(cell: Cell) -> None:
        with pytest.raises(WrongPassword):
            vault.unlock(cell.db, user, PASSWORDS[user])

    return check


def disabled(user: str) -> Effect:
    def check(cell: Cell) -> None:
        with pytest.raises(vault.Disabled, match="đã bị khóa"):
            vault.unlock(cell.db, user, PASSWORDS[user])

    return check


def bundled(up_to_the_case: bool) -> Effect:
    """How many changes the USB bundle took: all of them, or those before the case."""

    def check(cell: Cell) -> None:
        from sqlalchemy import text

        with cell.officer() as register, register.engine.connect() as conn:
            unsent = text("SELECT entity FROM change_log WHERE sent_at IS NULL ORDER BY seq")
            entities = [e for (e,) in conn.execute(unsent)]
        count = entities.index("protectioncase") if up_to_the_case else len(entities)
        assert 0 < count < len(entities) or not up_to_the_case
        assert f"({count} thay đổi)" in cell.said, (count, cell.said)

    return check


OFFICER_ONLY = accounts.AUDIT_OFFICER_ONLY
VIEWER = accounts.VIEWER_EXPORTS


@dataclass(frozen=True)
class Row:
    name: str
    # {out} the output folder, {src} the sources (import file, backup …), {other} an account
    # not the runner's, not the officer's
    argv: tuple[str, ...]
    expect: dict[str, tuple[int, Effect]]  # role → (exit status, effect)
    env: tuple[tuple[str, str], ...] = ()


def same(code: int, effect: Effect) -> dict[str, tuple[int, Effect]]:
    return dict.fromkeys(ROLES, (code, effect))


def officer_only(ok: Effect, refused: Effect) -> dict[str, tuple[int, Effect]]:
    return {"officer": (0, ok), "assistant": (2, refused), "viewer": (2, refused)}


def not_viewer(ok: Effect, refused: Effect) -> dict[str, tuple[int, Effect]]:
    return {"officer": (0, ok), "assistant": (0, ok), "viewer": (2, refused)}


ROWS = [
    Row("find", ("find", "vang thi"), same(0, said(CHILD))),
    Row("check", ("check",), same(0, said("Dữ liệu toàn vẹn: 2 trẻ em"))),
    Row("report", ("report", "monthly", "--period", "2026-10", "-o", "{out}/bc.pdf"),
        same(0, wrote("bc.pdf", "report"))),
    Row("export-activities", ("export", "activities", "-o", "{out}/hd.xlsx"),
        same(0, wrote("hd.xlsx", "activities"))),
    Row("export-register", ("export", "register", "-o", "{out}/so.xlsx"),
        not_viewer(wrote("so.xlsx", "register"), both(nothing_written, said(VIEWER)))),
    Row("export-all", ("export", "all", "-o", "{out}/tat-ca.xlsx", "--password-file",
                       "{src}/mk.txt"),
        not_viewer(wrote("tat-ca.xlsx", "all"), both(nothing_written, said(VIEWER)))),
    Row("audit", ("audit", "--search", "vang"),
        officer_only(said(CHILD, "Vụ việc bảo vệ trẻ em"),
                     both(said(OFFICER_ONLY), lambda c: CHILD not in c.said))),
    Row("audit-export", ("audit", "--export", "{out}/nk.xlsx"),
        officer_only(wrote("nk.xlsx", "auditentry"), both(nothing_written, said(OFFICER_ONLY)))),
    Row("import", ("import", "{src}/ds.xlsx"),
        not_viewer(children(3), both(children(2), said(accounts.IMPORT_REFUSED)))),
    Row("backup", ("backup", "-o", "{out}/sao-luu.db"),
        not_viewer(wrote("sao-luu.db"), both(nothing_written, said(accounts.BACKUP_REFUSED)))),
    Row("restore", ("restore", "{src}/truoc.db", "--yes"),
        officer_only(both(children(0), said("Đã khôi phục")),
                     both(children(2), said(accounts.RESTORE_REFUSED)))),
    Row("passwd", ("passwd",), same(0, said("Đã đổi mật khẩu")),
        env=(("SOTREEM_NEW_PASSWORD", NEW_PASSWORD),)),
    Row("passwd-for", ("passwd", "--for", "{other}"),  # lan's for the viewer, else xem's
        {"officer": (0, both(password_of("xem", NEW_PASSWORD), old_copy_opens_nothing_new)),
         "assistant": (2, both(password_of("xem", PASSWORDS["xem"]), said("Chỉ cán bộ"))),
         "viewer": (2, both(password_of("lan", PASSWORDS["lan"]), said("Chỉ cán bộ")))},
        env=(("SOTREEM_NEW_PASSWORD", NEW_PASSWORD),)),
    Row("accounts", ("accounts",),
        officer_only(said("lan", "đang dùng"), said("Chỉ cán bộ phụ trách"))),
    Row("accounts-remove", ("accounts", "remove", "lan"),
        officer_only(both(cannot_log_in("lan"), old_copy_opens_nothing_new),
                     both(password_of("lan", PASSWORDS["lan"]), said("Chỉ cán bộ phụ trách")))),
    Row("init", ("init", "--commune", COMMUNE, "--village", "Bản Mới"),
        officer_only(said("Đã thiết lập"), said("Chỉ cán bộ phụ trách"))),
    Row("demo", ("demo", "--children", "3"), same(2, both(children(2), said("đã có trẻ em")))),
    Row("sync-bundle", ("sync", "--bundle-out", "{out}/gui.stb", "--token-file", "{src}/token"),
        {"officer": (0, both(wrote("gui.stb"), bundled(up_to_the_case=False))),
         # the case's narrative is sealed: it goes up in an officer's session, with what follows
         "assistant": (0, both(wrote("gui.stb"), bundled(up_to_the_case=True))),
         "viewer": (0, both(wrote("gui.stb"), bundled(up_to_the_case=True)))}),
    Row("recover", ("recover", "--code", "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"),
        same(2, said("Mã khôi phục không đúng")), env=(("SOTREEM_NEW_PASSWORD", NEW_PASSWORD),)),
]  # fmt: skip


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    """A commune's encrypted register: its officer, an assistant, a viewer, one child with a
    protection case, and the files the commands read."""
    folder = tmp_path_factory.mktemp("roles")
    db = folder / "xa.db"
    with pytest.MonkeyPatch.context() as patch:
        # Each slot keeps its own Argon2 cost: these open in milliseconds, so the cells
        # spend their time on the commands (slots the commands make take the real cost).
        patch.setattr(keyfile, "KDF", {**keyfile.KDF, "time_cost": 1, "memory_cost": 8192})
        _fill(folder, db)
    wb = Workbook()
    wb.active.append(["STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn/bản"])
    wb.active.append([1, "Giàng Thị Mai", 2016, "Nữ", "Sín Chải"])
    wb.save(folder / "ds.xlsx")
    (folder / "mk.txt").write_text("mat-khau-tep\n", encoding="utf-8")
    (folder / "token").write_text("may-xa-1.bi-mat-cua-may\n", encoding="utf-8")
    return folder


def _fill(folder: Path, db: Path) -> None:
    register, _code = vault.setup(db, COMMUNE, "hanh", "Lò Thị Hạnh", PASSWORDS["hanh"])
    register.add_village("Sín Chải")
    before = folder / "truoc.db"
    backup.backup(db, before, register.key)  # an empty register, for `restore`
    register.create_user("lan", "Lý Thị Lan", "assistant", PASSWORDS["lan"])
    register.create_user("xem", "Hờ A Xem", "viewer", PASSWORDS["xem"])
    child = register.add_child(draft(register, CHILD), today=TODAY).created_id
    register.open_case(child, "violence", datetime(2026, 11, 1, tzinfo=UTC), summary=SUMMARY)
    register.add_child(draft(register, "Sùng A Dế", sex="M"), today=TODAY)
    register.close()
    with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:  # changes after the case
        later = draft(officer, "Sùng A Dế", sex="M", notes="chuyển trường")
        officer.update_child(officer.find("sung a de")[0].id, later)
        officer.record_view("child", child)


def sotreem(folder: Path, user: str, argv: tuple[str, ...], env: dict[str, str]):
    other = "lan" if user == "xem" else "xem"
    args = [a.format(out=folder / "out", src=folder / "src", other=other) for a in argv]
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(folder / "xa.db"), "--user", user, *args],
        capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=ROOT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "SOTREEM_PASSWORD": PASSWORDS[user], **env},
    )  # fmt: skip


CELLS = [(row, role) for row in ROWS for role in ROLES]


@pytest.fixture(scope="session")
def matrix(template, tmp_path_factory) -> dict[tuple[str, str], Cell | BaseException]:
    """Every cell run, three at a time; a cell's own test reads its result."""
    def run(row: Row, role: str) -> Cell | BaseException:
        folder = tmp_path_factory.mktemp(f"{row.name}-{role}")
        (folder / "out").mkdir()
        src = folder / "src"
        src.mkdir()
        for name in ("truoc.db", "truoc.keys.json", "ds.xlsx", "mk.txt", "token"):
            shutil.copy(template / name, src / name)
        shutil.copy(template / "xa.db", folder / "xa.db")
        shutil.copy(keyfile.path_for(template / "xa.db"), keyfile.path_for(folder / "xa.db"))
        shutil.copy(keyfile.path_for(template / "xa.db"), folder / "keys-before.json")
        cell = Cell(folder, ROLE_USER[role])
        try:
            cell.result = sotreem(folder, cell.user, row.argv, dict(row.env))
            code, effect = row.expect[role]
            assert cell.result.returncode == code, cell.said
            assert "Traceback" not in cell.said, cell.said
            with looking:  # Alembic's context is one per process: one register opens at a time
                effect(cell)
        except BaseException as exc:  # reported by the cell's own test
            return exc
        return cell

    looking = threading.Lock()
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {(row.name, role): pool.submit(run, row, role) for row, role in CELLS}
    return {k: f.result() for k, f in futures.items()}


@pytest.mark.parametrize(("row", "role"), CELLS, ids=[f"{r.name}-{role}" for r, role in CELLS])
def test_every_command_as_every_role(row, role, matrix):
    outcome = matrix[(row.name, role)]
    if isinstance(outcome, BaseException):
        raise outcome
    if row.expect[role][0] != 0:
        assert outcome.said.startswith("Lỗi: ") or "\nLỗi: " in outcome.said, outcome.said
