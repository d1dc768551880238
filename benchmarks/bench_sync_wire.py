"""Sync on the wire: bytes per record and round trips, and the monthly delta over a slow link.

The desktop talks to the real server (uvicorn on SQLite, in this process) through a small TCP
proxy that counts every byte both ways (HTTP headers included) and can throttle the link to
64 kbit/s with 300 ms of added round-trip latency, like a 2G connection in the mountains.
The engine to beat is CouchDB-protocol replication as PouchDB does it: ~716 B per record on
the first push in 647 round trips, ~755 B per changed record for one-field edits, ~22 s for
200 edits over such a link.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import uvicorn

from benchmarks.common import Result
from desktop import demo
from desktop.db.register import Register
from desktop.domain.validation import ChildDraft
from desktop.sync import protocol
from desktop.sync.client import SyncClient
from server import apply, auth
from server.app import create_app

COMMUNE = demo.DEMO_COMMUNE
TODAY = date(2026, 11, 25)


# ---- a counting, throttling TCP proxy -----------------------------------------------------


class Proxy:
    """Forwards 127.0.0.1:port → upstream; counts bytes; optionally a slow, distant link."""

    def __init__(self, upstream: int):
        self.upstream = upstream
        self.bytes = 0
        self.rate: float | None = None  # bytes per second, each direction
        self.one_way = 0.0  # seconds of added latency, each direction
        self.loop = asyncio.new_event_loop()
        self.port = _free_port()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait()

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self._connection, "127.0.0.1", self.port)
        )
        ready.set()
        self.loop.run_until_complete(server.serve_forever())

    def throttle(self, kbit_per_s: float | None, added_rtt_ms: float = 0) -> None:
        self.rate = kbit_per_s * 1000 / 8 if kbit_per_s else None
        self.one_way = added_rtt_ms / 2000

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        await asyncio.sleep(2 * self.one_way)  # the TCP handshake's round trip
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream)
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        queue: asyncio.Queue = asyncio.Queue()

        async def receive() -> None:
            while data := await source.read(65536):
                self.bytes += len(data)
                queue.put_nowait((time.monotonic() + self.one_way, data))
            queue.put_nowait((0.0, b""))

        async def send() -> None:
            while True:
                due, data = await queue.get()
                if not data:
                    break
                if self.rate:  # the link carries `rate` bytes a second, one packet at a time
                    await asyncio.sleep(len(data) / self.rate)
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                sink.write(data)
                await sink.drain()
            sink.close()

        try:
            await asyncio.gather(receive(), send())
        except (ConnectionError, asyncio.IncompleteReadError):
            sink.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(app) -> tuple[uvicorn.Server, int]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning", access_log=False))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, port


# ---- data ---------------------------------------------------------------------------------


def _drafts(register: Register, count: int, seed: int = 6) -> list[ChildDraft]:
    rng = random.Random(seed)
    villages = [v.id for v in register.villages()]
    drafts = []
    for _ in range(count):
        pool = rng.choice(demo.POOLS)
        sex = rng.choice("MF")
        family = demo._family_name(rng, pool)
        birth = demo._birth(rng, TODAY)
        drafts.append(
            ChildDraft(
                full_name=demo._person(rng, pool, sex, family),
                sex=sex,
                birth=birth,
                ethnic_code=pool.ethnic_code,
                village_id=rng.choice(villages),
                personal_id=demo._personal_id(rng, sex, birth),
                birth_registered=True,
                health_insurance=True,
                schooling=demo._schooling(rng, TODAY.year - birth.year),
                poverty=rng.choice(["poor", "near_poor", "none"]),
                caregiver_name=demo._person(rng, pool, "F"),
                caregiver_relation=rng.choice(["Mẹ", "Bà", "Cô"]),
                contact_phone=f"09{rng.randint(10**7, 10**8 - 1)}",
                notes=rng.choice(["Bố mẹ đi làm ăn xa", "Ở với ông bà", "Nhà xa điểm trường"]),
            )
        )
    return drafts


def _commune_register(path: Path, children: int) -> Register:
    register = Register.open(path)
    register.init_commune(COMMUNE)
    with register.batch():
        for name in ("Sín Chải", "Lao Chải", "Nậm Cang", "Phìn Hồ", "Ý Tý"):
            register.add_village(name)
        for draft in _drafts(register, children):
            register.add_child(draft, today=TODAY)
    return register


def _record_json_bytes(register: Register) -> float:
    """Mean size of a child record as plain JSON (what PouchDB would store as a document)."""
    sizes = [
        len(json.dumps(e.fields, ensure_ascii=False).encode())
        for e in register.outbox(1000)
        if e.entity == "child"
    ]
    return sum(sizes) / len(sizes)


def _edit(register: Register, child_ids: list[str], whole: bool, round_: int) -> None:
    with register.batch():
        for n, child_id in enumerate(child_ids):
            child = register.get_child(child_id)
            assert child is not None
            draft = register.draft_of(child)
            draft.notes = f"Thăm hộ gia đình tháng {round_}, lần {n}"
            if whole:
                draft.full_name = draft.full_name + " Em"
                draft.caregiver_name = draft.caregiver_name + " Thị"
                draft.contact_phone = f"08{n:08d}"
                draft.schooling = "dropped_out" if draft.schooling != "dropped_out" else "primary"
                draft.poverty = "none" if draft.poverty != "none" else "poor"
                draft.caregiver_relation = "Bà" if draft.caregiver_relation != "Bà" else "Mẹ"
            register.update_child(child_id, draft, today=TODAY)


# ---- the measurements ---------------------------------------------------------------------


def run(work: Path, children: int = 10_000, reader_records: int = 100_000) -> list[Result]:
    results: list[Result] = []
    app = create_app(f"sqlite:///{work / 'server.db'}")
    engine = app.state.engine
    server, port = _serve(app)
    proxy = Proxy(port)
    url = f"http://127.0.0.1:{proxy.port}"
    try:
        with engine.begin() as conn:
            token = auth.add_device(conn, COMMUNE, "bench")
        register = _commune_register(work / "commune.db", children)
        record_size = _record_json_bytes(register)
        results.append(Result("child record as JSON (mean)", record_size, "B", "~460 B"))

        def measured(action) -> tuple[int, int, float]:
            requests = 0

            class Counting(SyncClient):
                def push(self, request):
                    nonlocal requests
                    requests += 1
                    return super().push(request)

                def pull(self, after):
                    nonlocal requests
                    requests += 1
                    return super().pull(after)

            before = proxy.bytes
            start = time.perf_counter()
            with Counting(register, url, token) as client:
                action(client)
            return proxy.bytes - before, requests, time.perf_counter() - start

        total = register.unsent_count()
        sent, trips, _ = measured(lambda c: c.push_all())
        per = sent / children
        results += [
            Result(f"first push, {children:,} children ({total:,} changes): bytes per record",
                   per, "B", "≤ 250 B (PouchDB ~716)", per <= 250),
            Result("first push: round trips", trips, "requests", "PouchDB 647"),
        ]  # fmt: skip

        child_ids = [r[0] for r in _ids(register, 200)]
        for whole in (False, True):
            _edit(register, child_ids, whole, 1)
            sent, trips, _ = measured(lambda c: c.push_all())
            label = "whole-record edit" if whole else "one-field edit"
            budget = "" if whole else "≤ 100 B (PouchDB ~755)"
            results.append(
                Result(f"200 × {label}: bytes per changed record", sent / 200, "B", budget,
                       None if whole else sent / 200 <= 100)
            )  # fmt: skip

        _edit(register, child_ids, False, 2)
        proxy.throttle(64, 300)
        sent, trips, seconds = measured(lambda c: c.sync_once())
        proxy.throttle(None)
        results.append(
            Result("200 one-field edits over 64 kbit/s + 300 ms (push + pull, new connection)",
                   seconds, "s", "≤ 5 s (PouchDB ~22 s)", seconds <= 5)
        )  # fmt: skip
        register.close()

        results += _reader_pull(engine, url, work, reader_records, proxy)
    finally:
        server.should_exit = True
        engine.dispose()
    return results


def _ids(register: Register, count: int) -> list[tuple[str]]:
    with register.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT id FROM child ORDER BY sort_key LIMIT {count}").all()


def _reader_pull(engine, url: str, work: Path, records: int, proxy: Proxy) -> list[Result]:
    """A district's first pull: `records` child rows of another commune, put on the server
    directly (the server's own apply), then pulled over HTTP into a new reader database."""
    other = "02686"
    with engine.begin() as conn:
        token = auth.add_device(conn, other, "bench-2")
        caller = auth.identify(conn, f"Bearer {token}")
        password = auth.add_reader(conn, "tinh", "15")
    source = _commune_register(work / "source.db", 0)
    drafts = _drafts(source, min(records, 5000), seed=7)
    source.close()
    seq = 0
    hlc_base = int(time.time() * 1000)
    for start in range(0, records, protocol.MAX_CHANGES_PER_PUSH):
        changes = []
        for i in range(start, min(records, start + protocol.MAX_CHANGES_PER_PUSH)):
            seq += 1
            d = drafts[i % len(drafts)]
            assert d.birth is not None
            changes.append(
                protocol.Change(
                    seq=seq, entity="child", id=f"00000000-0000-7000-8000-{i:012d}",
                    commune=other, hlc=f"{hlc_base + i:013d}-0000-bench", by="bench",
                    fields={
                        "full_name": d.full_name, "sex": d.sex, "birth_year": d.birth.year,
                        "birth_month": d.birth.month, "birth_day": d.birth.day,
                        "ethnic_code": d.ethnic_code, "village_id": None,
                        "personal_id": d.personal_id, "birth_registered": True,
                        "health_insurance": True, "schooling": d.schooling,
                        "poverty": d.poverty, "caregiver_name": d.caregiver_name,
                        "caregiver_relation": d.caregiver_relation,
                        "contact_phone": d.contact_phone, "status": "active", "notes": d.notes,
                        "created_at": "2026-11-25T00:00:00+00:00", "deleted": False,
                    },
                )
            )  # fmt: skip
        apply.push(engine, caller, protocol.PushRequest(v=1, device="bench", changes=changes))
    from desktop.sync.client import login

    session = login(url, "tinh", password)
    reader = Register.open(work / "reader.db")
    reader.init_reader(session.unit)
    before = proxy.bytes
    start = time.perf_counter()
    with SyncClient(reader, url, session.token) as client:
        report = client.sync_once()
    seconds = time.perf_counter() - start
    reader.close()
    return [
        Result(f"reader's first pull of {report.pulled:,} changes (HTTP + local apply)",
               seconds, "s"),
        Result("reader's first pull: bytes per record", (proxy.bytes - before) / report.pulled,
               "B"),
    ]  # fmt: skip


def main() -> None:
    import argparse

    from benchmarks.common import machine, table

    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_sync_wire")
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--reader-records", type=int, default=100_000)
    args = parser.parse_args()
    print(f"Machine: {machine()}\n", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        print(table(run(Path(tmp), args.children, args.reader_records)))


if __name__ == "__main__":
    main()
