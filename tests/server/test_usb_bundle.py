"""`sotreem-server import-bundle`: a USB stick applied and answered; bad sticks refused."""

from __future__ import annotations

import pytest

from desktop.sync import bundle
from desktop.sync.protocol import VERSION, PushRequest
from server.cli import main
from tests.server.conftest import Hub, new_child


def _request(dev, changes: list[dict], after: int = 0) -> bytes:
    push = PushRequest.model_validate({"v": VERSION, "device": "desktop-1", "changes": changes})
    return bundle.seal_request(dev.token, [push], after)[1]


def child(dev, row_id: str, name: str, at: int) -> dict:
    return dev.change("child", row_id, new_child(name), at=at)


def _import(capsys, hub_url: str, source, reply, *more) -> tuple[int, str, str]:
    code = main(["import-bundle", str(source), "--reply", str(reply), "--database-url", hub_url,
                 *map(str, more)])  # fmt: skip
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def usb_hub(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    hub = Hub(url)
    hub.url = url
    yield hub
    hub.client.close()
    hub.engine.dispose()


def test_a_bundle_is_applied_and_answered_for_its_device_only(usb_hub, tmp_path, capsys):
    hub = usb_hub
    a, b = hub.device(), hub.device()
    b.push([child(b, "b1", "Hoàng Thị Lan", 500)])
    source, reply = tmp_path / "gui-len.sotreem", tmp_path / "tra-loi.sotreem"
    source.write_bytes(_request(a, [child(a, "a1", "Lò Văn Páo", 1000)]))
    code, out, err = _import(capsys, hub.url, source, reply)
    assert code == 0, err
    assert "Đã nhận 1 thay đổi" in out
    opened = bundle.open_reply(reply.read_bytes(), a.token)
    assert opened.pushes[0].acked == 1
    assert [c.id for c in opened.pull.changes] == ["b1"]  # its own change is not sent back
    assert [c["id"] for c in b.pull_all()] == ["a1"]
    with pytest.raises(bundle.BundleError):
        bundle.open_reply(reply.read_bytes(), b.token)  # sealed for device a alone


def test_the_same_stick_imported_twice_changes_nothing_more(usb_hub, tmp_path, capsys):
    hub = usb_hub
    a, b = hub.device(), hub.device()
    source = tmp_path / "gui-len.sotreem"
    source.write_bytes(_request(a, [child(a, "a1", "Lò Văn Páo", 1000)]))
    for name in ("r1", "r2"):
        assert _import(capsys, hub.url, source, tmp_path / name)[0] == 0
    assert [c["id"] for c in b.pull_all()] == ["a1"]


@pytest.mark.bad_input
def test_a_tampered_bundle_is_refused_and_nothing_applied(usb_hub, tmp_path, capsys):
    hub = usb_hub
    a, b = hub.device(), hub.device()
    data = bytearray(_request(a, [child(a, "a1", "Lò Văn Páo", 1000)]))
    data[-20] ^= 0x01
    source, reply = tmp_path / "gui-len.sotreem", tmp_path / "tra-loi.sotreem"
    source.write_bytes(bytes(data))
    code, out, err = _import(capsys, hub.url, source, reply)
    assert code == 2 and "đã bị sửa" in err and out == ""
    assert not reply.exists()
    assert b.pull_all() == []


@pytest.mark.bad_input
def test_a_foreign_or_revoked_bundle_is_refused(usb_hub, tmp_path, capsys):
    from server import auth

    hub = usb_hub
    a, b = hub.device(), hub.device()
    stranger = f"{a.id}.not-the-real-secret"  # a device id copied, the secret guessed
    forged = _request(type(a)(hub, stranger, a.commune), [child(a, "a1", "Giả", 1000)])
    source = tmp_path / "gui-len.sotreem"
    source.write_bytes(forged)
    code, _, err = _import(capsys, hub.url, source, tmp_path / "r")
    assert code == 2 and "không phải của máy này" in err
    unknown = "11111111-2222-3333-4444-555555555555.secret"
    source.write_bytes(_request(type(a)(hub, unknown, a.commune), [child(a, "x", "Giả", 1)]))
    code, _, err = _import(capsys, hub.url, source, tmp_path / "r")
    assert code == 2 and "không có trong danh sách" in err
    genuine = _request(a, [child(a, "a2", "Thật", 2000)])
    with hub.engine.begin() as conn:
        auth.revoke_device(conn, a.id)
    source.write_bytes(genuine)
    code, _, err = _import(capsys, hub.url, source, tmp_path / "r")
    assert code == 2 and "thu hồi" in err
    assert b.pull_all() == []


@pytest.mark.bad_input
def test_a_file_that_is_no_bundle_is_refused(usb_hub, tmp_path, capsys):
    source = tmp_path / "anh.jpg"
    source.write_bytes(b"\xff\xd8\xff\xe0 not a bundle")
    code, _, err = _import(capsys, usb_hub.url, source, tmp_path / "r")
    assert code == 2 and "không phải gói đồng bộ" in err


@pytest.mark.bad_input
def test_a_bundle_from_a_restored_desktop_is_refused_whole(usb_hub, tmp_path, capsys):
    hub = usb_hub
    a, b = hub.device(), hub.device()
    a.push([child(a, f"a{i}", "Trẻ", 1000 + i) for i in range(3)])
    a.seq = 1  # restored from an old backup: seqs 2, 3 again, with later clocks
    source = tmp_path / "gui-len.sotreem"
    source.write_bytes(_request(a, [child(a, "x1", "Mới", 9000), child(a, "x2", "Mới", 9001)]))
    code, _, err = _import(capsys, hub.url, source, tmp_path / "r")
    assert code == 2 and "token mới" in err
    assert {c["id"] for c in b.pull_all()} == {"a0", "a1", "a2"}


# ---- the key that opens a device's bundles is not in the database ------------------------------


def _device_row(hub, device_id: str) -> dict:
    from sqlalchemy import text

    with hub.engine.connect() as conn:
        return dict(conn.execute(text("SELECT * FROM device WHERE id = :i"),
                                 {"i": device_id}).mappings().one())  # fmt: skip


@pytest.mark.bad_input
def test_a_copy_of_the_database_alone_neither_opens_nor_forges_a_bundle(usb_hub, tmp_path, capsys):
    from desktop.sync.protocol import PullResponse

    hub = usb_hub
    a = hub.device()
    source, reply = tmp_path / "gui-len.sotreem", tmp_path / "tra-loi.sotreem"
    source.write_bytes(_request(a, [child(a, "a1", "Lò Văn Páo", 1000)]))
    assert _import(capsys, hub.url, source, reply)[0] == 0
    stolen = _device_row(hub, a.id)  # everything the database holds about the device
    request = bundle.open_request(source.read_bytes(), lambda d: a.token.split(".", 1)[1])
    empty = PullResponse(changes=[], cursor=0, more=False)
    for guess in (stolen["token_hash"], stolen["bundle_secret"]):
        forged = bundle.seal_reply(request, guess, [], empty)
        with pytest.raises(bundle.BundleError, match="không phải của máy này"):
            bundle.open_reply(forged, a.token)
        with pytest.raises(bundle.BundleError):
            bundle.open_request(source.read_bytes(), lambda d, guess=guess: guess)
    # With another key file (a copied database on another machine) nothing opens either.
    code, _, err = _import(capsys, hub.url, source, reply, "--key-file", tmp_path / "k2")
    assert code == 2 and "tệp khóa đã bị thay" in err


@pytest.mark.bad_input
def test_a_device_registered_before_the_key_file_is_told_how_to_go_on(usb_hub, tmp_path, capsys):
    from sqlalchemy import text

    hub = usb_hub
    a, b = hub.device(), hub.device()
    with hub.engine.begin() as conn:  # what migration 0002 leaves for an older device
        conn.execute(text("UPDATE device SET bundle_secret = NULL"))
    source, reply = tmp_path / "gui-len.sotreem", tmp_path / "tra-loi.sotreem"
    source.write_bytes(_request(a, [child(a, "a1", "Lò Văn Páo", 1000)]))
    code, _, err = _import(capsys, hub.url, source, reply)
    assert code == 2 and "reissue-device" in err and "qua mạng" in err
    assert b.pull_all() == []
    a.pull_all()  # one network sync: the server keeps the token's secret from now on
    assert _device_row(hub, a.id)["bundle_secret"] is not None
    assert _import(capsys, hub.url, source, reply)[0] == 0
    assert [c["id"] for c in b.pull_all()] == ["a1"]


def test_reissue_gives_a_new_token_for_the_same_device(usb_hub, tmp_path, capsys):
    hub = usb_hub
    a, b = hub.device(), hub.device()
    a.push([child(a, "a1", "Lò Văn Páo", 1000)])
    assert main(["reissue-device", a.id, "--database-url", hub.url]) == 0
    token = capsys.readouterr().out.strip()
    assert token.split(".")[0] == a.id and token != a.token
    old = hub.client.get("/v1/pull", headers={"Authorization": f"Bearer {a.token}"})
    assert old.status_code == 401
    a.token = token
    assert a.push([]).json()["acked"] == 1  # the same device: its history is kept
    source = tmp_path / "gui-len.sotreem"
    source.write_bytes(_request(a, [child(a, "a2", "Lò Văn Tủa", 2000)]))
    assert _import(capsys, hub.url, source, tmp_path / "r")[0] == 0
    assert [c["id"] for c in b.pull_all()] == ["a1", "a2"]
    assert main(["reissue-device", "khong-co", "--database-url", hub.url]) == 2


def test_the_key_file_and_the_sqlite_database_are_private(tmp_path, capsys):
    import os
    import stat

    folder, data = tmp_path / "cau-hinh" / "sotreem-server", tmp_path / "du-lieu"
    data.mkdir()
    url = f"sqlite:///{data / 'server.db'}"
    key = folder / "bundle.key"
    assert main(["add-device", "--commune", "02725", "--database-url", url,
                 "--key-file", str(key)]) == 0  # fmt: skip
    mode = lambda p: stat.S_IMODE(os.stat(p).st_mode)  # noqa: E731
    assert mode(key) == 0o600 and mode(folder) == 0o700
    assert mode(data / "server.db") == 0o600
    for extra in ("server.db-wal", "server.db-shm"):
        if (data / extra).exists():
            assert mode(data / extra) == 0o600
