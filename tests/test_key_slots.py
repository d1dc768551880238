"""What each password opens: the roles of the key slots, the sealed narrative of protection
cases, accounts removed, disabled and reset, key rotation, the failed-login count, and an older
key file upgraded. Real SQLCipher files, read back with plain `sqlcipher3` as a curious
assistant would."""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlcipher3
from sqlmodel import Session

from desktop.db import accounts, backup, keyfile, rekey, sealing, vault
from desktop.db.keyfile import KeyFile, TooSoon, WrongPassword
from desktop.db.models import User
from desktop.db.register import NotAllowed, Register
from desktop.db.sync_store import Incoming
from desktop.domain.hlc import HybridClock
from tests.conftest import COMMUNE, TODAY, draft

SUMMARY = "Bị cha dượng đánh nhiều lần, hàng xóm báo tin"
REPORTER = "Bà Lò Thị Xuân, hàng xóm"
STEP_NOTE = "Đã đưa cháu về nhà bà ngoại ở bản Lao Chải"
PASSWORDS = {"hanh": "mat-khau-1", "lan": "tro-ly-123", "xem": "chi-xem-12"}


@pytest.fixture
def cheap_slots(monkeypatch):
    """Slots keep their own Argon2 cost: made cheap here, the tests spend their time on what
    they check (the real cost is the default, tested by the login tests)."""
    monkeypatch.setattr(keyfile, "KDF", {**keyfile.KDF, "time_cost": 1, "memory_cost": 8192})


@pytest.fixture
def commune(db_path, cheap_slots):
    """An officer, an assistant and a viewer; one child with a protection case and a step."""
    register, code = vault.setup(db_path, COMMUNE, "hanh", "Lò Thị Hạnh", PASSWORDS["hanh"])
    register.add_village("Sín Chải")
    register.create_user("lan", "Lý Thị Lan", "assistant", PASSWORDS["lan"])
    register.create_user("xem", "Hờ A Xem", "viewer", PASSWORDS["xem"])
    child = register.add_child(draft(register, "Vàng Thị Mỷ"), today=TODAY).created_id
    register.open_case(child, "violence", datetime(2026, 11, 1, tzinfo=UTC),
                       reported_by=REPORTER, summary=SUMMARY)  # fmt: skip
    case = register.cases()[0].id
    register.complete_case_step(case, "risk_assessment", datetime(2026, 11, 1, 9, tzinfo=UTC),
                                notes=STEP_NOTE)  # fmt: skip
    register.close()
    return db_path, code


def dump(db: Path, key: bytes) -> str:
    """Every row of every table, as plain `sqlcipher3` and the key show them."""
    conn = sqlcipher3.connect(str(db))
    conn.execute(keyfile.sqlcipher_key_pragma(key))
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]  # fmt: skip
        return "\n".join(
            repr(row) for table in tables for row in conn.execute(f'SELECT * FROM "{table}"')
        )
    finally:
        conn.close()


def test_an_assistants_password_opens_the_database_but_not_the_cases_narrative(commune):
    db, _code = commune
    key = vault.unlock(db, "lan", PASSWORDS["lan"])
    everything = dump(db, key)
    assert "Vàng Thị Mỷ" in everything and "violence" in everything  # the tallies count these
    for secret in (SUMMARY, REPORTER, STEP_NOTE):
        assert secret not in everything  # not in the rows, the change log or anywhere else
        assert json.dumps(secret)[1:-1] not in everything  # nor JSON-escaped
    assert everything.count(sealing.PREFIX) >= 6  # rows and their change-log entries
    # the officer reads it back as typed
    with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:
        [case] = officer.cases()
        assert (case.summary, case.reported_by) == (SUMMARY, REPORTER)
        assert STEP_NOTE in [s.notes for s in officer.case_steps(case.id)]
        # and the server gets it as typed: the outbox opens the seal for the wire
        wire = [e.fields for e in officer.outbox(1000) if e.entity == "protectioncase"]
        assert wire[0]["summary"] == SUMMARY and wire[0]["reported_by"] == REPORTER


