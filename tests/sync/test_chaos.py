"""Chaos: three commune desktops and a province reader against a real server, all going wrong.

Seeded (`SOTREEM_CHAOS_SEED` picks another run; the seed is printed and named in every failure):
random edits on three desktops of one commune, each round synced by a `sotreem sync` process
through a proxy that cuts connections in the middle of a request or an answer, the process
SIGKILLed there too, PC clocks jumping years ahead or back or standing still, one desktop
restored from an older backup, a fourth device pushing malformed rows by raw HTTP, and a
malformed row stored on the server before its checks. The points of the cuts and kills are
HTTP messages, not moments (`chaos_proxy`): a seed replays the same run, and nothing waits on a
timer. Then the links come back and everyone syncs, and:

- every well-formed change of every desktop was processed by the server, and none was applied
  twice (no change appears twice in the server's stream);
- the three desktops, the reader and the server hold the same records with the same values;
- every edit is the value in use, or a conflict record keeps it, or a later edit was made over
  it knowingly: nothing silently lost;
- the malformed rows were refused by name, and the one stored before the checks is set aside
  and shown on every desktop and the reader.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, insert, text, update

from desktop.db import backup
from desktop.db.register import Register
from desktop.domain.dates import PartialDate
from desktop.domain.hlc import HybridClock
from desktop.domain.validation import ChildDraft
from desktop.sync import protocol
from desktop.sync.client import SyncClient, SyncError, login
from server.schema import change, rev_counter
from tests.sync.chaos_proxy import CuttingProxy
from tests.sync.conftest import COMMUNE, PROVINCE
from tests.sync.test_sync import rows
from tests.sync.test_sync_cli import ROOT, LiveServer

ROUNDS = int(os.environ.get("SOTREEM_CHAOS_ROUNDS", "24"))
YEAR_MS = 365 * 86_400_000
FAMILIES = ("Giàng", "Sùng", "Vàng", "Lò", "Thào", "Hầu", "Lù", "Mùa")
GIVEN = ("Páo", "Mai", "Dính", "Chứ", "Sính", "Dế", "Lử", "Mỷ")


def _now() -> int:
    return time.time_ns() // 1_000_000


@dataclass
class Edit:
    device: str
    row_id: str
    field: str
    value: str
    before: str  # the value the desktop showed when this edit was typed over it


@dataclass
class Desk:
    name: str
    path: Path
    token: str
    clock: str = "right"  # right, ahead, behind, stuck
    stuck_at: int = 0
    children: list[str] = field(default_factory=list)

    @property
    def server_id(self) -> str:
        """The id the server knows this desktop by: its token's, not the desktop's own."""
        return self.token.split(".")[0]

    def open(self) -> Register:
        register = Register.open(self.path)
        wall = {
            "right": _now,
            "ahead": lambda: _now() + 3 * YEAR_MS,
            "behind": lambda: _now() - 2 * YEAR_MS,
            "stuck": lambda: self.stuck_at,
        }[self.clock]
        register.db.clock = HybridClock(register.device_id, wall, register.clock.last)
        return register


class Chaos:
    def __init__(self, seed: int, tmp: Path):
        self.seed, self.tmp = seed, tmp
        self.rng = random.Random(seed)
        self.live = LiveServer(tmp)
        self.proxy = CuttingProxy(int(self.live.url.rsplit(":", 1)[1]), seed)
        self.edits: list[Edit] = []
        self.runs = 0
        self.safety: list[Path] = []
        self.desks = []
        for name in ("a", "b", "c"):
            path = tmp / f"{name}.db"
            with Register.open(path) as register:
                register.init_commune(COMMUNE)
                if name == "a":
                    register.add_village("Sín Chải")
            self.desks.append(Desk(name, path, self.live.device()))

    # ---- edits ------------------------------------------------------------------------------

    def edit(self, desk: Desk) -> None:
        with desk.open() as register:
            villages = [v.id for v in register.villages()]
            known = [c for c in desk.children if register.get_child(c) is not None]
            everyone = known + [r.id for r in register.find("")][:50]
            for _ in range(self.rng.randint(1, 5)):
                if self.rng.random() < 0.3 or not everyone:
                    name = f"{self.rng.choice(FAMILIES)} Thị {self.rng.choice(GIVEN)}"
                    draft = ChildDraft(
                        name,
                        "F",
                        PartialDate(self.rng.randint(2011, 2025)),
                        "08",
                        village_id=villages[0] if villages else None,
                    )
                    child_id = register.add_child(draft).created_id
                    desk.children.append(child_id)
                    everyone.append(child_id)
                    continue
                child_id = self.rng.choice(everyone)
                child = register.get_child(child_id)
                if child is None:
                    continue
                draft = register.draft_of(child)
                key = self.rng.choice(["notes", "caregiver_name"])
                value = f"{desk.name}-{len(self.edits)}-{self.rng.randrange(10**6)}"
                before = getattr(draft, key)
                setattr(draft, key, value)
                register.update_child(child_id, draft)
                self.edits.append(Edit(desk.name, child_id, key, value, before))

    def jump_clock(self, desk: Desk) -> None:
        roll = self.rng.random()
        desk.clock = ("ahead" if roll < 0.12 else "behind" if roll < 0.24
                      else "stuck" if roll < 0.4 else "right")  # fmt: skip
        desk.stuck_at = _now() - self.rng.randint(0, 3_600_000)

    # ---- syncing ----------------------------------------------------------------------------

    def sync_process(self, desk: Desk, kill: bool) -> None:
        """`sotreem sync` through the cutting proxy; SIGKILLed at a seeded point if `kill`."""
        self.runs += 1
        command = [sys.executable, "-m", "desktop", "--db", str(desk.path), "sync", "--server",
                   self.proxy.url, "--token", desk.token]  # fmt: skip
        if kill:  # at a point of its exchange the seed picks: the same on every run
            self.proxy.plan_kill(self.proxy.random_fault(self.rng))
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)  # fmt: skip
        self.proxy.victim(process.pid)
        _out, err = process.communicate(timeout=300)
        self.proxy.disarm()  # it ended before that byte
        assert "Traceback" not in err, self.say(err)
        assert process.returncode in (0, 1, -signal.SIGKILL), self.say(err)

    def sync_clean(self, register: Register, desk: Desk) -> None:
        """A sync straight to the server (the link is back), retried until it goes through."""
        for _ in range(5):
            try:
                with SyncClient(register, self.live.url, desk.token) as client:
                    client.sync_once()
                return
            except SyncError as exc:
                assert exc.kind in ("offline", "server", "local"), self.say(exc.message)
        pytest.fail(self.say(f"{desk.name} could not sync"))

    def reader_sync(self, reader: Register, token: str, url: str) -> bool:
        try:
            with SyncClient(reader, url, token) as client:
                client.sync_once()
            return True
        except SyncError as exc:
            assert exc.kind == "offline", self.say(exc.message)
            return False

    # ---- the bad actors ---------------------------------------------------------------------

    def push_malformed(self) -> list[dict]:
        """A fourth device of the commune sends rows the server must refuse, and one good row."""
        token = self.live.device()
        good = "0193cccc-0000-7000-8000-00000000000a"
        created = "2026-11-20T08:00:00+07:00"
        child = {"full_name": "Hờ Thị Đúng", "sex": "F", "birth_year": 2017, "created_at": created}
        changes = [
            ("child", good, child),
            ("child", "0193cccc-0000-7000-8000-00000000000b", {**child, "created_at": "hôm qua"}),
            ("child", "0193cccc-0000-7000-8000-00000000000c", {**child, "sex": "X"}),
            ("child", "0193cccc-0000-7000-8000-00000000000d", {"notes": "thiếu tên"}),
            ("newthing", "0193cccc-0000-7000-8000-00000000000e", {"x": 1}),
            ("child", "0193cccc-0000-7000-8000-00000000000f", {**child, "birth_year": 2**70}),
        ]
        body = {"v": protocol.VERSION, "device": "raw", "incarnation": "raw-1", "changes": [
            {"seq": i, "entity": e, "id": row_id, "commune": COMMUNE,
             "hlc": f"{_now():013d}-0000-raw", "by": "raw", "fields": f}
            for i, (e, row_id, f) in enumerate(changes, start=1)
        ]}  # fmt: skip
        answer = httpx.post(f"{self.live.url}/v1/push", json=body,
                            headers={"Authorization": f"Bearer {token}"}, timeout=60)  # fmt: skip
        assert answer.status_code == 200, self.say(answer.text)
        rejected = answer.json()["rejected"]
        assert [r["seq"] for r in rejected] == [2, 3, 4, 5, 6], self.say(rejected)
        return rejected

    def inject_old_malformed_row(self) -> str:
        """A row the server stored before it checked fields (an older version): in its stream."""
        engine = create_engine(self.live.db_url)
        row_id = "0193dddd-0000-7000-8000-000000000001"
        fields = {"full_name": "Lò Thị Cũ", "sex": "F", "birth_year": 2015,
                  "created_at": "hôm kia"}  # fmt: skip
        with engine.begin() as conn:
            rev = conn.execute(
                update(rev_counter).values(rev=rev_counter.c.rev + 1).returning(rev_counter.c.rev)
            ).scalar_one()
            conn.execute(insert(change).values(
                rev=rev, entity="child", row_id=row_id, commune_code=COMMUNE,
                hlc=f"{_now():013d}-0000-old", by="cu", device_id=None,
                fields=json.dumps(fields, ensure_ascii=False),
            ))  # fmt: skip
        engine.dispose()
        return row_id

    def say(self, what: object) -> str:
        return f"[chaos seed {self.seed}] {what}"


@pytest.mark.long
def test_chaos_three_desktops_and_a_reader_end_the_same_and_lose_nothing(tmp_path):
    seed = int(os.environ.get("SOTREEM_CHAOS_SEED", "20261201"))
    print(f"chaos seed {seed} (SOTREEM_CHAOS_SEED={seed} to run it again)")
    chaos = Chaos(seed, tmp_path)
    try:
        _run(chaos)
    finally:
        chaos.proxy.close()
        chaos.live.stop()


def _run(chaos: Chaos) -> None:
    rng = chaos.rng
    a = chaos.desks[0]
    say = chaos.say
    # Every desktop starts from the server's copy of the commune.
    for desk in chaos.desks:
        with desk.open() as register:
            chaos.sync_clean(register, desk)
    password = _reader_account(chaos)
    reader_path = chaos.tmp / "tinh.db"
    session = login(chaos.live.url, "tinh", password)
    with Register.open(reader_path) as reader:
        reader.init_reader(session.unit)
    backup_round, restore_round = ROUNDS // 5, ROUNDS * 3 // 5
    copy = chaos.tmp / "a-sao-luu.db"
    rejected: list[dict] = []
    old_row = ""
    for n in range(ROUNDS):
        desk = rng.choice(chaos.desks)
        if rng.random() < 0.3:
            chaos.jump_clock(desk)
        chaos.edit(desk)
        chaos.sync_process(desk, kill=rng.random() < 0.35)
        if rng.random() < 0.3:
            with Register.open(reader_path) as reader:
                chaos.reader_sync(reader, session.token, chaos.proxy.url)
        if n == backup_round:
            with a.open() as register:
                chaos.sync_clean(register, a)
            backup.backup(a.path, copy)  # the backup the officer will come back to
        if n == ROUNDS // 2:
            rejected = chaos.push_malformed()
            old_row = chaos.inject_old_malformed_row()
        if n == restore_round:
            with a.open() as register:  # everything a did reached the server first
                chaos.sync_clean(register, a)
            safety = chaos.tmp / "truoc-khoi-phuc"
            kept = backup.restore(copy, a.path, safety)
            assert kept is not None
            chaos.safety.append(kept)
            a.clock = "right"
    assert chaos.proxy.kills >= 1 and chaos.proxy.cuts >= 1, say(
        (chaos.proxy.kills, chaos.proxy.cuts)
    )

    # The links come back: everyone syncs until nothing moves.
    chaos.proxy.enabled = False
    for desk in chaos.desks:
        desk.clock = "right"
    for _ in range(2):
        for desk in chaos.desks:
            with desk.open() as register:
                chaos.sync_clean(register, desk)
    with Register.open(reader_path) as reader:
        assert chaos.reader_sync(reader, session.token, chaos.live.url), say("reader")

    print(f"{ROUNDS} rounds, {chaos.runs} sync processes, {chaos.proxy.kills} killed, "
          f"{chaos.proxy.cuts} connections cut, {len(chaos.edits)} edits")  # fmt: skip
    registers = [desk.open() for desk in chaos.desks]
    reader = Register.open(reader_path)
    try:
        _check(chaos, registers, reader, rejected, old_row)
    finally:
        for register in (*registers, reader):
            register.close()


def _reader_account(chaos: Chaos) -> str:
    from server import auth

    with chaos.live.engine.begin() as conn:
        return auth.add_reader(conn, "tinh", PROVINCE)


def _check(chaos: Chaos, registers: list[Register], reader: Register, rejected: list[dict],
           old_row: str) -> None:  # fmt: skip
    say = chaos.say
    engine = chaos.live.engine
    # Every well-formed change was processed; none was applied twice.
    with engine.connect() as conn:
        acked = {(d, i): s for d, i, s in conn.execute(
            text("SELECT device_id, incarnation, acked_seq FROM device_incarnation"))}  # fmt: skip
        twice = conn.execute(text(
            "SELECT COUNT(*) FROM (SELECT entity, row_id, hlc, fields FROM change "
            "WHERE device_id IS NOT NULL GROUP BY entity, row_id, hlc, fields "
            "HAVING COUNT(*) > 1) d")).scalar_one()  # fmt: skip
    assert twice == 0, say(f"{twice} changes applied twice")
    a = chaos.desks[0]
    safety_copies = [Register.open(p) for p in chaos.safety]
    try:
        owners = [*zip(registers, chaos.desks, strict=True), *((s, a) for s in safety_copies)]
        for register, desk in owners:
            with register.engine.connect() as conn:
                # Entries of the change log this device wrote ("" marks changes of its own
                # that came back from the server after a restore, already there).
                entries = conn.execute(text("SELECT seq, incarnation FROM change_log")).all()
                refused = set(conn.execute(text("SELECT seq FROM sync_failure")).scalars())
            missed = [(s, i) for s, i in entries if s not in refused and i
                      and acked.get((desk.server_id, i), 0) < s]  # fmt: skip
            assert not missed, say(f"{register.path.name}: not on the server: {missed[:5]}")
    finally:
        for copy in safety_copies:
            copy.close()
    for register in registers:
        assert register.unsent_count() == 0, say(f"{register.path.name} has unsent changes")

    # Everyone holds the same records with the same values.
    first = _comparable(registers[0])
    for other in (*registers[1:], reader):
        assert _comparable(other) == first, say(
            f"{other.path.name} differs: {_difference(first, _comparable(other))}"
        )
    on_server = {rid: data for rid, data in _server_records(engine, "child").items()}
    for key, values in first.items():
        if key[0] == "child":
            stored = on_server[key[1]]
            assert stored.get("notes", "") == values["notes"], say(key)
            assert stored.get("full_name") == values["full_name"], say(key)

    # Nothing silently lost: every edit is in use, kept by a conflict, or knowingly replaced.
    with registers[0].engine.connect() as conn:
        kept = {(r, f, json.loads(v)) for r, f, v in conn.execute(text(
            "SELECT row_id, field, lost_value FROM sync_conflict UNION "
            "SELECT row_id, field, kept_value FROM sync_conflict"))}  # fmt: skip
    current = {(k[1], f): v[f] for k, v in first.items() if k[0] == "child"
               for f in ("notes", "caregiver_name")}  # fmt: skip
    replaced = {(e.row_id, e.field, e.before) for e in chaos.edits}
    lost = [e for e in chaos.edits
            if current.get((e.row_id, e.field)) != e.value
            and (e.row_id, e.field, e.value) not in kept
            and (e.row_id, e.field, e.value) not in replaced]  # fmt: skip
    assert not lost, say(f"{len(lost)} edits lost silently, e.g. {lost[:3]}")

    # The malformed rows: refused by name, or set aside and shown everywhere.
    assert all("Trẻ em" in r["message"] or "loại dữ liệu" in r["message"] for r in rejected)
    assert any("created_at" in r["message"] for r in rejected), say(rejected)
    assert not ({"0193cccc-0000-7000-8000-00000000000b"} & set(on_server))
    for register in (*registers, reader):
        shown = [f for f in register.sync_state().failures if f.kind == "unapplied"]
        assert [f.row_id for f in shown] == [old_row], say(f"{register.path.name}: {shown}")
        assert register.get_child("0193cccc-0000-7000-8000-00000000000a") is not None


def _comparable(register: Register) -> dict:
    """Every synced row of the commune, less what may differ by design: who typed it, and the
    clock of an audit entry (written once, never restamped here; it decides nothing)."""
    out = {}
    for key, values in rows(register, COMMUNE).items():
        if key[0] == "auditentry":
            values = {k: v for k, v in values.items() if k != "updated_at"}
        out[key] = values
    return out


def _difference(left: dict, right: dict) -> object:
    if left.keys() != right.keys():
        return sorted(set(left) ^ set(right))[:5]
    return [(k, f) for k in left for f in left[k] if left[k][f] != right[k].get(f)][:5]


def _server_records(engine, entity: str) -> dict[str, dict]:
    with engine.connect() as conn:
        found = conn.execute(text("SELECT id, data FROM record WHERE entity = :e"), {"e": entity})
        return {r[0]: json.loads(r[1]) for r in found}
