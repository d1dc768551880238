"""Encryption at rest, key slots, logins with growing delays, roles, recovery, encrypted backups."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import sqlcipher3

from desktop.db import backup, keyfile, vault
from desktop.db.keyfile import KeyFile, TooSoon, WrongPassword
from desktop.db.register import NotAllowed, Register
from tests.conftest import COMMUNE, PASSWORD, TODAY, draft

SECRET_NAME = "Vàng Thị Mỷ"


@pytest.fixture
def encrypted(db_path):
    register, code = vault.setup(db_path, COMMUNE, "hanh", "Lò Thị Hạnh", "mat-khau-1")
    register.add_village("Sín Chải")
    register.add_child(draft(register, SECRET_NAME, notes="bị bạo lực gia đình"), today=TODAY)
    yield register, code
    register.close()


def _plain_sqlite_fails(path) -> None:
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()


def _readable_with(path, key: bytes) -> list[str]:
    conn = sqlcipher3.connect(str(path))
    conn.execute(keyfile.sqlcipher_key_pragma(key))
    try:
        return [r[0] for r in conn.execute("SELECT full_name FROM child")]
    finally:
        conn.close()


def test_database_and_backup_are_unreadable_without_the_key(encrypted, db_path, tmp_path):
    register, _code = encrypted
    key = register.key
    assert key is not None and len(key) == 32
    copy = backup.backup(db_path, tmp_path / "usb" / "sao-luu.db", key)
    register.close()
    for path in (db_path, copy.path):
        raw = path.read_bytes()
        assert SECRET_NAME.encode() not in raw and b"SQLite format 3" not in raw
        _plain_sqlite_fails(path)
        with pytest.raises(sqlcipher3.DatabaseError):
            _readable_with(path, b"\x01" * 32)  # another key opens nothing
        assert _readable_with(path, key) == [SECRET_NAME]
    # the key file beside the backup holds only wrapped keys, never the key or a password
    slots = (tmp_path / "usb" / "sao-luu.keys.json").read_text(encoding="utf-8")
    assert key.hex() not in slots and "mat-khau-1" not in slots and '"hanh"' in slots
    assert copy.children == 1 and copy.commune_code == COMMUNE
    with pytest.raises(backup.BackupError):
        backup.describe(copy.path)  # without the key it is not even recognised


def test_search_and_wal_work_on_the_encrypted_register(encrypted, db_path):
    register, _code = encrypted
    assert [r.full_name for r in register.find("vang thi my")] == [SECRET_NAME]
    with register.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA cipher_version").scalar()


def test_login_opens_the_slot_and_failures_make_the_next_try_wait(
    encrypted, db_path, monkeypatch
):
    register, _code = encrypted
    register.close()
    # The key file's clock stands still, so "must wait 1 s" holds however slow this machine is.
    monkeypatch.setattr(keyfile, "time", SimpleNamespace(time=lambda: 1_000_000.0))
    with vault.login(db_path, "HANH", "mat-khau-1") as again:
        assert (again.user, again.role) == ("hanh", "officer")
        assert again.child_count() == 1
    with pytest.raises(WrongPassword):
        vault.login(db_path, "hanh", "sai-mat-khau")
    assert KeyFile.for_db(db_path).wait_seconds() == 0  # one slip costs nothing
    with pytest.raises(WrongPassword):
        vault.login(db_path, "khong-co", "sai-mat-khau")  # unknown names count as failures too
    with pytest.raises(TooSoon) as waited:
        vault.login(db_path, "hanh", "mat-khau-1")  # even the right password must wait
    assert waited.value.seconds == 1 and "chờ 1 giây" in str(waited.value)
    keys = KeyFile.for_db(db_path)  # a restart reads the same count from the key file
    assert keys.failures == 2
    delays = []
    for failures in range(2, 7):
        keys.failures, keys.last_failure = failures, 1000.0
        delays.append(keys.wait_seconds(now=1000.0))
    assert delays == [1, 2, 4, 8, 16]


def test_recovery_code_sets_a_new_officer_password_and_nothing_else_opens(encrypted, db_path):
    register, code = encrypted
    register.close()
    with pytest.raises(WrongPassword, match="Mã khôi phục không đúng"):
        vault.recover(db_path, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "hanh", "moi-mat-khau")
    keys = KeyFile.for_db(db_path)
    keys.failures = 0
    keys.save()
    new_code = vault.recover(db_path, code.lower().replace("-", " "), "hanh", "moi-mat-khau")
    assert new_code != code and len(new_code) == len(code)
    with pytest.raises(WrongPassword, match="Mã khôi phục không đúng"):  # the used code is spent
        vault.recover(db_path, code, "hanh", "lan-nua-123")
    keys = KeyFile.for_db(db_path)
    keys.failures = 0
    keys.save()
    with pytest.raises(WrongPassword):
        vault.login(db_path, "hanh", "mat-khau-1")
    keys = KeyFile.for_db(db_path)
    keys.failures = 0
    keys.save()
    with vault.login(db_path, "hanh", "moi-mat-khau") as again:
        assert again.authenticate("hanh", "moi-mat-khau") is not None  # the hash follows too


def test_roles_are_enforced_by_the_register(encrypted, db_path):
    register, _code = encrypted
    register.create_user("lan", "Lý Thị Lan", "assistant", "tro-ly-123")
    register.create_user("xem", "Hờ A Xem", "viewer", "chi-xem-12")
    child = register.find("vang thi my")[0].id
    register.open_case(child, "violence", datetime(2026, 11, 1, tzinfo=UTC))
    register.close()
    with vault.login(db_path, "lan", "tro-ly-123") as assistant:
        assert assistant.role == "assistant"
        assistant.add_child(draft(assistant, "Giàng A Páo", sex="M"), today=TODAY)
        with pytest.raises(NotAllowed):
            assistant.cases()
        with pytest.raises(NotAllowed):
            assistant.set_password("hanh", "doat-quyen-1")
        with pytest.raises(NotAllowed):
            assistant.create_user("moi", "Người Mới", "officer", "mat-khau-9")
    with vault.login(db_path, "xem", "chi-xem-12") as viewer:
        assert viewer.child_count() == 2
        with pytest.raises(NotAllowed, match="chỉ xem"):
            viewer.add_child(draft(viewer, "Sùng A Dế", sex="M"), today=TODAY)
        viewer.set_password("xem", "xem-moi-123")  # but may change their own password
    assert vault.unlock(db_path, "xem", "xem-moi-123") is not None
    with vault.login(db_path, "hanh", "mat-khau-1") as officer:
        assert [c.case_type for c in officer.cases()] == ["violence"]
        # the officer resets the assistant's forgotten password: her key slot is rewritten
        officer.set_password("lan", "mat-khau-moi")
        changed = officer.find("giang a pao")[0]
        assert changed.full_name == "Giàng A Páo"
    with pytest.raises(WrongPassword):
        vault.unlock(db_path, "lan", "tro-ly-123")
    with vault.login(db_path, "lan", "mat-khau-moi") as assistant:
        assert assistant.child_count() == 2


def test_changes_are_signed_with_the_logged_in_account(encrypted, db_path):
    register, _code = encrypted
    register.create_user("lan", "Lý Thị Lan", "assistant", "tro-ly-123")
    register.close()
    with vault.login(db_path, "lan", "tro-ly-123") as assistant:
        assistant.add_child(draft(assistant, "Giàng A Páo", sex="M"), today=TODAY)
        with assistant.engine.connect() as conn:
            signed = conn.exec_driver_sql(
                "SELECT updated_by FROM child WHERE full_name = 'Giàng A Páo'"
            ).scalar()
    assert signed == "lan"


def test_an_older_plain_register_is_encrypted_keeping_its_data(db_path):
    register = Register.open(db_path)
    register.init_commune(COMMUNE)
    register.add_village("Sín Chải")
    register.add_child(draft(register, SECRET_NAME), today=TODAY)
    register.create_user("hanh", "Lò Thị Hạnh", "officer", "mat-khau-1")
    register.create_user("lan", "Lý Thị Lan", "assistant", "tro-ly-123")
    register.close()
    assert not vault.is_encrypted(db_path)
    assert vault.unlock(db_path, "hanh", "mat-khau-1") is None  # plain: checked by the hash
    code = vault.migrate_plain(db_path, "hanh", "mat-khau-1", "Lò Thị Hạnh")
    assert vault.is_encrypted(db_path) and len(code) == 29
    _plain_sqlite_fails(db_path)
    assert not list(db_path.parent.glob(".*encrypting*"))  # no plain copy left behind
    with vault.login(db_path, "hanh", "mat-khau-1") as officer:
        assert [r.full_name for r in officer.find("vang thi my")] == [SECRET_NAME]
        assert KeyFile.for_db(db_path).commune_code == COMMUNE
        # the assistant has no slot until the officer sets her a password
        with pytest.raises(WrongPassword):
            vault.unlock(db_path, "lan", "tro-ly-123")
        officer.set_password("lan", "tro-ly-456")
    assert vault.unlock(db_path, "lan", "tro-ly-456") is not None


def test_restore_of_an_encrypted_backup_and_its_preview(encrypted, db_path, tmp_path):
    register, _code = encrypted
    key = register.key
    saved = backup.backup(db_path, tmp_path / "sao-luu.db", key)
    register.add_child(draft(register, "Giàng A Páo", sex="M"), today=TODAY)
    register.close()
    assert backup.describe(saved.path, key).children == 1
    safety = backup.restore(saved.path, db_path, backup.folder_for(db_path), key)
    assert safety is not None and backup.describe(safety, key).children == 2
    with vault.login(db_path, "hanh", "mat-khau-1") as again:
        assert again.child_count() == 1


def sotreem(*args, env=None, check=True):
    import os

    result = subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_command_line_needs_the_password_and_recovers_with_the_code(tmp_path):
    db = tmp_path / "xa.db"
    init = sotreem("--db", db, "init", "--commune", COMMUNE, "--officer", "Hanh").stdout
    code = next(line.strip() for line in init.splitlines() if line.startswith("    "))
    assert "MÃ KHÔI PHỤC" in init and len(code) == 29
    _plain_sqlite_fails(db)
    wrong = sotreem("--db", db, "find", "a", env={"SOTREEM_PASSWORD": "sai-mat-khau"}, check=False)
    assert wrong.returncode == 2 and "mật khẩu không đúng" in wrong.stderr
    keys = KeyFile.for_db(db)
    keys.failures = 0
    keys.save()
    sotreem("--db", db, "--user", "hanh", "find", "a")
    out = tmp_path / "bk.db"
    made = sotreem("--db", db, "backup", "-o", out).stdout
    assert "Đã sao lưu" in made
    _plain_sqlite_fails(out)
    assert (tmp_path / "bk.keys.json").exists()
    recovered = sotreem("--db", db, "recover", "--code", code,
                        env={"SOTREEM_NEW_PASSWORD": "moi-mat-khau"}).stdout  # fmt: skip
    assert "Mã khôi phục cũ không dùng được nữa" in recovered
    new_code = recovered.split("dùng khi quên mật khẩu cán bộ):")[1].split()[0]
    assert len(new_code) == len(code) and new_code != code
    assert "Dữ liệu toàn vẹn" in sotreem(
        "--db", db, "check", env={"SOTREEM_PASSWORD": "moi-mat-khau"}
    ).stdout
    sotreem("--db", db, "passwd", env={"SOTREEM_PASSWORD": "moi-mat-khau",
                                       "SOTREEM_NEW_PASSWORD": "lan-thu-ba"})  # fmt: skip
    with vault.login(db, "hanh", "lan-thu-ba") as register:
        assert register.commune_code == COMMUNE
    preview = sotreem("--db", db, "restore", out, env={"SOTREEM_PASSWORD": "lan-thu-ba"},
                      check=False)  # fmt: skip
    assert preview.returncode == 1 and "Bản sao lưu" in preview.stdout


def test_demo_register_is_encrypted_with_the_demo_account(tmp_path):
    db = tmp_path / "demo.db"
    out = sotreem("--db", db, "demo", "--children", 20).stdout
    assert "Tài khoản mẫu: canbo / mật khẩu sotreem-demo" in out and "MÃ KHÔI PHỤC" in out
    _plain_sqlite_fails(db)
    with vault.login(db, "canbo", PASSWORD) as register:
        assert register.child_count() == 20
