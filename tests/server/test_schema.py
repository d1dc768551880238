"""The server schema: Alembic migrations match the tables, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command

from server.db import alembic_config, current_revision, head_revision, make_engine, migrate


def test_migrations_build_the_schema_the_code_expects(database_url):
    engine = make_engine(database_url)
    try:
        migrate(engine)
        assert current_revision(engine) == head_revision()
        migrate(engine)  # starting the server again is a no-op
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.check(config)  # raises if autogenerate would produce operations
    finally:
        engine.dispose()


def test_postgresql_urls_as_people_type_them_use_the_shipped_driver():
    from server.db import normalize_url

    assert normalize_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_a_server_database_of_the_first_revision_upgrades_and_keeps_its_devices(database_url):
    """Devices registered before the key file keep working (their secret comes later); a
    clock value in the old 5-digit form is re-written in the fixed-width one."""
    import json

    from sqlalchemy import text

    engine = make_engine(database_url)
    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
        old, fixed = "1900000000000-10003-d1", "1900000000001-0003-d1"
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO device (id, commune_code, name, token_hash, created_at, revoked, "
                "acked_seq, acked_hlc) VALUES ('d1', '02725', '', 'h', '2026-01-01', false, 3, :o)"
            ), {"o": old})  # fmt: skip
            conn.execute(text(
                "INSERT INTO change (rev, entity, row_id, commune_code, hlc, \"by\", device_id, "
                "fields) VALUES (1, 'child', 'c1', '02725', :o, '', 'd1', '{}')"
            ), {"o": old})  # fmt: skip
            conn.execute(text(
                "INSERT INTO record (entity, id, commune_code, data, clock) VALUES "
                "('child', 'c1', '02725', '{}', :c)"
            ), {"c": json.dumps({"full_name": [old, 1, "d1", ""]})})  # fmt: skip
        migrate(engine)
        with engine.connect() as conn:
            device = conn.execute(text("SELECT * FROM device")).mappings().one()
            assert device["acked_seq"] == 3 and device["bundle_secret"] is None
            assert device["acked_hlc"] == fixed
            assert conn.execute(text("SELECT hlc FROM change")).scalar_one() == fixed
            clock = json.loads(conn.execute(text("SELECT clock FROM record")).scalar_one())
            assert clock["full_name"][0] == fixed
    finally:
        engine.dispose()
