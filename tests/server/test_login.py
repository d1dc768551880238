"""`/v1/login` against guessing and floods: limits with a clear 429, the same work for every name,
and a device's pull unaffected by 60 wrong logins at once (on a real uvicorn server)."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher

from desktop.sync.protocol import VERSION
from server import auth, login
from server.app import create_app
from tests.server.conftest import new_child

pytestmark = pytest.mark.bad_input


def _login(client, username: str, password: str):
    return client.post("/v1/login", json={"v": VERSION, "username": username,
                                           "password": password})  # fmt: skip


def test_unknown_and_wrong_names_get_the_same_answer_after_the_same_work(hub, monkeypatch):
    with hub.engine.begin() as conn:
        auth.add_reader(conn, "laocai", "15")
    checks: list[str] = []
    real = PasswordHasher.verify

    def spy(self, stored, password):
        checks.append(stored)
        return real(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", spy)
    wrong, unknown = _login(hub.client, "laocai", "sai"), _login(hub.client, "khong-co", "sai")
    assert wrong.status_code == unknown.status_code == 401
    message = "Sai tên đăng nhập hoặc mật khẩu."
    assert wrong.json()["message"] == unknown.json()["message"] == message
    # One argon2 check each, with the same parameters: an unknown name is checked too.
    assert len(checks) == 2 and checks[0].split("$")[:4] == checks[1].split("$")[:4]


def test_an_address_that_keeps_trying_gets_429_with_a_reason_and_retry_after(hub):
    for n in range(login.ADDRESS_ATTEMPTS):
        assert _login(hub.client, f"ai-do-{n}", "sai").status_code == 401
    r = _login(hub.client, "nguoi-khac", "sai")
    assert r.status_code == 429 and r.json()["error"] == "too_many"
    assert "hãy chờ" in r.json()["message"] and int(r.headers["Retry-After"]) > 0


def test_an_account_is_limited_whatever_the_address_and_a_right_password_resets_it():
    now = [1000.0]
    limits = login.Limits(clock=lambda: now[0])
    for n in range(login.ACCOUNT_FAILURES - 1):
        limits.admit("laocai", f"10.0.0.{n}")
        limits.finish("laocai", succeeded=False)
    limits.admit("LaoCai ", "10.0.1.1")  # the same account, written another way
    limits.finish("laocai", succeeded=True)  # the officer remembered: the count starts again
    for n in range(login.ACCOUNT_FAILURES):
        limits.admit("laocai", f"10.0.2.{n}")
        limits.finish("laocai", succeeded=False)
    with pytest.raises(login.TooMany) as refused:
        limits.admit("laocai", "10.0.3.1")
    assert "laocai" in str(refused.value) and refused.value.retry_after > 0
    limits.admit("batxat", "10.0.3.1")  # other accounts are not held up
    limits.finish("batxat", succeeded=False)
    now[0] += login.ACCOUNT_WINDOW + 1
    limits.admit("laocai", "10.0.3.1")


def test_logins_still_being_checked_count_against_the_account():
    limits = login.Limits()
    for n in range(login.ACCOUNT_FAILURES):
        limits.admit("laocai", f"10.0.0.{n}")  # none has finished yet
    with pytest.raises(login.TooMany):
        limits.admit("laocai", "10.0.1.1")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_hub(database_url, tmp_path):
    """The app on a real uvicorn server in a thread (its event loop, its thread pool)."""
    app = create_app(database_url)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    yield app, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)
    app.state.engine.dispose()


def test_sixty_concurrent_wrong_logins_do_not_stall_a_devices_pull(live_hub, capsys):
    app, url = live_hub
    with app.state.engine.begin() as conn:
        writer = auth.add_device(conn, "02725", "máy A")
        reader_device = auth.add_device(conn, "02725", "máy B")
        auth.add_reader(conn, "laocai", "15")
    changes = [dict(seq=i + 1, entity="child", id=f"c{i}", commune="02725",
                    hlc=f"{1_767_600_000_000 + i:013d}-0000-a", base=0,
                    fields=new_child(f"Lò Thị {chr(65 + i % 26)}"))
               for i in range(200)]  # fmt: skip
    headers = {"Authorization": f"Bearer {writer}"}
    push = httpx.post(f"{url}/v1/push", json={"v": VERSION, "device": "a", "changes": changes},
                      headers=headers, timeout=60)  # fmt: skip
    assert push.status_code == 200 and push.json()["rejected"] == []

    def pull() -> tuple[int, float]:
        started = time.perf_counter()
        auth_header = {"Authorization": f"Bearer {reader_device}"}
        r = httpx.get(f"{url}/v1/pull", params={"limit": 5000}, headers=auth_header, timeout=120)
        assert len(r.json()["changes"]) == 200
        return r.status_code, time.perf_counter() - started

    quiet = pull()
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    with ThreadPoolExecutor(max_workers=61) as pool, httpx.Client(limits=limits) as client:
        flood = [pool.submit(lambda: client.post(
            f"{url}/v1/login", json={"v": VERSION, "username": "laocai", "password": "sai"},
            timeout=120).status_code) for _ in range(60)]  # fmt: skip
        during = pool.submit(pull).result()
        answers = [f.result() for f in flood]
    assert quiet[0] == during[0] == 200
    assert answers.count(429) > 0 and set(answers) <= {401, 429}
    with capsys.disabled():
        print(f"\n  pull alone {quiet[1] * 1000:.0f} ms; during 60 wrong logins "
              f"{during[1] * 1000:.0f} ms; logins: {answers.count(401)} checked, "
              f"{answers.count(429)} refused with 429")