def test_a_role_typed_into_the_database_or_the_key_file_makes_nobody_an_officer(commune):
    db, _code = commune
    key = vault.unlock(db, "lan", PASSWORDS["lan"])
    conn = sqlcipher3.connect(str(db))
    conn.execute(keyfile.sqlcipher_key_pragma(key))
    conn.execute("UPDATE user SET role = 'officer' WHERE username = 'lan'")
    conn.commit()
    conn.close()
    with vault.login(db, "lan", PASSWORDS["lan"]) as assistant:
        assert assistant.role == "assistant"  # the slot's role, signed by the officer
        with pytest.raises(NotAllowed):
            assistant.cases()
    path = keyfile.path_for(db)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["slots"]["lan"]["role"] = "officer"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(vault.Tampered, match="đã bị sửa bằng tay"):
        vault.login(db, "lan", PASSWORDS["lan"])
    # a slot added by hand (its own key pair, the data key sealed to it) is refused too
    data["slots"]["lan"]["role"] = "assistant"
    forged = KeyFile(path)  # the forger's own signing key: not the officers'
    forged.set_slot("ke-gian", "", "officer", "mat-khau-x", forged.start(key))
    data["slots"]["ke-gian"] = forged.slots["ke-gian"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(vault.Tampered):
        vault.login(db, "ke-gian", "mat-khau-x")
    with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:
        dropped = officer.rotate_keys()
    assert dropped == ["ke-gian"]  # the forged slot never receives the new keys


def copy_key_file(db: Path, to: Path) -> KeyFile:
    shutil.copy(keyfile.path_for(db), to)
    return KeyFile.load(to)


@pytest.mark.parametrize("how", ["remove", "disable", "reset"])
def test_an_old_copy_of_the_key_file_opens_nothing_written_after(commune, tmp_path, how):
    db, _code = commune
    stolen = copy_key_file(db, tmp_path / "chep-truoc.keys.json")
    old_key = stolen.unlock("lan", PASSWORDS["lan"]).data_key
    steps: list[float] = []
    with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:
        do = {"remove": officer.remove_user, "disable": officer.disable_user,
              "reset": lambda name, progress: officer.set_password(name, "moi-mat-khau", progress)}
        do[how]("lan", lambda fraction, message: steps.append(fraction))  # fmt: skip
        officer.add_child(draft(officer, "Giàng A Páo", sex="M"), today=TODAY)
        assert [c.summary for c in officer.cases()] == [SUMMARY]  # the old seal still opens
    assert steps and steps == sorted(steps) and steps[-1] == 1.0  # re-encrypted with progress
    with pytest.raises(sqlcipher3.DatabaseError):
        dump(db, old_key)  # the old data key opens nothing now
    expected = {"remove": WrongPassword, "disable": vault.Disabled, "reset": WrongPassword}
    with pytest.raises(expected[how]):
        vault.unlock(db, "lan", PASSWORDS["lan"])
    with vault.login(db, "xem", PASSWORDS["xem"]) as viewer:  # the others carry on
        assert viewer.child_count() == 2
    if how == "disable":
        with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:
            officer.enable_user("lan")
        with vault.login(db, "lan", PASSWORDS["lan"]) as assistant:
            assert assistant.child_count() == 2  # today's keys, by her own password


def test_removing_an_account_takes_its_slot_out_of_the_automatic_backups(commune):
    db, _code = commune
    with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:
        made = backup.automatic(db, backup.folder_for(db), key=officer.key)
        officer.remove_user("lan")
    assert "lan" not in KeyFile.load(keyfile.path_for(made.path)).slots
    assert "xem" in KeyFile.load(keyfile.path_for(made.path)).slots


def test_a_backup_made_before_a_rotation_restores_for_the_officer(commune, tmp_path):
    db, _code = commune
    with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:
        old = backup.backup(db, tmp_path / "usb" / "cu.db", officer.key)
        officer.add_child(draft(officer, "Giàng A Páo", sex="M"), today=TODAY)
        officer.rotate_keys()
        key, past = officer.key, officer.past_data_keys
    with pytest.raises(backup.BackupError):
        backup.describe(old.path, key)  # today's key alone does not open it
    assert backup.describe(old.path, key, past).children == 1
    backup.restore(old.path, db, backup.folder_for(db), key, past)
    with vault.login(db, "lan", PASSWORDS["lan"]) as assistant:  # under today's keys
        assert assistant.child_count() == 1


def test_a_cancelled_rekey_leaves_the_register_as_it_was(commune):
    db, _code = commune
    before = keyfile.path_for(db).read_bytes()

    def cancel(fraction: float, message: str) -> None:
        if fraction > 0:
            raise KeyboardInterrupt  # what the officer's Cancel raises inside a job

    with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:
        with pytest.raises(KeyboardInterrupt):
            officer.rotate_keys(cancel)
        assert officer.child_count() == 1
    assert keyfile.path_for(db).read_bytes() == before
    assert not rekey.temp_for(db).exists()
    assert vault.login(db, "lan", PASSWORDS["lan"]).child_count() == 1


def test_a_rekey_cut_between_its_writes_still_opens(commune):
    """A power cut after the key file holds the new key and before the database was swapped:
    the slots carry the old key too, and the one that opens the database is used."""
    db, _code = commune
    with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:
        keys = officer.db.unlocked.keys
        file = KeyFile.load(keyfile.path_for(db))
        moving = keyfile.Keyring(keyfile.new_data_key(), keys.cases_keys, keys.signing_key,
                                 old_data_key=officer.key)  # fmt: skip
        file.reseal(moving)
        file.save()
    with vault.login(db, "lan", PASSWORDS["lan"]) as assistant:
        assert assistant.child_count() == 1


def test_an_edited_failure_count_counts_as_the_worst(commune, monkeypatch):
    db, _code = commune
    with pytest.raises(WrongPassword):
        vault.unlock(db, "lan", "sai-mat-khau")
    with pytest.raises(WrongPassword):
        vault.unlock(db, "lan", "sai-mat-khau")
    path = keyfile.path_for(db)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["counter"]["failures"] == 2
    data["counter"]["failures"] = 0  # edited back to zero by hand
    path.write_text(json.dumps(data), encoding="utf-8")
    found = time.time()  # the test's own clock: the wait is computed, not timed
    monkeypatch.setattr(keyfile, "time", SimpleNamespace(time=lambda: found))
    with pytest.raises(TooSoon, match="đã bị sửa bằng tay") as waited:
        vault.unlock(db, "lan", PASSWORDS["lan"])
    assert waited.value.seconds == 15 * 60  # the longest wait, from when it was found
    keys = KeyFile.for_db(db)
    assert keys.tampered_at == found and keys.wait_seconds() == 15 * 60  # kept across starts
    # once waited, the right password opens and the count is clean again
    later = keys.last_failure + 16 * 60
    monkeypatch.setattr(keyfile, "time", SimpleNamespace(time=lambda: later))
    assert vault.unlock(db, "lan", PASSWORDS["lan"]) is not None
    assert KeyFile.for_db(db).failures == 0 and KeyFile.for_db(db).tampered_at is None


def test_an_assistants_session_holds_case_changes_for_the_officer_and_seals_pulled_ones(commune):
    db, _code = commune
    with vault.login(db, "lan", PASSWORDS["lan"]) as assistant:
        entries = assistant.outbox(1000)
        assert entries and all(e.entity != "protectioncase" for e in entries)
        assert assistant.sync_state().held_for_officer >= 1
        assert assistant.conflicts() == []
        # a case pulled from the server (another device of the commune) is stored sealed
        clock = HybridClock("may-khac", lambda: 1_796_000_000_000)
        child = assistant.find("vang thi my")[0].id
        pulled = Incoming(
            10, "protectioncase", "0194e8a2-1111-7000-8000-000000000001", COMMUNE,
            str(clock.now()), "may-khac",
            {"child_id": child, "case_type": "neglect", "received_at": "2026-11-02T08:00:00+00:00",
             "summary": "Bỏ mặc một mình ở nhà", "reported_by": "Trưởng bản",
             "created_at": "2026-11-02T08:00:00+00:00"},
        )  # fmt: skip
        assistant.apply_pulled([pulled], 10)
        key = assistant.key
    assert "Bỏ mặc một mình" not in dump(db, key) and "Trưởng bản" not in dump(db, key)
    with vault.login(db, "hanh", PASSWORDS["hanh"]) as officer:
        assert "Bỏ mặc một mình ở nhà" in [c.summary for c in officer.cases()]
        assert any(e.entity == "protectioncase" for e in officer.outbox(1000))


def test_an_older_key_file_is_upgraded_at_its_officers_login(db_path, cheap_slots):
    """A register of the previous version: slots that wrap the data key, case text in the
    clear. The officer's login brings the new keys, a new recovery code, and seals the text;
    the assistant's old slot works until the first rotation."""
    key = keyfile.new_data_key()
    register = Register.open(db_path, key)
    register.init_commune(COMMUNE)
    register.add_village("Sín Chải")
    child = register.add_child(draft(register, "Vàng Thị Mỷ"), today=TODAY).created_id
    register.open_case(child, "violence", datetime(2026, 11, 1, tzinfo=UTC), summary=SUMMARY)
    with Session(register.engine) as session:  # the previous version's accounts
        for name, role in (("hanh", "officer"), ("lan", "assistant")):
            session.add(User(id=name, username=name, full_name=name, role=role,
                             password_hash=accounts.hash_password(PASSWORDS[name]),
                             created_at=datetime.now(UTC)))  # fmt: skip
        session.commit()
    register.close()
    old = KeyFile(keyfile.path_for(db_path), COMMUNE)
    for name, role in (("hanh", "officer"), ("lan", "assistant"), (keyfile.RECOVERY, "recovery")):
        old.slots[name] = v1_slot(name, role, "CODE1-CODE2" if name == keyfile.RECOVERY
                                  else PASSWORDS[name], key)  # fmt: skip
    old.save()
    assert json.loads(old.path.read_text())["version"] == 1
    assert SUMMARY in dump(db_path, key)
    with vault.login(db_path, "lan", PASSWORDS["lan"]) as assistant:  # before the officer
        assert assistant.role == "assistant" and assistant.child_count() == 1
    opened = vault.open_slot(db_path, "hanh", PASSWORDS["hanh"])
    assert opened.new_recovery_code and opened.keys.officer_level
    with vault.enter(db_path, opened, "hanh") as officer:
        assert [c.summary for c in officer.cases()] == [SUMMARY]
    assert SUMMARY not in dump(db_path, key)  # sealed in the rows and the change log
    with pytest.raises(WrongPassword):
        vault.recover(db_path, "CODE1-CODE2", "hanh", "mat-khau-moi")  # the old code is spent
    with vault.login(db_path, "lan", PASSWORDS["lan"]) as assistant:
        assert assistant.role == "assistant"
    with vault.login(db_path, "hanh", PASSWORDS["hanh"]) as officer:
        assert officer.rotate_keys() == ["lan"]  # an old slot cannot take the new keys
        assert [v.needs_reset for v in officer.account_views()] == [False, True]


def v1_slot(username: str, role: str, secret: str, key: bytes) -> dict:
    """A slot as the previous version wrote it: the data key wrapped under the password."""
    import base64
    import secrets

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(keyfile.derive(secret, salt)).encrypt(nonce, key, username.encode())
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return {"full_name": username, "role": role, "kdf": dict(keyfile.KDF), "salt": b64(salt),
            "nonce": b64(nonce), "wrapped": b64(wrapped)}  # fmt: skip


@pytest.mark.skipif(os.name != "posix", reason="permissions are POSIX modes")
def test_the_files_of_the_register_are_private_to_the_user(tmp_path, cheap_slots, monkeypatch):
    from desktop import config
    from desktop.ui import errors

    monkeypatch.setenv("SOTREEM_DATA_DIR", str(tmp_path / "du-lieu"))
    previous = os.umask(0o022)  # the usual umask: files readable to all unless made private
    try:
        db = config.default_db_path()
        register, _code = vault.setup(db, COMMUNE, "hanh", "Lò Thị Hạnh", PASSWORDS["hanh"])
        register.add_village("Sín Chải")
        wal = Path(f"{db}-wal")
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600  # SQLite copies the database's mode
        made = backup.automatic(db, backup.folder_for(db), key=register.key)
        register.close()
        config.save_settings({"lock_minutes": 5})
        config.write_sync_state(db, 3, None)
        handler = errors._LazyFileHandler(errors.log_path(), delay=True)
        handler.emit(logging.LogRecord("sotreem", logging.ERROR, "", 0, "thử", None, None))
        handler.close()
    finally:
        os.umask(previous)
    files = [db, keyfile.path_for(db), made.path, keyfile.path_for(made.path),
             config.settings_path(), config.sync_state_path(db), errors.log_path()]  # fmt: skip
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (db.parent, backup.folder_for(db), errors.log_path().parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
