"""Bad protocol messages: each is answered with an ErrorBody naming the problem, nothing applied."""

from __future__ import annotations

import gzip
import json

import pytest

from desktop.sync.protocol import MAX_BODY_BYTES, VERSION
from tests.server.conftest import gz, new_child

pytestmark = pytest.mark.bad_input


def _nothing_applied(hub, watcher) -> None:
    assert watcher.pull_all() == []


def change(seq: int = 1, **fields) -> dict:
    return dict(seq=seq, entity="child", id=f"c{seq}", commune="02725",
                hlc=f"{1000 + seq:013d}-0000-a", base=0,
                fields=new_child("Lò Thị Hoa", **fields))  # fmt: skip


def test_an_older_protocol_version_gets_426_with_an_update_message(hub):
    a, b = hub.device(), hub.device()
    r = hub.push(a.token, [change()], v=0)
    assert r.status_code == 426
    body = r.json()
    assert body["error"] == "version" and "cập nhật" in body["message"]
    _nothing_applied(hub, b)


def test_a_newer_protocol_version_asks_to_update_the_server(hub):
    a = hub.device()
    r = hub.push(a.token, [change()], v=VERSION + 1)
    assert r.status_code == 426 and "máy chủ" in r.json()["message"]
    r = hub.client.get("/v1/pull", params={"v": VERSION + 1},
                       headers={"Authorization": f"Bearer {a.token}"})  # fmt: skip
    assert r.status_code == 426


