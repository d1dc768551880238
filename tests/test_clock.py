"""The hybrid clock cannot overflow or sort out of place; stored old values are re-written; a
failed login recorded while the PC's clock was years ahead locks nobody out once it is fixed."""

from __future__ import annotations

import time

from alembic import command
from sqlalchemy import text

from desktop.db.engine import alembic_config, make_engine, migrate
from desktop.db.keyfile import MAX_DELAY, KeyFile
from desktop.domain.hlc import MAX_MILLIS, HybridClock, Timestamp, canonical, is_canonical

STUCK = 1_900_000_000_000  # 2030-03-17: a clock value made while the PC's clock read 2030


def test_twenty_thousand_writes_under_a_stuck_clock_stay_fixed_width_and_in_order():
    clock = HybridClock("d", lambda: 1_767_600_000_000, last=Timestamp(STUCK, 0, "d"))
    values = [str(clock.now()) for _ in range(20_000)]
    assert all(is_canonical(v) and len(v) == len(values[0]) for v in values)
    assert values == sorted(values) and len(set(values)) == len(values)
    assert values[9_998] == f"{STUCK:013d}-9999-d"
    assert values[9_999] == f"{STUCK + 1:013d}-0000-d"  # the counter carried, no fifth digit


def test_an_old_five_digit_counter_reads_as_the_value_after_9999():
    old = f"{STUCK:013d}-10000-d"
    assert canonical(old) == f"{STUCK + 1:013d}-0000-d"
    assert canonical(old) > f"{STUCK:013d}-9999-d"
    assert Timestamp.parse(old) > Timestamp.parse(f"{STUCK:013d}-9999-d")


def test_a_clock_set_past_2286_is_held_at_the_last_value_13_digits_hold():
    clock = HybridClock("d", lambda: 10**14)
    assert str(clock.now()) == f"{MAX_MILLIS}-0000-d"
    far = clock.receive(Timestamp(10**15, 5, "e"))
    assert len(str(far)) == len(f"{MAX_MILLIS}-0000-d")


def test_receiving_the_servers_time_moves_a_lagging_clock_forward_never_back():
    clock = HybridClock("d", lambda: 1_600_000_000_000)  # the PC reads 2020
    clock.receive(Timestamp(1_767_600_000_000, 0, "server"))
    assert clock.now().millis >= 1_767_600_000_000
    ahead = HybridClock("d", lambda: STUCK)  # the PC reads 2030
    before = ahead.now()
    ahead.receive(Timestamp(1_767_600_000_000, 0, "server"))
    assert ahead.now() > before


def test_stored_five_digit_clocks_are_rewritten_by_the_migration(tmp_path):
    path = tmp_path / "old.db"
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0009")
    old, new = f"{STUCK:013d}-10007-d", f"{STUCK + 1:013d}-0007-d"
    fine = f"{STUCK:013d}-0042-d"
    sync = "commune_code, created_at, updated_at, updated_by, deleted"
    with engine.begin() as conn:
        conn.execute(text(
            f"INSERT INTO village (id, {sync}, name, name_folded) VALUES "
            f"('v1', '02725', '2026-01-05 08:00:00', :old, 'x', 0, 'Sín Chải', 'sin chai'), "
            f"('v2', '02725', '2026-01-05 08:00:00', :fine, 'x', 0, 'Lao Chải', 'lao chai')"
        ), {"old": old, "fine": fine})  # fmt: skip
        conn.execute(text(
            "INSERT INTO change_log (entity, row_id, commune_code, fields, hlc, device_id) "
            "VALUES ('village', 'v1', '02725', '{}', :old, 'd')"
        ), {"old": old})  # fmt: skip
        conn.execute(text("INSERT INTO setting VALUES ('sync.clock', :old)"), {"old": old})
    migrate(engine)
    with engine.connect() as conn:
        stamps = dict(conn.execute(text("SELECT id, updated_at FROM village")).all())
        assert stamps == {"v1": new, "v2": fine}
        assert conn.execute(text("SELECT hlc FROM change_log")).scalar_one() == new
        clock = conn.execute(text("SELECT value FROM setting WHERE key = 'sync.clock'"))
        assert clock.scalar_one() == new
    engine.dispose()


def test_failed_logins_recorded_while_the_clock_read_2030_lock_nobody_for_years(tmp_path):
    keys = KeyFile(tmp_path / "sotreem.keys.json")
    keys.failures, keys.last_failure = 12, time.time() + 3.3 * 365 * 86400  # the clock read 2030
    keys.save()
    assert keys.wait_seconds() <= MAX_DELAY
    # Treated as now once and saved so: the wait counts down from there, as for any failure.
    reread = KeyFile.load(keys.path)
    assert reread.last_failure <= time.time()
    assert reread.wait_seconds(now=reread.last_failure + MAX_DELAY) == 0
