"""A database made by an older schema upgrades on open and keeps every row."""

from alembic import command
from sqlalchemy import text

from desktop.db.engine import alembic_config, current_revision, head_revision, make_engine, migrate
from desktop.db.register import Register

NOW = "2026-01-05 08:00:00.000000"


def _fill_at_first_revision(conn):
    sync = "commune_code, created_at, updated_at, updated_by, deleted"
    conn.execute(text("INSERT INTO setting VALUES ('commune_code', '02725')"))
    conn.execute(
        text(
            f"INSERT INTO village (id, {sync}, name, name_folded) VALUES "
            f"('v1', '02725', '{NOW}', 'h1', 'x', 0, 'Sín Chải', 'sin chai')"
        )
    )
    children = [
        ("c1", "Đặng Thị Mai", "dang thi mai", "F", 2015, None, None, "09", "015315000001"),
        ("c2", "Vàng A Dính", "vang a dinh", "M", 2018, 3, 4, "08", None),
    ]
    for cid, name, folded, sex, year, month, day, ethnic, pid in children:
        conn.execute(
            text(
                f"INSERT INTO child (id, {sync}, full_name, name_folded, sort_key, sex, "
                "birth_year, birth_month, birth_day, ethnic_code, village_id, personal_id, "
                "caregiver_name, caregiver_relation, contact_phone, status, notes) VALUES "
                f"(:id, '02725', '{NOW}', 'h', 'x', 0, :name, :folded, :folded, :sex, :year, "
                ":month, :day, :ethnic, 'v1', :pid, 'Giàng Thị Súa', 'Mẹ', '', 'active', '')"
            ),
            dict(
                id=cid,
                name=name,
                folded=folded,
                sex=sex,
                year=year,
                month=month,
                day=day,
                ethnic=ethnic,
                pid=pid,
            ),
        )
    conn.execute(
        text(
            f"INSERT INTO circumstance (id, {sync}, child_id, kind, group_code, start_date, "
            f"end_reason, notes) VALUES ('k1', '02725', '{NOW}', 'h', 'x', 0, 'c1', 'special', "
            "'d', '2024-01-10', '', '')"
        )
    )
    conn.execute(
        text(
            "INSERT INTO change_log (entity, row_id, commune_code, fields, hlc, device_id) "
            "VALUES ('child', 'c1', '02725', '{}', '1767600000000-0000-d', 'd')"
        )
    )


def test_first_revision_filled_then_upgraded_keeps_every_row(tmp_path):
    path = tmp_path / "old.db"
    engine = make_engine(path)
    migrate(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as conn:
        _fill_at_first_revision(conn)
        before = {
            table: conn.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()
            for table in ("village", "child", "circumstance", "change_log", "setting")
        }
    engine.dispose()

    register = Register.open(path)  # upgrades to head on open
    assert current_revision(register.engine) == head_revision()
    with register.engine.connect() as conn:
        for table, rows in before.items():
            after = conn.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()
            width = len(rows[0])
            assert set(rows) <= {r[:width] for r in after}, table  # opening adds a device id
    # later revisions computed their new columns from the old rows
    with register.engine.connect() as conn:
        latest = dict(conn.execute(text("SELECT id, birth_latest FROM child")).all())
    assert latest == {"c1": "2015-12-31", "c2": "2018-03-04"}
    # the new search index was built from the old rows
    assert [r.id for r in register.find("dang")] == ["c1"]
    assert [r.id for r in register.find("giang thi sua")] == ["c1", "c2"]
    assert [r.id for r in register.find("015315")] == ["c1"]
    register.close()


def test_models_and_migrations_do_not_drift(tmp_path):
    engine = make_engine(tmp_path / "check.db")
    migrate(engine)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.check(config)  # raises if autogenerate would produce operations


def test_downgrade_to_first_revision_and_back(tmp_path):
    engine = make_engine(tmp_path / "roundtrip.db")
    migrate(engine)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    assert current_revision(engine) == "0001"
    migrate(engine)
    assert current_revision(engine) == head_revision()
