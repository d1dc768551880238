"""Read a register that the Windows program wrote, with this checkout's code on Linux.

`make test-windows` proves what the program under Wine saved with a second reader: the rows of
every table, the schema revision against this checkout's migration head, and which of the
given names are children in the register. Reads only: no migration, no audit entry.

    python installer/windows/read_register.py DB --user canbo [--name "Đặng Thị Hồng Nhung"]

The password comes from SOTREEM_PASSWORD, as for the `sotreem` command line.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
from pathlib import Path

from desktop.db import vault
from desktop.db.engine import connect_encrypted, head_revision


def read(db: Path, user: str, password: str, names: list[str]) -> dict:
    key = vault.unlock(db, user, password)
    conn = connect_encrypted(db, key) if key else sqlite3.connect(db)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]  # fmt: skip
        counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        query = "SELECT 1 FROM child WHERE full_name = ?"
        found = [n for n in names if conn.execute(query, (n,)).fetchone()]
    finally:
        conn.close()
    return {"revision": revision, "head": head_revision(), "counts": counts, "found": found}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--user", required=True)
    parser.add_argument("--name", action="append", default=[])
    args = parser.parse_args()
    result = read(args.db, args.user, os.environ["SOTREEM_PASSWORD"], args.name)
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
