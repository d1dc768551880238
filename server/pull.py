"""Serve the change stream by cursor, within the caller's scope."""

from __future__ import annotations

import orjson
from sqlalchemy import Engine, or_, select

from desktop.sync.protocol import VERSION, PullResponse, ServerChange
from server.auth import Caller
from server.db import reading
from server.schema import change, rev_counter

MAX_LIMIT = 5000


def pull(
    engine: Engine,
    caller: Caller,
    after: int,
    limit: int,
    max_limit: int = MAX_LIMIT,
    incarnation: str | None = None,
) -> PullResponse:
    """Changes after `after`, oldest first; a device's own changes are left out — only those of
    its current `incarnation` when it names one: a copy restored from a backup gets back what
    its earlier incarnations sent after the backup (the rest it already holds, and applies
    again harmlessly).

    The counter is read first: every revision up to it has committed (see `server.apply`), so
    the cursor can move past changes out of scope without ever skipping one still in flight.
    """
    limit = max(1, min(limit, max_limit))
    with reading(engine) as conn:
        top = conn.execute(select(rev_counter.c.rev).where(rev_counter.c.id == 1)).scalar_one()
        query = (
            select(change.c.rev, change.c.entity, change.c.row_id, change.c.commune_code,
                   change.c.hlc, change.c.by, change.c.fields)
            .where(change.c.rev > after, change.c.rev <= top,
                   change.c.commune_code.in_(sorted(caller.communes)))
            .order_by(change.c.rev)
            .limit(limit + 1)
        )  # fmt: skip
        if caller.is_device:
            others = [change.c.device_id.is_(None), change.c.device_id != caller.name]
            if incarnation:
                others += [change.c.incarnation.is_(None), change.c.incarnation != incarnation]
            query = query.where(or_(*others))
        rows = conn.execute(query).all()
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = rows[-1].rev if more else max(top, after)
    return PullResponse(
        v=VERSION,
        changes=[
            ServerChange(
                rev=r.rev, entity=r.entity, id=r.row_id, commune=r.commune_code, hlc=r.hlc,
                by=r.by, fields=orjson.loads(r.fields),
            )
            for r in rows
        ],
        cursor=cursor,
        more=more,
    )  # fmt: skip
