"""`/v1/login` under a flood: does a device's pull stall, and do names show in the timing?

`sotreem-server serve` in its own process on a temp SQLite file, one commune device with 200
children to pull, and three measurements:

1. the pull alone (median of 5);
2. the pull while 60 wrong logins arrive at once from one address (the per-address limit turns
   most of them away with 429);
3. the pull while 60 wrong logins arrive at once, each from its own address and for its own
   name (through ``X-Forwarded-For``, which the server trusts from a proxy on 127.0.0.1): every
   one passes the limits and only the bounded hashing pool stands between them and the server;

and the median time of a login with a wrong password against one with an unknown name.

    python -m benchmarks.bench_login
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from benchmarks.common import Result, machine, median, table
from desktop.sync.protocol import VERSION
from server import auth
from server.db import make_engine, migrate

FLOOD = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _child(i: int) -> dict:
    return {"seq": i + 1, "entity": "child", "id": f"c{i:04d}", "commune": "02725",
            "hlc": f"{1_767_600_000_000 + i:013d}-0000-bench", "by": "canbo", "base": 0,
            "fields": {"full_name": f"Trẻ số {i}", "sex": "F", "birth_year": 2016,
                       "created_at": "2026-11-20T08:00:00+07:00"}}  # fmt: skip


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'server.db'}"
        env = os.environ.copy()
        engine = make_engine(url)
        migrate(engine)
        with engine.begin() as conn:
            writer = auth.add_device(conn, "02725", "bench A")
            device = auth.add_device(conn, "02725", "bench B")
            auth.add_reader(conn, "laocai", "15")
            for n in range(5):
                auth.add_reader(conn, f"doc{n}", "15")
        engine.dispose()
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(port), "--database-url", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        try:
            return _measure(base, process, writer, device)
        finally:
            process.terminate()
            process.wait(timeout=30)


def _measure(base: str, process: subprocess.Popen, writer: str, device: str) -> list[Result]:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{base}/v1/status")
            break
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("sotreem-server did not start") from None
            time.sleep(0.2)
    push = {"v": VERSION, "device": "bench", "changes": [_child(i) for i in range(200)]}
    answer = httpx.post(f"{base}/v1/push", json=push, timeout=60,
                        headers={"Authorization": f"Bearer {writer}"}).json()  # fmt: skip
    assert answer["rejected"] == [], answer
    limits = httpx.Limits(max_connections=FLOOD + 10, max_keepalive_connections=FLOOD + 10)
    with httpx.Client(base_url=base, limits=limits, timeout=300) as client:

        def pull() -> float:
            start = time.perf_counter()
            r = client.get("/v1/pull", params={"limit": 5000},
                           headers={"Authorization": f"Bearer {device}"})  # fmt: skip
            assert r.status_code == 200 and len(r.json()["changes"]) == 200
            return time.perf_counter() - start

        def login(name: str, address: str | None = None) -> tuple[int, float]:
            headers = {"X-Forwarded-For": address} if address else {}
            start = time.perf_counter()
            r = client.post("/v1/login", headers=headers,
                            json={"v": VERSION, "username": name, "password": "sai"})  # fmt: skip
            return r.status_code, time.perf_counter() - start

        quiet = median([pull() for _ in range(5)])
        floods = []
        for spread in (False, True):
            with ThreadPoolExecutor(max_workers=FLOOD + 1) as pool:
                attempts = [
                    pool.submit(login, f"khach{n}" if spread else "laocai",
                                f"10.9.{n // 250}.{n % 250}" if spread else None)
                    for n in range(FLOOD)
                ]  # fmt: skip
                during = pool.submit(pull).result()
                codes = [a.result()[0] for a in attempts]
            floods.append((during, codes.count(429), codes.count(401)))
        wrong = median([login(f"doc{n}", f"10.8.0.{n}")[1] for n in range(5)])
        unknown = median([login(f"khong-co-{n}", f"10.7.0.{n}")[1] for n in range(1, 6)])
    (one, one_429, _), (many, many_429, _) = floods
    return [
        Result("login flood: device pull of 200 rows, quiet (median of 5)", quiet * 1000, "ms"),
        Result(f"login flood: the same pull during {FLOOD} wrong logins from one address "
               f"({one_429} answered 429)", one * 1000, "ms", "(was 49 s)"),
        Result(f"login flood: the same pull during {FLOOD} wrong logins from {FLOOD} addresses "
               f"and names ({many_429} answered 429: hashing queue full)", many * 1000, "ms"),
        Result("login: wrong password, median", wrong * 1000, "ms"),
        Result("login: unknown name, median", unknown * 1000, "ms", "≈ wrong password"),
    ]  # fmt: skip


def main() -> None:
    print(f"Machine: {machine()}\n", flush=True)
    print(table(run()))


if __name__ == "__main__":
    main()
