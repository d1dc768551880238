"""Integrity checks of a register database (`sotreem check`): each returns Vietnamese problems."""

from __future__ import annotations

from sqlalchemy import Connection, text

from desktop import reference
from desktop.db import searchindex
from desktop.db.engine import current_revision, head_revision
from desktop.db.models import SYNCED_TABLES
from desktop.db.register import Register


def check_register(register: Register) -> list[str]:
    """Everything wrong with the database, worded for the officer or district IT; [] if sound."""
    problems: list[str] = []
    revision = current_revision(register.engine)
    if revision != head_revision():
        problems.append(f"Lược đồ CSDL ở phiên bản {revision}, cần {head_revision()}.")
    if not register.commune_code and not register.is_reader:
        problems.append("Chưa chọn xã (chạy “sotreem init --commune MÃ_XÃ”).")
    with register.engine.connect() as conn:
        problems += _sqlite_checks(conn)
        problems += _search_index_checks(conn)
        if not register.is_reader:  # a reader sends nothing up: its own trail has no log
            problems += _change_log_checks(conn, register.device_id)
        problems += _data_checks(conn)
    return problems


def _sqlite_checks(conn: Connection) -> list[str]:
    result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
    problems = [] if result == ["ok"] else [f"SQLite integrity_check: {'; '.join(result[:5])}"]
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        problems.append(
            f"{len(broken)} dòng tham chiếu tới bản ghi không tồn tại ({broken[0][0]})."
        )
    return problems


def _search_index_checks(conn: Connection) -> list[str]:
    fts = searchindex.FTS_TABLE
    try:
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    except Exception as exc:  # sqlite reports a corrupt index as an error
        return [f"Chỉ mục tìm kiếm hỏng ({exc.__class__.__name__}); chạy lại sẽ dựng lại chỉ mục."]
    return []


def _change_log_checks(conn: Connection, device_id: str) -> list[str]:
    """Every row last written on this device has its change-log entry (pulled rows have none).

    Conflict records are left out: the server makes them, stamped with either side's clock.
    """
    problems = []
    for table in SYNCED_TABLES:
        if table == "sync_conflict":
            continue
        missing = conn.execute(
            text(
                f"SELECT COUNT(*) FROM {table} t WHERE substr(t.updated_at, 20) = :device "
                "AND NOT EXISTS (SELECT 1 FROM change_log l WHERE l.row_id = t.id)"
            ),
            {"device": device_id},
        ).scalar_one()
        if missing:
            problems.append(f"{missing} dòng của bảng {table} không có trong nhật ký thay đổi.")
    gaps = conn.execute(
        text("SELECT COUNT(*) FROM change_log WHERE row_id = '' OR hlc = '' OR fields = ''")
    ).scalar_one()
    if gaps:
        problems.append(f"{gaps} mục nhật ký thay đổi thiếu thông tin.")
    return problems


def _data_checks(conn: Connection) -> list[str]:
    problems = []
    bad_dates = conn.execute(
        text(
            "SELECT COUNT(*) FROM circumstance WHERE end_date IS NOT NULL AND end_date < start_date"
        )
    ).scalar_one()
    if bad_dates:
        problems.append(f"{bad_dates} hoàn cảnh có ngày kết thúc trước ngày bắt đầu.")
    codes = set(reference.ethnic_groups())
    for (code,) in conn.execute(
        text("SELECT DISTINCT ethnic_code FROM child WHERE ethnic_code IS NOT NULL")
    ):
        if code not in codes:
            problems.append(f"Mã dân tộc “{code}” không có trong danh mục.")
    bad_ids = conn.execute(
        text(
            "SELECT COUNT(*) FROM child WHERE personal_id IS NOT NULL AND "
            "(length(personal_id) != 12 OR personal_id GLOB '*[^0-9]*')"
        )
    ).scalar_one()
    if bad_ids:
        problems.append(f"{bad_ids} số định danh cá nhân không đủ 12 chữ số.")
    return problems
