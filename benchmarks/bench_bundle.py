"""The bundled application: its size on disk and its cold start (built by `make bundle`)."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.bench_gui import _env, _first_paint
from benchmarks.common import Result, median

BUNDLE = Path(__file__).resolve().parent.parent / "dist" / "sotreem"


def size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def run(db: Path, runs: int = 5) -> list[Result]:
    executable = BUNDLE / ("sotreem.exe" if os.name == "nt" else "sotreem")
    if not executable.exists():
        return []
    env = {**_env(), "SOTREEM_EXIT_AFTER_PAINT": "1"}
    start = median([_first_paint([str(executable), "--db", str(db)], env) for _ in range(runs)])
    return [
        Result("bundle size (one folder)", size_mb(BUNDLE), "MiB"),
        Result("bundle cold start to first paint, 50,000 children", start * 1000, "ms"),
    ]
