"""`make bench`: run every benchmark and print one table with the machine it ran on."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks import bench_bundle, bench_gui, bench_register, bench_reports
from benchmarks.common import machine, table


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--skip-gui", action="store_true")
    args = parser.parse_args()
    print(f"Machine: {machine()}\n", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"demo-{args.children}.db"
        results = bench_register.run(big, args.children)
        print(table(results), flush=True)
        if not args.skip_gui:
            half = Path(tmp) / "demo-half.db"
            bench_register.build_demo(half, args.children // 2)
            gui = bench_gui.run(half, big) + bench_bundle.run(half)
            print(table(gui), flush=True)
            results += gui
        small = Path(tmp) / "demo-20000.db"
        bench_register.build_demo(small, 20_000)
        reports = bench_reports.run(big, small, Path(tmp))
        print(table(reports), flush=True)
        results += reports
    print("\nAll results:\n")
    print(table(results))


if __name__ == "__main__":
    main()
