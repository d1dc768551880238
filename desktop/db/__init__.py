"""The local SQLite register: tables, migrations, search index and the `Register` façade."""
