"""A TCP proxy that cuts connections at random byte counts, for the chaos test.

Each connection between a desktop and the server is cut, or not, as a seeded die decides: after
some bytes of the request (the server never saw it whole), or after some bytes of the answer
(the server did the work; the answer is lost on the way back). The cut is an abrupt reset, as
a 3G link dropping in the mountains.
"""

from __future__ import annotations

import random
import socket
import struct
import threading


class CuttingProxy:
    def __init__(self, upstream_port: int, seed: int, cut_chance: float = 0.3):
        self.upstream_port = upstream_port
        self.cut_chance = cut_chance
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.cuts = 0
        self.connections = 0
        self.enabled = True
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

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
                up = self.rng.choice([None, self.rng.randint(1, 20_000)]) if cut else None
                down = None if up is not None or not cut else self.rng.randint(1, 60_000)
            threading.Thread(target=self._serve, args=(client, up, down), daemon=True).start()

    def _serve(self, client: socket.socket, up: int | None, down: int | None) -> None:
        try:
            server = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            _reset(client)
            return
        done = threading.Event()
        threading.Thread(target=self._pipe, args=(client, server, up, done), daemon=True).start()
        self._pipe(server, client, down, done)

    def _pipe(self, source: socket.socket, sink: socket.socket, limit: int | None,
              done: threading.Event) -> None:  # fmt: skip
        sent = 0
        try:
            while not done.is_set():
                data = source.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) >= limit:
                    sink.sendall(data[: max(0, limit - sent)])
                    with self.lock:
                        self.cuts += 1
                    break
                sink.sendall(data)
                sent += len(data)
        except OSError:
            pass
        finally:
            if not done.is_set():
                done.set()
                _reset(source)
                _reset(sink)


def _reset(sock: socket.socket) -> None:
    """Close with a reset, not a polite end of stream: the link just dropped."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass
