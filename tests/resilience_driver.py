"""Work that the resilience tests kill at random moments (run as a separate process).

python tests/resilience_driver.py saves DB        add children; print each id once committed
python tests/resilience_driver.py backups DB OUT  back DB up to OUT again and again
python tests/resilience_driver.py fill DB N       add N children in one batch (seed a file)
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from desktop.db import backup
from desktop.db.register import Register
from desktop.domain.dates import PartialDate
from desktop.domain.validation import ChildDraft, CircumstanceDraft

TODAY = date(2026, 11, 25)
FAMILIES = ("Giàng", "Sùng", "Vàng", "Lò", "Thào", "Hầu", "Lù", "Mùa", "Chang", "Tẩn")
MIDDLES = ("A", "Thị", "Văn", "Seo", "Mí", "Chá", "Páo", "Dìn", "Phủ", "Khái")
GIVENS = (
    "Páo", "Mai", "Dính", "Chứ", "Sính", "Pó", "Dế", "Sử", "Lử", "Cang", "Mỷ", "Súa", "Già",
    "Câu", "Nhìa", "Tủa", "Vư", "Lềnh", "Chía", "Xá", "Khua", "Lồng", "Cở", "Dung", "Tráng",
    "Hờ", "Chải", "Lùng", "Tùng", "Sà",
)  # fmt: skip


def name(i: int) -> str:
    """A distinct synthetic Hmong-style name for every i below 3,000."""
    return f"{FAMILIES[i % 10]} {MIDDLES[i // 10 % 10]} {GIVENS[i // 100 % 30]}"


def saves(db: Path) -> None:
    register = Register.open(db)
    village = register.village_id_by_name("Sín Chải")
    i = 0
    while True:
        draft = ChildDraft(
            name(i % 3000), "MF"[i % 2], PartialDate(2012 + i % 10), "08", village_id=village
        )
        child_id = register.add_child(draft, today=TODAY).created_id
        if i % 3 == 0:
            register.add_circumstance(
                child_id, CircumstanceDraft("special", "d", date(2026, 1, 1)), today=TODAY
            )
        print(child_id, flush=True)  # acknowledged: the form said "saved"
        i += 1


def backups(db: Path, out: Path) -> None:
    n = 0
    while True:
        backup.backup(db, out)
        n += 1
        print(n, flush=True)


def fill(db: Path, count: int) -> None:
    register = Register.open(db)
    village = register.village_id_by_name("Sín Chải")
    with register.batch():
        for i in range(count):
            draft = ChildDraft(
                f"{name(i % 3000)} {i // 3000 + 1}", "MF"[i % 2], PartialDate(2012 + i % 10),
                "08", village_id=village, notes="Ghi chú " * 20,
            )  # fmt: skip
            register.add_child(draft, today=TODAY)
    register.close()


if __name__ == "__main__":
    action, db = sys.argv[1], Path(sys.argv[2])
    if action == "saves":
        saves(db)
    elif action == "backups":
        backups(db, Path(sys.argv[3]))
    else:
        fill(db, int(sys.argv[3]))
