"""Attempts to break scope: other communes' rows, readers writing, forged and stale tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from server.schema import session_token
from tests.server.conftest import COMMUNE, FAR, NEIGHBOUR, OTHER_DISTRICT, gz, new_child


def child(dev, row_id: str, name: str, at: int, **extra) -> dict:
    return dev.change("child", row_id, new_child(name, "M"), at=at, **extra)


def test_a_device_cannot_write_into_another_commune(hub):
    a, neighbour = hub.device(COMMUNE), hub.device(NEIGHBOUR)
    answer = a.push([
        child(a, "c1", "Thào A Lử", 1000, commune=NEIGHBOUR),
        child(a, "c2", "Thào A Dế", 1001),
    ]).json()  # fmt: skip
    assert answer["acked"] == 2
    [refused] = answer["rejected"]
    assert refused["seq"] == 1
    assert "Trẻ em c1" in refused["message"] and NEIGHBOUR in refused["message"]
    assert neighbour.pull_all() == []


def test_a_device_cannot_move_a_row_to_another_commune(hub):
    a, neighbour = hub.device(COMMUNE), hub.device(NEIGHBOUR)
    answer = a.push([a.change("child", "c1", {"full_name": "Lù Thị Ca",
                                               "commune_code": NEIGHBOUR}, at=1000)]).json()
    assert [r["seq"] for r in answer["rejected"]] == [1]
    assert neighbour.pull_all() == []


def test_a_device_cannot_update_a_row_of_another_commune_by_its_id(hub):
    a, neighbour, watcher = hub.device(COMMUNE), hub.device(NEIGHBOUR), hub.device(NEIGHBOUR)
    neighbour.push([child(neighbour, "n1", "Chảo Thị Mẩy", 1000)])
    # Device a claims the row is its own commune's, to slip an edit into the neighbour's row.
    answer = a.push([a.change("child", "n1", {"full_name": "Bị sửa"}, at=2000)]).json()
    [refused] = answer["rejected"]
    assert "Trẻ em n1" in refused["message"] and NEIGHBOUR in refused["message"]
    assert [c["fields"]["full_name"] for c in watcher.pull_all()] == ["Chảo Thị Mẩy"]


def test_a_device_reads_only_its_commune(hub):
    a, neighbour, far = hub.device(COMMUNE), hub.device(NEIGHBOUR), hub.device(FAR)
    neighbour.push([child(neighbour, "n1", "Chảo Thị Mẩy", 1000)])
    far.push([child(far, "f1", "Nguyễn Văn An", 1000)])
    assert a.pull_all() == []
    assert hub.pull_everything(a.token) == []


def test_a_province_reader_reads_every_commune_beneath_and_nothing_else(hub):
    a, neighbour, town, far = (hub.device(c) for c in (COMMUNE, NEIGHBOUR, OTHER_DISTRICT, FAR))
    for dev, row_id in ((a, "a1"), (neighbour, "n1"), (town, "t1"), (far, "f1")):
        dev.push([child(dev, row_id, "Trẻ", 1000)])
    province = hub.reader("15")
    assert {c["id"] for c in hub.pull_everything(province)} == {"a1", "n1", "t1"}
    district = hub.reader("15", "Huyện Bát Xát")
    assert {c["id"] for c in hub.pull_everything(district)} == {"a1", "n1"}


def test_a_reader_cannot_push(hub):
    a = hub.device()
    token = hub.reader("15")
    r = hub.push(token, [child(a, "c1", "Trẻ", 1000)])
    assert r.status_code == 403
    body = r.json()
    assert body["error"] == "scope" and "không được gửi lên" in body["message"]
    assert hub.pull_everything(token) == []


def test_login_with_a_wrong_password_is_refused(hub):
    hub.reader("15")
    r = hub.client.post("/v1/login", json={"v": 1, "username": "doc15", "password": "đoán"})
    assert r.status_code == 401 and r.json()["error"] == "auth"


def test_login_answers_the_communes_of_the_account(hub):
    hub.reader("15", "Huyện Bát Xát")
    from server import auth

    with hub.engine.begin() as conn:
        password = auth.add_reader(conn, "battxat", "15", "Huyện Bát Xát")
    body = hub.client.post(
        "/v1/login", json={"v": 1, "username": "battxat", "password": password}
    ).json()
    assert COMMUNE in body["communes"] and OTHER_DISTRICT not in body["communes"]


@pytest.mark.bad_input
def test_forged_tokens_are_refused(hub):
    a = hub.device()
    device_id, secret = a.token.split(".", 1)
    for token in (f"{device_id}.{secret[:-2]}xx", "00000000-0000-0000-0000-000000000000.abc",
                  "phien-gia", ""):  # fmt: skip
        r = hub.post("/v1/push", gz({"v": 1, "device": "x", "changes": []}), token or None)
        assert r.status_code == 401, token
        assert r.json()["error"] == "auth"
        assert r.headers["www-authenticate"] == "Bearer"
        r = hub.client.get("/v1/pull", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401


def test_a_revoked_device_is_refused(hub):
    from server import auth

    a = hub.device()
    with hub.engine.begin() as conn:
        assert auth.revoke_device(conn, a.id)
    r = a.push([child(a, "c1", "Trẻ", 1000)])
    assert r.status_code == 401 and "thu hồi" in r.json()["message"]


def test_an_expired_reader_session_is_refused(hub):
    token = hub.reader("15")
    with hub.engine.begin() as conn:
        conn.execute(update(session_token).values(
            expires_at=datetime.now(UTC) - timedelta(minutes=1)))  # fmt: skip
    r = hub.client.get("/v1/pull", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and "hết hạn" in r.json()["message"]
