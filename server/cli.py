"""`sotreem-server`: the district/province hub's command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from desktop import __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sotreem-server",
        description="Máy chủ tổng hợp của huyện/tỉnh cho Sổ Trẻ Em. "
        "Chức năng đồng bộ đang được xây dựng; hiện chỉ có --version.",
    )
    parser.add_argument("--version", action="version", version=f"Sổ Trẻ Em server {__version__}")
    parser.parse_args(argv)
    parser.print_help()
    return 0
