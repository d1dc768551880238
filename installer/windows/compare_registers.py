"""Compare two read_register.py readings of one register, before and after an upgrade.

Passes when the schema is at this checkout's migration head and no table has fewer rows than
before (opening the register may add audit entries; nothing may go missing).
"""

from __future__ import annotations

import json
import sys


def problems(before: dict, after: dict) -> list[str]:
    found = []
    if after["revision"] != after["head"]:
        found.append(f"schema at {after['revision']}, not at the migration head {after['head']}")
    for table, rows in sorted(before["counts"].items()):
        if table == "alembic_version":
            continue
        now = after["counts"].get(table)
        if now is None:
            found.append(f"table {table} is gone")
        elif now < rows:
            found.append(f"{table}: {rows} rows before the upgrade, {now} after")
    return found


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as a, open(sys.argv[2], encoding="utf-8") as b:
        before, after = json.load(a), json.load(b)
    wrong = problems(before, after)
    for line in wrong:
        print(f"LOST: {line}", file=sys.stderr)
    if wrong:
        return 1
    kept = sum(v for k, v in before["counts"].items() if k != "alembic_version")
    print(
        f"schema {before['revision']} -> {after['revision']} (head); all {kept} rows of "
        f"{len(before['counts']) - 1} tables kept ({before['counts'].get('child')} children)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
