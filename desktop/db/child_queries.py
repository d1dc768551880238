"""The one child search: ordered row ids for a filter + search, and rows fetched by rowid.

"Name matches first, each part in Vietnamese name order" is decided here and only here: the
children list keeps every matching rowid (a few MB for 100,000 children) and asks for the
visible rows a page at a time, so memory stays bounded and scrolling stays smooth; `find` (the
command line, the case form's child picker) asks for the first `limit` rowids and their rows.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice

from sqlalchemy import Connection, text

from desktop.db import searchindex
from desktop.domain import categories as cat
from desktop.domain.dates import PartialDate
from desktop.domain.names import search_query_tokens


@dataclass(frozen=True)
class ChildFilter:
    search: str = ""
    special_group: str | None = None  # a legal group code, or "*" for any
    risk_group: str | None = None  # a risk group code, or "*" for any
    village_id: str | None = None
    age_band: str | None = None
    sex: str | None = None
    ethnic_code: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class ChildRow:
    """A child as lists and search results show it (groups current as of the day asked)."""

    rowid: int
    id: str
    full_name: str
    sex: str
    birth: PartialDate
    ethnic_code: str | None
    village: str
    special_groups: str
    risk_groups: str
    caregiver_name: str
    personal_id: str | None
    status: str


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _circumstance_clause(kind: str, code: str, params: dict[str, object], key: str) -> str:
    params[f"{key}_kind"] = kind
    group = "" if code == "*" else f" AND k.group_code = :{key}_code"
    if code != "*":
        params[f"{key}_code"] = code
    return (
        "EXISTS (SELECT 1 FROM circumstance k WHERE k.child_id = c.id AND k.deleted = 0 "
        f"AND k.kind = :{key}_kind{group} AND k.start_date <= :today "
        "AND (k.end_date IS NULL OR k.end_date >= :today))"
    )


# Above this many matches a limited search walks the name index instead of sorting the matches.
_DENSE_MATCHES = 2000


class NameOrder:
    """Every rowid of the commune in Vietnamese name order, kept until the data changes.

    Search and filters only decide *which* children match (cheap, unordered); the order comes
    from this list, so a keystroke never sorts tens of thousands of rows. The version is the
    change log's newest sequence number and the newest rowid: any write, from this process or
    another, moves one of them.
    """

    def __init__(self) -> None:
        self.version: tuple[int, int] | None = None
        self.rowids: list[int] = []
        self.position: dict[int, int] = {}

    def current(self, conn: Connection, commune: str) -> list[int]:
        cursor = conn.connection.cursor()
        version = cursor.execute(
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM change_log), "
            "(SELECT COALESCE(MAX(rowid), 0) FROM child)"
        ).fetchone()
        if version != self.version:
            rows = cursor.execute(
                "SELECT rowid FROM child INDEXED BY ix_child_list_order "
                "WHERE commune_code = ? AND deleted = 0 ORDER BY sort_key",
                (commune,),
            ).fetchall()
            self.rowids = [r[0] for r in rows]
            self.position = {rowid: i for i, rowid in enumerate(self.rowids)}
            self.version = version
        return self.rowids

    def arrange(self, matches: set[int], limit: int | None = None) -> list[int]:
        """The matching rowids in name order (the first `limit` of them)."""
        if len(matches) * 8 > len(self.rowids):
            # Many matches: walk the name order, which stops early when only a few are wanted.
            return list(islice(filter(matches.__contains__, self.rowids), limit))
        position = self.position
        known = (r for r in matches if r in position)
        if limit is None:
            return sorted(known, key=position.__getitem__)
        return heapq.nsmallest(limit, known, key=position.__getitem__)


def child_rowids(
    conn: Connection,
    commune: str,
    flt: ChildFilter,
    today: date,
    order: NameOrder,
    limit: int | None = None,
) -> list[int]:
    """Rowids of matching children: name matches first, each part in Vietnamese name order.

    Every typed word must start a word of the name (or, after the names, of the personal ID,
    caregiver or village); diacritics are optional. With `limit`, only the first ones.
    """
    everyone = order.current(conn, commune)
    params: dict[str, object] = {"commune": commune, "today": today.isoformat()}
    where = ["c.commune_code = :commune", "c.deleted = 0"]
    tokens = search_query_tokens(flt.search)
    for column in ("village_id", "sex", "ethnic_code", "status"):
        value = getattr(flt, column)
        if value is not None:
            where.append(f"c.{column} = :{column}")
            params[column] = value
    if flt.age_band is not None:
        band = next(b for b in cat.AGE_BANDS if b.code == flt.age_band)
        # age >= min  ⇔  latest birth <= today − min years;  age < max  ⇔  latest > today − max
        where.append("c.birth_latest <= :age_oldest_birth AND c.birth_latest > :age_limit")
        params["age_oldest_birth"] = _years_before(today, band.min_age).isoformat()
        params["age_limit"] = _years_before(today, band.max_age).isoformat()
    if flt.special_group is not None:
        where.append(_circumstance_clause("special", flt.special_group, params, "sp"))
    if flt.risk_group is not None:
        where.append(_circumstance_clause("risk", flt.risk_group, params, "rk"))
    if not tokens and len(where) == 2:
        return list(everyone[:limit])

    cursor = conn.connection.cursor()  # plain sqlite3: tens of thousands of ints, no Row objects

    def rowids(sql: str, query_params: dict[str, object]) -> set[int]:
        return {r[0] for r in cursor.execute(sql, query_params)}

    fts = searchindex.FTS_TABLE
    found = f"SELECT rowid FROM {fts} WHERE {fts} MATCH :match"
    filtered = None
    if len(where) > 2:
        filtered = rowids(f"SELECT c.rowid FROM child c WHERE {' AND '.join(where)}", params)
    if not tokens:
        return order.arrange(filtered or set(), limit)

    def in_name_order(match: str, after: list[int], want: int | None) -> list[int]:
        """Rowids matching `match` and the filters, not in `after`, in name order (`want`)."""
        if want is not None:
            probe = rowids(f"{found} LIMIT {_DENSE_MATCHES}", {"match": match})
            if len(probe) >= _DENSE_MATCHES:
                # Many matches and only the first few wanted: SQLite walks the name-order index
                # and stops after them, instead of Python collecting every match first.
                walked = cursor.execute(
                    "SELECT c.rowid FROM child c INDEXED BY ix_child_list_order "
                    f"WHERE {' AND '.join(where)} AND c.rowid IN ({found}) "
                    "ORDER BY c.sort_key LIMIT :want",
                    {**params, "match": match, "want": want + len(after)},
                )
                skip = set(after)
                return [r[0] for r in walked if r[0] not in skip][:want]
            matches = probe
        else:
            matches = rowids(found, {"match": match})
        if filtered is not None:
            matches &= filtered
        return order.arrange(matches.difference(after), want)

    first = in_name_order(searchindex.match_expression(tokens, names_only=True), [], limit)
    if tokens == [tokens[0][:1]] or (limit is not None and len(first) >= limit):
        # One letter typed: the first key of a name. Matching IDs, caregivers and villages too
        # would list most of the register and make every first keystroke slow.
        return first
    rest = None if limit is None else limit - len(first)
    return first + in_name_order(searchindex.match_expression(tokens), first, rest)

def child_page(conn: Connection, rowids: Sequence[int], today: date) -> dict[int, ChildRow]:
    """The rows of these children, keyed by rowid (current groups as of `today`)."""
    if not rowids:
        return {}
    marks = ",".join(str(int(r)) for r in rowids)
    groups = (
        "(SELECT group_concat(group_code, ', ') FROM circumstance k WHERE k.child_id = c.id "
        "AND k.deleted = 0 AND k.kind = '{kind}' AND k.start_date <= :today "
        "AND (k.end_date IS NULL OR k.end_date >= :today))"
    )
    sql = text(
        f"""
        SELECT c.rowid, c.id, c.full_name, c.sex, c.birth_year, c.birth_month, c.birth_day,
               c.ethnic_code, COALESCE(v.name, ''), {groups.format(kind="special")},
               {groups.format(kind="risk")}, c.caregiver_name, c.personal_id, c.status
        FROM child c LEFT JOIN village v ON v.id = c.village_id
        WHERE c.rowid IN ({marks})
        """
    )
    rows = {}
    for r in conn.execute(sql, {"today": today.isoformat()}):
        rows[r[0]] = ChildRow(
            rowid=r[0], id=r[1], full_name=r[2], sex=r[3], birth=PartialDate(r[4], r[5], r[6]),
            ethnic_code=r[7], village=r[8], special_groups=r[9] or "", risk_groups=r[10] or "",
            caregiver_name=r[11], personal_id=r[12], status=r[13],
        )  # fmt: skip
    return rows
