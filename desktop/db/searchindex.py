"""The FTS5 index over children, kept in step with the `child` table by triggers.

The index is external-content over two folded columns of `child` (so đ → d works, which FTS5's
own `remove_diacritics` never does): `name_folded`, the child's name, and `search_text`, the
personal ID, caregiver and village. Name matches are listed before the others.

Migrations that rebuild the `child` table (Alembic batch mode on SQLite) drop these triggers and
change rowids: they must call `install` again.
"""

from __future__ import annotations

from collections.abc import Callable

FTS_TABLE = "child_fts"

_STATEMENTS = (
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        name_folded, search_text, content='child', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3', detail=column)""",
    f"""CREATE TRIGGER IF NOT EXISTS child_fts_ai AFTER INSERT ON child BEGIN
        INSERT INTO {FTS_TABLE}(rowid, name_folded, search_text)
        VALUES (new.rowid, new.name_folded, new.search_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS child_fts_ad AFTER DELETE ON child BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name_folded, search_text)
        VALUES ('delete', old.rowid, old.name_folded, old.search_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS child_fts_au AFTER UPDATE OF name_folded, search_text ON child
    BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name_folded, search_text)
        VALUES ('delete', old.rowid, old.name_folded, old.search_text);
        INSERT INTO {FTS_TABLE}(rowid, name_folded, search_text)
        VALUES (new.rowid, new.name_folded, new.search_text);
    END""",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)


def install(execute: Callable[[str], object]) -> None:
    """(Re)create the index and its triggers and fill it from the `child` table."""
    for trigger in ("child_fts_ai", "child_fts_ad", "child_fts_au"):
        execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for statement in _STATEMENTS:
        execute(statement)


def match_expression(tokens: list[str], *, names_only: bool = False) -> str:
    """FTS5 query: every token must match as a word prefix ("nguyen thi h" → 3 prefixes)."""
    expression = " ".join(f'"{t}"*' for t in tokens)
    return f"name_folded : ({expression})" if names_only else expression
