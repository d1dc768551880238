"""USB bundles through the real server code: round trip, and every wrong file refused whole."""

from __future__ import annotations

import hashlib

import pytest

from desktop import cli
from desktop.sync import bundle
from server import usb
from tests.sync.conftest import COMMUNE, child_draft, new_desk, share_commune

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _server_import(hub, request_path, reply_path) -> str:
    return usb.import_bundle(hub.engine, request_path.read_bytes(), reply_path)


def test_bundle_round_trip_by_usb_meets_the_network(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    mai = a.register.add_child(child_draft(a.register, "Lò Thị Mai")).created_id
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    # 2 villages, the child and its audit entry
    assert bundle.write_request(a.register, a.token, out) == 4
    assert a.register.unsent_count() == 4  # sent only once the reply says so
    summary = _server_import(hub, out, back)
    assert "Đã nhận 4 thay đổi" in summary
    result = bundle.apply_reply(a.register, a.token, back)
    assert (result.pushed, result.rejected, result.more) == (4, 0, False)
    assert a.register.unsent_count() == 0
    # A device of the same commune on the network sees the child and edits it …
    b = share_commune(hub, tmp_path / "b.db", a)
    draft = b.register.draft_of(b.register.get_child(mai))
    draft.notes = "Sửa trên máy B"
    b.register.update_child(mai, draft)
    b.sync()
    # … and the next USB round brings the edit to A.
    bundle.write_request(a.register, a.token, out)
    _server_import(hub, out, back)
    assert bundle.apply_reply(a.register, a.token, back).pulled == 2  # the edit + B's audit entry
    assert a.register.get_child(mai).notes == "Sửa trên máy B"


@pytest.mark.bad_input
def test_a_replayed_reply_is_refused(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    bundle.write_request(a.register, a.token, out)
    _server_import(hub, out, back)
    bundle.apply_reply(a.register, a.token, back)
    a.register.add_village("Nậm Pung")
    with pytest.raises(bundle.BundleError, match="không phải trả lời cho gói gửi gần nhất"):
        bundle.apply_reply(a.register, a.token, back)
    assert a.register.unsent_count() == 1


@pytest.mark.bad_input
def test_a_tampered_bundle_changes_nothing_on_the_server(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    bundle.write_request(a.register, a.token, out)
    data = bytearray(out.read_bytes())
    data[-40] ^= 0x01
    out.write_bytes(bytes(data))
    with pytest.raises(bundle.BundleError, match="đã bị sửa hoặc hỏng"):
        _server_import(hub, out, back)
    assert hub.records("village") == {} and not back.exists()


@pytest.mark.bad_input
def test_a_bundle_sealed_with_another_devices_key_is_refused(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    other = hub.device_token(COMMUNE)
    forged = f"{a.token.split('.')[0]}.{other.split('.')[1]}"  # A's id, another secret
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    bundle.write_request(a.register, forged, out)
    with pytest.raises(bundle.BundleError, match="không phải của máy này"):
        _server_import(hub, out, back)
    assert hub.records("village") == {}


@pytest.mark.bad_input
def test_a_reply_for_another_device_is_refused(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    b = new_desk(hub, tmp_path / "b.db", COMMUNE, villages=("Phìn Hồ",))
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    bundle.write_request(a.register, a.token, out)
    _server_import(hub, out, back)
    bundle.write_request(b.register, b.token, tmp_path / "b.stb")
    with pytest.raises(bundle.BundleError, match="của một máy khác"):
        bundle.apply_reply(b.register, b.token, back)
    assert b.register.unsent_count() == 1


@pytest.mark.bad_input
def test_a_reply_cannot_be_passed_off_as_a_request(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    bundle.write_request(a.register, a.token, out)
    _server_import(hub, out, back)
    with pytest.raises(bundle.BundleError, match="gói trả lời của máy chủ"):
        _server_import(hub, back, tmp_path / "again.stb")
    with pytest.raises(bundle.BundleError, match="gói gửi lên từ xã"):
        bundle.apply_reply(a.register, a.token, out)


@pytest.mark.bad_input
def test_a_file_that_is_not_a_bundle_is_refused(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    junk = tmp_path / "anh.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 500)
    with pytest.raises(bundle.BundleError, match="không phải gói đồng bộ"):
        _server_import(hub, junk, tmp_path / "r.stb")
    with pytest.raises(bundle.BundleError, match="không phải gói đồng bộ"):
        bundle.apply_reply(a.register, a.token, junk)


def test_sync_command_by_usb(hub, tmp_path, capsys):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    db = str(a.register.path)
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    assert cli.main(["--db", db, "sync", "--token", a.token, "--bundle-out", str(out)]) == 0
    assert "2 thay đổi" in capsys.readouterr().out
    _server_import(hub, out, back)
    assert cli.main(["--db", db, "sync", "--bundle-in", str(back)]) == 0  # token remembered
    assert "máy chủ đã nhận 2 thay đổi" in capsys.readouterr().out
    assert cli.main(["--db", db, "sync", "--bundle-in", str(back)]) == 2
    assert "không phải trả lời cho gói gửi gần nhất" in capsys.readouterr().err


@pytest.mark.bad_input
def test_sync_command_refuses_bad_arguments(hub, tmp_path, capsys):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    db = str(a.register.path)
    assert cli.main(["--db", db, "sync"]) == 2
    assert "chưa có địa chỉ máy chủ hoặc token" in capsys.readouterr().err
    both = ["--bundle-out", "x", "--bundle-in", "y"]
    assert cli.main(["--db", db, "sync", *both]) == 2
    assert cli.main(["--db", str(tmp_path / "khong-co.db"), "sync"]) == 2
    assert "không có tệp" in capsys.readouterr().err
    assert cli.main(["--db", db, "sync", "--bundle-out", str(tmp_path / "o"), "--token", "x"]) == 2
    assert "mã-máy.bí-mật" in capsys.readouterr().err
    assert a.register.unsent_count() == 2


# ---- forged, overreaching and undigestible replies ---------------------------------------------


def _reply_as_the_server(desk, request_path, pushes, changes=(), cursor=0) -> bytes:
    """A reply sealed with the device's real key, saying what a test wants it to say."""
    from desktop.sync.protocol import PullResponse, ServerChange

    secret = desk.token.split(".", 1)[1]
    request = bundle.open_request(request_path.read_bytes(), lambda d: secret)
    pull = PullResponse(changes=[ServerChange(**c) for c in changes], cursor=cursor, more=False)
    return bundle.seal_reply(request, secret, pushes, pull)


@pytest.mark.bad_input
def test_a_reply_forged_from_what_the_server_database_holds_marks_nothing_sent(hub, tmp_path):
    from desktop.sync.protocol import PullResponse, PushResponse

    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    bundle.write_request(a.register, a.token, out)
    digest = hashlib.sha256(a.token.split(".", 1)[1].encode()).hexdigest()  # in the database
    secret = a.token.split(".", 1)[1]
    request = bundle.open_request(out.read_bytes(), lambda d: secret)
    everything = PushResponse(acked=10**6, rejected=[])
    back.write_bytes(bundle.seal_reply(request, digest, [everything],
                                       PullResponse(changes=[], cursor=0, more=False)))  # fmt: skip
    with pytest.raises(bundle.BundleError, match="không phải của máy này"):
        bundle.apply_reply(a.register, a.token, back)
    assert a.register.unsent_count() == 2


@pytest.mark.bad_input
def test_a_reply_acknowledges_nothing_its_request_did_not_carry(hub, tmp_path):
    from desktop.sync.protocol import PushResponse

    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    assert bundle.write_request(a.register, a.token, out) == 2
    a.register.add_village("Nậm Pung")  # written after the stick left
    back.write_bytes(_reply_as_the_server(a, out, [PushResponse(acked=10**6, rejected=[])]))
    assert bundle.apply_reply(a.register, a.token, back).pushed == 2
    assert a.register.unsent_count() == 1  # Nậm Pung was never on the stick


@pytest.mark.bad_input
def test_a_reply_with_rows_that_cannot_be_applied_sets_them_aside_with_a_message(
    hub, tmp_path, capsys
):
    from desktop.sync.protocol import PushResponse

    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    db = str(a.register.path)
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    secret_child = {"full_name": "Lò Thị Bí Mật", "sex": "F", "birth_year": 2016,
                    "contact_phone": "0912345678"}  # fmt: skip
    odd_rows = ({"created_at": 12345}, {"created_at": "hôm qua"},
                {"created_at": "2026-01-01T00:00:00+00:00", "notes": {"x": 1}})  # fmt: skip
    for rev, odd in enumerate(odd_rows, start=1):
        bundle.write_request(a.register, a.token, out)
        a.register.set_settings({"sync.token": a.token})
        row = dict(rev=rev, entity="child", id=f"c-bi-mat-{rev}", commune=COMMUNE,
                   hlc="1767600000000-0000-z", by="x", fields={**secret_child, **odd})  # fmt: skip
        good = dict(rev=rev + 10, entity="village", id=f"v-{rev}", commune=COMMUNE,
                    hlc="1767600000000-0001-z", by="x",
                    fields={"name": f"Nậm {rev}", "created_at": "2026-01-01T00:00:00+07:00"})
        request = bundle.open_request(out.read_bytes(), lambda d: a.token.split(".", 1)[1])
        answers = [PushResponse(acked=p.changes[-1].seq) for p in request.pushes]
        back.write_bytes(_reply_as_the_server(a, out, answers, [row, good], cursor=rev + 10))
        assert cli.main(["--db", db, "sync", "--bundle-in", str(back)]) == 0
        captured = capsys.readouterr()
        text = captured.out + captured.err
        assert "chưa áp dụng được" in text and ("created_at" in text or "notes" in text)
        assert "Traceback" not in text and "0912345678" not in text
        assert a.register.unsent_count() == 0  # what the server acknowledged stays acknowledged
        assert f"Nậm {rev}" in [v.name for v in a.register.villages()]  # the rest applied
    unapplied = [f for f in a.register.sync_state().failures if f.kind == "unapplied"]
    assert len(unapplied) == 3 and all("Lò Thị Bí Mật" in f.label for f in unapplied)
    with a.register.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT COUNT(*) FROM child")).scalar_one() == 0


@pytest.mark.bad_input
def test_a_reply_of_an_older_server_version_is_refused_by_name(hub, tmp_path):
    a = new_desk(hub, tmp_path / "a.db", COMMUNE)
    out, back = tmp_path / "gui.stb", tmp_path / "tra-loi.stb"
    bundle.write_request(a.register, a.token, out)
    back.write_bytes(out.read_bytes().replace(b'"v":2', b'"v":1'))
    with pytest.raises(bundle.BundleError, match=r"phiên bản 1.*cập nhật"):
        bundle.apply_reply(a.register, a.token, back)
    assert a.register.unsent_count() == 2
