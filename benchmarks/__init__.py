"""Repeatable measurements: `make bench` (python -m benchmarks)."""
