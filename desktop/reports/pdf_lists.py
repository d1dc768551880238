"""Printable lists that name children (the register as a PDF), for `pdf.build_plain`."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from sqlalchemy import Connection

from desktop.domain import categories as cat
from desktop.domain.dates import PartialDate
from desktop.reports.pdf import data_table

HEADERS = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Thôn/bản", "Hoàn cảnh đặc biệt",
           "Người chăm sóc"]  # fmt: skip
WIDTHS = [12 * mm, 45 * mm, 15 * mm, 24 * mm, 28 * mm, 20 * mm, 31 * mm]


def register_rows(conn: Connection, commune: str, today: date) -> list[list[str]]:
    """Every child of the commune in Vietnamese name order, as the list's cells."""
    rows = conn.connection.cursor().execute(
        """SELECT c.full_name, c.sex, c.birth_year, c.birth_month, c.birth_day,
                  COALESCE(v.name, ''),
                  (SELECT group_concat(k.group_code, ', ') FROM circumstance k
                    WHERE k.child_id = c.id AND k.deleted = 0 AND k.kind = 'special'
                      AND k.start_date <= :today
                      AND (k.end_date IS NULL OR k.end_date >= :today)),
                  c.caregiver_name
           FROM child c INDEXED BY ix_child_list_order LEFT JOIN village v ON v.id = c.village_id
           WHERE c.commune_code = :commune AND c.deleted = 0 ORDER BY c.sort_key""",
        {"commune": commune, "today": today.isoformat()},
    )
    return [
        [str(i), r[0], cat.label(cat.SEXES, r[1]), PartialDate(r[2], r[3], r[4]).display(),
         r[5], r[6] or "", r[7]]
        for i, r in enumerate(rows, start=1)
    ]  # fmt: skip


def register_body(rows: list[list[str]]) -> list:
    return [data_table(HEADERS, rows, WIDTHS)]
