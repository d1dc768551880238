"""Shared helpers: the machine description, percentiles and the results table."""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass
from datetime import date


@dataclass
class Result:
    name: str
    value: float
    unit: str
    budget: str = ""
    ok: bool | None = None


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        mem = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {date.today().isoformat()}"
    )


def table(results: list[Result]) -> str:
    lines = ["| measurement | result | budget | within |", "|---|---|---|---|"]
    for r in results:
        verdict = "" if r.ok is None else ("yes" if r.ok else "**NO**")
        lines.append(f"| {r.name} | {r.value:,.1f} {r.unit} | {r.budget} | {verdict} |")
    return "\n".join(lines)


def open_demo(path):
    """Open a benchmark register as the demo officer (encrypted like a real one)."""
    from pathlib import Path

    from desktop.db import vault
    from desktop.db.register import Register
    from desktop.demo import DEMO_ACCOUNT, DEMO_PASSWORD

    path = Path(path)
    if vault.is_encrypted(path):
        return vault.login(path, DEMO_ACCOUNT[0], DEMO_PASSWORD)
    return Register.open(path)
