"""The sync server under load: 100 commune devices pushing to a real server process.

A throw-away PostgreSQL cluster (as in the tests), `sotreem-server serve` in its own process,
and 100 devices (one commune each) that first upload 200 child rows, then push 200 one-field
edits of those rows each, in batches of `--batch` changes (default: what the desktop client
sends, `MAX_CHANGES_PER_PUSH`, so one request per device), waiting for each acknowledgement.

One round per spread: every device at the same instant (the worst case: the requests queue
behind one another), then starting within 2, 5 and 10 s of each other (scheduled syncs with
jitter). Each round checks that every edit landed exactly once (a province reader pulls them
all) and reports the p95 time of one push request. A last round sends the same burst with a
newer protocol version, which the server refuses after authenticating, reading and parsing each
body but before validating or applying it: the floor that HTTP and JSON alone set on this
machine, with the load generator on the same cores.

    python -m benchmarks.bench_sync_server [--devices 100] [--changes 200] [--batch 500]
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import socket
import subprocess
import sys
import time

import httpx

from benchmarks.common import Result, machine, median, percentile, table
from desktop import reference
from desktop.sync.protocol import MAX_CHANGES_PER_PUSH, VERSION
from server import auth
from server.db import make_engine, migrate
from tests.server.pgcluster import Cluster, binaries

PROVINCE = "15"  # Lào Cai: about a hundred communes
# Seconds within which the devices start, and the value each round writes into every row.
ROUNDS = ((0.0, "primary"), (2.0, "lower_secondary"), (5.0, "upper_secondary"),
          (10.0, "dropped_out"))  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _hlc(millis: int, node: str) -> str:
    return f"{millis:013d}-0000-{node}"


def _bodies(
    token: str, commune: str, rows: int, batch: int, edit: str, base: int, rnd: int,
    version: int = VERSION,
) -> list[bytes]:
    """Gzipped push bodies of one device: `rows` new children (rnd 0) or one-field edits."""
    node = token[:8]
    first_seq = rnd * rows + 1
    changes = []
    for i in range(rows):
        row_id = f"{node}-{i:05d}"
        if rnd:
            fields = {"schooling": edit}
        else:
            fields = {"full_name": f"Trẻ số {i}", "sex": "F", "birth_year": 2015,
                      "village_id": None, "commune_code": commune,
                      "created_at": "2026-11-20T08:00:00+07:00"}  # fmt: skip
        changes.append({"seq": first_seq + i, "entity": "child", "id": row_id,
                        "commune": commune, "hlc": _hlc(1_700_000_000_000 + rnd * rows + i, node),
                        "by": "canbo", "base": base, "fields": fields})  # fmt: skip
    messages = [
        {"v": version, "device": node, "changes": changes[i : i + batch]}
        for i in range(0, len(changes), batch)
    ]
    return [gzip.compress(json.dumps(m, ensure_ascii=False).encode()) for m in messages]


async def _device(
    client: httpx.AsyncClient, token: str, bodies: list[bytes], times: list, delay: float,
    expect: int = 200,
) -> int:
    headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "gzip",
               "Content-Type": "application/json"}  # fmt: skip
    await asyncio.sleep(delay)
    acked = 0
    for body in bodies:
        start = time.perf_counter()
        r = await client.post("/v1/push", content=body, headers=headers)
        times.append(time.perf_counter() - start)
        if expect != 200:
            assert r.status_code == expect, r.text
            continue
        r.raise_for_status()
        answer = r.json()
        assert not answer["rejected"], answer["rejected"]
        acked = answer["acked"]
    return acked


async def _round(
    base_url: str, work: list[tuple[str, list[bytes]]], spread: float = 0.0, expect: int = 200
) -> tuple[list, float]:
    """Every device syncs once, all starting together (spread 0) or within `spread` seconds."""
    times: list[float] = []
    rng = random.Random(6)
    limits = httpx.Limits(max_connections=len(work) + 10, max_keepalive_connections=len(work))
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=120) as client:
        await client.get("/v1/status")
        start = time.perf_counter()
        await asyncio.gather(*(
            _device(client, token, bodies, times, rng.uniform(0, spread), expect)
            for token, bodies in work
        ))  # fmt: skip
        return times, time.perf_counter() - start


def _wait_up(base_url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{base_url}/v1/status")
            return
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("sotreem-server did not start") from None
            time.sleep(0.2)


def run(
    devices: int = 100, changes: int = 200, batch: int = MAX_CHANGES_PER_PUSH, workers: int = 1
) -> list[Result]:
    if binaries() is None:
        print("bench_sync_server: PostgreSQL is not installed (tests/setup_system.sh); skipped")
        return []
    cluster = Cluster(max_connections=400).start()
    process = None
    try:
        url = cluster.new_database()
        engine = make_engine(url)
        migrate(engine)
        communes = sorted(u.code for u in reference.communes_of(PROVINCE))
        with engine.begin() as conn:
            tokens = [(auth.add_device(conn, communes[i % len(communes)]),
                       communes[i % len(communes)]) for i in range(devices)]  # fmt: skip
            password = auth.add_reader(conn, "bench", PROVINCE)
        engine.dispose()
        port = _free_port()
        base_url = f"http://127.0.0.1:{port}"
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(port), "--database-url", url,
             "--workers", str(workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy(),
        )  # fmt: skip
        _wait_up(base_url, process)
        seed = [(t, _bodies(t, c, changes, 500, "", 0, 0)) for t, c in tokens]
        asyncio.run(_round(base_url, seed))
        rounds = []
        for rnd, (spread, value) in enumerate(ROUNDS, 1):
            cursor = httpx.get(f"{base_url}/v1/pull", params={"after": 0, "limit": 1},
                               headers={"Authorization": f"Bearer {tokens[0][0]}"}).json()["cursor"]
            edits = [(t, _bodies(t, c, changes, batch, value, cursor, rnd)) for t, c in tokens]
            times, wall = asyncio.run(_round(base_url, edits, spread))
            rounds.append((spread, times, wall, _count_edits(base_url, password, cursor, value)))
        newer = [(t, _bodies(t, c, changes, batch, "", 0, len(ROUNDS) + 1, VERSION + 1))
                 for t, c in tokens]  # fmt: skip
        floor, _ = asyncio.run(_round(base_url, newer, expect=426))
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        cluster.stop()
    expected = devices * changes
    per = "one request per device" if batch >= changes else f"batches of {batch}"
    load = f"{devices} devices × {changes} one-field edits, {per}, PostgreSQL"
    results = []
    for spread, times, wall, landed in rounds:
        when = "all at once" if not spread else f"starting within {spread:.0f} s"
        load = load if not results else "the same"
        p95 = percentile(times, 95) * 1000
        results += [
            Result(f"sync server: edits applied exactly once ({load}, {when})", landed, "edits",
                   f"= {expected:,}", landed == expected),
            Result(f"sync server: push request p95 ({when})", p95, "ms", "≤ 300 ms", p95 <= 300),
            Result(f"sync server: push request median ({when})", median(times) * 1000, "ms"),
            Result(f"sync server: edits applied per second ({when})", expected / wall, "/s"),
        ]  # fmt: skip
    results.append(Result("sync server: p95 of the same burst refused unapplied (a newer protocol "
                          "version: HTTP, token, gzip and JSON only)",
                          percentile(floor, 95) * 1000, "ms"))  # fmt: skip
    return results


def _count_edits(base_url: str, password: str, after: int, value: str) -> int:
    token = httpx.post(f"{base_url}/v1/login",
                       json={"v": 1, "username": "bench", "password": password}).json()["token"]
    seen: set[str] = set()
    count = 0
    while True:
        body = httpx.get(f"{base_url}/v1/pull", params={"after": after, "limit": 5000},
                         headers={"Authorization": f"Bearer {token}"}, timeout=60).json()
        for c in body["changes"]:
            if c["entity"] == "child" and c["fields"] == {"schooling": value}:
                count += 1
                seen.add(c["id"])
        after = body["cursor"]
        if not body["more"]:
            break
    return count if len(seen) == count else -1  # a duplicate would show as a mismatch


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_sync_server")
    parser.add_argument("--devices", type=int, default=100)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--batch", type=int, default=MAX_CHANGES_PER_PUSH)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    print(f"Machine: {machine()}\n", flush=True)
    print(table(run(args.devices, args.changes, args.batch, args.workers)))


if __name__ == "__main__":
    main()
