"""`make bench`: run every benchmark and print one table with the machine it ran on."""

from __future__ import annotations

import argparse

from benchmarks import bench_register
from benchmarks.common import machine, table


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--children", type=int, default=100_000)
    args = parser.parse_args()
    results = bench_register.run(args.children)
    print(f"Machine: {machine()}\n")
    print(table(results))


if __name__ == "__main__":
    main()
