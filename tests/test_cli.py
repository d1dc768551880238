"""The command line as an officer or district IT person runs it."""

import json
import subprocess
import sys

from sqlalchemy import text

from desktop import __version__
from desktop.db import vault
from desktop.domain.names import fold
from tests.conftest import PASSWORD


def sotreem(*args, check=True):
    result = subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_version():
    assert sotreem("--version").stdout.strip() == f"Sổ Trẻ Em {__version__}"


def test_init_demo_find_check(tmp_path):
    db = tmp_path / "xa.db"
    out = sotreem("--db", db, "init", "--commune", "02725", "--village", "Sín Chải").stdout
    assert "Xã Bản Xèo, Tỉnh Lào Cai" in out
    assert "Tài khoản cán bộ: canbo" in out and "MÃ KHÔI PHỤC" in out
    demo = sotreem("--db", db, "demo", "--children", 300).stdout
    assert "Đã tạo 300 trẻ em mẫu" in demo
    again = sotreem("--db", db, "demo", "--children", 10, check=False)
    assert again.returncode == 2 and "đã có trẻ em" in again.stderr
    found = json.loads(sotreem("--db", db, "find", "sin chai", "--json").stdout)
    assert any(r["village"] == "Sín Chải" for r in found)
    for r in found:  # every typed word starts a word of the name, caregiver or village
        words = fold(" ".join([r["full_name"], r["village"], r["caregiver_name"]])).split()
        assert all(any(w.startswith(t) for w in words) for t in ("sin", "chai")), r
    first = found[0]
    name_query = " ".join(w.lower() for w in first["full_name"].split()[:2])
    plain = sotreem("--db", db, "find", name_query).stdout
    assert first["full_name"] in plain
    assert "Dữ liệu toàn vẹn: 300 trẻ em" in sotreem("--db", db, "check").stdout


def test_find_prints_a_clear_message_when_nothing_matches(tmp_path):
    db = tmp_path / "xa.db"
    sotreem("--db", db, "init", "--commune", "02725")
    assert sotreem("--db", db, "find", "khongco").stdout.strip() == "Không tìm thấy trẻ em nào."


def test_check_fails_on_a_damaged_database(tmp_path):
    db = tmp_path / "xa.db"
    sotreem("--db", db, "demo", "--children", 50)
    with vault.login(db, "canbo", PASSWORD) as register, register.engine.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=OFF"))
        conn.execute(text("DELETE FROM change_log WHERE entity = 'village'"))
        conn.execute(text("UPDATE child SET personal_id = '123' WHERE rowid = 1"))
    result = sotreem("--db", db, "check", check=False)
    assert result.returncode == 1
    assert "bảng village không có trong nhật ký thay đổi" in result.stdout
    assert "1 số định danh cá nhân không đủ 12 chữ số" in result.stdout


def test_bad_commune_code_is_refused_in_vietnamese(tmp_path):
    result = sotreem("--db", tmp_path / "x.db", "init", "--commune", "99999", check=False)
    assert result.returncode == 2
    assert "Mã xã: mã “99999” không phải mã xã/phường hợp lệ." in result.stderr


def test_check_on_a_missing_file(tmp_path):
    result = sotreem("--db", tmp_path / "none.db", "check", check=False)
    assert result.returncode == 2 and "không có tệp" in result.stderr


def test_default_database_lives_in_the_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SOTREEM_DATA_DIR", str(tmp_path / "data"))
    sotreem("init", "--commune", "02725")
    assert (tmp_path / "data" / "sotreem.db").exists()


def test_the_token_comes_from_the_environment_never_the_command_line(tmp_path):
    """SOTREEM_TOKEN (or --token-file) signs the USB bundle; `ps` never shows the token."""
    import os

    db = tmp_path / "xa.db"
    sotreem("--db", db, "init", "--commune", "02725", "--village", "Sín Chải")
    env = {**os.environ, "SOTREEM_TOKEN": "may-xa-1.bi-mat-khong-lo-ra"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), "sync", "--bundle-out",
         str(tmp_path / "gui.stb")],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Đã ghi gói gửi máy chủ" in done.stdout and (tmp_path / "gui.stb").exists()
    assert "bi-mat-khong-lo-ra" not in " ".join(map(str, done.args))
    again = sotreem("--db", db, "sync", "--bundle-out", tmp_path / "lan-2.stb")  # remembered
    assert "Đã ghi gói gửi máy chủ" in again.stdout