def test_broken_gzip_is_refused(hub):
    a, b = hub.device(), hub.device()
    body = gz({"v": 1, "device": "x", "changes": [change()]})
    r = hub.post("/v1/push", body[: len(body) // 2], a.token)
    assert r.status_code == 400
    assert r.json()["error"] == "schema" and "gzip" in r.json()["message"]
    r = hub.post("/v1/push", b"\x1f\x8b\x08\x00garbage", a.token)
    assert r.status_code == 400 and "gzip" in r.json()["message"]
    _nothing_applied(hub, b)


def test_a_body_that_is_not_json_is_refused(hub):
    a = hub.device()
    r = hub.post("/v1/push", gzip.compress("xin chào".encode()), a.token)
    assert r.status_code == 400 and "JSON" in r.json()["message"]


@pytest.mark.parametrize(
    "message, named",
    [
        ({"v": 1, "device": "x"}, "changes"),
        ({"v": 1, "device": "x", "changes": [change()], "extra": 1}, "extra"),
        ({"v": 1, "device": "x", "changes": [{**change(), "seq": 0}]}, "seq"),
        ({"v": 1, "device": "x", "changes": [{**change(), "fields": "tên"}]}, "fields"),
        ({"v": 1, "device": "x", "changes": [change(seq=i + 1) for i in range(501)]}, "changes"),
        ([1, 2, 3], "đối tượng"),
    ],
)
def test_a_message_of_the_wrong_shape_is_refused_naming_the_part(hub, message, named):
    a, b = hub.device(), hub.device()
    r = hub.post("/v1/push", gz(message), a.token)
    assert r.status_code == 400
    assert r.json()["error"] == "schema" and named in r.json()["message"]
    _nothing_applied(hub, b)


def test_a_nested_value_in_a_field_is_refused_by_name(hub):
    a = hub.device()
    answer = a.push([change(full_name={"a": 1})]).json()
    assert "full_name" in answer["rejected"][0]["message"]


def test_a_malformed_clock_is_refused(hub):
    a = hub.device()
    answer = a.push([{**change(), "hlc": "hôm qua"}]).json()
    assert "dấu thời gian" in answer["rejected"][0]["message"]


def test_an_oversized_body_is_refused_413(hub):
    a, b = hub.device(), hub.device()
    padding = "x" * (MAX_BODY_BYTES + 10)
    raw = json.dumps({"v": 1, "device": "x", "changes": [change(full_name=padding)]}).encode()
    r = hub.post("/v1/push", gzip.compress(raw), a.token)  # small on the wire, huge inside
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    r = hub.post("/v1/push", raw, a.token, gzipped=False)
    assert r.status_code == 413
    _nothing_applied(hub, b)


def test_bad_pull_parameters_are_refused(hub):
    a = hub.device()
    for params in ({"after": -1}, {"after": "hôm qua"}, {"limit": "nhiều"}):
        r = hub.client.get("/v1/pull", params=params,
                           headers={"Authorization": f"Bearer {a.token}"})  # fmt: skip
        assert r.status_code == 400 and r.json()["error"] == "schema", params


# ---- malformed fields: refused per change, with the field named; nothing of them stored ------


@pytest.mark.parametrize(
    "fields, named",
    [
        ({"created_at": "hôm qua"}, "created_at"),
        ({"created_at": "2026-11-20T08:00:00"}, "múi giờ"),
        ({"birth_year": "2016"}, "số nguyên"),
        ({"birth_year": 2**70}, "birth_year"),
        ({"sex": "X"}, "Giới tính"),
        ({"ethnic_code": "99"}, "dân tộc"),
        ({"status": "biến mất"}, "Tình trạng"),
        ({"notes": "x" * 5_000}, "tối đa"),
        ({"notes": "a\x00b"}, "điều khiển"),
        ({"caregiver_name": "\ud800"}, "điều khiển"),
        ({"village_id": "v\x00"}, "village_id"),
        ({"birth_month": 2, "birth_day": 30}, "không có thật"),
        ({"deleted": "có"}, "deleted"),
        ({"nick\x00name": "x"}, "nick\\u0000name"),  # found by fuzzing: once a 500 on PostgreSQL
    ],
)
def test_a_malformed_field_is_refused_by_name_and_the_rest_of_the_batch_applied(
    hub, fields, named
):
    a, b = hub.device(), hub.device()
    answer = a.push([change(1, **fields), change(2)]).json()
    assert answer["acked"] == 2
    [refused] = answer["rejected"]
    assert refused["seq"] == 1 and named in refused["message"] and "Trẻ em c1" in refused["message"]
    assert [c["id"] for c in b.pull_all()] == ["c2"]  # and the other device's pull goes on


def test_a_new_record_missing_a_required_field_is_refused(hub):
    a, b = hub.device(), hub.device()
    bare = {**change(), "fields": {"full_name": "Lò Thị Hoa"}}
    [refused] = a.push([bare]).json()["rejected"]
    assert "thiếu" in refused["message"] and "birth_year" in refused["message"]
    _nothing_applied(hub, b)


@pytest.mark.parametrize(
    "envelope, named",
    [
        ({"id": "c\x001"}, "id"),
        ({"id": "x" * 37}, "tối đa 36"),
        ({"hlc": "hôm qua"}, "hlc"),
        ({"by": "cb\x07"}, "by"),
        ({"entity": "child\x00"}, "không được đồng bộ"),
        ({"commune": "02725\x00"}, "máy này chỉ được gửi"),
    ],
)
def test_a_change_with_a_bad_id_clock_or_author_is_refused_alone(hub, envelope, named):
    """(Text that is not Unicode at all, a lone surrogate, fails the whole message: 400.)"""
    a, b = hub.device(), hub.device()
    answer = a.push([{**change(1), **envelope}, change(2)])
    assert answer.status_code == 200, answer.text
    [refused] = answer.json()["rejected"]
    assert refused["seq"] == 1 and named in refused["message"]
    assert [c["id"] for c in b.pull_all()] == ["c2"]


# ---- bodies and parameters that once ended in a 500: now 4xx with a reason ---------------------


@pytest.mark.parametrize(
    "raw, status",
    [
        (b'{"v": 2, "device": "x", "changes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", 400),
        (b'{"v": 2, "device": "x", "changes": [], "z": ' + b"9" * 5_000 + b"}", 400),
        (b'{"v": 2, "device": "x", "changes": [], "z": 1e999999}', 400),
        (b'{"v": ' + b"9" * 30 + b', "device": "x", "changes": []}', 426),
        (b'{"v": "2", "device": "x", "changes": []}', 426),
        (b'{"v": [2], "device": "x", "changes": []}', 426),  # found by fuzzing: once a 500
        (b'{"v": 2, "device": "x\xff", "changes": []}', 400),
        (b'{"v": 2, "device": "x", "changes": [], "incarnation": "\\u0000"}', 200),
    ],
)
def test_bombs_and_giant_numbers_in_a_body_get_a_4xx_with_a_reason(hub, raw, status):
    a, b = hub.device(), hub.device()
    r = hub.post("/v1/push", gzip.compress(raw), a.token)
    assert r.status_code == status, r.text
    assert r.json()["message"] if status >= 400 else r.json()["acked"] == 0
    _nothing_applied(hub, b)


@pytest.mark.parametrize(
    "overrides, named",
    [({"seq": 2**70}, "seq"), ({"base": 2**70}, "base"), ({"seq": 1.5}, "seq"),
     ({"seq": True}, "seq"), ({"fields": {"x": 1} | {f"f{i}": i for i in range(3)}}, None)],
)  # fmt: skip
def test_integers_beyond_64_bits_in_a_change_are_refused(hub, overrides, named):
    a, b = hub.device(), hub.device()
    r = a.push([{**change(), **overrides}])
    if named is None:  # unknown fields: the change alone is refused
        assert r.status_code == 200 and r.json()["rejected"]
    else:
        assert r.status_code == 400 and named in r.json()["message"]
    _nothing_applied(hub, b)


@pytest.mark.parametrize(
    "params",
    [{"after": 2**70}, {"after": 2**63}, {"after": "9" * 5_000}, {"limit": 2**70},
     {"v": 2**70}, {"after": "1e3"}, {"after": "\x00"}],
)  # fmt: skip
def test_pull_parameters_beyond_64_bits_get_a_4xx(hub, params):
    a = hub.device()
    r = hub.client.get("/v1/pull", params=params, headers={"Authorization": f"Bearer {a.token}"})
    assert 400 <= r.status_code < 500 and r.json()["message"], (params, r.text)


@pytest.mark.parametrize(
    "token",
    [b"a" * 5_000, b"x.\x01y", "ÿ.ÿ".encode("latin-1"), b".",
     b"11111111-2222-3333-4444-555555555555."],
)  # fmt: skip
def test_odd_tokens_get_401(hub, token):
    r = hub.client.get("/v1/pull", headers={"Authorization": b"Bearer " + token})
    assert r.status_code == 401 and r.json()["error"] == "auth"


@pytest.mark.parametrize(
    "username, status", [("doc\x00", 401), ("x" * 100, 401), ("", 401), ("\ud800", 400)]
)
def test_odd_login_names_get_4xx_not_500(hub, username, status):
    r = hub.client.post("/v1/login", content=json.dumps(
        {"v": VERSION, "username": username, "password": "sai"}).encode(),
        headers={"Content-Type": "application/json"})  # fmt: skip
    assert r.status_code == status and r.json()["message"]
