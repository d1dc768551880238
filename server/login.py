"""Reader logins that cannot starve the server or tell which accounts exist.

A password is checked with argon2 (about 0.1 s of a core, on purpose). Three guards keep
`/v1/login` from being a lever against everyone else:

- Hashing runs in its own small pool (`HASH_WORKERS` threads, at a lower CPU priority where the
  system allows: argon2's own threads inherit it), never in the database slots that pushes and
  pulls wait for, and at most `HASH_QUEUE` logins wait for it; more are answered 429 at once.
- Attempts are counted per client address (`ADDRESS_ATTEMPTS` per `ADDRESS_WINDOW`) and failures
  per account name (`ACCOUNT_FAILURES` per `ACCOUNT_WINDOW`, logins still being checked count as
  failures until they succeed). Past either, the answer is 429 with a Vietnamese reason and
  ``Retry-After``. The counts live in the server process (each worker keeps its own).
- An unknown name is checked against a dummy hash made with the same parameters, so it takes
  the time a wrong password takes, and is limited the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASH_WORKERS = 2
HASH_QUEUE = 16
HASH_NICENESS = 10  # pushes and pulls go first when a flood of logins keeps the cores busy
ADDRESS_ATTEMPTS, ADDRESS_WINDOW = 20, 300.0
ACCOUNT_FAILURES, ACCOUNT_WINDOW = 5, 900.0
_TRACKED_MAX = 50_000  # names and addresses remembered at most (an attacker may spray names)


class TooMany(Exception):
    """Refused before any hashing; `retry_after` in whole seconds, message in Vietnamese."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = max(1, math.ceil(retry_after))


@dataclass
class _Window:
    times: deque[float] = field(default_factory=deque)
    in_flight: int = 0

    def trim(self, now: float, window: float) -> None:
        while self.times and self.times[0] <= now - window:
            self.times.popleft()


class Limits:
    """Sliding windows per client address (attempts) and per account name (failures)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._addresses: dict[str, _Window] = {}
        self._accounts: dict[str, _Window] = {}

    def admit(self, username: str, address: str) -> None:
        """Count an attempt, or raise `TooMany`; every admitted attempt ends with `finish`."""
        name = _account_key(username)
        with self._lock:
            now = self._clock()
            by_address = self._addresses.setdefault(address, _Window())
            by_address.trim(now, ADDRESS_WINDOW)
            if len(by_address.times) >= ADDRESS_ATTEMPTS:
                wait = by_address.times[0] + ADDRESS_WINDOW - now
                raise TooMany(
                    f"Máy này đã thử đăng nhập {ADDRESS_ATTEMPTS} lần trong "
                    f"{int(ADDRESS_WINDOW // 60)} phút: hãy chờ {math.ceil(wait)} giây rồi thử "
                    "lại.",
                    wait,
                )
            by_account = self._accounts.setdefault(name, _Window())
            by_account.trim(now, ACCOUNT_WINDOW)
            if len(by_account.times) + by_account.in_flight >= ACCOUNT_FAILURES:
                wait = (by_account.times[0] + ACCOUNT_WINDOW - now) if by_account.times else 5
                raise TooMany(
                    f"Tài khoản “{username[:100]}” đã đăng nhập sai nhiều lần: hãy chờ "
                    f"{math.ceil(wait)} giây rồi thử lại, hoặc hỏi quản trị máy chủ cấp lại "
                    "mật khẩu.",
                    wait,
                )
            by_address.times.append(now)
            by_account.in_flight += 1
            if len(self._accounts) + len(self._addresses) > _TRACKED_MAX:
                self._forget(now)

    def finish(self, username: str, succeeded: bool, counted: bool = True) -> None:
        """An admitted attempt ends: a success clears the account's failures; a failure counts
        unless the password was never checked (`counted` False)."""
        name = _account_key(username)
        with self._lock:
            window = self._accounts.setdefault(name, _Window())
            window.in_flight = max(0, window.in_flight - 1)
            if succeeded:
                window.times.clear()
            elif counted:
                window.times.append(self._clock())

    def _forget(self, now: float) -> None:
        """Drop windows with nothing left in them (called with the lock held)."""
        for table, span in ((self._addresses, ADDRESS_WINDOW), (self._accounts, ACCOUNT_WINDOW)):
            for key in list(table):
                table[key].trim(now, span)
                if not table[key].times and not table[key].in_flight:
                    del table[key]


def _account_key(username: str) -> str:
    return username.strip().casefold()[:100]


class Hashing:
    """Password checks in a pool of their own, with a bounded queue."""

    def __init__(self, workers: int = HASH_WORKERS, queue: int = HASH_QUEUE):
        self._pool = ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="login-hash", initializer=_lower_priority
        )
        self._hasher = PasswordHasher()
        self._dummy = self._hasher.hash(secrets.token_urlsafe(16))
        self._slots = threading.BoundedSemaphore(workers + queue)

    async def verify(self, stored: str | None, password: str) -> bool:
        """Whether `password` matches `stored` (None: an unknown name, checked all the same)."""
        if not self._slots.acquire(blocking=False):
            raise TooMany("Máy chủ đang bận kiểm tra đăng nhập: hãy thử lại sau ít giây.", 5)
        future = self._pool.submit(self._check, stored, password)
        future.add_done_callback(lambda _: self._slots.release())  # even if the caller left
        return await asyncio.wrap_future(future)

    def _check(self, stored: str | None, password: str) -> bool:
        try:
            self._hasher.verify(stored or self._dummy, password)
        except (VerificationError, InvalidHashError):
            return False
        return stored is not None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _lower_priority() -> None:
    """Nice this hashing thread (Linux keeps a nice value per thread; threads it starts, such as
    argon2's lanes, inherit it). Elsewhere hashing simply runs at normal priority."""
    if hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASH_NICENESS)
