"""Clocks the server gave to changes of ours that were stamped far in its future.

A PC whose clock ran ahead (a wrong date, a dead CMOS battery) stamps its edits in the future;
the server stores them with its own time and says so in its answer. The change log and the
rows take the same clocks here, so both sides compare the same values from then on: a later
edit from another device wins over ours on this PC just as it does on the server.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from desktop.db.models import INSERT_ONLY_TABLES, SYNCED_TABLES
from desktop.domain.hlc import canonical


def apply(engine: Engine, stamps: dict[int, str]) -> int:
    """Give each change-log entry (by seq) its new clock, and its row too when the row still
    carries the old one; returns how many entries changed. Malformed clocks are ignored."""
    good = {}
    for seq, value in stamps.items():
        try:
            good[seq] = canonical(value)
        except ValueError:
            continue
    if not good:
        return 0
    changed = 0
    with engine.begin() as conn:
        for seq, new in sorted(good.items()):
            entry = conn.execute(
                text("SELECT entity, row_id, hlc FROM change_log WHERE seq = :s"), {"s": seq}
            ).first()
            if entry is None or entry.hlc == new:
                continue
            conn.execute(
                text("UPDATE change_log SET hlc = :h WHERE seq = :s"), {"h": new, "s": seq}
            )
            if entry.entity in SYNCED_TABLES and entry.entity not in INSERT_ONLY_TABLES:
                conn.execute(
                    text(f"UPDATE {entry.entity} SET updated_at = :new "
                         "WHERE id = :id AND updated_at = :old"),
                    {"new": new, "id": entry.row_id, "old": entry.hlc},
                )  # fmt: skip
            changed += 1
    return changed
