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
