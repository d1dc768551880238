"""Reports: export of 100,000 children, import of 10,000 rows, a monthly PDF at 20,000 children.

Export and import run in their own process so peak memory is theirs alone (VmHWM).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.common import Result

EXPORT = """
import json, sys, time
from pathlib import Path
from benchmarks.common import open_demo
from desktop.reports import service
register = open_demo(sys.argv[1])
start = time.perf_counter()
rows = service.export_register(register, Path(sys.argv[2]))
seconds = time.perf_counter() - start
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak / 1024}))
"""

IMPORT = """
import json, random, sys, time
from pathlib import Path
from openpyxl import Workbook
from benchmarks.common import open_demo
from desktop.demo import POOLS, VILLAGE_NAMES
from desktop.reports import excel_import

rng = random.Random(3)
path = Path(sys.argv[2])
wb = Workbook(write_only=True)
ws = wb.create_sheet("DS")
ws.append(["DANH SÁCH TRẺ EM CÓ HOÀN CẢNH ĐẶC BIỆT NĂM 2026"])
ws.append(["STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Thôn/bản", "Hoàn cảnh",
           "Người chăm sóc"])
ws.append([None, None, "Nam", "Nữ"])
groups = ["Khuyết tật", "KT nặng", "mồ côi cả cha mẹ", "Bệnh hiểm nghèo (hộ nghèo)", "HIV"]
for i in range(int(sys.argv[3])):
    pool = rng.choice(POOLS)
    male = rng.random() < 0.5
    middle = rng.choice(pool.male_middles if male else pool.female_middles)
    given = rng.choice(pool.male_given if male else pool.female_given)
    name = f"{rng.choice(pool.families)} {middle} {given} {i}"
    born = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2011, 2025)}"
    ws.append([i + 1, name, born if male else None, None if male else born, "Mông",
               rng.choice(VILLAGE_NAMES), rng.choice(groups), "Người chăm sóc"])
wb.save(path)
register = open_demo(sys.argv[1])
register.init_commune("02725")
start = time.perf_counter()
plan = excel_import.read_plan(register, path)
checked = time.perf_counter() - start
added = excel_import.commit(register, plan)
seconds = time.perf_counter() - start
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"rows": added, "problems": len(plan.problems), "checked": checked,
                  "seconds": seconds, "peak_mb": peak / 1024}))
"""

PDF = """
import json, sys, time
from pathlib import Path
from benchmarks.common import open_demo
from desktop.domain.periods import parse_period
from desktop.reports import service
register = open_demo(sys.argv[1])
service.write_report(register, "monthly", parse_period("2026-10"), "pdf", Path(sys.argv[2]))
samples = []
for _ in range(3):
    start = time.perf_counter()
    service.write_report(register, "monthly", parse_period("2026-10"), "pdf", Path(sys.argv[2]))
    samples.append(time.perf_counter() - start)
print(json.dumps({"seconds": sorted(samples)[1]}))
"""


def _run(script: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True,
        timeout=900, env={**os.environ},
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(db_100k: Path, db_20k: Path, tmp: Path) -> list[Result]:
    export = _run(EXPORT, str(db_100k), str(tmp / "export.xlsx"))
    imported = _run(IMPORT, str(tmp / "import.db"), str(tmp / "import.xlsx"), "10000")
    pdf = _run(PDF, str(db_20k), str(tmp / "monthly.pdf"))
    exported, peak = export["seconds"], export["peak_mb"]
    took = imported["seconds"]
    return [
        Result(
            f"export {export['rows']:,} children to xlsx", exported, "s", "≤ 20 s", exported <= 20
        ),
        Result("export peak memory", peak, "MB", "≤ 300 MB", peak <= 300),
        Result(
            f"import {imported['rows']:,} rows (read+check+commit)", took, "s", "≤ 15 s", took <= 15
        ),
        Result("  of which reading and checking", imported["checked"], "s"),
        Result("monthly PDF, 20,000 children", pdf["seconds"], "s", "≤ 3 s", pdf["seconds"] <= 3),
    ]
