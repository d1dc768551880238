"""A TCP proxy that cuts connections and kills sync processes at seeded points, for the chaos test.

Each connection between a desktop and the server is cut, or not, as a seeded die decides: in
some request (the server never saw it whole), or in some answer (the server did the work; the
answer is lost on the way back). The cut is an abrupt reset, as a 3G link dropping in the
mountains.

A kill is planned the same way (`plan_kill`): at the n-th request or answer of the next sync
process, the process is SIGKILLed right there (in the middle of sending a push, or of reading
an answer the server has already acted on), and its connection reset.

The points are HTTP messages and a few bytes into them, not times nor byte counts of a whole
exchange (those vary with the clocks and gzip): the same seed cuts and kills at the same point
of the same exchange, however busy the machine is. HTTP/1.1 without pipelining, as httpx
speaks it: a request is sent once the previous answer is read, so every message starts a
fresh `recv`.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import struct
import threading
from dataclasses import dataclass, field

UP, DOWN = "up", "down"  # to the server; from it
_STARTS = {UP: (b"GET ", b"POST "), DOWN: (b"HTTP/1.1 ",)}


@dataclass
class Fault:
    """Where to break: in the `message`-th message going `way` (1 for the first), after `part`
    bytes of it (within its first line and headers)."""

    way: str
    message: int
    part: int
    seen: int = 0  # messages counted so far


@dataclass
class _Kill:
    fault: Fault
    pid: int = 0
    ready: threading.Event = field(default_factory=threading.Event)


class CuttingProxy:
    def __init__(self, upstream_port: int, seed: int, cut_chance: float = 0.3):
        self.upstream_port = upstream_port
        self.cut_chance = cut_chance
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.cuts = 0
        self.kills = 0
        self.connections = 0
        self.enabled = True
        self._kill: _Kill | None = None
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def random_fault(self, rng: random.Random) -> Fault:
        """A point of a sync's exchange (status, pushes, pull pages: a few messages each way)."""
        return Fault(rng.choice([UP, DOWN]), rng.randint(1, 3), rng.randint(0, 100))

    def plan_kill(self, fault: Fault) -> None:
        """Kill the next sync process at `fault` of its traffic (all its connections)."""
        with self.lock:
            self._kill = _Kill(fault)

    def victim(self, pid: int) -> None:
        """The process the planned kill is for (started after the plan)."""
        with self.lock:
            kill = self._kill
        if kill is not None:
            kill.pid = pid
            kill.ready.set()

    def disarm(self) -> None:
        """Forget the plan: the process ended before that point."""
        with self.lock:
            self._kill = None

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
                cut = self.enabled and self.rng.random() < self.cut_chance
                fault = self.random_fault(self.rng) if cut else None
            threading.Thread(target=self._serve, args=(client, fault), daemon=True).start()

    def _serve(self, client: socket.socket, cut: Fault | None) -> None:
        try:
            server = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            _reset(client)
            return
        done = threading.Event()
        args = (client, server, UP, cut, done)
        threading.Thread(target=self._pipe, args=args, daemon=True).start()
        self._pipe(server, client, DOWN, cut, done)

    def _pipe(self, source: socket.socket, sink: socket.socket, way: str, cut: Fault | None,
              done: threading.Event) -> None:  # fmt: skip
        try:
            while not done.is_set():
                data = source.recv(65536)
                if not data:
                    break
                if data.startswith(_STARTS[way]) and self._broken(way, data, sink, cut):
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            if not done.is_set():
                done.set()
                _reset(source)
                _reset(sink)

    def _broken(self, way: str, data: bytes, sink: socket.socket, cut: Fault | None) -> bool:
        """A new message going `way`: if a fault is due here, pass on its first bytes, then
        cut the connection (and kill the process, when the kill is due)."""
        with self.lock:
            kill = self._kill if self._kill is not None and _due(self._kill.fault, way) else None
            if kill is not None:
                self._kill = None
            cutting = cut is not None and _due(cut, way)
        fault = kill.fault if kill is not None else cut if cutting else None
        if fault is None:
            return False
        sink.sendall(data[: fault.part])
        if kill is not None and kill.ready.wait(30) and kill.pid > 0:
            with contextlib.suppress(ProcessLookupError):
                os.kill(kill.pid, signal.SIGKILL)  # never pid 0: that is our process group
                with self.lock:
                    self.kills += 1
                return True
        with self.lock:
            self.cuts += 1
        return True


def _due(fault: Fault, way: str) -> bool:
    """Count a new message going `way`; whether `fault` is due at it."""
    if fault.way != way:
        return False
    fault.seen += 1
    return fault.seen == fault.message


def _reset(sock: socket.socket) -> None:
    """Close with a reset, not a polite end of stream: the link just dropped. (The other
    direction's thread may be waiting in `recv` on this socket, which would keep it open and
    the peer waiting for its timeout: `SHUT_RD` wakes that thread first, sending nothing.)"""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RD)
    with contextlib.suppress(OSError):
        sock.close()
