"""The register: demo of 100,000 children, search latency, one save with its change-log entry."""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path

from benchmarks.common import Result, median, open_demo, percentile
from desktop.db import vault
from desktop.db.register import Register
from desktop.demo import DEMO_ACCOUNT, DEMO_PASSWORD, POOLS, VILLAGE_NAMES, fill_demo
from desktop.domain.dates import PartialDate
from desktop.domain.names import fold
from desktop.domain.validation import ChildDraft

TODAY = date(2026, 11, 25)


def build_demo(path: Path, children: int, encrypted: bool = True) -> float:
    """The demo commune, encrypted with SQLCipher and the demo account like `sotreem demo`."""
    if encrypted:
        register, _code = vault.setup(path, "02725", *DEMO_ACCOUNT, DEMO_PASSWORD)
    else:
        register = Register.open(path)
        register.init_commune("02725")
    start = time.perf_counter()
    fill_demo(register, children, seed=1, today=TODAY)
    elapsed = time.perf_counter() - start
    register.close()
    return elapsed


def search_queries(rng: random.Random, register: Register) -> list[str]:
    """100 queries of the kinds officers type: surnames, full names, prefixes, IDs, villages."""
    queries: list[str] = []
    with register.engine.connect() as conn:
        sample = conn.exec_driver_sql(
            "SELECT full_name, personal_id, caregiver_name FROM child "
            "WHERE rowid % 997 = 0 LIMIT 200"
        ).all()
    for i in range(100):
        name, pid, caregiver = sample[i % len(sample)]
        words = fold(name).split()
        kind = i % 10
        if kind == 0:
            queries.append(fold(name))  # whole name without diacritics
        elif kind == 1:
            queries.append(" ".join(words[:2]))  # family + middle
        elif kind == 2:
            queries.append(f"{words[0]} {words[-1][:2]}")  # family + start of given
        elif kind == 3:
            queries.append(words[-1])  # given name only
        elif kind == 4:
            queries.append(words[0][:2])  # two-letter prefix
        elif kind == 5:
            queries.append(pid[:6] if pid else words[0])  # start of a personal ID
        elif kind == 6:
            queries.append(fold(rng.choice(VILLAGE_NAMES)))
        elif kind == 7:
            queries.append(fold(caregiver))
        elif kind == 8:
            queries.append(rng.choice(rng.choice(POOLS).families))  # typed with diacritics
        else:
            queries.append(words[0][:1])  # a single letter
    return queries


def bench_search(path: Path) -> tuple[float, float]:
    register = open_demo(path)
    queries = search_queries(random.Random(5), register)
    for q in queries[:10]:  # warm the page cache, as an open app would have it
        register.find(q)
    samples = []
    for q in queries:
        start = time.perf_counter()
        register.find(q, limit=50)
        samples.append((time.perf_counter() - start) * 1000)
    register.close()
    return median(samples), percentile(samples, 95)


def bench_save(path: Path, count: int = 300) -> tuple[float, float]:
    register = open_demo(path)
    village_id = register.villages()[0].id
    samples = []
    for i in range(count):
        draft = ChildDraft(
            f"Giàng A Thử{i}", "M", PartialDate(2015, 5, 1), "08", village_id,
            caregiver_name="Giàng Thị Mỷ",
        )  # fmt: skip
        start = time.perf_counter()
        register.add_child(draft, today=TODAY)
        samples.append((time.perf_counter() - start) * 1000)
    register.close()
    return median(samples), percentile(samples, 95)


def run(path: Path, children: int) -> list[Result]:
    """Build the demo at `path` (kept for the other benchmarks) and measure the register."""
    demo_seconds = build_demo(path, children)
    size_mb = path.stat().st_size / 2**20
    p50, p95 = bench_search(path)
    save50, save95 = bench_save(path)
    return [
        Result(f"demo: {children:,} children generated", demo_seconds, "s"),
        Result(f"database size at {children:,} children (encrypted)", size_mb, "MiB"),
        Result(f"search p50 (100 queries, {children:,} children)", p50, "ms"),
        Result(f"search p95 (100 queries, {children:,} children)", p95, "ms", "≤ 20 ms", p95 <= 20),
        Result("save one child + change log, p50", save50, "ms"),
        Result("save one child + change log, p95", save95, "ms", "≤ 10 ms", save95 <= 10),
    ]
