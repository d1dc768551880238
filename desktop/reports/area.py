"""Tallies of a district/province reader's database: for the whole area and per commune.

A reader's register holds every commune beneath its unit (pulled read-only from the server);
the figures are the commune report's, computed over a set of commune codes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from desktop import reference
from desktop.db.register import Register
from desktop.domain.periods import Period
from desktop.reports import figures as figures_module
from desktop.reports import xlsx
from desktop.reports.figures import Area
from desktop.reports.service import export_file


def area_name(register: Register) -> str:
    unit = reference.unit(register.reader_unit or register.commune_code or "")
    return unit.name if unit else ""


def area_tallies(register: Register, period: Period, now: datetime | None = None) -> dict:
    """{"area": figures of every commune together, "communes": {code: figures}}."""
    now = now or datetime.now(UTC)
    codes = sorted(register.area_codes())
    with register.engine.connect() as conn:
        total = figures_module.compute(conn, Area(tuple(codes), area_name(register)), period, now)
        communes = {}
        for code in codes:
            unit = reference.unit(code)
            area = Area((code,), unit.name if unit else code)
            communes[code] = figures_module.compute(conn, area, period, now)
    return {"area": total, "communes": communes}


def write_area_report(register: Register, period: Period, fmt: str, path: Path) -> dict:
    """JSON: the area and every commune; Excel: the area's tally tables."""
    label = f"Báo cáo toàn vùng {period.label}"
    with export_file(register, "report", path, label=label) as tmp:
        tallies = area_tallies(register, period)
        if fmt == "json":
            tmp.write_text(json.dumps(tallies, ensure_ascii=False, indent=1), encoding="utf-8")
        elif fmt == "xlsx":
            xlsx.export_tally(tallies["area"], tmp)
        else:
            raise ValueError(
                "Báo cáo toàn vùng hiện xuất được JSON hoặc Excel (--format json|xlsx)."
            )
    return tallies
