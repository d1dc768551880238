"""Bad protocol messages: each is answered with an ErrorBody naming the problem, nothing applied."""

from __future__ import annotations

import gzip
import json

import pytest

from desktop.sync.protocol import MAX_BODY_BYTES
from tests.server.conftest import gz

pytestmark = pytest.mark.bad_input


def _nothing_applied(hub, watcher) -> None:
    assert watcher.pull_all() == []


def change(seq: int = 1, **fields) -> dict:
    return dict(seq=seq, entity="child", id=f"c{seq}", commune="02725",
                hlc=f"{1000 + seq:013d}-0000-a", base=0,
                fields=fields or {"full_name": "Lò Thị Hoa"})  # fmt: skip


def test_an_older_protocol_version_gets_426_with_an_update_message(hub):
    a, b = hub.device(), hub.device()
    r = hub.push(a.token, [change()], v=0)
    assert r.status_code == 426
    body = r.json()
    assert body["error"] == "version" and "cập nhật" in body["message"]
    _nothing_applied(hub, b)


def test_a_newer_protocol_version_asks_to_update_the_server(hub):
    a = hub.device()
    r = hub.push(a.token, [change()], v=2)
    assert r.status_code == 426 and "máy chủ" in r.json()["message"]
    r = hub.client.get("/v1/pull", params={"v": 2},
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
