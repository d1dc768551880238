"""`make bench`: run every benchmark and print one table with the machine it ran on."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks import (
    bench_bundle,
    bench_gui,
    bench_login,
    bench_register,
    bench_reports,
    bench_sync_server,
    bench_sync_wire,
)
from benchmarks.common import machine, table


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--sync-children", type=int, default=10_000)
    parser.add_argument("--reader-records", type=int, default=100_000)
    parser.add_argument("--skip-sync-server", action="store_true")
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
        sync_dir = Path(tmp) / "sync"
        sync_dir.mkdir()
        wire = bench_sync_wire.run(sync_dir, args.sync_children, args.reader_records)
        print(table(wire), flush=True)
        results += wire
    if not args.skip_sync_server:
        server = bench_sync_server.run() + bench_login.run()
        print(table(server), flush=True)
        results += server
    print("\nAll results:\n")
    print(table(results))


if __name__ == "__main__":
    main()
